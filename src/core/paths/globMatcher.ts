import { GlobIndex } from './globIndex';
import type { ShapeOutline } from './globIndex';
import { classEnd, compileSegments, normalFormC } from './globShape';
import type { GlobShape } from './globShape';
import { globLimits } from './globLimits';
import { plainAlternatives } from './plainGlobs';

/**
 * gitignore-style globs for `paths`, `exclude` and `exempt` in the manifest (see docs/manifest.md).
 * Paths are relative to the repository root, use '/' and never start with './'. Matching is
 * case-sensitive, in Unicode normal form C (globs when compiled, paths when matched).
 *
 * - no slash except a trailing one: matches at any depth (`*.md`, `migrations/`);
 * - a leading or middle slash anchors the pattern to the root (`/ops.yaml`, `services/checkout`);
 * - a trailing slash means a directory: only paths below it match;
 * - a pattern that matches a directory matches everything below it;
 * - `*` and `?` stay inside a segment, `**` crosses segments (`**\/x`, `x/**`, `a/**\/b`);
 * - `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`) and `{a,b}` (nestable) work.
 */

/** One brace-free alternative of a pattern, compiled once; the shape is what the indexes key on. */
export type { GlobShape } from './globShape';

/** Variants of the syntax. The manifest uses the defaults; CODEOWNERS sets both flags. */
export interface GlobSyntax {
  /** `{a,b}` alternatives; when false braces are plain characters (as in gitignore). Default true. */
  readonly braces?: boolean;
  /**
   * GitHub's CODEOWNERS reading of a final `*` segment: `docs/*` owns `docs/a.md` but not
   * `docs/sub/b.md`. Default false (gitignore: `docs/*` matches `docs/sub` and so all below it).
   */
  readonly finalStarIsShallow?: boolean;
}

export { globLimits } from './globLimits';

/** Why a glob is refused: `invalid-glob`, or the limit it passes. */
export type GlobProblemCode = 'invalid-glob' | 'glob-too-long' | 'glob-too-many-wildcards' | 'glob-too-many-alternatives';

export interface GlobError {
  readonly code: GlobProblemCode;
  readonly message: string;
}

export function validateGlob(pattern: string): string | undefined {
  return validateWith(pattern, {});
}

/** The problem with a manifest glob (with its code), or undefined when it is valid. */
export function globError(pattern: string): GlobError | undefined {
  const { error, code } = analyze(pattern, {});
  return error === undefined ? undefined : { code: code ?? 'invalid-glob', message: error };
}

export function compileGlob(pattern: string): (path: string) => boolean {
  const test = compileNormalGlob(pattern);
  return (path) => test(normalFormC(path));
}

/** `compileGlob` for paths the caller has already put in Unicode normal form C. */
export function compileNormalGlob(pattern: string): (path: string) => boolean {
  const shapes = compileShapes(pattern, {});
  if (shapes.length === 1) {
    return (path) => shapes[0].test(path);
  }
  // An invalid pattern compiles to no shapes and so matches nothing (validateGlob says why).
  return (path) => shapes.some((shape) => shape.test(path));
}

export interface GlobSet {
  /** The first pattern (in the order given) that matches the path, else undefined. */
  match(path: string): string | undefined;
}

export function compileGlobSet(patterns: readonly string[]): GlobSet {
  const index = new GlobIndex();
  patterns.forEach((pattern, id) => {
    for (const shape of compileShapes(pattern, {})) {
      index.add(shape, id);
    }
  });
  return {
    match(path: string): string | undefined {
      let first = -1;
      index.forEachMatch(path, (id) => {
        if (first < 0 || id < first) {
          first = id;
        }
      });
      return first < 0 ? undefined : patterns[first];
    },
  };
}

/** Validation for a syntax variant; the message says what is wrong, where, and what was expected. */
export function validateWith(pattern: string, syntax: GlobSyntax): string | undefined {
  return analyze(pattern, syntax).error;
}

/** The brace-free alternatives of a valid manifest glob (`{a,b}/c` → `a/c`, `b/c`); undefined when it is invalid. */
export function globAlternatives(pattern: string): string[] | undefined {
  const { error, alternatives } = analyze(pattern, {});
  return error !== undefined ? undefined : alternatives;
}

/**
 * Compiles every brace alternative of a pattern, in normal form C; an invalid pattern gives no
 * shapes. A shape's `test` takes a path already in normal form C (`GlobIndex.forEachMatch` and
 * `compileGlob` see to it); its `pattern` is the pattern as written.
 */
export function compileShapes(pattern: string, syntax: GlobSyntax): GlobShape[] {
  const { error, alternatives } = analyze(normalFormC(pattern), syntax);
  return error !== undefined ? [] : alternatives.map((alternative) => compileAlternative(pattern, alternative, syntax));
}

/** Checks a pattern and expands its braces: the alternatives, or the first error found. */
/**
 * `globError` without the shortcut for plain patterns: every check run one by one. The reference
 * the unit tests hold the shortcut to.
 */
export function globErrorInFull(pattern: string): GlobError | undefined {
  const { error, code } = analyze(pattern, {}, false);
  return error === undefined ? undefined : { code: code ?? 'invalid-glob', message: error };
}

/** `globAlternatives` without the shortcuts: the reference the unit tests hold them to. */
export function globAlternativesInFull(pattern: string): string[] | undefined {
  const { error, alternatives } = analyze(pattern, {}, false);
  return error !== undefined ? undefined : alternatives;
}

function analyze(pattern: string, syntax: GlobSyntax, shortcut = true): { error?: string; code?: GlobProblemCode; alternatives: string[] } {
  const fail = (error: string, code?: GlobProblemCode): { error: string; code?: GlobProblemCode; alternatives: string[] } =>
    ({ error, ...(code ? { code } : {}), alternatives: [] });
  const plain = shortcut ? plainAlternatives(pattern, syntax.braces !== false) : undefined;
  if (plain !== undefined) {
    return { alternatives: plain };
  }
  if (pattern.length > globLimits.maxLength) {
    return fail(`${pattern.length} characters: a glob may have at most ${globLimits.maxLength}`, 'glob-too-long');
  }
  const wildcards = countWildcards(pattern);
  if (wildcards > globLimits.maxWildcards) {
    return fail(`${wildcards} wildcards ('*', '**', '?', '[...]'): a glob may have at most ${globLimits.maxWildcards}`, 'glob-too-many-wildcards');
  }
  if (pattern.trim() === '') {
    return fail("empty pattern: expected a path glob such as 'src/**' or '*.md'");
  }
  const backslash = pattern.indexOf('\\');
  if (backslash >= 0) {
    return fail(`backslash at column ${backslash + 1}: separate directories with '/' (escapes are not supported)`);
  }
  if (/^[A-Za-z]:/.test(pattern) || pattern.startsWith('//') || pattern.startsWith('~/')) {
    return fail("absolute path: expected a path relative to the repository root (a single leading '/' anchors to the root)");
  }
  if (pattern.startsWith('!')) {
    return fail("'!' negation is not supported: list the paths to leave out under 'exclude' instead");
  }
  const structure = checkBrackets(pattern, syntax.braces !== false);
  if (structure !== undefined) {
    return fail(structure);
  }
  const alternatives = syntax.braces === false ? [pattern] : expandBraces(pattern);
  if (alternatives === undefined) {
    return fail(`too many alternatives: '{...}' expands to more than ${globLimits.maxAlternatives} patterns`, 'glob-too-many-alternatives');
  }
  for (const alternative of alternatives) {
    const problem = checkSegments(alternative, alternatives.length > 1);
    if (problem !== undefined) {
      return fail(problem);
    }
  }
  return { alternatives };
}

function checkBrackets(pattern: string, braces: boolean): string | undefined {
  const openBraces: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) {
        return `unclosed '[' at column ${i + 1}: expected ']' to close the character class`;
      }
      const body = pattern.slice(i + 1, end);
      if (body.includes('/')) {
        return `'/' inside '[...]' at column ${i + 1}: a character class matches one character of a name`;
      }
      const reversed = reversedRange(body);
      if (reversed !== undefined) {
        return `reversed range '${reversed}' in '[...]' at column ${i + 1}: expected low-high, e.g. a-z`;
      }
      i = end;
    } else if (braces && char === '{') {
      if (pattern[i + 1] === '}') {
        return `empty '{}' at column ${i + 1}: expected alternatives such as '{a,b}'`;
      }
      openBraces.push(i);
    } else if (braces && char === '}') {
      if (openBraces.pop() === undefined) {
        return `unmatched '}' at column ${i + 1}: expected a '{' before it`;
      }
    }
  }
  const unclosed = openBraces.pop();
  return unclosed === undefined ? undefined : `unclosed '{' at column ${unclosed + 1}: expected '}' to close the alternatives`;
}

/** Wildcards in a pattern: each run of '*', each '?', each '[' (braces are counted by expansion). */
function countWildcards(pattern: string): number {
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') {
      while (pattern[i + 1] === '*') {
        i++;
      }
      count++;
    } else if (char === '?' || char === '[') {
      count++;
    }
  }
  return count;
}

/** The first range written high-low in a class body (which JavaScript would reject), if any. */
function reversedRange(body: string): string | undefined {
  let i = body.startsWith('!') || body.startsWith('^') ? 1 : 0;
  while (i < body.length) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      if (body[i] > body[i + 2]) {
        return body.slice(i, i + 3);
      }
      i += 3;
    } else {
      i++;
    }
  }
  return undefined;
}

function checkSegments(alternative: string, fromBraces: boolean): string | undefined {
  const where = (): string => (fromBraces ? ` (in the alternative '${alternative}')` : '');
  const from = alternative.startsWith('/') ? 1 : 0;
  const to = alternative.length > from && alternative.endsWith('/') ? alternative.length - 1 : alternative.length;
  if (to <= from) {
    return `pattern${where()} names no path: expected something after '/', e.g. '/src'`;
  }
  // Segment by segment, without splitting: every pattern of a large manifest passes through here.
  let column = from + 1;
  let start = from;
  while (start <= to) {
    let end = alternative.indexOf('/', start);
    if (end < 0 || end > to) {
      end = to;
    }
    const length = end - start;
    if (length === 0) {
      return `empty path segment ('//') at column ${column}${where()}: expected a name between the slashes`;
    }
    if (length <= 2 && alternative[start] === '.' && (length === 1 || alternative[start + 1] === '.')) {
      return length === 2
        ? `'..' segment at column ${column}${where()}: patterns cannot leave the repository root`
        : `'.' segment at column ${column}${where()}: write paths relative to the root without './'`;
    }
    column += length + 1;
    start = end + 1;
  }
  return undefined;
}

/** Brace expansion; character classes are kept whole. Undefined when it would exceed the cap. */
function expandBraces(pattern: string): string[] | undefined {
  if (!pattern.includes('{')) {
    // Most patterns: without braces, the expansion is the pattern itself (classes are kept whole).
    return [pattern];
  }
  const [alternatives] = expandSequence(pattern, 0, false);
  return alternatives.length > globLimits.maxAlternatives ? undefined : alternatives;
}

/**
 * Expands from `start` until the end, or (inside braces) until an unnested ',' or '}'.
 * Returns the alternatives and the index where it stopped.
 */
function expandSequence(pattern: string, start: number, inBraces: boolean): [string[], number] {
  let results = [''];
  let i = start;
  while (i < pattern.length) {
    const char = pattern[i];
    if (inBraces && (char === ',' || char === '}')) {
      break;
    }
    if (char === '{') {
      const options: string[] = [];
      i++;
      for (;;) {
        const [alternatives, stop] = expandSequence(pattern, i, true);
        options.push(...alternatives);
        i = stop + 1;
        if (pattern[stop] !== ',') {
          break;
        }
      }
      results = product(results, options);
      continue;
    }
    // A run of plain characters and whole classes up to the next brace or separator, appended at once.
    let end = i;
    while (end < pattern.length) {
      const next = pattern[end];
      if (next === '{' || (inBraces && (next === ',' || next === '}'))) {
        break;
      }
      // (An unclosed '[' never gets here: checkBrackets refused it. Were it to, the run ends the pattern.)
      end = next === '[' ? (classEnd(pattern, end) + 1 || pattern.length) : end + 1;
    }
    const piece = pattern.slice(i, end);
    results = results.map((result) => result + piece);
    i = end;
  }
  return [results, i];
}

function product(prefixes: string[], options: string[]): string[] {
  const out: string[] = [];
  for (const prefix of prefixes) {
    for (const option of options) {
      if (out.length > globLimits.maxAlternatives) {
        return out;
      }
      out.push(prefix + option);
    }
  }
  return out;
}

/** A brace-free alternative's outline: its segments as matched, where it may start, whether it names a directory. */
function outline(alternative: string): ShapeOutline & { readonly dirOnly: boolean; readonly floating: boolean } {
  const dirOnly = alternative.endsWith('/');
  const body = alternative.replace(/^\//, '').replace(/\/$/, '');
  const raw = body.split('/').filter((segment, i, all) => !(segment === '**' && all[i - 1] === '**'));
  // A leading '**/' matches at any depth, exactly like a pattern without a slash.
  const floating = (raw.length === 1 && !alternative.startsWith('/')) || raw[0] === '**';
  const segments = raw[0] === '**' && raw.length > 1 ? raw.slice(1) : raw;
  return { anchored: !floating, segments, dirOnly, floating };
}

/**
 * The outline of every brace alternative of a manifest glob (what `compileShapes` gives, without
 * compiling a matcher: enough to file it in a GlobIndex); an invalid pattern gives none.
 */
export function shapeOutlines(pattern: string, syntax: GlobSyntax = {}): ShapeOutline[] {
  const { error, alternatives } = analyze(normalFormC(pattern), syntax);
  return error !== undefined ? [] : alternatives.map(outline);
}

function compileAlternative(pattern: string, alternative: string, syntax: GlobSyntax): GlobShape {
  const { anchored, segments, dirOnly, floating } = outline(alternative);
  const last = segments[segments.length - 1];
  const shallow = syntax.finalStarIsShallow === true && !dirOnly && last === '*';
  const test = compileSegments(segments, floating, dirOnly ? 'directory' : shallow ? 'exact' : 'prefix');
  return { pattern, anchored, segments, dirOnly, test };
}
