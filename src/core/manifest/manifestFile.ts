import { isCollection, isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type * as z from 'zod/mini';
import { positionOf, scanNesting, utf8Length } from './fileLimits';
import type { FileLimits } from './fileLimits';
import type { Problem, Range } from '../problem';
import type { ProblemSink } from './problemSink';
import { removeUnknownKeys, unknownKeyMessage } from './schemaProblems';
import { describeValue } from './schemaWalk';
import { YamlLocator } from './yamlLocator';
import type { ManifestLocator } from './yamlLocator';
import { SpanLocator } from './yamlSpans';
import { readSubset } from './yamlSubset';
import { generalValue, plainValue, unusual } from './yamlValue';

/*
 * Reading one manifest file, by concept: limits (fileLimits.ts) → YAML and its value
 * (yamlValue.ts) → unknown keys and schema issues as located problems (schemaProblems.ts); this
 * file ties them together and ties syntax errors to the entries they lie in.
 */

/**
 * One manifest file, parsed: the root mapping with unknown keys removed (absent when the file is
 * not a mapping at all), and the syntax problems that fall inside one section entry, so that the
 * entry (and only it) can be treated as invalid.
 */
export interface LoadedFile {
  readonly file: string;
  readonly locator: ManifestLocator;
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
  const subset = limits.reader !== 'library' ? readSubset(text, limits.maxDepth) : undefined;
  if (subset) {
    // In the subset: no syntax errors, no aliases, no duplicate keys, a mapping at the root.
    const locator = new SpanLocator(subset.spans, text);
    return { file, locator, raw: checkedSections(subset.value, schema, locator, file, sink), entryErrors: new Map() };
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
  const record = checkedSections(raw as Record<string, unknown>, schema, locator, file, sink);
  return { file, locator, raw: record, entryErrors: entryErrorsOf(doc, located) };
}

/** Empty sections dropped, unknown keys reported (warnings) and removed. */
function checkedSections(
  record: Record<string, unknown>,
  schema: z.ZodMiniType,
  locator: ManifestLocator,
  file: string,
  sink: ProblemSink,
): Record<string, unknown> {
  // `incidents:` with nothing below it is a common way to say "none yet".
  for (const section of emptyableSections) {
    if (record[section] === null) {
      delete record[section];
    }
  }
  removeUnknownKeys(schema, record, [], (path, key, allowed) => {
    const where = locator.keyRange([...path, key]);
    sink.add('warning', 'unknown-key', unknownKeyMessage(key, allowed, path.length === 0), file, where);
  });
  return record;
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

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

