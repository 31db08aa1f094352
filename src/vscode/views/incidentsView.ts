import * as vscode from 'vscode';
import { Commands, ContextKeys, Views } from '../constants';
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
import type { ViewNode } from './viewModel/viewNode';
import type { IncidentReport } from '../../core/evaluate/report';
import { changeWindow } from '../../core/history/incidentChanges';
import type { SystemDef } from '../../core/model';
import { parseIso } from '../../report/timeText';
import { IncidentHistory } from '../model/incidentHistory';
import type { IncidentRef } from '../model/incidentHistory';
import { buildCommitNodes, changesLabel, changesRowId } from './viewModel/incidentChangesViewModel';
import type { ChangedCommit } from '../../core/history/incidentChanges';
import { t, tn } from '../base/l10n';

const showResolvedStateKey = 'changeRadar.incidents.showResolved';

/** Incidents view: active incidents by severity; a badge counts active sev1/sev2. */
export class IncidentsView extends Disposable {
  readonly tree: RadarTreeView;
  private readonly showResolvedKey = new ContextKey<boolean>(ContextKeys.showResolvedIncidents);
  private readonly toggled = this._register(new vscode.EventEmitter<void>());
  /** What changed before each incident: asked when its changes row is expanded (or by the command). */
  readonly history = new IncidentHistory();
  /** Folder key + changes row id → what its commits are asked with (set by compute). */
  private lazyRows = new Map<string, ChangesTarget>();
  /** Commit rows → the commit and its repository, for the row commands (commands/incidentChangesCommands.ts). */
  private readonly commitRows = new WeakMap<ViewNode, CommitTarget>();

  constructor(private readonly services: RadarServices) {
    super();
    this.showResolvedKey.set(this.showResolved);
    this.tree = this._register(
      new RadarTreeView(Views.incidents, () => this.compute(), [services.status.onDidChange, this.toggled.event, ...(services.live ? [services.live.onDidChange] : [])], folderResolver(services.models), (n) => this.changesRows(n)),
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

  /** The commit a commit row stands for, and its repository's folder; undefined for any other row. */
  commitOf(row: unknown): CommitTarget | undefined {
    return typeof row === 'object' && row !== null ? this.commitRows.get(row as ViewNode) : undefined;
  }

  /** Incidents the command can ask about: every folder's active ones with a start, then resolved ones. */
  targets(): ChangesTarget[] {
    this.compute();
    return [...this.lazyRows.values()];
  }

  /** A changes row's commit rows: git is asked now, off the UI thread (a child process), and the answer kept per incident and HEAD. */
  private async changesRows(n: ViewNode): Promise<readonly ViewNode[]> {
    const local = n.folder !== undefined && n.id.startsWith(`${n.folder}#`) ? n.id.slice(n.folder.length + 1) : n.id;
    const target = this.lazyRows.get(`${n.folder ?? ''}\0${local}`);
    if (target === undefined) return [];
    try {
      const before = this.history.lastCount(target.root, target.incident.id);
      const answer = await this.history.changes(target.root, target.systems, target.incident, target.at);
      const rows = buildCommitNodes({ parentId: n.id, commits: answer.commits, at: target.at, localZone: localTimeZone(), ...(answer.remote !== undefined ? { remote: answer.remote } : {}) })
        .map((row) => ({ ...row, ...(n.folder !== undefined ? { folder: n.folder } : {}), ...(row.contextValue?.startsWith('changeCommit') === true ? { command: Commands.openCommitChanges } : {}) }));
      rows.forEach((row, index) => {
        const commit = answer.commits[index];
        if (commit !== undefined && row.command !== undefined) this.commitRows.set(row, { root: target.root, commit, ...(row.url !== undefined ? { prUrl: row.url } : {}) });
      });
      // The row's `(N)`: shown once known, so the tree is refreshed when it changed.
      if (before !== answer.commits.length) this.toggled.fire();
      return rows;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return [{ id: `${n.id}/error`, label: t('Could not read the history: {0}', message), icon: { id: 'error' }, contextValue: 'changesError', children: [] }];
    }
  }

  private compute(): ViewContent {
    const { status, models, ...services } = this.services;
    const showResolved = this.showResolved;
    const lazyRows = new Map<string, ChangesTarget>();
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
        changesLabel: (i) => {
          const manifest = s.model.snapshot.manifest;
          const incident = manifest !== undefined && vscode.workspace.isTrusted ? incidentRef(i, manifest.incidents) : undefined;
          if (manifest === undefined || incident?.started === undefined) return undefined;
          const window = changeWindow({ incident, now: s.at });
          if (typeof window === 'string') return undefined;
          const root = s.model.folder.uri.fsPath;
          lazyRows.set(`${s.model.key}\0${changesRowId(`incident/${i.id}`)}`, { root, folderName: s.model.folder.name, title: i.title, systems: manifest.systems, incident, at: s.at });
          return changesLabel(window, incident.started, this.history.lastCount(root, i.id));
        },
      })],
    }));
    this.lazyRows = lazyRows;
    const urgent = status.all.reduce((sum, s) => sum + urgentIncidentCount(s.report.incidents), 0);
    const hasIncidents = folders.some((f) => f.nodes.some((n) => !n.id.startsWith('source/')));
    const nodes = folders.some((f) => f.nodes.length > 0) ? groupByFolder(Views.incidents, folders.filter((f) => f.nodes.length > 0)) : [];
    const empty = status.all.length > 0 && !hasIncidents ? t('No active incidents.') : undefined;
    return {
      nodes,
      message: joinMessages(invalidManifestBanner(models), empty),
      badge: urgent > 0 ? { value: urgent, tooltip: tn(urgent, { one: '{0} active sev1/sev2 incident', other: '{0} active sev1/sev2 incidents' }, urgent) } : undefined,
    };
  }
}

/** An incident whose changes can be asked for, with what they are asked with. */
export interface ChangesTarget {
  readonly root: string;
  readonly folderName: string;
  readonly title: string;
  readonly systems: readonly SystemDef[];
  readonly incident: IncidentRef;
  readonly at: number;
}

/** A commit row's commit. */
export interface CommitTarget {
  readonly root: string;
  readonly commit: ChangedCommit;
  readonly prUrl?: string;
}

/** The manifest's incident (its resolution too), or the report's (a live source's). */
function incidentRef(i: IncidentReport, incidents: readonly IncidentRef[]): IncidentRef {
  const declared = incidents.find((d) => d.id === i.id);
  if (declared !== undefined) return declared;
  const started = parseIso(i.started);
  return { id: i.id, systems: i.systems, ...(started !== undefined ? { started } : {}) };
}
