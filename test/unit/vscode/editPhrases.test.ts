import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editRefusalText } from '../../../src/core/edit/editRefusal';
import type { EditRefusal } from '../../../src/core/edit/editRefusal';
import { runManifestAction } from '../../../src/core/edit/manifestActions';
import type { ManifestAction } from '../../../src/core/edit/manifestActions';
import { useL10nBundle } from '../../../src/vscode/base/l10n';
import { editRefusalMessage } from '../../../src/vscode/commands/editPhrases';
import { realRefusals, refusalManifest, refusalNow, refusalSamples } from '../core/edit/refusalSamples';

/**
 * Why a write action was refused, as the editor says it: the extension's phrase of the refusal's
 * code and facts, in the display language and the words of its prompts, never a CLI flag; the
 * CLI's English (the outcome's `error`) stays as it was.
 */

const german = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
const cliFlag = /(^|[\s(`'"])--[a-z]/;
/** Words only the English phrases use: a German message that still has one was not translated. */
const englishWords = /\b(the|is|was|not|must|choose|already|has|cannot|nothing|fix it|by hand)\b/i;

/** The text without the refusal's facts (ids, values, the parser's own message): what the phrase itself says. */
function phraseOnly(text: string, refusal: EditRefusal): string {
  const facts: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') facts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  collect({ ...refusal, code: undefined });
  return facts.sort((a, b) => b.length - a.length).reduce((rest, fact) => (fact === '' ? rest : rest.split(fact).join('…')), text);
}

function refuse(action: ManifestAction): { error: string; refusal: EditRefusal } {
  const outcome = runManifestAction({ rootFile: 'ops.yaml', baseDir: '', files: new Map([['ops.yaml', refusalManifest]]) }, action, refusalNow);
  if (outcome.ok) assert.fail(`${action.kind} should be refused`);
  return outcome;
}

describe('edit refusals in the editor (editPhrases.ts)', () => {
  afterEach(() => useL10nBundle(undefined));

  it('has an editor phrase for every code, in editor words (no CLI flag), differing from the CLI\'s where the CLI names a flag', () => {
    for (const sample of Object.values(refusalSamples)) {
      const editor = editRefusalMessage(sample);
      const cli = editRefusalText(sample);
      assert.ok(editor.length > 0 && !/undefined|\[object|\{\w+\}/.test(editor), `${sample.code}: ${editor}`);
      assert.doesNotMatch(editor, cliFlag, `${sample.code}: ${editor}`);
      if (cliFlag.test(cli)) assert.notStrictEqual(editor, cli, sample.code);
    }
    assert.strictEqual(editRefusalMessage(refusalSamples['no-systems']), 'Choose at least one affected system.');
    assert.strictEqual(editRefusalMessage(refusalSamples['empty']), 'Fill in "Title"; it must not be empty.');
  });

  it('reads German under the German bundle for every code, with the facts as they are', () => {
    useL10nBundle(german);
    for (const sample of Object.values(refusalSamples)) {
      const text = editRefusalMessage(sample);
      assert.doesNotMatch(phraseOnly(text, sample), englishWords, `${sample.code}: ${text}`);
      assert.doesNotMatch(text, cliFlag, `${sample.code}: ${text}`);
      useL10nBundle(undefined);
      assert.notStrictEqual(text, editRefusalMessage(sample), `${sample.code} reads the same in English`);
      useL10nBundle(german);
    }
    assert.strictEqual(editRefusalMessage(refusalSamples['unknown-system']), 'Das Manifest hat kein System chekout. Meinten Sie checkout? Seine Systeme: checkout, ledger.');
  });

  it('words real refusals of the core in German, while the CLI\'s English stays unchanged', () => {
    useL10nBundle(german);
    for (const { action, code, cli } of realRefusals) {
      const { error, refusal } = refuse(action);
      assert.strictEqual(refusal.code, code);
      assert.strictEqual(error, cli, 'the CLI text does not follow the display language');
      const text = editRefusalMessage(refusal);
      assert.doesNotMatch(text, cliFlag, `${code}: ${text}`);
      assert.doesNotMatch(phraseOnly(text, refusal), englishWords, `${code}: ${text}`);
    }
    const said = (action: ManifestAction): string => editRefusalMessage(refuse(action).refusal);
    assert.strictEqual(said({ kind: 'incident-resolve', id: 'INC-1' }), 'Vorfall INC-1 ist bereits behoben.');
    assert.strictEqual(said({ kind: 'freeze-now', reason: 'release', for: '1h' }), 'Wählen Sie mindestens ein System oder eine Stufe zum Sperren, oder alle Systeme.');
    assert.strictEqual(said({ kind: 'incident-declare', severity: 'sev2', systems: ['checkout'], title: ' ' }), 'Füllen Sie „Titel“ aus; das Feld darf nicht leer sein.');
    assert.strictEqual(said({ kind: 'freeze-end', id: 'past' }), 'Sperre past ist bereits beendet (2026-11-02 00:00).');
  });

  it('puts text from the manifest or the user in as plain arguments: no control characters, no $(icon) syntax', () => {
    const text = editRefusalMessage({ code: 'unknown-entry', kind: 'incident', id: 'INC-$(alert)\u001b[31m', hint: undefined });
    assert.ok(!text.includes('\u001b') && !/(^|[^\\])\$\(/.test(text), text);
    assert.match(text, /^The manifest has no incident INC-/);
  });
});
