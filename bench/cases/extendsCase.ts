import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureRepo } from '../benchRepo';
import { ensureProductionBuild, root } from '../build';
import type { CaseResult, Context } from '../context';
import { Disagreement } from '../context';
import { formatMs, summarize } from '../measure';

/**
 * Case 10 (issue 25): with the cache warm, a commit's check with two `extends:` entries (two
 * organisation repositories, pinned by commit, read from the verified cache under
 * .git/change-radar/extends/) against the same run with their entries copied inline. Goal: within
 * 20 ms. Both repositories hold the same 300 systems (tagged and tiered) and the same 10 staged
 * files; the two answers are checked to agree (the freezes that apply, by id) before timing.
 */

const systems = 300;
const stagedCount = 10;
const at = '2026-06-15T12:00:00Z';

function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
}

/** Organisation freezes, incidents and approvers: selected by tag, by tier and by system id. */
function policy(name: string, count: number): string {
  const freezes = Array.from({ length: count }, (_, i) => [
    `  - id: ${name}-freeze-${i}`,
    `    title: ${name} freeze ${i}`,
    i % 3 === 0 ? '    tags: [pci]' : i % 3 === 1 ? '    tiers: [1]' : `    systems: [sys-${(i * 7) % systems}, not-here-${i}]`,
    i % 2 === 0 ? '    start: 2026-06-01 00:00\n    end: 2026-07-01 00:00' : '    schedule: { start: "0 18 * * 5", end: "0 6 * * 1" }',
    `    enforcement: ${i % 4 === 0 ? 'block' : 'warn'}`,
  ].join('\n'));
  return `version: 1\ntimezone: Europe/Berlin\noverrideApprovers: ["@cab"]\nfreezes:\n${freezes.join('\n')}\n`;
}

function systemsYaml(): string {
  const lines = ['systems:'];
  for (let i = 0; i < systems; i++) {
    lines.push(`  sys-${i}:`, `    paths: [svc/s${i}/]`, ...(i % 5 === 0 ? ['    tags: [pci]'] : []), ...(i % 7 === 0 ? ['    tier: 1'] : []));
  }
  return `${lines.join('\n')}\n`;
}

/** A bare organisation repository holding `ops.yaml`; its commit id (the pin). */
function orgRepo(name: string, text: string): string {
  const bare = path.join(root, '.bench-tmp', `org-${name}.git`);
  const work = path.join(root, '.bench-tmp', `org-${name}-work`);
  fs.rmSync(bare, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
  git(root, ['init', '-q', '--bare', bare]);
  git(root, ['init', '-q', '-b', 'main', work]);
  fs.writeFileSync(path.join(work, 'ops.yaml'), text);
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
  git(work, ['add', 'ops.yaml'], env);
  git(work, ['commit', '-q', '-m', 'policy'], env);
  git(work, ['push', '-q', bare, 'main'], env);
  return git(work, ['rev-parse', 'HEAD']);
}

export function extendsCase(ctx: Context): CaseResult {
  ensureProductionBuild();
  const cli = path.join(root, 'dist', 'cli.js');
  const texts = { acme: policy('acme', 10), holidays: policy('holidays', 10) };
  const pins = { acme: orgRepo('acme', texts.acme), holidays: orgRepo('holidays', texts.holidays) };
  const entriesOf = (text: string): string => text.slice(text.indexOf('freezes:\n') + 'freezes:\n'.length);
  const extended = `version: 1\ntimezone: Europe/Berlin\nextends:\n${(['acme', 'holidays'] as const).map((name) =>
    `  - id: ${name}\n    git: file://${path.join(root, '.bench-tmp', `org-${name}.git`)}\n    ref: ${pins[name]}`).join('\n')}\n${systemsYaml()}`;
  // Inline: the same entries, minus what only an organisation file may say (approvers), and the
  // ids of systems this repository does not have (an error in a repository's own file).
  const inlineFreezes = (entriesOf(texts.acme) + entriesOf(texts.holidays)).replace(/, not-here-\d+/g, '');
  const inline = `version: 1\ntimezone: Europe/Berlin\n${systemsYaml()}freezes:\n${inlineFreezes}`;
  const paths = Array.from({ length: 2_000 }, (_, i) => `svc/s${i % systems}/f${i}.ts`);
  const staged = paths.filter((_, i) => i % Math.floor(paths.length / stagedCount) === 0).slice(0, stagedCount);
  const repos = { extended: ensureRepo('extends-2', paths, { 'ops.yaml': extended }), inline: ensureRepo('extends-inline', paths, { 'ops.yaml': inline }) };
  for (const dir of Object.values(repos)) {
    for (const file of staged) fs.appendFileSync(path.join(dir, file), '// change\n');
    git(dir, ['add', '--', ...staged]);
  }
  const args = [cli, 'check', '--staged', '--at', at];
  const run = (dir: string, extra: readonly string[] = []): { status: number | null; stdout: string; ms: number } => {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [...args, ...extra], { cwd: dir, encoding: 'utf8', env: process.env });
    return { status: result.status, stdout: result.stdout, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  // First runs fetch the pins into the cache and fill the parse cache; then the answers must agree.
  const ids = (stdout: string): string[] => (JSON.parse(stdout) as { freezes: Array<{ id: string }> }).freezes.map((f) => f.id).sort();
  const a = run(repos.extended, ['--format', 'json']);
  const b = run(repos.inline, ['--format', 'json']);
  if (a.status !== b.status || JSON.stringify(ids(a.stdout)) !== JSON.stringify(ids(b.stdout))) {
    throw new Disagreement(`case 10: extended (exit ${a.status}: ${ids(a.stdout).join(',')}) and inline (exit ${b.status}: ${ids(b.stdout).join(',')}) disagree`);
  }
  const { warmup, runs } = ctx.options;
  const times: Record<'extended' | 'inline', number[]> = { extended: [], inline: [] };
  for (let round = 0; round < warmup + Math.max(runs, 9); round++) {
    for (const name of ['inline', 'extended'] as const) {
      const ran = run(repos[name]);
      if (round >= warmup) times[name].push(ran.ms);
    }
  }
  const extendedSample = summarize(times.extended);
  const inlineSample = summarize(times.inline);
  const extra = extendedSample.median - inlineSample.median;
  return {
    title: `Case 10 — extends: a commit's check with two pinned organisation manifests vs the same entries inline (${systems} systems, ${stagedCount} staged files, cache warm)`,
    rows: [
      { label: 'check --staged, two extends (verified cache)', sample: extendedSample },
      { label: 'check --staged, the same entries inline', sample: inlineSample },
    ],
    goals: [{ goal: 'two extends within 20 ms of the same entries inline (cache warm)', measured: `${extra >= 0 ? '+' : ''}${formatMs(extra)}`, met: extra <= 20 }],
    notes: [`Both answer the same: exit ${a.status}, freezes ${ids(a.stdout).length} (${ids(a.stdout).slice(0, 4).join(', ')}, …).`],
  };
}
