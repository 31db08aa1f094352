import * as vscode from 'vscode';
import type { Problem, ProblemSeverity } from '../../core/problem';
import { escapeText } from '../../report/escape';
import { diagnosticSource } from '../constants';
import { problemCodeDocs } from './codeDocs';
import { Disposable } from '../base/disposable';
import type { RepositoryModel } from '../model/repositoryModel';
import type { WorkspaceModel } from '../model/workspaceModel';

const severities: Record<ProblemSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(problem: Problem): vscode.Diagnostic {
  const { start, end } = problem.range;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(start.line, start.column, end.line, end.column),
    escapeText(problem.message),
    severities[problem.severity],
  );
  diagnostic.source = diagnosticSource;
  // The code links to its row of docs/manifest.md; the message stays English, as `validate` prints it.
  diagnostic.code = { value: problem.code, target: vscode.Uri.parse(problemCodeDocs(problem.code)) };
  return diagnostic;
}

/** The manifest's parse problems, as diagnostics in the manifest files themselves. */
export class ManifestDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('change-radar-manifest'));
  /** Per folder, the files that got diagnostics last time, to clear them on fix. */
  private readonly published = new Map<string, vscode.Uri[]>();

  constructor(models: WorkspaceModel) {
    super();
    this._register(models.onDidChange((model) => this.publish(model)));
    models.all.forEach((m) => this.publish(m));
  }

  private publish(model: RepositoryModel): void {
    for (const uri of this.published.get(model.key) ?? []) {
      this.collection.delete(uri);
    }
    const byFile = new Map<string, Problem[]>();
    for (const problem of model.isActive ? model.snapshot.problems : []) {
      byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
    }
    const uris = [...byFile.entries()].map(([file, problems]) => {
      const uri = model.uriOf(file);
      this.collection.set(uri, problems.map(toDiagnostic));
      return uri;
    });
    this.published.set(model.key, uris);
  }
}
