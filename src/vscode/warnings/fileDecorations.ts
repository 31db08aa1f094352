import * as vscode from 'vscode';
import { Disposable } from '../base/disposable';
import { Settings } from '../constants';
import type { WarningSlices } from './warningSlices';
import { t } from '../base/l10n';

function decorationsEnabled(): boolean {
  return vscode.workspace.getConfiguration().get<boolean>(Settings.decorationsEnabled, true);
}

/**
 * Explorer and tab decorations for files in a system under an active freeze: a snowflake badge,
 * the error colour for `block` and the warning colour for `warn`, and a tooltip saying which freeze.
 * `propagate` lets the explorer tint the folders above a frozen file, as git does for changes.
 */
export class FreezeDecorations extends Disposable implements vscode.FileDecorationProvider {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>());
  readonly onDidChangeFileDecorations = this.changeEmitter.event;

  constructor(private readonly slices: WarningSlices) {
    super();
    this._register(slices.onDidChange(() => this.changeEmitter.fire(undefined)));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(Settings.decorationsEnabled)) this.changeEmitter.fire(undefined);
    }));
    this._register(vscode.window.registerFileDecorationProvider(this));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (!decorationsEnabled()) return undefined;
    const found = this.slices.lookup(uri);
    const freeze = found?.slice.freezeOn(found.path);
    if (!freeze) return undefined;
    const names = freeze.causes.map((cause) => `${cause.id} "${cause.title}"`).join(', ');
    const decoration = new vscode.FileDecoration(
      '❄',
      freeze.enforcement === 'block'
        ? t('Frozen (commits blocked): {0} on {1}', names, freeze.systems.join(', '))
        : t('Frozen (changes discouraged): {0} on {1}', names, freeze.systems.join(', ')),
      new vscode.ThemeColor(freeze.enforcement === 'block' ? 'list.errorForeground' : 'list.warningForeground'),
    );
    decoration.propagate = true;
    return decoration;
  }
}
