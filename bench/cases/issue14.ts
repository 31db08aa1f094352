import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureRepo } from '../benchRepo';
import { ensureProductionBuild, root } from '../build';
import type { CaseResult, Context, Goal, Row } from '../context';
import { Disagreement } from '../context';
import { makeCodeowners, makeHookManifest, makeInputs } from '../generate';
import type { Sample } from '../measure';
import { formatMs, summarize } from '../measure';
import { Random } from '../random';
import { PathIndex } from '../../src/core/paths/pathIndex';

/**
 * Case 8: the goal table of issue 14 ("the commit hook costs no more than git itself, at any
 * manifest size"), each row next to its baseline measured in the same run, alternating
 * (baseline, subject, baseline, ...) so that machine load hits both alike. Then a growth table at
 * 200 / 2,000 / 20,000 / 150,000 systems (150,000 in the full run only).
 */

const stagedCount = 10;
const at = '2026-06-15T12:00:00Z';
const timeBin = '/usr/bin/time';

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Ran {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms };
}

/** Max RSS (MB, 1 MB = 10^6 bytes) of one run, by GNU time; undefined when it is not installed. */
function maxRssMb(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (!fs.existsSync(timeBin)) return undefined;
  const result = spawnSync(timeBin, ['-f', 'maxrss=%M', process.execPath, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const kib = /maxrss=(\d+)/.exec(result.stderr ?? '');
  return kib ? (Number(kib[1]) * 1024) / 1e6 : undefined;
}

/** Runs every named command once per round, in turn, `warmup` untimed rounds then `runs` timed ones. */
function alternate(commands: Record<string, () => Ran>, warmup: number, runs: number): Record<string, Sample> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const [name, command] of Object.entries(commands)) {
      const ran = command();
      if (round >= warmup) times[name].push(ran.ms);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, list]) => [name, summarize(list)]));
}

const noCache = { ...process.env, CHANGE_RADAR_NO_CACHE: '1' };
const withCache = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'CHANGE_RADAR_NO_CACHE'));

function ms(n: number): string {
  return formatMs(n);
}

function plus(subject: number, baseline: number): string {
  const d = subject - baseline;
  return `${d >= 0 ? '+' : '−'}${formatMs(Math.abs(d))} (${(subject / baseline).toFixed(2)}×)`;
}

/** Per-path cost of PathIndex.match over `paths`, in ns, after one warm-up pass (median of 3 passes). */
function perPathNs(index: PathIndex, paths: readonly string[]): number {
  for (const p of paths) index.match(p);
  const passes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    for (const p of paths) index.match(p);
    passes.push(Number(process.hrtime.bigint() - started) / paths.length);
  }
  return summarize(passes).median;
}

interface Scale {
  readonly systems: number;
  readonly nsPerPath: number;
  readonly manifestBytes: number;
  readonly cold: Sample;
  readonly warm: Sample;
  readonly node: Sample;
  readonly coldRss?: number;
  readonly warmRss?: number;
  readonly files: number;
}

/** A small repository holding only the manifest (split into includes when large) and 10 files; `check` of those files. */
function measureScale(ctx: Context, systems: number, timing: { warmup: number; runs: number }): Scale {
  const seed = ctx.options.seed;
  const inputs = makeInputs(10_000, systems, seed);
  const index = PathIndex.build(inputs.systems.map((s) => ({ id: s.id, patterns: s.patterns, exclude: s.exclude })));
  const nsPerPath = perPathNs(index, inputs.paths);
  const manifest = makeHookManifest(inputs.systems, seed, systems > 20_000 ? 25_000 : 0);
  const chosen = new Random(seed).sample(inputs.paths, stagedCount);
  const files: Record<string, string> = { 'ops.yaml': manifest.root, ...manifest.includes };
  const dir = ensureRepo(`scale-${systems}-${seed}`, chosen, files);
  const manifestBytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const cli = path.join(root, 'dist', 'cli.js');
  const args = [cli, 'check', '--at', at, ...chosen];
  const first = run(process.execPath, [...args, '--format', 'json'], dir, withCache);
  if (first.status !== 0 && first.status !== 1) throw new Disagreement(`case 8: check at ${systems} systems exited ${first.status}: ${first.stderr.slice(0, 1500)}`);
  const again = run(process.execPath, [...args, '--format', 'json'], dir, noCache);
  if (again.stdout !== first.stdout) throw new Disagreement(`case 8: at ${systems} systems the cached and uncached checks disagree`);
  const samples = alternate({
    node: () => run(process.execPath, ['-e', '0'], dir),
    warm: () => run(process.execPath, args, dir, withCache),
    cold: () => run(process.execPath, args, dir, noCache),
  }, timing.warmup, timing.runs);
  return {
    systems, nsPerPath, manifestBytes, cold: samples.cold, warm: samples.warm, node: samples.node,
    coldRss: maxRssMb(args, dir, noCache), warmRss: maxRssMb(args, dir, withCache), files: Object.keys(files).length,
  };
}

export function issue14(ctx: Context): CaseResult {
  ensureProductionBuild();
  // Sizes now, while dist/ holds the production build (another run of esbuild.js may replace it later).
  // Every bundle file, entry first (the lazily loaded ones are read only by the runs that need them).
  const bundle = (name: string): number => fs.statSync(path.join(root, 'dist', name)).size / 1000;
  const bundles = ['cli.js', 'cli-main.js', 'cli-parser.js', 'cli-extra.js', 'extension.js', 'extension-features.js'].map((name) => ({ name, kb: bundle(name) }));
  const bundleText = bundles.map((b) => `${b.name} ${b.kb.toFixed(1)} KB`).join(', ');
  const largestKb = Math.max(...bundles.map((b) => b.kb));
  const { seed, quick } = ctx.options;
  const files = ctx.options.files;
  const systems = ctx.options.systems;
  const runs = quick ? 5 : 15;
  const warmup = quick ? 1 : 2;
  const inputs = ctx.inputsFor(files, systems);
  const manifest = makeHookManifest(inputs.systems, seed);
  const codeowners = makeCodeowners(inputs.components, ctx.options.codeownersLines, seed);
  const dir = ensureRepo(`hook-${files}-${systems}-${seed}`, inputs.paths, { 'ops.yaml': manifest.root, '.github/CODEOWNERS': codeowners });
  const staged = new Random(seed).sample(inputs.paths, stagedCount);
  for (const file of staged) fs.writeFileSync(path.join(dir, file), 'changed by the benchmark\n');
  run('git', ['add', '--', ...staged], dir);
  const message = path.join(dir, '.git', 'BENCH_MSG');
  fs.writeFileSync(message, 'A change\n');
  const cli = path.join(root, 'dist', 'cli.js');

  const checkArgs = [cli, 'check', '--staged', '--at', at];
  const probe = run(process.execPath, [...checkArgs, '--format', 'json'], dir, withCache);
  if (probe.status !== 0 && probe.status !== 1) throw new Disagreement(`case 8: check --staged exited ${probe.status}: ${probe.stderr.slice(0, 2000)}`);
  const reported = (JSON.parse(probe.stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path).sort();
  if (reported.join() !== [...staged].sort().join()) throw new Disagreement(`case 8: check reported ${reported.join(', ')}, staged ${staged.join(', ')}`);
  const uncachedProbe = run(process.execPath, [...checkArgs, '--format', 'json'], dir, noCache);
  if (uncachedProbe.stdout !== probe.stdout) throw new Disagreement('case 8: check --staged gives another report without the cache');
  for (const hook of ['pre-commit', 'commit-msg']) {
    const ran = run(process.execPath, [cli, 'hook', 'run', hook, ...(hook === 'commit-msg' ? [message] : [])], dir, withCache);
    if (ran.status !== 0 && ran.status !== 1) throw new Disagreement(`case 8: hook run ${hook} exited ${ran.status}: ${ran.stderr.slice(0, 2000)}`);
  }

  const s = alternate({
    node: () => run(process.execPath, ['-e', '0'], dir),
    git: () => run('git', ['diff', '--cached', '--name-only', '-z'], dir),
    check: () => run(process.execPath, checkArgs, dir, withCache),
    checkCold: () => run(process.execPath, checkArgs, dir, noCache),
    preCommit: () => run(process.execPath, [cli, 'hook', 'run', 'pre-commit'], dir, withCache),
    commitMsg: () => run(process.execPath, [cli, 'hook', 'run', 'commit-msg', message], dir, withCache),
    help: () => run(process.execPath, [cli, '--help'], dir),
    // validate reads through the cache like every command; without it, this is the cold parse.
    validate: () => run(process.execPath, [cli, 'validate'], dir, noCache),
  }, warmup, runs);
  const floor = s.node.median + s.git.median;
  const hooks = s.preCommit.median + s.commitMsg.median;
  const rssRuns = quick ? 1 : 3;
  const rss = (args: string[], env: NodeJS.ProcessEnv): number | undefined => {
    const values = Array.from({ length: rssRuns }, () => maxRssMb(args, dir, env)).filter((v): v is number => v !== undefined);
    return values.length > 0 ? Math.max(...values) : undefined;
  };
  const checkRss = rss(checkArgs, withCache);
  const coldRss = rss(checkArgs, noCache);

  const scaleTiming = quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 5 };
  const sizes = quick ? [200, 2_000, 20_000] : [200, 2_000, 20_000, 150_000];
  const scales = sizes.map((n) => measureScale(ctx, n, n >= 150_000 ? { warmup: 0, runs: 3 } : scaleTiming));
  const at2k = scales.find((x) => x.systems === 2_000);
  const at20k = scales.find((x) => x.systems === 20_000);
  const at150k = scales.find((x) => x.systems === 150_000);
  const growth = at2k && at20k ? at20k.nsPerPath / at2k.nsPerPath : NaN;

  const mb = (v: number | undefined): string => (v === undefined ? 'not measured (no /usr/bin/time)' : `${v.toFixed(0)} MB`);
  const goals: Goal[] = [
    { goal: 'hook: check --staged ≤ node -e 0 + git diff --cached + 120 ms', measured: `${plus(s.check.median, floor)}`, met: s.check.median - floor <= 120 },
    { goal: 'both hooks of one commit ≤ 2 × (node -e 0 + git diff) + 150 ms', measured: plus(hooks, 2 * floor), met: hooks - 2 * floor <= 150 },
    { goal: '`change-radar --help` ≤ node -e 0 + 40 ms', measured: plus(s.help.median, s.node.median), met: s.help.median - s.node.median <= 40 },
    { goal: 'max RSS of the hook run (check --staged) ≤ 150 MB', measured: mb(checkRss), met: checkRss !== undefined && checkRss <= 150 },
    { goal: 'per-path index cost, 20k ÷ 2k systems ≤ 2×', measured: `${growth.toFixed(2)}× (${at20k?.nsPerPath.toFixed(0)} vs ${at2k?.nsPerPath.toFixed(0)} ns/path)`, met: growth <= 2 },
    { goal: 'parse + validate the 2k manifest (`validate`) ≤ node -e 0 + 60 ms', measured: plus(s.validate.median, s.node.median), met: s.validate.median - s.node.median <= 60 },
    ...(at150k
      ? [{ goal: '150k systems, check of 10 files ≤ 2 s, ≤ 500 MB (cache warm)', measured: `${ms(at150k.warm.median)}, ${mb(at150k.warmRss)}; without the cache ${ms(at150k.cold.median)}, ${mb(at150k.coldRss)}`,
        met: at150k.warm.median <= 2000 && (at150k.warmRss ?? Infinity) <= 500 }]
      : [{ goal: '150k systems, check of 10 files ≤ 2 s, ≤ 500 MB', measured: 'not run (--quick)', met: false }]),
    { goal: 'production bundles: each ≤ 400 KB (CLI and extension)', measured: bundleText, met: largestKb <= 400 },
  ];

  const table = [
    '| work | measured (median, min–max) | baseline (same run) | difference (ratio) | goal | met |',
    '|---|---|---|---|---|---|',
    `| hook: \`check --staged\`, ${stagedCount} staged files, cache warm | ${fmt(s.check)} | \`node -e 0\` + \`git diff --cached --name-only -z\`: ${ms(floor)} | ${plus(s.check.median, floor)} | ≤ +120 ms | ${yes(goals[0].met)} |`,
    `| the same, \`CHANGE_RADAR_NO_CACHE=1\` (first run after a manifest edit) | ${fmt(s.checkCold)} | ${ms(floor)} | ${plus(s.checkCold.median, floor)} | (information) | |`,
    `| both hooks of one commit (\`hook run pre-commit\` ${ms(s.preCommit.median)} + \`hook run commit-msg\` ${ms(s.commitMsg.median)}) | ${ms(hooks)} | 2 × (node + git diff): ${ms(2 * floor)} | ${plus(hooks, 2 * floor)} | ≤ +150 ms | ${yes(goals[1].met)} |`,
    `| \`change-radar --help\` | ${fmt(s.help)} | \`node -e 0\`: ${fmt(s.node)} | ${plus(s.help.median, s.node.median)} | ≤ +40 ms | ${yes(goals[2].met)} |`,
    `| max RSS of that hook run | ${mb(checkRss)} (without the cache ${mb(coldRss)}) | — | — | ≤ 150 MB | ${yes(goals[3].met)} |`,
    `| per-path index cost, 20k systems vs 2k | ${at20k?.nsPerPath.toFixed(0)} ns/path | the same index at 2k: ${at2k?.nsPerPath.toFixed(0)} ns/path | ${growth.toFixed(2)}× | ≤ 2× | ${yes(goals[4].met)} |`,
    `| parse + validate the 2k-system manifest (\`validate\` without the cache: the cold parse) | ${fmt(s.validate)} | \`node -e 0\`: ${ms(s.node.median)} | ${plus(s.validate.median, s.node.median)} | ≤ +60 ms | ${yes(goals[5].met)} |`,
    at150k
      ? `| 150k-system manifest, \`check\` of 10 files | cache warm ${fmt(at150k.warm)}, ${mb(at150k.warmRss)}; cold ${fmt(at150k.cold)}, ${mb(at150k.coldRss)} | — | — | ≤ 2 s, ≤ 500 MB | ${yes(goals[6].met)} |`
      : '| 150k-system manifest, `check` of 10 files | not run with --quick | — | — | ≤ 2 s, ≤ 500 MB | — |',
    `| production bundles (a hook whose manifest is cached loads cli.js and cli-main.js only) | ${bundleText} | — | — | ≤ 400 KB each | ${yes(goals[7].met)} |`,
    '| activation in the real host, 2k systems | case 9 (`npm run bench -- --cases 9`) | — | — | ≤ 300 ms, `activate()` ≤ 50 ms | — |',
    '| save → diagnostics in the real host, 2k systems | case 9 | — | — | p95 ≤ 30 ms | — |',
  ];
  const growthTable = [
    '| systems | manifest | per-path index cost | `check` of 10 files, cache warm | cold (no cache) | `node -e 0` | max RSS warm / cold |',
    '|---|---|---|---|---|---|---|',
    ...scales.map((x) => `| ${x.systems.toLocaleString('en')} | ${(x.manifestBytes / 1e6).toFixed(2)} MB in ${x.files} file(s) | ${x.nsPerPath.toFixed(0)} ns | ${fmt(x.warm)} | ${fmt(x.cold)} | ${ms(x.node.median)} | ${mb(x.warmRss)} / ${mb(x.coldRss)} |`),
  ];
  const rows: Row[] = [
    { label: '`check --staged` (cache warm)', sample: s.check },
    { label: '`check --staged` (CHANGE_RADAR_NO_CACHE=1)', sample: s.checkCold },
    { label: '`hook run pre-commit`', sample: s.preCommit },
    { label: '`hook run commit-msg`', sample: s.commitMsg },
    { label: '`--help`', sample: s.help },
    { label: '`validate`', sample: s.validate },
    { label: '`node -e 0`', sample: s.node },
    { label: '`git diff --cached --name-only -z`', sample: s.git },
  ];
  return {
    title: `8. Issue 14 goals (${inputs.paths.length.toLocaleString('en')}-file repository, ${systems.toLocaleString('en')} systems, hook-shaped manifest of ${(Buffer.byteLength(manifest.root) / 1000).toFixed(0)} KB)`,
    rows,
    goals,
    notes: [
      `Every command ran ${runs} times after ${warmup} warm-up round(s), in turn with its baseline (node, git, check, …, node, git, check, …).`,
      table.join('\n'),
      `Growth (a repository with only the manifest and ${stagedCount} files; \`check --at … <10 paths>\`; per-path cost over 10,000 generated paths${quick ? '; 150,000 systems only in the full run' : ''}):`,
      growthTable.join('\n'),
    ],
  };
}

function fmt(sample: Sample): string {
  return `${formatMs(sample.median)} (${formatMs(sample.min)}–${formatMs(sample.max)})`;
}

function yes(met: boolean): string {
  return met ? 'yes' : '**no**';
}
