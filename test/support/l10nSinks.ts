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
 * A name in it is followed, through the compiler's checker, to where its text was written in the same
 * file: a `const` holding a string, a table (object, array, `new Map`/`new Set`) or a conditional of
 * them, with the accesses made on it (`kindText[kind]` every value, `words.hint` that one, `WORDS.get(k)`
 * a Map's values and not its keys, `kindWord[k]()` what the functions return, a getter); and a function
 * or method whose every `return` is such text or `t(…)` (`switch (k) { case 'a': return 'Freeze'; }`).
 * Names imported from other files are not followed; `id`, `contextValue` and `command` are not sinks.
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
  /** The const or function the text was written in, when it reached the sink by name (`kindText`, `kindLabel()`). */
  readonly via?: string;
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
/** Operators whose result holds an operand's text: `'Ends ' + x`, `label ?? 'None'`, `name || 'unnamed'`. */
const textJoins = new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken]);
/** Accesses that give no element's text: `items.length`, `words.has(k)`, `names.indexOf(n)`. */
const notElementText = new Set(['length', 'size', 'has', 'keys', 'includes', 'indexOf', 'lastIndexOf', 'findIndex', 'findLastIndex', 'some', 'every', 'set', 'add', 'delete', 'clear', 'forEach']);

function unwrap(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

function collectionOf(expression: ts.Expression): 'Map' | 'Set' | undefined {
  const e = unwrap(expression);
  if (!ts.isNewExpression(e)) return undefined;
  const name = calleeName(e.expression);
  return name === 'Map' || name === 'Set' ? name : undefined;
}

/** Text written where it stands, which a const or a function's `return` may be followed to: literals, tables (object, array, `new Map`/`new Set`) and conditionals or joins of them. */
function isTextSource(expression: ts.Expression): boolean {
  const e = unwrap(expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e) || ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e)) return true;
  if (ts.isConditionalExpression(e)) return isTextSource(e.whenTrue) || isTextSource(e.whenFalse);
  if (ts.isBinaryExpression(e) && textJoins.has(e.operatorToken.kind)) return isTextSource(e.left) || isTextSource(e.right);
  return collectionOf(e) !== undefined;
}

/** An access from a name to the sink: `.label` (name), `[kind]` (any element: no name), a call (`.get` then `(k)`). */
type Step = { readonly name?: string; readonly call: boolean };

/** `kindText[kind].label`: the expression the accesses start from, the accesses in order, and the arguments of the calls among them (which are text too). */
interface Chain {
  readonly root: ts.Expression;
  readonly steps: readonly Step[];
  readonly args: readonly ts.Expression[];
}

type FunctionLike = ts.FunctionDeclaration | ts.MethodDeclaration | ts.GetAccessorDeclaration | ts.ArrowFunction | ts.FunctionExpression;

/** `this.name`: the member of the enclosing class, by name (the checker would type every call's receiver to answer; `table.fn()` is followed through the table). */
function memberOf(access: ts.PropertyAccessExpression): ts.Declaration | undefined {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  let scope: ts.Node | undefined = access.parent;
  while (scope !== undefined && !ts.isClassLike(scope)) scope = scope.parent;
  return scope?.members.find((member) => member.name !== undefined && ts.isIdentifier(member.name) && member.name.text === access.name.text);
}

/** A program over the one file, so names resolve as the compiler resolves them (scopes, shadowing); imports stay unresolved (other files are not followed). */
function checkedSource(fileName: string, text: string): { source: ts.SourceFile; checker: ts.TypeChecker } {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === source.fileName ? source : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === source.fileName,
    readFile: (name) => (name === source.fileName ? text : undefined),
  };
  const program = ts.createProgram({ rootNames: [source.fileName], options: { noLib: true, noResolve: true, types: [], target: ts.ScriptTarget.Latest }, host });
  return { source, checker: program.getTypeChecker() };
}

/** The untranslated prose of one file, searched from each sink through the consts and functions of the same file the sink's expression names. */
class Analysis {
  readonly found: Bypass[] = [];
  /** A literal reached from two sinks is reported once. */
  private readonly seen = new Set<number>();
  /** Declarations being followed, against cycles (`const a = b ?? 'x'; const b = a`). */
  private readonly following = new Set<ts.Node>();

  constructor(private readonly source: ts.SourceFile, private readonly checker: ts.TypeChecker) {}

  /** The prose literals that reach `sink` through `expression` without coming from `t(…)`. */
  check(expression: ts.Node, sink: string, via?: string): void {
    const node = expression;
    if (isTranslateCall(node) || ts.isTypeNode(node)) return;
    if (ts.isBinaryExpression(node) && comparisons.has(node.operatorToken.kind)) return;
    if (ts.isIdentifier(node)) {
      // A declaration's own name (`const x`, a parameter) is not a use of it; `{ label }` is.
      const parent = node.parent as ts.Node & { name?: ts.Node };
      if (parent.name !== node || ts.isShorthandPropertyAssignment(parent)) this.followName(node, [], sink, via);
      return;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) {
      this.access(node, sink, via);
      return;
    }
    // `new ThemeColor('list.errorForeground')` holds an id; a nested sink class (`new MarkdownString(…)`) is checked on its own.
    if (ts.isNewExpression(node)) {
      if (collectionOf(node) !== undefined) this.select(node, [], sink, via);
      return;
    }
    // A nested object's own sink fields are checked on their own (and other fields are data).
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isSpreadAssignment(node) || ts.isMethodDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (isProse(node.text)) this.report(node, node.text, sink, via);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const pieces = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('${}');
      if (isProse(pieces.replace(/\$\{\}/g, ' '))) this.report(node, node.getText(), sink, via);
      node.templateSpans.forEach((span, index) => {
        // `$(${icon})`: the value is a codicon's name, not text.
        const before = index === 0 ? node.head.text : (node.templateSpans[index - 1]?.literal.text ?? '');
        if (!before.endsWith('$(')) this.check(span.expression, sink, via);
      });
      return;
    }
    ts.forEachChild(node, (child) => this.check(child, sink, via));
  }

  private report(node: ts.Node, text: string, sink: string, via: string | undefined): void {
    if (this.seen.has(node.getStart())) return;
    this.seen.add(node.getStart());
    const line = this.source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    this.found.push(via === undefined ? { line, text, sink } : { line, text, sink, via });
  }

  /** `x.y`, `x[k]`, `x.get(k)`, `f(k)`, `this.m(k).label`: follows the root name to where its text was written. */
  private access(node: ts.Expression, sink: string, via: string | undefined, after: readonly Step[] = []): void {
    const chain = this.chain(node);
    const { root } = chain;
    const steps = [...chain.steps, ...after];
    // Calls inside a sink: their callee is code, not text; their arguments can carry text (unless what reaches the sink is only, say, the result's length).
    if (after.length === 0) chain.args.forEach((argument) => this.check(argument, sink, via));
    if (ts.isIdentifier(root)) this.followName(root, steps, sink, via);
    else if (ts.isCallExpression(root)) this.followCall(root, steps, sink, via);
    else this.select(root, steps, sink, via);
  }

  private chain(node: ts.Expression): Chain {
    const steps: Step[] = [];
    const args: ts.Expression[] = [];
    let e = unwrap(node);
    for (;;) {
      if (ts.isPropertyAccessExpression(e)) {
        steps.unshift({ name: e.name.text, call: false });
        e = unwrap(e.expression);
      } else if (ts.isElementAccessExpression(e)) {
        const key = e.argumentExpression;
        steps.unshift(ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key) ? { name: key.text, call: false } : { call: false });
        e = unwrap(e.expression);
      } else if (ts.isCallExpression(e) && !isTranslateCall(e) && (ts.isPropertyAccessExpression(e.expression) || ts.isElementAccessExpression(e.expression)) && this.functionOf(e.expression) === undefined) {
        // A method of the value (`words.get(k)`, `names.join(', ')`) or a function in a table (`kindWord[k]()`).
        args.push(...e.arguments);
        steps.unshift({ call: true });
        e = e.expression;
      } else {
        if (ts.isCallExpression(e) && !isTranslateCall(e)) args.push(...e.arguments);
        return { root: e, steps, args };
      }
    }
  }

  /** The const of this file `name` refers to, when its initializer is text written where it stands. */
  private constOf(name: ts.Identifier): ts.VariableDeclaration | undefined {
    const parent = name.parent;
    const symbol = ts.isShorthandPropertyAssignment(parent) && parent.name === name ? this.checker.getShorthandAssignmentValueSymbol(parent) : this.checker.getSymbolAtLocation(name);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (declaration === undefined || !ts.isVariableDeclaration(declaration) || declaration.getSourceFile() !== this.source) return undefined;
    if ((ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) === 0 || declaration.initializer === undefined) return undefined;
    return isTextSource(declaration.initializer) ? declaration : undefined;
  }

  /** The function of this file a callee names (a declaration, a method, a const holding an arrow or function expression). */
  private functionOf(callee: ts.Expression): FunctionLike | undefined {
    const declaration = ts.isPropertyAccessExpression(callee) ? memberOf(callee) : ts.isIdentifier(callee) ? this.checker.getSymbolAtLocation(callee)?.valueDeclaration : undefined;
    if (declaration === undefined || declaration.getSourceFile() !== this.source) return undefined;
    if ((ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) && declaration.body !== undefined) return declaration;
    if ((ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer !== undefined) {
      const initializer = unwrap(declaration.initializer);
      if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
    }
    if (ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 && declaration.initializer !== undefined) {
      const initializer = unwrap(declaration.initializer);
      if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
    }
    return undefined;
  }

  private followName(name: ts.Identifier, steps: readonly Step[], sink: string, via: string | undefined): void {
    const declaration = this.constOf(name);
    if (declaration?.initializer === undefined || this.following.has(declaration)) return;
    this.following.add(declaration);
    this.select(declaration.initializer, steps, sink, via ?? name.text);
    this.following.delete(declaration);
  }

  /** `kindLabel(k)`: a function of this file whose every `return` is text written there (a literal, a table, a lookup in one, `t(…)`) is a source. */
  private followCall(call: ts.CallExpression, steps: readonly Step[], sink: string, via: string | undefined): void {
    const fn = this.functionOf(call.expression);
    if (fn !== undefined) this.selectReturns(fn, steps, sink, via ?? `${calleeName(call.expression) ?? 'function'}()`);
  }

  private selectReturns(fn: FunctionLike, steps: readonly Step[], sink: string, via: string | undefined): void {
    if (this.following.has(fn)) return;
    this.following.add(fn);
    this.returnsText(fn)?.forEach((expression) => this.select(expression, steps, sink, via));
    this.following.delete(fn);
  }

  /** The expressions `fn` returns, when every one is text written in this file (`undefined` and `null` aside); otherwise undefined. */
  private returnsText(fn: FunctionLike): ts.Expression[] | undefined {
    const body = fn.body;
    if (body === undefined) return undefined;
    const returned: ts.Expression[] = [];
    let other = false;
    const classify = (expression: ts.Expression): void => {
      const e = unwrap(expression);
      if ((ts.isIdentifier(e) && e.text === 'undefined') || e.kind === ts.SyntaxKind.NullKeyword) return;
      if (isTextSource(e) || isTranslateCall(e) || this.isLookup(e)) returned.push(e);
      else other = true;
    };
    const collect = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression !== undefined) classify(node.expression);
      ts.forEachChild(node, collect);
    };
    if (ts.isBlock(body)) ts.forEachChild(body, collect);
    else classify(body);
    return other || returned.length === 0 ? undefined : returned;
  }

  /** `kindText[k]`, `WORDS.get(k)`, `({ a: 'A' })[k]`, `kindLabel(k)`: a lookup in text written in this file. */
  private isLookup(expression: ts.Expression): boolean {
    const { root } = this.chain(expression);
    if (ts.isIdentifier(root)) return this.constOf(root) !== undefined;
    if (ts.isCallExpression(root)) {
      const fn = this.functionOf(root.expression);
      if (fn === undefined || this.following.has(fn)) return false;
      this.following.add(fn);
      const text = this.returnsText(fn) !== undefined;
      this.following.delete(fn);
      return text;
    }
    return isTextSource(root);
  }

  /** The text of `node` that the accesses `steps` reach: a property of an object, the elements of an array, the values of a Map or Set. */
  private select(node: ts.Expression, steps: readonly Step[], sink: string, via: string | undefined): void {
    const e = unwrap(node);
    const [step, ...rest] = steps;
    // A method of a string, array, Map or Set (`join`, `get`, `toUpperCase`): its name and its call are one access.
    const afterMethod = step?.name !== undefined && rest[0]?.call === true ? rest.slice(1) : rest;
    if (isTranslateCall(e) || step?.name === 'length') return;
    if (ts.isConditionalExpression(e)) {
      this.select(e.whenTrue, steps, sink, via);
      this.select(e.whenFalse, steps, sink, via);
    } else if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      this.select(e.left, steps, sink, via);
      this.select(e.right, steps, sink, via);
    } else if (ts.isIdentifier(e)) {
      this.followName(e, steps, sink, via);
    } else if (collectionOf(e) !== undefined && ts.isNewExpression(e)) {
      if (step?.call === true || notElementText.has(step?.name ?? '')) return;
      const [entries] = e.arguments ?? [];
      if (entries === undefined || !ts.isArrayLiteralExpression(unwrap(entries))) return;
      for (const entry of (unwrap(entries) as ts.ArrayLiteralExpression).elements) {
        // A Map's entry is `[key, value]`: the key is an id, the value is what `get` gives.
        const value = collectionOf(e) === 'Map' && ts.isArrayLiteralExpression(unwrap(entry)) ? (unwrap(entry) as ts.ArrayLiteralExpression).elements[1] : entry;
        if (value !== undefined) this.select(ts.isSpreadElement(value) ? value.expression : value, afterMethod, sink, via);
      }
    } else if (step === undefined) {
      this.check(e, sink, via);
    } else if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
      // `kindWord[k]()`: what the table's function returns.
      if (step.call) this.selectReturns(e, rest, sink, via);
    } else if (step.call) {
      // Nothing else here is called.
    } else if (ts.isArrayLiteralExpression(e)) {
      if (notElementText.has(step.name ?? '')) return;
      e.elements.forEach((element) => this.select(ts.isSpreadElement(element) ? element.expression : element, afterMethod, sink, via));
    } else if (ts.isObjectLiteralExpression(e)) {
      this.selectProperty(e, step, rest, sink, via);
    } else if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e) || ts.isBinaryExpression(e)) {
      // A string's methods (`toUpperCase()`, `slice(…)`) keep its text; its length does not.
      if (step.name !== 'length') this.check(e, sink, via);
    } else if (ts.isCallExpression(e)) {
      this.access(e, sink, via, steps);
    }
  }

  /** `table.key` or `table[k]` (every key): the property's value, a getter's or (called) a method's returns. */
  private selectProperty(table: ts.ObjectLiteralExpression, step: Step, rest: readonly Step[], sink: string, via: string | undefined): void {
    for (const property of table.properties) {
      if (ts.isSpreadAssignment(property)) {
        this.select(property.expression, [step, ...rest], sink, via);
        continue;
      }
      const name = property.name;
      const key = name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) ? name.text : undefined;
      if (step.name !== undefined && key !== undefined && key !== step.name) continue;
      if (ts.isPropertyAssignment(property)) this.select(property.initializer, rest, sink, via);
      else if (ts.isShorthandPropertyAssignment(property)) this.followName(property.name, rest, sink, via);
      else if (ts.isGetAccessorDeclaration(property)) this.selectReturns(property, rest, sink, via);
      else if (ts.isMethodDeclaration(property) && rest[0]?.call === true) this.selectReturns(property, rest.slice(1), sink, via);
    }
  }
}

/** Every user-facing literal of one source text that bypasses `t`. */
export function findBypasses(fileName: string, text: string): Bypass[] {
  const { source, checker } = checkedSource(fileName, text);
  const analysis = new Analysis(source, checker);
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && sinkFields.has(node.name.text)) {
      analysis.check(node.initializer, node.name.text);
    } else if (ts.isShorthandPropertyAssignment(node) && sinkFields.has(node.name.text)) {
      // `{ label }`: the const it names, if its text is written in this file.
      analysis.check(node.name, node.name.text);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && sinkFields.has(node.left.name.text)) {
      analysis.check(node.right, node.left.name.text);
    } else if (ts.isCallExpression(node) && sinkCalls.has(calleeName(node.expression) ?? '')) {
      node.arguments.forEach((argument) => analysis.check(argument, `${calleeName(node.expression)}()`));
    } else if (ts.isCallExpression(node) && sinkArguments.has(calleeName(node.expression) ?? '')) {
      const argument = node.arguments[sinkArguments.get(calleeName(node.expression) ?? '') ?? 0];
      if (argument !== undefined) analysis.check(argument, `${calleeName(node.expression)}()`);
    } else if (ts.isNewExpression(node) && sinkClasses.has(calleeName(node.expression) ?? '')) {
      (node.arguments ?? []).forEach((argument) => analysis.check(argument, `new ${calleeName(node.expression)}()`));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return analysis.found;
}
