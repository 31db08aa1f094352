import { isAlias, isMap, isPair, isScalar, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { Position, Range } from '../problem';

export type YamlPath = readonly (string | number)[];

/** What a path leads to in a YAML document: the value node, and the key node when it is a map entry. */
export interface Located {
  readonly node?: Node;
  readonly key?: Node;
  /** How many path segments were found; less than the path length when the rest is missing. */
  readonly depth: number;
}

/**
 * What the rest of the code asks of a parsed file's locations: ranges for value paths (as zod and
 * the parser see the value). `YamlLocator` answers from yaml's document (the library path);
 * `SpanLocator` (yamlSpans.ts) gives the same answers for files the subset reader read.
 */
export interface ManifestLocator {
  position(offset: number): Position;
  rangeOf(start: number, end: number): Range;
  valueRange(path: YamlPath): Range;
  keyRange(path: YamlPath): Range;
  ownerRange(path: YamlPath): Range;
  entryRange(path: YamlPath): Range;
  rootRange(): Range;
}

/** What a path reached, for `PathLocator`: how deep it went, and the ranges there (computed on demand). */
export interface PathHit {
  readonly depth: number;
  /** Whether the last step was a mapping's key (a list item has none). */
  readonly keyed: boolean;
  value(): Range | undefined;
  key(): Range | undefined;
  /** From the key (if any) to the end of the value. */
  entry(): Range | undefined;
}

/**
 * The policy of where a path's problems are reported, written once for both locators: each says
 * only how it walks a path (`hit`) and where its root starts.
 */
export abstract class PathLocator implements ManifestLocator {
  abstract position(offset: number): Position;
  abstract rangeOf(start: number, end: number): Range;
  /** The first key of the root map (where a missing top-level key is reported), else 0:0. */
  abstract rootRange(): Range;
  protected abstract hit(path: YamlPath): PathHit;

  /** The value at the path, else the nearest existing ancestor's key or value. */
  valueRange(path: YamlPath): Range {
    const found = this.hit(path);
    if (found.depth === path.length) {
      return found.value() ?? found.key() ?? this.rootRange();
    }
    return this.ownerRange(path.slice(0, found.depth));
  }

  /** The key of a map entry, else the value (for list items), else the nearest ancestor. */
  keyRange(path: YamlPath): Range {
    const found = this.hit(path);
    if (found.depth === path.length && found.keyed) {
      return found.key() ?? this.valueRange(path);
    }
    return this.valueRange(path);
  }

  /**
   * Where to report something missing from the map at `path`: the key that holds the map, else the
   * list entry itself, else the start of the document.
   */
  ownerRange(path: YamlPath): Range {
    if (path.length === 0) {
      return this.rootRange();
    }
    const found = this.hit(path);
    if (found.depth === path.length) {
      if (found.keyed && typeof path[path.length - 1] === 'string') {
        return found.key() ?? this.rootRange();
      }
      return found.value() ?? this.rootRange();
    }
    return this.ownerRange(path.slice(0, found.depth));
  }

  /** From the key (if any) to the end of the value: the whole entry. */
  entryRange(path: YamlPath): Range {
    const found = this.hit(path);
    return (found.depth === path.length ? found.entry() : undefined) ?? this.valueRange(path);
  }
}

/**
 * Finds the YAML nodes behind a path into the parsed value (as zod and the parser see it) and
 * turns node offsets into zero-based line/column ranges.
 */
export class YamlLocator extends PathLocator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly text: string,
  ) {
    super();
  }

  private readonly pairIndex = new WeakMap<YAMLMap, Map<string, Pair<unknown, unknown>>>();
  /** False once the document is known to hold no alias: paths are then walked without resolving. */
  private mayHaveAliases = true;

  /** Tells the locator that the document holds no alias (its loader walked every node). */
  noAliases(): void {
    this.mayHaveAliases = false;
  }

  position(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line: line - 1, column: col - 1 };
  }

  /** The range between two offsets, without trailing whitespace (block collections end after a newline). */
  rangeOf(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(trimmedEnd(this.text, start, end)) };
  }

  nodeRange(node: Node | undefined): Range | undefined {
    const range = node?.range;
    return range ? this.rangeOf(range[0], range[1]) : undefined;
  }

  /** Walks the path through maps (by key text) and sequences (by index), resolving aliases. */
  locate(path: YamlPath): Located {
    let node = this.resolve(this.doc.contents ?? undefined);
    let key: Node | undefined;
    let depth = 0;
    for (const segment of path) {
      // instanceof rather than isMap/isSeq/isScalar (a symbol-keyed read of each node): the same answer
      // for the nodes of a parsed document, and cheaper when every entry of a large manifest is located.
      if (node instanceof YAMLMap) {
        const pair = this.pairsOf(node).get(String(segment));
        if (!pair) {
          break;
        }
        key = pair.key instanceof Scalar ? pair.key : undefined;
        node = this.resolve((pair.value ?? undefined) as Node | undefined);
      } else if (node instanceof YAMLSeq && typeof segment === 'number' && segment < node.items.length) {
        key = undefined;
        node = this.resolve(node.items[segment] as Node | undefined);
      } else {
        break;
      }
      depth++;
    }
    return { node, key, depth };
  }

  protected hit(path: YamlPath): PathHit {
    const found = this.locate(path);
    return {
      depth: found.depth,
      keyed: found.key !== undefined,
      value: () => this.nodeRange(found.node),
      key: () => this.nodeRange(found.key),
      entry: () => {
        const start = found.key?.range?.[0] ?? found.node?.range?.[0];
        const end = found.node?.range?.[1] ?? found.key?.range?.[1];
        return start === undefined || end === undefined ? undefined : this.rangeOf(start, end);
      },
    };
  }

  /** The first key of the root map (where a missing top-level key is reported), else 0:0. */
  rootRange(): Range {
    const contents = this.doc.contents;
    if (isMap(contents) && contents.items.length > 0) {
      const first = contents.items[0].key as Node | null;
      const range = first?.range;
      if (range) {
        return this.rangeOf(range[0], range[1]);
      }
    }
    const range = contents?.range;
    return range ? this.rangeOf(range[0], range[0]) : this.rangeOf(0, 0);
  }

  /** Key text → pair, built once per mapping: lookups stay O(1) in maps with thousands of systems. */
  private pairsOf(map: YAMLMap): Map<string, Pair<unknown, unknown>> {
    let pairs = this.pairIndex.get(map);
    if (!pairs) {
      pairs = new Map();
      for (const item of map.items) {
        const key = keyText(item);
        if (key !== undefined && !pairs.has(key)) {
          pairs.set(key, item);
        }
      }
      this.pairIndex.set(map, pairs);
    }
    return pairs;
  }

  private resolve(node: Node | undefined): Node | undefined {
    if (!this.mayHaveAliases) {
      return node;
    }
    // A bounded number of hops: an alias can point at another alias only a few levels deep.
    for (let hops = 0; hops < 100 && isAlias(node); hops++) {
      node = node.resolve(this.doc);
    }
    return node;
  }
}

function keyText(pair: Pair<unknown, unknown>): string | undefined {
  if (!isPair(pair)) {
    return undefined;
  }
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** `end` (at most the text's length) without the whitespace before it, never before `start`. */
export function trimmedEnd(text: string, start: number, end: number): number {
  let last = Math.max(start, Math.min(end, text.length));
  while (last > start && isWhitespace(text.charCodeAt(last - 1))) {
    last--;
  }
  return last;
}

/** What `/\s/` matches, by character code (ranges of large manifests end in newlines and spaces). */
function isWhitespace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) {
    return true;
  }
  if (code < 128) {
    return false;
  }
  return /\s/.test(String.fromCharCode(code));
}
