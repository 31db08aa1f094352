import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Manifest, SystemDef } from '../core/model';
import type { Problem } from '../core/problem';
import { decodeValue, encodePlain, encodeValue } from './cacheEncoding';
import { readRegularFile } from './regularFile';
import { switchedOn } from './envSwitch';

/**
 * A cache of the parsed manifest for every command that reads it (the git hooks, `check`,
 * `validate`, the editor): an unchanged manifest is not parsed again.
 *
 * Never stale: an entry records every file the parse asked for (the root file, each include, and
 * files that were missing) with a hash of the bytes it read; it is used only when each of those
 * files has the same bytes (or the same absence) now, for the same build of Change Radar (package
 * version + a hash of the running bundle) and the same options. Anything else rebuilds it.
 *
 * An entry is three parts: a checksum line (SHA-256 of the rest), a header line (format, build,
 * key, the reads) and the body. The header is checked first, so a stale entry costs no decoding of
 * its body. Fail closed: a truncated or corrupt file fails its checksum and is ignored, as is anything
 * but a regular file (a FIFO there would hang every commit) or an entry over 256 MiB; any error
 * reading or writing the cache falls back to the normal parse. Entries are written to a temporary
 * file and renamed into place, so a reader never sees half an entry.
 *
 * Lives in `<git dir>/change-radar/`. `CHANGE_RADAR_NO_CACHE=1` turns it off.
 */

/** What a cached load gives back: exactly what the parse (after rebasing and explaining problems) produced. */
export interface CachedParse {
  readonly manifest?: Manifest;
  readonly problems: readonly Problem[];
}

/** One read the parse made: the repository-relative path, and a hash of its bytes (null: absent or unreadable, with the reason). */
export type ReadRecord = readonly [file: string, hash: string | null, reason: string | null];

/** What a file reads as now, for comparing with a ReadRecord: the hash of its bytes, or null and why it could not be read. */
export interface FileProbe {
  readonly hash: string | null;
  readonly reason: string | null;
}

/** The first line of an entry after its checksum: small, so that a stale entry is known before its body is parsed. */
interface Header {
  readonly format: number;
  readonly build: string;
  readonly key: string;
  readonly reads?: readonly ReadRecord[];
  /** In a manifest entry: the digest of its systems' path entries (see systemsDigest). */
  readonly systems?: string;
}

const format = 3;

/** An entry larger than this is not read (a miss, rebuilt by the parse). */
const maxEntryBytes = 256 * 1024 * 1024;

/** A cache file read and checked: its header, its checksum, and its body (decoded when asked). */
interface Entry {
  readonly header: Header;
  /** The checksum of the entry: the same digest means the same header and body. */
  readonly digest: string;
  /** The body's value; throws when it cannot be decoded. */
  body(): unknown;
}

/**
 * A cache file (checksum line, header line, encoded body) whose header `wanted` accepts, or
 * undefined when absent, not wanted, corrupt, not a regular file (a FIFO, a device, a symbolic
 * link) or too large. The checksum covers the bytes after the first line; it is checked only for a
 * wanted entry, so a stale one (the manifest changed: 50 MB at 150,000 systems) costs no hashing of
 * its body. A corrupt header can only make an entry unwanted, or wanted and then refused by the
 * checksum. Throws nothing, and never blocks.
 */
function readEntry(file: string, wanted: (header: Header) => boolean): Entry | undefined {
  try {
    // Only a regular file within the limit: a FIFO or device placed here must not hang every commit.
    const read = readRegularFile(file, maxEntryBytes, { noFollow: true });
    if (!read.ok) return undefined;
    const bytes = read.bytes;
    const first = bytes.indexOf(0x0a);
    if (first !== 64) return undefined;
    const digest = bytes.toString('latin1', 0, first);
    const second = bytes.indexOf(0x0a, first + 1);
    if (second < 0) return undefined;
    const header: unknown = JSON.parse(bytes.toString('utf8', first + 1, second));
    if (header === null || typeof header !== 'object' || (header as Header).format !== format || !wanted(header as Header)) return undefined;
    if (sha256(bytes.subarray(first + 1)) !== digest) return undefined;
    let rest: Buffer | undefined = bytes.subarray(second + 1);
    return {
      header: header as Header,
      digest,
      body: () => {
        // Decoded once; the bytes are let go before the text is parsed.
        const text = rest?.toString('utf8') ?? '';
        rest = undefined;
        return decodeValue(text);
      },
    };
  } catch {
    return undefined;
  }
}

/**
 * The file of a slot for one build: `<name>-<hash of slot>-<hash of build>.json`. Two builds used in
 * one repository (the hooks' CLI copy and a newer `npx change-radar`, a dev and a production bundle)
 * keep an entry each instead of replacing each other's on every run.
 */
function cacheFile(dir: string, name: string, slot: string, build: string): string {
  return path.join(dir, `${name}-${sha256(slot).slice(0, 32)}-${sha256(build).slice(0, 8)}.json`);
}

/** Entries of other builds for the same slot are removed once unused this long. */
const otherBuildsKeptMs = 24 * 60 * 60 * 1000;

/** Removes the slot's entries written by other builds (or by formats before the build was in the name) and not used for a day. */
function pruneOtherBuilds(file: string): void {
  const dir = path.dirname(file);
  const slotPrefix = path.basename(file).replace(/-[0-9a-f]{8}\.json$/, '');
  try {
    for (const other of fs.readdirSync(dir)) {
      if (other === path.basename(file) || !(other === `${slotPrefix}.json` || (other.startsWith(`${slotPrefix}-`) && /^-[0-9a-f]{8}\.json$/.test(other.slice(slotPrefix.length))))) continue;
      const full = path.join(dir, other);
      if (Date.now() - fs.statSync(full).mtimeMs > otherBuildsKeptMs || other === `${slotPrefix}.json`) fs.rmSync(full, { force: true });
    }
  } catch {
    // the cache is an optimisation: an entry left behind only takes space
  }
}

/** Writes a cache file atomically (temporary file, then rename); its checksum, or undefined when it could not. Throws nothing. */
function writeEntry(dir: string, file: string, header: Header, value: unknown, plain = false): string | undefined {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const rest = Buffer.from(`${JSON.stringify(header)}\n${plain ? encodePlain(value) : encodeValue(value)}`, 'utf8');
    const digest = sha256(rest);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temp, Buffer.concat([Buffer.from(`${digest}\n`, 'latin1'), rest]), { mode: 0o600 });
    fs.renameSync(temp, file);
    pruneOtherBuilds(file);
    return digest;
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing more to do: the cache is an optimisation
    }
    return undefined;
  }
}

/** SHA-256 in hex of bytes, or of a string's UTF-8. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The cache entry a list of systems came from (read from it, or written with it): its key, and the
 * digest of the systems' path entries recorded in it, so a warm run finds their path index without
 * hashing 150,000 systems again. Only arrays this module handed out (or stored) are in it.
 */
const systemsOrigin = new WeakMap<readonly SystemDef[], { readonly key: string; readonly digest: string }>();

/** The cache entry `systems` came from, and the digest of their path entries it records; undefined for other arrays. */
export function systemsOriginOf(systems: readonly SystemDef[]): { readonly key: string; readonly digest: string } | undefined {
  return systemsOrigin.get(systems);
}

/** What the path index is built from: each system's id, paths and excludes, in order. */
export function pathEntries(systems: readonly SystemDef[]): Array<{ id: string; patterns: readonly string[]; exclude: readonly string[] }> {
  return systems.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude }));
}

/**
 * The digest of the systems' ids, paths and excludes: what their path index is stored under. A
 * manifest edit that leaves them alone (a freeze, an incident, a milestone: what most pulls bring)
 * keeps the digest, so the first run after it restores the index instead of building it again.
 */
export function systemsDigest(entries: ReturnType<typeof pathEntries>): string {
  return sha256(JSON.stringify(entries));
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

/**
 * What the parse read, to be written into the entry: every file it asked for, with what `probe`
 * says about it (the same probe a later `get` compares with), in the order first asked.
 */
export interface RecordingReader {
  readonly read: (file: string) => string | undefined;
  readonly reads: () => ReadRecord[];
}

export function recordingReader(readFile: (file: string) => string | undefined, probe: (file: string) => FileProbe): RecordingReader {
  const seen = new Map<string, ReadRecord>();
  return {
    read: (file) => {
      const text = readFile(file);
      if (!seen.has(file)) {
        const now = probe(file);
        seen.set(file, [file, now.hash, now.hash === null ? now.reason : null]);
      }
      return text;
    },
    reads: () => [...seen.values()],
  };
}

/** Whether every recorded read gives the same bytes (or the same absence, for the same reason) now. */
function readsHold(reads: unknown, probe: (file: string) => FileProbe): boolean {
  if (!Array.isArray(reads)) return false;
  for (const record of reads as unknown[]) {
    if (!Array.isArray(record)) return false;
    const [file, hash, reason] = record as unknown[];
    if (typeof file !== 'string' || (hash !== null && typeof hash !== 'string')) return false;
    const now = probe(file);
    if (now.hash !== hash || (hash === null && now.reason !== reason)) return false;
  }
  return true;
}

/** True when no Map or Set can be anywhere in a value of type T. */
type Plain<T> = T extends ReadonlyMap<unknown, unknown> | ReadonlySet<unknown>
  ? false
  : T extends readonly (infer Item)[]
    ? Plain<Item>
    : T extends object
      ? false extends { [K in keyof T]-?: Plain<T[K]> }[keyof T] ? false : true
      : true;

/**
 * Compiles only while a parse result holds no Map or Set outside the manifest's live sources (their
 * severity maps): ManifestCache.set writes such a result as plain JSON, without looking for them.
 */
const plainWithoutSources: [Plain<Omit<Manifest, 'sources'>>, Plain<Problem>] = [true, true];
void plainWithoutSources;

export class ManifestCache {
  constructor(private readonly options: ManifestCacheOptions) {}

  /** The cache for the repository at `repoRoot`, or undefined when it has no git directory. */
  static forRepo(repoRoot: string, build: string): ManifestCache | undefined {
    const gitDir = gitDirOf(repoRoot);
    return gitDir === undefined ? undefined : new ManifestCache({ dir: path.join(gitDir, 'change-radar'), build });
  }

  private fileFor(name: string, key: string): string {
    return cacheFile(this.options.dir, name, key, this.options.build);
  }

  /** Values stored beside the manifest's entries, for the same build (e.g. included files as read: fileMemo.ts). */
  values(): ValueCache {
    return new ValueCache(this.options);
  }

  /**
   * The cached result for `key` when every file it was built from reads the same now (`probe`:
   * the hash of a file's bytes, or why it cannot be read); undefined otherwise (absent, corrupt,
   * another build, or any file changed). The files are checked before the body is decoded. Never throws.
   */
  get(key: string, probe: (file: string) => FileProbe): CachedParse | undefined {
    return this.getEntry('manifest', key, probe, (value) => {
      const result = value as CachedParse;
      if (result === null || typeof result !== 'object' || !Array.isArray(result.problems)) return undefined;
      if (result.manifest !== undefined && (result.manifest === null || typeof result.manifest !== 'object' || !Array.isArray(result.manifest.systems))) return undefined;
      return result;
    });
  }

  /** Writes the entry (temporary file, then rename). Returns false when it could not; never throws. */
  set(key: string, reads: readonly ReadRecord[], result: CachedParse): boolean {
    const systems = result.manifest === undefined ? undefined : systemsDigest(pathEntries(result.manifest.systems));
    // Only live sources hold a Map (see plainWithoutSources): without them the body is written as plain JSON.
    const plain = result.manifest?.sources === undefined || result.manifest.sources.length === 0;
    const digest = writeEntry(this.options.dir, this.fileFor('manifest', key), { format, build: this.options.build, key, reads, ...(systems === undefined ? {} : { systems }) }, result, plain);
    if (digest !== undefined && result.manifest !== undefined && systems !== undefined) systemsOrigin.set(result.manifest.systems, { key, digest: systems });
    return digest !== undefined;
  }

  /**
   * A value stored under `name` for `key` by `setValue`, when every file it was made from reads
   * the same now; `check` turns the decoded body into the value (undefined: unusable). Never throws.
   */
  getValue<T>(name: string, key: string, probe: (file: string) => FileProbe, check: (value: unknown) => T | undefined): T | undefined {
    return this.getEntry(name, key, probe, check);
  }

  /** Stores a value made from the files `reads` records; false when it could not. Never throws. */
  setValue(name: string, key: string, reads: readonly ReadRecord[], value: unknown): boolean {
    return writeEntry(this.options.dir, this.fileFor(name, key), { format, build: this.options.build, key, reads }, value) !== undefined;
  }

  private getEntry<T>(name: string, key: string, probe: (file: string) => FileProbe, check: (value: unknown) => T | undefined): T | undefined {
    try {
      const entry = readEntry(this.fileFor(name, key), (header) => header.build === this.options.build && header.key === key && readsHold(header.reads, probe));
      if (entry === undefined) return undefined;
      const { header } = entry;
      const value = check(entry.body());
      const systems = name === 'manifest' ? (value as CachedParse | undefined)?.manifest?.systems : undefined;
      if (systems !== undefined && typeof header.systems === 'string') systemsOrigin.set(systems, { key, digest: header.systems });
      return value;
    } catch {
      return undefined;
    }
  }
}

/** A value stored under `<dir>/<name>-<hash of key>.json` for exactly that key and build. */
export class ValueCache {
  constructor(private readonly options: ManifestCacheOptions) {}

  static forRepo(repoRoot: string, build: string): ValueCache | undefined {
    const gitDir = gitDirOf(repoRoot);
    return gitDir === undefined ? undefined : new ValueCache({ dir: path.join(gitDir, 'change-radar'), build });
  }

  private fileFor(name: string, key: string): string {
    return cacheFile(this.options.dir, name, key, this.options.build);
  }

  /**
   * The value stored for exactly this key by this build; undefined otherwise (or when corrupt).
   * `slot` names the file when it is not the key (one file per slot: a new key replaces the old
   * value). Never throws.
   */
  get(name: string, key: string, slot = key): unknown {
    try {
      return readEntry(this.fileFor(name, slot), (header) => header.build === this.options.build && header.key === key)?.body();
    } catch {
      return undefined;
    }
  }

  /**
   * Stores the value (temporary file, then rename); false when it could not. Never throws. `plain`:
   * the caller knows the value holds no Map or Set (written without looking for them; see encodePlain).
   */
  set(name: string, key: string, value: unknown, slot = key, plain = false): boolean {
    return writeEntry(this.options.dir, this.fileFor(name, slot), { format, build: this.options.build, key }, value, plain) !== undefined;
  }

  /** Marks the slot's entry as used now (its modification time), so that `sweep` keeps it. Never throws. */
  touch(name: string, slot: string): void {
    const now = new Date();
    try {
      fs.utimesSync(this.fileFor(name, slot), now, now);
    } catch {
      // No entry there: nothing to keep.
    }
  }

  /** Removes the entries of `name`, of every build, that were neither written nor touched for `unusedMs`. Never throws. */
  sweep(name: string, unusedMs: number, now = Date.now()): void {
    const entry = new RegExp(`^${name}-[0-9a-f]{32}-[0-9a-f]{8}\\.json$`);
    try {
      for (const file of fs.readdirSync(this.options.dir)) {
        const full = path.join(this.options.dir, file);
        if (entry.test(file) && now - fs.lstatSync(full).mtimeMs > unusedMs) fs.rmSync(full, { force: true });
      }
    } catch {
      // Another run may be sweeping too; what is left goes next time.
    }
  }
}

/** Whether the environment turns the cache off. */
export function cacheDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return switchedOn(env.CHANGE_RADAR_NO_CACHE);
}
