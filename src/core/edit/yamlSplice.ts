import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { editFail } from './editRefusal';
import { YamlText } from './yamlText';

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

/** Applies splices (non-overlapping; any order) to `text`. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const splice of sorted) {
    if (splice.end > limit) editFail({ code: 'internal', detail: 'overlapping edits' });
    result = result.slice(0, splice.start) + splice.insert + result.slice(splice.end);
    limit = splice.start;
  }
  return result;
}

/** A value written into the file: text, a list of texts (written as a flow list), or a map of those. */
export type EditValue = string | readonly string[];

/** One parsed file, with what is needed to splice it: where things are (YamlText), and the splices that edit them. */
export class YamlFile extends YamlText {
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
      if (isAlias(node)) editFail({ code: 'yaml-alias', file: this.file, line: this.lineOf(node.range?.[0] ?? 0), key });
      if (!isScalar(node)) editFail({ code: 'not-a-single-value', file: this.file, line: this.lineOf(node.range?.[0] ?? 0), key });
      const range = node.range ?? editFail({ code: 'internal', detail: 'scalar without a range' });
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
    const range = map.range ?? editFail({ code: 'internal', detail: 'map without a range' });
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
    if (!anchor) editFail({ code: 'empty-block-mapping', file: this.file });
    const keyStart = (anchor.key as Node).range?.[0] ?? editFail({ code: 'internal', detail: 'key without a range' });
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
    const afterKey = key.range?.[1] ?? editFail({ code: 'internal', detail: 'key without a range' });
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
    const range = seq.range ?? editFail({ code: 'internal', detail: 'sequence without a range' });
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
    const last = items[items.length - 1] ?? editFail({ code: 'empty-block-sequence', file: this.file });
    const first = items[0];
    const itemStart = first.range?.[0] ?? editFail({ code: 'internal', detail: 'item without a range' });
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
      if (this.isFlow(root)) editFail({ code: 'flow-mapping-root', file: this.file, section });
      const needsBreak = this.text.length > 0 && !this.text.endsWith('\n');
      const blank = this.text.length > 0 && !/(\r?\n){2}$/.test(this.text) ? this.eol : '';
      return { start: this.text.length, end: this.text.length, insert: `${needsBreak ? this.eol : ''}${blank}${section}:${this.eol}${block()}${this.eol}` };
    }
    const value = pair.value as Node | null;
    if (value !== null && isAlias(value)) editFail({ code: 'section-alias', file: this.file, section });
    if (value === null || (isScalar(value) && value.value === null)) {
      const keyEnd = (pair.key as Node).range?.[1] ?? editFail({ code: 'internal', detail: 'key without a range' });
      const colon = this.text.indexOf(':', keyEnd);
      const nullEnd = value?.range ? value.range[1] : colon + 1;
      const lineEnd = this.lineEnd(Math.max(colon + 1, nullEnd));
      // `incidents: ~` or `incidents: null`: the token goes; an end-of-line comment stays.
      const removeNull = value?.range && value.source !== '' ? [{ start: value.range[0], end: value.range[1] }] : [];
      if (removeNull.length > 0) {
        const before = this.text.slice(colon + 1, removeNull[0].start);
        if (!/^[ \t]*$/.test(before)) editFail({ code: 'section-not-extendable', file: this.file, section });
        const rest = this.text.slice(removeNull[0].end, lineEnd);
        return { start: colon + 1, end: lineEnd, insert: `${rest.trim() === '' ? '' : ` ${rest.trim()}`}${this.eol}${block()}` };
      }
      return { start: lineEnd, end: lineEnd, insert: `${this.eol}${block()}` };
    }
    if (!isSeq(value)) editFail({ code: 'section-not-a-list', file: this.file, line: this.lineOf(value.range?.[0] ?? 0), section });
    return this.appendToSeq(value, fields);
  }
}
