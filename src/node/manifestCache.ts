import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Manifest, SystemDef } from '../core/model';
import { PathIndex } from '../core/paths/pathIndex';
import type { PathIndexSnapshot } from '../core/paths/pathIndex';
import type { Problem } from '../core/problem';

/**
 * A cache of the parsed manifest for the commands that run on every commit (the git hooks,
 * `check`): an unchanged manifest is not parsed again.
 *
 * Never stale: an entry records every file the parse asked for (the root file, each include, and
 * files that were missing) with a hash of what it read; it is used only when each of those reads
 * gives the same bytes (or the same absence) now, for the same build of Change Radar (package
 * version + a hash of the running bundle) and the same options. Anything else rebuilds it.
 *
 * Fail closed: the entry carries a checksum of its own body, so a truncated or corrupt file is
 * ignored; any error reading or writing the cache falls back to the normal parse. Entries are
 * written to a temporary file and renamed into place, so a reader never sees half an entry.
 *
 * Lives in `<git dir>/change-radar/`. `CHANGE_RADAR_NO_CACHE=1` turns it off; `validate` never uses it.
 */

/** What a cached load gives back: exactly what the parse (after rebasing and explaining problems) produced. */
export interface CachedParse {
  readonly manifest?: Manifest;
  readonly problems: readonly Problem[];
}

/** One read the parse made: the repository-relative path, and a hash of its text (null: absent or unreadable, with the reason). */
type ReadRecord = readonly [file: string, hash: string | null, reason: string | null];

interface Body {
  readonly format: number;
  readonly build: string;
  readonly key: string;
  readonly reads: readonly ReadRecord[];
  readonly result: CachedParse;
}

const format = 2;

/**
 * JSON that keeps the manifest's Maps and Sets (e.g. a live source's severity map): a cached parse
 * must read back exactly as it was parsed, or a cache hit would behave differently from a miss.
 */
function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return { $map: [...(v as Map<unknown, unknown>).entries()] };
    if (v instanceof Set) return { $set: [...(v as Set<unknown>)] };
    return v;
  });
}

function decode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$map' && Array.isArray((v as { $map: unknown }).$map)) return new Map((v as { $map: [unknown, unknown][] }).$map);
      if (keys.length === 1 && keys[0] === '$set' && Array.isArray((v as { $set: unknown }).$set)) return new Set((v as { $set: unknown[] }).$set);
    }
    return v;
  });
}

/** The body of a cache file (checksum line, then the encoded body), or undefined when absent or corrupt. Throws nothing. */
function readChecksummed(file: string): unknown {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    if (newline < 0) return undefined;
    const bodyText = text.slice(newline + 1);
    return sha256(bodyText) === text.slice(0, newline) ? decode(bodyText) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a cache file atomically (temporary file, then rename); false when it could not. Throws nothing. */
function writeChecksummed(dir: string, file: string, body: unknown): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const bodyText = encode(body);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temp, `${sha256(bodyText)}\n${bodyText}`, { mode: 0o600 });
    fs.renameSync(temp, file);
    return true;
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing more to do: the cache is an optimisation
    }
    return false;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

let buildIdentity: string | undefined;

/**
 * The running build: package version and a hash of the scripts that run — the bundle and, beside
 * it, the parser bundle it loads on a miss (`cli-parser.js`, which wrote the cached result) — so a
 * new build never reads an entry an older one wrote.
 */
export function currentBuildIdentity(version: string): string {
  if (buildIdentity === undefined) {
    let bundle = '';
    try {
      const entry = require.main?.filename ?? __filename;
      const parser = path.join(path.dirname(entry), 'cli-parser.js');
      const hash = createHash('sha256').update(fs.readFileSync(entry));
      if (fs.existsSync(parser)) hash.update('\0').update(fs.readFileSync(parser));
      bundle = hash.digest('hex');
    } catch {
      bundle = `unknown-${process.pid}-${Date.now()}`;
    }
    buildIdentity = `${version}:${bundle}`;
  }
  return buildIdentity;
}

/** `<git dir>` of the work tree at `repoRoot` (a `.git` directory, or the `gitdir:` a `.git` file points to); undefined when there is none. */
export function gitDirOf(repoRoot: string): string | undefined {
  const dotGit = path.join(repoRoot, '.git');
  try {
    const stat = fs.statSync(dotGit);
    if (stat.isDirectory()) return dotGit;
    if (!stat.isFile()) return undefined;
    const match = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(dotGit, 'utf8'));
    if (match === null) return undefined;
    const dir = path.resolve(repoRoot, match[1]);
    return fs.statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}

export interface ManifestCacheOptions {
  /** The cache directory (usually `<git dir>/change-radar`). */
  readonly dir: string;
  /** The build identity (see currentBuildIdentity). */
  readonly build: string;
}

/** A readFile for the parser that remembers what it read, to be written into the entry. */
export interface RecordingReader {
  readonly read: (file: string) => string | undefined;
  readonly reads: () => ReadRecord[];
}

export function recordingReader(readFile: (file: string) => string | undefined, reasonOf: (file: string) => string | undefined): RecordingReader {
  const seen = new Map<string, ReadRecord>();
  return {
    read: (file) => {
      const text = readFile(file);
      if (!seen.has(file)) seen.set(file, [file, text === undefined ? null : sha256(text), text === undefined ? (reasonOf(file) ?? null) : null]);
      return text;
    },
    reads: () => [...seen.values()],
  };
}

export class ManifestCache {
  constructor(private readonly options: ManifestCacheOptions) {}

  /** The cache for the repository at `repoRoot`, or undefined when it has no git directory. */
  static forRepo(repoRoot: string, build: string): ManifestCache | undefined {
    const gitDir = gitDirOf(repoRoot);
    return gitDir === undefined ? undefined : new ManifestCache({ dir: path.join(gitDir, 'change-radar'), build });
  }

  private fileFor(key: string): string {
    return path.join(this.options.dir, `manifest-${sha256(key).slice(0, 32)}.json`);
  }

  /**
   * The cached result for `key` when every file it was built from reads the same now; undefined
   * otherwise (absent, corrupt, another build, or any file changed). Never throws.
   */
  get(key: string, readFile: (file: string) => string | undefined, reasonOf: (file: string) => string | undefined): CachedParse | undefined {
    try {
      const body = readChecksummed(this.fileFor(key)) as Body | undefined;
      if (body === undefined) return undefined;
      if (body.format !== format || body.build !== this.options.build || body.key !== key ) return undefined;
      const reads: unknown = body.reads;
      if (!Array.isArray(reads)) return undefined;
      for (const record of reads as unknown[]) {
        if (!Array.isArray(record)) return undefined;
        const [file, hash, reason] = record as unknown[];
        if (typeof file !== 'string') return undefined;
        const now = readFile(file);
        if (now === undefined ? hash !== null || (reasonOf(file) ?? null) !== reason : hash !== sha256(now)) return undefined;
      }
      return body.result;
    } catch {
      return undefined;
    }
  }

  /** Writes the entry (temporary file, then rename). Returns false when it could not; never throws. */
  set(key: string, reads: readonly ReadRecord[], result: CachedParse): boolean {
    const body: Body = { format, build: this.options.build, key, reads, result };
    return writeChecksummed(this.options.dir, this.fileFor(key), body);
  }
}

/** A value stored under `<dir>/<name>-<hash of key>.json`: checksum line, then the JSON body with the build and key. */
interface ValueBody<T> {
  readonly format: number;
  readonly build: string;
  readonly key: string;
  readonly value: T;
}

export class ValueCache {
  constructor(private readonly options: ManifestCacheOptions) {}

  static forRepo(repoRoot: string, build: string): ValueCache | undefined {
    const gitDir = gitDirOf(repoRoot);
    return gitDir === undefined ? undefined : new ValueCache({ dir: path.join(gitDir, 'change-radar'), build });
  }

  private fileFor(name: string, key: string): string {
    return path.join(this.options.dir, `${name}-${sha256(key).slice(0, 32)}.json`);
  }

  /** The value stored for exactly this key by this build; undefined otherwise (or when corrupt). Never throws. */
  get(name: string, key: string): unknown {
    const body = readChecksummed(this.fileFor(name, key)) as ValueBody<unknown> | undefined;
    return body !== undefined && body !== null && body.format === format && body.build === this.options.build && body.key === key ? body.value : undefined;
  }

  /** Stores the value (temporary file, then rename); false when it could not. Never throws. */
  set(name: string, key: string, value: unknown): boolean {
    return writeChecksummed(this.options.dir, this.fileFor(name, key), { format, build: this.options.build, key, value });
  }
}

/**
 * The path index of `systems`: rebuilt from a cached snapshot when one was stored for exactly these
 * systems (ids, paths, excludes, hashed) by this build, so unchanged patterns are not compiled
 * again; built (and its snapshot stored) otherwise.
 */
export function cachedPathIndex(systems: readonly SystemDef[], cache: ValueCache | undefined): PathIndex {
  const entries = systems.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude }));
  if (cache === undefined) return PathIndex.build(entries);
  const key = sha256(JSON.stringify(entries));
  const snapshot = cache.get('index', key);
  const restored = snapshot !== undefined && snapshot !== null && typeof snapshot === 'object' ? PathIndex.restore(entries, snapshot as PathIndexSnapshot) : undefined;
  if (restored !== undefined) return restored;
  const built = PathIndex.build(entries);
  cache.set('index', key, built.toSnapshot());
  return built;
}

/** Whether the environment turns the cache off. */
export function cacheDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CHANGE_RADAR_NO_CACHE;
  return value !== undefined && value !== '' && value !== '0';
}
