import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';
import type { z } from 'zod';
import type { Range } from './problem';
import type { YamlPath } from './yamlLocator';

/**
 * The fast path for a valid manifest file: js-yaml (several times faster than `yaml`'s CST) plus a
 * line scanner for the ranges of entries. It answers only when it is sure; on anything unusual it
 * throws `FastPathUnsure` and the caller reads the file the slow, fully located way.
 */
export class FastPathUnsure extends Error {}

/**
 * Same resolution of plain scalars as `yaml`'s default YAML 1.2 core schema: no timestamps, no
 * merge keys. One type per tag: js-yaml keeps only the last type of each tag.
 */
const coreSchema = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalarType('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T'),
    scalarType('int', /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/, constructInt),
    scalarType('float', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/, constructFloat),
  ],
});

function scalarType(name: string, pattern: RegExp, construct: (text: string) => unknown): Type {
  return new Type(`tag:yaml.org,2002:${name}`, {
    kind: 'scalar',
    resolve: (text: unknown) => typeof text === 'string' && pattern.test(text),
    construct: (text: string) => construct(text),
  });
}

function constructInt(text: string): number {
  if (text.startsWith('0o')) {
    return parseInt(text.substring(2), 8);
  }
  return text.startsWith('0x') ? parseInt(text.substring(2), 16) : parseInt(text, 10);
}

function constructFloat(text: string): number {
  return /inf|nan/i.test(text) ? specialFloat(text) : parseFloat(text);
}

function specialFloat(text: string): number {
  if (text.slice(-3).toLowerCase() === 'nan') {
    return NaN;
  }
  return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** Parses YAML text; throws `FastPathUnsure` on syntax errors, anchors/aliases or explicit tags. */
export function fastParseYaml(text: string, maxDepth: number): unknown {
  if (text.charCodeAt(0) === 0xfeff) {
    throw new FastPathUnsure('byte order mark');
  }
  let unusual = false;
  const listener = (event: string, state: { anchor: string | null }): void => {
    if (event === 'close' && state.anchor !== null && state.anchor !== undefined) {
      unusual = true;
    }
  };
  let value: unknown;
  try {
    value = load(text, { schema: coreSchema, listener, maxDepth } as unknown as Parameters<typeof load>[1]);
  } catch {
    throw new FastPathUnsure('js-yaml failed');
  }
  if (unusual) {
    throw new FastPathUnsure('anchors');
  }
  return value;
}

const placeholder: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

/**
 * Ranges of entries (systems, list items, milestones) found by the scanner. Other ranges are only
 * wanted for problems, and any problem sends the file down the slow path, so they are placeholders.
 */
export class FastLocator {
  constructor(private readonly entries: ReadonlyMap<string, Range>) {}

  entryRange(path: YamlPath): Range {
    const range = this.entries.get(path.join('\u0000'));
    if (!range) {
      throw new FastPathUnsure(`no range for ${path.join('.')}`);
    }
    return range;
  }

  valueRange(): Range {
    return placeholder;
  }

  keyRange(): Range {
    return placeholder;
  }
}

const listSections = ['freezes', 'overrides', 'incidents', 'projects'];

interface Line {
  readonly indent: number;
  /** The text without indentation and trailing whitespace. */
  readonly body: string;
}

/**
 * Finds the range of every entry in block-style sections and checks the scan against the parsed
 * value (`raw`, after zod): same keys in the same order, same number of items. Throws `FastPathUnsure`.
 */
export function scanEntryRanges(text: string, raw: Record<string, unknown>): Map<string, Range> {
  const lines = text.split('\n').map(toLine);
  const ranges = new Map<string, Range>();
  const sections = rootSections(lines);
  for (const [name, value] of Object.entries(raw)) {
    if (name !== 'systems' && !listSections.includes(name)) {
      continue;
    }
    const span = sections.get(name);
    const entries = span ? scanBlock(lines, span.from, span.to, name === 'systems' ? 'map' : 'list') : [];
    const expected = name === 'systems' ? Object.keys(value as object) : (value as unknown[]).map((_, index) => index);
    if (entries.length !== expected.length) {
      throw new FastPathUnsure(`${name}: scanned ${entries.length} entries, parsed ${expected.length}`);
    }
    entries.forEach((entry, index) => {
      if (name === 'systems' && entry.key !== expected[index]) {
        throw new FastPathUnsure(`systems: key ${entry.key} is not ${String(expected[index])}`);
      }
      ranges.set([name, expected[index]].join('\u0000'), entry.range);
      if (name === 'projects') {
        scanMilestones(lines, entry, (value as { milestones?: unknown[] }[])[index].milestones ?? [], index, ranges);
      }
    });
  }
  return ranges;
}

function toLine(raw: string): Line {
  const body = raw.trimEnd();
  const trimmed = body.trimStart();
  return { indent: body.length - trimmed.length, body: trimmed };
}

function isContent(line: Line): boolean {
  return line.body.length > 0 && !line.body.startsWith('#');
}

/** Block sections of the root mapping (keys at column 0): the lines below each key. */
function rootSections(lines: readonly Line[]): Map<string, { from: number; to: number }> {
  const sections = new Map<string, { from: number; to: number }>();
  let current: { name: string; from: number } | undefined;
  const close = (to: number): void => {
    if (current) {
      if (sections.has(current.name)) {
        throw new FastPathUnsure(`section ${current.name} twice`);
      }
      sections.set(current.name, { from: current.from, to });
    }
  };
  lines.forEach((line, index) => {
    if (!isContent(line) || line.indent > 0) {
      return;
    }
    close(index);
    const match = /^([A-Za-z]+):(.*)$/.exec(line.body);
    const name = match?.[1];
    if (match && name && (name === 'systems' || listSections.includes(name))) {
      // `systems: {}` written inline: no entries to locate (checked against the parsed value).
      current = match[2].trim() === '' ? { name, from: index + 1 } : undefined;
    } else {
      current = undefined;
    }
  });
  close(lines.length);
  return sections;
}

interface ScannedEntry {
  readonly key?: string;
  readonly range: Range;
  readonly startLine: number;
  /** The line after the entry. */
  readonly endLine: number;
  /** Column of the entry's mapping (after `- ` for list items). */
  readonly column: number;
}

/**
 * Entries of a block mapping or sequence between two lines. Conservative: anything that could
 * make the scanned range differ from the YAML node's (comments near the end, block scalars next
 * to comments, flow or empty items, odd keys) throws `FastPathUnsure`.
 */
function scanBlock(lines: readonly Line[], from: number, to: number, kind: 'map' | 'list', minIndent = -1): ScannedEntry[] {
  const starts: number[] = [];
  let indent = -1;
  let end = to;
  for (let index = from; index < to; index++) {
    const line = lines[index];
    if (!isContent(line)) {
      continue;
    }
    if (indent === -1) {
      indent = line.indent;
      if (indent <= minIndent && !(kind === 'list' && indent === minIndent && line.body.startsWith('-'))) {
        return [];
      }
    }
    if (line.indent < indent || (line.indent === indent && kind === 'list' && !line.body.startsWith('-'))) {
      // Only the next key of the enclosing mapping may end the block early; anything else is odd.
      if (line.indent !== minIndent) {
        throw new FastPathUnsure('a line less indented than the entries');
      }
      end = index;
      break;
    }
    if (line.indent === indent) {
      starts.push(index);
    }
  }
  return starts.map((start, i) => scanEntry(lines, start, i + 1 < starts.length ? starts[i + 1] : end, kind));
}

function scanEntry(lines: readonly Line[], start: number, next: number, kind: 'map' | 'list'): ScannedEntry {
  const first = lines[start];
  let column = first.indent;
  let key: string | undefined;
  if (kind === 'list') {
    const item = /^-( +)(.)/.exec(first.body);
    if (!item || item[2] === '{' || item[2] === '[' || item[2] === '#' || item[2] === '|' || item[2] === '>' || item[2] === '&') {
      throw new FastPathUnsure('unusual list item');
    }
    column += 1 + item[1].length;
  } else {
    key = plainKey(first.body);
  }
  let last = start;
  let comments = false;
  let blockScalar = false;
  for (let index = start; index < next; index++) {
    const line = lines[index];
    if (isContent(line)) {
      last = index;
      // Over-eager on purpose: any `|` or `>` counts, so block scalars are never missed.
      blockScalar ||= line.body.includes('|') || line.body.includes('>');
    } else if (line.body.startsWith('#')) {
      comments = true;
      if (/["']/.test(line.body)) {
        throw new FastPathUnsure('quote in a comment line');
      }
    }
  }
  const lastBody = lines[last].body;
  if ((lastBody.includes('#') && (last === start || !plainValueWithComment.test(lastBody))) || (blockScalar && comments)) {
    throw new FastPathUnsure('comment where the range could end');
  }
  const range = { start: { line: start, column }, end: { line: last, column: lines[last].indent + lines[last].body.length } };
  return { key, range, startLine: start, endLine: last + 1, column };
}

/**
 * `key: plain value  # comment` on the last line of a block mapping: the YAML node's range ends
 * after the comment, as the scanned range does. Other lines ending in a comment are left to the slow path.
 */
const plainValueWithComment = /^(?:- +)?[A-Za-z0-9_][\w.\-/@]*:\s+[^\s"'[\]{}|>&*!#%@`,?:-][^#]*?\s#.*$/;

/** The text of a simple key (`name:` or `"name":` without escapes); throws `FastPathUnsure` on others. */
function plainKey(body: string): string {
  const match = /^(?:([A-Za-z0-9_][A-Za-z0-9_.\-/@]*)|"([^"\\]*)"|'([^']*)')\s*:(?:\s|$)/.exec(body);
  if (!match) {
    throw new FastPathUnsure('unusual key');
  }
  return match[1] ?? match[2] ?? match[3];
}

function scanMilestones(lines: readonly Line[], project: ScannedEntry, milestones: readonly unknown[], index: number, ranges: Map<string, Range>): void {
  let entries: ScannedEntry[] = [];
  for (let line = project.startLine; line < project.endLine; line++) {
    const current = lines[line];
    const at = line === project.startLine ? project.column : current.indent;
    const body = line === project.startLine ? current.body.slice(project.column - current.indent) : current.body;
    if (at === project.column && /^milestones\s*:/.test(body)) {
      if (!/^milestones\s*:$/.test(body)) {
        throw new FastPathUnsure('milestones written inline');
      }
      entries = scanBlock(lines, line + 1, project.endLine, 'list', project.column);
      break;
    }
  }
  if (entries.length !== milestones.length) {
    throw new FastPathUnsure(`project ${index}: scanned ${entries.length} milestones, parsed ${milestones.length}`);
  }
  entries.forEach((entry, j) => ranges.set(['projects', index, 'milestones', j].join('\u0000'), entry.range));
}

/** The value as the schema gives it; throws `FastPathUnsure` on any issue (the slow path locates them). */
export function fastValidate<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new FastPathUnsure('schema issues');
  }
  return result.data;
}
