import * as vscode from 'vscode';
import { installHooks, uninstallHooks } from '../node/hookInstaller';
import type { HookInstallResult, HookUninstallResult } from '../node/hookInstaller';
import { Commands } from './constants';
import { Disposable } from './disposable';
import { modelFromArgument } from './pickFolder';
import type { RadarServices } from './radarServices';

/**
 * Install / Uninstall Git Hooks, through the CLI's own installer (src/node/hookInstaller.ts), so
 * the extension and `change-radar hook install` leave a repository in the same state. The hooks
 * run the bundled CLI with this extension host's Node (Electron as Node in desktop VS Code).
 */
export class HookCommands extends Disposable {
  constructor(private readonly services: RadarServices) {
    super();
    this._register(vscode.commands.registerCommand(Commands.installHooks, (arg?: unknown) => this.install(arg)));
    this._register(vscode.commands.registerCommand(Commands.uninstallHooks, (arg?: unknown) => this.uninstall(arg)));
  }

  async install(arg?: unknown): Promise<HookInstallResult | undefined> {
    const cwd = await this.repositoryPath(arg, 'Install the Change Radar git hooks in which folder?');
    if (!cwd) {
      return undefined;
    }
    const { context } = this.services;
    const result = await installHooks({
      cwd,
      nodePath: process.execPath,
      cliPath: context.asAbsolutePath('dist/cli.js'),
      version: (context.extension.packageJSON as { version?: string }).version ?? '0.0.0',
      electronRunAsNode: process.versions.electron !== undefined,
    });
    if (result.mode === 'manual') {
      const doc = await vscode.workspace.openTextDocument({ content: result.snippet ?? '', language: 'shellscript' });
      await vscode.window.showTextDocument(doc);
      void vscode.window.showInformationMessage(`Your hooks are managed by ${result.target.manager?.name ?? 'a hook manager'}: add the snippet shown to its configuration.`);
    } else {
      this.report(result.changes.map((c) => c.message), result.changes.some((c) => c.action === 'conflict'));
    }
    return result;
  }

  async uninstall(arg?: unknown): Promise<HookUninstallResult | undefined> {
    const cwd = await this.repositoryPath(arg, 'Remove the Change Radar git hooks from which folder?');
    if (!cwd) {
      return undefined;
    }
    const result = await uninstallHooks({ cwd });
    this.report(result.changes.map((c) => c.message), false);
    return result;
  }

  /** A URI argument (a repository root from the commit watcher) is used as is; else a folder with a manifest. */
  private async repositoryPath(arg: unknown, placeHolder: string): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Change Radar installs no git hooks in an untrusted workspace.');
      return undefined;
    }
    if (arg instanceof vscode.Uri && arg.scheme === 'file') {
      return arg.fsPath;
    }
    const model = await modelFromArgument(this.services.models.withManifest, arg, placeHolder);
    if (!model) {
      void vscode.window.showInformationMessage('No folder with a Change Radar manifest to install hooks in.');
      return undefined;
    }
    return model.folder.uri.fsPath;
  }

  private report(lines: readonly string[], problem: boolean): void {
    const text = `Change Radar hooks: ${lines.join('; ')}`;
    void (problem ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
  }
}
