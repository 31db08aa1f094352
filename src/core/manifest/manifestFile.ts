import { isAlias, isCollection, isMap, isPair, isScalar, LineCounter, Pair, parseDocument, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type * as z from 'zod/mini';
import { didYouMean } from './didYouMean';
import type { Problem, Range } from '../problem';
import type { ProblemSink } from './problemSink';
import { describeValue, expectedText, knownKeys, schemaAt, unwrapSchema } from './schemaWalk';
import { YamlLocator } from './yamlLocator';
import type { YamlPath } from './yamlLocator';

export interface FileLimits {
  /** Files larger than this are not parsed at all. */
  readonly maxBytes: number;
  /** Deepest nesting of mappings and lists accepted. */
  readonly maxDepth: number;
  /** Alias expansions accepted when building the value (yaml's `maxAliasCount`). */
  readonly maxAliases: number;
}

export const defaultLimits: FileLimits = { maxBytes: 5 * 1024 * 1024, maxDepth: 64, maxAliases: 100 };

/**
 * One manifest file, parsed: the root mapping with unknown keys removed (absent when the file is
 * not a mapping at all), and the syntax problems that fall inside one section entry, so that the
 * entry (and only it) can be treated as invalid.
 */
export interface LoadedFile {
  readonly file: string;
  readonly locator: YamlLocator;
  readonly raw?: Record<string, unknown>;
  /** By entry key (`freezes/3`, `systems/payments`): the first syntax error inside that entry. */
  readonly entryErrors: ReadonlyMap<string, Problem>;
}

/** The key of a section entry in `LoadedFile.entryErrors`. */
export function entryKey(section: string, key: string | number): string {
  return `${section}/${key}`;
}

const startOfFile: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

const emptyableSections = ['include', 'systems', 'freezes', 'overrides', 'incidents', 'projects'];

/** Keys allowed only in the root file; in an included file they get their own message. */
const rootOnlyKeys = new Set(['timezone', 'hooks']);

/**
 * Parses one manifest file: size and nesting limits first (so hostile text never reaches the
 * YAML parser), then YAML, then unknown keys (warnings, removed). Syntax errors do not end the
 * read: the parser's best-effort tree is kept, and each error is tied to the section entry it lies
 * in, so a typo makes that entry invalid instead of hiding the whole file. The sections are
 * checked entry by entry afterwards (manifestEntries.ts).
 */
export function loadManifestFile(
  file: string,
  text: string,
  schema: z.ZodMiniType,
  sink: ProblemSink,
  limits: FileLimits,
): LoadedFile | undefined {
  if (utf8Length(text, limits.maxBytes) > limits.maxBytes) {
    sink.add('error', 'file-too-large', `file is larger than ${limits.maxBytes} bytes; it was not read`, file, startOfFile);
    return undefined;
  }
  const tooDeepAt = scanNesting(text, limits.maxDepth);
  if (tooDeepAt !== undefined) {
    const position = positionOf(text, tooDeepAt);
    sink.add('error', 'too-deep', `nesting deeper than ${limits.maxDepth} levels`, file, { start: position, end: position });
    return undefined;
  }
  const lines = new LineCounter();
  // Duplicate keys are found below in one pass: yaml's own check is quadratic in the size of a mapping.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const locator = new YamlLocator(doc, lines, text);
  const located: { offset: number; problem: Problem }[] = [];
  const error = (code: string, message: string, offset: number, range: Range): void => {
    const problem: Problem = { severity: 'error', code, message, file, range };
    sink.add('error', code, message, file, range);
    located.push({ offset, problem });
  };
  for (const yamlError of doc.errors) {
    if (yamlError.code === 'RESOURCE_EXHAUSTION') {
      sink.add('error', 'too-deep', firstLine(yamlError.message), file, locator.rangeOf(yamlError.pos[0], yamlError.pos[1]));
      return undefined;
    }
    const bareStar = yamlError.code === 'BAD_ALIAS' && text[yamlError.pos[0]] === '*';
    const message = bareStar
      ? 'YAML reads an unquoted `*` as an alias (a reference to an `&anchor`), not as text: write "*" in quotes to mean every system'
      : firstLine(yamlError.message);
    error(bareStar ? 'unquoted-star' : 'yaml-syntax', message, yamlError.pos[0], locator.rangeOf(yamlError.pos[0], yamlError.pos[1]));
  }
  for (const warning of doc.warnings) {
    sink.add('warning', 'yaml-syntax', firstLine(warning.message), file, locator.rangeOf(warning.pos[0], warning.pos[1]));
  }
  // The common case in one pass: no aliases, no duplicate keys, nothing too deep, plain mappings
  // and lists with scalar keys. Anything else takes the general path below, which reports it.
  const plain = plainValue(doc.contents ?? null, 1, limits.maxDepth);
  let raw: unknown;
  if (plain !== unusual) {
    raw = plain;
    locator.noAliases();
  } else {
    const general = generalValue(doc, file, sink, locator, limits, error);
    if (general === unusual) {
      return undefined;
    }
    raw = general;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    if (located.length === 0 || raw !== null) {
      const range = locator.nodeRange(doc.contents ?? undefined) ?? startOfFile;
      sink.add('error', 'wrong-type', `expected a mapping of sections (version, systems, freezes, …), got ${describeValue(raw)}`, file, range);
    }
    return { file, locator, entryErrors: new Map() };
  }
  const record = raw as Record<string, unknown>;
  // `incidents:` with nothing below it is a common way to say "none yet".
  for (const section of emptyableSections) {
    if (record[section] === null) {
      delete record[section];
    }
  }
  removeUnknownKeys(schema, raw, [], (path, key, allowed) => {
    const where = locator.keyRange([...path, key]);
    sink.add('warning', 'unknown-key', unknownKeyMessage(key, allowed, path.length === 0), file, where);
  });
  return { file, locator, raw: record, entryErrors: entryErrorsOf(doc, located) };
}

/** What `plainValue` returns when the document needs the general path. */
export const unusual: unique symbol = Symbol('unusual');

/**
 * The value yaml's `toJS` builds (scalars as composed, mappings as objects, lists as arrays),
 * built directly, or `unusual` when the tree holds anything else: an alias, a duplicate key, a
 * collection deeper than `limit`, a key that is not a string, number or boolean scalar (or
 * is `<<` or `__proto__`), a tagged collection (`!!set`, `!!omap`, …).
 */
export function plainValue(node: unknown, depth: number, limit: number): unknown {
  // Classes tested with instanceof: cheaper than yaml's isScalar/isMap, which read a symbol-keyed
  // property of every node; anything unexpected is `unusual` and the general path decides.
  if (node === null) {
    return null;
  }
  if (node instanceof Scalar) {
    return node.value;
  }
  if (depth > limit) {
    return unusual;
  }
  if (node instanceof YAMLMap) {
    if (node.constructor !== YAMLMap) {
      return unusual;
    }
    const map: Record<string, unknown> = {};
    const items = node.items as unknown[];
    for (let i = 0; i < items.length; i++) {
      const pair = items[i];
      if (!(pair instanceof Pair) || !(pair.key instanceof Scalar) || (pair.key as { addToJSMap?: unknown }).addToJSMap !== undefined) {
        return unusual;
      }
      const keyValue: unknown = pair.key.value;
      // As `checkTree` compares keys (their text), so that a duplicate is never missed here.
      const key = typeof keyValue === 'string' ? keyValue : typeof keyValue === 'number' || typeof keyValue === 'boolean' ? String(keyValue) : undefined;
      // Values are never undefined here, so only a defined one can be a duplicate (or inherited).
      if (key === undefined || key === '<<' || key === '__proto__' || (map[key] !== undefined && Object.prototype.hasOwnProperty.call(map, key))) {
        return unusual;
      }
      const value = plainValue(pair.value ?? null, depth + 1, limit);
      if (value === unusual) {
        return unusual;
      }
      map[key] = value;
    }
    return map;
  }
  if (node instanceof YAMLSeq) {
    if (node.constructor !== YAMLSeq) {
      return unusual;
    }
    const items = node.items as unknown[];
    const list: unknown[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = plainValue(items[i], depth + 1, limit);
      if (item === unusual) {
        return unusual;
      }
      list[i] = item;
    }
    return list;
  }
  return unusual;
}

/**
 * The value of a document `plainValue` could not build, with what made it unusual reported: too
 * deep, duplicate keys, a bare `*` alias read as the text "*", aliases expanding too much.
 * `unusual` when the file cannot be read further.
 */
function generalValue(
  doc: Document,
  file: string,
  sink: ProblemSink,
  locator: YamlLocator,
  limits: FileLimits,
  error: (code: string, message: string, offset: number, range: Range) => void,
): unknown {
  const shape = checkTree(doc.contents ?? undefined, limits.maxDepth);
  if (shape.tooDeep) {
    sink.add('error', 'too-deep', `nesting deeper than ${limits.maxDepth} levels`, file, locator.nodeRange(shape.tooDeep) ?? startOfFile);
    return unusual;
  }
  for (const key of shape.duplicateKeys) {
    const where = locator.nodeRange(key) ?? startOfFile;
    error('duplicate-key', `duplicate key \`${String((key as { value?: unknown }).value)}\`: keys of a mapping must be unique`, key.range?.[0] ?? 0, where);
  }
  // A bare `*` is an alias to nothing: read it as the text "*" (it was reported above), so that the
  // entry it is in keeps the scope its author meant.
  visit(doc, {
    Alias(_key, node) {
      return node.source === '' ? doc.createNode('*') : undefined;
    },
  });
  try {
    return doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (thrown) {
    const alias = findFirstAlias(doc.contents ?? undefined);
    const message = thrown instanceof ReferenceError
      ? `aliases expand too much (more than ${limits.maxAliases} expansions); write the values out`
      : `cannot build the value: ${String(thrown)}`;
    sink.add('error', 'too-many-aliases', message, file, locator.nodeRange(alias) ?? startOfFile);
    return unusual;
  }
}

/** Ties each located error to the section entry whose text holds it (the first error per entry). */
function entryErrorsOf(doc: Document, located: readonly { offset: number; problem: Problem }[]): Map<string, Problem> {
  const errors = new Map<string, Problem>();
  if (located.length === 0 || !isMap(doc.contents)) {
    return errors;
  }
  for (const pair of doc.contents.items) {
    const section = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const value = pair.value as Node | null;
    if (section === undefined || !isCollection(value)) {
      continue;
    }
    value.items.forEach((item: unknown, index: number) => {
      const [key, node] = isPair(item)
        ? [isScalar(item.key) ? String(item.key.value) : undefined, item]
        : [index, item as Node];
      const range = isPair(item) ? spanOf(item.key as Node | null, item.value as Node | null) : (item as Node | null)?.range;
      if (key === undefined || !range || !node) {
        return;
      }
      const inside = located.find(({ offset }) => offset >= range[0] && offset < Math.max(range[1], range[0] + 1));
      const entry = entryKey(section, key);
      if (inside && !errors.has(entry)) {
        errors.set(entry, inside.problem);
      }
    });
  }
  return errors;
}

function spanOf(key: Node | null, value: Node | null): readonly [number, number] | undefined {
  const start = key?.range?.[0] ?? value?.range?.[0];
  const end = value?.range?.[1] ?? key?.range?.[1];
  return start === undefined || end === undefined ? undefined : [start, end];
}

function unknownKeyMessage(key: string, allowed: readonly string[], atRoot: boolean): string {
  if (atRoot && rootOnlyKeys.has(key)) {
    return `\`${key}\` is only read in the root manifest; it is ignored in an included file`;
  }
  const suggestion = didYouMean(key, allowed);
  const hint = suggestion ? `did you mean \`${suggestion}\`?` : `expected one of ${allowed.join(', ')}`;
  return `unknown key \`${key}\` (ignored): ${hint}`;
}

/**
 * Walks the value along the schema; calls `report` for each key the schema does not know and
 * deletes it. `path` is the way down to `value`, pushed and popped in place (copied when reported).
 */
function removeUnknownKeys(
  schema: z.ZodMiniType,
  value: unknown,
  path: (string | number)[],
  report: (path: YamlPath, key: string, allowed: readonly string[]) => void,
): void {
  if (value === null || typeof value !== 'object') {
    return;
  }
  const walk = schemaWalkOf(schema);
  if (Array.isArray(value)) {
    const element = walk.element;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const child = element ?? walk.child(index);
      if (child && item !== null && typeof item === 'object') {
        path.push(index);
        removeUnknownKeys(child, item, path, report);
        path.pop();
      }
    }
    return;
  }
  const record = value as Record<string, unknown>;
  const allowed = walk.allowed;
  for (const key of Object.keys(record)) {
    if (allowed && !allowed.includes(key)) {
      report([...path], key, allowed);
      delete record[key];
      continue;
    }
    const item = record[key];
    if (item === null || typeof item !== 'object') {
      continue;
    }
    const child = walk.child(key);
    if (child) {
      path.push(key);
      removeUnknownKeys(child, item, path, report);
      path.pop();
    }
  }
}

interface SchemaWalk {
  readonly allowed: readonly string[] | undefined;
  /** The schema of every item, when the schema is a list. */
  readonly element: z.ZodMiniType | undefined;
  child(segment: string | number): z.ZodMiniType | undefined;
}

const schemaWalks = new WeakMap<z.ZodMiniType, SchemaWalk>();

/** `knownKeys` and `schemaAt` answers per schema, looked up once: large manifests ask them thousands of times. */
function schemaWalkOf(schema: z.ZodMiniType): SchemaWalk {
  let walk = schemaWalks.get(schema);
  if (!walk) {
    const children = new Map<string | number, z.ZodMiniType | undefined>();
    const def = unwrapSchema(schema)._zod.def as { type: string; valueType?: z.ZodMiniType };
    // A record's values share one schema: its keys (system ids) need no lookup each.
    const values = def.type === 'record' ? def.valueType : undefined;
    walk = {
      allowed: knownKeys(schema),
      element: def.type === 'array' ? schemaAt(schema, [0]) : undefined,
      child(segment) {
        if (values) {
          return values;
        }
        if (children.has(segment)) {
          return children.get(segment);
        }
        const child = schemaAt(schema, [segment]);
        // Field names repeat; record keys and list indexes are unbounded, so only some are kept.
        if (children.size < 256) {
          children.set(segment, child);
        }
        return child;
      },
    };
    schemaWalks.set(schema, walk);
  }
  return walk;
}

type Issue = z.core.$ZodIssue;

export function reportIssues(
  issues: readonly Issue[],
  prefix: readonly PropertyKey[],
  schema: z.ZodMiniType,
  raw: unknown,
  locator: Pick<YamlLocator, 'ownerRange' | 'valueRange' | 'keyRange'>,
  file: string,
  sink: ProblemSink,
): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path].filter((segment): segment is string | number => typeof segment !== 'symbol');
    const value = valueAt(raw, path);
    const expected = expectedText(schemaAt(schema, path));
    if (issue.code === 'invalid_union' && value !== undefined) {
      const branch = matchingBranch(issue.errors);
      if (branch) {
        reportIssues(branch, path, schema, raw, locator, file, sink);
        continue;
      }
    }
    if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
      const key = String(path[path.length - 1]);
      sink.add('error', 'missing-key', `missing \`${key}\`: expected ${expected}`, file, locator.ownerRange(path.slice(0, -1)));
    } else if (issue.code === 'invalid_value') {
      sink.add('error', 'invalid-value', `expected ${expected}, got ${describeValue(value)}`, file, locator.valueRange(path));
    } else if (issue.code === 'too_small' && typeof value === 'string') {
      const message = path[path.length - 1] === 'id'
        ? 'the id is empty: give the entry a short unique id (letters, digits, `-`), e.g. `holiday-2026`'
        : 'expected a non-empty string';
      sink.add('error', 'invalid-value', message, file, locator.valueRange(path));
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        sink.add('warning', 'unknown-key', `unknown key \`${key}\` (ignored)`, file, locator.keyRange([...path, key]));
      }
    } else if (issue.code === 'invalid_key') {
      sink.add('error', 'invalid-value', `invalid key: ${issue.message}`, file, locator.valueRange(path));
    } else if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      sink.add('error', 'wrong-type', `expected ${expected}, got ${describeValue(value)}`, file, locator.valueRange(path));
    } else {
      sink.add('error', 'invalid-value', issue.message, file, locator.valueRange(path));
    }
  }
}

/**
 * In a union (`"*"` or a list of ids; `block`/`warn` or a boolean) the member whose type matched
 * has issues only below the value; those say more than "expected X or Y".
 */
function matchingBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  return branches.find((issues) => issues.length > 0 && issues.every((issue) => issue.path.length > 0));
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** UTF-8 length, computed only when the answer could matter (UTF-16 length ≤ UTF-8 length). */
function utf8Length(text: string, limit: number): number {
  if (text.length > limit) {
    return text.length;
  }
  if (text.length * 3 <= limit) {
    return text.length;
  }
  return new TextEncoder().encode(text).length;
}

/**
 * A cheap look at nesting before the YAML parser sees the text: flow brackets (outside quotes and
 * comments) and compact `- - -` lists on one line are the ways to nest deeply in few bytes, and
 * the parser's recursion on them can exhaust memory. Returns the offset where `limit` is passed.
 */
function scanNesting(text: string, limit: number): number | undefined {
  // Character codes, not one-character strings: this runs over every byte before the parser does.
  let flow = 0;
  let compact = 0;
  let lineStart = true;
  let previous = newline;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === doubleQuote || char === singleQuote) {
      if (isSpaceCode(previous) || previous === openBracket || previous === openBrace || previous === comma || previous === colon) {
        i = quoteEnd(text, i, char);
        previous = char;
        continue;
      }
    } else if (char === newline) {
      lineStart = true;
      compact = 0;
      previous = char;
      continue;
    } else if (char === hash && isSpaceCode(previous)) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
      previous = text.charCodeAt(i);
      continue;
    } else if (char === openBracket || char === openBrace) {
      if (++flow > limit) {
        return i;
      }
      previous = char;
      continue;
    } else if ((char === closeBracket || char === closeBrace) && flow > 0) {
      flow--;
      previous = char;
      continue;
    } else if (lineStart && (char === dash || char === question) && isSpaceCode(i + 1 < text.length ? text.charCodeAt(i + 1) : newline)) {
      if (++compact > limit) {
        return i;
      }
      previous = char;
      continue;
    }
    if (char !== space && char !== tab) {
      lineStart = false;
    }
    previous = char;
  }
  return undefined;
}

const newline = 10;
const tab = 9;
const carriageReturn = 13;
const space = 32;
const doubleQuote = 34;
const hash = 35;
const singleQuote = 39;
const comma = 44;
const dash = 45;
const colon = 58;
const question = 63;
const openBracket = 91;
const backslash = 92;
const closeBracket = 93;
const openBrace = 123;
const closeBrace = 125;

function isSpaceCode(char: number): boolean {
  return char === space || char === newline || char === tab || char === carriageReturn;
}

/**
 * The index of the quote that closes the one at `open` (a backslash escapes the next character
 * in double quotes only), or the last index when it is never closed.
 */
function quoteEnd(text: string, open: number, quote: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === backslash && quote === doubleQuote) {
      i++;
    } else if (char === quote) {
      return i;
    }
  }
  return text.length - 1;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}

interface TreeShape {
  /** The first collection nested deeper than the limit. */
  readonly tooDeep?: Node;
  /** Keys that repeat an earlier key of the same mapping. */
  readonly duplicateKeys: Node[];
}

/** One iterative pass over the tree (aliases not followed): nesting depth and duplicate keys. */
function checkTree(root: Node | undefined, limit: number): TreeShape {
  const duplicateKeys: Node[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) {
      continue;
    }
    if (depth > limit) {
      return { tooDeep: node, duplicateKeys };
    }
    const keys = new Set<string>();
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const key = isScalar(item.key) ? String(item.key.value) : undefined;
        if (key !== undefined && keys.has(key)) {
          duplicateKeys.push(item.key as Node);
        }
        if (key !== undefined) {
          keys.add(key);
        }
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  duplicateKeys.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return { duplicateKeys };
}

function findFirstAlias(root: Node | undefined): Node | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      return node;
    }
    if (isCollection(node)) {
      for (const item of [...(node.items as unknown[])].reverse()) {
        stack.push(...(isPair(item) ? [item.value, item.key] : [item]));
      }
    }
  }
  return undefined;
}

