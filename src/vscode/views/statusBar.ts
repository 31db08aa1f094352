import { escapeText } from '../../report/escape';
import * as vscode from 'vscode';
import { Views } from '../constants';
import { Disposable } from '../base/disposable';
import { localTimeZone } from '../services';
import type { RadarServices } from '../services';
import { summarizeStatus } from './viewModel/statusSummary';
import type { StatusSummary, SummaryTarget } from './viewModel/statusSummary';

const targetCommand: Record<SummaryTarget, string> = {
  impact: `${Views.impact}.focus`,
  incidents: `${Views.incidents}.focus`,
  freezes: `${Views.freezes}.focus`,
  milestones: `${Views.milestones}.focus`,
  problems: 'workbench.actions.view.problems',
};

/** One status-bar item with the worst current state; a click focuses the view that explains it. */
export class StatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('changeRadar.status', vscode.StatusBarAlignment.Left, 10));
  private summary: StatusSummary | undefined;
  private tick: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: RadarServices) {
    super();
    this.item.name = 'Change Radar';
    this._register(services.status.onDidChange(() => this.update()));
    this._register(services.impact.onDidChange(() => this.update()));
    this._register(services.models.onDidChange(() => this.update()));
    this._register(services.settings.onDidChange(() => this.update()));
    this._register({ dispose: () => clearTimeout(this.tick) });
    this.update();
  }

  /** What the item currently says (for the test API). */
  get current(): StatusSummary | undefined {
    return this.summary;
  }

  /** What VS Code shows and reads out for the item now (for the test API); undefined when hidden. */
  get shown(): Pick<vscode.StatusBarItem, 'text' | 'tooltip' | 'accessibilityInformation'> | undefined {
    if (this.summary === undefined) return undefined;
    const { text, tooltip, accessibilityInformation } = this.item;
    return { text, tooltip, accessibilityInformation };
  }

  private update(): void {
    clearTimeout(this.tick);
    const { models, status, impact, settings, clock } = this.services;
    if (models.withManifest.length === 0 || !settings.statusBarEnabled()) {
      this.summary = undefined;
      this.item.hide();
      return;
    }
    const summary = summarizeStatus(
      models.withManifest.map((model) => ({
        name: model.folder.name,
        invalid: model.snapshot.invalid,
        extendsFailures: model.snapshot.problems.filter((p) => p.code === 'extends-unavailable' || p.code === 'extends-tampered').map((p) => p.message),
        status: status.statusOf(model)?.report,
        impact: impact.impactOf(model)?.report,
      })),
      { at: clock.now(), horizonMs: settings.countdownMs(), localZone: localTimeZone() },
    );
    this.summary = summary;
    // Titles and ids from the manifest: control and bidi characters shown escaped.
    this.item.text = escapeText(summary.text);
    this.item.tooltip = escapeText(summary.tooltip);
    // Screen readers hear the state in words; the background colour and codicons say nothing to them.
    this.item.accessibilityInformation = { label: escapeText(summary.accessibility) };
    this.item.command = targetCommand[summary.target];
    this.item.backgroundColor =
      summary.level === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : summary.level === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.show();
    // A countdown reads in whole minutes: render again when the minute changes.
    if (summary.countdownTo !== undefined) {
      const left = summary.countdownTo - clock.now();
      this.tick = setTimeout(() => this.update(), Math.max(1_000, (left % 60_000) + 1));
    }
  }
}
