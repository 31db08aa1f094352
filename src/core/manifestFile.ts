import { isAlias, isCollection, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { z } from 'zod';
import { didYouMean } from './didYouMean';
import { fastParseYaml, FastLocator, FastPathUnsure, fastValidate, scanEntryRanges } from './fastYaml';
import type { Range } from './problem';
import type { ProblemSink } from './problemSink';
import { describeValue, expectedText, knownKeys, schemaAt } from './schemaWalk';
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

/** One manifest file, parsed and checked against its schema. `data` is absent when it did not fit. */
export interface LoadedFile<T> {
  readonly file: string;
  readonly locator: YamlLocator;
  readonly data?: T;
  /** The raw value (unknown keys removed), for a best-effort look at `include` when `data` is absent. */
  readonly raw: unknown;
}

const startOfFile: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

const emptyableSections = ['include', 'systems', 'freezes', 'overrides', 'incidents', 'projects'];

/** Keys allowed only in the root file; in an included file they get their own message. */
const rootOnlyKeys = new Set(['timezone', 'hooks']);

/**
 * Parses one manifest file: size and nesting limits first (so hostile text never reaches the
 * YAML parser), then YAML, then unknown keys (warnings, removed), then the schema.
 */
export function loadManifestFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  sink: ProblemSink,
  limits: FileLimits,
): LoadedFile<z.output<S>> | undefined {
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
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const locator = new YamlLocator(doc, lines, text);
  for (const error of doc.errors) {
    sink.add('error', yamlErrorCode(error.code), firstLine(error.message), file, locator.rangeOf(error.pos[0], error.pos[1]));
  }
  for (const warning of doc.warnings) {
    sink.add('warning', 'yaml-syntax', firstLine(warning.message), file, locator.rangeOf(warning.pos[0], warning.pos[1]));
  }
  if (doc.errors.length > 0) {
    return undefined;
  }
  const shape = checkTree(doc.contents ?? undefined, limits.maxDepth);
  if (shape.tooDeep) {
    sink.add('error', 'too-deep', `nesting deeper than ${limits.maxDepth} levels`, file, locator.nodeRange(shape.tooDeep) ?? startOfFile);
    return undefined;
  }
  for (const key of shape.duplicateKeys) {
    const where = locator.nodeRange(key) ?? startOfFile;
    sink.add('error', 'duplicate-key', `duplicate key \`${String((key as { value?: unknown }).value)}\`: keys of a mapping must be unique`, file, where);
  }
  if (shape.duplicateKeys.length > 0) {
    return undefined;
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (error) {
    const alias = findFirstAlias(doc.contents ?? undefined);
    const message = error instanceof ReferenceError
      ? `aliases expand too much (more than ${limits.maxAliases} expansions); write the values out`
      : `cannot build the value: ${String(error)}`;
    sink.add('error', 'too-many-aliases', message, file, locator.nodeRange(alias) ?? startOfFile);
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const range = locator.nodeRange(doc.contents ?? undefined) ?? startOfFile;
    sink.add('error', 'wrong-type', `expected a mapping of sections (version, systems, freezes, …), got ${describeValue(raw)}`, file, range);
    return { file, locator, raw: undefined };
  }
  // `incidents:` with nothing below it is a common way to say "none yet".
  for (const section of emptyableSections) {
    if ((raw as Record<string, unknown>)[section] === null) {
      delete (raw as Record<string, unknown>)[section];
    }
  }
  removeUnknownKeys(schema, raw, [], (path, key, allowed) => {
    const where = locator.keyRange([...path, key]);
    sink.add('warning', 'unknown-key', unknownKeyMessage(key, allowed, path.length === 0), file, where);
  });
  const result = schema.safeParse(raw);
  if (!result.success) {
    reportIssues(result.error.issues, [], schema, raw, locator, file, sink);
    return { file, locator, raw };
  }
  return { file, locator, data: result.data, raw };
}

/**
 * The fast path of `loadManifestFile` for a file with no problem at all: the same value and the
 * ranges of its entries, or `FastPathUnsure` thrown whenever the slow path might say anything.
 */
export function fastLoadManifestFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  limits: FileLimits,
): { file: string; locator: FastLocator; data: z.output<S>; raw: unknown } {
  if (utf8Length(text, limits.maxBytes) > limits.maxBytes) {
    throw new FastPathUnsure('file too large');
  }
  const raw = fastParseYaml(text, limits.maxDepth);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new FastPathUnsure('not a mapping');
  }
  for (const section of emptyableSections) {
    if ((raw as Record<string, unknown>)[section] === null) {
      delete (raw as Record<string, unknown>)[section];
    }
  }
  removeUnknownKeys(schema, raw, [], () => {
    throw new FastPathUnsure('unknown key');
  });
  const data = fastValidate(schema, raw);
  const locator = new FastLocator(scanEntryRanges(text, data as Record<string, unknown>));
  return { file, locator, data, raw };
}

function unknownKeyMessage(key: string, allowed: readonly string[], atRoot: boolean): string {
  if (atRoot && rootOnlyKeys.has(key)) {
    return `\`${key}\` is only read in the root manifest; it is ignored in an included file`;
  }
  const suggestion = didYouMean(key, allowed);
  const hint = suggestion ? `did you mean \`${suggestion}\`?` : `expected one of ${allowed.join(', ')}`;
  return `unknown key \`${key}\` (ignored): ${hint}`;
}

/** Walks the value along the schema; calls `report` for each key the schema does not know and deletes it. */
function removeUnknownKeys(
  schema: z.ZodType,
  value: unknown,
  path: YamlPath,
  report: (path: YamlPath, key: string, allowed: readonly string[]) => void,
): void {
  if (value === null || typeof value !== 'object') {
    return;
  }
  const walk = schemaWalkOf(schema);
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const child = walk.child(index);
      if (child) {
        removeUnknownKeys(child, item, [...path, index], report);
      }
    });
    return;
  }
  const record = value as Record<string, unknown>;
  const allowed = walk.allowed;
  for (const key of Object.keys(record)) {
    if (allowed && !allowed.includes(key)) {
      report(path, key, allowed);
      delete record[key];
      continue;
    }
    const child = walk.child(key);
    if (child) {
      removeUnknownKeys(child, record[key], [...path, key], report);
    }
  }
}

interface SchemaWalk {
  readonly allowed: readonly string[] | undefined;
  child(segment: string | number): z.ZodType | undefined;
}

const schemaWalks = new WeakMap<z.ZodType, SchemaWalk>();

/** `knownKeys` and `schemaAt` answers per schema, looked up once: large manifests ask them thousands of times. */
function schemaWalkOf(schema: z.ZodType): SchemaWalk {
  let walk = schemaWalks.get(schema);
  if (!walk) {
    const children = new Map<string | number, z.ZodType | undefined>();
    walk = {
      allowed: knownKeys(schema),
      child(segment) {
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

function reportIssues(
  issues: readonly Issue[],
  prefix: readonly PropertyKey[],
  schema: z.ZodType,
  raw: unknown,
  locator: YamlLocator,
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
      sink.add('error', 'invalid-value', 'expected a non-empty string', file, locator.valueRange(path));
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

function yamlErrorCode(code: string): string {
  return code === 'RESOURCE_EXHAUSTION' ? 'too-deep' : 'yaml-syntax';
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
export function scanNesting(text: string, limit: number): number | undefined {
  let flow = 0;
  let compact = 0;
  let lineStart = true;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\' && quote === '"') {
        i++;
      } else if (char === quote) {
        quote = undefined;
      }
      continue;
    }
    const previous = i === 0 ? '\n' : text[i - 1];
    const atTokenStart = isSpace(previous) || previous === '[' || previous === '{' || previous === ',' || previous === ':';
    if (char === '\n') {
      lineStart = true;
      compact = 0;
      continue;
    }
    if (char === '#' && isSpace(previous)) {
      while (i + 1 < text.length && text[i + 1] !== '\n') {
        i++;
      }
      continue;
    }
    if ((char === '"' || char === "'") && atTokenStart) {
      quote = char;
    } else if (char === '[' || char === '{') {
      if (++flow > limit) {
        return i;
      }
    } else if ((char === ']' || char === '}') && flow > 0) {
      flow--;
    } else if (lineStart && (char === '-' || char === '?') && isSpace(text[i + 1] ?? '\n')) {
      if (++compact > limit) {
        return i;
      }
    } else if (char !== ' ' && char !== '\t') {
      lineStart = false;
    }
  }
  return undefined;
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\t' || char === '\r';
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

