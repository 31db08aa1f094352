import * as vscode from 'vscode';
import { hookStatus } from '../../node/hookInstaller';
import { folderCaches } from '../model/parseCache';
import { judgeStaged } from '../model/stagedJudge';
import type { RadarSettings } from '../settings';
import { CommitWatcher } from './commitWatcher';
import type { CommitNotice, StagedWarning, WatchedRepository } from './commitWatcher';
import { WarningCodeActions } from './codeActions';
import { Disposable } from '../base/disposable';
import { FreezeDecorations } from './fileDecorations';
import type { GitChangesModel } from '../model/gitChangesModel';
import { relativeTo } from '../model/gitChangesModel';
import { SaveDiagnostics } from './saveDiagnostics';
import { WarningSlices } from './warningSlices';
import type { WorkspaceModel } from '../model/workspaceModel';

export interface WarningsDependencies {
  readonly workspace: WorkspaceModel;
  readonly gitChanges: GitChangesModel;
  readonly settings: RadarSettings;
  /** The extension's clock (tests pin it). */
  readonly now: () => number;
  readonly workspaceState: vscode.Memento;
}

/** What the integration tests reach through the extension's test API. */
export interface WarningsTestApi {
  readonly slices: WarningSlices;
  readonly diagnostics: SaveDiagnostics;
  readonly onDidWarnStaged: vscode.Event<StagedWarning>;
  readonly onDidNoticeCommit: vscode.Event<CommitNotice>;
}

/**
 * Save and commit warnings, wired: diagnostics on save/open, explorer and tab decorations, quick fixes, and the
 * commit watcher. Git is started only once a folder has a manifest, never on the activation path.
 */
export class Warnings extends Disposable implements WarningsTestApi {
  readonly slices: WarningSlices;
  readonly diagnostics: SaveDiagnostics;
  private readonly commits: CommitWatcher;

  constructor({ workspace, gitChanges, settings, now, workspaceState }: WarningsDependencies) {
    super();
    this.slices = this._register(new WarningSlices({
      folders: () => workspace.withManifest.map((repository) => ({ uri: repository.folder.uri, model: repository.snapshot.model })),
      onDidChange: workspace.onDidChange,
    }, now));
    this.diagnostics = this._register(new SaveDiagnostics(this.slices, (uri) => isChanged(gitChanges, uri), gitChanges.onDidChange));
    this._register(new FreezeDecorations(this.slices));
    this._register(new WarningCodeActions(this.diagnostics));
    this.commits = this._register(new CommitWatcher(this.slices, {
      // The git extension's repository objects carry the whole API (git.d.ts); gitApi.ts declares only a part.
      repositories: () => gitChanges.repositories as unknown as readonly WatchedRepository[],
      onDidChange: gitChanges.onDidChange,
    }, {
      isHookInstalled: async (root) => (await hookStatus({ cwd: root.fsPath })).hooks.some((hook) => hook.hook === 'pre-commit' && hook.state !== 'absent' && hook.state !== 'foreign'),
      judgeStaged: async (root, trailer) => (vscode.workspace.isTrusted && root.scheme === 'file'
        ? judgeStaged(root.fsPath, now(), { ...(trailer !== undefined ? { trailer } : {}), horizonMs: settings.horizonMs(workspace.modelFor(root)?.folder), caches: folderCaches(root) })
        : undefined),
      modelFor: (root) => workspace.modelFor(root)?.snapshot.model,
      workspaceState,
    }));
    this._register(workspace.onDidChange(() => {
      if (workspace.withManifest.length > 0) void gitChanges.start();
    }));
  }

  get onDidWarnStaged(): vscode.Event<StagedWarning> {
    return this.commits.onDidWarnStaged;
  }

  get onDidNoticeCommit(): vscode.Event<CommitNotice> {
    return this.commits.onDidNoticeCommit;
  }
}

export function registerWarnings(context: vscode.ExtensionContext, dependencies: WarningsDependencies): Warnings {
  const warnings = new Warnings(dependencies);
  context.subscriptions.push(warnings);
  return warnings;
}

/** Whether git's cached state lists the file as changed (staged, modified or untracked): no git call. */
function isChanged(gitChanges: GitChangesModel, uri: vscode.Uri): boolean {
  const repository = gitChanges.repositoryFor(uri);
  if (!repository) return false;
  const key = uri.toString();
  const { indexChanges, workingTreeChanges, untrackedChanges = [] } = repository.state;
  return [indexChanges, workingTreeChanges, untrackedChanges].some((changes) => changes.some((change) => change.uri.toString() === key))
    && relativeTo(repository.rootUri, uri) !== undefined;
}
