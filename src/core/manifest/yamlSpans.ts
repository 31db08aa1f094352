import type { Position, Range } from '../problem';
import { PathLocator, trimmedEnd } from './yamlLocator';
import type { PathHit, YamlPath } from './yamlLocator';

/*
 * Where the nodes of a file read by the subset reader (yamlSubset.ts) lie, in a few typed arrays
 * instead of one object per node, and the locator over them: the same answers as `YamlLocator`
 * gives for the same text read by the yaml library (the differential suite holds them to it).
 */

const scalarKind = 0;
const mapKind = 1;
const seqKind = 2;

/** Collections with more entries than this get an index on their first lookup. */
const indexFrom = 8;

/**
 * One row per node: its start and end (yaml's `range[0]` and `range[1]`), its tail (`range[2]`:
 * through the rest of its line, used for the end of the collection it closes), its kind, its first
 * child and next sibling, and for a mapping's value the range and text of its key.
 */
export class SpanTable {
  private size = 0;
  private capacity = 1024;
  private starts = new Int32Array(this.capacity);
  private ends = new Int32Array(this.capacity);
  private tails = new Int32Array(this.capacity);
  private kinds = new Uint8Array(this.capacity);
  private firsts = new Int32Array(this.capacity);
  private nexts = new Int32Array(this.capacity);
  private keyStarts = new Int32Array(this.capacity);
  private keyEnds = new Int32Array(this.capacity);
  private keyTexts: string[] = [];

  /** A new node (the first one is the root). */
  add(): number {
    if (this.size === this.capacity) {
      this.grow();
    }
    const id = this.size++;
    this.firsts[id] = -1;
    this.nexts[id] = -1;
    this.keyStarts[id] = -1;
    this.keyTexts.push('');
    return id;
  }

  open(id: number, start: number, kind: number): void {
    this.starts[id] = start;
    this.kinds[id] = kind;
  }

  /** Sets the end of a node's text, and its tail to the same offset. */
  setEnd(id: number, end: number): void {
    this.ends[id] = end;
    this.tails[id] = end;
  }

  setTail(id: number, tail: number): void {
    this.tails[id] = tail;
  }

  setKey(id: number, start: number, end: number, text: string): void {
    this.keyStarts[id] = start;
    this.keyEnds[id] = end;
    this.keyTexts[id] = text;
  }

  setFirst(id: number, child: number): void {
    this.firsts[id] = child;
  }

  setNext(id: number, sibling: number): void {
    this.nexts[id] = sibling;
  }

  start(id: number): number {
    return this.starts[id];
  }

  end(id: number): number {
    return this.ends[id];
  }

  tail(id: number): number {
    return this.tails[id];
  }

  kind(id: number): number {
    return this.kinds[id];
  }

  first(id: number): number {
    return this.firsts[id];
  }

  next(id: number): number {
    return this.nexts[id];
  }

  hasKey(id: number): boolean {
    return this.keyStarts[id] >= 0;
  }

  keyStart(id: number): number {
    return this.keyStarts[id];
  }

  keyEnd(id: number): number {
    return this.keyEnds[id];
  }

  keyText(id: number): string {
    return this.keyTexts[id];
  }

  /** The table as plain columns, each exactly as long as the table (what a cache stores). */
  columns(): SpanColumns {
    const n = this.size;
    return {
      size: n,
      ints: [this.starts, this.ends, this.tails, this.firsts, this.nexts, this.keyStarts, this.keyEnds].map((column) => column.slice(0, n)),
      kinds: this.kinds.slice(0, n),
      keyTexts: this.keyTexts.slice(0, n),
    };
  }

  /** The table `columns()` gave; undefined when the columns do not fit together. */
  static fromColumns(columns: SpanColumns): SpanTable | undefined {
    const { size, ints, kinds, keyTexts } = columns;
    if (!Number.isInteger(size) || size < 1 || ints.length !== 7 || ints.some((column) => column.length !== size) || kinds.length !== size || keyTexts.length !== size) {
      return undefined;
    }
    const table = new SpanTable();
    table.size = size;
    table.capacity = size;
    [table.starts, table.ends, table.tails, table.firsts, table.nexts, table.keyStarts, table.keyEnds] = ints;
    table.kinds = kinds;
    table.keyTexts = [...keyTexts];
    return table;
  }

  private grow(): void {
    this.capacity *= 2;
    const larger = <T extends Int32Array | Uint8Array>(old: T): T => {
      const next = new (old.constructor as new (size: number) => T)(this.capacity);
      next.set(old);
      return next;
    };
    this.starts = larger(this.starts);
    this.ends = larger(this.ends);
    this.tails = larger(this.tails);
    this.kinds = larger(this.kinds);
    this.firsts = larger(this.firsts);
    this.nexts = larger(this.nexts);
    this.keyStarts = larger(this.keyStarts);
    this.keyEnds = larger(this.keyEnds);
  }
}

/** A span table as columns: starts, ends, tails, firsts, nexts, key starts and key ends (in that order), kinds and key texts. */
export interface SpanColumns {
  readonly size: number;
  readonly ints: ReadonlyArray<Int32Array<ArrayBuffer>>;
  readonly kinds: Uint8Array<ArrayBuffer>;
  readonly keyTexts: readonly string[];
}

export const nodeKinds = { scalar: scalarKind, map: mapKind, seq: seqKind } as const;

/** What a path leads to: the node (-1 for none), whether it was reached as a mapping's value, how deep. */
interface Found {
  readonly node: number;
  readonly key: boolean;
  readonly depth: number;
}

/** `YamlLocator`'s answers over a span table. */
export class SpanLocator extends PathLocator {
  private lineStarts?: number[];
  private readonly mapIndex = new Map<number, Map<string, number>>();
  private readonly seqIndex = new Map<number, Int32Array>();

  constructor(private readonly spans: SpanTable, private readonly text: string) {
    super();
  }

  /** The span table this locator answers from. */
  get table(): SpanTable {
    return this.spans;
  }

  position(offset: number): Position {
    const starts = this.lineStarts ??= lineStartsOf(this.text);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return { line: low, column: offset - starts[low] };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(trimmedEnd(this.text, start, end)) };
  }

  protected hit(path: YamlPath): PathHit {
    const found = this.locate(path);
    return {
      depth: found.depth,
      keyed: found.key && found.node >= 0,
      value: () => this.nodeRange(found.node),
      key: () => this.keyOf(found),
      entry: () => {
        if (found.node < 0) return undefined;
        const start = found.key ? this.spans.keyStart(found.node) : this.spans.start(found.node);
        return this.rangeOf(start, this.spans.end(found.node));
      },
    };
  }

  rootRange(): Range {
    const first = this.spans.first(0);
    return this.rangeOf(this.spans.keyStart(first), this.spans.keyEnd(first));
  }

  private nodeRange(node: number): Range | undefined {
    return node < 0 ? undefined : this.rangeOf(this.spans.start(node), this.spans.end(node));
  }

  private keyOf(found: Found): Range | undefined {
    return found.key && found.node >= 0 ? this.rangeOf(this.spans.keyStart(found.node), this.spans.keyEnd(found.node)) : undefined;
  }

  /** As `YamlLocator.locate`: maps by key text, lists by index. */
  private locate(path: YamlPath): Found {
    const spans = this.spans;
    let node = 0;
    let key = false;
    let depth = 0;
    for (const segment of path) {
      const kind = node < 0 ? -1 : spans.kind(node);
      if (kind === mapKind) {
        const entry = this.entry(node, String(segment));
        if (entry < 0) {
          break;
        }
        key = true;
        node = entry;
      } else if (kind === seqKind && typeof segment === 'number' && segment < this.count(node)) {
        key = false;
        node = Number.isInteger(segment) && segment >= 0 ? this.item(node, segment) : -1;
      } else {
        break;
      }
      depth++;
    }
    return { node, key, depth };
  }

  private entry(map: number, key: string): number {
    let index = this.mapIndex.get(map);
    if (!index) {
      let count = 0;
      for (let child = this.spans.first(map); child >= 0 && count <= indexFrom; child = this.spans.next(child)) {
        count++;
      }
      if (count <= indexFrom) {
        for (let child = this.spans.first(map); child >= 0; child = this.spans.next(child)) {
          if (this.spans.keyText(child) === key) {
            return child;
          }
        }
        return -1;
      }
      // The first entry of a key wins, as in YamlLocator (the reader declines duplicates anyway).
      index = new Map<string, number>();
      for (let child = this.spans.first(map); child >= 0; child = this.spans.next(child)) {
        if (!index.has(this.spans.keyText(child))) {
          index.set(this.spans.keyText(child), child);
        }
      }
      this.mapIndex.set(map, index);
    }
    return index.get(key) ?? -1;
  }

  private items(seq: number): Int32Array {
    let index = this.seqIndex.get(seq);
    if (!index) {
      const ids: number[] = [];
      for (let child = this.spans.first(seq); child >= 0; child = this.spans.next(child)) {
        ids.push(child);
      }
      index = Int32Array.from(ids);
      this.seqIndex.set(seq, index);
    }
    return index;
  }

  private count(seq: number): number {
    return this.items(seq).length;
  }

  private item(seq: number, index: number): number {
    return this.items(seq)[index];
  }
}

/** Where each line starts, as yaml's LineCounter records them for text without CR or multi-line scalars. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}
