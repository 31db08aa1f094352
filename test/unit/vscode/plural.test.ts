import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tn, useDisplayLanguage, useL10nBundle } from '../../../src/vscode/base/l10n';
import { localInsightPhrases } from '../../../src/vscode/language/insightPhrases';
import { localIn } from '../../../src/vscode/views/viewModel/timePhrases';
import { check, extract, extractFrom } from '../../../scripts/l10n';

/**
 * Plural messages (`tn`): the count picks its form by the display language's plural rules
 * (Intl.PluralRules), a translation supplies the categories its language has, and
 * `scripts/l10n.js --check` holds each translation to exactly those categories. The Polish and
 * French bundles are test fixtures (test/fixtures/l10n), not shipped.
 */

const root = path.join(__dirname, '..', '..', '..');
const readBundle = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
const german = readBundle('l10n/bundle.l10n.de.json');
const polish = readBundle('test/fixtures/l10n/bundle.l10n.pl.json');
const french = readBundle('test/fixtures/l10n/bundle.l10n.fr.json');
const files = { one: '{0} file', other: '{0} files' } as const;
const day = 86_400_000;
const at = Date.parse('2026-12-05T12:00:00Z');

describe('l10n: plural messages (tn)', () => {
  afterEach(() => {
    useL10nBundle(undefined);
    useDisplayLanguage(undefined);
  });

  it('reads English as before without a bundle: 1 is singular, 0, 2 and 21 plural', () => {
    assert.deepStrictEqual([0, 1, 2, 21].map((n) => localInsightPhrases.files(n)), ['0 files', '1 file', '2 files', '21 files']);
    assert.deepStrictEqual([1, 2].map((n) => localInsightPhrases.dependents(n)), ['1 dependent', '2 dependents']);
    assert.deepStrictEqual([2, 3].map((n) => localIn(at + n * day, at)), ['in 2 days', 'in 3 days']);
    assert.strictEqual(tn(1, { one: 'System {name}: {count} file', other: 'System {name}: {count} files' }, { name: 'web', count: 1 }), 'System web: 1 file');
  });

  it('reads the English forms by English rules when no bundle is loaded, whatever the display language', () => {
    // VS Code in French without a French bundle shows English text: "0 files", not "0 file".
    useDisplayLanguage('fr');
    assert.deepStrictEqual([0, 1, 2].map((n) => tn(n, files, n)), ['0 files', '1 file', '2 files']);
  });

  it('reads German as before with the German bundle: 1 singular, 0, 2 and 21 plural', () => {
    useL10nBundle(german);
    useDisplayLanguage('de');
    assert.deepStrictEqual([0, 1, 2, 21].map((n) => localInsightPhrases.files(n)), ['0 Dateien', '1 Datei', '2 Dateien', '21 Dateien']);
    assert.deepStrictEqual([4, 21].map((n) => localIn(at + n * day, at)), ['in 4 Tagen', 'in 21 Tagen']);
    assert.deepStrictEqual([1, 2].map((n) => localInsightPhrases.freezesActive(n)), ['1 Sperre aktiv', '2 Sperren aktiv']);
  });

  it('picks Polish one/few/many: 1, 2, 5, 22, 25 files', () => {
    useL10nBundle(polish);
    useDisplayLanguage('pl');
    assert.deepStrictEqual([1, 2, 5, 22, 25].map((n) => localInsightPhrases.files(n)), ['1 plik', '2 pliki', '5 plików', '22 pliki', '25 plików']);
    // `other` is Polish for fractions; a count never reaches it.
    assert.strictEqual(tn(1.5, files, 1.5), '1.5 pliku');
  });

  it('reads a category the translation lacks as its other form', () => {
    useL10nBundle(polish);
    useDisplayLanguage('pl');
    // The fixture's `in {0} days` has one and few, no many: 5 (many) falls back to other. (A
    // relative time under two days is written in hours, so `one` is not reached here.)
    assert.deepStrictEqual([2, 5, 22].map((n) => localIn(at + n * day, at)), ['za 2 dni', 'za 5 dnia', 'za 22 dni']);
    // Only `other`: every count reads it.
    assert.deepStrictEqual([1, 2, 5].map((n) => localInsightPhrases.freezesActive(n)), ['1 blokady aktywne', '2 blokady aktywne', '5 blokady aktywne']);
    // A message the bundle does not translate at all stays English, by English rules.
    assert.deepStrictEqual([1, 2].map((n) => localInsightPhrases.dependents(n)), ['1 dependent', '2 dependents']);
  });

  it('picks French one for 0 and 1, other for 2; many (1,000,000) falls back to other', () => {
    useL10nBundle(french);
    useDisplayLanguage('fr');
    assert.deepStrictEqual([0, 1, 2, 1_000_000].map((n) => localInsightPhrases.files(n)), ['0 fichier', '1 fichier', '2 fichiers', '1000000 fichiers']);
  });
});

describe('l10n: extracting and checking plural messages', () => {
  it('extracts a tn() call as its other key and its <other>/one key', () => {
    const found = extractFrom(path.join(root, 'src', 'vscode', 'sample.ts'), "tn(n, { one: '{0} file', other: '{0} files' }, n); t('Retry');");
    assert.deepStrictEqual(found.messages.map((m) => [m.key, m.message]), [['{0} files', '{0} files'], ['{0} files/one', '{0} file'], ['Retry', 'Retry']]);
    assert.deepStrictEqual(found.plurals.map((p) => p.other), ['{0} files']);
    assert.deepStrictEqual(found.problems, []);
  });

  it('reports a tn() call whose forms cannot be extracted or hard-code the count', () => {
    const found = extractFrom(path.join(root, 'src', 'vscode', 'sample.ts'), [
      "tn(n, { one: '1 file', other: '{0} files' }, n);",
      'tn(n, forms, n);',
      "tn(n, { one: '{0} file', other: label }, n);",
      "tn(n, { one: '{0} file', few: '{0} files', other: '{0} files' }, n);",
      "tn(n, { other: '{0} files' }, n);",
    ].join('\n'));
    assert.deepStrictEqual(found.messages, []);
    assert.deepStrictEqual(found.problems.map((p) => p.replace(/^.*?:\d+: /, '')), [
      'tn() forms "1 file" and "{0} files" name different placeholders: write the count as a placeholder in both (in other languages `one` is not only 1)',
      'tn() needs an object literal { one: \'…\', other: \'…\' } as its forms, not `forms`',
      'tn() needs string literals as its forms, not `label` (it could not be extracted for translation)',
      'tn() forms have exactly `one` and `other` (the English categories), not `few: \'{0} files\'`',
      'tn() forms need both `one` and `other`',
    ]);
  });

  it('finds no hand-picked singular left: no message of the extension writes the count 1 as a literal', () => {
    // `n === 1 ? t('1 file') : t('{0} files', n)` is right for English only; tn() is the way.
    const english = readBundle('l10n/bundle.l10n.json');
    assert.deepStrictEqual(Object.values(english).filter((message) => /(^|[\s(:])1 \p{L}/u.test(message)), []);
  });

  describe('--check on a folder of translations', () => {
    let dir: string;
    const { bundle, plurals } = extract();
    const write = (name: string, contents: Record<string, string>) => fs.writeFileSync(path.join(dir, name), `${JSON.stringify(contents, null, 2)}\n`);
    /** The German bundle with the Polish categories added: complete for Polish, keyed by category. */
    const completePolish = (): Record<string, string> => {
      const out = { ...german };
      for (const other of plurals) {
        out[`${other}/few`] = german[other] ?? '';
        out[`${other}/many`] = german[other] ?? '';
      }
      return out;
    };

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-l10n-'));
      fs.copyFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), path.join(dir, 'bundle.l10n.json'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('finds the plural messages of the source, and passes a translation with every category of its language', () => {
      assert.ok(plurals.size >= 20, `only ${plurals.size} plural messages`);
      assert.strictEqual(bundle['{0} files/one'], '{0} file');
      write('bundle.l10n.pl.json', completePolish());
      write('bundle.l10n.de.json', german);
      assert.deepStrictEqual(check(dir), []);
    });

    it('catches a category key the language does not have, and a category it has but the translation lacks', () => {
      const pl = completePolish();
      pl['{0} files/two'] = '{0} pliki';
      delete pl['{0} files/few'];
      write('bundle.l10n.pl.json', pl);
      const problems = check(dir).map((p) => p.replace(/^.*?bundle\.l10n\.pl\.json: /, ''));
      assert.deepStrictEqual(problems, [
        'missing "{0} files/few" (plural category few of pl)',
        '"{0} files/two" is plural category two, which pl does not have (its categories: few, many, one, other)',
      ]);
    });

    it('catches German keys for Polish categories, and a one key in a language without one (Japanese)', () => {
      write('bundle.l10n.de.json', { ...german, '{0} files/few': '{0} Dateien' });
      const ja = Object.fromEntries(Object.entries(german).filter(([key]) => !key.endsWith('/one')));
      ja['{0} days/one'] = '{0}日';
      write('bundle.l10n.ja.json', ja);
      assert.deepStrictEqual(check(dir).map((p) => p.replace(/^.*?(bundle\.l10n\.\w+\.json)/, '$1')), [
        'bundle.l10n.de.json: "{0} files/few" is plural category few, which de does not have (its categories: one, other)',
        'bundle.l10n.ja.json: "{0} days/one" is plural category one, which ja does not have (its categories: other)',
      ]);
    });
  });
});
