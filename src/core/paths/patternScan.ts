import { compileNormalGlob } from './globMatcher';
import { normalFormC } from './globShape';
import { entryMatches, PathIndex, patternTables } from './pathIndex';
import type { PathIndexEntry, PatternMatch, SystemsByPath } from './pathIndex';

/**
 * The patterns a path matches, found by testing each pattern that could match it: what a
 * ScanningLookup (below) answers its first lookups with. Filing every pattern of a large manifest
 * costs far more than testing a commit's few paths against each of them (450,000 patterns of
 * 150,000 systems: about 1.8 s to file, 0.3 s to read their literals and scan ten paths).
 *
 * The answer is the glob matcher's own: a pattern is tested with the same compiled test the index
 * uses (compileNormalGlob: any of its brace alternatives' shapes). Before that, one necessary
 * condition read from the pattern's text skips the patterns that cannot match:
 * - an anchored pattern (a leading or middle slash) matches from the root, so the path starts with
 *   its text before the first wildcard, brace or class;
 * - any pattern matches whole segments, so the path contains the longest literal run of a segment
 *   that comes before the first brace or class.
 * Both hold for every valid pattern (glob syntax in globMatcher.ts); an invalid one compiles to no
 * shapes and matches nothing whatever the filter says.
 */
export class PatternScan {
  /** Per pattern: its text in normal form C, which the literals below are offsets into. */
  private readonly normal: string[];
  /** Per pattern: where its anchoring text starts and ends (end 0: none). */
  private readonly leadFrom: Int32Array;
  private readonly leadEnd: Int32Array;
  /** Per pattern without anchoring text: the run a path must contain ('' when none). */
  private readonly runs: string[];
  /** Compiled tests by pattern text: a pattern repeated across systems (`*.md`) is compiled once. */
  private readonly tests = new Map<string, (path: string) => boolean>();

  constructor(private readonly patterns: readonly string[]) {
    const count = patterns.length;
    this.normal = new Array<string>(count);
    this.leadFrom = new Int32Array(count);
    this.leadEnd = new Int32Array(count);
    this.runs = new Array<string>(count);
    for (let id = 0; id < count; id++) {
      const pattern = normalFormC(patterns[id]);
      const literals = literalsOf(pattern);
      this.normal[id] = pattern;
      this.leadFrom[id] = literals.leadFrom;
      this.leadEnd[id] = literals.leadEnd > literals.leadFrom ? literals.leadEnd : 0;
      this.runs[id] = this.leadEnd[id] !== 0 ? '' : pattern.slice(literals.runFrom, literals.runEnd);
    }
  }

  /** Calls `visit` with the id of every pattern that matches `path` (already in normal form C), in ascending order. */
  forEachMatch(path: string, visit: (id: number) => void): void {
    const { patterns, normal, leadFrom, leadEnd, runs } = this;
    for (let id = 0; id < patterns.length; id++) {
      const end = leadEnd[id];
      if (end !== 0) {
        if (!startsWithPart(path, normal[id], leadFrom[id], end)) continue;
      } else {
        const run = runs[id];
        if (run !== '' && !path.includes(run)) continue;
      }
      if (this.testOf(patterns[id])(path)) visit(id);
    }
  }

  private testOf(pattern: string): (path: string) => boolean {
    let test = this.tests.get(pattern);
    if (test === undefined) {
      test = compileNormalGlob(pattern);
      this.tests.set(pattern, test);
    }
    return test;
  }
}

/** Whether `path` starts with `text.slice(from, end)`, compared in place. */
function startsWithPart(path: string, text: string, from: number, end: number): boolean {
  if (path.length < end - from) return false;
  for (let i = from; i < end; i++) {
    if (path.charCodeAt(i - from) !== text.charCodeAt(i)) return false;
  }
  return true;
}

const slashCode = 0x2f;
const starCode = 0x2a;
const questionCode = 0x3f;
const bracketCode = 0x5b;
const braceCode = 0x7b;

/**
 * What any path a pattern (in normal form C) matches must hold, as offsets into it: the anchoring
 * text (`leadFrom`–`leadEnd`), which an anchored pattern (a leading or middle slash) starts with
 * before its first wildcard, class or brace (empty when unanchored); and the run
 * (`runFrom`–`runEnd`), the longest run of literal characters inside one segment before the first
 * class or brace, which the path contains.
 */
export function literalsOf(pattern: string): { leadFrom: number; leadEnd: number; runFrom: number; runEnd: number } {
  const firstSlash = pattern.indexOf('/');
  // A slash before the last character anchors the pattern; a trailing one only marks a directory.
  const anchored = firstSlash >= 0 && firstSlash < pattern.length - 1;
  const from = firstSlash === 0 ? 1 : 0;
  let lead = -1;
  let runStart = from;
  let runFrom = 0;
  let runEnd = 0;
  let i = from;
  for (; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code === starCode || code === questionCode || code === slashCode) {
      if (lead < 0 && code !== slashCode) lead = i;
      if (i - runStart > runEnd - runFrom) [runFrom, runEnd] = [runStart, i];
      runStart = i + 1;
    } else if (code === bracketCode || code === braceCode) {
      if (lead < 0) lead = i;
      break;
    }
  }
  if (i - runStart > runEnd - runFrom) [runFrom, runEnd] = [runStart, i];
  return { leadFrom: from, leadEnd: anchored ? (lead < 0 ? pattern.length : lead) : from, runFrom, runEnd };
}

/**
 * How many lookups a ScanningLookup answers by scanning before it builds (or restores) the index and
 * asks it instead. At 150,000 systems a scan costs ~20 ms per path and filing the patterns ~1.8 s,
 * so the index pays for itself past ~90 paths; a commit's few paths never reach this many.
 */
export const scannedLookups = 32;

/**
 * The systems a path belongs to, as PathIndex answers: the first lookups scan every pattern
 * (PatternScan), the later ones ask the index `makeIndex` gives (built or restored from a cache once
 * the lookups pass `scannedLookups`). A commit of a few files never files the manifest's patterns.
 */
export class ScanningLookup implements SystemsByPath {
  private tables?: ReturnType<typeof patternTables>;
  private scan?: PatternScan;
  private index?: SystemsByPath;
  private lookups = 0;

  constructor(
    private readonly entries: readonly PathIndexEntry[],
    private readonly makeIndex: () => SystemsByPath = () => PathIndex.build(entries),
  ) {}

  get size(): number {
    return this.entries.length;
  }

  match(path: string): PatternMatch[] {
    if (this.index === undefined && ++this.lookups > scannedLookups) {
      this.index = this.makeIndex();
      this.tables = undefined;
      this.scan = undefined;
    }
    if (this.index !== undefined) {
      return this.index.match(path);
    }
    this.tables ??= patternTables(this.entries);
    this.scan ??= new PatternScan(this.tables.patterns);
    const normal = normalFormC(path);
    const ids: number[] = [];
    this.scan.forEachMatch(normal, (id) => ids.push(id));
    return entryMatches(ids, normal, this.tables);
  }
}
