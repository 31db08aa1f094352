import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeownersLocations, manifestFileNames } from '../core/manifest/manifestLocations';
import { checkRepoFile } from './manifestDiscovery';
import type { FileCheck } from './manifestDiscovery';
import { gitEnvironment, openGit, splitNul } from './gitChanges';

/**
 * Where one load reads the repository's files from: the working tree, the index (what a commit is
 * made of) or a commit. The manifest that judges a change is read from the same place as the change:
 * the hooks and `check --staged` read the index, `check --base` the head commit, `check PATHS` and
 * the editor the working tree. Every source refuses the same things: a path outside the repository,
 * a symbolic link leading out of it, a directory, a submodule, an unresolved conflict.
 */
export interface RepoSource {
  /** `worktree`, `index` or `revision:<commit>`: part of a cache key. */
  readonly id: string;
  /** Where the files were read, for messages: `the working tree`, `the index`, `commit 1a2b3c4`. */
  readonly where: string;
  /** What is at a repository-relative path; `realPath` of a file is what `read` takes. */
  check(file: string): FileCheck;
  /** The bytes of a file `check` found (up to `readLimitBytes + 1`), or why they cannot be read. */
  read(realPath: string): Buffer | { readonly error: string };
  /** A name for the bytes at `realPath` known without reading them (a git object id), when the source has one. */
  identity?(realPath: string): string | undefined;
}

/**
 * Bytes read from any one file at most. The parser rejects large files with a located error; this
 * bound only keeps a runaway file (or a symlink to /dev/zero) from being read into memory whole.
 */
const readLimitBytes = 16 * 1024 * 1024;

/** The files on disk (symbolic links followed only while they stay inside the repository). */
export function worktreeSource(repoRoot: string): RepoSource {
  return {
    id: 'worktree',
    where: 'the working tree',
    check: (file) => checkRepoFile(repoRoot, file),
    read: readBounded,
  };
}

/** Up to `readLimitBytes + 1` bytes of a file, in a buffer sized by the file's size; or why it cannot be read. */
function readBounded(file: string): Buffer | { error: string } {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: something swapped in for a FIFO after the check must not hang the read.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: 'is not a regular file' };
    const limit = readLimitBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(stat.size + 1, 4096)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length >= limit) break;
        // The file grew since fstat: read on, up to the limit.
        const grown = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : '';
    return { error: code === 'EACCES' || code === 'EPERM' ? 'cannot be read: permission denied' : `cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** One entry of the index or of a commit's tree. */
interface TreeEntry {
  readonly mode: string;
  readonly id: string;
  /** Index stage: 0, or 1–3 while a conflict is unresolved. */
  readonly stage: number;
}

/** `<mode> <id> <stage>\t<path>` (ls-files -s) or `<mode> <type> <id>\t<path>` (ls-tree), NUL-separated. */
function parseEntries(output: string, format: 'ls-files' | 'ls-tree'): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  for (const record of splitNul(output)) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const fields = record.slice(0, tab).split(' ');
    const file = record.slice(tab + 1);
    const entry = format === 'ls-files'
      ? { mode: fields[0] ?? '', id: fields[1] ?? '', stage: Number(fields[2] ?? 0) }
      : { mode: fields[0] ?? '', id: fields[2] ?? '', stage: 0 };
    // A conflicted path has several stages: any stage but 0 marks it unresolved.
    const known = entries.get(file);
    entries.set(file, known !== undefined && known.stage !== 0 ? known : entry);
  }
  return entries;
}

function gitSync(repoRoot: string, args: readonly string[], maxBuffer = 1024 * 1024): Buffer {
  return execFileSync('git', args, { cwd: repoRoot, env: gitEnvironment(), stdio: ['ignore', 'pipe', 'ignore'], maxBuffer, windowsHide: true });
}

const maxLinkDepth = 8;

/**
 * A source over git objects: `entryOf` names what is at a path (from a listing made up front, or
 * by asking git); blobs are read with `git cat-file` only when a file's text is needed (a cache
 * entry is checked against the object ids alone).
 */
function gitObjectSource(repoRoot: string, id: string, where: string, entryOf: (file: string) => TreeEntry | undefined): RepoSource {
  const blob = (objectId: string): Buffer | { error: string } => {
    try {
      return gitSync(repoRoot, ['cat-file', 'blob', objectId], readLimitBytes + 1);
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : '';
      return { error: code === 'ENOBUFS' ? `is larger than ${readLimitBytes / 1024 / 1024} MB` : `cannot be read from ${where}` };
    }
  };
  const check = (file: string, depth: number): FileCheck => {
    const entry = entryOf(file);
    if (entry === undefined) return { kind: 'absent' };
    if (entry.stage !== 0) return { kind: 'unreadable', reason: `has an unresolved merge conflict in ${where}` };
    if (entry.mode === '160000') return { kind: 'unreadable', reason: 'is a submodule, not a file' };
    if (entry.mode === '040000') return { kind: 'unreadable', reason: 'is a directory, not a file' };
    if (entry.mode !== '120000') return { kind: 'file', realPath: file };
    const target = blob(entry.id);
    if (!Buffer.isBuffer(target)) return { kind: 'unreadable', reason: target.error };
    const link = target.toString('utf8');
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), link));
    if (link.startsWith('/') || resolved === '..' || resolved.startsWith('../')) {
      return { kind: 'unreadable', reason: `is a symbolic link to '${link}', outside the repository (Change Radar reads only files inside it)` };
    }
    if (depth >= maxLinkDepth) return { kind: 'unreadable', reason: 'cannot be examined: a loop of symbolic links' };
    const followed = check(resolved, depth + 1);
    return followed.kind === 'absent' ? { kind: 'unreadable', reason: `is a symbolic link to '${link}', which does not exist in ${where}` } : followed;
  };
  return {
    id,
    where,
    check: (file) => check(file, 0),
    read: (realPath) => {
      const entry = entryOf(realPath);
      return entry === undefined ? { error: `is not in ${where}` } : blob(entry.id);
    },
    identity: (realPath) => {
      const entry = entryOf(realPath);
      return entry === undefined ? undefined : `git:${entry.id}`;
    },
  };
}

/**
 * The index: what the commit being made holds (`GIT_INDEX_FILE` as git passes it to hooks, so
 * `git commit -a` and `git commit PATH` are judged by the index they commit), read without reading
 * the index where that can be avoided: anything that loads it costs about 50 ms of CPU on a
 * 100,000-file repository, while a file that `staged` (the paths of `git diff --cached`, which the
 * caller lists anyway) does not name holds in the index exactly what it holds in `HEAD`, and `git
 * ls-tree HEAD` reads that in about 2 ms. Only the staged paths the load asks about are asked of the
 * index itself, all at once; on an unborn branch (no `HEAD`) every path is.
 */
export async function indexSource(repoRoot: string, staged: Promise<readonly string[]>, head: HeadTree = headTree(repoRoot)): Promise<RepoSource> {
  const [stagedPaths, fromHead] = await Promise.all([staged.then((paths) => new Set(paths)), head]);
  let fromIndex: Map<string, TreeEntry> | undefined;
  return gitObjectSource(repoRoot, 'index', 'the index', (file) => {
    if (fromHead !== undefined && !stagedPaths.has(file)) return fromHead(file);
    // One look at the index for every staged YAML file and CODEOWNERS (without HEAD, or when they are
    // very many: for all of them); anything else is asked on its own.
    if (fromIndex === undefined) {
      const stagedListed = [...stagedPaths].filter(isListed);
      fromIndex = fromHead !== undefined && stagedListed.length <= 1000 ? indexEntries(repoRoot, stagedListed) : indexEntries(repoRoot, 'all');
    }
    return fromIndex.has(file) || isListed(file) ? fromIndex.get(file) : indexEntries(repoRoot, [file]).get(file);
  });
}

/**
 * The index as `indexSource` will see it, guessed before git has listed the staged files: every path
 * from HEAD's tree, which is what `indexSource` answers for each path that is not staged. `holds`
 * tells, once the staged paths are known, whether the guess gave the index's answer for every path
 * asked (none of them is staged). Undefined without a HEAD.
 */
export async function headAsIndexSource(repoRoot: string, head: HeadTree): Promise<{ readonly source: RepoSource; holds(staged: ReadonlySet<string>): boolean } | undefined> {
  const fromHead = await head;
  if (fromHead === undefined) return undefined;
  const asked = new Set<string>();
  const source = gitObjectSource(repoRoot, 'index', 'the index', (file) => {
    asked.add(file);
    return fromHead(file);
  });
  return { source, holds: (staged) => ![...asked].some((file) => staged.has(file)) };
}

/** HEAD's tree as the index sources read it (`headTree`); undefined without a HEAD. */
export type HeadTree = Promise<((file: string) => TreeEntry | undefined) | undefined>;

/** HEAD's tree: the root manifest names and CODEOWNERS listed at once (`git ls-tree`), any other path asked of git once. */
export function headTree(repoRoot: string): HeadTree {
  return openGit(repoRoot).raw(['ls-tree', '-z', '--full-tree', 'HEAD', '--', ...prelisted])
    .then((out) => treeLookup(repoRoot, 'HEAD', parseEntries(out, 'ls-tree'), prelisted), () => undefined);
}

/** Paths listed from a commit's tree up front: the root manifest names and CODEOWNERS (others are asked one by one). */
const prelisted = [...manifestFileNames, ...codeownersLocations];

/** Index entries of `files` (literal paths), or of every YAML file and CODEOWNERS. */
function indexEntries(repoRoot: string, files: readonly string[] | 'all'): Map<string, TreeEntry> {
  if (files.length === 0) return new Map();
  const pathspecs = files === 'all' ? ['*.yaml', '*.yml', ...codeownersLocations.map((file) => `:(top,literal)${file}`)] : files.map((file) => `:(top,literal)${file}`);
  try {
    return parseEntries(gitSync(repoRoot, ['ls-files', '-s', '-z', '--', ...pathspecs], 16 * 1024 * 1024).toString('utf8'), 'ls-files');
  } catch {
    return new Map();
  }
}

function isListed(file: string): boolean {
  return /\.ya?ml$/.test(file) || codeownersLocations.includes(file);
}

/** What is at a path of `commit`: from `known` (the listing of the paths `listed`, made up front) or asked of git once. */
function treeLookup(repoRoot: string, commit: string, known = new Map<string, TreeEntry>(), listed: readonly string[] = []): (file: string) => TreeEntry | undefined {
  const asked = new Map<string, TreeEntry | undefined>();
  return (file) => {
    if (known.has(file) || listed.includes(file)) return known.get(file);
    if (file === '' || file.startsWith('/') || file.includes('\0') || file.split('/').includes('..')) return undefined;
    if (!asked.has(file)) {
      let entry: TreeEntry | undefined;
      try {
        entry = parseEntries(gitSync(repoRoot, ['ls-tree', '-z', '--full-tree', commit, '--', file]).toString('utf8'), 'ls-tree').get(file);
      } catch {
        entry = undefined;
      }
      asked.set(file, entry);
    }
    return asked.get(file);
  };
}

/** A commit (`HEAD`, a branch, an id): the manifest a range is judged by. Paths are asked of git one by one, and remembered. */
export function revisionSource(repoRoot: string, commit: string, label = commit): RepoSource {
  return gitObjectSource(repoRoot, `revision:${commit}`, `commit ${label}`, treeLookup(repoRoot, commit));
}
