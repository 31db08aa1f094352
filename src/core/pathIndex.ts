import { GlobIndex } from './globIndex';
import { compileGlob, compileShapes } from './globMatcher';
import type { PatternMatch } from './report';

export interface PathIndexEntry {
  readonly id: string;
  readonly patterns: readonly string[];
  readonly exclude: readonly string[];
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
    /** Per entry: its compiled excludes, tested only once the entry matched. */
    private readonly excludes: readonly ((path: string) => boolean)[][],
    /** Per pattern id: the entry it belongs to, and the id of that entry's first pattern (constant-time lookups). */
    private readonly entryOf: Int32Array,
    private readonly firstIdOf: Int32Array,
  ) {}

  static build(entries: readonly PathIndexEntry[]): PathIndex {
    const index = new GlobIndex();
    const patternCount = entries.reduce((sum, entry) => sum + entry.patterns.length, 0);
    const entryOf = new Int32Array(patternCount);
    const firstIdOf = new Int32Array(patternCount);
    let id = 0;
    entries.forEach((entry, entryIndex) => {
      const first = id;
      for (const pattern of entry.patterns) {
        for (const shape of compileShapes(pattern, {})) {
          index.add(shape, id);
        }
        entryOf[id] = entryIndex;
        firstIdOf[id] = first;
        id++;
      }
    });
    const excludes = entries.map((entry) => entry.exclude.map(compileGlob));
    return new PathIndex(entries, index, excludes, entryOf, firstIdOf);
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
      const excludes = this.excludes[entryIndex];
      if (excludes.length === 0 || !excludes.some((excluded) => excluded(path))) {
        result.push({ system: entry.id, pattern: entry.patterns[id - this.firstIdOf[id]] });
      }
    }
    return result;
  }
}
