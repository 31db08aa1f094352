import * as vscode from 'vscode';
import { relationText } from '../../core/history/incidentChanges';
import { localRelationPhrases } from '../views/viewModel/incidentChangesViewModel';
import type { ChangedCommit } from '../../core/history/incidentChanges';
import { escapeText } from '../../report/escape';
import { localRelative } from '../views/viewModel/timePhrases';
import { gitExtensionId } from '../model/gitApi';
import type { GitExtension } from '../model/gitApi';
import { commitFiles } from '../model/incidentHistory';
import type { IncidentsView } from '../views/incidentsView';
import { t } from '../base/l10n';

/** The git extension's `toGitUri` (git.d.ts, API 1): a URI of a file's content at a revision. */
interface GitUris {
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

/**
 * The commit rows' commands (Open Commit Changes, Copy SHA, Copy Revert Command, Open Pull
 * Request) and `What Changed Before Incident…`, on the Incidents view's history
 * (views/incidentsView.ts; the commits are those of `change-radar changes`).
 */
export class IncidentChangesCommands {
  constructor(private readonly incidents: IncidentsView) {}

  /** The commit's diff against its first parent, in VS Code's multi-file diff editor (`vscode.changes`). */
  async openChanges(row?: unknown): Promise<void> {
    const target = this.incidents.commitOf(row);
    if (target === undefined) return;
    await openCommitDiff(target.root, target.commit);
  }

  async copySha(row?: unknown): Promise<void> {
    const target = this.incidents.commitOf(row);
    if (target !== undefined) await vscode.env.clipboard.writeText(target.commit.sha);
  }

  async copyRevertCommand(row?: unknown): Promise<void> {
    const target = this.incidents.commitOf(row);
    if (target !== undefined) await vscode.env.clipboard.writeText(`git revert ${target.commit.sha}`);
  }

  async openPullRequest(row?: unknown): Promise<void> {
    const url = this.incidents.commitOf(row)?.prUrl;
    if (url !== undefined) await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  /** A quick pick of incidents, then of the commits before the chosen one; the chosen commit's diff opens. */
  async whatChanged(): Promise<void> {
    const targets = this.incidents.targets();
    if (targets.length === 0) {
      void vscode.window.showInformationMessage(t('Change Radar: no incident with a start time to look back from.'));
      return;
    }
    const several = new Set(targets.map((target) => target.root)).size > 1;
    const incident = await vscode.window.showQuickPick(
      targets.map((target) => ({ label: escapeText(`${target.incident.id} ${target.title}`), description: escapeText([target.incident.systems.join(', '), several ? target.folderName : undefined].filter((p) => p).join(' · ')), target })),
      { title: t('What changed before incident…'), placeHolder: t('Incident') },
    );
    if (incident === undefined) return;
    const chosen = incident.target;
    const answer = await Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: t('Reading the history before {0}', chosen.incident.id) },
      () => this.incidents.history.changes(chosen.root, chosen.systems, chosen.incident, chosen.at),
    )).catch((error: unknown) => {
      void vscode.window.showErrorMessage(t('Change Radar: could not read the history: {0}', error instanceof Error ? error.message : String(error)));
      return undefined;
    });
    if (answer === undefined) return;
    if (answer.commits.length === 0) {
      void vscode.window.showInformationMessage(t('Change Radar: no commit touches {0}\'s systems in the window.', chosen.incident.id));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      answer.commits.map((c) => ({
        label: escapeText(c.subject),
        description: escapeText(`${c.author} · ${localRelative(Date.parse(c.committedAt), chosen.at)} · ${relationText(c, localRelationPhrases)}${c.override !== null ? ` · ${t('override')}` : ''}`),
        detail: escapeText(`${c.sha.slice(0, 12)}${c.pr !== null ? ` · #${c.pr}` : ''}`),
        commit: c,
      })),
      { title: t('Changes before {0}', escapeText(chosen.incident.id)), placeHolder: t('Commit (opens its changes)'), matchOnDescription: true, matchOnDetail: true },
    );
    if (picked !== undefined) await openCommitDiff(chosen.root, picked.commit);
  }
}

/** Opens `commit`'s changes: one [file, before, after] triple per file it changes, with the git extension's URIs. */
async function openCommitDiff(root: string, commit: ChangedCommit): Promise<void> {
  const git = await gitUris();
  if (git === undefined) {
    void vscode.window.showErrorMessage(t('Change Radar: the built-in Git extension is not available to show the commit.'));
    return;
  }
  const files = await commitFiles(root, commit.sha);
  const base = vscode.Uri.file(root);
  const triples = files.map((f) => {
    const uri = vscode.Uri.joinPath(base, ...f.path.split('/'));
    return [
      uri,
      f.status === 'A' ? undefined : git.toGitUri(uri, `${commit.sha}^`),
      f.status === 'D' ? undefined : git.toGitUri(uri, commit.sha),
    ] as const;
  });
  await vscode.commands.executeCommand('vscode.changes', escapeText(`${commit.sha.slice(0, 7)} ${commit.subject}`), triples);
}

async function gitUris(): Promise<GitUris | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>(gitExtensionId);
  if (extension === undefined) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports.enabled) return undefined;
  const api = exports.getAPI(1) as unknown as Partial<GitUris>;
  return typeof api.toGitUri === 'function' ? { toGitUri: (uri, ref) => (api.toGitUri as GitUris['toGitUri']).call(api, uri, ref) } : undefined;
}
