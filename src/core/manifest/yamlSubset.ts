import { COLON, DASH, declined, DOT, DQUOTE, HASH, isSpaceOrEnd, LBRACE, LBRACKET, NL, plainEnd, plainScalarValue, quoted, SPACE, SQUOTE } from './yamlScalars';
import { checkedKey, readFlowMap, readFlowSeq, readScalar, skipSpaces } from './yamlFlow';
import { SpanTable } from './yamlSpans';

/*
 * The fast reader for the YAML manifests are actually written in (manifestFile.ts): block
 * mappings and lists, one-line flow lists of scalars, `{}`, plain and quoted one-line scalars,
 * comments, a leading `---`. It builds the value yaml's `toJS` would build and a compact table of
 * where each node lies (yamlSpans.ts), or declines — returns undefined — for anything else, and
 * the yaml library reads the file as before (anchors, tags, block scalars, multi-line scalars,
 * escapes, tabs, CR, BOM, duplicate keys, every syntax error). It never guesses: when in doubt,
 * it declines.
 */

/** What the reader built: the root mapping and where each of its nodes lies. */
export interface SubsetDocument {
  readonly value: Record<string, unknown>;
  readonly spans: SpanTable;
}

/** Characters the reader never accepts anywhere: controls (but newline), DEL, BOM, NEL and Unicode line breaks. */
// eslint-disable-next-line no-control-regex
const outsideSubset = /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/;

/** Reads `text` when it lies in the subset (a non-empty mapping at the root), else undefined. */
export function readSubset(text: string, maxDepth: number): SubsetDocument | undefined {
  if (outsideSubset.test(text)) {
    return undefined;
  }
  try {
    return new SubsetReader(text, maxDepth).document();
  } catch (thrown) {
    if (thrown === declined) {
      return undefined;
    }
    throw thrown;
  }
}

/** A content line: where its first non-space character is, and its indentation. */
interface ContentLine {
  readonly at: number;
  readonly indent: number;
  /** Whether a comment line lay between the previous content and this one. */
  readonly afterComment: boolean;
}

const endOfText: ContentLine = { at: -1, indent: -1, afterComment: false };

class SubsetReader {
  private readonly spans = new SpanTable();
  private readonly length: number;

  constructor(private readonly text: string, private readonly maxDepth: number) {
    this.length = text.length;
  }

  document(): SubsetDocument | undefined {
    let start = 0;
    if (this.text.startsWith('---')) {
      const after = this.text.charCodeAt(3);
      if (after !== NL && after !== SPACE && this.length > 3) {
        return undefined;
      }
      start = this.restOfLine(3);
    }
    const first = this.nextContent(start);
    if (first.at < 0 || first.indent !== 0 || this.keyEnd(first.at) < 0) {
      return undefined;
    }
    const root = this.spans.add();
    const value = this.blockMap(first, root, 1);
    return { value, spans: this.spans };
  }

  /** A block mapping whose first key is at `line`; returns after its last entry. `node` is its span. */
  private blockMap(line: ContentLine, node: number, depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) {
      throw declined;
    }
    const indent = line.indent;
    const map: Record<string, unknown> = {};
    this.spans.open(node, line.at, 1);
    let current: ContentLine = line;
    let previous = -1;
    for (;;) {
      const key = this.key(current.at);
      const id = this.spans.add();
      this.spans.setKey(id, key.start, key.end, key.text);
      if (previous < 0) {
        this.spans.setFirst(node, id);
      } else {
        this.spans.setNext(previous, id);
      }
      previous = id;
      if (key.text === '__proto__' || key.text === '<<' || Object.prototype.hasOwnProperty.call(map, key.text)) {
        throw declined;
      }
      const next = this.value(key.after, id, indent, depth, true);
      map[key.text] = next.value;
      this.spans.setEnd(node, this.spans.tail(id));
      current = next.line;
      if (current.at < 0 || current.indent < indent) {
        this.closeCollection(node, indent, id);
        this.pending = current;
        return map;
      }
      if (current.indent > indent) {
        throw declined;
      }
    }
  }

  /** A block list whose first `-` is at `line`. */
  private blockSeq(line: ContentLine, node: number, depth: number): unknown[] {
    if (depth > this.maxDepth) {
      throw declined;
    }
    const indent = line.indent;
    const list: unknown[] = [];
    this.spans.open(node, line.at, 2);
    let current: ContentLine = line;
    let previous = -1;
    for (;;) {
      if (!this.isDash(current.at)) {
        throw declined;
      }
      const id = this.spans.add();
      if (previous < 0) {
        this.spans.setFirst(node, id);
      } else {
        this.spans.setNext(previous, id);
      }
      previous = id;
      const next = this.value(current.at + 1, id, indent, depth, false);
      list.push(next.value);
      this.spans.setEnd(node, this.spans.tail(id));
      current = next.line;
      if (current.at < 0 || current.indent < indent) {
        this.closeCollection(node, indent, id);
        this.pending = current;
        return list;
      }
      if (current.indent > indent || !this.isDash(current.at)) {
        if (current.indent === indent) {
          // A key after a list at the same indentation: the list was a mapping's value.
          this.closeCollection(node, indent, id);
          this.pending = current;
          return list;
        }
        throw declined;
      }
    }
  }

  /**
   * Where the comment lines after a block collection's last entry belong, as yaml's parser files
   * them: those indented deeper than the entries join an inline last value (and so the
   * collection's end); the rest stay with the collection (its tail, `range[2]`) when one of them
   * is indented at least as deep as its entries, else they pass to the parent.
   */
  private closeCollection(node: number, indent: number, last: number): void {
    const text = this.text;
    let lineStart = this.spans.tail(node);
    let joining = !this.lastWasBlock;
    let stays = false;
    let pendingEnd = -1;
    while (lineStart < this.length) {
      const at = skipSpaces(this.text, lineStart);
      const code = text.charCodeAt(at);
      if (at >= this.length || (code !== NL && code !== HASH)) {
        break;
      }
      const end = this.lineEnd(at);
      const next = end >= this.length ? this.length : end + 1;
      if (code === HASH) {
        const column = at - lineStart;
        if (joining && column > indent) {
          this.spans.setTail(last, next);
          this.spans.setEnd(node, next);
        } else {
          joining = false;
          pendingEnd = next;
          stays ||= column >= indent;
        }
      }
      lineStart = next;
    }
    if (pendingEnd >= 0 && stays && indent > 0) {
      this.spans.setTail(node, pendingEnd);
    }
  }

  /** Whether the last value read was a block collection (it has no line end of its own). */
  private lastWasBlock = false;

  /** The line a nested collection stopped at, handed back to its parent. */
  private pending: ContentLine = endOfText;

  /**
   * The value after a key's `:` or a list's `-` (at `from`, right after the indicator), stored in
   * span `id`; returns it and the next content line.
   */
  private value(from: number, id: number, indent: number, depth: number, inMap: boolean): { value: unknown; line: ContentLine } {
    const text = this.text;
    let at = from;
    while (text.charCodeAt(at) === SPACE) {
      at++;
    }
    const code = at < this.length ? text.charCodeAt(at) : NL;
    if (code === NL || code === HASH) {
      const lineEnd = code === NL ? at : this.lineEnd(at);
      const line = this.nextContent(lineEnd + 1 > this.length ? this.length : lineEnd + 1);
      if (line.at >= 0 && (line.indent > indent || (inMap && line.indent === indent && this.isDash(line.at)))) {
        return this.nested(line, id, depth);
      }
      // Nothing below: an empty scalar (null) where the indicator's spaces end.
      this.spans.open(id, at, 0);
      this.spans.setEnd(id, at);
      const commented = code === HASH || line.afterComment;
      this.spans.setTail(id, commented ? (line.at < 0 ? this.length : this.lineStartOf(line.at)) : at);
      this.lastWasBlock = false;
      return { value: null, line };
    }
    if (!inMap && code === DASH && this.isDash(at)) {
      throw declined;
    }
    if (!inMap) {
      const keyEnd = this.keyEnd(at);
      if (keyEnd >= 0) {
        // A mapping that starts on the list item's line (`- id: x`).
        const column = at - this.lineStartOf(at);
        const value = this.blockMap({ at, indent: column, afterComment: false }, id, depth + 1);
        this.lastWasBlock = true;
        return { value, line: this.pending };
      }
    }
    const value = this.inline(at, id, depth);
    this.lastWasBlock = false;
    const after = this.restOfLine(this.spans.end(id));
    this.spans.setTail(id, after);
    return { value, line: this.nextContent(after) };
  }

  /** A block collection that starts on its own line below a key or a `-`. */
  private nested(line: ContentLine, id: number, depth: number): { value: unknown; line: ContentLine } {
    if (this.isDash(line.at)) {
      const value = this.blockSeq(line, id, depth + 1);
      this.lastWasBlock = true;
      return { value, line: this.pending };
    }
    if (this.keyEnd(line.at) < 0) {
      throw declined;
    }
    const value = this.blockMap(line, id, depth + 1);
    this.lastWasBlock = true;
    return { value, line: this.pending };
  }

  /** A value on the current line: a flow list, `{}`, a quoted or a plain scalar. */
  private inline(at: number, id: number, depth: number): unknown {
    const code = this.text.charCodeAt(at);
    if (code === LBRACKET) {
      return readFlowSeq(this.text, this.spans, at, id, depth + 1, this.maxDepth);
    }
    if (code === LBRACE) {
      return readFlowMap(this.text, this.spans, at, id, depth + 1, this.maxDepth);
    }
    const scalar = readScalar(this.text, at, false);
    this.spans.open(id, scalar.start, 0);
    this.spans.setEnd(id, scalar.end);
    return scalar.value;
  }

  /** The key of a block mapping entry at `at`, and where the value starts (after the `:`). */
  private key(at: number): { text: string; start: number; end: number; after: number } {
    const code = this.text.charCodeAt(at);
    let start = at;
    let end: number;
    let value: unknown;
    if (code === DQUOTE || code === SQUOTE) {
      const read = quoted(this.text, at);
      value = read.value;
      end = read.end;
      let colon = end;
      while (this.text.charCodeAt(colon) === SPACE) {
        colon++;
      }
      if (this.text.charCodeAt(colon) !== COLON || !isSpaceOrEnd(this.text, colon + 1)) {
        throw declined;
      }
      start = read.start;
      return checkedKey(value, start, end, colon + 1);
    }
    end = plainEnd(this.text, at, false, true);
    value = plainScalarValue(this.text.slice(at, end), true);
    let colon = end;
    while (this.text.charCodeAt(colon) === SPACE) {
      colon++;
    }
    return checkedKey(value, start, end, colon + 1);
  }

  /** Whether a block mapping key starts at `at` (its `:` offset), else -1; never throws. */
  private keyEnd(at: number): number {
    try {
      return this.key(at).after;
    } catch (thrown) {
      if (thrown === declined) {
        return -1;
      }
      throw thrown;
    }
  }

  /** After a value: spaces, then a comment or nothing to the line's end; returns the next line's start. */
  private restOfLine(at: number): number {
    const text = this.text;
    let i = at;
    while (text.charCodeAt(i) === SPACE) {
      i++;
    }
    if (i >= this.length) {
      return this.length;
    }
    const code = text.charCodeAt(i);
    if (code === NL) {
      return i + 1;
    }
    if (code === HASH && i > at) {
      const end = this.lineEnd(i);
      return end >= this.length ? this.length : end + 1;
    }
    throw declined;
  }

  /** The next line with content from the line start `from`, skipping blank and comment lines. */
  private nextContent(from: number): ContentLine {
    const text = this.text;
    let lineStart = from;
    let afterComment = false;
    while (lineStart < this.length) {
      let at = lineStart;
      while (text.charCodeAt(at) === SPACE) {
        at++;
      }
      if (at >= this.length) {
        return afterComment ? { ...endOfText, afterComment } : endOfText;
      }
      const code = text.charCodeAt(at);
      if (code === NL) {
        lineStart = at + 1;
        continue;
      }
      if (code === HASH) {
        afterComment = true;
        lineStart = this.lineEnd(at) + 1;
        continue;
      }
      if (at === lineStart && (code === DASH || code === DOT) && (text.startsWith('---', at) || text.startsWith('...', at))) {
        throw declined;
      }
      return { at, indent: at - lineStart, afterComment };
    }
    return afterComment ? { ...endOfText, afterComment } : endOfText;
  }

  private lineEnd(at: number): number {
    const end = this.text.indexOf('\n', at);
    return end < 0 ? this.length : end;
  }

  private lineStartOf(at: number): number {
    return this.text.lastIndexOf('\n', at - 1) + 1;
  }

  private isDash(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && isSpaceOrEnd(this.text, at + 1);
  }
}
