import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyCliIntoGitDir, installHooks, refreshCliCopy, uninstallHooks } from '../../node/hookInstaller';
import { hasRadarCode } from '../../core/radarError';
import { findRepoRoot } from '../../node/gitChanges';
import { escapeText } from '../../report/escape';
import type { HookInstallResult, HookUninstallResult } from '../../node/hookInstaller';
import { hookChangeText } from '../../node/hookPhrases';
import { localHookPhrases } from './hookPhrases';
import { Disposable } from '../base/disposable';
import { modelFromArgument } from './pickFolder';
import type { RadarServices } from '../services';
import { t } from '../base/l10n';

/**
 * Install / Uninstall Git Hooks, through the CLI's own installer (src/node/hookInstaller.ts), so
 * the extension and `change-radar hook install` leave a repository in the same state. The hooks
 * run a copy of the bundled CLI kept in the repository's git directory (`.git/change-radar/cli.js`,
 * refreshed on activation when this extension's version differs), with this extension host's Node
 * (Electron as Node in desktop VS Code): they keep working after the extension updates.
 */
export class HookCommands extends Disposable {
  constructor(private readonly services: RadarServices) {
    super();
    if (vscode.workspace.isTrusted) {
      this.refreshCopies();
    }
  }

  private get version(): string {
    return (this.services.context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  }

  /** On activation: each workspace folder's `.git/change-radar/cli.js` copy, if any, brought to this version. No git run. */
  private refreshCopies(): void {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const gitDir = path.join(folder.uri.fsPath, '.git');
      try {
        if (fs.statSync(gitDir).isDirectory()) {
          refreshCliCopy(gitDir, this.services.context.asAbsolutePath('dist/cli.js'), this.version);
        }
      } catch (error) {
        if (hasRadarCode(error, 'hook-file')) {
          void vscode.window.showWarningMessage(t('Change Radar hooks: {0}', escapeText(error.message)));
        }
        // No .git folder: nothing to refresh.
      }
    }
  }

  async install(arg?: unknown): Promise<HookInstallResult | undefined> {
    const cwd = await this.repositoryPath(arg, t('Install the Change Radar git hooks in which folder?'));
    if (!cwd) {
      return undefined;
    }
    const { context } = this.services;
    const result = await this.reportingFailures(async () => {
      const repoRoot = (await findRepoRoot(cwd)) ?? cwd;
      const cliPath = await copyCliIntoGitDir(repoRoot, context.asAbsolutePath('dist/cli.js'), this.version);
      return installHooks({
        cwd,
        nodePath: process.execPath,
        cliPath,
        version: this.version,
        electronRunAsNode: process.versions.electron !== undefined,
      });
    });
    if (result === undefined) {
      return undefined;
    }
    if (result.mode === 'manual') {
      const doc = await vscode.workspace.openTextDocument({ content: result.snippet ?? '', language: 'shellscript' });
      await vscode.window.showTextDocument(doc);
      void vscode.window.showInformationMessage(result.target.manager?.name !== undefined ? t('Your hooks are managed by {0}: add the snippet shown to its configuration.', result.target.manager.name) : t('Your hooks are managed by a hook manager: add the snippet shown to its configuration.'));
    } else {
      this.report(result.changes.map((c) => hookChangeText(c, localHookPhrases)), result.changes.some((c) => c.action === 'conflict'));
    }
    return result;
  }

  async uninstall(arg?: unknown): Promise<HookUninstallResult | undefined> {
    const cwd = await this.repositoryPath(arg, t('Remove the Change Radar git hooks from which folder?'));
    if (!cwd) {
      return undefined;
    }
    const result = await this.reportingFailures(() => uninstallHooks({ cwd }));
    if (result === undefined) {
      return undefined;
    }
    this.report(result.changes.map((c) => hookChangeText(c, localHookPhrases)), false);
    return result;
  }

  /** A URI argument (a repository root from the commit watcher) is used as is; else a folder with a manifest. */
  private async repositoryPath(arg: unknown, placeHolder: string): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(t('Change Radar installs no git hooks in an untrusted workspace.'));
      return undefined;
    }
    if (arg instanceof vscode.Uri && arg.scheme === 'file') {
      return arg.fsPath;
    }
    const model = await modelFromArgument(this.services.models.withManifest, arg, placeHolder);
    if (!model) {
      void vscode.window.showInformationMessage(t('No folder with a Change Radar manifest to install hooks in.'));
      return undefined;
    }
    return model.folder.uri.fsPath;
  }

  /** A file-system failure (read-only hooks folder, a file in the way) is one error message naming the path. */
  private async reportingFailures<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (error) {
      if (hasRadarCode(error, 'hook-file')) {
        void vscode.window.showErrorMessage(t('Change Radar hooks: {0}', escapeText(error.message)));
        return undefined;
      }
      throw error;
    }
  }

  private report(lines: readonly string[], problem: boolean): void {
    const text = t('Change Radar hooks: {0}', escapeText(lines.join('; ')));
    void (problem ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
  }
}
