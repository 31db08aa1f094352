import type { GlobShape } from './globMatcher';

/**
 * Finds which of many compiled globs match a path while testing only the few that can.
 *
 * Each shape goes under one key that any matching path must contain:
 * - anchored with literal leading segments (`services/checkout/**`): the literal prefix, looked up
 *   with each of the path's own prefixes (`services`, `services/checkout`, ...);
 * - else a literal segment anywhere (`migrations/`, `**\/logs/*.txt`): looked up with each path segment;
 * - else a `*.ext`-like segment: by extension, looked up with each path segment's extension;
 * - else (`*`, `src*\/x`): a short list tested for every path.
 * Candidates found under a key are then tested with their own matcher, each at most once per lookup.
 */
export class GlobIndex {
  private readonly shapes: GlobShape[] = [];
  private readonly ids: number[] = [];
  private readonly byPrefix = new Map<string, number[]>();
  private readonly bySegment = new Map<string, number[]>();
  private readonly byExtension = new Map<string, number[]>();
  private readonly always: number[] = [];
  private testedAt: Uint32Array = new Uint32Array(16);
  private lookup = 0;

  get shapeCount(): number {
    return this.shapes.length;
  }

  /** Adds a shape that reports `id` when it matches. */
  add(shape: GlobShape, id: number): void {
    const slot = this.shapes.length;
    this.shapes.push(shape);
    this.ids.push(id);
    if (slot >= this.testedAt.length) {
      const grown = new Uint32Array(this.testedAt.length * 2);
      grown.set(this.testedAt);
      this.testedAt = grown;
    }
    const [map, key] = keyOf(shape);
    if (map === 'always') {
      this.always.push(slot);
      return;
    }
    const target = map === 'prefix' ? this.byPrefix : map === 'segment' ? this.bySegment : this.byExtension;
    const list = target.get(key);
    if (list === undefined) {
      target.set(key, [slot]);
    } else {
      list.push(slot);
    }
  }

  /** Calls `visit` with the id of every added shape that matches (an id once per matching shape). */
  forEachMatch(path: string, visit: (id: number) => void): void {
    this.lookup = (this.lookup + 1) >>> 0 || 1;
    for (const slot of this.always) {
      this.test(slot, path, visit);
    }
    let start = 0;
    for (;;) {
      const slash = path.indexOf('/', start);
      const end = slash < 0 ? path.length : slash;
      this.testAll(this.byPrefix.get(path.slice(0, end)), path, visit);
      const segment = path.slice(start, end);
      this.testAll(this.bySegment.get(segment), path, visit);
      const dot = segment.lastIndexOf('.');
      if (dot >= 0) {
        this.testAll(this.byExtension.get(segment.slice(dot + 1)), path, visit);
      }
      if (slash < 0) {
        return;
      }
      start = slash + 1;
    }
  }

  private testAll(slots: number[] | undefined, path: string, visit: (id: number) => void): void {
    if (slots !== undefined) {
      for (const slot of slots) {
        this.test(slot, path, visit);
      }
    }
  }

  private test(slot: number, path: string, visit: (id: number) => void): void {
    if (this.testedAt[slot] === this.lookup) {
      return;
    }
    this.testedAt[slot] = this.lookup;
    if (this.shapes[slot].test(path)) {
      visit(this.ids[slot]);
    }
  }
}

/** Whether a glob segment has no wildcard at all (so it must equal a path segment). */
function isLiteralSegment(segment: string): boolean {
  return !/[*?[]/.test(segment);
}

type KeyKind = 'prefix' | 'segment' | 'extension' | 'always';

function keyOf(shape: GlobShape): [KeyKind, string] {
  const segments = shape.segments.filter((segment) => segment !== '**');
  if (shape.anchored && isLiteralSegment(shape.segments[0])) {
    const literal: string[] = [];
    for (const segment of shape.segments) {
      if (!isLiteralSegment(segment)) {
        break;
      }
      literal.push(segment);
    }
    return ['prefix', literal.join('/')];
  }
  // The last literal segment is usually the most telling one (`**/docs/api` → `api`).
  const literal = segments.filter(isLiteralSegment).pop();
  if (literal !== undefined) {
    return ['segment', literal];
  }
  // `*.md`, `*.test.ts`: whatever the segment matches ends with the literal, so shares its extension.
  for (const segment of segments) {
    const suffix = /^\*+([^*?[]*\.[^*?[.]*)$/.exec(segment);
    if (suffix !== null) {
      return ['extension', suffix[1].slice(suffix[1].lastIndexOf('.') + 1)];
    }
  }
  return ['always', ''];
}
