import { GlobIndex } from './globIndex';
import type { GlobIndexSnapshot } from './globIndex';
import type { GlobShape, GlobSyntax } from './globMatcher';
import { compileShapes, validateWith } from './globMatcher';
import { matchesEverything, outlinePatterns, shapeOrigins } from './pathIndex';
import type { Problem } from '../problem';

/**
 * GitHub CODEOWNERS, read the way GitHub documents it ("About code owners"):
 * - the first file found among `codeownersLocations` (core/manifestLocations) is the one used;
 * - each line is a gitignore-style pattern followed by owners (`@user`, `@org/team`, or an email);
 *   `#` starts a comment, also after the owners; blank lines are ignored;
 * - the last matching line wins; a matching line without owners leaves the file unowned;
 * - `docs/*` owns the files directly in `docs/`, not those in its subdirectories;
 * - GitHub's exceptions to gitignore: no `!` negation, no `[ ]` character ranges, no `\#` escape.
 *   Such lines are reported as problems and skipped (GitHub skips lines with invalid syntax too).
 *   Braces are plain characters, as in gitignore. `\ ` stands for a space inside a pattern.
 */
export interface CodeownersResult {
  readonly owners: readonly string[];
  /** 1-based line of the deciding rule; absent when no line matched. */
  readonly line?: number;
}

interface Rule {
  readonly line: number;
  /** The pattern (escaped spaces read). */
  readonly pattern: string;
  readonly owners: readonly string[];
}

/**
 * A parsed CODEOWNERS (see Codeowners.toSnapshot), to be used again without parsing the text or
 * compiling its patterns: valid only for the same text and the same build.
 */
export interface CodeownersSnapshot {
  readonly format: 1;
  /** The rules GitHub uses, in file order: 1-based line, pattern, owners. */
  readonly rules: ReadonlyArray<readonly [line: number, pattern: string, owners: readonly string[]]>;
  /** Rules whose pattern gave other than one shape, ascending, with their number of shapes. */
  readonly shapeCounts: ReadonlyArray<readonly [rule: number, count: number]>;
  readonly index: GlobIndexSnapshot;
}

const syntax: GlobSyntax = { braces: false, finalStarIsShallow: true };
const noOwners: CodeownersResult = { owners: [] };

/** The rules' patterns filed into an index, and which rules gave other than one shape. */
interface Filing {
  readonly index: GlobIndex;
  readonly shapeCounts: ReadonlyArray<readonly [number, number]>;
}

export class Codeowners {
  /**
   * @internal built by parseCodeowners (not filed yet: the patterns are compiled on the first
   * question, so `validate` and a hook that asks none never compile them) or restoreCodeowners.
   */
  constructor(
    private readonly rules: readonly Rule[],
    private filed?: Filing,
  ) {}

  private filing(): Filing {
    this.filed ??= fileRules(this.rules);
    return this.filed;
  }

  /** The rules and how their patterns were filed (see restoreCodeowners). */
  toSnapshot(): CodeownersSnapshot {
    const { index, shapeCounts } = this.filing();
    return { format: 1, rules: this.rules.map((rule) => [rule.line, rule.pattern, rule.owners] as const), shapeCounts, index: index.snapshot() };
  }

  ownersOf(path: string): CodeownersResult {
    let last = -1;
    this.filing().index.forEachMatch(path, (id) => {
      if (id > last) {
        last = id;
      }
    });
    if (last < 0) {
      return noOwners;
    }
    const rule = this.rules[last];
    return { owners: rule.owners, line: rule.line };
  }
}

/**
 * The rules' patterns filed by their outlines (as PathIndex.build does): each shape is compiled
 * when a lookup first tests it, so a hook asking for ten files does not compile two thousand rules.
 */
function fileRules(rules: readonly Rule[]): Filing {
  const { candidates, ids, alternatives, shapeCounts } = outlinePatterns(rules.map((rule) => rule.pattern), syntax);
  return { index: GlobIndex.outlined(candidates, ids, lazyRuleShapes(rules, ids, alternatives)), shapeCounts };
}

/**
 * A slot's shape, compiled when first tested; one that no longer compiles matches every path (fail
 * closed). Made outside fileRules so the closure keeps only these tables.
 */
function lazyRuleShapes(rules: readonly Rule[], ids: Int32Array, alternatives: Int32Array): (slot: number) => GlobShape {
  return (slot) => {
    const pattern = rules[ids[slot]].pattern;
    return compileShapes(pattern, syntax)[alternatives[slot]] ?? matchesEverything(pattern);
  };
}

export function parseCodeowners(text: string, file: string): { codeowners: Codeowners; problems: Problem[] } {
  const rules: Rule[] = [];
  const problems: Problem[] = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((lineText, lineIndex) => {
    const parsed = parseLine(lineText);
    if (parsed === undefined) {
      return;
    }
    const problem = lineProblem(parsed);
    if (problem !== undefined) {
      problems.push({
        severity: 'warning',
        code: problem.code,
        message: `${problem.message}; GitHub skips this line, and so does Change Radar`,
        file,
        range: { start: { line: lineIndex, column: problem.start }, end: { line: lineIndex, column: problem.end } },
      });
      return;
    }
    rules.push({ line: lineIndex + 1, pattern: parsed.pattern, owners: parsed.owners.map((owner) => owner.text) });
  });
  return { codeowners: new Codeowners(rules), problems };
}

/**
 * The Codeowners a `toSnapshot()` was taken of; its patterns are compiled when a lookup first tests
 * them (one that no longer compiles matches every path). Undefined when the snapshot is not one.
 */
export function restoreCodeowners(snapshot: unknown): Codeowners | undefined {
  if (snapshot === null || typeof snapshot !== 'object') return undefined;
  const { format, rules: list, shapeCounts, index: filed } = snapshot as Partial<CodeownersSnapshot>;
  if (format !== 1 || !Array.isArray(list) || filed === null || typeof filed !== 'object') return undefined;
  const rules: Rule[] = [];
  for (const item of list as unknown[]) {
    if (!Array.isArray(item)) return undefined;
    const [line, pattern, owners] = item as unknown[];
    if (typeof line !== 'number' || typeof pattern !== 'string' || !Array.isArray(owners) || !owners.every((owner) => typeof owner === 'string')) return undefined;
    rules.push({ line, pattern, owners: owners });
  }
  const origins = shapeOrigins(rules.length, shapeCounts);
  if (origins === undefined) return undefined;
  const { ids, alternatives } = origins;
  const index = GlobIndex.restore(filed, ids, lazyRuleShapes(rules, ids, alternatives));
  return index === undefined ? undefined : new Codeowners(rules, { index, shapeCounts: shapeCounts as ReadonlyArray<readonly [number, number]> });
}

interface Token {
  readonly text: string;
  /** Zero-based columns in the line, end exclusive. */
  readonly start: number;
  readonly end: number;
}

interface ParsedLine {
  readonly pattern: string;
  readonly patternToken: Token;
  readonly owners: readonly Token[];
}

/** Splits a rule line into its pattern and owners; undefined for blank and comment lines. */
function parseLine(lineText: string): ParsedLine | undefined {
  const start = lineText.search(/\S/);
  if (start < 0 || lineText[start] === '#') {
    return undefined;
  }
  // The pattern runs to the first whitespace not escaped with a backslash.
  let end = start;
  while (end < lineText.length && !(/\s/.test(lineText[end]) && lineText[end - 1] !== '\\')) {
    end++;
  }
  const raw = lineText.slice(start, end);
  const owners: Token[] = [];
  const ownerPattern = /\S+/g;
  ownerPattern.lastIndex = end;
  for (let found = ownerPattern.exec(lineText); found !== null; found = ownerPattern.exec(lineText)) {
    if (found[0].startsWith('#')) {
      break;
    }
    owners.push({ text: found[0], start: found.index, end: found.index + found[0].length });
  }
  return { pattern: raw.replace(/\\(\s)/g, '$1'), patternToken: { text: raw, start, end }, owners };
}

interface LineProblem {
  readonly code: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

function lineProblem(parsed: ParsedLine): LineProblem | undefined {
  const { start, end, text } = parsed.patternToken;
  if (text.startsWith('\\#')) {
    return { code: 'codeowners-escaped-hash', message: `'\\#' does not escape a '#' in CODEOWNERS (GitHub documents this exception to gitignore)`, start, end };
  }
  if (text.startsWith('!')) {
    return { code: 'codeowners-negation', message: `'!' negation is not supported in CODEOWNERS: expected a pattern, e.g. '/docs/'; to leave files unowned, list the pattern with no owners`, start, end };
  }
  const bracket = text.indexOf('[');
  if (bracket >= 0) {
    return { code: 'codeowners-character-range', message: `'[ ]' character ranges are not supported in CODEOWNERS (column ${bracket + 1} of the pattern): expected '*' or '?' instead`, start, end };
  }
  const invalid = validateWith(parsed.pattern, syntax);
  if (invalid !== undefined) {
    return { code: 'codeowners-invalid-pattern', message: `invalid pattern '${text}': ${invalid}`, start, end };
  }
  const badOwner = parsed.owners.find((owner) => !isOwner(owner.text));
  if (badOwner !== undefined) {
    return {
      code: 'codeowners-invalid-owner',
      message: `invalid owner '${badOwner.text}': expected @user, @org/team or an email address`,
      start: badOwner.start,
      end: badOwner.end,
    };
  }
  return undefined;
}

function isOwner(text: string): boolean {
  return /^@[A-Za-z0-9](?:[A-Za-z0-9-]*)(?:\/[A-Za-z0-9_.-]+)?$/.test(text) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

/** A CODEOWNERS rule GitHub uses: its 1-based line, its pattern (escaped spaces read) and owners. */
export interface CodeownersRule {
  readonly line: number;
  readonly pattern: string;
  readonly owners: readonly string[];
}

/** The rules of a CODEOWNERS text, in file order, without the lines GitHub skips. */
export function codeownersRules(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((lineText, lineIndex) => {
    const parsed = parseLine(lineText);
    if (parsed === undefined || lineProblem(parsed) !== undefined) return;
    rules.push({ line: lineIndex + 1, pattern: parsed.pattern, owners: parsed.owners.map((owner) => owner.text) });
  });
  return rules;
}
