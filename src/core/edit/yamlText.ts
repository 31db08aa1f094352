import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { editFail } from './editRefusal';

/**
 * A YAML file read for editing: its nodes found with the `yaml` library, and where they are in the
 * text (lines, columns, the end of a node's content, flow or block, the indentation in use). The
 * edits themselves are splices (yamlSplice.ts, YamlFile extends this).
 */

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

/** One parsed file and where its nodes are. */
export class YamlText {
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
  protected get version(): '1.1' | '1.2' {
    return this.doc.directives?.yaml.version === '1.1' ? '1.1' : '1.2';
  }

  /** The top-level mapping. */
  root(): YAMLMap {
    const contents = this.doc.contents;
    if (!isMap(contents)) editFail({ code: 'not-a-mapping', file: this.file });
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
    if (isAlias(value)) editFail({ code: 'yaml-alias', file: this.file, line: this.lineOf(value.range?.[0] ?? 0), key });
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
    const range = node.range ?? editFail({ code: 'internal', detail: 'node without a range' });
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
