import * as assert from 'node:assert';
import { findBypasses } from '../../support/l10nSinks';

/**
 * The analysis behind "no user-facing string bypasses the bundle" (test/support/l10nSinks.ts) follows
 * a name in a sink to where its text was written in the same file: a table (object, array, Map, Set),
 * a const string, a conditional of those, a function whose every return is such text. Each case is a
 * small snippet, so the check cannot silently stop catching one.
 */

const found = (...lines: string[]): string[] =>
  findBypasses('sample.ts', lines.join('\n')).map((b) => `${b.line} ${b.sink}${b.via === undefined ? '' : ` via ${b.via}`}: ${b.text}`);

describe('l10n sinks: text that reaches a sink by name', () => {
  it('follows a lookup table to a tree item label, every value of it for a key not known until run time', () => {
    assert.deepStrictEqual(found(
      "const kindText = { freeze: 'Freeze', incident: 'Incident' } as const;",
      'export function row(kind: Kind) {',
      '  return node({ id: kind, label: kindText[kind] });',
      '}',
    ), ['1 label via kindText: Freeze', '1 label via kindText: Incident']);
  });

  it('follows x.y to that property only, and into nested tables and spreads', () => {
    assert.deepStrictEqual(found(
      "const base = { hint: 'Type to filter' };",
      "const words = { ...base, active: 'Active now', upcoming: t('Upcoming'), nested: { phrase: 'Nested phrase' } };",
      'item.description = words.active;',
      "item.tooltip = `${words.upcoming} ${words['nested'].phrase}`;",
      'const p = { placeHolder: words.hint };',
    ), ['2 description via words: Active now', '2 tooltip via words: Nested phrase', '1 placeHolder via words: Type to filter']);
  });

  it('follows a const string (module level or local) to showInformationMessage and its buttons', () => {
    assert.deepStrictEqual(found(
      "const HINT = 'Press Enter to confirm';",
      'async function run() {',
      "  const retry = 'Retry';",
      '  const choice = await vscode.window.showInformationMessage(HINT, retry);',
      '  if (choice === retry) return;',
      '}',
    ), ['1 showInformationMessage() via HINT: Press Enter to confirm', '3 showInformationMessage() via retry: Retry']);
  });

  it('follows a function whose every return is text (a switch, an arrow, a method) to its call in a sink', () => {
    assert.deepStrictEqual(found(
      'function kindLabel(k: Kind): string {',
      "  switch (k) { case 'freeze': return 'Freeze window'; case 'incident': return t('Incident'); default: return undefined; }",
      '}',
      "const stateLabel = (active: boolean) => active ? 'Active' : t('Upcoming');",
      'class Rows {',
      "  private word(k: string) { return k === 'a' ? `Alpha ${k}` : 'Beta'; }",
      '  row(k: string) { return { label: kindLabel(k), description: stateLabel(true), detail: this.word(k).toUpperCase() }; }',
      '}',
    ), ['2 label via kindLabel(): Freeze window', '4 description via stateLabel(): Active', '6 detail via word(): `Alpha ${k}`', '6 detail via word(): Beta']);
  });

  it('follows a table of functions, getters and methods to what they return when called or read', () => {
    assert.deepStrictEqual(found(
      "const kindWord = { freeze: () => 'Freeze', incident: () => t('Incident') };",
      'const Actions = {',
      "  get showImpact() { return 'Show Impact'; },",
      "  get unstage() { return t('Unstage'); },",
      "  retryLabel() { return 'Try again'; },",
      '};',
      'async function ask(k: Kind) {',
      '  const choice = await vscode.window.showWarningMessage(kindWord[k](), Actions.showImpact, Actions.unstage, Actions.retryLabel());',
      '}',
    ), ['1 showWarningMessage() via kindWord: Freeze', '3 showWarningMessage() via Actions: Show Impact', '5 showWarningMessage() via Actions: Try again']);
  });

  it('takes a Map\'s values, not its keys, and a Set\'s elements; a module-level quick-pick list is caught by its labels', () => {
    assert.deepStrictEqual(found(
      "const words = new Map([['freeze', 'Freeze window'], ['incident', t('Incident')]]);",
      "const units = new Set(['hours', 'days']);",
      "const choices = [{ label: 'Freeze now', value: 'freeze' }, { label: t('Declare incident'), value: 'incident' }];",
      "const d = { description: words.get(kind) ?? '', detail: [...units].join(', ') };",
      'void vscode.window.showQuickPick(choices);',
      'const n = { description: `${words.size} ${units.has(u)}` };',
    ), ['3 label: Freeze now', '1 description via words: Freeze window', '2 detail via units: hours', '2 detail via units: days']);
  });

  it('follows { label } to its const and respects scopes (a shadowing t() value is not the outer text)', () => {
    assert.deepStrictEqual(found(
      "const label = 'Outer label';",
      "function a() { const label = t('Inner'); return { label }; }",
      "function b() { const tooltip = active ? 'Shown tooltip' : t('Hidden'); return { label, tooltip }; }",
    ), ['1 label via label: Outer label', '3 tooltip via tooltip: Shown tooltip']);
  });

  it('stops at a cycle of consts', () => {
    assert.deepStrictEqual(found(
      "const a: string = b ?? 'First';",
      "const b: string = a ?? 'Second';",
      'const r = { label: a };',
    ), ['2 label via a: Second', '1 label via a: First']);
  });

  it('lets the same tables through when their text comes from t(), and ids, keys, codicons and imports', () => {
    assert.deepStrictEqual(found(
      "import { importedText } from './elsewhere';",
      "const kindText = { freeze: t('Freeze'), incident: t('Incident') };",
      "const HINT = t('Press Enter to confirm');",
      "const words = new Map([['freeze', t('Freeze window')]]);",
      "function kindLabel(k: Kind) { switch (k) { case 'freeze': return t('Freeze'); default: return kindText[k]; } }",
      "const ids = { freeze: 'freeze-row', open: 'changeRadar.openManifest' };",
      "const icons = { freeze: 'snowflake', incident: 'flame' };",
      'export function row(kind: Kind) {',
      '  void vscode.window.showInformationMessage(HINT);',
      "  if (kind === ids.freeze) return node({ id: ids.freeze, contextValue: ids.freeze, command: { command: ids.open, title: t('Open') }, label: kindLabel(kind) });",
      '  return node({ id: kind, label: `$(${icons[kind]}) ${kindText[kind]}`, description: words.get(kind), tooltip: importedText[kind] });',
      '}',
    ), []);
  });

  it('takes no text from a length, and no arguments of a call whose result only reaches the sink by its length', () => {
    assert.deepStrictEqual(found(
      "const shown = items.length > 0 ? group('changeRadar.impact', items) : [];",
      "const words = ['Alpha', 'Beta'];",
      'const r = { message: reason(shown.length), description: `${words.length}` };',
    ), []);
  });

  it('does not follow a function that also returns something other than text written there', () => {
    // What it returns is computed elsewhere (and checked where that text is written, if it is a sink there).
    assert.deepStrictEqual(found(
      "function describe(x: Item) { if (x.active) return 'Active'; return format(x); }",
      'const r = { label: describe(item) };',
    ), []);
  });
});
