import { emptyRange } from '../problem';
import type { Problem } from '../problem';
import type { Manifest } from '../model';
import { readSections } from './manifestEntries';
import type { FileSections } from './manifestEntries';
import { memoVariant, recalled, RecordingSink } from './fileMemo';
import type { FileMemo } from './fileMemo';
import { SpanLocator } from './yamlSpans';
import type { ManifestLocator } from './yamlLocator';
import { defaultLimits } from './fileLimits';
import type { FileLimits } from './fileLimits';
import { loadManifestFile } from './manifestFile';
import { includedFileSchema, manifestFileSchema } from './manifestSchema';
import { ManifestNormalizer } from './manifestNormalizer';
import type { ManifestSource } from './normalizerChecks';
import { ProblemSink } from './problemSink';
import { loadExtends } from './extendsLoader';
import type { ReadExtended } from './extendsLoader';

export type { FileMemo, KeptFile } from './fileMemo';

export interface ParseManifestOptions {
  /** Largest manifest file read, in bytes. Default 5 MB. */
  readonly maxBytes?: number;
  /** Deepest nesting accepted. Default 64. */
  readonly maxDepth?: number;
  /** Alias expansions accepted per file. Default 100. */
  readonly maxAliases?: number;
  /** Most files read (the root and its includes). Default 64. */
  readonly maxFiles?: number;
  /**
   * Repository-relative folder that `include:` paths are relative to: the manifest's base directory
   * (see manifestLocations). Default `''`, the repository root.
   */
  readonly baseDir?: string;
  /** Reads a pinned `extends:` entry, verified (src/node/extends). Absent: every `extends:` entry is `extends-unavailable`. */
  readonly readExtended?: ReadExtended;
  /** Which YAML reader reads the files (see FileLimits.reader). Default: the subset reader. */
  readonly yamlReader?: FileLimits['reader'];
  /** Where included files read before are kept, read and checked (see FileMemo); absent: every file is read. */
  readonly fileMemo?: FileMemo;
}

export interface ParseManifestResult {
  /**
   * What could be read, even when some problems are errors: valid entries as written, invalid
   * freezes (and incidents with `freeze:`) marked `invalid` and in force, invalid overrides left
   * out. Absent only when the root file could not be read as a mapping at all.
   */
  readonly manifest?: Manifest;
  readonly problems: Problem[];
}

/**
 * Reads a repository-relative file; undefined when it does not exist. May throw an `Error` whose
 * message says why an existing file cannot be read; that message is reported.
 */
export type ReadManifestFile = (repoRelativePath: string) => string | undefined;

/**
 * Reads the manifest at `rootFile` and every file it includes, checks them entry by entry and
 * returns the normalised `Manifest` with every problem found, each located in its file. Never throws.
 */
export function parseManifest(rootFile: string, readFile: ReadManifestFile, options: ParseManifestOptions = {}): ParseManifestResult {
  const sink = new ProblemSink();
  try {
    const limits: FileLimits = {
      maxBytes: options.maxBytes ?? defaultLimits.maxBytes,
      maxDepth: options.maxDepth ?? defaultLimits.maxDepth,
      maxAliases: options.maxAliases ?? defaultLimits.maxAliases,
      reader: options.yamlReader ?? 'subset',
    };
    const loader = new IncludeLoader(readFile, limits, options.maxFiles ?? 64, sink, options.baseDir ?? '', options.readExtended, options.fileMemo);
    const sources = loader.load(rootFile);
    if (sources.length === 0 || !sources[0].root) {
      return { problems: sink.list(rootFile) };
    }
    const manifest = new ManifestNormalizer(sink).normalize(sources);
    return { manifest, problems: sink.list(rootFile) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    sink.add('error', 'internal-error', `unexpected failure while reading the manifest: ${detail}`, rootFile, emptyRange);
    return { problems: sink.list(rootFile) };
  }
}

/** Loads the root file, then its includes depth-first, detecting missing, escaping and cyclic includes. */
class IncludeLoader {
  private readonly sources: ManifestSource[] = [];
  private readonly visited = new Set<string>();
  /** The files read through the root's `extends:` (and theirs), after the repository's own. */
  private readonly extended: ManifestSource[] = [];

  constructor(
    private readonly readFile: ReadManifestFile,
    private readonly limits: FileLimits,
    private readonly maxFiles: number,
    private readonly sink: ProblemSink,
    private readonly baseDir: string,
    private readonly readExtended: ReadExtended | undefined,
    private readonly memo: FileMemo | undefined,
  ) {}

  load(rootFile: string): ManifestSource[] {
    const text = this.read(rootFile);
    if (typeof text !== 'string') {
      this.sink.add('error', 'file-not-found', `manifest file ${rootFile} ${text.error}`, rootFile, emptyRange);
      return [];
    }
    this.visit(rootFile, text, [rootFile]);
    return [...this.sources, ...this.extended];
  }

  private visit(file: string, text: string, chain: readonly string[]): void {
    this.visited.add(file);
    const root = chain.length === 1;
    const schema = root ? manifestFileSchema : includedFileSchema;
    let locator: ManifestLocator;
    let sections: FileSections;
    const kept = root ? undefined : this.memo !== undefined ? recalled(this.memo, file, text, this.limits, this.sink) : undefined;
    if (kept !== undefined) {
      ({ locator, sections } = kept);
    } else {
      // An included file read by the subset reader is kept with the problems its reading reported.
      const recording = !root && this.memo !== undefined ? new RecordingSink(this.sink) : undefined;
      const sink = recording ?? this.sink;
      const loaded = loadManifestFile(file, text, schema, sink, this.limits);
      if (!loaded?.raw) {
        return;
      }
      ({ locator } = loaded);
      sections = readSections(loaded, schema, sink, root);
      if (root) {
        this.extended.push(...loadExtends(loaded, schema, { read: this.readExtended, sink: this.sink, limits: this.limits }));
      }
      if (recording !== undefined && this.memo !== undefined && locator instanceof SpanLocator) {
        this.memo.set(file, text, memoVariant(this.limits), { sections, problems: recording.added, spans: locator.table.columns() });
      }
    }
    this.sources.push({ file, locator, sections, root });
    sections.include.forEach((entry, index) => {
      const where = locator.valueRange(['include', index]);
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
        if (typeof included !== 'string') {
          this.sink.add('error', 'include-not-found', `included file ${target} ${included.error}`, file, where);
        } else {
          this.visit(target, included, [...chain, target]);
        }
      }
    });
  }

  /** The text, or why there is none. */
  private read(file: string): string | { error: string } {
    try {
      const text = this.readFile(file);
      return typeof text === 'string' ? text : { error: 'does not exist' };
    } catch (error) {
      return { error: `cannot be read: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
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

