import { parseCodeowners } from '../../src/core/paths/codeowners';
import { ensureBenchRepo } from '../benchRepo';
import type { CaseResult, Context } from '../context';
import { Disagreement } from '../context';
import { evenSample, formatMs, measure } from '../measure';

/** The `codeowners` npm package (5.1.1) has no types; this is the part of it we use. */
interface NpmCodeowners {
  ownerEntries: Array<{ path: string; usernames: string[]; match: (path: string) => boolean }>;
  getOwner(path: string): string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const NpmCodeownersClass = require('codeowners') as new (dir: string) => NpmCodeowners;

interface Difference {
  readonly path: string;
  readonly ours: string;
  readonly theirs: string;
  readonly ourLine: string;
  readonly theirPattern: string;
}

/**
 * GitHub's documented rules (docs.github.com, "About code owners") that explain a difference, or
 * undefined when none does — then the case fails.
 */
function explain(d: Difference): string | undefined {
  const theirPattern = d.theirPattern;
  const below = theirPattern.endsWith('/*') && d.path.startsWith(theirPattern.replace(/^\//, '').slice(0, -1)) &&
    d.path.slice(theirPattern.replace(/^\//, '').length - 1).includes('/');
  if (below) {
    return `GitHub: "\`docs/*\` … matches files like docs/getting-started.md but not further nested files like ` +
      'docs/build-app/troubleshooting.md"; the package applies gitignore, where `dir/*` also matches everything below a matched subdirectory.';
  }
  if (d.path !== d.path.toLowerCase() && theirPattern === theirPattern.toLowerCase()) {
    return 'GitHub: CODEOWNERS paths are case sensitive; the package\'s `ignore` 3.x matches case-insensitively.';
  }
  return undefined;
}

export function codeownersCase(ctx: Context): CaseResult {
  const repo = ensureBenchRepo(ctx);
  const paths = repo.paths;
  const { codeowners, problems } = parseCodeowners(repo.codeowners, '.github/CODEOWNERS');
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Disagreement(`case 2: the generated CODEOWNERS has errors: ${errors[0].message}`);

  let ours: Array<{ owners: readonly string[]; line?: number }> = [];
  const fast = measure(() => { ours = paths.map((p) => codeowners.ownersOf(p)); }, ctx.options);

  // The package costs milliseconds per path and keeps a cache entry per path and rule (hundreds of
  // KB per path here), so one pass over 100,000 paths would not fit in memory: it is timed on an
  // even sample, in a fresh instance, after a small warm-up on other paths.
  const sample = evenSample(paths, ctx.options.ownersSample);
  const sampleOurs = evenSample(ours, ctx.options.ownersSample);
  const npm = new NpmCodeownersClass(repo.dir);
  paths.slice(1, 50).forEach((p) => npm.getOwner(p));
  const heapBefore = process.memoryUsage().heapUsed;
  let theirs: string[][] = [];
  const slow = measure(() => { theirs = sample.map((p) => npm.getOwner(p)); }, { warmup: 0, runs: 1 });
  const heapPerPathKiB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / sample.length;

  const lines = repo.codeowners.split('\n');
  const differences: Difference[] = [];
  sample.forEach((p, i) => {
    const a = sampleOurs[i].owners.join(' ');
    const b = theirs[i].join(' ');
    if (a === b) return;
    const line = sampleOurs[i].line;
    const ourLine = line === undefined ? '(no line)' : `${line}: ${lines[line - 1]}`;
    const theirPattern = npm.ownerEntries.find((e) => e.match(p))?.path ?? '(none)';
    differences.push({ path: p, ours: a || '(nobody)', theirs: b || '(nobody)', ourLine, theirPattern });
  });

  // Group by the pair of deciding rules, so the list stays readable however many paths differ.
  const groups = new Map<string, Difference[]>();
  for (const d of differences) {
    const key = `${d.ourLine} | ${d.theirPattern}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const unexplained: string[] = [];
  const notes = [`The package is timed on 1 path in ${Math.floor(paths.length / sample.length)} (${sample.length.toLocaleString('en')} paths, ` +
    `one run; its heap grew by about ${heapPerPathKiB.toFixed(0)} KiB per path); the ratio compares time per path. ` +
    `At that rate all ${paths.length.toLocaleString('en')} paths would take about ${formatMs((slow.median / sample.length) * paths.length)} (extrapolated, not measured).`,
  `${differences.length.toLocaleString('en')} of the ${sample.length.toLocaleString('en')} sampled paths differ` +
    (differences.length ? `, in ${groups.size} groups (our deciding line | the package's deciding pattern):` : '.')];
  for (const [key, group] of groups) {
    const why = explain(group[0]);
    if (!why) unexplained.push(key);
    notes.push(`- ${group.length} × \`${key}\`, e.g. \`${group[0].path}\`: ours ${group[0].ours}, package ${group[0].theirs}. ${why ?? 'UNEXPLAINED'}`);
  }
  if (unexplained.length > 0) {
    throw new Disagreement(`case 2: differences no GitHub rule explains:\n${notes.join('\n')}`);
  }
  const fastNs = (fast.median * 1e6) / paths.length;
  const slowNs = (slow.median * 1e6) / sample.length;
  const speedup = slowNs / fastNs;
  return {
    title: `2. CODEOWNERS, all paths (${paths.length.toLocaleString('en')} paths, ${lines.length - 1} lines)`,
    rows: [
      { label: 'Codeowners.ownersOf, all paths', sample: fast, note: `${fastNs.toFixed(0)} ns/path` },
      { label: `\`codeowners\` 5.1.1 getOwner (${sample.length.toLocaleString('en')}-path sample, 1 run)`, sample: slow, note: `${slowNs.toFixed(0)} ns/path` },
    ],
    goals: [{ goal: '≥ 100× faster than `codeowners` 5.1.1 (per path)', measured: `${speedup.toFixed(0)}×, ${fastNs.toFixed(0)} ns/path`, met: speedup >= 100 }],
    notes,
  };
}
