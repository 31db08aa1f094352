import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureBenchRepo } from '../benchRepo';
import { ensureProductionBuild, root } from '../build';
import type { CaseResult, Context } from '../context';
import { Disagreement } from '../context';
import { measure } from '../measure';
import { Random } from '../random';

/**
 * Case 4: `change-radar check --staged` as the pre-commit hook runs it, a whole process in the
 * 100,000-file repository with 10 staged files, next to the floor it cannot go below: starting
 * Node (`node -e 0`) and asking git for the staged names (`git diff --cached --name-only -z`).
 */

const stagedCount = 10;
/** A fixed instant, so the freezes that apply are the same in every run. */
const at = '2026-06-15T12:00:00Z';

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.error) throw result.error;
  return result;
}

/** Writes a line into 10 random files and stages them (the same 10 every run). */
function stageChanges(dir: string, paths: readonly string[], seed: number): string[] {
  const chosen = new Random(seed).sample(paths, stagedCount);
  for (const file of chosen) fs.writeFileSync(path.join(dir, file), 'changed by the benchmark\n');
  const added = run('git', ['add', '--', ...chosen], dir);
  if (added.status !== 0) throw new Error(`git add failed: ${added.stderr}`);
  return chosen;
}

export function commitHook(ctx: Context): CaseResult {
  ensureProductionBuild();
  const repo = ensureBenchRepo(ctx);
  const staged = stageChanges(repo.dir, repo.paths, ctx.options.seed);
  const cli = path.join(root, 'dist', 'cli.js');

  const names = run('git', ['diff', '--cached', '--name-only', '-z'], repo.dir).stdout.split('\0').filter(Boolean);
  if (names.sort().join() !== [...staged].sort().join()) throw new Disagreement(`case 4: git reports staged ${names.join(', ')}`);
  const check = run(process.execPath, [cli, 'check', '--staged', '--at', at, '--format', 'json'], repo.dir);
  // Exit 0 (nothing blocks) and 1 (a block freeze applies) are both answers; 2 or a crash is not.
  if (check.status !== 0 && check.status !== 1) throw new Disagreement(`case 4: check --staged exited ${check.status}: ${check.stderr.slice(0, 2000)}`);
  const report = JSON.parse(check.stdout) as { files: Array<{ path: string }>; blocked: boolean; systems: unknown[] };
  const reported = report.files.map((f) => f.path).sort();
  if (reported.join() !== [...staged].sort().join()) throw new Disagreement(`case 4: check reported files ${reported.join(', ')}, staged ${staged.join(', ')}`);

  const options = { warmup: ctx.options.warmup, runs: ctx.options.runs };
  const checkSample = measure(() => { run(process.execPath, [cli, 'check', '--staged', '--at', at], repo.dir); }, options);
  const nodeSample = measure(() => { run(process.execPath, ['-e', '0'], repo.dir); }, options);
  const gitSample = measure(() => { run('git', ['diff', '--cached', '--name-only', '-z'], repo.dir); }, options);
  const floor = nodeSample.median + gitSample.median;
  const over = checkSample.median - floor;
  return {
    title: `4. Commit hook (${repo.paths.length.toLocaleString('en')}-file repository, ${stagedCount} staged files)`,
    rows: [
      { label: '`node dist/cli.js check --staged`', sample: checkSample },
      { label: '`node -e 0`', sample: nodeSample },
      { label: '`git diff --cached --name-only -z`', sample: gitSample },
    ],
    goals: [{ goal: 'check --staged ≤ 120 ms over node -e 0 + git diff --cached', measured: `${over.toFixed(0)} ms over (${checkSample.median.toFixed(0)} vs ${floor.toFixed(0)} ms)`, met: over <= 120 }],
    notes: [`The check answered with exit ${check.status} (${report.blocked ? 'blocked' : 'not blocked'}), ${report.systems.length} systems touched or impacted, ` +
      `at ${at}; the manifest is case 3's (${(repo.manifest.length / 1024).toFixed(0)} KiB) and the repository has .github/CODEOWNERS (case 2's). ` +
      `Repository cached in ${path.relative(root, repo.dir)}/.`],
  };
}
