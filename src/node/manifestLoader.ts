import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { codeownersLocations, parseCodeowners } from '../core/codeowners';
import type { Codeowners } from '../core/codeowners';
import { parseManifest } from '../core/manifestParser';
import type { Manifest } from '../core/model';
import { emptyRange } from '../core/problem';
import type { Problem } from '../core/problem';

/** Where the manifest is looked for, in order, when no explicit path is given. */
export const manifestLocations: readonly string[] = ['ops.yaml', '.github/ops.yaml'];

/**
 * Bytes read from any one file at most. The parser rejects large files with a located error; this
 * bound only keeps a runaway file (or a symlink to /dev/zero) from being read into memory whole.
 */
const readLimitBytes = 16 * 1024 * 1024;

export interface LoadOptions {
  /** Explicit manifest path: absolute, or relative to `cwd`. Must lie inside the repository. */
  readonly manifestPath?: string;
  /** Directory that a relative `manifestPath` is read from. Default: `repoRoot`. */
  readonly cwd?: string;
  /** Also read CODEOWNERS (skipped by the git hook, which must stay fast). Default true. */
  readonly codeowners?: boolean;
  readonly maxBytes?: number;
}

export interface LoadedManifest {
  readonly repoRoot: string;
  /** Repository-relative path of the root manifest file, when one was found. */
  readonly rootFile?: string;
  readonly manifest?: Manifest;
  /** Manifest problems (located); `manifest-not-found` when there is no manifest at all. */
  readonly problems: readonly Problem[];
  readonly codeowners?: Codeowners;
  readonly codeownersFile?: string;
  readonly codeownersProblems: readonly Problem[];
}

/** The problem code used when no manifest exists; callers such as the git hook treat it as "nothing to do". */
export const manifestNotFoundCode = 'manifest-not-found';

/** Converts an OS path below `repoRoot` to a repository-relative `/` path; undefined when outside. */
export function toRepoPath(repoRoot: string, absolutePath: string): string | undefined {
  const relative = path.relative(repoRoot, absolutePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return undefined;
  }
  return relative.split(path.sep).join('/');
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * A `readFile` for the parser that serves repository-relative paths only: absolute paths, `..`
 * escapes and symlinks that resolve outside the repository read as missing.
 */
export function createRepoFileReader(repoRoot: string): (repoRelativePath: string) => string | undefined {
  const realRoot = safeRealpath(repoRoot) ?? repoRoot;
  return (repoRelativePath) => {
    if (repoRelativePath === '' || path.isAbsolute(repoRelativePath) || repoRelativePath.includes('\0')) {
      return undefined;
    }
    const absolute = path.resolve(repoRoot, repoRelativePath);
    if (!isInside(repoRoot, absolute)) return undefined;
    const real = safeRealpath(absolute);
    if (real === undefined || !isInside(realRoot, real)) return undefined;
    return readBounded(real);
  };
}

function safeRealpath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function readBounded(file: string): string | undefined {
  let fd: number | undefined;
  try {
    if (!fs.statSync(file).isFile()) return undefined;
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(readLimitBytes + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The repository-relative root manifest: the explicit one, else the first of `manifestLocations` that exists. */
export function findManifest(repoRoot: string, options: Pick<LoadOptions, 'manifestPath' | 'cwd'> = {}): string | undefined {
  if (options.manifestPath !== undefined) {
    return toRepoPath(repoRoot, path.resolve(options.cwd ?? repoRoot, options.manifestPath));
  }
  return manifestLocations.find((candidate) => isFile(path.join(repoRoot, candidate)));
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function notFound(message: string, file: string): Problem {
  return { severity: 'error', code: manifestNotFoundCode, message, file, range: emptyRange };
}

/** Reads and validates the manifest (with its includes) and, unless told not to, CODEOWNERS. Never throws. */
export function loadManifest(repoRoot: string, options: LoadOptions = {}): LoadedManifest {
  const readFile = createRepoFileReader(repoRoot);
  const rootFile = findManifest(repoRoot, options);
  const owners = options.codeowners === false ? { codeownersProblems: [] } : loadCodeowners(repoRoot, readFile);
  if (rootFile === undefined) {
    const problem = options.manifestPath !== undefined
      ? notFound(`the manifest must be a file inside the repository ${repoRoot}`, options.manifestPath)
      : notFound(`no manifest found: expected ${manifestLocations.join(' or ')} in ${repoRoot}`, manifestLocations[0] ?? 'ops.yaml');
    return { repoRoot, problems: [problem], ...owners };
  }
  if (readFile(rootFile) === undefined) {
    return { repoRoot, rootFile, problems: [notFound(`cannot read the manifest ${rootFile}`, rootFile)], ...owners };
  }
  const parseOptions = options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : undefined;
  const { manifest, problems } = parseManifest(rootFile, readFile, parseOptions);
  return manifest !== undefined
    ? { repoRoot, rootFile, manifest, problems, ...owners }
    : { repoRoot, rootFile, problems, ...owners };
}

function loadCodeowners(
  repoRoot: string,
  readFile: (p: string) => string | undefined,
): Pick<LoadedManifest, 'codeowners' | 'codeownersFile' | 'codeownersProblems'> {
  for (const file of codeownersLocations) {
    if (!isFile(path.join(repoRoot, file))) continue;
    const text = readFile(file);
    if (text === undefined) continue;
    const { codeowners, problems } = parseCodeowners(text, file);
    return { codeowners, codeownersFile: file, codeownersProblems: problems };
  }
  return { codeownersProblems: [] };
}

/** True when the load produced at least one error (the manifest is unusable or wrong). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/**
 * `hooks.strict` read straight from the root file's YAML. Used only when no `Manifest` could be
 * read at all, to decide whether that should block a commit. A value that is there but cannot be
 * read as false counts as strict.
 */
export function readStrictFlag(repoRoot: string, rootFile: string | undefined): boolean {
  if (rootFile === undefined) return false;
  const text = createRepoFileReader(repoRoot)(rootFile);
  // A huge file is invalid anyway; don't spend a commit's time parsing it for one flag.
  if (text === undefined || text.length > 1024 * 1024) return false;
  try {
    const doc = parseDocument(text, { uniqueKeys: false });
    const strict: unknown = doc.getIn(['hooks', 'strict']);
    // Fail closed, as the parser does: anything but a readable "false" counts as strict.
    if (strict === undefined || strict === false) return false;
    return !(typeof strict === 'string' && ['no', 'n', 'off', 'false'].includes(strict.trim().toLowerCase()));
  } catch {
    return false;
  }
}
