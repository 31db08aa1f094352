import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeownersLocations, manifestBaseDir, manifestCandidates } from '../core/manifest/manifestLocations';
import { isInside, relativeInside } from './insidePath';

/**
 * Finds the manifest (on disk, or in the index or a commit: see repoSource.ts): walks the candidates of core/manifestLocations (the working
 * directory up to the repository root, nearest first) and tells a file that is not there from one
 * that is there but cannot be used. Something at a manifest's name that is not a readable file
 * inside the repository (a directory, a dangling symlink, a symlink leaving the repository, an
 * unreadable file) is never "no manifest": it stops the search with the reason, so that a broken
 * manifest cannot silently switch the checks off.
 */

/** What is at one candidate path. */
export type FileCheck =
  | { readonly kind: 'absent' }
  | { readonly kind: 'file'; readonly realPath: string }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** What is at a repository-relative path, in the place a load reads from (see repoSource.ts). */
export type FileChecker = (repoRelativePath: string) => FileCheck;

export interface ManifestSearch {
  /** The manifest found: repository-relative, with its base directory (see manifestLocations). */
  readonly found?: { readonly rootFile: string; readonly baseDir: string };
  /** A candidate that exists but cannot be read, and why; the search stopped there. */
  readonly unreadable?: { readonly rootFile: string; readonly reason: string };
  /** Repository-relative paths looked at, in order (for the "not found" message). */
  readonly searched: readonly string[];
}

/** Converts an OS path below `repoRoot` to a repository-relative `/` path; undefined when outside (or the root itself). */
export function toRepoPath(repoRoot: string, absolutePath: string): string | undefined {
  const relative = relativeInside(repoRoot, absolutePath);
  return relative === '' ? undefined : relative;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : undefined;
}

function describeError(error: unknown): string {
  switch (errorCode(error)) {
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'a loop of symbolic links';
    case 'EISDIR': return 'it is a directory';
    default: return error instanceof Error ? error.message : String(error);
  }
}

/**
 * What is at `repoRelativePath`: nothing, a regular file inside the repository that this process
 * may read, or something else, with what is wrong in words a user can act on.
 */
export function checkRepoFile(repoRoot: string, repoRelativePath: string): FileCheck {
  const absolute = path.resolve(repoRoot, repoRelativePath);
  if (!isInside(repoRoot, absolute)) return { kind: 'unreadable', reason: 'is outside the repository' };
  let link: fs.Stats;
  try {
    link = fs.lstatSync(absolute);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'unreadable', reason: `cannot be examined: ${describeError(error)}` };
  }
  let realPath = absolute;
  if (link.isSymbolicLink()) {
    const target = safe(() => fs.readlinkSync(absolute)) ?? '?';
    try {
      realPath = fs.realpathSync(absolute);
    } catch (error) {
      return errorCode(error) === 'ENOENT'
        ? { kind: 'unreadable', reason: `is a symbolic link to '${target}', which does not exist` }
        : { kind: 'unreadable', reason: `is a symbolic link to '${target}' that cannot be followed: ${describeError(error)}` };
    }
    const realRoot = safe(() => fs.realpathSync(repoRoot)) ?? repoRoot;
    if (!isInside(realRoot, realPath)) {
      return { kind: 'unreadable', reason: `is a symbolic link to '${target}', outside the repository (Change Radar reads only files inside it)` };
    }
  } else {
    // A folder on the way may be a link leading out (`.github` → elsewhere): where the file really is decides.
    const real = safe(() => fs.realpathSync(absolute));
    const realRoot = safe(() => fs.realpathSync(repoRoot)) ?? repoRoot;
    if (real !== undefined && !isInside(realRoot, real)) {
      return { kind: 'unreadable', reason: `lies in a folder that is a symbolic link leading outside the repository (${real}); Change Radar reads only files inside it` };
    }
    realPath = real ?? absolute;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(realPath);
  } catch (error) {
    return { kind: 'unreadable', reason: `cannot be examined: ${describeError(error)}` };
  }
  if (stat.isDirectory()) return { kind: 'unreadable', reason: 'is a directory, not a file' };
  if (!stat.isFile()) return { kind: 'unreadable', reason: 'is not a regular file' };
  try {
    fs.accessSync(realPath, fs.constants.R_OK);
  } catch (error) {
    return { kind: 'unreadable', reason: `cannot be read: ${describeError(error)}` };
  }
  return { kind: 'file', realPath };
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * The manifest for a command run in `cwd`: the explicit `manifestPath` (relative to `cwd`), else the
 * nearest of the candidates from `cwd` up to `repoRoot`. `cwd` outside the repository searches the root only.
 */
export function discoverManifest(repoRoot: string, cwd: string, manifestPath?: string, checkFile: FileChecker = (file) => checkRepoFile(repoRoot, file)): ManifestSearch {
  if (manifestPath !== undefined) {
    const rootFile = toRepoPath(repoRoot, path.resolve(cwd, manifestPath));
    if (rootFile === undefined) return { searched: [] };
    return searchIn(checkFile, [rootFile]);
  }
  const start = isInside(repoRoot, cwd) ? (toRepoPath(repoRoot, cwd) ?? '') : '';
  return searchIn(checkFile, manifestCandidates(start));
}

function searchIn(checkFile: FileChecker, candidates: readonly string[]): ManifestSearch {
  const searched: string[] = [];
  for (const candidate of candidates) {
    searched.push(candidate);
    const check = checkFile(candidate);
    if (check.kind === 'file') return { found: { rootFile: candidate, baseDir: manifestBaseDir(candidate) }, searched };
    if (check.kind === 'unreadable') return { unreadable: { rootFile: candidate, reason: check.reason }, searched };
  }
  return { searched };
}

/** The CODEOWNERS file GitHub would use: the first location that exists, readable or not. */
export function discoverCodeowners(repoRoot: string, checkFile: FileChecker = (file) => checkRepoFile(repoRoot, file)): { readonly file: string; readonly check: FileCheck } | undefined {
  for (const file of codeownersLocations) {
    const check = checkFile(file);
    if (check.kind !== 'absent') return { file, check };
  }
  return undefined;
}
