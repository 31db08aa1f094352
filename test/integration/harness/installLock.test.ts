// The host's install lock (scripts/provisionHost.js): two provisions at once once built
// code-server's native modules into one folder and broke both. Real processes and a real lock
// directory in a temporary folder; the work under the lock is a timer, not an install.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withInstallLock } from '../../../scripts/provisionHost';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the test host install lock', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-lock-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs two installs one after the other, never at once, and removes the lock', async () => {
    const lock = path.join(dir, 'host.install-lock');
    const spans: Array<[number, number]> = [];
    const install = async (): Promise<void> => {
      const start = Date.now();
      await pause(300);
      spans.push([start, Date.now()]);
    };
    await Promise.all([withInstallLock(install, lock, 20), withInstallLock(install, lock, 20)]);
    assert.strictEqual(spans.length, 2);
    const [first, second] = spans.sort((a, b) => a[0] - b[0]);
    assert.ok(second[0] >= first[1], `the second install started at ${second[0]}, before the first ended at ${first[1]}`);
    assert.ok(!fs.existsSync(lock), 'the lock is left behind');
  });

  it('takes over a lock whose owner has exited', async () => {
    const lock = path.join(dir, 'host.install-lock');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), gone.stdout);
    const started = Date.now();
    assert.strictEqual(await withInstallLock(() => Promise.resolve('installed'), lock, 5_000), 'installed');
    assert.ok(Date.now() - started < 2_000, 'waited for a lock whose owner is gone');
  });

  it('releases the lock when the install fails', async () => {
    const lock = path.join(dir, 'host.install-lock');
    await assert.rejects(withInstallLock(() => Promise.reject(new Error('npm failed')), lock, 20), /npm failed/);
    assert.ok(!fs.existsSync(lock));
  });
});
