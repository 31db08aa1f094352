import * as assert from 'node:assert';
import { editFail, editRefusalCodes, editRefusalOf, editRefusalText } from '../../../../src/core/edit/editRefusal';
import type * as EditRefusalModule from '../../../../src/core/edit/editRefusal';
import type { EditRefusal } from '../../../../src/core/edit/editRefusal';
import { runManifestAction } from '../../../../src/core/edit/manifestActions';
import type { ManifestAction, ManifestTexts } from '../../../../src/core/edit/manifestActions';
import { isRadarError, RadarError } from '../../../../src/core/radarError';
import { refusalSamples, refusalManifest, refusalNow, realRefusals } from './refusalSamples';
import { separateCopy } from '../../support/separateCopy';

/**
 * A refused write action is a code and its facts; the CLI words it in the English it always had
 * (test/cli checks many of these texts through the command line), the editor in its own words.
 */

/** A second, separately evaluated copy of the module, as a second bundle holds. */
function separateCopyOf(): typeof EditRefusalModule {
  return separateCopy<typeof EditRefusalModule>(require.resolve('../../../../src/core/edit/editRefusal'));
}

const texts = (): ManifestTexts => ({ rootFile: 'ops.yaml', baseDir: '', files: new Map([['ops.yaml', refusalManifest]]) });

function refusedBy(action: ManifestAction): { error: string; refusal: EditRefusal } {
  const outcome = runManifestAction(texts(), action, refusalNow);
  if (outcome.ok) assert.fail(`${action.kind} should be refused; it wrote ${outcome.result.file}`);
  return outcome;
}

describe('edit refusals: a code and its facts, worded by each face', () => {
  it('has one English CLI phrase for every code (the sample table names each code once)', () => {
    assert.deepStrictEqual(Object.keys(refusalSamples).sort(), [...editRefusalCodes].sort());
    for (const [code, sample] of Object.entries(refusalSamples)) {
      assert.strictEqual(sample.code, code);
      const text = editRefusalText(sample);
      assert.ok(text.length > 0 && !text.includes('undefined') && !text.includes('[object'), `${code}: ${text}`);
    }
  });

  it('refuses real actions with the CLI\'s English unchanged, and the code and facts beside it', () => {
    for (const { action, code, cli, facts } of realRefusals) {
      const { error, refusal } = refusedBy(action);
      assert.strictEqual(error, cli, `${action.kind} → ${code}`);
      assert.strictEqual(refusal.code, code, error);
      assert.strictEqual(editRefusalText(refusal), error, 'the message is the CLI phrase of the code and facts');
      for (const [key, value] of Object.entries(facts ?? {})) assert.deepStrictEqual((refusal as unknown as Record<string, unknown>)[key], value, `${code}.${key}`);
    }
  });

  it('gives the note of a recurring freeze ended by an override as facts too, the CLI\'s note unchanged', () => {
    const outcome = runManifestAction(texts(), { kind: 'freeze-end', id: 'weekly', approvedBy: '@cto' }, refusalNow);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
    assert.deepStrictEqual(outcome.result.lifted, { id: 'weekly', until: '2026-12-07 08:00' });
    assert.strictEqual(outcome.result.note, 'recurring freeze `weekly` keeps its schedule: an override lifts the current window until 2026-12-07 08:00');
  });

  it('keeps internal failures as one code with their detail', () => {
    assert.throws(() => editFail({ code: 'internal', detail: 'overlapping edits' }), (error: unknown) => {
      assert.ok(isRadarError(error));
      assert.strictEqual(error.message, 'internal: overlapping edits');
      assert.deepStrictEqual(editRefusalOf(error), { code: 'internal', detail: 'overlapping edits' });
      return true;
    });
  });

  it('recognises a refusal thrown by another bundle\'s copy of the module by its shape, and nothing else', () => {
    const copy = separateCopyOf();
    let thrown: unknown;
    try {
      copy.editFail({ code: 'already-resolved', id: 'INC-7' });
    } catch (error) {
      thrown = error;
    }
    let local: unknown;
    try {
      editFail({ code: 'already-resolved', id: 'INC-7' });
    } catch (error) {
      local = error;
    }
    assert.ok(thrown instanceof Error && local instanceof Error && thrown.constructor !== local.constructor, 'a different class than this copy\'s');
    assert.deepStrictEqual(editRefusalOf(thrown), { code: 'already-resolved', id: 'INC-7' });
    // Not a refusal: another RadarError code, an edit error without facts, facts with a code no phrase knows.
    assert.strictEqual(editRefusalOf(new RadarError('lock-busy', 'busy')), undefined);
    assert.strictEqual(editRefusalOf(new RadarError('edit', 'no facts')), undefined);
    assert.strictEqual(editRefusalOf(Object.assign(new RadarError('edit', 'x'), { refusal: { code: 'made-up' } })), undefined);
    assert.strictEqual(editRefusalOf({ refusal: { code: 'already-resolved', id: 'x' } }), undefined);
  });
});
