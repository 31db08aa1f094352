import fc from 'fast-check';
import type { PathIndexEntry } from '../../../src/core/paths/pathIndex';

/** Test support: random globs from a small grammar and a slow, obvious reference matcher. */

export interface GeneratedPattern {
  /** The glob as written, possibly with braces. */
  readonly text: string;
  /** Its brace expansion, worked out by the generator itself. */
  readonly alternatives: readonly string[];
}

const names = ['a', 'b', 'ab', 'x.md', 'a.md', '.md', 'b.ts'];

export function pathArbitrary(): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 5 }).map((segments) => segments.join('/'));
}

function segmentArbitrary(): fc.Arbitrary<GeneratedPattern> {
  const plain = fc.constantFrom('a', 'b', 'ab', 'x.md', '*', '*.md', 'a*', '*b', '?', '?b', '[ab]', '[!a]', '[a-b]*', '**', '.md', '*.*');
  return fc.oneof(
    { weight: 5, arbitrary: plain.map((text) => ({ text, alternatives: [text] })) },
    {
      weight: 1,
      arbitrary: fc.tuple(plain, plain).map(([one, two]) => ({ text: `{${one},${two}}`, alternatives: [one, two] })),
    },
  );
}

export function patternArbitrary(): fc.Arbitrary<GeneratedPattern> {
  return fc
    .tuple(fc.boolean(), fc.array(segmentArbitrary(), { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([leading, segments, trailing]) => {
      let alternatives = [''];
      segments.forEach((segment, i) => {
        const join = i === 0 ? '' : '/';
        alternatives = alternatives.flatMap((prefix) => segment.alternatives.map((option) => prefix + join + option));
      });
      const wrap = (body: string): string => `${leading ? '/' : ''}${body}${trailing ? '/' : ''}`;
      return { text: wrap(segments.map((segment) => segment.text).join('/')), alternatives: alternatives.map(wrap) };
    });
}

/** gitignore semantics written the slow, obvious way: try every ancestor (and the path) as the matched node. */
export function referenceMatch(alternatives: readonly string[], path: string): boolean {
  return alternatives.some((alternative) => {
    const dirOnly = alternative.endsWith('/');
    const body = alternative.replace(/^\//, '').replace(/\/$/, '');
    let segments = body.split('/');
    if (!alternative.startsWith('/') && segments.length === 1) {
      segments = ['**', ...segments];
    }
    const parts = path.split('/');
    for (let k = 1; k <= parts.length; k++) {
      if (dirOnly && k === parts.length) {
        break;
      }
      if (matchSegments(segments, 0, parts.slice(0, k), 0)) {
        return true;
      }
    }
    return false;
  });
}

function matchSegments(pattern: readonly string[], p: number, parts: readonly string[], i: number): boolean {
  if (p === pattern.length) {
    return i === parts.length;
  }
  if (pattern[p] === '**') {
    // A trailing ** needs at least one name; elsewhere it may stand for none.
    const least = p === pattern.length - 1 ? 1 : 0;
    for (let skip = least; i + skip <= parts.length; skip++) {
      if (matchSegments(pattern, p + 1, parts, i + skip)) {
        return true;
      }
    }
    return false;
  }
  return i < parts.length && matchName(pattern[p], 0, parts[i], 0) && matchSegments(pattern, p + 1, parts, i + 1);
}

function matchName(glob: string, g: number, name: string, n: number): boolean {
  if (g === glob.length) {
    return n === name.length;
  }
  const char = glob[g];
  if (char === '*') {
    for (let rest = n; rest <= name.length; rest++) {
      if (matchName(glob, g + 1, name, rest)) {
        return true;
      }
    }
    return false;
  }
  if (n === name.length) {
    return false;
  }
  if (char === '?') {
    return matchName(glob, g + 1, name, n + 1);
  }
  if (char === '[') {
    const close = glob.indexOf(']', g + 2);
    let body = glob.slice(g + 1, close);
    const negated = body.startsWith('!');
    body = negated ? body.slice(1) : body;
    let inClass = false;
    for (let k = 0; k < body.length; k++) {
      if (body[k + 1] === '-' && k + 2 < body.length) {
        inClass ||= body[k] <= name[n] && name[n] <= body[k + 2];
        k += 2;
      } else {
        inClass ||= body[k] === name[n];
      }
    }
    return inClass !== negated && matchName(glob, close + 1, name, n + 1);
  }
  return char === name[n] && matchName(glob, g + 1, name, n + 1);
}

/** Path index entries `s0`, `s1`, … of one to three generated patterns and at most one exclude each. */
export function pathEntriesArbitrary(): fc.Arbitrary<PathIndexEntry[]> {
  const entryArbitrary = fc.record({
    patterns: fc.array(patternArbitrary().map((pattern) => pattern.text), { minLength: 1, maxLength: 3 }),
    exclude: fc.array(patternArbitrary().map((pattern) => pattern.text), { maxLength: 1 }),
  });
  return fc.array(entryArbitrary, { minLength: 1, maxLength: 8 })
    .map((raw) => raw.map((value, i) => ({ id: `s${i}`, patterns: value.patterns, exclude: value.exclude })));
}
