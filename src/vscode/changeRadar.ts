import * as vscode from 'vscode';
import type { ViewId } from './constants';
import { walkthroughId } from './constants';
import { Disposable } from './base/disposable';
import { epochNow, startupMarks } from './base/startupMarks';
import type { StartupMarks } from './base/startupMarks';
import { FreezesView } from './views/freezesView';
import { GitChangesModel } from './model/gitChangesModel';
import { copyOverrideTrailer } from './warnings/codeActions';
import { HookCommands } from './commands/hookCommands';
import { ImpactModel } from './model/impactModel';
import { ImpactView } from './views/impactView';
import { IncidentsView } from './views/incidentsView';
import { IncidentChangesCommands } from './commands/incidentChangesCommands';
import { InsightCommands } from './commands/insightCommands';
import { ManifestCommands } from './commands/manifestCommands';
import { registerEditorCommands } from './commands/registerEditorCommands';
import { LiveSources } from './model/liveSources';
import { ManifestDiagnostics } from './warnings/manifestDiagnostics';
import { ManifestLanguage } from './language/manifestLanguage';
import { ManifestProposals } from './language/manifestProposal';
import { MilestonesView } from './views/milestonesView';
import { RadarClock } from './model/radarClock';
import type { RadarServices } from './services';
import type { RadarTreeView, ViewContent } from './views/radarTreeView';
import { registerWarnings } from './warnings/registerWarnings';
import type { WarningsTestApi } from './warnings/registerWarnings';
import { RadarSettings } from './settings';
import { ExtendedManifests } from './language/extendedManifests';
import { StatusBar } from './views/statusBar';
import { StatusModel } from './model/statusModel';
import { TimelinePanel } from './views/timelinePanel';
import type { StatusSummary } from './views/viewModel/statusSummary';
import type { ViewNode } from './views/viewModel/viewNode';
import { WorkspaceModel } from './model/workspaceModel';
import { WriteActions } from './commands/writeActions';
import type { WriteActionsTestApi } from './commands/writeActions';

/**
 * INTERNAL: returned by `activate()` for the integration tests; not a public API and free to change.
 */
export interface ChangeRadarTestApi {
  /** The rows, message and badge a view shows now (plain data). */
  getTreeData(viewId: ViewId): ViewContent;
  /** A row's children as the tree gets them (a lazy row's are computed then). */
  getChildren(viewId: ViewId, row: ViewNode): Promise<ViewNode[]>;
  /** What the status-bar item says, or undefined when hidden. */
  statusBar(): StatusSummary | undefined;
  /** The status-bar item as VS Code has it (text, tooltip, screen-reader label), or undefined when hidden. */
  statusBarItem(): Pick<vscode.StatusBarItem, 'text' | 'tooltip' | 'accessibilityInformation'> | undefined;
  /** The `TreeItem` a view's provider builds for a row (`getTreeItem`). */
  getTreeItem(viewId: ViewId, row: ViewNode): vscode.TreeItem;
  /** Reloads every manifest, refreshes git and recomputes; resolves when the views are up to date. */
  refresh(): Promise<void>;
  /** Pins the extension's clock to an instant (or unpins it) and recomputes. */
  pinClock(at: number | undefined): void;
  readonly services: RadarServices;
  readonly warnings: WarningsTestApi;
  /** Write actions: the prompt shown now, to answer it. */
  readonly writeActions: WriteActionsTestApi;
  /** The timeline webview's controller. */
  readonly timeline: TimelinePanel;
  /** How long `activate()` took, in ms (for the benchmark's activation case). */
  readonly activationMs: number;
  /** When the steps of start-up happened (epoch ms), for the in-host benchmark. */
  readonly startupMarks: Readonly<StartupMarks>;
}

/** The composition root: builds the shared models, then each feature on top of them. */
export class ChangeRadar extends Disposable {
  readonly services: RadarServices;
  private readonly views: Map<ViewId, RadarTreeView>;
  private readonly statusBarItem: StatusBar;
  private readonly warnings: WarningsTestApi;
  private readonly writeActions: WriteActions;
  private readonly timeline: TimelinePanel;

  constructor(context: vscode.ExtensionContext) {
    super();
    const settings = new RadarSettings();
    const clock = new RadarClock();
    const models = this._register(new WorkspaceModel(settings));
    // Before any other listener of the models: marks the first manifest's load, not what follows it.
    const manifestMark = this._register(models.onDidChange(() => {
      if (models.withManifest.some((m) => m.snapshot.model)) {
        startupMarks.manifestLoaded ??= epochNow();
        manifestMark.dispose();
      }
    }));
    const status = this._register(new StatusModel(models, settings, clock));
    const git = this._register(new GitChangesModel());
    const impact = this._register(new ImpactModel(models, status, git, settings));
    const live = this._register(new LiveSources(models, settings, context.secrets, () => clock.now()));
    this.services = { context, settings, clock, models, status, git, impact, live };

    this._register(new ManifestDiagnostics(models));
    const incidents = this._register(new IncidentsView(this.services));
    const views = [
      incidents.tree,
      this._register(new MilestonesView(this.services)).tree,
      this._register(new FreezesView(this.services)).tree,
      this._register(new ImpactView(this.services)).tree,
    ];
    this.views = new Map(views.map((v) => [v.id, v]));
    // After the views' own listeners: they have recomputed their rows when this runs.
    const viewsMark = this._register(status.onDidChange(() => {
      if (status.all.length > 0) {
        startupMarks.viewsPopulated ??= epochNow();
        viewsMark.dispose();
      }
    }));
    this.statusBarItem = this._register(new StatusBar(this.services));
    const proposals = this._register(new ManifestProposals());
    const manifest = this._register(new ManifestCommands(this.services, proposals));
    const insight = this._register(new InsightCommands(this.services));
    const hooks = this._register(new HookCommands(this.services));
    this.writeActions = this._register(new WriteActions(this.services));
    this.timeline = this._register(new TimelinePanel(this.services));
    this._register(new ManifestLanguage(this.services));
    this._register(new ExtendedManifests());
    this.warnings = registerWarnings(context, { workspace: models, gitChanges: git, settings: this.services.settings, now: () => clock.now(), workspaceState: context.workspaceState });
    // Every command, from one table (commands/editorCommands.ts), on the features just built.
    for (const registration of registerEditorCommands({
      refresh: () => this.refresh(), live, manifest, insight, hooks, incidents, writes: this.writeActions, copyOverrideTrailer, timeline: this.timeline, proposals,
      changes: new IncidentChangesCommands(incidents),
      openWalkthrough: () => Promise.resolve(vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${walkthroughId}`, false)),
    })) this._register(registration);
  }

  async refresh(): Promise<void> {
    const { models, git, status, impact } = this.services;
    await models.reloadAll();
    if (vscode.workspace.isTrusted) {
      await git.refresh();
      await this.services.live?.refresh();
    }
    status.recompute();
    impact.recompute();
  }

  /** Set by `activate()` once wiring is done. */
  activationMs = 0;

  get testApi(): ChangeRadarTestApi {
    const activationMs = (): number => this.activationMs;
    return {
      get activationMs() {
        return activationMs();
      },
      startupMarks,
      getTreeData: (viewId) => {
        const view = this.views.get(viewId);
        if (!view) {
          throw new Error(`unknown view ${viewId}`);
        }
        return view.current;
      },
      getChildren: async (viewId, row) => {
        const view = this.views.get(viewId);
        if (!view) throw new Error(`unknown view ${viewId}`);
        return view.childrenOf(row);
      },
      statusBar: () => this.statusBarItem.current,
      statusBarItem: () => this.statusBarItem.shown,
      getTreeItem: (viewId, row) => {
        const view = this.views.get(viewId);
        if (!view) throw new Error(`unknown view ${viewId}`);
        return view.treeItem(row);
      },
      refresh: () => this.refresh(),
      pinClock: (at) => {
        this.services.clock.pin(at);
        this.services.status.recompute();
      },
      services: this.services,
      warnings: this.warnings,
      writeActions: this.writeActions.testApi,
      timeline: this.timeline,
    };
  }
}
