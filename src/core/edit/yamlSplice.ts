import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { RadarError } from '../radarError';

/**
 * Minimal text edits of a YAML file. Nodes are found with the `yaml` library; the edit is a list of
 * splices (offset ranges and their replacement) into the original text, so everything not edited
 * stays byte for byte: comments, blank lines, key order, quoting, flow or block style, indentation
 * and line endings. The document is never re-stringified.
 */

/** Replace `text.slice(start, end)` with `insert`. Offsets are UTF-16 indexes into the original text. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly insert: string;
}

/** A failure that the caller reports as a clear message (the file is left untouched). */
class EditError extends RadarError {
  constructor(message: string) {
    super('edit', message);
  }
}

export function editFail(message: string): never {
  throw new EditError(message);
}

/** Applies splices (non-overlapping; any order) to `text`. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const splice of sorted) {
    if (splice.end > limit) editFail('internal: overlapping edits');
    result = result.slice(0, splice.start) + splice.insert + result.slice(splice.end);
    limit = splice.start;
  }
  return result;
}

/**
 * The line ending most lines of `text` use (`\r\n` or `\n`): one stray CRLF line in an LF file
 * does not make new lines CRLF. On a tie, that of the first line; `\n` for a single line.
 */
function dominantEol(text: string): '\r\n' | '\n' {
  let crlf = 0;
  let lf = 0;
  let first: '\r\n' | '\n' | undefined;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    const eol = at > 0 && text.charCodeAt(at - 1) === 13 ? '\r\n' : '\n';
    if (eol === '\r\n') crlf++;
    else lf++;
    first ??= eol;
  }
  return crlf > lf ? '\r\n' : lf > crlf ? '\n' : (first ?? '\n');
}

/** A value written into the file: text, a list of texts (written as a flow list), or a map of those. */
export type EditValue = string | readonly string[];

/** One parsed file, with what is needed to splice it. */
export class YamlFile {
  readonly doc: Document;
  readonly eol: string;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    this.eol = dominantEol(text);
  }

  get hasSyntaxErrors(): boolean {
    return this.doc.errors.length > 0;
  }

  /** YAML 1.1 documents (`%YAML 1.1`) read more plain scalars as non-strings: `yes`, `on`, timestamps. */
  private get version(): '1.1' | '1.2' {
    return this.doc.directives?.yaml.version === '1.1' ? '1.1' : '1.2';
  }

  /** The top-level mapping. */
  root(): YAMLMap {
    const contents = this.doc.contents;
    if (!isMap(contents)) editFail(`${this.file} is not a YAML mapping`);
    return contents;
  }

  /** The pair with this key in a map, resolving nothing (aliases are refused where values are used). */
  pair(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
    return map.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
  }

  /** The value node at a key, refusing aliases (an edit through an alias would change another entry). */
  value(map: YAMLMap, key: string): Node | undefined {
    const pair = this.pair(map, key);
    const value = pair?.value as Node | null | undefined;
    if (value === null || value === undefined) return undefined;
    if (isAlias(value)) editFail(`${this.file}:${this.lineOf(value.range?.[0] ?? 0)}: \`${key}\` is a YAML alias; edit it by hand`);
    return value;
  }

  /** One-based line of an offset, for messages. */
  lineOf(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) line++;
    return line;
  }

  /** Column (zero-based) of an offset in its line. */
  columnOf(offset: number): number {
    return offset - this.lineStart(offset);
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The offset just past the end of the line holding `offset` (after its line break), or the end of the text. */
  nextLineStart(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? this.text.length : newline + 1;
  }

  /** The offset of the end of the line holding `offset`, before `\r\n` or `\n`. */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    if (newline < 0) return this.text.length;
    return newline > 0 && this.text[newline - 1] === '\r' ? newline - 1 : newline;
  }

  /** End of a node's value without the trailing whitespace and line break that block nodes include. */
  contentEnd(node: Node): number {
    const range = node.range ?? editFail('internal: node without a range');
    let end = range[1];
    while (end > range[0] && /\s/.test(this.text[end - 1])) end--;
    return end;
  }

  /** Where a node's last line of content ends, after any end-of-line comment, including the line break. */
  afterLastLine(node: Node): number {
    return this.nextLineStart(this.contentEnd(node) - 1 < 0 ? 0 : this.contentEnd(node) - 1);
  }

  /** Whether a node is written in flow style (`{…}` or `[…]`). */
  isFlow(node: Node): boolean {
    const start = node.range?.[0];
    return start !== undefined && (this.text[start] === '{' || this.text[start] === '[');
  }

  /**
   * The indentation the file uses below top-level keys (2 when it cannot be seen): that of its
   * block lists when it has any (a new list section looks like the others), else that of its maps.
   */
  indentUnit(): number {
    const columns = (wanted: (node: Node) => boolean): number[] => this.root().items.flatMap((item) => {
      const value = item.value as Node | null;
      if (!value || !wanted(value) || this.isFlow(value) || !value.range) return [];
      const first = isSeq(value) ? (value.items[0] as Node | undefined)?.range?.[0] : value.range[0];
      if (first === undefined) return [];
      const column = isSeq(value) ? this.columnOf(this.text.lastIndexOf('-', first)) : this.columnOf(first);
      return column > 0 || isSeq(value) ? [column] : [];
    });
    const seqs = columns((node) => isSeq(node));
    if (seqs.length > 0) return seqs[0];
    const maps = columns((node) => isMap(node));
    return maps[0] ?? 2;
  }

  /** The `id` texts of every entry of a list section, whatever else is wrong with the entry. */
  ids(section: string, idKey = 'id'): string[] {
    const contents = this.doc.contents;
    if (!isMap(contents)) return [];
    const value = this.pair(contents, section)?.value;
    if (!isSeq(value)) return [];
    return value.items.flatMap((item) => {
      const id = isMap(item) ? this.pair(item, idKey)?.value : undefined;
      return isScalar(id) && (typeof id.value === 'string' || typeof id.value === 'number') ? [String(id.value)] : [];
    });
  }

  // ---- writing scalars ----------------------------------------------------------------------

  /** Whether `value` can be written as a plain scalar and read back as the same string. */
  plainSafe(value: string, flow: boolean): boolean {
    if (value === '' || value !== value.trim() || /[\n\r\t#]|: |:$/.test(value) || /^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
    if (flow && /[,[\]{}]/.test(value)) return false;
    const probe = parseDocument(flow ? `[${value}]` : `- ${value}`, { version: this.version });
    if (probe.errors.length > 0 || probe.warnings.length > 0) return false;
    const read = probe.toJS() as unknown;
    return Array.isArray(read) && read.length === 1 && read[0] === value;
  }

  /** A new scalar: plain when that reads back as the same text, else double-quoted. */
  scalar(value: string, flow: boolean): string {
    return this.plainSafe(value, flow) ? value : JSON.stringify(value);
  }

  /** A value as written in a new entry: lists as flow lists. */
  valueText(value: EditValue, flow: boolean): string {
    if (typeof value === 'string') return this.scalar(value, flow);
    return `[${value.map((item) => this.scalar(item, true)).join(', ')}]`;
  }

  /** The scalar replacing `node`, in the style of the one it replaces when that style can hold it. */
  private styledLike(node: Scalar, value: string, flow: boolean): string {
    switch (node.type) {
      case Scalar.PLAIN:
        return this.scalar(value, flow);
      case Scalar.QUOTE_SINGLE:
        return /[\n\r]/.test(value) ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
      default:
        return JSON.stringify(value);
    }
  }

  /** Whether the node sits inside a flow collection (plain scalars there may not hold `,[]{}`). */
  private inFlow(offset: number): boolean {
    let depth = 0;
    let found = false;
    const visit = (node: unknown): void => {
      if (found || !node || typeof node !== 'object') return;
      if (isMap(node) || isSeq(node)) {
        const range = (node as Node).range;
        if (range && range[0] <= offset && offset < range[1]) {
          if (this.isFlow(node)) {
            depth++;
            found = true;
            return;
          }
          for (const item of (node).items) {
            if (isPair(item)) visit(item.value);
            else visit(item);
          }
        }
      }
    };
    visit(this.doc.contents);
    return depth > 0;
  }

  // ---- splices --------------------------------------------------------------------------------

  /** Sets `key` of `map` to a scalar: replaces the existing value (keeping its style) or adds the pair. */
  setScalar(map: YAMLMap, key: string, value: string, after: readonly string[] = []): Splice {
    const pair = this.pair(map, key);
    if (pair) {
      const node = pair.value as Node | null;
      if (node === null || (isScalar(node) && node.value === null && (node.source === '' || node.source === undefined))) {
        const keyNode = pair.key as Node;
        const colon = this.text.indexOf(':', keyNode.range?.[1] ?? 0);
        return { start: colon + 1, end: colon + 1, insert: ` ${this.scalar(value, this.isFlow(map))}` };
      }
      if (isAlias(node)) editFail(`${this.file}:${this.lineOf(node.range?.[0] ?? 0)}: \`${key}\` is a YAML alias; edit it by hand`);
      if (!isScalar(node)) editFail(`${this.file}:${this.lineOf(node.range?.[0] ?? 0)}: \`${key}\` is not a single value; edit it by hand`);
      const range = node.range ?? editFail('internal: scalar without a range');
      const end = node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL ? this.contentEnd(node) : range[1];
      return this.keepCommentColumn({ start: range[0], end, insert: this.styledLike(node, value, this.inFlow(range[0])) });
    }
    return this.addPair(map, key, value, after);
  }

  /**
   * An end-of-line comment after a replaced value stays in its column (`status: done       # …`
   * aligned with its neighbours) while at least one space is left before it.
   */
  private keepCommentColumn(splice: Splice): Splice {
    const gap = /^[ ]+(?=#)/.exec(this.text.slice(splice.end, this.lineEnd(splice.end)));
    if (!gap || splice.insert.includes('\n')) return splice;
    const width = splice.end - splice.start + gap[0].length;
    const spaces = Math.max(1, width - splice.insert.length);
    return { start: splice.start, end: splice.end + gap[0].length, insert: splice.insert + ' '.repeat(spaces) };
  }

  /** Adds a pair to a map: in flow maps before the closing brace, in block maps as a new line at the keys' indentation. */
  addPair(map: YAMLMap, key: string, value: EditValue, after: readonly string[] = []): Splice {
    const flow = this.isFlow(map);
    const pairText = `${this.scalar(key, flow)}: ${this.valueText(value, flow)}`;
    const pairs = map.items.filter(isPair);
    const anchor = [...after].reverse().map((name) => this.pair(map, name)).find((p) => p !== undefined) ?? pairs[pairs.length - 1];
    const range = map.range ?? editFail('internal: map without a range');
    if (flow) {
      if (!anchor) {
        const open = range[0] + 1;
        return { start: open, end: open, insert: ` ${pairText} ` };
      }
      const end = this.pairEnd(anchor);
      const next = this.skipSpaceAndComments(end);
      if (this.text[next] === ',' && anchor === pairs[pairs.length - 1]) return { start: next + 1, end: next + 1, insert: ` ${pairText}` };
      return { start: end, end, insert: `, ${pairText}` };
    }
    if (!anchor) editFail(`${this.file}: an empty block mapping cannot be extended`);
    const keyStart = (anchor.key as Node).range?.[0] ?? editFail('internal: key without a range');
    const indent = this.text.slice(this.lineStart(keyStart), keyStart);
    const spaces = /^[ ]*$/.test(indent) ? indent : ' '.repeat(this.columnOf(keyStart));
    const at = this.nextLineStart(this.pairEnd(anchor) - 1);
    const lead = at === this.text.length && !this.text.endsWith('\n') ? this.eol : '';
    return { start: at, end: at, insert: `${lead}${spaces}${pairText}${lead === '' ? this.eol : ''}` };
  }

  /** The end of a pair's content (its value, else its key). */
  pairEnd(pair: Pair<unknown, unknown>): number {
    const value = pair.value as Node | null;
    if (value && value.range && !(isScalar(value) && value.source === '' )) return this.contentEnd(value);
    const key = pair.key as Node;
    const afterKey = key.range?.[1] ?? editFail('internal: key without a range');
    const colon = this.text.indexOf(':', afterKey);
    return colon >= 0 ? colon + 1 : afterKey;
  }

  private skipSpaceAndComments(offset: number): number {
    let at = offset;
    for (;;) {
      while (at < this.text.length && /\s/.test(this.text[at])) at++;
      if (this.text[at] !== '#') return at;
      at = this.nextLineStart(at);
    }
  }

  /**
   * Appends an entry (a map of fields) to a sequence: in a flow sequence as a flow map; in a block
   * sequence as a new item after the last one, with the same dash and key indentation (and as a
   * flow map when the existing items are flow maps).
   */
  appendToSeq(seq: YAMLSeq, fields: readonly (readonly [string, EditValue])[]): Splice {
    const range = seq.range ?? editFail('internal: sequence without a range');
    const flowMap = (): string => `{ ${fields.map(([k, v]) => `${this.scalar(k, true)}: ${this.valueText(v, true)}`).join(', ')} }`;
    if (this.isFlow(seq)) {
      const items = seq.items as Node[];
      if (items.length === 0) {
        const open = range[0] + 1;
        return { start: open, end: open, insert: flowMap() };
      }
      const last = items[items.length - 1];
      const end = this.contentEnd(last);
      const next = this.skipSpaceAndComments(end);
      if (this.text[next] === ',') return { start: next + 1, end: next + 1, insert: ` ${flowMap()}` };
      return { start: end, end, insert: `, ${flowMap()}` };
    }
    const items = seq.items as Node[];
    const last = items[items.length - 1] ?? editFail(`${this.file}: an empty block sequence cannot be extended`);
    const first = items[0];
    const itemStart = first.range?.[0] ?? editFail('internal: item without a range');
    const dash = this.text.lastIndexOf('-', itemStart);
    const dashColumn = this.columnOf(dash);
    const keyColumn = this.columnOf(itemStart);
    const itemsFlow = isMap(first) && this.isFlow(first);
    const at = this.nextLineStart(this.contentEnd(last) - 1);
    const lead = at === this.text.length && !this.text.endsWith('\n') ? this.eol : '';
    const tail = lead === '' ? this.eol : '';
    const dashText = `${' '.repeat(dashColumn)}-${' '.repeat(Math.max(1, keyColumn - dashColumn - 1))}`;
    if (itemsFlow || !isMap(first)) return { start: at, end: at, insert: `${lead}${dashText}${flowMap()}${tail}` };
    const lines = fields.map(([k, v], index) => `${index === 0 ? dashText : ' '.repeat(Math.max(keyColumn, dashColumn + 2))}${this.scalar(k, false)}: ${this.valueText(v, false)}`);
    return { start: at, end: at, insert: `${lead}${lines.join(this.eol)}${tail}` };
  }

  /**
   * Puts an entry into the top-level list `section`: appended to it, written below an empty
   * `section:`, or as a new section at the end of the file.
   */
  appendToSection(section: string, fields: readonly (readonly [string, EditValue])[]): Splice {
    const root = this.root();
    const pair = this.pair(root, section);
    const indent = ' '.repeat(this.indentUnit());
    const block = (): string => fields.map(([k, v], index) => `${index === 0 ? `${indent}- ` : `${indent}  `}${this.scalar(k, false)}: ${this.valueText(v, false)}`).join(this.eol);
    if (!pair) {
      if (this.isFlow(root)) editFail(`${this.file} is a flow mapping; add \`${section}\` by hand`);
      const needsBreak = this.text.length > 0 && !this.text.endsWith('\n');
      const blank = this.text.length > 0 && !/(\r?\n){2}$/.test(this.text) ? this.eol : '';
      return { start: this.text.length, end: this.text.length, insert: `${needsBreak ? this.eol : ''}${blank}${section}:${this.eol}${block()}${this.eol}` };
    }
    const value = pair.value as Node | null;
    if (value !== null && isAlias(value)) editFail(`${this.file}: \`${section}\` is a YAML alias; edit it by hand`);
    if (value === null || (isScalar(value) && value.value === null)) {
      const keyEnd = (pair.key as Node).range?.[1] ?? editFail('internal: key without a range');
      const colon = this.text.indexOf(':', keyEnd);
      const nullEnd = value?.range ? value.range[1] : colon + 1;
      const lineEnd = this.lineEnd(Math.max(colon + 1, nullEnd));
      // `incidents: ~` or `incidents: null`: the token goes; an end-of-line comment stays.
      const removeNull = value?.range && value.source !== '' ? [{ start: value.range[0], end: value.range[1] }] : [];
      if (removeNull.length > 0) {
        const before = this.text.slice(colon + 1, removeNull[0].start);
        if (!/^[ \t]*$/.test(before)) editFail(`${this.file}: \`${section}\` cannot be extended here; edit it by hand`);
        const rest = this.text.slice(removeNull[0].end, lineEnd);
        return { start: colon + 1, end: lineEnd, insert: `${rest.trim() === '' ? '' : ` ${rest.trim()}`}${this.eol}${block()}` };
      }
      return { start: lineEnd, end: lineEnd, insert: `${this.eol}${block()}` };
    }
    if (!isSeq(value)) editFail(`${this.file}:${this.lineOf(value.range?.[0] ?? 0)}: \`${section}\` is not a list; fix it first`);
    return this.appendToSeq(value, fields);
  }

  /** The entry of a top-level list section whose `id` (or other key) is `id`. */
  findEntry(section: string, id: string, idKey = 'id'): YAMLMap | undefined {
    const root = this.root();
    const value = this.value(root, section);
    if (!value || !isSeq(value)) return undefined;
    return this.findIn(value, id, idKey);
  }

  findIn(seq: YAMLSeq, id: string, idKey = 'id'): YAMLMap | undefined {
    for (const item of seq.items) {
      if (isMap(item)) {
        const key = this.pair(item, idKey)?.value;
        if (isScalar(key) && String(key.value).normalize('NFC') === id.normalize('NFC')) return item;
      }
    }
    return undefined;
  }
}
