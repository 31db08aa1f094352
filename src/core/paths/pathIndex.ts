import { GlobIndex } from './globIndex';
import { compileGlob, compileShapes } from './globMatcher';

/** A system a path belongs to, and the pattern that put it there. */
export interface PatternMatch {
  readonly system: string;
  /** The `paths` pattern that put the file in the system. */
  readonly pattern: string;
}
import type { GlobShape } from './globMatcher';

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
  readonly format: 1;
  /** Per shape, in order: pattern id, which brace alternative of the pattern, and its key in the index. */
  readonly shapes: ReadonlyArray<readonly [id: number, alternative: number, key: string]>;
}

/**
 * Path → the entries (systems) whose patterns match it, with the pattern that did. Every pattern is
 * compiled once; lookups test only the patterns the path's own prefixes, segments and extensions can
 * reach (see GlobIndex), so the cost per path stays near-flat in the number of entries.
 * Invalid patterns match nothing (the manifest parser reports them).
 */
export class PathIndex {
  private constructor(
    private readonly entries: readonly PathIndexEntry[],
    private readonly index: GlobIndex,
    /** Per entry: its compiled excludes (compiled when first needed), tested only once the entry matched. */
    private readonly excludes: Array<((path: string) => boolean)[] | undefined>,
    /** Per pattern id: the entry it belongs to, and the id of that entry's first pattern (constant-time lookups). */
    private readonly entryOf: Int32Array,
    private readonly firstIdOf: Int32Array,
    /** Per shape of `index`: its pattern id and brace alternative (for snapshots). */
    private readonly shapeOrigins: ReadonlyArray<readonly [number, number]>,
  ) {}

  private static tables(entries: readonly PathIndexEntry[]): { entryOf: Int32Array; firstIdOf: Int32Array; patterns: string[] } {
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
    return { entryOf, firstIdOf, patterns };
  }

  static build(entries: readonly PathIndexEntry[]): PathIndex {
    const index = new GlobIndex();
    const { entryOf, firstIdOf, patterns } = PathIndex.tables(entries);
    const origins: Array<[number, number]> = [];
    patterns.forEach((pattern, id) => {
      compileShapes(pattern, {}).forEach((shape, alternative) => {
        index.add(shape, id);
        origins.push([id, alternative]);
      });
    });
    return new PathIndex(entries, index, entries.map(() => undefined), entryOf, firstIdOf, origins);
  }

  /** How this index filed its patterns (see PathIndexSnapshot). */
  toSnapshot(): PathIndexSnapshot {
    const placement = this.index.placement();
    return { format: 1, shapes: this.shapeOrigins.map(([id, alternative], slot) => [id, alternative, placement[slot]] as const) };
  }

  /**
   * The index `build(entries)` gives, from a snapshot of it: patterns are compiled only when a
   * lookup first tests them. Undefined when the snapshot does not fit the entries.
   */
  static restore(entries: readonly PathIndexEntry[], snapshot: PathIndexSnapshot): PathIndex | undefined {
    const list: unknown = snapshot.shapes;
    if (snapshot.format !== 1 || !Array.isArray(list)) {
      return undefined;
    }
    const { entryOf, firstIdOf, patterns } = PathIndex.tables(entries);
    const shapes: GlobShape[] = [];
    const ids: number[] = [];
    const keys: string[] = [];
    const origins: Array<[number, number]> = [];
    for (const item of list as unknown[]) {
      if (!Array.isArray(item)) {
        return undefined;
      }
      const [id, alternative, key] = item as unknown[];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= patterns.length
        || typeof alternative !== 'number' || !Number.isInteger(alternative) || alternative < 0 || typeof key !== 'string') {
        return undefined;
      }
      shapes.push(lazyShape(patterns[id], alternative));
      ids.push(id);
      keys.push(key);
      origins.push([id, alternative]);
    }
    const index = GlobIndex.restore(shapes, ids, keys);
    return index === undefined ? undefined : new PathIndex(entries, index, entries.map(() => undefined), entryOf, firstIdOf, origins);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Every entry whose patterns match and whose excludes don't, in entry order, each with its first matching pattern. */
  match(path: string): PatternMatch[] {
    const ids: number[] = [];
    this.index.forEachMatch(path, (id) => ids.push(id));
    if (ids.length === 0) {
      return [];
    }
    // Pattern ids run in entry order, then pattern order: the smallest id per entry is its first match.
    if (ids.length > 1) ids.sort((a, b) => a - b);
    const result: PatternMatch[] = [];
    let last = -1;
    for (const id of ids) {
      const entryIndex = this.entryOf[id];
      if (entryIndex === last) {
        continue;
      }
      last = entryIndex;
      const entry = this.entries[entryIndex];
      const excludes = (this.excludes[entryIndex] ??= entry.exclude.map(compileGlob));
      if (excludes.length === 0 || !excludes.some((excluded) => excluded(path))) {
        result.push({ system: entry.id, pattern: entry.patterns[id - this.firstIdOf[id]] });
      }
    }
    return result;
  }
}

/**
 * Shape `alternative` of `pattern`, compiled on first use. A shape that no longer compiles (which a
 * snapshot of the same build cannot hold) matches every path: fail closed.
 */
function lazyShape(pattern: string, alternative: number): GlobShape {
  let compiled: GlobShape | null | undefined;
  const shape = (): GlobShape | null => (compiled ??= compileShapes(pattern, {})[alternative] ?? null);
  return {
    pattern,
    get anchored() { return shape()?.anchored ?? false; },
    get segments() { return shape()?.segments ?? ['**']; },
    get dirOnly() { return shape()?.dirOnly ?? false; },
    test: (path) => shape()?.test(path) ?? true,
  };
}
