import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import type { Node, Pair } from 'yaml';
import type { Range } from '../problem';

/**
 * Where ids and globs are written in one manifest file (the root `ops.yaml` or an include): the
 * source positions behind go-to-definition, references, rename, hover, CodeLens, document symbols
 * and the warnings for globs that match nothing. Pure and tolerant: a file with errors yields what
 * can be read, and never throws.
 */

export type IdKind = 'system' | 'freeze';
export type EntryKind = 'system' | 'freeze' | 'incident' | 'project' | 'milestone' | 'override';

export interface IdOccurrence {
  readonly kind: IdKind;
  readonly id: string;
  /** The id's text, quotes left out (what a rename replaces). */
  readonly range: Range;
  readonly definition: boolean;
  /** Where it is written, e.g. `systems`, `dependsOn`, `freezes.systems`, `overrides.freeze`. */
  readonly context: string;
}

export type GlobField = 'paths' | 'exclude' | 'exempt' | 'override.paths';

export interface GlobOccurrence {
  /** The system, freeze or override (its freeze id) the glob belongs to. */
  readonly owner: string;
  readonly field: GlobField;
  readonly index: number;
  readonly glob: string;
  readonly range: Range;
}

export interface ManifestEntry {
  readonly kind: EntryKind;
  readonly id: string;
  /** The whole entry. */
  readonly range: Range;
  /** The id (or the entry's first line when it has no id). */
  readonly selection: Range;
  readonly children: readonly ManifestEntry[];
}

export interface ManifestSymbols {
  readonly ids: readonly IdOccurrence[];
  readonly globs: readonly GlobOccurrence[];
  readonly entries: readonly ManifestEntry[];
  readonly includes: readonly { readonly path: string; readonly range: Range }[];
}

const empty: ManifestSymbols = { ids: [], globs: [], entries: [], includes: [] };

export function indexManifestText(text: string): ManifestSymbols {
  let doc;
  const lines = new LineCounter();
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
  } catch {
    return empty;
  }
  const root = doc.contents;
  if (!isMap(root)) return empty;
  const position = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line: line - 1, column: col - 1 };
  };
  /** The text of a scalar without its quotes: what is replaced on rename. */
  const innerRange = (node: Scalar): Range | undefined => {
    if (!node.range) return undefined;
    const [start, end] = node.range;
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    // `range[1]` is where the value ends; trailing spaces of plain scalars are not part of it.
    let stop = end;
    while (stop > start && /\s/.test(text[stop - 1])) stop--;
    return quoted ? { start: position(start + 1), end: position(stop - 1) } : { start: position(start), end: position(stop) };
  };
  const entryRange = (pair: Pair | undefined, value: Node | null | undefined): Range | undefined => {
    const start = (pair?.key as Node | null | undefined)?.range?.[0] ?? value?.range?.[0];
    let end = value?.range?.[1] ?? (pair?.key as Node | null | undefined)?.range?.[1];
    if (start === undefined || end === undefined) return undefined;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return { start: position(start), end: position(end) };
  };

  const ids: IdOccurrence[] = [];
  const globs: GlobOccurrence[] = [];
  const entries: ManifestEntry[] = [];
  const includes: { path: string; range: Range }[] = [];

  const scalarText = (node: unknown): string | undefined => (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined);
  const id = (kind: IdKind, node: unknown, definition: boolean, context: string): void => {
    const value = scalarText(node);
    if (value === undefined || value === '' || (kind === 'system' && value === '*' && !definition)) return;
    const range = innerRange(node as Scalar);
    if (range !== undefined) ids.push({ kind, id: value, range, definition, context });
  };
  const idList = (kind: IdKind, node: unknown, context: string): void => {
    if (isSeq(node)) for (const item of node.items) id(kind, item, false, context);
    else if (isScalar(node)) id(kind, node, false, context);
  };
  const globList = (owner: string, field: GlobField, node: unknown): void => {
    if (!isSeq(node)) return;
    node.items.forEach((item, index) => {
      const glob = scalarText(item);
      const range = glob !== undefined ? innerRange(item as Scalar) : undefined;
      if (glob !== undefined && range !== undefined) globs.push({ owner, field, index, glob, range });
    });
  };
  const get = (map: unknown, key: string): unknown => (isMap(map) ? map.items.find((pair) => scalarText(pair.key) === key)?.value : undefined);
  const pairOf = (key: string): Pair | undefined => root.items.find((pair) => scalarText(pair.key) === key);
  const listEntries = (key: string, each: (item: Node, index: number) => void): void => {
    const section = pairOf(key)?.value;
    if (isSeq(section)) section.items.forEach((item, index) => each(item as Node, index));
  };
  const entry = (kind: EntryKind, name: string, node: Node, idNode: unknown, children: ManifestEntry[] = [], pair?: Pair): ManifestEntry | undefined => {
    const range = entryRange(pair, node);
    if (range === undefined) return undefined;
    const selection = (isScalar(idNode) ? innerRange(idNode) : undefined) ?? range;
    return { kind, id: name, range, selection, children };
  };

  const systems = pairOf('systems')?.value;
  if (isMap(systems)) {
    for (const pair of systems.items) {
      const name = scalarText(pair.key);
      if (name === undefined) continue;
      id('system', pair.key, true, 'systems');
      idList('system', get(pair.value, 'dependsOn'), 'dependsOn');
      globList(name, 'paths', get(pair.value, 'paths'));
      globList(name, 'exclude', get(pair.value, 'exclude'));
      const made = entry('system', name, pair.value as Node, pair.key, [], pair);
      if (made) entries.push(made);
    }
  }
  listEntries('freezes', (item) => {
    const idNode = get(item, 'id');
    const name = scalarText(idNode) ?? '(no id)';
    id('freeze', idNode, true, 'freezes');
    idList('system', get(item, 'systems'), 'freezes.systems');
    globList(name, 'exempt', get(item, 'exempt'));
    const made = entry('freeze', name, item, idNode);
    if (made) entries.push(made);
  });
  listEntries('overrides', (item) => {
    const freezeNode = get(item, 'freeze');
    id('freeze', freezeNode, false, 'overrides.freeze');
    globList(scalarText(freezeNode) ?? '(no freeze)', 'override.paths', get(item, 'paths'));
    const made = entry('override', scalarText(freezeNode) ?? '(no freeze)', item, freezeNode);
    if (made) entries.push(made);
  });
  listEntries('incidents', (item) => {
    const idNode = get(item, 'id');
    idList('system', get(item, 'systems'), 'incidents.systems');
    const made = entry('incident', scalarText(idNode) ?? '(no id)', item, idNode);
    if (made) entries.push(made);
  });
  listEntries('projects', (item) => {
    const idNode = get(item, 'id');
    idList('system', get(item, 'systems'), 'projects.systems');
    const children: ManifestEntry[] = [];
    const milestones = get(item, 'milestones');
    if (isSeq(milestones)) {
      for (const milestone of milestones.items) {
        const milestoneId = get(milestone, 'id');
        idList('system', get(milestone, 'systems'), 'milestones.systems');
        const made = entry('milestone', scalarText(milestoneId) ?? '(no id)', milestone as Node, milestoneId);
        if (made) children.push(made);
      }
    }
    const made = entry('project', scalarText(idNode) ?? '(no id)', item, idNode, children);
    if (made) entries.push(made);
  });
  const include = pairOf('include')?.value;
  if (isSeq(include)) {
    for (const item of include.items) {
      const value = scalarText(item);
      const range = isScalar(item) ? innerRange(item) : undefined;
      if (value !== undefined && range !== undefined) includes.push({ path: value, range });
    }
  }
  return { ids, globs, entries, includes };
}

/** The occurrence (id or glob) at a position, if any. */
export function idAt(symbols: ManifestSymbols, line: number, column: number): IdOccurrence | undefined {
  return symbols.ids.find((occurrence) => contains(occurrence.range, line, column));
}

function contains(range: Range, line: number, column: number): boolean {
  const after = line > range.start.line || (line === range.start.line && column >= range.start.column);
  const before = line < range.end.line || (line === range.end.line && column <= range.end.column);
  return after && before;
}

/** Ids as the manifest accepts them and a rename may write without quoting. */
export function isPlainId(text: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|~)$/i.test(text) && !/^[0-9.]+$/.test(text);
}
