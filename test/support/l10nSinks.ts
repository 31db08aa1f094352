import * as ts from 'typescript';

/**
 * Finds user-facing strings of the extension that bypass the l10n bundle: a string or template
 * literal with prose in it that reaches a user-facing sink without going through `t(…)`.
 *
 * Sinks: the fields a person reads of view rows, quick-pick items, input boxes, diagnostics, code
 * actions, status-bar items and progress (`label`, `description`, `tooltip`, `detail`, `placeHolder`,
 * `prompt`, `title`, `message`, `text`, `validationMessage`, `accessibilityInformation`'s `label`), whether
 * set in an object literal or assigned (`item.tooltip = …`); the arguments of the `show*Message`
 * calls (buttons included), `new vscode.MarkdownString/TreeItem/Diagnostic/CodeAction/Hover/
 * CompletionItem/CodeLens(…)`, `appendMarkdown`/`appendText`, and of the row-text helpers
 * the view models build tooltips and quick-pick sections with (`fieldLines`, `separator`). The whole expression is searched,
 * so `a ? 'Active' : x`, `'Ends ' + x` and `[…].join('\n')` are caught; what `t(…)` returns, a
 * comparison's operand (`kind === 'incident'`), an element key and the property names are not text.
 */

const sinkFields = new Set(['label', 'description', 'tooltip', 'detail', 'placeHolder', 'prompt', 'title', 'message', 'text', 'validationMessage', 'documentation']);
const sinkCalls = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'appendMarkdown', 'appendText', 'fieldLines', 'separator', 'setStatusBarMessage', 'showQuickPick']);
/** The extension's own prompt helpers, by the argument that is text a person reads (`say(level, message)`). */
const sinkArguments = new Map([['say', 1], ['pick', 0], ['pickMany', 0], ['input', 0], ['modelFor', 1], ['repositoryPath', 1], ['modelFromArgument', 2], ['pickModel', 1]]);
const sinkClasses = new Set(['MarkdownString', 'TreeItem', 'Diagnostic', 'CodeAction', 'Hover', 'CompletionItem', 'CodeLens', 'DiagnosticRelatedInformation', 'FileDecoration']);

/**
 * Literals that are text but not prose, so not translated. Kept small on purpose: anything here is
 * shown the same in every language.
 * - no letters at all (`·`, `—`, `, `, `\n`, `**`, numbers), codicons only (`$(flame)`, `$(lock) `):
 *   see `isProse`.
 * - `Change Radar`: the product's name; `URL`: the same word in the languages shipped.
 * - `ops.yaml`, `CODEOWNERS`: file names.
 * - `Freeze-Override:`: the commit trailer, which git hooks read in English.
 * - `INC-`, `sev1`…`sev4`: ids and severity codes of the manifest.
 */
const notProse = new Set(['Change Radar', 'ops.yaml', 'CODEOWNERS', 'URL', 'Freeze-Override:', '⚠ Freeze-Override', 'sev1', 'sev2', 'sev3', 'sev4']);

/** Text with a letter outside codicons (`$(name)`) and markdown/id punctuation: words a person reads. */
export function isProse(text: string): boolean {
  if (notProse.has(text.trim())) return false;
  return /\p{L}/u.test(text.replace(/\$\([\w~-]+\)/g, ''));
}

export interface Bypass {
  readonly line: number;
  readonly text: string;
  readonly sink: string;
}

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

function isTranslateCall(node: ts.Node): boolean {
  return ts.isCallExpression(node) && (calleeName(node.expression) === 't' || calleeName(node.expression) === 'tn');
}

const comparisons = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** The prose literals inside `expression` that do not come from `t(…)`. */
function untranslated(expression: ts.Node, source: ts.SourceFile, sink: string, found: Bypass[], seen: Set<number>): void {
  const report = (node: ts.Node, text: string): void => {
    // A literal inside two sinks is reported once.
    if (seen.has(node.getStart())) return;
    seen.add(node.getStart());
    found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text, sink });
  };
  const visit = (node: ts.Node): void => {
    if (isTranslateCall(node)) return;
    if (ts.isBinaryExpression(node) && comparisons.has(node.operatorToken.kind)) return;
    if (ts.isElementAccessExpression(node)) { visit(node.expression); return; }
    // `new ThemeColor('list.errorForeground')` holds an id; a nested sink class (`new MarkdownString(…)`) is checked on its own.
    if (ts.isNewExpression(node)) return;
    // Calls inside a sink: their callee is code, not text; only their arguments can carry text.
    if (ts.isCallExpression(node)) {
      if (ts.isPropertyAccessExpression(node.expression)) visit(node.expression.expression);
      node.arguments.forEach(visit);
      return;
    }
    if (ts.isPropertyAssignment(node)) {
      // A nested object's own sink fields are checked on their own (and other fields are data).
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (isProse(node.text)) report(node, node.text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const pieces = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('${}');
      if (isProse(pieces.replace(/\$\{\}/g, ' '))) report(node, node.getText());
      node.templateSpans.forEach((span) => visit(span.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
}

/** Every user-facing literal of one source text that bypasses `t`. */
export function findBypasses(fileName: string, text: string): Bypass[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Bypass[] = [];
  const seen = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && sinkFields.has(node.name.text)) {
      untranslated(node.initializer, source, node.name.text, found, seen);
    } else if (ts.isShorthandPropertyAssignment(node)) {
      // `{ label }`: the variable's own initializer is checked where it is a sink, if it is one.
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && sinkFields.has(node.left.name.text)) {
      untranslated(node.right, source, node.left.name.text, found, seen);
    } else if (ts.isCallExpression(node) && sinkCalls.has(calleeName(node.expression) ?? '')) {
      node.arguments.forEach((argument) => untranslated(argument, source, `${calleeName(node.expression)}()`, found, seen));
    } else if (ts.isCallExpression(node) && sinkArguments.has(calleeName(node.expression) ?? '')) {
      const argument = node.arguments[sinkArguments.get(calleeName(node.expression) ?? '') ?? 0];
      if (argument !== undefined) untranslated(argument, source, `${calleeName(node.expression)}()`, found, seen);
    } else if (ts.isNewExpression(node) && sinkClasses.has(calleeName(node.expression) ?? '')) {
      (node.arguments ?? []).forEach((argument) => untranslated(argument, source, `new ${calleeName(node.expression)}()`, found, seen));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
