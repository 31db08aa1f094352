import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRegularFile } from '../../../src/node/regularFile';

describe('readRegularFile: only regular files, within a limit, never blocking', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-regular-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a regular file whole, up to and including the limit', () => {
    fs.writeFileSync(path.join(dir, 'a'), 'hello');
    assert.deepStrictEqual(readRegularFile(path.join(dir, 'a'), 5), { ok: true, bytes: Buffer.from('hello') });
    fs.writeFileSync(path.join(dir, 'empty'), '');
    assert.deepStrictEqual(readRegularFile(path.join(dir, 'empty'), 5), { ok: true, bytes: Buffer.alloc(0) });
  });

  it('refuses a file over the limit, a directory, a missing file, and a symbolic link when asked not to follow', () => {
    fs.writeFileSync(path.join(dir, 'a'), 'hello!');
    assert.deepStrictEqual(readRegularFile(path.join(dir, 'a'), 5), { ok: false, problem: 'too-large', reason: 'larger than 5 bytes' });
    assert.deepStrictEqual(readRegularFile(dir, 5), { ok: false, problem: 'not-regular', reason: 'not a regular file (a directory)' });
    assert.deepStrictEqual(readRegularFile(path.join(dir, 'nope'), 5), { ok: false, problem: 'unreadable', reason: 'no such file (ENOENT)' });
    fs.symlinkSync('a', path.join(dir, 'link'));
    assert.strictEqual(readRegularFile(path.join(dir, 'link'), 10).ok, true);
    assert.deepStrictEqual(readRegularFile(path.join(dir, 'link'), 10, { noFollow: true }), { ok: false, problem: 'not-regular', reason: 'not a regular file (a symbolic link)' });
  });

  it('refuses a FIFO and /dev/zero without blocking (run in a child process with a time limit)', function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'fifo');
    assert.strictEqual(spawnSync('mkfifo', [fifo]).status, 0);
    const script = `const { readRegularFile } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/node/regularFile'))});`
      + `console.log(JSON.stringify([readRegularFile(${JSON.stringify(fifo)}, 100), readRegularFile('/dev/zero', 100)]));`;
    const result = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
    assert.strictEqual(result.signal, null, 'blocked and was killed');
    assert.deepStrictEqual(JSON.parse(result.stdout), [
      { ok: false, problem: 'not-regular', reason: 'not a regular file (a FIFO)' },
      { ok: false, problem: 'not-regular', reason: 'not a regular file (a character device)' },
    ]);
  });
});
