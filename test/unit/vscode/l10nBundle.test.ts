import * as assert from 'node:assert';
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findBypasses, isProse } from '../../support/l10nSinks';
import { extractFrom } from '../../../scripts/l10n';

/** Localisation: no user-facing string of the extension bypasses the bundle; bundles and nls files are complete. */

const root = path.join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

/** Every contribution string a person reads, with its path in package.json. */
function contributionStrings(contributes: unknown): Array<{ where: string; text: string }> {
  const prose = /\.(title|name|category|description|markdownDescription|contents|contextualTitle|shortTitle|label|deprecationMessage|markdownDeprecationMessage|altTitle|media\.altText)$|\.(enumDescriptions|markdownEnumDescriptions|enumItemLabels)\[\d+\]$/;
  const found: Array<{ where: string; text: string }> = [];
  const walk = (value: unknown, where: string): void => {
    if (typeof value === 'string') {
      if (prose.test(where)) found.push({ where, text: value });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${where}[${index}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, `${where}.${key}`);
    }
  };
  walk(contributes, 'contributes');
  return found;
}

describe('l10n: every user-facing string goes through the bundle', () => {
  it('finds no string or template literal reaching a user-facing sink without t() in src/vscode', function () {
    // A checker per file (names resolved as the compiler does): about 1.5 s for src/vscode on a busy machine.
    this.timeout(20000);
    const bypasses = sourceFiles(path.join(root, 'src', 'vscode')).flatMap((file) =>
      findBypasses(file, fs.readFileSync(file, 'utf8')).map((b) => `${path.relative(root, file)}:${b.line} [${b.sink}${b.via === undefined ? '' : ` via ${b.via}`}] ${b.text}`));
    assert.deepStrictEqual(bypasses, []);
  });

  it('catches a bypass in each kind of sink, and lets t(), ids, codicons and comparisons through', () => {
    const source = [
      "vscode.window.showWarningMessage('Hook installed', 'Retry');",
      "const row = node({ id: 'freeze/x', label: active ? 'Active now' : t('Upcoming'), description: `ends in ${d}` });",
      "item.tooltip = new vscode.MarkdownString(`**${title}** freeze`);",
      "item.text = `$(lock) ${name}`;",
      "const d = new vscode.Diagnostic(range, 'Frozen: ' + name, severity);",
      "const a = new vscode.CodeAction(t('Open {0}', id), vscode.CodeActionKind.QuickFix);",
      "const tip = { tooltip: [ ...fieldLines([['Reason', r]]) ].join('\\n'), contextValue: 'freeze.block' };",
      "const s = { description: kind === 'incident' ? t('incident freeze') : `${n} · ${m}` };",
      "void vscode.window.showQuickPick(items, { placeHolder: 'Pick a freeze' });",
    ].join('\n');
    const found = findBypasses('sample.ts', source).map((b) => `${b.line} ${b.sink}: ${b.text}`);
    assert.deepStrictEqual(found, [
      '1 showWarningMessage(): Hook installed',
      '1 showWarningMessage(): Retry',
      '2 label: Active now',
      '2 description: `ends in ${d}`',
      '3 new MarkdownString(): `**${title}** freeze`',
      '5 new Diagnostic(): Frozen: ',
      '7 tooltip: Reason',
      '9 placeHolder: Pick a freeze',
    ]);
  });

  it('counts as prose any letter outside a codicon, except the few names that stay as they are', () => {
    assert.deepStrictEqual(['$(flame)', '$(lock) ', ' · ', '**', '\n', '42', 'Change Radar', 'ops.yaml'].filter(isProse), []);
    assert.deepStrictEqual(['$(flame) Incident', 'Freeze', 'ä'].filter(isProse), ['$(flame) Incident', 'Freeze', 'ä']);
  });
});

describe('l10n: bundles and translations', () => {
  it('npm run l10n -- --check passes: bundle current, every t() message a literal, German complete', () => {
    const result = childProcess.spawnSync(process.execPath, [path.join(root, 'scripts', 'l10n.js'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.strictEqual(result.status, 0, result.stderr);
  });

  it('extracts literal messages and reports a non-literal one', () => {
    const found = extractFrom(path.join(root, 'src', 'vscode', 'sample.ts'), "t('Freezes in force: {0}', n); t(`Retry`); t(message); vscode.l10n.t('Open');");
    assert.deepStrictEqual(found.messages.map((m) => m.message), ['Freezes in force: {0}', 'Retry', 'Open']);
    assert.deepStrictEqual(found.problems.map((p) => p.replace(/^.*?: /, '')), ['t() needs a string literal as its message, not `message` (it could not be extracted for translation)']);
  });

  it('has every package.json contribution string as a %key% of package.nls.json and package.nls.de.json', () => {
    const pkg = readJson('package.json') as { contributes: unknown; l10n?: string };
    const nls = readJson('package.nls.json');
    const german = readJson('package.nls.de.json');
    assert.strictEqual(pkg.l10n, './l10n');
    const strings = contributionStrings(pkg.contributes);
    assert.ok(strings.length > 50, `only ${strings.length} contribution strings found`);
    const bad = strings.filter(({ text }) => {
      const key = /^%([\w.-]+)%$/.exec(text)?.[1];
      return key === undefined || typeof nls[key] !== 'string' || typeof german[key] !== 'string';
    });
    assert.deepStrictEqual(bad.map((s) => `${s.where}: ${s.text}`), []);
  });

  it('translates the German strings (not a copy of the English)', () => {
    const english = readJson('l10n/bundle.l10n.json');
    const german = readJson('l10n/bundle.l10n.de.json');
    const same = Object.keys(english).filter((key) => german[key] === english[key] && isProse(key) && /\p{L}{4,}/u.test(key));
    // A few messages read the same in German (a name, a code); most must not.
    assert.ok(same.length <= Object.keys(english).length / 20, `untranslated: ${same.join(' | ')}`);
  });
});
