import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasRadarCode, RadarError } from '../core/radarError';
import { isInside } from './insidePath';

/**
 * The one way Change Radar writes a repository file (the CLI's write actions and `init`, the
 * editor's write actions). Three guarantees:
 *
 * - **One writer at a time.** Every writer of a file holds an exclusive lock file next to it
 *   (`.ops.yaml.change-radar.lock`, created with O_EXCL, holding pid, host, time and a nonce)
 *   while it compares the file with the text its edit was prepared from and renames the new text
 *   over it. A lock whose process is gone (same host), or which is older than `staleAfterMs`, is
 *   broken; breaking is itself serialised by a second lock file, so two writers never both break
 *   one lock and both win.
 * - **Nothing written over a change it has not seen.** With `expected`, the file must still hold
 *   that text (compared without a UTF-8 byte-order mark, which readers drop); else
 *   `ConcurrentChangeError`, and nothing is written.
 * - **Never out of the repository.** With `root`, the file (symbolic links followed) must be a
 *   regular file inside it; a link leading out, or dangling, is `UnsafeTargetError`.
 *
 * The new text replaces the old atomically (a temporary file next to the real file, same
 * permissions, then a rename); a BOM the file had is kept.
 */

/** The file changed on disk between reading it and writing the edit. */
export class ConcurrentChangeError extends RadarError {
  constructor(message: string) {
    super('concurrent-change', message);
  }
}

/** The file is not one Change Radar may write: a symbolic link out of the repository, dangling, not a regular file. */
export class UnsafeTargetError extends RadarError {
  constructor(message: string) {
    super('unsafe-target', message);
  }
}

/** Another writer holds the file's lock and did not let go within the wait. */
export class LockBusyError extends RadarError {
  constructor(
    message: string,
    readonly lockFile: string,
  ) {
    super('lock-busy', message);
  }
}

/** What a lock file holds. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** Epoch milliseconds when the lock was taken. */
  readonly time: number;
  readonly nonce: string;
}

export interface LockOptions {
  /** How long to wait for a lock held by another writer (0: one try). Default 10 s. */
  readonly waitMs?: number;
  /** A lock older than this is stale whoever holds it. Default 60 s (a write holds it for milliseconds). */
  readonly staleAfterMs?: number;
  /** The clock (tests pin it). */
  readonly now?: () => number;
}

export interface FileLock {
  /** The lock file's path. */
  readonly file: string;
  /** Gives the lock up (only if it is still this writer's). */
  release(): void;
}

const bom = '\uFEFF';
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The lock file guarding `realFile`: `.NAME.change-radar.lock` in the same folder. */
export function lockFileOf(realFile: string): string {
  return path.join(path.dirname(realFile), `.${path.basename(realFile)}.change-radar.lock`);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Whether a process with this id exists on this machine (one of another user counts). */
function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner> | null;
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.time !== 'number' || typeof value.nonce !== 'string') return undefined;
    return { pid: value.pid, host: value.host, time: value.time, nonce: value.nonce };
  } catch {
    return undefined;
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Creates `file` holding `text`, failing with EEXIST when anything (even a dangling link) is there. */
function createExclusive(file: string, text: string): void {
  const fd = fs.openSync(file, 'wx', 0o644);
  try {
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Whether the lock someone holds is stale: its process is gone (same host), it is older than
 * `staleAfterMs`, or it cannot be read and its file is that old (a writer that died between
 * creating and filling it).
 */
export function isStaleLock(text: string, mtimeMs: number, options: LockOptions = {}): boolean {
  const now = (options.now ?? Date.now)();
  const staleAfter = options.staleAfterMs ?? 60_000;
  const owner = parseOwner(text);
  if (owner === undefined) return now - mtimeMs > staleAfter;
  if (owner.host === os.hostname() && !processAlive(owner.pid)) return true;
  return now - owner.time > staleAfter;
}

/** Removes the lock at `lockFile` if it still holds `seen`, one breaker at a time. */
function breakStaleLock(lockFile: string, seen: string, options: LockOptions): void {
  const breaker = `${lockFile}.break`;
  const now = (options.now ?? Date.now)();
  try {
    createExclusive(breaker, String(process.pid));
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    // A breaker that died while breaking (it takes microseconds) leaves this behind; clear it for the next try.
    const stat = fs.statSync(breaker, { throwIfNoEntry: false });
    if (stat !== undefined && now - stat.mtimeMs > 10_000) fs.rmSync(breaker, { force: true });
    return;
  }
  try {
    if (readOrUndefined(lockFile) === seen) fs.rmSync(lockFile, { force: true });
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

/** One attempt at the lock of `realFile` (breaking a stale one first); undefined when another writer holds it. */
export function tryLock(realFile: string, options: LockOptions = {}): FileLock | undefined {
  const lockFile = lockFileOf(realFile);
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), time: (options.now ?? Date.now)(), nonce: randomBytes(8).toString('hex') };
  const text = JSON.stringify(owner);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      createExclusive(lockFile, text);
      return {
        file: lockFile,
        release: () => {
          if (readOrUndefined(lockFile) === text) fs.rmSync(lockFile, { force: true });
        },
      };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const held = readOrUndefined(lockFile);
    if (held === undefined) continue;
    const stat = fs.statSync(lockFile, { throwIfNoEntry: false });
    if (stat === undefined) continue;
    if (!isStaleLock(held, stat.mtimeMs, options)) return undefined;
    breakStaleLock(lockFile, held, options);
  }
  return undefined;
}

/** Who holds the lock, in words, for a message. */
function holderText(lockFile: string): string {
  const owner = parseOwner(readOrUndefined(lockFile) ?? '');
  return owner === undefined ? '' : ` (process ${owner.pid} on ${owner.host}, since ${new Date(owner.time).toISOString()})`;
}

/** The lock of `realFile`, waiting up to `waitMs` for another writer to let go; `LockBusyError` after that. */
export async function acquireLock(realFile: string, options: LockOptions = {}): Promise<FileLock> {
  const waitMs = options.waitMs ?? 10_000;
  const deadline = Date.now() + waitMs;
  let pause = 5;
  for (;;) {
    const lock = tryLock(realFile, options);
    if (lock !== undefined) return lock;
    if (Date.now() >= deadline) {
      const lockFile = lockFileOf(realFile);
      throw new LockBusyError(
        `${path.basename(realFile)} is being written by another writer${holderText(lockFile)}; nothing was written. `
        + `Run the command again (if no change-radar command or editor is writing it, delete ${lockFile})`,
        lockFile,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(0, deadline - Date.now()))));
    pause = Math.min(100, pause * 2);
  }
}

/** Runs `action` holding the lock of `realFile`. */
async function withFileLock<T>(realFile: string, action: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = await acquireLock(realFile, options);
  try {
    return await action();
  } finally {
    lock.release();
  }
}

/** A file's text as the readers see it (without a byte-order mark), and whether it had one; undefined when it is not UTF-8. */
export function readTextOf(realFile: string): { readonly text: string | undefined; readonly bom: boolean } {
  const bytes = fs.readFileSync(realFile);
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: utf8.decode(hasBom ? bytes.subarray(3) : bytes), bom: hasBom };
  } catch {
    return { text: undefined, bom: hasBom };
  }
}

/**
 * Where a write of `file` lands: its real path, after following symbolic links, which must be a
 * regular file inside `root` (when given). `UnsafeTargetError` otherwise.
 */
export function resolveWriteTarget(file: string, root?: string): string {
  const shown = root !== undefined ? path.relative(root, file).split(path.sep).join('/') || file : file;
  let link: fs.Stats;
  try {
    link = fs.lstatSync(file);
  } catch (error) {
    throw new UnsafeTargetError(`${shown} cannot be written: ${errorCode(error) === 'ENOENT' ? 'it does not exist' : String(error)}`);
  }
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    const target = link.isSymbolicLink() ? fs.readlinkSync(file) : '?';
    throw new UnsafeTargetError(`${shown} is a symbolic link to '${target}', which does not exist; nothing was written (create the target inside the repository, or replace the link with a file)`);
  }
  if (root !== undefined) {
    const realRoot = fs.realpathSync(root);
    if (!isInside(realRoot, real)) {
      const target = link.isSymbolicLink() ? fs.readlinkSync(file) : real;
      throw new UnsafeTargetError(`${shown} is a symbolic link to '${target}', outside the repository; Change Radar writes only files inside it, nothing was written`);
    }
  }
  const stat = fs.statSync(real);
  if (!stat.isFile()) throw new UnsafeTargetError(`${shown} is not a regular file; nothing was written`);
  return real;
}

export interface WriteOptions extends LockOptions {
  /** The text the edit was prepared from: the file must still hold it (else `ConcurrentChangeError`). */
  readonly expected?: string;
  /** The repository: the file, symbolic links followed, must lie inside it (else `UnsafeTargetError`). */
  readonly root?: string;
}

/**
 * Writes `text` to the existing `file` atomically, holding its lock: a temporary file next to the
 * real file (same permissions), then a rename over it, so that a reader sees the old text or the
 * new one, never half. When `expected` is given and the file no longer holds it, nothing is
 * written. A byte-order mark the file starts with is kept.
 */
export async function writeFileAtomic(file: string, text: string, options: WriteOptions = {}): Promise<void> {
  const real = resolveWriteTarget(file, options.root);
  await withFileLock(real, () => {
    // Again under the lock: the link may have been replaced since.
    if (resolveWriteTarget(file, options.root) !== real) throw new ConcurrentChangeError(`${file} changed since it was read; nothing was written`);
    const current = readTextOf(real);
    if (options.expected !== undefined && current.text !== options.expected) {
      throw new ConcurrentChangeError(`${file} changed since it was read; nothing was written`);
    }
    const mode = fs.statSync(real).mode & 0o7777;
    replaceWith(real, current.bom && !text.startsWith(bom) ? bom + text : text, mode);
  }, options);
}

function tempNameOf(real: string): string {
  return path.join(path.dirname(real), `.${path.basename(real)}.change-radar-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

function replaceWith(real: string, text: string, mode: number): void {
  const temp = tempNameOf(real);
  try {
    fs.writeFileSync(temp, text, { mode, flag: 'wx' });
    fs.chmodSync(temp, mode);
    fs.renameSync(temp, real);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Creates `file` holding `text`, atomically and only if nothing is at its name (not even a
 * dangling symbolic link): the text goes to a temporary file, which is then linked to the name.
 * With `root`, the folder it lands in (links followed) must be inside it. Missing folders are created.
 * EEXIST when something is there.
 */
export function createFileAtomic(file: string, text: string, root?: string): void {
  const folder = path.dirname(file);
  if (root !== undefined) checkFolderInside(folder, root);
  fs.mkdirSync(folder, { recursive: true });
  if (root !== undefined) checkFolderInside(folder, root);
  const temp = tempNameOf(file);
  try {
    fs.writeFileSync(temp, text, { flag: 'wx' });
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      // No hard links on this file system: an exclusive copy (O_EXCL: a link at the name fails too).
      fs.copyFileSync(temp, file, fs.constants.COPYFILE_EXCL);
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** The nearest existing folder at or above `folder`, links followed, must be inside `root`. */
function checkFolderInside(folder: string, root: string): void {
  const realRoot = fs.realpathSync(root);
  let existing = folder;
  for (;;) {
    try {
      const real = fs.realpathSync(existing);
      if (!isInside(realRoot, real)) {
        throw new UnsafeTargetError(`${path.relative(root, existing).split(path.sep).join('/')} leads outside the repository (to ${real}); nothing was written`);
      }
      return;
    } catch (error) {
      if (hasRadarCode(error, 'unsafe-target')) throw error;
      const code = errorCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const lstat = fs.lstatSync(existing, { throwIfNoEntry: false });
      if (lstat?.isSymbolicLink() === true) {
        throw new UnsafeTargetError(`${path.relative(root, existing).split(path.sep).join('/')} is a symbolic link to '${fs.readlinkSync(existing)}', which does not exist; nothing was written`);
      }
      const parent = path.dirname(existing);
      if (parent === existing) return;
      existing = parent;
    }
  }
}
