import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { coalescedRun } from '../../../src/node/warmLock';

/** One warm run at a time per cache folder, none lost (src/node/warmLock.ts), on a real folder. */
describe('coalescedRun', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-warmlock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs once and leaves nothing behind', async () => {
    let runs = 0;
    assert.strictEqual(await coalescedRun(path.join(dir, 'cache'), () => { runs++; }), 'ran');
    assert.strictEqual(runs, 1);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'cache')), []);
  });

  it('a run asked for while one is under way is handed over: the one under way goes again, once', async () => {
    const seen: string[] = [];
    const outer = coalescedRun(dir, async () => {
      seen.push('outer');
      if (seen.length === 1) {
        // Two more asks while this run is under way: both hand over, and cost one more run, not two.
        assert.strictEqual(await coalescedRun(dir, () => { seen.push('inner'); }), 'handed-over');
        assert.strictEqual(await coalescedRun(dir, () => { seen.push('inner'); }), 'handed-over');
      }
    });
    assert.strictEqual(await outer, 'ran');
    assert.deepStrictEqual(seen, ['outer', 'outer']);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('takes over a lock left by a run that died, once it is stale', async () => {
    const lock = path.join(dir, 'warm.lock');
    fs.writeFileSync(lock, '');
    let runs = 0;
    assert.strictEqual(await coalescedRun(dir, () => { runs++; }), 'handed-over', 'a fresh lock is respected');
    assert.strictEqual(runs, 0);
    const old = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(lock, old, old);
    assert.strictEqual(await coalescedRun(dir, () => { runs++; }), 'ran');
    assert.strictEqual(runs, 1, 'one run answers the mark the handed-over call left as well');
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('a failing run still frees the lock', async () => {
    await assert.rejects(coalescedRun(dir, () => { throw new Error('boom'); }), /boom/);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });
});
