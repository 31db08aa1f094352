import * as assert from 'node:assert';
import { hasRadarCode, isRadarError, RadarError } from '../../../src/core/radarError';
import type * as RadarErrorModule from '../../../src/core/radarError';
import { GitCommandError } from '../../../src/node/gitChanges';
import { ConcurrentChangeError, LockBusyError, UnsafeTargetError } from '../../../src/node/atomicWrite';
import { AdoptError } from '../../../src/cli/adoptSupport';
import { separateCopy } from '../support/separateCopy';

/** A second, separately evaluated copy of the module, as a second bundle holds. */
function separateCopyOf(): typeof RadarErrorModule {
  return separateCopy<typeof RadarErrorModule>(require.resolve('../../../src/core/radarError'));
}

describe('RadarError: one error type, recognised by brand and code', () => {
  it('carries a code, an exit status (default 2) and the message', () => {
    const error = new RadarError('call', 'not a git repository: /x');
    assert.deepStrictEqual({ code: error.code, exitStatus: error.exitStatus, message: error.message }, { code: 'call', exitStatus: 2, message: 'not a git repository: /x' });
    assert.strictEqual(new RadarError('usage', 'x', 1).exitStatus, 1);
    assert.ok(isRadarError(error));
    assert.ok(hasRadarCode(error, 'usage', 'call'));
    assert.ok(!hasRadarCode(error, 'git'));
  });

  it('recognises an error made by a separately loaded copy of the module, which instanceof does not', () => {
    const copy = separateCopyOf();
    assert.notStrictEqual(copy.RadarError, RadarError);
    const foreign = new copy.RadarError('lock-busy', 'ops.yaml is locked by another writer');
    assert.ok(!(foreign instanceof RadarError), 'the copies are different classes');
    assert.ok(isRadarError(foreign));
    assert.ok(hasRadarCode(foreign, 'lock-busy'));
    assert.ok(copy.isRadarError(new RadarError('git', 'x')));
  });

  it('recognises a plain object of the same shape (an error that crossed a bundle or was copied)', () => {
    const shaped = { brand: 'change-radar/error', code: 'git', exitStatus: 2, message: 'fatal: bad revision' };
    assert.ok(isRadarError(shaped));
    assert.ok(hasRadarCode(shaped, 'git'));
  });

  it('rejects errors without the brand, or with the brand and the wrong shape', () => {
    for (const value of [
      new Error('x'), Object.assign(new Error('x'), { code: 'git', exitStatus: 2 }), { code: 'git', exitStatus: 2, message: 'x' },
      { brand: 'change-radar/error', code: 7, exitStatus: 2, message: 'x' }, { brand: 'change-radar/error', code: 'git', exitStatus: '2', message: 'x' },
      { brand: 'other', code: 'git', exitStatus: 2, message: 'x' }, null, undefined, 'change-radar/error', 2,
    ]) {
      assert.ok(!isRadarError(value), value instanceof Error ? value.message : JSON.stringify(value) ?? 'undefined');
    }
  });

  it('every former error class is a RadarError with its own code and exit status 2', () => {
    const made = [
      new GitCommandError('fatal: x'), new ConcurrentChangeError('changed'), new UnsafeTargetError('a link out'),
      new LockBusyError('busy', '/r/ops.yaml.lock'), new AdoptError('no repository'),
    ];
    assert.deepStrictEqual(made.map((e) => [e.code, e.exitStatus, isRadarError(e)]), [
      ['git', 2, true], ['concurrent-change', 2, true], ['unsafe-target', 2, true], ['lock-busy', 2, true], ['adopt', 2, true],
    ]);
    assert.strictEqual(made[0].name, 'GitCommandError');
  });
});
