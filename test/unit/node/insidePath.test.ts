import * as assert from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { isInside, relativeInside } from '../../../src/node/insidePath';
import { toRepoPath } from '../../../src/node/manifestDiscovery';

describe('insidePath: only a `..` segment leaves the folder', () => {
  const root = path.resolve('/repo');
  it('names that start with dots are inside', () => {
    assert.deepStrictEqual(
      ['..hidden.ts', '...', '..a/b', 'a/..b', '.x'].map((name) => relativeInside(root, path.join(root, name))),
      ['..hidden.ts', '...', '..a/b', 'a/..b', '.x'],
    );
    assert.strictEqual(toRepoPath(root, path.join(root, '..hidden.ts')), '..hidden.ts');
  });

  it('the parent, a sibling and an absolute path elsewhere are outside; the root itself is inside', () => {
    assert.deepStrictEqual(
      [path.dirname(root), path.join(root, '..', 'other'), path.resolve('/elsewhere/x'), root].map((p) => isInside(root, p)),
      [false, false, false, true],
    );
  });

  it('property: inside exactly when the normalised relative path has no leading `..` segment', () => {
    const segment = fc.constantFrom('a', '..', '.', '..a', 'a..', '...', ' b', 'é', 'x\ny');
    fc.assert(fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
      const target = path.resolve(root, ...segments);
      const expected = target === root || target.startsWith(root + path.sep);
      return isInside(root, target) === expected;
    }), { seed: 13, numRuns: 500 });
  });
});
