// Helpers for suites running inside the extension host: the fixture workspace (a real git repo
// the harness created), files and commits in it, extra throwaway repos, and bounded waits.
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commitAll, createGitRepo, git, stageFiles, writeFiles } from '../../scripts/host/gitRepo';
import type { CreateGitRepoOptions } from '../../scripts/host/gitRepo';

export const extensionId = 'change-radar.change-radar';

/** The fixture repository opened as the (single) workspace folder. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri.fsPath;
}

export function workspaceUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relative));
}

/** Writes files into the fixture repository (relative path → content); returns their URIs. */
export function writeWorkspaceFiles(files: Readonly<Record<string, string>>): vscode.Uri[] {
  writeFiles(workspaceRoot(), files);
  return Object.keys(files).map(workspaceUri);
}

/** Stages paths in the fixture repository (git add). */
export function stageWorkspaceFiles(paths: readonly string[]): void {
  stageFiles(workspaceRoot(), paths);
}

/** Commits everything in the fixture repository; returns the commit id. */
export function commitWorkspace(message: string): string {
  return commitAll(workspaceRoot(), message);
}

/** Runs git in the fixture repository. */
export function gitInWorkspace(args: readonly string[]): string {
  return git(workspaceRoot(), args);
}

/** A further throwaway repository under the OS temp dir (not opened in VS Code). */
export function createRepo(options: CreateGitRepoOptions): string {
  return createGitRepo(options);
}

/** Opens a workspace file in an editor. */
export async function openWorkspaceFile(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(document);
}

/** Activates Change Radar (it activates on ops.yaml anyway) and returns it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `extension ${extensionId} is not loaded`);
  await extension.activate();
  return extension;
}

/**
 * Resolves once `probe` returns a value other than undefined; re-checks whenever one of `events`
 * fires (and on a coarse timer as a fallback); rejects with `what` after `timeoutMs`.
 */
export function waitFor<T>(what: string, probe: () => T | undefined, events: readonly vscode.Event<unknown>[] = [], timeoutMs = 15_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (action: () => void): void => {
      clearTimeout(timer);
      clearInterval(poll);
      for (const subscription of subscriptions) subscription.dispose();
      action();
    };
    const check = (): void => {
      const value = probe();
      if (value !== undefined) finish(() => resolve(value));
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    const poll = setInterval(check, 250);
    for (const event of events) subscriptions.push(event(check));
    check();
  });
}

/** The built-in git extension's API (version 1), typed only as far as the tests need. */
export interface GitApi {
  readonly repositories: readonly { readonly rootUri: vscode.Uri }[];
  readonly onDidOpenRepository: vscode.Event<unknown>;
}

export async function gitApi(): Promise<GitApi> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
  assert.ok(extension, 'the built-in git extension is missing');
  const exports = await extension.activate();
  return exports.getAPI(1);
}
