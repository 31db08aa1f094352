import { isScalar, parseDocument } from 'yaml';
import type { ScalarTag } from 'yaml';

/*
 * The scalars of the subset reader (yamlSubset.ts): one-line plain and quoted scalars, resolved
 * by the core schema's own tags as the yaml library resolves them, and the character classes the
 * reader decides by. What it cannot be sure of throws `declined`.
 */

/** Thrown (one instance, never shown) when the text leaves the subset: the yaml library reads it. */
class Declined extends Error {}

export const declined = new Declined('outside the YAML subset');
/** The same options manifestFile.ts gives `parseDocument`, so the same schema resolves scalars. */
const schemaSource = parseDocument('', { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
const scalarTags = (schemaSource.schema.tags as ScalarTag[]).filter((tag) => tag.default === true && tag.test !== undefined);
const keyTags = (schemaSource.schema.tags as ScalarTag[]).filter((tag) => (tag.default === true || tag.default === 'key') && tag.test !== undefined);
const resolveOptions = schemaSource.options;
/** The core schema's value of a plain scalar, as yaml's composer finds it (the first default tag whose test matches). */
export function plainScalarValue(source: string, atKey: boolean): unknown {
  const first = source.length === 0 ? 0 : source.charCodeAt(0);
  // Only these first characters can start a null, bool, int or float of the core schema.
  if (source.length > 0 && !isNumberStart(first) && first !== 0x7e && first !== 0x6e && first !== 0x4e
    && first !== 0x74 && first !== 0x54 && first !== 0x66 && first !== 0x46) {
    return source;
  }
  const tags = atKey ? keyTags : scalarTags;
  for (const tag of tags) {
    if (tag.test!.test(source)) {
      let failed = false;
      const value = tag.resolve(source, () => { failed = true; }, resolveOptions);
      // Some tags resolve to a Scalar node (bool), as the composer accepts.
      const resolved: unknown = isScalar(value) ? value.value : value;
      if (failed || (typeof resolved === 'object' && resolved !== null)) {
        throw declined;
      }
      return resolved;
    }
  }
  return source;
}

function isNumberStart(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e;
}

export const NL = 10;
export const SPACE = 32;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
export const COMMA = 44;
export const DQUOTE = 34;
export const SQUOTE = 39;
export const LBRACKET = 91;
export const RBRACKET = 93;
export const LBRACE = 123;
export const RBRACE = 125;
const BACKSLASH = 92;
export const DOT = 46;

/** Characters that cannot start a plain scalar here (YAML indicators); `-` is checked apart. */
function isIndicator(code: number): boolean {
  switch (code) {
    case 0x3f: case COLON: case COMMA: case LBRACKET: case RBRACKET: case LBRACE: case RBRACE: case HASH:
    case 0x26: case 0x2a: case 0x21: case 0x7c: case 0x3e: case SQUOTE: case DQUOTE: case 0x25: case 0x40: case 0x60:
      return true;
    default:
      return false;
  }
}

/** A scalar read from the text: its value and where its text starts and ends. */
export interface ScalarRead {
  readonly value: unknown;
  readonly start: number;
  readonly end: number;
}

/** A one-line quoted scalar; double quotes without escapes. */
export function quoted(text: string, open: number): ScalarRead {
  const quote = text.charCodeAt(open);
  let value = '';
  let from = open + 1;
  for (let at = open + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === NL || (code === BACKSLASH && quote === DQUOTE)) {
      throw declined;
    }
    if (code === quote) {
      if (quote === SQUOTE && text.charCodeAt(at + 1) === SQUOTE) {
        value += text.slice(from, at + 1);
        from = at + 2;
        at++;
        continue;
      }
      value += text.slice(from, at);
      return { value, start: open, end: at + 1 };
    }
  }
  throw declined;
}

/**
 * Where a plain scalar starting at `at` ends (trailing spaces excluded): before ` #`, the line's
 * end, a `: ` (a key) and, in a flow list, `,` or `]`. Declines what it cannot be sure of.
 */
export function plainEnd(text: string, at: number, inFlow: boolean, atKey: boolean): number {
  const first = text.charCodeAt(at);
  if (at >= text.length || first === NL || first === SPACE || isIndicator(first)
    || ((first === DASH) && isSpaceOrEnd(text, at + 1))) {
    throw declined;
  }
  let last = at;
  for (let i = at; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NL) {
      break;
    }
    if (code === SPACE) {
      if (text.charCodeAt(i + 1) === HASH) {
        if (inFlow) {
          throw declined;
        }
        break;
      }
      continue;
    }
    if (code === COLON) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : NL;
      if (next === SPACE || next === NL || (inFlow && (next === COMMA || next === RBRACKET || next === RBRACE))) {
        if (atKey && (next === SPACE || (next === NL && !inFlow))) {
          return last + 1;
        }
        throw declined;
      }
    }
    if (inFlow) {
      if (code === COMMA || code === RBRACKET || code === RBRACE) {
        break;
      }
      if (code === LBRACKET || code === LBRACE) {
        throw declined;
      }
    }
    last = i;
  }
  if (atKey) {
    throw declined;
  }
  return last + 1;
}

/** Whether `at` is a space, a newline or the end of the text. */
export function isSpaceOrEnd(text: string, at: number): boolean {
  if (at >= text.length) {
    return true;
  }
  const code = text.charCodeAt(at);
  return code === SPACE || code === NL;
}
