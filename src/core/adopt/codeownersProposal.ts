import type { CodeownersRule } from '../paths/codeowners';
import { codeownersRules, parseCodeowners } from '../paths/codeowners';
import { compileGlob } from '../paths/globMatcher';
import { codeownersLocations } from '../manifest/manifestLocations';
import type { ProposalNote, ProposedSystem, RepoSnapshot, SourceProposal } from './proposal';
import { IdAllocator, literalGlob, toSystemId } from './proposal';

/**
 * Systems from CODEOWNERS, exact: for every tracked file the owners of the systems that hold it
 * are the owners GitHub's resolution gives (the last matching rule wins; a rule without owners
 * un-owns). One system per rule that decides at least one tracked file: its pattern, with
 * `exclude` for what later rules re-own. Systems of the same owners are merged where no member's
 * excludes would take files from another. Every system is checked against the tracked files;
 * what a glob cannot say exactly is listed file by file.
 */
export function proposeFromCodeowners(repo: RepoSnapshot): SourceProposal {
  const tracked = new Set(repo.files);
  const files = [...tracked];
  const file = codeownersLocations.find((candidate) => tracked.has(candidate) && repo.read(candidate) !== undefined);
  if (file === undefined) return { source: 'codeowners', inputs: [], systems: [], notes: [] };
  const text = repo.read(file) ?? '';
  const { codeowners, problems } = parseCodeowners(text, file);
  const notes: ProposalNote[] = problems.map((p) => ({ file, line: p.range.start.line + 1, message: p.message }));
  const rules = codeownersRules(text);
  // Which rule decides each tracked file, by GitHub's resolution (the existing reader).
  const decidedBy = new Map<number, string[]>();
  for (const path of files) {
    const line = codeowners.ownersOf(path).line;
    if (line === undefined) continue;
    const list = decidedBy.get(line) ?? [];
    list.push(path);
    decidedBy.set(line, list);
  }
  const compiled = rules.map((rule) => ({ rule, ...manifestGlobs(rule.pattern) }));
  const drafts: Draft[] = [];
  compiled.forEach(({ rule, paths, exclude }, index) => {
    const wins = decidedBy.get(rule.line) ?? [];
    if (rule.owners.length === 0) return;
    if (wins.length === 0) {
      notes.push({ file, line: rule.line, message: `'${rule.pattern}' decides the owners of no tracked file; no system for it` });
      return;
    }
    drafts.push(draftFor(rule, paths, exclude, compiled.slice(index + 1), wins, files));
  });
  const ids = new IdAllocator();
  const groups = mergeSameOwners(drafts);
  const titles = readableTitles(groups);
  const systems = groups.map((group, index) => toSystem(group, file, ids, titles[index]));
  return { source: 'codeowners', inputs: [file], systems, notes };
}

interface Draft {
  readonly rules: CodeownersRule[];
  readonly paths: string[];
  readonly exclude: string[];
  /** The tracked files the rule(s) decide. */
  readonly files: Set<string>;
  readonly excludeTests: ((path: string) => boolean)[];
}

interface Globs {
  readonly paths: string[];
  readonly exclude: string[];
  /** True when the manifest globs mean what the CODEOWNERS pattern means, for any file. */
  readonly exact: boolean;
}

/**
 * A CODEOWNERS pattern in manifest glob syntax. Braces are plain characters in CODEOWNERS and
 * become one-character classes; a final `*` after a named folder owns only the files directly in
 * it (GitHub's reading), so its subfolders are excluded.
 */
export function manifestGlobs(pattern: string): Globs {
  const glob = pattern.replace(/[{}]/g, (char) => `[${char}]`);
  const segments = glob.replace(/\/+$/, '').split('/');
  const shallow = !glob.endsWith('/') && segments.length > 1 && segments[segments.length - 1] === '*' && segments[segments.length - 2] !== '**';
  return shallow ? { paths: [glob], exclude: [`${glob}/`], exact: false } : { paths: [glob], exclude: [], exact: true };
}

function draftFor(
  rule: CodeownersRule,
  paths: string[],
  ownExclude: string[],
  later: readonly ({ rule: CodeownersRule } & Globs)[],
  wins: readonly string[],
  files: readonly string[],
): Draft {
  const winSet = new Set(wins);
  const pathTests = paths.map(compileGlob);
  const exclude = [...ownExclude];
  const excludeTests = exclude.map(compileGlob);
  const inSystem = (path: string): boolean => pathTests.some((t) => t(path)) && !excludeTests.some((t) => t(path));
  // Files the globs hold that later rules decide: exclude those rules' patterns, where that takes nothing the rule decides.
  let extra = files.filter((path) => inSystem(path) && !winSet.has(path));
  for (const next of later) {
    if (extra.length === 0) break;
    for (const glob of next.paths) {
      const test = compileGlob(glob);
      if (!extra.some(test) || wins.some(test)) continue;
      exclude.push(glob);
      excludeTests.push(test);
      extra = extra.filter((path) => !test(path));
    }
  }
  // What no pattern can take away exactly: the files themselves.
  for (const path of extra) {
    const glob = literalGlob(path);
    exclude.push(glob);
    excludeTests.push(compileGlob(glob));
  }
  const held = files.filter(inSystem);
  const exact = held.length === winSet.size && held.every((path) => winSet.has(path));
  if (!exact) {
    // The globs cannot say it (an unusual path): list the files the rule decides.
    const literal = wins.map(literalGlob);
    return { rules: [rule], paths: literal, exclude: [], files: winSet, excludeTests: [] };
  }
  return { rules: [rule], paths: [...paths], exclude, files: winSet, excludeTests };
}

/**
 * Merges systems with the same owners (in file order) where it stays exact: no member's excludes
 * match a file another member decides.
 */
function mergeSameOwners(drafts: readonly Draft[]): Draft[] {
  const groups: Draft[] = [];
  const byOwners = new Map<string, Draft[]>();
  for (const draft of drafts) {
    const key = [...new Set(draft.rules[0].owners)].sort().join(' ');
    const candidates = byOwners.get(key) ?? [];
    const fits = candidates.find((group) => compatible(group, draft));
    if (fits !== undefined) {
      fits.rules.push(...draft.rules);
      fits.paths.push(...draft.paths.filter((p) => !fits.paths.includes(p)));
      for (const [i, glob] of draft.exclude.entries()) {
        if (fits.exclude.includes(glob)) continue;
        fits.exclude.push(glob);
        fits.excludeTests.push(draft.excludeTests[i] ?? compileGlob(glob));
      }
      for (const path of draft.files) fits.files.add(path);
      continue;
    }
    const group: Draft = { rules: [...draft.rules], paths: [...draft.paths], exclude: [...draft.exclude], files: new Set(draft.files), excludeTests: [...draft.excludeTests] };
    candidates.push(group);
    byOwners.set(key, candidates);
    groups.push(group);
  }
  return groups;
}

function compatible(group: Draft, draft: Draft): boolean {
  const hits = (tests: readonly ((path: string) => boolean)[], files: Iterable<string>): boolean => {
    for (const path of files) if (tests.some((t) => t(path))) return true;
    return false;
  };
  return !hits(group.excludeTests, draft.files) && !hits(draft.excludeTests, group.files);
}

/**
 * A title a person reads, per group: the pattern's last folder or file name (`/services/api/` →
 * `api`, `docs/*` → `docs`), `*.sql files`, `Everything else` for a catch-all (`*`, `**`);
 * `Owned by …` for merged rules. Titles that would repeat get their whole literal path
 * (`services/api`), then the pattern.
 */
function readableTitles(groups: readonly Draft[]): string[] {
  const single = (group: Draft): string | undefined => (group.rules.length === 1 ? group.rules[0].pattern : undefined);
  const literal = (pattern: string): string[] => pattern.split('/').filter((segment) => segment !== '' && !/[*?[\]]/.test(segment));
  const short = groups.map((group) => {
    const pattern = single(group);
    if (pattern === undefined) return `Owned by ${group.rules[0].owners.join(' ')}`;
    const names = literal(pattern);
    if (names.length > 0) return names[names.length - 1];
    const extension = /(?:^|\/)\*(\.[^/*?[\]]+)$/.exec(pattern);
    if (extension !== null) return `${extension[1]} files`;
    return /^[/*]+$/.test(pattern) ? (groups.length > 1 ? 'Everything else' : 'Everything') : pattern;
  });
  const count = (titles: readonly string[], title: string): number => titles.filter((t) => t === title).length;
  const longer = short.map((title, index) => {
    const pattern = single(groups[index]);
    return pattern !== undefined && count(short, title) > 1 && literal(pattern).length > 1 ? literal(pattern).join('/') : title;
  });
  return longer.map((title, index) => (count(longer, title) > 1 ? (single(groups[index]) ?? title) : title));
}

function toSystem(group: Draft, file: string, ids: IdAllocator, title: string): ProposedSystem {
  const owners = [...group.rules[0].owners];
  const first = group.rules[0];
  const merged = group.rules.length > 1;
  const named = merged || !/[A-Za-z0-9]/.test(first.pattern) ? teamName(owners) : first.pattern;
  const id = ids.take(toSystemId(named));
  const lines = group.rules.map((rule) => rule.line);
  const shown = lines.length > 8 ? `${lines.slice(0, 8).join(', ')}, …` : lines.join(', ');
  return {
    id,
    title,
    paths: group.paths,
    exclude: group.exclude,
    owners,
    dependsOn: [],
    comments: [`${file} line${lines.length > 1 ? 's' : ''} ${shown}: ${group.files.size} tracked file(s)`],
  };
}

/** `@org/payments-team` → `payments-team`; an email → its local part. */
function teamName(owners: readonly string[]): string {
  const first = owners[0] ?? 'owners';
  return first.replace(/^@/, '').replace(/@.*$/, '').split('/').pop() ?? first;
}
