import * as assert from 'node:assert';
import { assertSafeRef, freezeOverrideReason, parseNameStatusZ, parseTrailerLines, splitNul } from '../../src/node/gitChanges';

describe('gitChanges parsers', () => {
  it('splits NUL-terminated output and keeps newlines inside names', () => {
    assert.deepStrictEqual(splitNul('a\0new\nline\0'), ['a', 'new\nline']);
    assert.deepStrictEqual(splitNul(''), []);
  });

  it('reads name-status -z: a rename gives old and new, a copy only the new', () => {
    assert.deepStrictEqual(parseNameStatusZ('M\0a b.ts\0R087\0old.ts\0new.ts\0C100\0src.ts\0copy.ts\0D\0gone\0'), ['a b.ts', 'old.ts', 'new.ts', 'copy.ts', 'gone']);
  });

  it('finds the first non-empty Freeze-Override trailer, key case-insensitive', () => {
    const trailers = parseTrailerLines('Signed-off-by: A <a@x>\nfreeze-override:\nFREEZE-OVERRIDE: hotfix: INC-1\n');
    assert.deepStrictEqual(trailers[2], { key: 'FREEZE-OVERRIDE', value: 'hotfix: INC-1' });
    assert.strictEqual(freezeOverrideReason(trailers), 'hotfix: INC-1');
    assert.strictEqual(freezeOverrideReason(parseTrailerLines('Signed-off-by: A\n')), undefined);
  });

  it('refuses refs that git would read as options', () => {
    assert.throws(() => assertSafeRef('--output=/tmp/x'), /not a usable git ref/);
    assert.doesNotThrow(() => assertSafeRef('origin/main'));
  });
});
