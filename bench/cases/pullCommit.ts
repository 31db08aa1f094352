import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { root } from '../build';
import { Disagreement } from '../context';
import type { Sample } from '../measure';
import { summarize } from '../measure';

/**
 * Case 11's row for what a person meets: the first commit after a real `git pull` that changed a
 * freeze. A clone of `source` pulls from another clone of it (where each round gives one freeze a
 * new title and commits), with the hooks installed, then commits a staged file: with the warm hooks
 * (the pull starts the background read, which the round waits for, as anyone typing a commit
 * message would) and without (`CHANGE_RADAR_SKIP=1` on the pull: the commit's hooks parse), in turn.
 * Two measures of each: the first hook git runs (`hook run pre-commit`, run as git runs it, against
 * `node -e 0`: the figure the +250 ms goal is about, since the hook after it finds the manifest
 * parsed either way) and, in rounds of their own, the whole `git commit` through both hooks against
 * the same commit without hooks (`--no-verify`).
 */

export interface PullCommit {
  /** The first hook after the pull (pre-commit), with and without the warm hooks. */
  readonly firstWarm: Sample;
  readonly firstCold: Sample;
  /** `git commit` through both hooks, with and without the warm hooks, and without hooks (unless `firstHookOnly`). */
  readonly warm?: Sample;
  readonly cold?: Sample;
  readonly bare?: Sample;
  readonly node: Sample;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { code: number; ms: number; stderr: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: result.status ?? -1, ms: Number(process.hrtime.bigint() - started) / 1e6, stderr: result.stderr ?? '' };
}

function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = run('git', args, cwd, env);
  if (result.code !== 0) throw new Disagreement(`case 11: git ${args.join(' ')} failed: ${result.stderr.slice(-500)}`);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The manifest entries of a cache folder, each as its inode: a parse writes its entry anew (a new file renamed into place). */
function entries(cache: string): Set<string> {
  const files = fs.existsSync(cache) ? fs.readdirSync(cache) : [];
  return new Set(files.filter((file) => file.startsWith('manifest-')).map((file) => `${file}:${fs.statSync(path.join(cache, file)).ino}`));
}

/** Waits until the background read has written a manifest entry other than `before` and ended (at most 60 s). */
function warmRunEnded(cache: string, before: Set<string>): void {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const fresh = [...entries(cache)].some((entry) => !before.has(entry));
    if (fresh && !fs.existsSync(path.join(cache, 'warm.lock'))) return;
    sleep(20);
  }
  throw new Disagreement('case 11: the warm hooks kept no manifest after the pull');
}

export function pullThenCommit(cli: string, source: string, staged: string, rounds: number, firstHookOnly = false): PullCommit {
  const up = path.join(root, '.bench-tmp', 'pull-upstream');
  const down = path.join(root, '.bench-tmp', 'pull-clone');
  for (const dir of [up, down]) fs.rmSync(dir, { recursive: true, force: true });
  git(root, ['clone', '-q', source, up]);
  git(root, ['clone', '-q', up, down]);
  for (const dir of [up, down]) {
    git(dir, ['config', 'user.email', 'bench@example.com']);
    git(dir, ['config', 'user.name', 'Bench']);
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['CHANGE_RADAR_NO_CACHE', 'CHANGE_RADAR_YAML', 'CHANGE_RADAR_SKIP']) delete env[name];
  const install = run(process.execPath, [cli, 'hook', 'install'], down, env);
  if (install.code !== 0) throw new Disagreement(`case 11: hook install failed: ${install.stderr}`);
  const manifest = path.join(up, 'ops.yaml');
  const original = fs.readFileSync(manifest, 'utf8');
  if (!/^ +title: "Freeze [^"\n]*"$/m.test(original)) throw new Disagreement('case 11: no freeze title to change in the generated manifest');
  const times = { firstWarm: [] as number[], firstCold: [] as number[], warm: [] as number[], cold: [] as number[], bare: [] as number[], node: [] as number[] };
  let edits = 0;
  /**
   * One round trip: upstream changes a freeze, the clone pulls, then stages a file and times the
   * first hook alone, or a commit (with or without hooks), which it then drops.
   */
  const pullAndCommit = (variant: 'warm' | 'cold', what: 'first-hook' | 'commit' | 'bare'): number => {
    fs.writeFileSync(manifest, original.replace(/^( +title: "Freeze )[^"\n]*"$/m, `$1pulled ${edits++}"`));
    git(up, ['commit', '-q', '-am', `freeze title ${edits}`]);
    const cache = path.join(down, '.git', 'change-radar');
    const before = entries(cache);
    git(down, ['pull', '-q', '--no-rebase'], variant === 'warm' ? env : { ...env, CHANGE_RADAR_SKIP: '1' });
    if (variant === 'warm') warmRunEnded(cache, before);
    sleep(200);
    fs.appendFileSync(path.join(down, staged), `${edits}\n`);
    git(down, ['add', staged]);
    if (what === 'first-hook') {
      const hook = run(process.execPath, [cli, 'hook', 'run', 'pre-commit'], down, env);
      if (hook.code !== 0) throw new Disagreement(`case 11: hook run pre-commit failed: ${hook.stderr.slice(-500)}`);
      git(down, ['reset', '-q', '--hard']);
      return hook.ms;
    }
    const commit = run('git', ['commit', '-q', ...(what === 'commit' ? [] : ['--no-verify']), '-m', 'change'], down, env);
    // A commit into a block freeze is refused (exit 1): timed all the same, then put back.
    if (commit.code !== 0 && commit.code !== 1) throw new Disagreement(`case 11: the commit failed: ${commit.stderr.slice(-500)}`);
    git(down, ['reset', '-q', '--hard', 'HEAD' + (commit.code === 0 ? '~1' : '')]);
    return commit.ms;
  };
  if (!firstHookOnly) {
    pullAndCommit('warm', 'commit');
    pullAndCommit('cold', 'commit');
  }
  for (let round = 0; round < rounds; round++) {
    const order: Array<'warm' | 'cold'> = round % 2 === 0 ? ['warm', 'cold'] : ['cold', 'warm'];
    for (const variant of order) times[variant === 'warm' ? 'firstWarm' : 'firstCold'].push(pullAndCommit(variant, 'first-hook'));
    if (!firstHookOnly) {
      for (const variant of order) times[variant].push(pullAndCommit(variant, 'commit'));
      times.bare.push(pullAndCommit('warm', 'bare'));
    }
    times.node.push(run(process.execPath, ['-e', '0'], down).ms);
  }
  const firsts = { firstWarm: summarize(times.firstWarm), firstCold: summarize(times.firstCold), node: summarize(times.node) };
  return firstHookOnly ? firsts : { ...firsts, warm: summarize(times.warm), cold: summarize(times.cold), bare: summarize(times.bare) };
}
