import * as os from 'os';
import type { CaseResult, Options } from './context';
import { Context, Disagreement } from './context';
import { restoreDevelopmentBuild } from './build';
import { formatSample } from './measure';

/**
 * `npm run bench [-- --quick] [--files N] [--systems N] [--codeowners N] [--naive-sample N] [--owners-sample N] [--seed N] [--runs N] [--cases 1,3]`
 * Runs the cases of issue 7 and prints a Markdown report (pasted into docs/benchmarks.md).
 */

type CaseModule = (ctx: Context) => CaseResult | Promise<CaseResult>;

/** Each case is loaded only when it runs, so one missing module skips one case, not the run. */
function lazy(file: string, name: string): () => CaseModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return () => (require(file) as Record<string, CaseModule>)[name];
}

const cases: ReadonlyArray<[number, () => CaseModule]> = [
  [6, lazy('./cases/activation', 'activation')],
  [1, lazy('./cases/pathToSystems', 'pathToSystems')],
  [2, lazy('./cases/codeownersCase', 'codeownersCase')],
  [3, lazy('./cases/manifestLoad', 'manifestLoad')],
  [4, lazy('./cases/commitHook', 'commitHook')],
  [5, lazy('./cases/savePath', 'savePath')],
  [7, lazy('./cases/growth', 'growth')],
  [8, lazy('./cases/issue14', 'issue14')],
  [9, lazy('./cases/inHost', 'inHost')],
  [10, lazy('./cases/extendsCase', 'extendsCase')],
  [11, lazy('./cases/coldParse', 'coldParse')],
];

export function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const value = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    const parsed = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${flag} expects a positive number`);
    return parsed;
  };
  const casesFlag = argv.indexOf('--cases');
  const selected = casesFlag >= 0 ? argv[casesFlag + 1].split(',').map(Number) : cases.map(([n]) => n);
  return {
    quick,
    files: value('--files', quick ? 10_000 : 100_000),
    systems: value('--systems', 2_000),
    codeownersLines: value('--codeowners', 2_000),
    naiveSample: value('--naive-sample', quick ? 200 : 3_000),
    ownersSample: value('--owners-sample', quick ? 300 : 3_000),
    seed: value('--seed', 7),
    runs: value('--runs', quick ? 3 : 7),
    warmup: quick ? 1 : 2,
    cases: new Set(selected),
  };
}

function machineInfo(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    `- Node ${process.version} on ${os.type()} ${os.release()} (${os.arch()})`,
    `- Load average (1, 5, 15 min): ${load}`,
  ].join('\n');
}

function printCase(result: CaseResult): void {
  console.log(`\n### ${result.title}\n`);
  console.log('| measured | median (min–max) | per item |');
  console.log('|---|---|---|');
  for (const row of result.rows) console.log(`| ${row.label} | ${formatSample(row.sample)} | ${row.note ?? ''} |`);
  for (const note of result.notes) console.log(`\n${note}`);
}

function printGoals(results: ReadonlyArray<[number, CaseResult]>): void {
  console.log('\n## Goals\n');
  console.log('| case | goal | measured | met |');
  console.log('|---|---|---|---|');
  for (const [n, result] of results) {
    for (const goal of result.goals) console.log(`| ${n} | ${goal.goal} | ${goal.measured} | ${goal.met ? 'yes' : '**no**'} |`);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const ctx = new Context(options);
  console.log(`# Change Radar benchmarks\n\nCommand: \`npm run bench${argv.length ? ' -- ' + argv.join(' ') : ''}\`\n`);
  console.log(machineInfo());
  console.log(`- Sizes: ${options.files.toLocaleString('en')} files, ${options.systems.toLocaleString('en')} systems, ` +
    `CODEOWNERS of ${options.codeownersLines.toLocaleString('en')} lines, seed ${options.seed}; ${options.warmup} warm-up + ${options.runs} timed runs per case`);
  const results: Array<[number, CaseResult]> = [];
  let failed = false;
  for (const [n, load] of cases) {
    if (!options.cases.has(n)) continue;
    try {
      const started = Date.now();
      const result = await load()(ctx);
      results.push([n, result]);
      printCase(result);
      console.log(`\n(case ${n} took ${((Date.now() - started) / 1000).toFixed(0)} s in all, inputs and set-up included)`);
    } catch (error) {
      failed = true;
      const kind = error instanceof Disagreement ? 'DISAGREEMENT' : 'FAILED';
      console.error(`\n### Case ${n}: ${kind}\n\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  restoreDevelopmentBuild();
  printGoals(results.sort((a, b) => a[0] - b[0]));
  console.log(`\n- Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  if (failed) console.error('\nSome cases failed or disagreed: see above.');
  return failed ? 1 : 0;
}
