import * as vscode from 'vscode';
import type { FileWarning, FileWarningSeverity } from '../../core/evaluate/fileWarnings';
import { escapeText } from '../../report/escape';
import { Disposable } from '../base/disposable';
import { Settings, diagnosticSource } from '../constants';
import type { WarningSlices } from './warningSlices';
import { warningCodeDocs } from './codeDocs';
import { t } from '../base/l10n';

export type FlagFilesMode = 'onSave' | 'onOpen' | 'never';

/** A published diagnostic with the warning behind it, for code actions. */
export interface PublishedWarning {
  readonly folder: vscode.Uri;
  readonly warning: FileWarning;
  readonly diagnostic: vscode.Diagnostic;
}

const severities: Record<FileWarningSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

// Re-checking a flagged file is a map lookup; the cap only bounds memory in very long sessions.
const maxFlagged = 2_000;

// How far down to look for a non-blank line to put the squiggle on: still visible without scrolling.
const visibleLines = 20;

function flagFilesMode(): FlagFilesMode {
  const value = vscode.workspace.getConfiguration().get<string>(Settings.flagFiles);
  return value === 'onOpen' || value === 'never' ? value : 'onSave';
}

/**
 * Diagnostics on files in frozen systems or systems with an active incident. A file is flagged when
 * saved (and, per `changeRadar.flagFiles`, when opened); flagged files are re-checked whenever the
 * slices change, so a diagnostic clears by itself when the freeze ends or the manifest no longer
 * matches. The per-file work is `slice.warningsFor(path)`: no git, no manifest parsing.
 */
export class SaveDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection(diagnosticSource));
  private readonly published = new Map<string, { uri: vscode.Uri; warnings: PublishedWarning[] }>();
  /**
   * Files flagged (saved, or opened per the setting) whether or not they had warnings then: when the
   * manifest loads late or a freeze starts, they are checked again. Oldest dropped past the cap.
   */
  private readonly flagged = new Map<string, vscode.Uri>();
  /** The first line changed in each open file since its last save (the smallest start line of its edits). */
  private readonly editedLine = new Map<string, number>();
  /** The first line the last save of a file changed (its diagnostics sit there); kept until a save changes another. */
  private readonly changedLine = new Map<string, number>();

  constructor(
    private readonly slices: WarningSlices,
    /** Whether git already knows the file as changed (from the git extension's cached state; no git call). */
    private readonly isChanged: (uri: vscode.Uri) => boolean,
    /** Fires when git's cached state changed: open files that became "changed" get flagged. */
    onDidChangeGitState: vscode.Event<unknown>,
  ) {
    super();
    this._register(onDidChangeGitState(() => {
      for (const document of vscode.workspace.textDocuments) {
        if (!this.flagged.has(document.uri.toString())) this.flagOnOpen(document);
      }
    }));
    this._register(vscode.workspace.onDidSaveTextDocument((document) => {
      const key = document.uri.toString();
      const line = this.editedLine.get(key);
      if (line !== undefined) this.changedLine.set(key, line);
      this.editedLine.delete(key);
      if (flagFilesMode() !== 'never') this.update(document.uri, document);
    }));
    this._register(vscode.workspace.onDidOpenTextDocument((document) => this.flagOnOpen(document)));
    // Where the edits since the last save begin: an edit above them moves the start up; one below leaves it.
    this._register(vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (document.uri.scheme !== 'file' || contentChanges.length === 0) return;
      const key = document.uri.toString();
      const first = Math.min(...contentChanges.map((change) => change.range.start.line), this.editedLine.get(key) ?? Infinity);
      this.editedLine.set(key, first);
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => {
      this.editedLine.delete(document.uri.toString());
      this.changedLine.delete(document.uri.toString());
    }));
    this._register(slices.onDidChange(() => this.recheckAll()));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(Settings.flagFiles)) return;
      if (flagFilesMode() === 'never') this.clear();
      else vscode.workspace.textDocuments.forEach((document) => this.flagOnOpen(document));
    }));
    vscode.workspace.textDocuments.forEach((document) => this.flagOnOpen(document));
  }

  /** The warnings published on a file (code actions read them). */
  warningsOn(uri: vscode.Uri): readonly PublishedWarning[] {
    return this.published.get(uri.toString())?.warnings ?? [];
  }

  /** Computes and publishes (or clears) the diagnostics of one file, and keeps it flagged for re-checks. */
  update(uri: vscode.Uri, document?: vscode.TextDocument): void {
    const key = uri.toString();
    this.flagged.delete(key);
    this.flagged.set(key, uri);
    if (this.flagged.size > maxFlagged) this.flagged.delete(this.flagged.keys().next().value ?? key);
    this.publish(uri, document);
  }

  private publish(uri: vscode.Uri, document?: vscode.TextDocument): void {
    const found = this.slices.lookup(uri);
    const warnings = found ? found.slice.warningsFor(found.path) : [];
    const key = uri.toString();
    if (!found || warnings.length === 0) {
      if (this.published.delete(key)) this.collection.delete(uri);
      return;
    }
    const range = squiggleRange(document ?? vscode.workspace.textDocuments.find((open) => open.uri.toString() === key), this.changedLine.get(key));
    const entries = warnings.map((warning) => ({ folder: found.folder, warning, diagnostic: toDiagnostic(found.folder, warning, range) }));
    this.published.set(key, { uri, warnings: entries });
    this.collection.set(uri, entries.map((entry) => entry.diagnostic));
  }

  private flagOnOpen(document: vscode.TextDocument): void {
    const mode = flagFilesMode();
    if (mode === 'onOpen' || (mode === 'onSave' && this.isChanged(document.uri))) this.update(document.uri, document);
  }

  private recheckAll(): void {
    if (flagFilesMode() === 'never') return this.clear();
    for (const uri of [...this.flagged.values()]) this.publish(uri);
  }

  private clear(): void {
    this.flagged.clear();
    this.published.clear();
    this.collection.clear();
  }
}

function toDiagnostic(folder: vscode.Uri, warning: FileWarning, range: vscode.Range): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range, escapeText(warning.message), severities[warning.severity]);
  diagnostic.source = diagnosticSource;
  diagnostic.code = { value: warning.code, target: vscode.Uri.parse(warningCodeDocs(warning.code)) };
  const { start, end } = warning.ruleRef.range;
  const entry = new vscode.Location(vscode.Uri.joinPath(folder, warning.ruleRef.file),
    new vscode.Range(start.line, start.column, end.line, end.column));
  diagnostic.relatedInformation = [
    new vscode.DiagnosticRelatedInformation(entry, escapeText(warning.cause.kind === 'freeze' ? t('freeze {0} in {1}', warning.cause.id, warning.ruleRef.file) : t('incident {0} in {1}', warning.cause.id, warning.ruleRef.file))),
  ];
  return diagnostic;
}

/**
 * The first line the last save changed (where the saved change is), when known;
 * else the first non-blank line near the top (visible without scrolling), else the start of the file.
 */
function squiggleRange(document: vscode.TextDocument | undefined, changed: number | undefined): vscode.Range {
  if (document && changed !== undefined && changed < document.lineCount) {
    const text = document.lineAt(changed);
    return new vscode.Range(changed, text.firstNonWhitespaceCharacterIndex, changed, text.text.length);
  }
  if (document) {
    for (let line = 0; line < Math.min(document.lineCount, visibleLines); line++) {
      const text = document.lineAt(line);
      if (!text.isEmptyOrWhitespace) return new vscode.Range(line, text.firstNonWhitespaceCharacterIndex, line, text.text.length);
    }
  }
  return new vscode.Range(0, 0, 0, 1);
}
