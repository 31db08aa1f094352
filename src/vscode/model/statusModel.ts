import * as vscode from 'vscode';
import { statusReport } from '../../core/evaluate/engine';
import { nextTransition } from '../../core/evaluate/freezeEvaluator';
import { notStartedWithinMs } from '../../core/evaluate/milestoneRisk';
import type { StatusReport } from '../../core/evaluate/report';
import { Disposable, toDisposable } from '../base/disposable';
import type { RadarClock } from './radarClock';
import type { RepositoryModel } from './repositoryModel';
import type { RadarSettings } from '../settings';
import { nextRenderAt } from './renderSchedule';
import { parseIso } from '../../report/timeText';
import type { WorkspaceModel } from './workspaceModel';
import { localRiskPhrases } from './riskPhrases';

/** A folder's status at `at`: active incidents, active and upcoming freezes, milestones at risk. */
export interface FolderStatus {
  readonly model: RepositoryModel;
  readonly at: number;
  readonly report: StatusReport;
}

/**
 * The engine's status report for every folder with a manifest, recomputed when a manifest or a
 * setting changes, and when time crosses a boundary (a freeze starts or ends, a milestone falls
 * due, a shown relative time would read differently), through one timer set for exactly then.
 */
export class StatusModel extends Disposable {
  private readonly onDidChangeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.onDidChangeEmitter.event;

  private statuses: FolderStatus[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scheduledFor: number | undefined;

  constructor(
    private readonly models: WorkspaceModel,
    private readonly settings: RadarSettings,
    readonly clock: RadarClock,
  ) {
    super();
    this._register(models.onDidChange(() => this.recompute()));
    this._register(settings.onDidChange(() => this.recompute()));
    this._register(toDisposable(() => clearTimeout(this.timer)));
    this.recompute();
  }

  get all(): readonly FolderStatus[] {
    return this.statuses;
  }

  statusOf(model: RepositoryModel): FolderStatus | undefined {
    return this.statuses.find((s) => s.model === model);
  }

  /** When the views will next re-render by themselves (for tests and logs). */
  get nextRenderAt(): number | undefined {
    return this.scheduledFor;
  }

  /** Recomputes at the clock's current instant and fires `onDidChange`. */
  recompute(): void {
    const at = this.clock.now();
    this.statuses = this.models.withManifest.flatMap((model) => {
      const compiled = model.snapshot.model;
      if (!compiled) {
        return [];
      }
      return [{ model, at, report: statusReport(compiled, at, { horizonMs: this.settings.horizonMs(model.folder), riskPhrases: localRiskPhrases }) }];
    });
    this.schedule(at);
    this.onDidChangeEmitter.fire();
  }

  private schedule(at: number): void {
    clearTimeout(this.timer);
    // When an answer changes, the evaluator says (a freeze starts, ends or enters the horizon, an
    // override expires, an incident starts, a milestone falls due): no window is read here.
    const boundaries: number[] = [];
    const shown: number[] = [];
    for (const { model, report } of this.statuses) {
      const compiled = model.snapshot.model;
      const next = compiled ? nextTransition(compiled, at, { horizonMs: this.settings.horizonMs(model.folder), milestoneLeadMs: notStartedWithinMs }) : undefined;
      if (next !== undefined) boundaries.push(next);
      // Shown relatively ("ends in 3 h", "since 2 d"): re-rendered when the text would read differently.
      for (const f of report.freezes) shown.push(...[parseIso(f.start), parseIso(f.end)].filter(isNumber));
      shown.push(...report.incidents.map((i) => parseIso(i.started)).filter(isNumber));
      shown.push(...report.milestonesAtRisk.map((m) => parseIso(m.due)).filter(isNumber));
    }
    shown.push(...boundaries);
    if (this.statuses.length === 0) {
      this.scheduledFor = undefined;
      return;
    }
    const next = nextRenderAt(at, boundaries, shown);
    this.scheduledFor = next;
    // A few ms late rather than early: an end instant is exclusive.
    this.timer = setTimeout(() => this.recompute(), Math.min(next - at + 5, 2 ** 31 - 1));
  }
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined;
}
