import { globLimits } from './globLimits';

/*
 * The shortcuts of the glob check (globMatcher.ts, `analyze`): the shapes most manifests write,
 * recognised by one linear regular expression each instead of the checks one by one. Each is a
 * cheap sufficient test: what it accepts, the full checks accept with the same alternatives (the
 * unit property in globMatcher.test.ts holds them to `globErrorInFull` and `globAlternativesInFull`);
 * what it does not, goes through the full checks.
 */

/**
 * Segments of names, `*` and `?` between single slashes (one may lead, one may trail), no segment
 * `.` or `..`: the patterns most manifests hold, which pass every check. No segment can match in
 * two ways, so the expression runs in linear time.
 */
const plainGlob = /^\/?(?:\.?[\w*?@+=,%-][\w.*?@+=,%-]*\/)*\.?[\w*?@+=,%-][\w.*?@+=,%-]*\/?$/;

/** Whether the full checks would accept `pattern` as it is, with no braces to expand. */
function isPlainGlob(pattern: string): boolean {
  // Each wildcard is at least one character: a pattern this short is within every limit.
  return pattern.length <= globLimits.maxWildcards && plainGlob.test(pattern);
}

/** One brace group, not nested, its options not empty, as in `*.{ts,tsx}`. */
const oneBraceGroup = /^([^{}]*)\{([^{}]+)\}([^{}]*)$/;

/**
 * The alternatives of `pattern` when it is plain, or (with `braces`) holds one brace group whose
 * every alternative is plain — large manifests write `*.{ts,tsx}` often; else undefined: ask the
 * full checks.
 */
export function plainAlternatives(pattern: string, braces: boolean): string[] | undefined {
  if (isPlainGlob(pattern)) {
    return [pattern];
  }
  // Within every limit, as for isPlainGlob: at most 64 characters, so at most 32 alternatives.
  if (!braces || pattern.length > globLimits.maxWildcards) {
    return undefined;
  }
  const match = oneBraceGroup.exec(pattern);
  if (match === null) {
    return undefined;
  }
  const [, before, options, after] = match;
  const alternatives: string[] = [];
  for (const option of options.split(',')) {
    const alternative = before + option + after;
    if (option === '' || !isPlainGlob(alternative)) {
      return undefined;
    }
    alternatives.push(alternative);
  }
  return alternatives;
}
