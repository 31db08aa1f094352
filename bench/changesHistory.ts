/**
 * `node -r tsx/cjs bench/changesHistory.ts [--quick] [--commits N] [--noise N] [--runs N] [--unanchored]`
 *
 * Issue 27's goal for `change-radar changes`: at most 1 s for 1,000 commits in the window on the
 * 100,000-file bench repository. The repository of case 8 (issue 14: 100,000 files, 2,000 systems,
 * the hook-shaped manifest) is cloned, and a history is added on top with fast-import: `--commits`
 * commits on one system and the systems it depends on (the ones the command must list), and
 * `--noise` commits on files no system in scope owns, interleaved, one minute apart. The shipped
 * (production) CLI is run as a user runs it, each run a new process; the count it lists is checked
 * against the commits written. The system asked about is the first with dependencies whose scope
 * has only anchored globs (git is given their literal folders), or with `--unanchored` one whose
 * scope has a glob without a literal folder (git lists every changed file; see `pathspecsOf`).
 * Prints a Markdown table (docs/benchmarks.md, "changes").
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathspecsOf, scopeSystems } from '../src/core/history/incidentChanges';
import { PathIndex } from '../src/core/paths/pathIndex';
import { loadManifest } from '../src/node/manifestLoader';
import { ensureRepo } from './benchRepo';
import { ensureProductionBuild, restoreDevelopmentBuild, root } from './build';
import { makeCodeowners, makeHookManifest, makeInputs } from './generate';
import { formatSample, summarize } from './measure';
import { Random } from './random';

function option(argv: readonly string[], flag: string, fallback: number): number {
  const i = argv.indexOf(flag);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} expects a positive whole number`);
  return value;
}

function git(dir: string, args: string[], input?: string): string {
  const result = spawnSync('git', args, { cwd: dir, input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function main(argv: readonly string[]): void {
  const quick = argv.includes('--quick');
  const files = quick ? 10_000 : 100_000;
  const systemCount = 2_000;
  const seed = 7;
  const commits = option(argv, '--commits', 1_000);
  const noise = option(argv, '--noise', 4 * commits);
  const runs = option(argv, '--runs', quick ? 3 : 7);

  const inputs = makeInputs(files, systemCount, seed);
  const manifestText = makeHookManifest(inputs.systems, seed);
  const codeowners = makeCodeowners(inputs.components, 2_000, seed);
  const base = ensureRepo(`hook-${files}-${systemCount}-${seed}`, inputs.paths, { 'ops.yaml': manifestText.root, '.github/CODEOWNERS': codeowners });

  // The systems as the CLI reads them, the one asked about, and the files in and out of its scope.
  const manifest = loadManifest(base, { cwd: base, codeowners: false }).manifest;
  if (manifest === undefined) throw new Error('the bench manifest does not load');
  const index = PathIndex.build(manifest.systems.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })));
  const owned = new Map<string, string[]>();
  const ownersOf = new Map<string, string[]>();
  for (const file of inputs.paths) {
    const ids = index.match(file).map((m) => m.system);
    ownersOf.set(file, ids);
    for (const id of ids) owned.set(id, [...(owned.get(id) ?? []), file]);
  }
  const unanchored = argv.includes('--unanchored');
  const scopeOf = (id: string): Set<string> => new Set(scopeSystems(manifest.systems, [id], 2).map((s) => s.id));
  const fits = (withDependencies: boolean) => (s: (typeof manifest.systems)[number]): boolean => {
    if ((withDependencies && s.dependsOn.length === 0) || (owned.get(s.id)?.length ?? 0) < 3) return false;
    const ids = scopeOf(s.id);
    return (pathspecsOf(manifest.systems.filter((t) => ids.has(t.id))) === 'all') === unanchored;
  };
  // Most generated systems with dependencies reach an unanchored glob within two edges; then one without.
  const asked = manifest.systems.find(fits(true)) ?? manifest.systems.find(fits(false));
  if (asked === undefined) throw new Error('no system with dependencies and files');
  const scope = scopeOf(asked.id);
  const pathspecs = pathspecsOf(manifest.systems.filter((t) => scope.has(t.id)));
  const inside = inputs.paths.filter((f) => (ownersOf.get(f) ?? []).some((id) => scope.has(id)));
  const outside = inputs.paths.filter((f) => !(ownersOf.get(f) ?? []).some((id) => scope.has(id)));

  // The history: in-scope and noise commits interleaved, one minute apart, ending at `end`.
  const dir = path.join(root, '.bench-tmp', `changes-${files}-${commits}-${noise}-${seed}`);
  fs.rmSync(dir, { recursive: true, force: true });
  git(root, ['clone', '-q', '--shared', base, dir]);
  const rng = new Random(seed);
  const total = commits + noise;
  const start = 1_800_000_000;
  const kinds = [...Array<boolean>(commits).fill(true), ...Array<boolean>(noise).fill(false)];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const stream: string[] = [];
  kinds.forEach((inScope, n) => {
    const pool = inScope ? inside : outside;
    const touched = new Set(Array.from({ length: 1 + rng.int(3) }, () => rng.pick(pool)));
    const message = `${inScope ? 'in scope' : 'noise'} ${n} (#${n + 1})\n${n % 50 === 0 ? '\nFreeze-Override: bench\n' : ''}`;
    stream.push(`commit refs/heads/main\ncommitter Bench <bench@example.com> ${start + 60 * n} +0000\ndata ${Buffer.byteLength(message)}\n${message}`);
    if (n === 0) stream.push('from refs/heads/main^0\n');
    for (const file of touched) {
      const text = `change ${n}\n`;
      stream.push(`M 100644 inline ${file}\ndata ${Buffer.byteLength(text)}\n${text}`);
    }
    stream.push('\n');
  });
  git(dir, ['fast-import', '--quiet', '--force'], stream.join(''));
  git(dir, ['reset', '-q', '--hard', 'main']);
  const end = new Date((start + 60 * (total - 1)) * 1000).toISOString();
  const since = `${total + 1}m`;

  ensureProductionBuild();
  try {
    const cli = path.join(root, 'dist', 'cli.js');
    const args = [cli, 'changes', '--systems', asked.id, '--at', end, '--since', since, '-f', 'json'];
    const once = (env: NodeJS.ProcessEnv): { ms: number; listed: number } => {
      const t0 = process.hrtime.bigint();
      const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (result.status !== 0) throw new Error(`changes exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
      return { ms, listed: (JSON.parse(result.stdout) as { commits: unknown[] }).commits.length };
    };
    const noCache = { ...process.env, CHANGE_RADAR_NO_CACHE: '1' };
    const probe = once(process.env);
    if (probe.listed !== commits) throw new Error(`changes listed ${probe.listed} commits, ${commits} were written in scope`);
    const warm = summarize(Array.from({ length: runs }, () => once(process.env).ms));
    const cold = summarize(Array.from({ length: runs }, () => once(noCache).ms));
    const gitArgs = ['log', '--first-parent', '--no-renames', '-z', '--name-only', '--format=%H%x1f%ct%x1f%an%x1f%s', `--since=@${start - 2}`, 'HEAD', ...(pathspecs === 'all' ? [] : ['--', ...pathspecs])];
    const gitAlone = summarize(Array.from({ length: runs }, () => {
      const t0 = process.hrtime.bigint();
      spawnSync('git', gitArgs, { cwd: dir, maxBuffer: 1 << 30 });
      return Number(process.hrtime.bigint() - t0) / 1e6;
    }));
    console.log(`| ${files.toLocaleString('en')} files, ${manifest.systems.length.toLocaleString('en')} systems; \`changes --systems ${asked.id}\` (${scope.size} systems in scope, ${pathspecs === 'all' ? 'no pathspec' : `${pathspecs.length} pathspecs`}), ${commits.toLocaleString('en')} of ${total.toLocaleString('en')} commits listed | median (min–max), ${runs} runs |`);
    console.log('|---|---|');
    console.log(`| warm (manifest cache) | ${formatSample(warm)} |`);
    console.log(`| cold (CHANGE_RADAR_NO_CACHE=1) | ${formatSample(cold)} |`);
    console.log(`| the git log alone | ${formatSample(gitAlone)} |`);
    console.log(`\nGoal ≤ 1 s for ${commits.toLocaleString('en')} commits: ${warm.median <= 1000 ? 'met' : 'not met'} (warm median ${warm.median.toFixed(0)} ms).`);
  } finally {
    restoreDevelopmentBuild();
  }
}

main(process.argv.slice(2));
