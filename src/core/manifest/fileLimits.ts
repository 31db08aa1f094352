/**
 * The limits a manifest file is checked against before the YAML parser sees it (manifestFile.ts):
 * its size in UTF-8 and a cheap scan of its nesting, so hostile text never reaches the parser.
 */

export interface FileLimits {
  /** Files larger than this are not parsed at all. */
  readonly maxBytes: number;
  /** Deepest nesting of mappings and lists accepted. */
  readonly maxDepth: number;
  /** Alias expansions accepted when building the value (yaml's `maxAliasCount`). */
  readonly maxAliases: number;
  /**
   * Which reader reads the files: the subset reader with the yaml library behind it (the default),
   * or the library alone (`library`, for the benchmark and for diagnosis). Both give the same
   * values, problems and ranges.
   */
  readonly reader?: 'subset' | 'library';
}

export const defaultLimits: FileLimits = { maxBytes: 5 * 1024 * 1024, maxDepth: 64, maxAliases: 100 };

/** UTF-8 length, computed only when the answer could matter (UTF-16 length ≤ UTF-8 length). */
export function utf8Length(text: string, limit: number): number {
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

export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}
