import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  acquireLock, ConcurrentChangeError, createFileAtomic, isStaleLock, lockFileOf, LockBusyError, tryLock, UnsafeTargetError, writeFileAtomic,
} from '../../../src/node/atomicWrite';

/** A process id that was just in use and is now free: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  assert.ok(child.pid !== undefined && child.pid > 0);
  return child.pid;
}

function lockText(owner: { pid: number; host?: string; time: number; nonce?: string }): string {
  return JSON.stringify({ host: os.hostname(), nonce: 'someone-else', ...owner });
}

describe('writeFileAtomic', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-atomic-')));
    file = path.join(dir, 'ops.yaml');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces the file, keeps its permissions and leaves no temporary or lock file', async () => {
    fs.writeFileSync(file, 'a\r\n', { mode: 0o640 });
    await writeFileAtomic(file, 'b\r\n', { expected: 'a\r\n' });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'b\r\n');
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepStrictEqual(fs.readdirSync(dir), ['ops.yaml']);
  });

  it('refuses, writing nothing, when the file no longer holds what was read', async () => {
    fs.writeFileSync(file, 'changed by someone else\n');
    await assert.rejects(writeFileAtomic(file, 'mine\n', { expected: 'what I read\n' }), ConcurrentChangeError);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'changed by someone else\n');
    assert.deepStrictEqual(fs.readdirSync(dir), ['ops.yaml']);
  });

  it('compares without the byte-order mark the readers drop, and keeps it', async () => {
    fs.writeFileSync(file, '\uFEFFversion: 1\n');
    await writeFileAtomic(file, 'version: 1\nfreezes: []\n', { expected: 'version: 1\n' });
    assert.deepStrictEqual([...fs.readFileSync(file).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), '\uFEFFversion: 1\nfreezes: []\n');
  });

  it('writes the target of a symbolic link inside the root, and refuses one leading out or nowhere', async () => {
    const root = path.join(dir, 'repo');
    fs.mkdirSync(path.join(root, 'config'), { recursive: true });
    fs.writeFileSync(path.join(root, 'config', 'ops.yaml'), 'inside\n');
    fs.symlinkSync('config/ops.yaml', path.join(root, 'ops.yaml'));
    await writeFileAtomic(path.join(root, 'ops.yaml'), 'new\n', { expected: 'inside\n', root });
    assert.strictEqual(fs.readFileSync(path.join(root, 'config', 'ops.yaml'), 'utf8'), 'new\n');
    assert.ok(fs.lstatSync(path.join(root, 'ops.yaml')).isSymbolicLink(), 'the link stays a link');

    fs.writeFileSync(path.join(dir, 'victim.txt'), 'victim\n');
    fs.symlinkSync('../victim.txt', path.join(root, 'out.yaml'));
    await assert.rejects(writeFileAtomic(path.join(root, 'out.yaml'), 'x\n', { root }), (error: Error) => error instanceof UnsafeTargetError && /outside the repository/.test(error.message));
    assert.strictEqual(fs.readFileSync(path.join(dir, 'victim.txt'), 'utf8'), 'victim\n');

    fs.symlinkSync('../nowhere.txt', path.join(root, 'dangling.yaml'));
    await assert.rejects(writeFileAtomic(path.join(root, 'dangling.yaml'), 'x\n', { root }), (error: Error) => error instanceof UnsafeTargetError && /does not exist/.test(error.message));
    assert.ok(!fs.existsSync(path.join(dir, 'nowhere.txt')));
  });

  it('waits for the lock: a change made while another writer held it is seen, and nothing is overwritten', async () => {
    fs.writeFileSync(file, 'v1\n');
    const held = tryLock(file);
    assert.ok(held, 'the lock is free');
    const writing = writeFileAtomic(file, 'v1 + mine\n', { expected: 'v1\n' });
    // The other writer, holding the lock, writes its own edit and lets go.
    fs.writeFileSync(file, 'v1 + theirs\n');
    held.release();
    await assert.rejects(writing, ConcurrentChangeError);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'v1 + theirs\n');
    assert.ok(!fs.existsSync(lockFileOf(file)), 'the lock is released after the refusal');
  });
});

describe('file lock', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-lock-')));
    file = path.join(dir, 'ops.yaml');
    fs.writeFileSync(file, 'v1\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is exclusive: a second writer does not get it until the first lets go', () => {
    const first = tryLock(file);
    assert.ok(first);
    assert.strictEqual(path.basename(first.file), '.ops.yaml.change-radar.lock');
    const owner = JSON.parse(fs.readFileSync(first.file, 'utf8')) as { pid: number; host: string };
    assert.deepStrictEqual([owner.pid, owner.host], [process.pid, os.hostname()]);
    assert.strictEqual(tryLock(file), undefined);
    first.release();
    const second = tryLock(file);
    assert.ok(second);
    second.release();
    assert.ok(!fs.existsSync(lockFileOf(file)));
  });

  it('a lock held by a live process is not broken: the writer gives up with who holds it, and writes nothing', async () => {
    fs.writeFileSync(lockFileOf(file), lockText({ pid: process.pid, time: Date.now() }));
    await assert.rejects(acquireLock(file, { waitMs: 0 }), (error: Error) => error instanceof LockBusyError && error.message.includes(`process ${process.pid}`) && error.message.includes(lockFileOf(file)));
    await assert.rejects(writeFileAtomic(file, 'mine\n', { expected: 'v1\n', waitMs: 0 }), LockBusyError);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'v1\n');
    assert.ok(fs.existsSync(lockFileOf(file)), 'the holder keeps its lock');
  });

  it('a lock whose process is gone is broken, and the write goes ahead', async () => {
    fs.writeFileSync(lockFileOf(file), lockText({ pid: deadPid(), time: Date.now() }));
    await writeFileAtomic(file, 'mine\n', { expected: 'v1\n', waitMs: 0 });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'mine\n');
    assert.deepStrictEqual(fs.readdirSync(dir), ['ops.yaml']);
  });

  it('staleness: a dead process on this host, or age; not a live one, nor a fresh one on another host', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    const at = { now: () => now, staleAfterMs: 60_000 };
    assert.strictEqual(isStaleLock(lockText({ pid: process.pid, time: now - 1_000 }), now, at), false, 'live, fresh');
    assert.strictEqual(isStaleLock(lockText({ pid: deadPid(), time: now - 1_000 }), now, at), true, 'dead process');
    assert.strictEqual(isStaleLock(lockText({ pid: process.pid, time: now - 61_000 }), now, at), true, 'too old');
    assert.strictEqual(isStaleLock(lockText({ pid: deadPid(), host: 'elsewhere.example', time: now - 1_000 }), now, at), false, 'another host: its process cannot be checked');
    assert.strictEqual(isStaleLock('', now - 1_000, at), false, 'being written just now');
    assert.strictEqual(isStaleLock('{not json', now - 61_000, at), true, 'unreadable and old');
  });

  it('an old lock is broken even when its pid is alive again (reused)', () => {
    fs.writeFileSync(lockFileOf(file), lockText({ pid: process.pid, time: Date.now() - 3_600_000 }));
    const lock = tryLock(file);
    assert.ok(lock, 'the stale lock was broken');
    assert.ok(fs.readFileSync(lock.file, 'utf8').includes(`"pid":${process.pid}`));
    lock.release();
    assert.deepStrictEqual(fs.readdirSync(dir), ['ops.yaml']);
  });

  it('release never removes a lock that is no longer its own', () => {
    const mine = tryLock(file);
    assert.ok(mine);
    // Someone judged it stale and took it over.
    fs.writeFileSync(mine.file, lockText({ pid: process.pid, time: Date.now(), nonce: 'theirs' }));
    mine.release();
    assert.ok(fs.existsSync(lockFileOf(file)));
  });
});

describe('createFileAtomic', () => {
  let dir: string;
  let root: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-create-')));
    root = path.join(dir, 'repo');
    fs.mkdirSync(root);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the file (and its folder), leaving nothing else', () => {
    createFileAtomic(path.join(root, '.github', 'ops.yaml'), 'version: 1\n', root);
    assert.strictEqual(fs.readFileSync(path.join(root, '.github', 'ops.yaml'), 'utf8'), 'version: 1\n');
    assert.deepStrictEqual(fs.readdirSync(path.join(root, '.github')), ['ops.yaml']);
  });

  it('never follows a dangling link at the name, nor a folder link out of the root', () => {
    fs.symlinkSync('../outside.txt', path.join(root, 'ops.yaml'));
    assert.throws(() => createFileAtomic(path.join(root, 'ops.yaml'), 'x\n', root), (error: NodeJS.ErrnoException) => error.code === 'EEXIST');
    assert.ok(!fs.existsSync(path.join(dir, 'outside.txt')));
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.symlinkSync('../elsewhere', path.join(root, '.github'));
    assert.throws(() => createFileAtomic(path.join(root, '.github', 'ops.yaml'), 'x\n', root), UnsafeTargetError);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'elsewhere')), []);
  });
});
