import * as fs from 'node:fs';
import { parseCodeowners } from '../core/paths/codeowners';
import type { Codeowners } from '../core/paths/codeowners';
import { manifestFileNames } from '../core/manifest/manifestLocations';
import { baseDirProblem, rebaseManifest } from '../core/manifest/manifestScope';
import type { Manifest } from '../core/model';
import { emptyRange } from '../core/problem';
import type { Problem } from '../core/problem';
import type { ManifestCache } from './manifestCache';
import { recordingReader } from './manifestCache';
import { manifestParser, yamlLibrary } from './lazyParser';
import { checkRepoFile, discoverCodeowners, discoverManifest, toRepoPath } from './manifestDiscovery';

export { toRepoPath };

/**
 * Bytes read from any one file at most. The parser rejects large files with a located error; this
 * bound only keeps a runaway file (or a symlink to /dev/zero) from being read into memory whole.
 */
const readLimitBytes = 16 * 1024 * 1024;

export interface LoadOptions {
  /** Explicit manifest path: absolute, or relative to `cwd`. Must lie inside the repository. */
  readonly manifestPath?: string;
  /** The working directory: discovery walks up from here to `repoRoot`; a relative `manifestPath` is read from here. Default: `repoRoot`. */
  readonly cwd?: string;
  /** Also read CODEOWNERS (skipped by the git hook, which must stay fast). Default true. */
  readonly codeowners?: boolean;
  readonly maxBytes?: number;
  /**
   * A cache of parsed manifests (see manifestCache.ts): used when every file the cached parse read
   * is unchanged. Only for commands that judge a change; `validate` always parses.
   */
  readonly cache?: ManifestCache;
}

export interface LoadedManifest {
  readonly repoRoot: string;
  /** Repository-relative path of the root manifest file, when one was found. */
  readonly rootFile?: string;
  /** The manifest's base directory (repository-relative, `''` for the root); its globs and includes are relative to it. */
  readonly baseDir?: string;
  /** The manifest with its globs made repository-relative. */
  readonly manifest?: Manifest;
  /** Manifest problems (located); `manifest-not-found` when there is no manifest at all. */
  readonly problems: readonly Problem[];
  readonly codeowners?: Codeowners;
  readonly codeownersFile?: string;
  readonly codeownersProblems: readonly Problem[];
}

/** The problem code used when no manifest exists; callers such as the git hook treat it as "nothing to do". */
export const manifestNotFoundCode = 'manifest-not-found';

/** A manifest (or included file) exists but cannot be used: a directory, a bad symlink, unreadable, not UTF-8. Never "not found". */
export const manifestUnreadableCode = 'manifest-unreadable';

/** Why a file that exists could not be read, by repository-relative path. */
export type UnreadableFiles = Map<string, string>;

/**
 * A `readFile` for the parser that serves repository-relative paths only: absolute paths, `..`
 * escapes and symlinks that resolve outside the repository read as undefined. A file that exists
 * but cannot be read has its reason recorded in `unreadable`, so that callers can say what is wrong.
 */
export function createRepoFileReader(repoRoot: string, unreadable: UnreadableFiles = new Map()): (repoRelativePath: string) => string | undefined {
  return (repoRelativePath) => {
    if (repoRelativePath === '' || repoRelativePath.startsWith('/') || repoRelativePath.includes('\0')) {
      return undefined;
    }
    const check = checkRepoFile(repoRoot, repoRelativePath);
    if (check.kind === 'absent') return undefined;
    if (check.kind === 'unreadable') {
      unreadable.set(repoRelativePath, check.reason);
      return undefined;
    }
    const read = readBounded(check.realPath);
    if (typeof read !== 'string') {
      unreadable.set(repoRelativePath, read.error);
      return undefined;
    }
    return read;
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readBounded(file: string): string | { error: string } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(readLimitBytes + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    const bytes = buffer.subarray(0, length);
    try {
      return utf8.decode(bytes);
    } catch {
      return { error: `is not UTF-8 text (${invalidUtf8Where(bytes)}): save it as UTF-8` };
    }
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : '';
    return { error: code === 'EACCES' || code === 'EPERM' ? 'cannot be read: permission denied' : `cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** `line 3` of the first byte sequence that is not UTF-8. */
function invalidUtf8Where(bytes: Buffer): string {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection (a cut inside a multi-byte character is invalid too, so stay conservative).
  while (high - low > 4) {
    const middle = (low + high) >> 1;
    try {
      utf8.decode(bytes.subarray(0, middle));
      low = middle;
    } catch {
      high = middle;
    }
  }
  let line = 1;
  for (let i = 0; i < low; i++) if (bytes[i] === 0x0a) line++;
  return `an invalid byte on line ${line}`;
}

/** The repository-relative root manifest: the explicit one, else the nearest candidate from `cwd` up; undefined when there is none (or it cannot be used). */
export function findManifest(repoRoot: string, options: Pick<LoadOptions, 'manifestPath' | 'cwd'> = {}): string | undefined {
  return discoverManifest(repoRoot, options.cwd ?? repoRoot, options.manifestPath).found?.rootFile;
}

function problemAt(code: string, message: string, file: string): Problem {
  return { severity: 'error', code, message, file, range: emptyRange };
}

function unreadableProblem(file: string, reason: string): Problem {
  return problemAt(manifestUnreadableCode, `the manifest ${file} ${reason}; expected a readable YAML file (fix it, or remove it to have no manifest)`, file);
}

function notFoundProblem(repoRoot: string, options: LoadOptions, searched: readonly string[]): Problem {
  if (options.manifestPath !== undefined) {
    return searched.length === 0
      ? problemAt(manifestNotFoundCode, `the manifest must be a file inside the repository ${repoRoot}`, options.manifestPath)
      : problemAt(manifestNotFoundCode, `no manifest at ${searched[0]} (given with --manifest)`, options.manifestPath);
  }
  const dirs = [...new Set(searched.map((file) => file.replace(/(^|\/)(\.github\/)?ops\.yaml$/, '') || '.'))];
  return problemAt(manifestNotFoundCode,
    `no manifest found: expected ${manifestFileNames.join(' or ')} in ${dirs.length > 1 ? `${dirs.join(', ')} (the working directory up to the repository root ${repoRoot})` : repoRoot}`,
    manifestFileNames[0]);
}

/**
 * Include problems say "does not exist or cannot be read"; when the file does exist, say what is wrong with it instead.
 */
function explainUnreadableIncludes(problems: readonly Problem[], unreadable: UnreadableFiles): Problem[] {
  return problems.map((problem) => {
    if (problem.code !== 'include-not-found') return problem;
    for (const [file, reason] of unreadable) {
      if (problem.message.includes(` ${file} `)) return { ...problem, code: manifestUnreadableCode, message: `included file ${file} ${reason}` };
    }
    return problem;
  });
}

/** Reads and validates the manifest (with its includes) and, unless told not to, CODEOWNERS. Never throws. */
export function loadManifest(repoRoot: string, options: LoadOptions = {}): LoadedManifest {
  const unreadable: UnreadableFiles = new Map();
  const readFile = createRepoFileReader(repoRoot, unreadable);
  const owners = options.codeowners === false ? { codeownersProblems: [] } : loadCodeowners(repoRoot, readFile, unreadable);
  const search = discoverManifest(repoRoot, options.cwd ?? repoRoot, options.manifestPath);
  if (search.unreadable !== undefined) {
    const { rootFile, reason } = search.unreadable;
    return { repoRoot, rootFile, problems: [unreadableProblem(rootFile, reason)], ...owners };
  }
  if (search.found === undefined) {
    return { repoRoot, problems: [notFoundProblem(repoRoot, options, search.searched)], ...owners };
  }
  const { rootFile, baseDir } = search.found;
  const folderProblem = baseDirProblem(baseDir);
  if (folderProblem !== undefined) {
    return { repoRoot, rootFile, baseDir, problems: [problemAt('manifest-folder-name', folderProblem, rootFile)], ...owners };
  }
  if (readFile(rootFile) === undefined) {
    return { repoRoot, rootFile, baseDir, problems: [unreadableProblem(rootFile, unreadable.get(rootFile) ?? 'cannot be read')], ...owners };
  }
  const parsed = parseCached(rootFile, baseDir, readFile, unreadable, options);
  return parsed.manifest !== undefined
    ? { repoRoot, rootFile, baseDir, manifest: parsed.manifest, problems: parsed.problems, ...owners }
    : { repoRoot, rootFile, baseDir, problems: parsed.problems, ...owners };
}

/** The manifest (rebased) and its problems (explained): from the cache when nothing it read has changed, else parsed (and cached). */
function parseCached(
  rootFile: string,
  baseDir: string,
  readFile: (p: string) => string | undefined,
  unreadable: UnreadableFiles,
  options: LoadOptions,
): { manifest?: Manifest; problems: readonly Problem[] } {
  const cache = options.cache;
  const key = JSON.stringify({ rootFile, baseDir, maxBytes: options.maxBytes ?? null });
  const reasonOf = (file: string): string | undefined => unreadable.get(file);
  const hit = cache?.get(key, readFile, reasonOf);
  if (hit !== undefined) return hit;
  const recorder = cache !== undefined ? recordingReader(readFile, reasonOf) : undefined;
  const { manifest, problems } = manifestParser().parseManifest(rootFile, recorder?.read ?? readFile, { baseDir, ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) });
  const explained = explainUnreadableIncludes(problems, unreadable);
  const result = manifest !== undefined ? { manifest: rebaseManifest(manifest, baseDir), problems: explained } : { problems: explained };
  if (cache !== undefined && recorder !== undefined) cache.set(key, recorder.reads(), result);
  return result;
}

function loadCodeowners(
  repoRoot: string,
  readFile: (p: string) => string | undefined,
  unreadable: UnreadableFiles,
): Pick<LoadedManifest, 'codeowners' | 'codeownersFile' | 'codeownersProblems'> {
  const found = discoverCodeowners(repoRoot);
  if (found === undefined) return { codeownersProblems: [] };
  const text = readFile(found.file);
  if (text === undefined) {
    // Owners are advice, not a gate: say the file is broken, but do not fail the command for it.
    const reason = found.check.kind === 'unreadable' ? found.check.reason : (unreadable.get(found.file) ?? 'cannot be read');
    return { codeownersFile: found.file, codeownersProblems: [{ ...problemAt('codeowners-unreadable', `${found.file} ${reason}; owners from it are not shown`, found.file), severity: 'warning' }] };
  }
  const { codeowners, problems } = parseCodeowners(text, found.file);
  return { codeowners, codeownersFile: found.file, codeownersProblems: problems };
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
    const doc = yamlLibrary().parseDocument(text, { uniqueKeys: false });
    const strict: unknown = doc.getIn(['hooks', 'strict']);
    // Fail closed, as the parser does: anything but a readable "false" counts as strict.
    if (strict === undefined || strict === false) return false;
    return !(typeof strict === 'string' && ['no', 'n', 'off', 'false'].includes(strict.trim().toLowerCase()));
  } catch {
    return false;
  }
}
