import * as vscode from 'vscode';
import { analyzeChange } from '../../core/evaluate/engine';
import type { ImpactReport } from '../../core/evaluate/report';
import { Disposable } from '../base/disposable';
import type { FileState, GitChangesModel } from './gitChangesModel';
import type { GitRepository } from './gitApi';
import type { RepositoryModel } from './repositoryModel';
import type { RadarSettings } from '../settings';
import type { StatusModel } from './statusModel';
import type { WorkspaceModel } from './workspaceModel';
import { localRiskPhrases } from './riskPhrases';

/** The impact of one folder's current working-tree and staged changes. */
export interface FolderImpact {
  readonly model: RepositoryModel;
  readonly at: number;
  readonly repository: GitRepository;
  readonly files: ReadonlyMap<string, FileState>;
  readonly report: ImpactReport;
}

/**
 * `analyzeChange` over each folder's git changes, recomputed when the repository state, the
 * manifest, the settings or the time (through `StatusModel`) changes. Git is started lazily, after
 * activation, and never in an untrusted workspace.
 */
export class ImpactModel extends Disposable {
  private readonly onDidChangeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.onDidChangeEmitter.event;

  private impacts: FolderImpact[] = [];

  constructor(
    private readonly models: WorkspaceModel,
    private readonly status: StatusModel,
    readonly git: GitChangesModel,
    private readonly settings: RadarSettings,
  ) {
    super();
    this._register(git.onDidChange(() => this.recompute()));
    this._register(status.onDidChange(() => this.recompute()));
    this._register(models.onDidChange(() => this.startGitWhenNeeded()));
  }

  get all(): readonly FolderImpact[] {
    return this.impacts;
  }

  impactOf(model: RepositoryModel): FolderImpact | undefined {
    return this.impacts.find((i) => i.model === model);
  }

  recompute(): void {
    const at = this.status.clock.now();
    this.impacts = this.models.withManifest.flatMap((model) => {
      const compiled = model.snapshot.model;
      const changes = this.git.changesIn(model.folder.uri);
      if (!compiled || !changes) {
        return [];
      }
      const paths = [...changes.files.keys()].sort();
      const report = analyzeChange(compiled, paths, at, { horizonMs: this.settings.horizonMs(model.folder), riskPhrases: localRiskPhrases });
      return [{ model, at, repository: changes.repository, files: changes.files, report }];
    });
    this.onDidChangeEmitter.fire();
  }

  /**
   * The report of `impact` as the CLI writes it (`check`): in English whatever the display language,
   * for text shared with others (Copy Impact Report). The views read `impact.report`, worded in it.
   */
  englishReport(impact: FolderImpact): ImpactReport {
    const compiled = impact.model.snapshot.model;
    if (compiled === undefined) return impact.report;
    return analyzeChange(compiled, [...impact.files.keys()].sort(), impact.at, { horizonMs: this.settings.horizonMs(impact.model.folder) });
  }

  private startGitWhenNeeded(): void {
    if (this.models.withManifest.length > 0 && this.git.status === 'starting') {
      void this.git.start();
    }
  }
}
