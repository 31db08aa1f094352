import * as vscode from 'vscode';
import { Commands, diagnosticSource } from '../constants';
import { Disposable } from '../base/disposable';
import { t } from '../base/l10n';
import type { SaveDiagnostics } from './saveDiagnostics';
import { diagnosticCodeValue } from './codeDocs';

/** The trailer git hooks honour to let a change through a `block` freeze (see docs/cli.md). */
function overrideTrailer(reason: string): string {
  return `Freeze-Override: ${reason}`;
}

/** Copies an override trailer to the clipboard; the reason is a placeholder the user replaces. */
export async function copyOverrideTrailer(freezeId?: string): Promise<string> {
  const trailer = overrideTrailer(freezeId ? t('<why this cannot wait for {0}>', freezeId) : t('<reason>'));
  await vscode.env.clipboard.writeText(trailer);
  void vscode.window.showInformationMessage(
    t('Copied "{0}". Paste it as the last paragraph of the commit message (after a blank line) and give the reason.', trailer));
  return trailer;
}

/** Quick fixes on Change Radar's file diagnostics: explain, open the manifest entry, copy the trailer. */
export class WarningCodeActions extends Disposable implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: SaveDiagnostics) {
    super();
    this._register(vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, this, WarningCodeActions.metadata));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.source === diagnosticSource);
    if (ours.length === 0) return [];
    const actions: vscode.CodeAction[] = [];
    const explain = new vscode.CodeAction(t('Change Radar: Explain this file'), vscode.CodeActionKind.QuickFix);
    explain.command = { command: Commands.explainFile, title: t('Explain'), arguments: [document.uri] };
    explain.diagnostics = ours;
    actions.push(explain);

    // One entry can be behind several diagnostics (an incident-freeze: the freeze and the incident):
    // its "Open …" fix is offered once, for all of them.
    const opens = new Map<string, vscode.CodeAction>();
    for (const { warning, folder, diagnostic } of this.diagnostics.warningsOn(document.uri)) {
      if (!ours.some((shown) => diagnosticCodeValue(shown.code) === diagnosticCodeValue(diagnostic.code) && shown.message === diagnostic.message)) continue;
      const { start, end } = warning.ruleRef.range;
      const openTitle = warning.cause.kind === 'freeze' ? t('Open freeze {0} in {1}', warning.cause.id, warning.ruleRef.file) : t('Open incident {0} in {1}', warning.cause.id, warning.ruleRef.file);
      const known = opens.get(openTitle);
      if (known !== undefined) {
        known.diagnostics = [...(known.diagnostics ?? []), diagnostic];
      } else {
        const open = new vscode.CodeAction(openTitle, vscode.CodeActionKind.QuickFix);
        open.command = {
          command: 'vscode.open',
          title: open.title,
          arguments: [vscode.Uri.joinPath(folder, warning.ruleRef.file), { selection: new vscode.Range(start.line, start.column, end.line, end.column) }],
        };
        open.diagnostics = [diagnostic];
        opens.set(openTitle, open);
        actions.push(open);
      }
      if (warning.code === 'freeze-block') {
        const copy = new vscode.CodeAction(t('Copy override trailer for {0}', warning.cause.id), vscode.CodeActionKind.QuickFix);
        copy.command = { command: Commands.copyOverrideTrailer, title: copy.title, arguments: [warning.cause.id] };
        copy.diagnostics = [diagnostic];
        actions.push(copy);
      }
    }
    return actions;
  }
}
