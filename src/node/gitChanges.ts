import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RadarError } from '../core/radarError';
import { gitDirOf } from './manifestCache';
import { readRegularFile } from './regularFile';

/**
 * Change sets from git (run directly, `git` on the PATH). Every listing uses NUL-separated output (`-z`) so that
 * paths with spaces, non-ASCII characters and even newlines come through unquoted and intact.
 */

/** Where a change set came from, in the order of precedence `check` applies. */
export type ChangeSource = 'paths' | 'staged' | 'range' | 'worktree';

export interface ChangeSet {
  readonly source: ChangeSource;
  /** Repository-relative, `/`-separated, sorted and without duplicates. */
  readonly paths: readonly string[];
  /** A short phrase for people, e.g. `staged changes` or `main...HEAD`. */
  readonly description: string;
}

/**
 * Ambient `GIT_*` variables are not passed to our git calls (a stray `GIT_DIR` would point them at
 * another repository), except these: inside a git hook git passes state through them (`git commit
 * -a` stages into a temporary index named by `GIT_INDEX_FILE`), so they must reach our git calls or
 * we would read the wrong index.
 */
const passThroughEnvironment = new Set([
  'GIT_INDEX_FILE', 'GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_CEILING_DIRECTORIES', 'GIT_QUARANTINE_PATH',
  // Set by the warm hooks' background run (and honoured when a user sets it): take no lock that is optional.
  'GIT_OPTIONAL_LOCKS',
]);

export function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_') || passThroughEnvironment.has(key)) env[key] = value;
  }
  return env;
}

/** Runs git in one directory. */
export interface GitRunner {
  /**
   * git's standard output. Rejects when git cannot be started, or exits non-zero with something on
   * standard error (its message); a non-zero exit without a message (`rev-parse -q --verify`) resolves.
   */
  raw(args: readonly string[], input?: Uint8Array): Promise<string>;
}

export function openGit(cwd: string): GitRunner {
  return {
    raw: (args, input) => new Promise((resolve, reject) => {
      const options = { cwd, env: gitEnvironment(), windowsHide: true };
      const child = input === undefined
        ? spawn('git', args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn('git', args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
      if (input !== undefined && child.stdin !== null) {
        // git may exit before reading it all (EPIPE): its exit status and message say what went wrong.
        child.stdin.on('error', () => undefined);
        child.stdin.end(input);
      }
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        const stderr = Buffer.concat(err).toString('utf8');
        if (code === null) {
          reject(new Error(`git ${args[0] ?? ''} was ended by ${signal ?? 'a signal'}`));
        } else if (code !== 0 && stderr.trim() !== '') {
          reject(new Error(stderr));
        } else {
          resolve(Buffer.concat(out).toString('utf8'));
        }
      });
    }),
  };
}

/** A git failure with git's own message, for `file:line:col`-less CLI errors (code `git`, exit 2). */
export class GitCommandError extends RadarError {
  constructor(message: string, code: 'git' | 'message-file' = 'git') {
    super(code, message);
    this.name = 'GitCommandError';
  }
}

async function run(git: GitRunner, args: string[], input?: Uint8Array): Promise<string> {
  try {
    return await git.raw(args, input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new GitCommandError(message.trim().split('\n')[0] ?? message);
  }
}

/**
 * True when `cwd` is the top of a work tree by its own `.git` (a directory holding `HEAD`, or a
 * file pointing at one), and no `GIT_WORK_TREE` or other `GIT_DIR` says otherwise: what
 * `git rev-parse --show-toplevel` would answer there, without starting git (the hooks run at the
 * top; in a linked worktree git exports `GIT_DIR`, the directory `.git` points to).
 */
export function isWorkTreeTop(cwd: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GIT_WORK_TREE !== undefined) return false;
  const gitDir = gitDirOf(cwd);
  if (gitDir === undefined || !fs.existsSync(path.join(gitDir, 'HEAD'))) return false;
  return env.GIT_DIR === undefined || path.resolve(cwd, env.GIT_DIR) === gitDir;
}

/** The working-tree root containing `cwd`, or undefined when `cwd` is not inside a work tree. */
export async function findRepoRoot(cwd: string): Promise<string | undefined> {
  if (isWorkTreeTop(cwd)) return path.resolve(cwd);
  try {
    const out = await openGit(cwd).raw(['rev-parse', '--show-toplevel']);
    const root = out.trim();
    return root === '' ? undefined : path.resolve(root);
  } catch {
    return undefined;
  }
}

/** Splits NUL-terminated git output (`ls-files -z`), dropping the empty tail. */
export function splitNul(output: string): string[] {
  const parts = output.split('\0');
  if (parts.length > 0 && parts[parts.length - 1] === '') {
    parts.pop();
  }
  return parts;
}

/**
 * Paths from `git diff --name-status -z`: `<status>\0<path>\0`, or for renames and copies
 * `R<score>\0<old>\0<new>\0`. A rename counts both paths (the old one is deleted, the new one
 * created); a copy only the new one, because the source is unchanged.
 */
export function parseNameStatusZ(output: string): string[] {
  const fields = splitNul(output);
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const status = fields[i] ?? '';
    const letter = status.charAt(0);
    if (letter === 'R' || letter === 'C') {
      const from = fields[++i];
      const to = fields[++i];
      if (letter === 'R' && from !== undefined) paths.push(from);
      if (to !== undefined) paths.push(to);
    } else {
      const file = fields[++i];
      if (file !== undefined) paths.push(file);
    }
  }
  return paths;
}

function uniqueSorted(paths: Iterable<string>): string[] {
  return [...new Set(paths)].sort();
}

const diffFlags = ['--name-status', '-z', '-M', '--no-color', '--no-ext-diff', '--ignore-submodules=none'];

/**
 * Staged changes: the index against HEAD. On an unborn branch `git diff --cached` compares with
 * the empty tree by itself (correct for SHA-1 and SHA-256 repositories alike), so one process suffices.
 */
export async function stagedChanges(cwd: string): Promise<ChangeSet> {
  const out = await run(openGit(cwd), ['diff', '--cached', ...diffFlags]);
  return { source: 'staged', paths: uniqueSorted(parseNameStatusZ(out)), description: 'staged changes' };
}

/**
 * What a commit being made will change, for the git hooks. Normally the staged changes; while a
 * merge is being concluded (`MERGE_HEAD` exists) only the files whose staged content differs from
 * *both* parents: what the merge itself introduces (conflict resolutions, edits), not the commits
 * it brings in, which were checked when they were made. `stagedDiff`: the staged changes, when the
 * caller has asked for them already.
 */
export async function commitChanges(cwd: string, stagedDiff: Promise<ChangeSet> = stagedChanges(cwd)): Promise<ChangeSet> {
  const git = openGit(cwd);
  const known = mergeHeadFromFile(cwd);
  const [staged, mergeHead] = await Promise.all([
    stagedDiff,
    known ?? git.raw(['rev-parse', '-q', '--verify', 'MERGE_HEAD']).then((out) => out.trim(), () => ''),
  ]);
  if (mergeHead === '') return staged;
  const fromOther = new Set(parseNameStatusZ(await run(git, ['diff', '--cached', ...diffFlags, mergeHead, '--'])));
  return { source: 'staged', paths: staged.paths.filter((p) => fromOther.has(p)), description: 'changes the merge introduces' };
}

/**
 * `MERGE_HEAD` read from the git directory, sparing the hooks a git process: '' when there is none,
 * undefined when this cannot be decided without git (no `.git` at `cwd`, a ref that is not a plain
 * object id), and git is asked. The git directory is `GIT_DIR` when set (git exports it to hooks),
 * else what `.git` at `cwd` is or points to (a linked worktree's own directory).
 */
export function mergeHeadFromFile(cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const gitDir = env.GIT_DIR !== undefined && env.GIT_DIR !== '' ? path.resolve(cwd, env.GIT_DIR) : gitDirOf(cwd);
  if (gitDir === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(path.join(gitDir, 'MERGE_HEAD'), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? '' : undefined;
  }
  const first = text.split('\n', 1)[0].trim();
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(first) ? first : undefined;
}

/** Refuses refs that git would read as options (`--output=...`): they come from the command line. */
export function assertSafeRef(ref: string): void {
  if (ref === '' || ref.startsWith('-') || /[\0\n]/.test(ref)) {
    throw new GitCommandError(`not a usable git ref: ${JSON.stringify(ref)}`);
  }
}

/** Changes on `head` since its merge-base with `base` (`git diff base...head`), as a pull request sees them. */
export async function rangeChanges(cwd: string, base: string, head = 'HEAD'): Promise<ChangeSet> {
  assertSafeRef(base);
  assertSafeRef(head);
  const git = openGit(cwd);
  const out = await run(git, ['diff', ...diffFlags, `${base}...${head}`, '--']);
  return { source: 'range', paths: uniqueSorted(parseNameStatusZ(out)), description: `${base}...${head}` };
}

/** Everything not yet committed: staged, unstaged and untracked (not ignored) files. */
export async function workingTreeChanges(cwd: string): Promise<ChangeSet> {
  const git = openGit(cwd);
  const [staged, unstaged, untracked] = await Promise.all([
    run(git, ['diff', '--cached', ...diffFlags]),
    run(git, ['diff', ...diffFlags]),
    run(git, ['ls-files', '--others', '--exclude-standard', '-z']),
  ]);
  const paths = [...parseNameStatusZ(staged), ...parseNameStatusZ(unstaged), ...splitNul(untracked)];
  return { source: 'worktree', paths: uniqueSorted(paths), description: 'uncommitted changes (staged, unstaged, untracked)' };
}

/** Trailers as git parses them (last paragraph, comments and the scissors line ignored). */
export interface Trailer {
  readonly key: string;
  readonly value: string;
}

/** Parses `git interpret-trailers --parse` output: one `Key: value` per line. */
export function parseTrailerLines(output: string): Trailer[] {
  const trailers: Trailer[] = [];
  for (const line of output.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    trailers.push({ key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return trailers;
}

const overrideTrailerKey = 'Freeze-Override';

/** The reason of the first non-empty `Freeze-Override:` trailer (key case-insensitive, as git treats it). */
export function freezeOverrideReason(trailers: readonly Trailer[]): string | undefined {
  const key = overrideTrailerKey.toLowerCase();
  return trailers.find((t) => t.key.toLowerCase() === key && t.value !== '')?.value;
}

/** A commit message file larger than this is refused (git itself sets no limit; no real message comes near it). */
const maxMessageFileBytes = 1024 * 1024;

/**
 * A commit message file that cannot be used: not a regular file (a FIFO, `/dev/zero`), too large,
 * or unreadable. A GitCommandError, so the CLI ends with its one-line message and exit code 2 —
 * which, in the commit-msg hook, refuses the commit.
 */
class MessageFileError extends GitCommandError {
  constructor(message: string) {
    super(message, 'message-file');
    this.name = 'MessageFileError';
  }
}

/**
 * Reads the trailers of a commit message file with git's own parser, so a trailer counts exactly
 * when git (and `git log --format=%(trailers)`) would show it: in the last paragraph, outside comments.
 * The file is read here, and only when it is a regular file of at most 1 MiB (a FIFO or a device
 * would make the read, or git's, wait or run without end); git parses the bytes read.
 */
export async function readMessageTrailers(cwd: string, messageFile: string): Promise<Trailer[]> {
  const file = path.resolve(cwd, messageFile);
  const read = readRegularFile(file, maxMessageFileBytes);
  if (!read.ok) throw new MessageFileError(`commit message file ${messageFile}: ${read.reason}; refused`);
  const out = await run(openGit(cwd), ['interpret-trailers', '--parse'], read.bytes);
  return parseTrailerLines(out);
}

/** `git rev-parse --git-path hooks` made absolute: honours core.hooksPath and worktrees. */
export async function hooksDirectory(cwd: string): Promise<string> {
  const out = await run(openGit(cwd), ['rev-parse', '--git-path', 'hooks']);
  return path.resolve(cwd, out.trim());
}

/** The absolute git directory shared by all worktrees (`--git-common-dir`). */
export async function commonGitDirectory(cwd: string): Promise<string> {
  const out = await run(openGit(cwd), ['rev-parse', '--git-common-dir']);
  return path.resolve(cwd, out.trim());
}

/** A single config value, or undefined when unset. */
export async function gitConfigValue(cwd: string, key: string): Promise<string | undefined> {
  try {
    const out = await openGit(cwd).raw(['config', '--get', key]);
    const value = out.replace(/\n$/, '');
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

/** Tracked files at or below a repository-relative directory (`''` for the whole repository). */
export async function trackedFilesUnder(cwd: string, directory: string): Promise<string[]> {
  const out = await run(openGit(cwd), ['ls-files', '-z', '--full-name', '--', directory === '' ? '.' : `:(top,literal)${directory}`]);
  return uniqueSorted(splitNul(out));
}

/** The commit a change is compared with: `git merge-base base head`, or HEAD itself; undefined when there is none (unborn branch). */
export async function baseRevision(cwd: string, base?: string, head = 'HEAD'): Promise<string | undefined> {
  const git = openGit(cwd);
  try {
    if (base === undefined) return (await git.raw(['rev-parse', '-q', '--verify', 'HEAD^{commit}'])).trim() || undefined;
    assertSafeRef(base);
    assertSafeRef(head);
    return (await git.raw(['merge-base', base, head])).trim() || undefined;
  } catch {
    return undefined;
  }
}
