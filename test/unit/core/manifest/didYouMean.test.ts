import * as assert from 'node:assert';
import { didYouMean, editDistance } from '../../../../src/core/manifest/didYouMean';

describe('didYouMean', () => {
  it('suggests a key that differs by case only', () => {
    assert.strictEqual(didYouMean('dependson', ['title', 'paths', 'dependsOn']), 'dependsOn');
  });
  it('suggests across a swap of neighbouring letters', () => {
    assert.strictEqual(didYouMean('pahts', ['title', 'paths', 'exclude']), 'paths');
  });
  it('suggests nothing when every candidate is far', () => {
    assert.strictEqual(didYouMean('banana', ['strict']), undefined);
  });
  it('allows more edits for longer words (a third of the length)', () => {
    assert.deepStrictEqual([didYouMean('enforcment', ['enforcement']), didYouMean('ab', ['xy'])], ['enforcement', undefined]);
  });
  it('never suggests the word itself', () => {
    assert.strictEqual(didYouMean('web', ['web']), undefined);
  });
  it('ignores words too long to be typos', () => {
    assert.strictEqual(didYouMean('x'.repeat(65), ['x'.repeat(64)]), undefined);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps as one edit each', () => {
    assert.deepStrictEqual(
      [editDistance('web', 'webb'), editDistance('webb', 'web'), editDistance('web', 'wab'), editDistance('ab', 'ba'), editDistance('', 'abc')],
      [1, 1, 1, 1, 3],
    );
  });
});
