import { emptyRange } from './problem';
import type { Problem } from './problem';
import type { Manifest } from './model';
import { defaultLimits, fastLoadManifestFile, loadManifestFile } from './manifestFile';
import type { FileLimits } from './manifestFile';
import { includedFileSchema, manifestFileSchema } from './manifestSchema';
import { ManifestNormalizer } from './manifestNormalizer';
import type { ManifestSource, SourceLocator } from './manifestNormalizer';
import { ProblemSink } from './problemSink';

export interface ParseManifestOptions {
  /** Largest manifest file read, in bytes. Default 5 MB. */
  readonly maxBytes?: number;
  /** Deepest nesting accepted. Default 64. */
  readonly maxDepth?: number;
  /** Alias expansions accepted per file. Default 100. */
  readonly maxAliases?: number;
  /** Most files read (the root and its includes). Default 64. */
  readonly maxFiles?: number;
  /** Skip the fast path (for tests that compare both paths). */
  readonly slowOnly?: boolean;
  /**
   * Repository-relative folder that `include:` paths are relative to: the manifest's base directory
   * (see manifestLocations). Default `''`, the repository root.
   */
  readonly baseDir?: string;
}

export interface ParseManifestResult {
  /** Absent when any problem is an error; warnings leave the manifest usable. */
  readonly manifest?: Manifest;
  readonly problems: Problem[];
}

/** Reads a repository-relative file; undefined when it does not exist. */
export type ReadManifestFile = (repoRelativePath: string) => string | undefined;

/**
 * Reads the manifest at `rootFile` and every file it includes, checks them and returns the
 * normalised `Manifest` with every problem found, each located in its file. Never throws.
 */
export function parseManifest(rootFile: string, readFile: ReadManifestFile, options: ParseManifestOptions = {}): ParseManifestResult {
  const fast = options.slowOnly ? undefined : parseManifestFast(rootFile, readFile, options);
  return fast ?? parseSlow(rootFile, readFile, options);
}

function fileLimits(options: ParseManifestOptions): FileLimits {
  return {
    maxBytes: options.maxBytes ?? defaultLimits.maxBytes,
    maxDepth: options.maxDepth ?? defaultLimits.maxDepth,
    maxAliases: options.maxAliases ?? defaultLimits.maxAliases,
  };
}

/**
 * Valid manifests (the common case) are read with js-yaml and located by a line scanner. Any
 * problem, or anything the fast path is unsure of, returns undefined: the slow path then gives the
 * located problems. Results are the same either way.
 */
export function parseManifestFast(rootFile: string, readFile: ReadManifestFile, options: ParseManifestOptions = {}): ParseManifestResult | undefined {
  const sink = new ProblemSink();
  try {
    const loader = new IncludeLoader(readFile, fileLimits(options), options.maxFiles ?? 64, sink, fastLoad, options.baseDir ?? '');
    const sources = loader.load(rootFile);
    if (sources.length === 0 || sink.list(rootFile).length > 0) {
      return undefined;
    }
    const manifest = new ManifestNormalizer(sink, loader.complete).normalize(sources);
    return sink.list(rootFile).length === 0 ? { manifest, problems: [] } : undefined;
  } catch {
    // FastPathUnsure, or a failure the slow path will report with its location.
    return undefined;
  }
}

const fastLoad: LoadFile = (file, text, root, limits) =>
  fastLoadManifestFile(file, text, root ? manifestFileSchema : includedFileSchema, limits);

function parseSlow(rootFile: string, readFile: ReadManifestFile, options: ParseManifestOptions): ParseManifestResult {
  const sink = new ProblemSink();
  try {
    const limits = fileLimits(options);
    const loader = new IncludeLoader(readFile, limits, options.maxFiles ?? 64, sink, (file, text, root) =>
      root
        ? loadManifestFile(file, text, manifestFileSchema, sink, limits)
        : loadManifestFile(file, text, includedFileSchema, sink, limits), options.baseDir ?? '');
    const sources = loader.load(rootFile);
    if (sources.length === 0 || !sources[0].root) {
      return { problems: sink.list(rootFile) };
    }
    // When a file did not load, references into it would be reported as unknown: skip those checks.
    const manifest = new ManifestNormalizer(sink, loader.complete).normalize(sources);
    return sink.hasErrors ? { problems: sink.list(rootFile) } : { manifest, problems: sink.list(rootFile) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    sink.add('error', 'internal-error', `unexpected failure while reading the manifest: ${detail}`, rootFile, emptyRange);
    return { problems: sink.list(rootFile) };
  }
}

interface LoadedSource {
  readonly locator: SourceLocator;
  readonly data?: ManifestSource['data'];
  readonly raw: unknown;
}

type LoadFile = (file: string, text: string, root: boolean, limits: FileLimits) => LoadedSource | undefined;

/** Loads the root file, then its includes depth-first, detecting missing, escaping and cyclic includes. */
class IncludeLoader {
  private readonly sources: ManifestSource[] = [];
  private readonly visited = new Set<string>();
  /** False once any file could not be read or did not fit the schema. */
  complete = true;

  constructor(
    private readonly readFile: ReadManifestFile,
    private readonly limits: FileLimits,
    private readonly maxFiles: number,
    private readonly sink: ProblemSink,
    private readonly loadFile: LoadFile,
    private readonly baseDir: string,
  ) {}

  load(rootFile: string): ManifestSource[] {
    const text = this.read(rootFile);
    if (text === undefined) {
      this.sink.add('error', 'file-not-found', `manifest file ${rootFile} does not exist or cannot be read`, rootFile, emptyRange);
      return [];
    }
    this.visit(rootFile, text, [rootFile]);
    return this.sources;
  }

  private visit(file: string, text: string, chain: readonly string[]): void {
    this.visited.add(file);
    const root = chain.length === 1;
    const loaded = this.loadFile(file, text, root, this.limits);
    if (!loaded?.data) {
      this.complete = false;
    }
    if (!loaded) {
      return;
    }
    if (loaded.data) {
      this.sources.push({ file, locator: loaded.locator, data: loaded.data, root });
    }
    const includes = loaded.data?.include ?? stringItems((loaded.raw as { include?: unknown } | undefined)?.include);
    includes.forEach((entry, index) => {
      const where = loaded.locator.valueRange(['include', index]);
      const target = includeTarget(entry, this.baseDir);
      if (typeof target !== 'string') {
        this.sink.add('error', 'include-invalid-path', `include \`${entry}\` ${target.error}`, file, where);
      } else if (chain.includes(target)) {
        const cycle = [...chain.slice(chain.indexOf(target)), target].join(' → ');
        this.sink.add('error', 'include-cycle', `include cycle: ${cycle}`, file, where);
      } else if (this.visited.has(target)) {
        this.sink.add('warning', 'include-duplicate', `${target} is already included; it is read once`, file, where);
      } else if (this.visited.size >= this.maxFiles) {
        this.sink.add('error', 'too-many-includes', `more than ${this.maxFiles} manifest files; ${target} was not read`, file, where);
      } else {
        const included = this.read(target);
        if (included === undefined) {
          this.complete = false;
          this.sink.add('error', 'include-not-found', `included file ${target} does not exist or cannot be read`, file, where);
        } else {
          this.visit(target, included, [...chain, target]);
        }
      }
    });
  }

  private read(file: string): string | undefined {
    try {
      const text = this.readFile(file);
      return typeof text === 'string' ? text : undefined;
    } catch {
      return undefined;
    }
  }
}

function stringItems(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.length > 0) : [];
}

/** An include's repository-relative path: `entry` is relative to the manifest's base directory. */
function includeTarget(entry: string, baseDir: string): string | { error: string } {
  const target = normalizeIncludePath(entry);
  if (baseDir === '') return target;
  if (typeof target !== 'string') {
    const error = target.error.replace('the repository root', `the manifest's folder ${baseDir}/`).replace('leaves the repository', `leaves the manifest's folder ${baseDir}/`);
    return { error };
  }
  return `${baseDir}/${target}`;
}

/**
 * An include is a repository-relative path using `/`: `a/./b` and `a/../b` are tidied, but
 * absolute paths and paths leaving the repository are refused.
 */
export function normalizeIncludePath(entry: string): string | { error: string } {
  if (entry.includes('\\')) {
    return { error: 'uses a backslash: write repository-relative paths with `/`' };
  }
  if (entry.startsWith('/') || /^[A-Za-z]:/.test(entry) || entry.startsWith('~')) {
    return { error: 'is absolute: expected a path relative to the repository root' };
  }
  const parts: string[] = [];
  for (const part of entry.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      if (parts.length === 0) {
        return { error: 'leaves the repository: expected a path inside it' };
      }
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.length === 0 ? { error: 'names no file' } : parts.join('/');
}
