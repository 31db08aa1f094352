// Rewrites the fixture's ops.yaml for the warnings suites and waits until the warnings have rebuilt.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { WarningsTestApi } from '../../src/vscode/warnings/registerWarnings';
import { waitFor, workspaceUri } from './fixtures';

export interface RadarExports {
  readonly warnings?: WarningsTestApi;
  refresh?(): Promise<void>;
}

/**
 * Writes ops.yaml as a user would: through the editor buffer and a save when the manifest is open
 * (the extension reads open documents from their buffer), else on disk (the file watcher path).
 */
export async function writeManifest(text: string): Promise<void> {
  const uri = workspaceUri('ops.yaml');
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (!open) {
    fs.writeFileSync(uri.fsPath, text);
    return;
  }
  if (!open.isDirty && open.getText() !== fs.readFileSync(uri.fsPath, 'utf8')) {
    // The open buffer is older than the file (an earlier suite wrote ops.yaml on disk and VS Code
    // has not reloaded it yet): an edit and save now would fail with "File Modified Since". Write
    // the file instead and wait for VS Code to reload the clean buffer from disk.
    fs.writeFileSync(uri.fsPath, text);
    const reloaded = await waitFor('the open ops.yaml to reload from disk', () => (open.getText() === text ? true : undefined),
      [vscode.workspace.onDidChangeTextDocument], 10_000).catch(() => false);
    if (reloaded) return;
  }
  for (let attempt = 1; ; attempt++) {
    const document = await vscode.workspace.openTextDocument(uri);
    const version = document.version;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    if (await vscode.workspace.applyEdit(edit)) {
      await saveDocument(document);
      return;
    }
    // The buffer changed under the edit (an earlier suite wrote ops.yaml on disk and VS Code is
    // reloading the open document): wait for that change to land, then edit the new version.
    assert.ok(attempt < 3, `editing ops.yaml failed ${attempt} times`);
    await waitFor('the open ops.yaml to settle', () => (document.version !== version ? true : undefined),
      [vscode.workspace.onDidChangeTextDocument], 2_000).catch(() => undefined);
  }
}

/** Saves, retrying when VS Code aborts a save on a loaded machine (slow will-save participants). */
export async function saveDocument(document: vscode.TextDocument): Promise<void> {
  let saved = false;
  for (let attempt = 0; attempt < 3 && !saved; attempt++) saved = (await document.save()) || !document.isDirty;
  assert.ok(saved, `saving ${vscode.workspace.asRelativePath(document.uri)} failed`);
}

/**
 * Writes ops.yaml and waits until `ready` holds. Set-up only: on a loaded machine the file watcher
 * can lag, so after a while it asks for a reload (the watcher itself is tested by the suite's
 * "manifest edited" case).
 */
export async function setManifest(radar: RadarExports, text: string, ready: () => boolean, timeoutMs = 15_000): Promise<void> {
  const api = radar.warnings;
  assert.ok(api, 'the extension exports no warnings test API');
  await writeManifest(text);
  const probe = (): true | undefined => (ready() ? true : undefined);
  try {
    await waitFor('the warnings to pick up the new ops.yaml', probe, [api.slices.onDidChange], timeoutMs);
  } catch {
    await radar.refresh?.();
    await waitFor(`the warnings to pick up the new ops.yaml after a refresh (${describeState()})`, probe, [api.slices.onDidChange], timeoutMs);
  }
}

function describeState(): string {
  const uri = workspaceUri('ops.yaml');
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  const disk = fs.readFileSync(uri.fsPath, 'utf8');
  return `ops.yaml open: ${open ? `yes, dirty ${open.isDirty}, ${open.getText().length} chars` : 'no'}; on disk ${disk.length} chars`;
}
