import { COLON, COMMA, declined, DQUOTE, plainEnd, plainScalarValue, quoted, RBRACE, RBRACKET, SPACE, SQUOTE } from './yamlScalars';
import type { ScalarRead } from './yamlScalars';
import { nodeKinds } from './yamlSpans';
import type { SpanTable } from './yamlSpans';

/*
 * The one-line flow collections of the subset reader (yamlSubset.ts), `[a, "b"]` and
 * `{ start: x, end: y }` of scalars, and the scalars and keys it reads on a line.
 */

/** A one-line flow list of scalars: `[a, "b", 'c']`. */
export function readFlowSeq(text: string, spans: SpanTable, open: number, id: number, depth: number, maxDepth: number): unknown[] {
  if (depth > maxDepth) {
    throw declined;
  }
  const list: unknown[] = [];
  spans.open(id, open, 2);
  let at = open + 1;
  let previous = -1;
  for (;;) {
    while (text.charCodeAt(at) === SPACE) {
      at++;
    }
    if (text.charCodeAt(at) === RBRACKET && list.length === 0) {
      spans.setEnd(id, at + 1);
      return list;
    }
    const item = readScalar(text, at, true);
    const itemId = spans.add();
    spans.open(itemId, item.start, 0);
    spans.setEnd(itemId, item.end);
    if (previous < 0) {
      spans.setFirst(id, itemId);
    } else {
      spans.setNext(previous, itemId);
    }
    previous = itemId;
    list.push(item.value);
    at = item.end;
    while (text.charCodeAt(at) === SPACE) {
      at++;
    }
    const code = text.charCodeAt(at);
    if (code === RBRACKET) {
      spans.setEnd(id, at + 1);
      return list;
    }
    if (code !== COMMA) {
      throw declined;
    }
    at++;
  }
}

/** A one-line flow mapping of scalars: `{ start: "0 17 * * 5", end: x }`. */
export function readFlowMap(text: string, spans: SpanTable, open: number, id: number, depth: number, maxDepth: number): Record<string, unknown> {
  if (depth > maxDepth) {
    throw declined;
  }
  const map: Record<string, unknown> = {};
  spans.open(id, open, nodeKinds.map);
  let at = skipSpaces(text, open + 1);
  if (text.charCodeAt(at) === RBRACE) {
    spans.setEnd(id, at + 1);
    return map;
  }
  let previous = -1;
  for (;;) {
    const code = text.charCodeAt(at);
    let key: ScalarRead;
    if (code === DQUOTE || code === SQUOTE) {
      key = quoted(text, at);
    } else {
      const end = plainEnd(text, at, true, true);
      key = { value: plainScalarValue(text.slice(at, end), true), start: at, end };
    }
    const colon = skipSpaces(text, key.end);
    if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE) {
      throw declined;
    }
    const checked = checkedKey(key.value, key.start, key.end, colon + 1);
    if (checked.text === '__proto__' || checked.text === '<<' || Object.prototype.hasOwnProperty.call(map, checked.text)) {
      throw declined;
    }
    const valueAt = skipSpaces(text, colon + 1);
    const value = readScalar(text, valueAt, true);
    const itemId = spans.add();
    spans.setKey(itemId, checked.start, checked.end, checked.text);
    spans.open(itemId, value.start, nodeKinds.scalar);
    spans.setEnd(itemId, value.end);
    if (previous < 0) {
      spans.setFirst(id, itemId);
    } else {
      spans.setNext(previous, itemId);
    }
    previous = itemId;
    map[checked.text] = value.value;
    at = skipSpaces(text, value.end);
    const next = text.charCodeAt(at);
    if (next === RBRACE) {
      spans.setEnd(id, at + 1);
      return map;
    }
    if (next !== COMMA) {
      throw declined;
    }
    at = skipSpaces(text, at + 1);
  }
}

export function skipSpaces(text: string, from: number): number {
  let at = from;
  while (text.charCodeAt(at) === SPACE) {
    at++;
  }
  return at;
}

/** A quoted or plain scalar starting at `at`, on one line. */
export function readScalar(text: string, at: number, inFlow: boolean): ScalarRead {
  const code = text.charCodeAt(at);
  if (code === DQUOTE || code === SQUOTE) {
    return quoted(text, at);
  }
  const end = plainEnd(text, at, inFlow, false);
  const source = text.slice(at, end);
  return { value: plainScalarValue(source, false), start: at, end };
}

export function checkedKey(value: unknown, start: number, end: number, after: number): { text: string; start: number; end: number; after: number } {
  // As plainValue (yamlValue.ts) turns keys into text; yaml limits implicit keys to 1024 characters.
  if (end - start > 1000 || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) {
    throw declined;
  }
  return { text: String(value), start, end, after };
}
