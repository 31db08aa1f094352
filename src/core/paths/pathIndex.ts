import { GlobIndex, keysOf } from './globIndex';
import type { GlobIndexSnapshot } from './globIndex';
import { compileNormalGlob, compileShapes, shapeOutlines } from './globMatcher';
import type { GlobSyntax } from './globMatcher';
import { normalFormC } from './globShape';

/** A system a path belongs to, and the pattern that put it there. */
export interface PatternMatch {
  readonly system: string;
  /** The `paths` pattern that put the file in the system. */
  readonly pattern: string;
}
import type { GlobShape } from './globMatcher';

/** What the evaluator asks of a path index: the systems a path belongs to (PathIndex, or ScanningLookup in patternScan.ts). */
export interface SystemsByPath {
  /** Every entry whose patterns match and whose excludes don't, in entry order, each with its first matching pattern. */
  match(path: string): PatternMatch[];
  /** The number of entries. */
  readonly size: number;
}

export interface PathIndexEntry {
  readonly id: string;
  readonly patterns: readonly string[];
  readonly exclude: readonly string[];
}

/**
 * How a built index filed its patterns, to rebuild the same index later without compiling every
 * pattern again (see PathIndex.restore). Valid only for the same entries and the same build.
 */
export interface PathIndexSnapshot {
  readonly format: 2;
  /**
   * Pattern ids that gave other than one shape (brace alternatives; 0 for a pattern that does not
   * compile), ascending, with their number of shapes. Shapes are added pattern by pattern.
   */
  readonly shapeCounts: ReadonlyArray<readonly [id: number, count: number]>;
  readonly index: GlobIndexSnapshot;
}

/**
 * Path → the entries (systems) whose patterns match it, with the pattern that did. Every pattern is
 * compiled once; lookups test only the patterns the path's own prefixes, segments and extensions can
 * reach (see GlobIndex), so the cost per path stays near-flat in the number of entries.
 * Invalid patterns match nothing (the manifest parser reports them).
 */
export class PathIndex implements SystemsByPath {
  private constructor(
    private readonly tables: PatternTables,
    private readonly index: GlobIndex,
    /** See PathIndexSnapshot. */
    private readonly shapeCounts: ReadonlyArray<readonly [number, number]>,
  ) {}

  /**
   * The index of `entries`. Patterns are only outlined here (what GlobIndex files them by); each is
   * compiled when a lookup first tests it, so a commit's few paths do not pay for (or keep) a
   * matcher for every pattern of a large manifest.
   */
  static build(entries: readonly PathIndexEntry[]): PathIndex {
    const tables = patternTables(entries);
    const { patterns } = tables;
    const { candidates, ids, alternatives, shapeCounts } = outlinePatterns(patterns, {});
    const index = GlobIndex.outlined(candidates, ids, lazyShapes(patterns, ids, alternatives));
    return new PathIndex(tables, index, shapeCounts);
  }

  /** How this index filed its patterns (see PathIndexSnapshot). */
  toSnapshot(): PathIndexSnapshot {
    return { format: 2, shapeCounts: this.shapeCounts, index: this.index.snapshot() };
  }

  /**
   * The index `build(entries)` gives, from a snapshot of it: patterns are compiled only when a
   * lookup first tests them. Undefined when the snapshot does not fit the entries.
   */
  static restore(entries: readonly PathIndexEntry[], snapshot: PathIndexSnapshot): PathIndex | undefined {
    if (snapshot === null || typeof snapshot !== 'object' || snapshot.format !== 2 || snapshot.index === null || typeof snapshot.index !== 'object') {
      return undefined;
    }
    const tables = patternTables(entries);
    const { patterns } = tables;
    const origins = shapeOrigins(patterns.length, snapshot.shapeCounts);
    if (origins === undefined) {
      return undefined;
    }
    const { ids, alternatives } = origins;
    const index = GlobIndex.restore(snapshot.index, ids, lazyShapes(patterns, ids, alternatives));
    return index === undefined ? undefined : new PathIndex(tables, index, snapshot.shapeCounts);
  }

  get size(): number {
    return this.tables.entries.length;
  }

  /** Every entry whose patterns match and whose excludes don't, in entry order, each with its first matching pattern. */
  match(path: string): PatternMatch[] {
    const ids: number[] = [];
    path = normalFormC(path);
    this.index.forEachMatch(path, (id) => ids.push(id), true);
    return entryMatches(ids, path, this.tables);
  }
}

/** Per pattern id (patterns numbered entry by entry, in order): its entry, and the id of that entry's first pattern. */
export interface PatternTables {
  readonly entries: readonly PathIndexEntry[];
  readonly entryOf: Int32Array;
  readonly firstIdOf: Int32Array;
  /** Per entry: its compiled excludes (compiled when first needed), tested only once the entry matched. */
  readonly excludes: Array<((path: string) => boolean)[] | undefined>;
}

export function patternTables(entries: readonly PathIndexEntry[]): PatternTables & { patterns: string[] } {
  const patternCount = entries.reduce((sum, entry) => sum + entry.patterns.length, 0);
  const entryOf = new Int32Array(patternCount);
  const firstIdOf = new Int32Array(patternCount);
  const patterns: string[] = [];
  entries.forEach((entry, entryIndex) => {
    const first = patterns.length;
    for (const pattern of entry.patterns) {
      entryOf[patterns.length] = entryIndex;
      firstIdOf[patterns.length] = first;
      patterns.push(pattern);
    }
  });
  return { entries, entryOf, firstIdOf, excludes: entries.map(() => undefined), patterns };
}

/**
 * The entries the matching pattern ids belong to, in entry order, each with its first matching
 * pattern, leaving out an entry whose excludes match `path` (in normal form C): what a lookup
 * answers, however its ids were found.
 */
export function entryMatches(ids: number[], path: string, tables: PatternTables): PatternMatch[] {
  if (ids.length === 0) {
    return [];
  }
  // Pattern ids run in entry order, then pattern order: the smallest id per entry is its first match.
  if (ids.length > 1) ids.sort((a, b) => a - b);
  const result: PatternMatch[] = [];
  let last = -1;
  for (const id of ids) {
    const entryIndex = tables.entryOf[id];
    if (entryIndex === last) {
      continue;
    }
    last = entryIndex;
    const entry = tables.entries[entryIndex];
    const excludes = (tables.excludes[entryIndex] ??= entry.exclude.map(compileNormalGlob));
    if (excludes.length === 0 || !excludes.some((excluded) => excluded(path))) {
      result.push({ system: entry.id, pattern: entry.patterns[id - tables.firstIdOf[id]] });
    }
  }
  return result;
}

/** Patterns outlined for filing (GlobIndex.outlined): per shape slot its keys, pattern id and brace alternative. */
export interface OutlinedPatterns {
  readonly candidates: string[][];
  readonly ids: Int32Array;
  readonly alternatives: Int32Array;
  /** The patterns with other than one shape, ascending, with their number of shapes (see shapeOrigins). */
  readonly shapeCounts: Array<[number, number]>;
}

/**
 * Every pattern's shapes outlined (not compiled) and keyed, in pattern order: what the path index
 * and CODEOWNERS file their patterns by. An invalid pattern gives no slot.
 */
export function outlinePatterns(patterns: readonly string[], syntax: GlobSyntax): OutlinedPatterns {
  const candidates: string[][] = [];
  const ids: number[] = [];
  const alternatives: number[] = [];
  const shapeCounts: Array<[number, number]> = [];
  patterns.forEach((pattern, id) => {
    const outlines = shapeOutlines(pattern, syntax);
    outlines.forEach((outline, alternative) => {
      candidates.push(keysOf(outline));
      ids.push(id);
      alternatives.push(alternative);
    });
    if (outlines.length !== 1) shapeCounts.push([id, outlines.length]);
  });
  return { candidates, ids: Int32Array.from(ids), alternatives: Int32Array.from(alternatives), shapeCounts };
}

/**
 * Per shape slot, its pattern id and brace alternative, from the pattern count and the ids with
 * other than one shape (see PathIndexSnapshot); undefined when those do not fit.
 */
export function shapeOrigins(patternCount: number, shapeCounts: unknown): { ids: Int32Array; alternatives: Int32Array } | undefined {
  if (!Array.isArray(shapeCounts)) {
    return undefined;
  }
  let total = patternCount;
  let last = -1;
  for (const item of shapeCounts as unknown[]) {
    if (!Array.isArray(item)) return undefined;
    const [id, count] = item as unknown[];
    if (typeof id !== 'number' || !Number.isInteger(id) || id <= last || id >= patternCount
      || typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count === 1 || count > 65_536) {
      return undefined;
    }
    last = id;
    total += count - 1;
  }
  const ids = new Int32Array(total);
  const alternatives = new Int32Array(total);
  let slot = 0;
  let next = 0;
  const list = shapeCounts as ReadonlyArray<readonly [number, number]>;
  for (let id = 0; id < patternCount; id++) {
    let count = 1;
    if (next < list.length && list[next][0] === id) {
      count = list[next][1];
      next++;
    }
    for (let alternative = 0; alternative < count; alternative++) {
      ids[slot] = id;
      alternatives[slot] = alternative;
      slot++;
    }
  }
  return { ids, alternatives };
}

/**
 * A slot's shape, compiled when first tested, from its pattern id and alternative. Made here, not
 * inside `build`, so that the closure holds only these three tables and not what `build` worked
 * with (a closure keeps its whole enclosing scope).
 */
function lazyShapes(patterns: readonly string[], ids: Int32Array, alternatives: Int32Array): (slot: number) => GlobShape {
  return (slot) => lazyShape(patterns[ids[slot]], alternatives[slot]);
}

/**
 * Shape `alternative` of `pattern`, compiled when first tested. A shape that no longer compiles
 * (which a snapshot of the same build cannot hold) matches every path: fail closed.
 */
function lazyShape(pattern: string, alternative: number): GlobShape {
  return compileShapes(pattern, {})[alternative] ?? matchesEverything(pattern);
}

/** A shape that matches every path (what a shape that cannot be compiled again stands for). */
export function matchesEverything(pattern: string): GlobShape {
  return { pattern, anchored: false, segments: ['**'], dirOnly: false, test: () => true };
}
