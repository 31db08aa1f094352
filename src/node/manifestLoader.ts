import { parseCodeowners, restoreCodeowners } from '../core/paths/codeowners';
import type { Codeowners } from '../core/paths/codeowners';
import { manifestFileNames } from '../core/manifest/manifestLocations';
import { baseDirProblem, rebaseManifest } from '../core/manifest/manifestScope';
import type { Manifest } from '../core/model';
import { emptyRange } from '../core/problem';
import type { Problem } from '../core/problem';
import type { FileProbe, ManifestCache } from './manifestCache';
import { recordingReader, sha256 } from './manifestCache';
import { cachedFileMemo, sweepKeptFiles } from './fileMemo';
import { manifestParser } from './lazyParser';
import { discoverCodeowners, discoverManifest, toRepoPath } from './manifestDiscovery';
import { worktreeSource } from './repoSource';
import { ExtendsStore } from './extends/extendsStore';
import type { RepoSource } from './repoSource';
import type { ExtendsSpec } from '../core/manifest/extendsSpec';

export { toRepoPath };

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
   * is unchanged (the same bytes, or the same git objects).
   */
  readonly cache?: ManifestCache;
  /** Where the files are read: the working tree (default), the index or a commit (see repoSource.ts). */
  readonly source?: RepoSource;
  /** Keeps one program's cache entries apart from another's (the extension's from the CLI's), so that neither overwrites the other's. */
  readonly cacheScope?: string;
  /**
   * Never fetch an extended manifest (`extends:`) that is not in the cache, or that does not verify
   * there: `--offline`, untrusted workspaces. Default: `CHANGE_RADAR_OFFLINE=1` in the environment.
   */
  readonly offline?: boolean;
  /** Told of each extended manifest that `offline` left unread (not cached, or not verifying): the editor fetches it in the background. */
  readonly onExtendsUnfetched?: (spec: ExtendsSpec) => void;
  /** Answer from the parse cache or not at all: where a parse would be needed, the result says `missed` and nothing is parsed. */
  readonly cachedOnly?: boolean;
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
  /** Repository-relative paths the load looked at (manifest candidates aside): the root, includes found or not, CODEOWNERS. A change to any of them can change the result. */
  readonly filesRead: readonly string[];
  /** With `cachedOnly`: the manifest is not in the parse cache, so nothing was parsed (the rest is not the answer). */
  readonly missed?: true;
}

/** The problem code used when no manifest exists; callers such as the git hook treat it as "nothing to do". */
export const manifestNotFoundCode = 'manifest-not-found';

/** A manifest (or included file) exists but cannot be used: a directory, a bad symlink, unreadable, not UTF-8. Never "not found". */
const manifestUnreadableCode = 'manifest-unreadable';

/** Why a file that exists could not be read, by repository-relative path. */
export type UnreadableFiles = Map<string, string>;

/**
 * A `readFile` for the parser that serves repository-relative paths only: absolute paths, `..`
 * escapes and symlinks that resolve outside the repository read as undefined. A file that exists
 * but cannot be read has its reason recorded in `unreadable`, so that callers can say what is wrong.
 */
export function createRepoFileReader(repoRoot: string, unreadable: UnreadableFiles = new Map(), source: RepoSource = worktreeSource(repoRoot)): (repoRelativePath: string) => string | undefined {
  return (repoRelativePath) => {
    const bytes = readRepoBytes(source, repoRelativePath, unreadable);
    return bytes === undefined ? undefined : decodeText(repoRelativePath, bytes, unreadable);
  };
}

/** The bytes of a repository file (see createRepoFileReader for what is refused); undefined when absent or unreadable (the reason in `unreadable`). */
function readRepoBytes(source: RepoSource, repoRelativePath: string, unreadable: UnreadableFiles): Buffer | undefined {
  const found = locate(source, repoRelativePath, unreadable);
  if (found === undefined) return undefined;
  const read = source.read(found);
  if (!Buffer.isBuffer(read)) {
    unreadable.set(repoRelativePath, read.error);
    return undefined;
  }
  return read;
}

/** Where `source` reads a repository file from; undefined when absent or unusable (the reason in `unreadable`). */
function locate(source: RepoSource, repoRelativePath: string, unreadable: UnreadableFiles): string | undefined {
  if (repoRelativePath === '' || repoRelativePath.startsWith('/') || repoRelativePath.includes('\0')) {
    return undefined;
  }
  const check = source.check(repoRelativePath);
  if (check.kind === 'absent') return undefined;
  if (check.kind === 'unreadable') {
    unreadable.set(repoRelativePath, check.reason);
    return undefined;
  }
  return check.realPath;
}

/** The UTF-8 text of a file's bytes; undefined (the reason in `unreadable`) when they are not UTF-8. */
function decodeText(repoRelativePath: string, bytes: Buffer, unreadable: UnreadableFiles): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    unreadable.set(repoRelativePath, `is not UTF-8 text (${invalidUtf8Where(bytes)}): save it as UTF-8`);
    return undefined;
  }
}

/**
 * The repository files one load reads: `read` reads a file's text once (the parser may ask again);
 * `probe` gives the hash of its bytes, which is all a cache check needs (for a file already read:
 * the bytes that text came from).
 */
interface RepoFiles {
  readonly read: (repoRelativePath: string) => string | undefined;
  readonly probe: (repoRelativePath: string) => FileProbe;
  /** Every file read or probed so far. */
  readonly seen: () => string[];
}

function createRepoFiles(source: RepoSource, unreadable: UnreadableFiles): RepoFiles {
  const texts = new Map<string, string | undefined>();
  const probes = new Map<string, FileProbe>();
  // A git object is named by its id, known without reading it; a file on disk by the hash of its bytes.
  const identityOf = (file: string): string | undefined => {
    if (source.identity === undefined) return undefined;
    const found = locate(source, file, unreadable);
    return found === undefined ? undefined : source.identity(found);
  };
  const probeOf = (file: string, bytes: Buffer | undefined): FileProbe =>
    (bytes === undefined ? { hash: null, reason: unreadable.get(file) ?? null } : { hash: identityOf(file) ?? sha256(bytes), reason: null });
  return {
    read: (file) => {
      if (!texts.has(file)) {
        const bytes = readRepoBytes(source, file, unreadable);
        texts.set(file, bytes === undefined ? undefined : decodeText(file, bytes, unreadable));
        // What the cache records for the file must be the bytes this text came from.
        probes.set(file, probeOf(file, bytes));
      }
      return texts.get(file);
    },
    probe: (file) => {
      let probe = probes.get(file);
      if (probe === undefined) {
        // Not kept: a cache hit never needs the text of an include.
        const identity = identityOf(file);
        probe = identity !== undefined ? { hash: identity, reason: null } : probeOf(file, readRepoBytes(source, file, unreadable));
        probes.set(file, probe);
      }
      return probe;
    },
    seen: () => [...probes.keys()],
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
  const source = options.source ?? worktreeSource(repoRoot);
  const files = createRepoFiles(source, unreadable);
  return { ...loadFrom(repoRoot, source, files, unreadable, options), filesRead: files.seen() };
}

function loadFrom(repoRoot: string, source: RepoSource, files: RepoFiles, unreadable: UnreadableFiles, options: LoadOptions): Omit<LoadedManifest, 'filesRead'> {
  const readFile = files.read;
  const owners = options.codeowners === false ? { codeownersProblems: [] } : loadCodeowners(repoRoot, source, files, unreadable, options);
  const search = discoverManifest(repoRoot, options.cwd ?? repoRoot, options.manifestPath, (file) => source.check(file));
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
  const parsed = parseCached(repoRoot, rootFile, baseDir, source, files, unreadable, options);
  if (parsed.missed) return { repoRoot, rootFile, baseDir, problems: [], missed: true, ...owners };
  return parsed.manifest !== undefined
    ? { repoRoot, rootFile, baseDir, manifest: parsed.manifest, problems: parsed.problems, ...owners }
    : { repoRoot, rootFile, baseDir, problems: parsed.problems, ...owners };
}

/** The manifest (rebased) and its problems (explained): from the cache when nothing it read has changed, else parsed (and cached). */
function parseCached(
  repoRoot: string,
  rootFile: string,
  baseDir: string,
  source: RepoSource,
  files: RepoFiles,
  unreadable: UnreadableFiles,
  options: LoadOptions,
): { manifest?: Manifest; problems: readonly Problem[]; missed?: true } {
  const cache = options.cache;
  const key = cacheKey({ rootFile, baseDir, maxBytes: options.maxBytes ?? null }, source, options.cacheScope);
  // Extended manifests (`extends:`) are read from their verified cache; the parse cache records the
  // bytes it was built from under pseudo-paths, so a fetch, a bump or a tampered file is a miss.
  const store = ExtendsStore.forRepo(repoRoot, {
    fetch: !(options.offline ?? process.env.CHANGE_RADAR_OFFLINE === '1'),
    ...(options.onExtendsUnfetched !== undefined ? { onUnfetched: options.onExtendsUnfetched } : {}),
  });
  const probe = (file: string): FileProbe => store.probe(file) ?? files.probe(file);
  const hit = cache?.get(key, probe);
  if (hit !== undefined) return hit;
  if (options.cachedOnly === true) return { problems: [], missed: true };
  const recorder = cache !== undefined ? recordingReader(files.read, files.probe) : undefined;
  const { manifest, problems } = manifestParser().parseManifest(rootFile, recorder?.read ?? files.read, {
    baseDir, readExtended: store.read, ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    // Included files that read the same as before are not read again (a pull that changed a freeze).
    ...(cache !== undefined ? { fileMemo: cachedFileMemo(cache.values()) } : {}),
  });
  const explained = explainUnreadableIncludes(problems, unreadable);
  const result = manifest !== undefined ? { manifest: rebaseManifest(manifest, baseDir), problems: explained } : { problems: explained };
  // An extended manifest that could not be read is asked again next time (it may be fetchable then).
  const retry = problems.some((problem) => problem.code === 'extends-unavailable' || problem.code === 'extends-tampered');
  if (cache !== undefined && recorder !== undefined && !retry) cache.set(key, [...recorder.reads(), ...store.records()], result);
  if (cache !== undefined) sweepKeptFiles(cache.values());
  return result;
}

/**
 * A cache entry's key: what was asked, and where from (the working tree's entries keep the key they
 * always had, so an upgrade does not miss). An entry is only ever used when every file it read
 * gives the same bytes, or the same git object, again.
 */
function cacheKey(what: Record<string, unknown>, source: RepoSource, scope?: string): string {
  return JSON.stringify({ ...what, ...(source.id === 'worktree' ? {} : { source: source.id }), ...(scope !== undefined ? { scope } : {}) });
}

/** CODEOWNERS as cached: its rules and how its patterns were filed, and its problems. */
interface CachedCodeowners {
  readonly snapshot: unknown;
  readonly problems: readonly Problem[];
}

function loadCodeowners(
  repoRoot: string,
  source: RepoSource,
  files: RepoFiles,
  unreadable: UnreadableFiles,
  options: LoadOptions,
): Pick<LoadedManifest, 'codeowners' | 'codeownersFile' | 'codeownersProblems'> {
  const found = discoverCodeowners(repoRoot, (file) => source.check(file));
  if (found === undefined) return { codeownersProblems: [] };
  // The same file, unchanged (its bytes), gives the same rules and problems: from the cache when there.
  const key = cacheKey({ codeowners: found.file }, source, options.cacheScope);
  const cache = options.cache;
  const hit = cache?.getValue('codeowners', key, files.probe, (value) => {
    const cached = value as CachedCodeowners | null;
    const codeowners = cached !== null && typeof cached === 'object' && Array.isArray(cached.problems) ? restoreCodeowners(cached.snapshot) : undefined;
    return codeowners !== undefined ? { codeowners, problems: cached!.problems } : undefined;
  });
  if (hit !== undefined) return { codeowners: hit.codeowners, codeownersFile: found.file, codeownersProblems: hit.problems };
  const text = files.read(found.file);
  if (text === undefined) {
    // Owners are advice, not a gate: say the file is broken, but do not fail the command for it.
    const reason = found.check.kind === 'unreadable' ? found.check.reason : (unreadable.get(found.file) ?? 'cannot be read');
    return { codeownersFile: found.file, codeownersProblems: [{ ...problemAt('codeowners-unreadable', `${found.file} ${reason}; owners from it are not shown`, found.file), severity: 'warning' }] };
  }
  const { codeowners, problems } = parseCodeowners(text, found.file);
  const probe = files.probe(found.file);
  if (cache !== undefined && probe.hash !== null) {
    cache.setValue('codeowners', key, [[found.file, probe.hash, null]], { snapshot: codeowners.toSnapshot(), problems } satisfies CachedCodeowners);
  }
  return { codeowners, codeownersFile: found.file, codeownersProblems: problems };
}

/** True when the load produced at least one error (the manifest is unusable or wrong). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
