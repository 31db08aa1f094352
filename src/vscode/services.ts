import type * as vscode from 'vscode';
import type { GitChangesModel } from './model/gitChangesModel';
import type { ImpactModel } from './model/impactModel';
import type { LiveSources } from './model/liveSources';
import type { RadarClock } from './model/radarClock';
import type { RadarSettings } from './settings';
import type { StatusModel } from './model/statusModel';
import type { WorkspaceModel } from './model/workspaceModel';

/**
 * The shared models every feature is built from. Features (views, commands, diagnostics on save,
 * decorations, commit warnings) take this in their constructor and subscribe to the events they need.
 */
export interface RadarServices {
  readonly context: vscode.ExtensionContext;
  readonly settings: RadarSettings;
  readonly clock: RadarClock;
  /** Manifests per workspace folder; `onDidChange` after every (re)load. */
  readonly models: WorkspaceModel;
  /** Status reports per folder, re-computed at time boundaries. */
  readonly status: StatusModel;
  /** Working-tree and index changes through the git extension (never in untrusted workspaces). */
  readonly git: GitChangesModel;
  /** Impact reports of the current changes per folder. */
  readonly impact: ImpactModel;
  /** Live incident sources (docs/sources.md); absent in tests that build services by hand. */
  readonly live?: LiveSources;
}

/** The user's IANA zone, for absolute times in tooltips. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
