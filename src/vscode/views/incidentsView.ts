import * as vscode from 'vscode';
import { ContextKeys, Views } from '../constants';
import { ContextKey } from '../base/contextKey';
import { Disposable } from '../base/disposable';
import { RadarTreeView } from './radarTreeView';
import type { ViewContent } from './radarTreeView';
import { localTimeZone } from '../services';
import type { RadarServices } from '../services';
import { folderResolver, invalidManifestBanner, joinMessages } from './viewSupport';
import { buildIncidentNodes, urgentIncidentCount } from './viewModel/incidentsViewModel';
import { buildSourceNodes } from './viewModel/liveSourcesViewModel';
import { groupByFolder } from './viewModel/viewNode';

const showResolvedStateKey = 'changeRadar.incidents.showResolved';

/** Incidents view: active incidents by severity; a badge counts active sev1/sev2. */
export class IncidentsView extends Disposable {
  readonly tree: RadarTreeView;
  private readonly showResolvedKey = new ContextKey<boolean>(ContextKeys.showResolvedIncidents);
  private readonly toggled = this._register(new vscode.EventEmitter<void>());

  constructor(private readonly services: RadarServices) {
    super();
    this.showResolvedKey.set(this.showResolved);
    this.tree = this._register(
      new RadarTreeView(Views.incidents, () => this.compute(), [services.status.onDidChange, this.toggled.event, ...(services.live ? [services.live.onDidChange] : [])], folderResolver(services.models)),
    );
  }

  /** The toggle wins over the setting once used in this workspace. */
  get showResolved(): boolean {
    return this.services.context.workspaceState.get<boolean>(showResolvedStateKey) ?? this.services.settings.showResolvedIncidents();
  }

  /** Show or hide resolved incidents (the commands of the view title, commands/editorCommands.ts). */
  async setShowResolved(value: boolean): Promise<void> {
    await this.services.context.workspaceState.update(showResolvedStateKey, value);
    this.showResolvedKey.set(value);
    this.toggled.fire();
  }

  private compute(): ViewContent {
    const { status, models, ...services } = this.services;
    const showResolved = this.showResolved;
    const folders = status.all.map((s) => ({
      folder: s.model.key,
      name: s.model.folder.name,
      nodes: [...buildSourceNodes(services.live?.rowsOf(s.model, s.at) ?? [], s.at, localTimeZone(), vscode.workspace.isTrusted), ...buildIncidentNodes({
        active: s.report.incidents,
        all: s.model.snapshot.manifest?.incidents ?? [],
        showResolved,
        at: s.at,
        localZone: localTimeZone(),
        oncall: new Map((s.model.snapshot.manifest?.systems ?? []).flatMap((system) => (system.oncall !== undefined ? [[system.id, system.oncall] as const] : []))),
      })],
    }));
    const urgent = status.all.reduce((sum, s) => sum + urgentIncidentCount(s.report.incidents), 0);
    const hasIncidents = folders.some((f) => f.nodes.some((n) => !n.id.startsWith('source/')));
    const nodes = folders.some((f) => f.nodes.length > 0) ? groupByFolder(Views.incidents, folders.filter((f) => f.nodes.length > 0)) : [];
    const empty = status.all.length > 0 && !hasIncidents ? 'No active incidents.' : undefined;
    return {
      nodes,
      message: joinMessages(invalidManifestBanner(models), empty),
      badge: urgent > 0 ? { value: urgent, tooltip: `${urgent} active sev1/sev2 incident${urgent === 1 ? '' : 's'}` } : undefined,
    };
  }
}
