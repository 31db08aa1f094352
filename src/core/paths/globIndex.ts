import { normalFormC } from './globShape';
import type { GlobShape } from './globShape';

/**
 * How a GlobIndex filed its shapes (see GlobIndex.snapshot): valid only for the same shapes, added
 * in the same order, by the same build.
 */
export interface GlobIndexSnapshot {
  /** Kind letter + key (`p` prefix, `h` head, `s` segment, `e` extension; see keysOf), sorted by UTF-16 code units, each once. */
  readonly keys: readonly string[];
  /** `slots[i]`: the shapes (by the order they were added) filed under `keys[i]`. */
  readonly slots: ReadonlyArray<readonly number[]>;
  /** The shapes tested for every path. */
  readonly always: readonly number[];
}

/**
 * Finds which of many compiled globs match a path while testing only the few that can.
 *
 * Each shape goes under one key that any matching path must contain, chosen among:
 * - anchored with literal leading segments (`services/checkout/**`): the literal prefix, looked up
 *   with each of the path's own prefixes (`services`, `services/checkout`, ...);
 * - anchored, then a segment with a literal head (`services/pay-00?/docs/`): the prefix and that head
 *   (`services/pay-00`), looked up with each prefix and the start of the path's next segment;
 * - a literal segment anywhere (`migrations/`, `**\/logs/*.txt`): looked up with each path segment;
 * - a `*.ext`-like segment: by extension, looked up with each path segment's extension;
 * - else (`*`, `src*\/x`): a short list tested for every path.
 * Of the keys a shape could go under, it goes under the one the fewest shapes share (decided once
 * all shapes are added), so a lookup tests about as many candidates at 20,000 systems as at 2,000:
 * `**\/pay-0042/migrations/*.sql` is filed under `pay-0042`, not under `migrations`.
 * Candidates found under a key are then tested with their own matcher, each at most once per lookup.
 */
export class GlobIndex {
  /** By slot; in a restored index, filled as lookups first test each shape (see restore). */
  private readonly shapes: Array<GlobShape | undefined> = [];
  private ids: ArrayLike<number> & { length: number } = [];
  /** A restored or outlined index: makes the shape of a slot when a lookup first tests it. */
  private shapeAt: ((slot: number) => GlobShape) | undefined;
  /** A restored index: its snapshot, whose sorted keys are searched instead of the maps below. */
  private restored: GlobIndexSnapshot | undefined;
  /**
   * Kind letter + key → its group: the slots filed under it are `groupSlots[groupStart[g] ..
   * groupStart[g + 1]]`, in slot order. Flat arrays rather than a list per key: at 150,000
   * systems there are some 270,000 keys, and a list each would hold several times the slots' bytes.
   */
  private groups = new Map<string, number>();
  private groupStart: Int32Array = new Int32Array(1);
  private groupSlots: Int32Array = new Int32Array(0);
  /** Per prefix (`''` for the first segment): the head lengths filed below it (`h` keys), so a lookup tries only those. */
  private readonly headLengths = new Map<string, number[]>();
  private readonly always: number[] = [];
  private testedAt: Uint32Array = new Uint32Array(16);
  private lookup = 0;
  /** Shapes added since the keys were last chosen. */
  private sealed = true;

  get shapeCount(): number {
    return this.shapes.length;
  }

  /** Adds a shape that reports `id` when it matches. Not for a restored index. */
  add(shape: GlobShape, id: number): void {
    if (this.shapeAt !== undefined) throw new Error('a restored or outlined GlobIndex cannot take more shapes');
    const slot = this.shapes.length;
    this.shapes.push(shape);
    (this.ids as number[]).push(id);
    if (slot >= this.testedAt.length) {
      const grown = new Uint32Array(this.testedAt.length * 2);
      grown.set(this.testedAt);
      this.testedAt = grown;
    }
    this.sealed = false;
  }

  /**
   * How the shapes are filed, to restore the same index later without choosing keys again (see
   * restore): every key with the slots filed under it, keys sorted.
   */
  snapshot(): GlobIndexSnapshot {
    if (this.restored !== undefined) return this.restored;
    if (!this.sealed) {
      this.seal();
    }
    const filed = [...this.groups].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return {
      keys: filed.map(([key]) => key),
      slots: filed.map(([, group]) => Array.from(this.groupSlots.subarray(this.groupStart[group], this.groupStart[group + 1]))),
      always: [...this.always],
    };
  }

  /**
   * The index a `snapshot()` was taken of, for shapes that are not compiled yet: `ids[slot]` is the
   * id a slot reports, and `shapeAt(slot)` makes its shape when a lookup first tests it (so a
   * lookup compiles only the shapes its path reaches). Keys are found by binary search in the
   * snapshot's sorted keys: nothing is filed again. Undefined when the snapshot does not fit (every
   * slot filed exactly once, keys sorted and well formed), which a caller treats as "build it".
   */
  static restore(snapshot: GlobIndexSnapshot, ids: ArrayLike<number>, shapeAt: (slot: number) => GlobShape): GlobIndex | undefined {
    const { keys, slots, always } = snapshot;
    const count = ids.length;
    if (!Array.isArray(keys) || !Array.isArray(slots) || !Array.isArray(always) || keys.length !== slots.length) {
      return undefined;
    }
    const filed = new Uint8Array(count);
    const fileAll = (list: unknown): boolean => {
      if (!Array.isArray(list)) return false;
      for (const slot of list as unknown[]) {
        if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 0 || slot >= count || filed[slot] !== 0) return false;
        filed[slot] = 1;
      }
      return true;
    };
    const index = new GlobIndex();
    const heads = new Map<string, Set<number>>();
    let previous: string | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key: unknown = keys[i];
      if (typeof key !== 'string' || (previous !== undefined && !(previous < key)) || !'phse'.includes(key[0] ?? '-') || !fileAll(slots[i])) {
        return undefined;
      }
      previous = key;
      if (key[0] === 'h') {
        if (!noteHead(heads, key.slice(1))) {
          return undefined;
        }
      }
    }
    if (!fileAll(always) || filed.includes(0)) {
      return undefined;
    }
    for (const [prefix, lengths] of heads) index.headLengths.set(prefix, [...lengths].sort((a, b) => a - b));
    index.always.push(...(always as number[]));
    index.ids = ids;
    index.shapes.length = count;
    index.shapeAt = shapeAt;
    index.restored = snapshot;
    index.testedAt = new Uint32Array(Math.max(count, 1));
    return index;
  }

  /** The slots filed under kind + key. */
  private find(kind: 'p' | 'h' | 's' | 'e', key: string): ArrayLike<number> | undefined {
    if (this.restored !== undefined) {
      const wanted = kind + key;
      const keys = this.restored.keys;
      let low = 0;
      let high = keys.length - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const at = keys[middle];
        if (at === wanted) return this.restored.slots[middle];
        if (at < wanted) low = middle + 1;
        else high = middle - 1;
      }
      return undefined;
    }
    const group = this.groups.get(kind + key);
    return group === undefined ? undefined : this.groupSlots.subarray(this.groupStart[group], this.groupStart[group + 1]);
  }

  /** Files every shape under its least shared key. Runs before the first lookup after adds. */
  private seal(): void {
    this.sealed = true;
    this.fileByKeys((this.shapes as GlobShape[]).map(keysOf));
  }

  /**
   * An index of shapes known only by their outlines (what they are filed by): `candidates[slot]` is
   * `keysOf` that slot's shape, `ids[slot]` the id it reports, and `shapeAt(slot)` compiles its
   * matcher when a lookup first tests it, as in a restored index. Filing is the same as `seal`
   * gives, so its snapshot is the same too; but a large manifest's patterns are not all compiled
   * (and kept) to answer for the few paths of one commit.
   */
  static outlined(candidates: ReadonlyArray<readonly string[]>, ids: ArrayLike<number>, shapeAt: (slot: number) => GlobShape): GlobIndex {
    const index = new GlobIndex();
    index.ids = ids;
    index.shapes.length = ids.length;
    index.shapeAt = shapeAt;
    index.testedAt = new Uint32Array(Math.max(ids.length, 1));
    index.fileByKeys(candidates);
    return index;
  }

  /** Files each slot under the one of its candidate keys the fewest slots share (see the class comment). */
  private fileByKeys(candidates: ReadonlyArray<readonly string[]>): void {
    const shared = new Map<string, number>();
    for (const keys of candidates) {
      for (const key of keys) shared.set(key, (shared.get(key) ?? 0) + 1);
    }
    // Each slot's key, then the groups in first-use order, their sizes, and the slots in slot order.
    const groupOf = new Int32Array(candidates.length);
    const groups = new Map<string, number>();
    const sizes: number[] = [];
    const heads = new Map<string, Set<number>>();
    this.always.length = 0;
    candidates.forEach((keys, slot) => {
      let best = '';
      let bestCount = Infinity;
      for (const key of keys) {
        const count = shared.get(key) ?? 0;
        if (count < bestCount) {
          best = key;
          bestCount = count;
        }
      }
      if (best === '') {
        this.always.push(slot);
        groupOf[slot] = -1;
        return;
      }
      let group = groups.get(best);
      if (group === undefined) {
        group = sizes.length;
        groups.set(best, group);
        sizes.push(0);
        if (best[0] === 'h') noteHead(heads, best.slice(1));
      }
      sizes[group]++;
      groupOf[slot] = group;
    });
    const start = new Int32Array(sizes.length + 1);
    for (let g = 0; g < sizes.length; g++) start[g + 1] = start[g] + sizes[g];
    const fill = start.slice(0, sizes.length);
    const slots = new Int32Array(start[sizes.length]);
    for (let slot = 0; slot < groupOf.length; slot++) {
      const group = groupOf[slot];
      if (group >= 0) slots[fill[group]++] = slot;
    }
    this.groups = groups;
    this.groupStart = start;
    this.groupSlots = slots;
    this.headLengths.clear();
    for (const [prefix, lengths] of heads) this.headLengths.set(prefix, [...lengths].sort((a, b) => a - b));
  }

  /**
   * Calls `visit` with the id of every added shape that matches (an id once per matching shape).
   * The path is compared in Unicode normal form C, as the shapes are (`normal`: it already is).
   */
  forEachMatch(path: string, visit: (id: number) => void, normal = false): void {
    if (!normal) {
      path = normalFormC(path);
    }
    if (!this.sealed) {
      this.seal();
    }
    this.lookup = (this.lookup + 1) >>> 0 || 1;
    for (const slot of this.always) {
      this.test(slot, path, visit);
    }
    const headed = this.headLengths.size > 0;
    let start = 0;
    for (;;) {
      const slash = path.indexOf('/', start);
      const end = slash < 0 ? path.length : slash;
      this.testAll(this.find('p', path.slice(0, end)), path, visit);
      const lengths = headed ? this.headLengths.get(start === 0 ? '' : path.slice(0, start - 1)) : undefined;
      if (lengths !== undefined) {
        const prefix = start === 0 ? '/' : path.slice(0, start);
        for (const length of lengths) {
          if (length > end - start) {
            break;
          }
          this.testAll(this.find('h', prefix + path.slice(start, start + length)), path, visit);
        }
      }
      const segment = path.slice(start, end);
      this.testAll(this.find('s', segment), path, visit);
      const dot = segment.lastIndexOf('.');
      if (dot >= 0) {
        this.testAll(this.find('e', segment.slice(dot + 1)), path, visit);
      }
      if (slash < 0) {
        return;
      }
      start = slash + 1;
    }
  }

  private testAll(slots: ArrayLike<number> | undefined, path: string, visit: (id: number) => void): void {
    if (slots !== undefined) {
      for (let i = 0; i < slots.length; i++) {
        this.test(slots[i], path, visit);
      }
    }
  }

  private test(slot: number, path: string, visit: (id: number) => void): void {
    if (this.testedAt[slot] === this.lookup) {
      return;
    }
    this.testedAt[slot] = this.lookup;
    const shape = this.shapes[slot] ?? (this.shapes[slot] = this.shapeAt!(slot));
    if (shape.test(path)) {
      visit(this.ids[slot]);
    }
  }
}

/** Whether `char` (one UTF-16 unit) starts a wildcard or an escape in a glob segment. */
function isSpecial(char: number): boolean {
  return char === 42 /* * */ || char === 63 /* ? */ || char === 91 /* [ */ || char === 92 /* \ */;
}

/** Length of the literal head of a glob segment: the characters before its first wildcard or escape. */
function literalHead(segment: string): number {
  let i = 0;
  while (i < segment.length && !isSpecial(segment.charCodeAt(i))) i++;
  return i;
}

/**
 * The extension a `*.ext`-like segment (`*.md`, `**.test.ts`: stars, then a literal holding a dot)
 * gives every name it matches, else undefined.
 */
function starExtension(segment: string): string | undefined {
  let i = 0;
  while (segment.charCodeAt(i) === 42) i++;
  if (i === 0 || literalHead(segment.slice(i)) !== segment.length - i) return undefined;
  const dot = segment.lastIndexOf('.');
  return dot < i ? undefined : segment.slice(dot + 1);
}

/** What a shape is filed by: `GlobShape` without its matcher (see globMatcher's `shapeOutlines`). */
export interface ShapeOutline {
  readonly anchored: boolean;
  readonly segments: readonly string[];
}

/**
 * Every key a path matching a shape must contain, as kind letter + key: `p` literal prefix, `h`
 * prefix + `/` + literal head of the next segment (the prefix is empty for the first segment),
 * `s` literal segment, `e` extension. Empty when there is none (tested for every path).
 */
export function keysOf(shape: ShapeOutline): string[] {
  const keys: string[] = [];
  const segments = shape.segments;
  if (shape.anchored) {
    let literal = 0;
    while (literal < segments.length && literalHead(segments[literal]) === segments[literal].length) {
      literal++;
    }
    const prefix = segments.slice(0, literal).join('/');
    if (literal > 0) {
      keys.push(`p${prefix}`);
    }
    const next = segments[literal];
    if (next !== undefined && next !== '**') {
      const head = literalHead(next);
      if (head > 0) {
        keys.push(`h${prefix}/${next.slice(0, head)}`);
      }
    }
  }
  for (const segment of segments) {
    if (segment !== '**' && literalHead(segment) === segment.length) {
      keys.push(`s${segment}`);
    }
  }
  // `*.md`, `*.test.ts`: whatever the segment matches ends with the literal, so shares its extension.
  for (const segment of segments) {
    const extension = starExtension(segment);
    if (extension !== undefined) {
      keys.push(`e${extension}`);
    }
  }
  return keys;
}

/** Records a head key (`prefix/head`): the length of its head under its prefix. False when it has no `/`. */
function noteHead(heads: Map<string, Set<number>>, value: string): boolean {
  const cut = value.lastIndexOf('/');
  if (cut < 0) {
    return false;
  }
  const lengths = heads.get(value.slice(0, cut)) ?? new Set<number>();
  lengths.add(value.length - cut - 1);
  heads.set(value.slice(0, cut), lengths);
  return true;
}
