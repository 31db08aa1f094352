/**
 * Matching one brace-free glob alternative against one path without backtracking regular
 * expressions, with a proven bound: O(pattern length × path length) steps.
 *
 * The path is split into segments. A set-of-states simulation walks the path one segment at a time;
 * a state is "the first i glob segments have matched the path so far". Each (glob segment, path
 * segment) pair is tried at most once, and trying a pair costs at most
 * O(glob segment length × path segment length) (see `segmentMatches`), so the total is bounded by
 * the product of the two lengths.
 */

/** One character position of a glob segment. */
type Token =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'star' }
  | { readonly kind: 'class'; readonly negated: boolean; readonly singles: string; readonly ranges: readonly (readonly [string, string])[] };

/** A glob segment, compiled: `**` (any number of whole segments) or tokens within one name. */
type Segment = { readonly globstar: true } | { readonly globstar: false; readonly literal?: string; readonly tokens: readonly Token[] };

/** How the end of a match relates to the end of the path. */
export type GlobTail =
  /** The pattern may end at any segment boundary: it also matches everything below what it names. */
  | 'prefix'
  /** A directory pattern (`docs/`): something must follow. */
  | 'directory'
  /** The pattern must consume the whole path (CODEOWNERS' shallow final `*`). */
  | 'exact';

export interface SegmentMatcher {
  (path: string): boolean;
}

/**
 * Compiles glob segments (already split on '/', consecutive `**` collapsed, a leading `**` dropped
 * when `floating`) into a matcher. `floating`: the match may start at any path segment.
 */
export function compileSegments(segments: readonly string[], floating: boolean, tail: GlobTail): SegmentMatcher {
  const compiled = segments.map(compileSegment);
  const count = compiled.length;
  return (path: string): boolean => {
    const names = path.split('/');
    const length = names.length;
    // seen[j * (count + 1) + i]: state i already reached before path segment j.
    const seen = new Uint8Array((length + 1) * (count + 1));
    let current: number[] = [];
    const add = (into: number[], j: number, i: number): void => {
      const key = j * (count + 1) + i;
      if (seen[key] === 0) {
        seen[key] = 1;
        into.push(i);
      }
    };
    for (let j = 0; j <= length; j++) {
      if (j === 0 || (floating && j < length)) {
        add(current, j, 0);
      }
      const next: number[] = [];
      // `current` grows while it is read: a middle `**` may also match zero segments.
      for (let k = 0; k < current.length; k++) {
        const i = current[k];
        if (i === count) {
          if (j > 0 && (tail === 'prefix' || (tail === 'directory' ? j < length : j === length))) {
            return true;
          }
          continue;
        }
        const segment = compiled[i];
        if (segment.globstar) {
          if (i < count - 1) {
            add(current, j, i + 1);
          }
          if (j < length) {
            add(next, j + 1, i);
            if (i === count - 1 && names[j] !== '') {
              add(next, j + 1, i + 1);
            }
          }
        } else if (j < length && segmentMatches(segment, names[j])) {
          add(next, j + 1, i + 1);
        }
      }
      current = next;
      if (current.length === 0 && !floating) {
        return false;
      }
    }
    return false;
  };
}

function compileSegment(segment: string): Segment {
  if (segment === '**') {
    return { globstar: true };
  }
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i];
    if (char === '*') {
      while (segment[i + 1] === '*') {
        i++;
      }
      tokens.push({ kind: 'star' });
    } else if (char === '?') {
      tokens.push({ kind: 'any' });
    } else if (char === '[') {
      const end = classEnd(segment, i);
      if (end < 0) {
        tokens.push({ kind: 'char', char });
        continue;
      }
      tokens.push(compileClass(segment.slice(i + 1, end)));
      i = end;
    } else {
      tokens.push({ kind: 'char', char });
    }
  }
  const literal = tokens.every((token) => token.kind === 'char') ? segment : undefined;
  return { globstar: false, tokens, ...(literal !== undefined ? { literal } : {}) };
}

/** Index of the ']' closing the class opened at `open`, or -1. A ']' right after '[' or '[!' is a member. */
export function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '!' || pattern[i] === '^') {
    i++;
  }
  if (pattern[i] === ']') {
    i++;
  }
  return pattern.indexOf(']', i);
}

function compileClass(body: string): Token {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = negated ? body.slice(1) : body;
  let singles = '';
  const ranges: [string, string][] = [];
  let i = 0;
  while (i < members.length) {
    if (members[i + 1] === '-' && i + 2 < members.length) {
      ranges.push([members[i], members[i + 2]]);
      i += 3;
    } else {
      singles += members[i];
      i++;
    }
  }
  return { kind: 'class', negated, singles, ranges };
}

function tokenMatches(token: Token, char: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === char;
    case 'any':
      return true;
    case 'star':
      return true;
    case 'class': {
      const member = token.singles.includes(char) || token.ranges.some(([low, high]) => low <= char && char <= high);
      return member !== token.negated;
    }
  }
}

/**
 * Whether one glob segment matches one name (no '/' in either). Greedy with a single restart
 * point: on a mismatch, go back to just after the last `*` and let it take one more character.
 * Every token other than `*` matches exactly one character, so an earlier `*` never needs to
 * take more: the last one can absorb it. Each restart advances the name position the `*` starts
 * from, so the work is at most O(tokens × name length).
 */
function segmentMatches(segment: Segment & { globstar: false }, name: string): boolean {
  if (segment.literal !== undefined) {
    return segment.literal === name;
  }
  const tokens = segment.tokens;
  let t = 0;
  let n = 0;
  let starToken = -1;
  let starName = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind === 'star') {
      starToken = t;
      starName = n;
      t++;
    } else if (token !== undefined && tokenMatches(token, name[n])) {
      t++;
      n++;
    } else if (starToken >= 0) {
      t = starToken + 1;
      starName++;
      n = starName;
    } else {
      return false;
    }
  }
  while (t < tokens.length && tokens[t].kind === 'star') {
    t++;
  }
  return t === tokens.length;
}

/** Any UTF-16 code unit outside ASCII (the same as `/[^\x00-\x7f]/`, which the linter refuses for its control range). */
const notAscii = /[\u0080-\uffff]/;

/**
 * `text` in Unicode normal form C. Globs and paths are compared in it, so `café/` written with `é`
 * matches a file macOS named with `e` + U+0301 (and the other way round). ASCII text, nearly every
 * path, is returned as it is after one scan for a non-ASCII character.
 */
export function normalFormC(text: string): string {
  return notAscii.test(text) ? text.normalize('NFC') : text;
}

/** One compiled alternative of a glob (brace expansion gives several). */
export interface GlobShape {
  /** The original pattern this alternative came from. */
  readonly pattern: string;
  /** False when the pattern may start at any depth (no slash, or a leading `**`). */
  readonly anchored: boolean;
  /** Glob segments with consecutive `**` collapsed; a leading `**` is dropped (then `anchored` is false). */
  readonly segments: readonly string[];
  readonly dirOnly: boolean;
  /** Non-backtracking: at most O(pattern length × path length) steps (see globShape.ts). */
  test(path: string): boolean;
}
