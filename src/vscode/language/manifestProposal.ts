import * as vscode from 'vscode';
import { lazyFeatures } from '../base/lazyFeatures';
import { Disposable } from '../base/disposable';
import { readWorkspaceText } from '../model/manifestReading';
import type { RepositoryModel } from '../model/repositoryModel';
import { starterManifest } from '../commands/starterManifest';
import { listFiles } from './trackedFiles';
import { t } from '../base/l10n';

/**
 * "Create Manifest…": the manifest `change-radar init` would propose for the folder (from
 * CODEOWNERS, Backstage catalog files and workspace package lists; the commented starter when the
 * repository says nothing, or in an untrusted workspace where git does not run), shown in a diff
 * editor against the empty file. "Accept Proposed Manifest" (editor title, or the notification)
 * writes it; nothing is written before, and an existing file is never overwritten.
 */
const proposalScheme = 'change-radar-proposal';

interface Pending {
  readonly model: RepositoryModel;
  readonly target: vscode.Uri;
  readonly text: string;
}

export class ManifestProposals extends Disposable {
  private readonly pending = new Map<string, Pending>();
  private readonly onDidChangeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(proposalScheme, {
      onDidChange: this.onDidChangeEmitter.event,
      provideTextDocumentContent: (uri) => this.pending.get(uri.toString())?.text ?? '',
    }));
  }

  /** Builds the proposal for a folder without a manifest and opens the diff; resolves once it is shown. */
  async show(model: RepositoryModel, target: vscode.Uri): Promise<vscode.Uri> {
    const text = await this.proposalText(model, target);
    const relative = model.relativePath(target) ?? 'ops.yaml';
    const uri = vscode.Uri.from({ scheme: proposalScheme, path: `/${relative}`, query: model.key });
    this.pending.set(uri.toString(), { model, target, text });
    this.onDidChangeEmitter.fire(uri);
    const empty = vscode.Uri.from({ scheme: proposalScheme, path: `/${relative}`, query: 'empty' });
    await vscode.commands.executeCommand('vscode.diff', empty, uri, t('{0} (proposed) — Accept to write it', relative), { preview: false });
    void vscode.window.showInformationMessage(t('Change Radar proposes {0} for {1}. Review it, then write it.', relative, model.folder.name), t('Accept and Write')).then((choice) => {
      if (choice !== undefined) void this.accept(uri);
    });
    return uri;
  }

  /** Writes the proposal shown at `uri` (default: the active diff), never over an existing file, and opens it. */
  async accept(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const key = (uri ?? activeProposal())?.toString();
    const pending = key !== undefined ? this.pending.get(key) : undefined;
    if (pending === undefined) {
      void vscode.window.showWarningMessage(t('No proposed manifest to accept: run "Change Radar: Create Manifest…" first.'));
      return undefined;
    }
    try {
      await vscode.workspace.fs.stat(pending.target);
      void vscode.window.showWarningMessage(t('{0} exists now; not overwritten.', vscode.workspace.asRelativePath(pending.target)));
      return undefined;
    } catch {
      // Not there: write it.
    }
    await vscode.workspace.fs.writeFile(pending.target, new TextEncoder().encode(pending.text));
    this.pending.delete(key ?? '');
    await pending.model.reload();
    // The proposal is written: its diff tab goes, the file takes its place.
    await closeProposalTabs(key ?? '');
    await vscode.window.showTextDocument(pending.target, { preview: false });
    return pending.target;
  }

  private async proposalText(model: RepositoryModel, target: vscode.Uri): Promise<string> {
    const files = await listFiles(model.folder.uri);
    if (files === undefined) return starterManifest;
    const texts = new Map<string, string>();
    await Promise.all(lazyFeatures().proposalInputs(files).map(async (file) => {
      const text = await readWorkspaceText(model.uriOf(file));
      if (text !== undefined) texts.set(file, text);
    }));
    const proposal = lazyFeatures().proposeManifest({ files, read: (file) => texts.get(file) });
    if (proposal.systems.length === 0) return starterManifest;
    const text = lazyFeatures().renderProposal(proposal);
    const relative = model.relativePath(target) ?? 'ops.yaml';
    // The proposal must validate; if it ever did not, the starter is the safe offer.
    const parsed = lazyFeatures().parseManifest(relative, (file) => (file === relative ? text : undefined));
    return parsed.problems.some((p) => p.severity === 'error') ? starterManifest : text;
  }
}

function activeProposal(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputTextDiff && input.modified.scheme === proposalScheme) return input.modified;
  const document = vscode.window.activeTextEditor?.document;
  return document?.uri.scheme === proposalScheme ? document.uri : undefined;
}

/** Closes every tab showing the proposal `key` (its diff, or the proposal opened on its own). */
async function closeProposalTabs(key: string): Promise<void> {
  const shows = (input: unknown): boolean =>
    (input instanceof vscode.TabInputTextDiff && input.modified.toString() === key) || (input instanceof vscode.TabInputText && input.uri.toString() === key);
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => shows(tab.input));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}
