import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConcurrentChangeError, writeFileAtomic } from '../../src/node/atomicWrite';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-atomic-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces the file, keeps its permissions and leaves no temporary file', () => {
    const file = path.join(dir, 'ops.yaml');
    fs.writeFileSync(file, 'a\r\n', { mode: 0o640 });
    writeFileAtomic(file, 'b\r\n', 'a\r\n');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'b\r\n');
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepStrictEqual(fs.readdirSync(dir), ['ops.yaml']);
  });

  it('refuses, writing nothing, when the file no longer holds what was read', () => {
    const file = path.join(dir, 'ops.yaml');
    fs.writeFileSync(file, 'changed by someone else\n');
    assert.throws(() => writeFileAtomic(file, 'mine\n', 'what I read\n'), ConcurrentChangeError);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'changed by someone else\n');
    assert.deepStrictEqual(fs.readdirSync(dir), ['ops.yaml']);
  });
});
