// The ways teams run the CLI, each run locally against a real repository: the npm-pack tarball (no
// checkout, bundled dependencies) through npx and a global install, the GitHub Action's steps as
// action.yml writes them, the pre-commit framework's hook entries, and the husky/lefthook recipes.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { packCli } from '../../scripts/packCli';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { cleanEnv, run, TempRepo, tempDir } from './support/tempRepo';
import { repoRoot } from './support/buildCli';

interface ActionStep { readonly run: string; readonly shell: string; readonly env?: Record<string, string>; readonly 'working-directory'?: string }
interface HookEntry { readonly id: string; readonly entry: string; readonly stages: readonly string[]; readonly pass_filenames?: boolean }

/** Waits (at most 30 s) for a warm run started in the background to have kept the manifest of `repo` and ended. */
async function warmRunEnded(repo: TempRepo): Promise<void> {
  const cache = repo.path('.git/change-radar');
  for (let i = 0; i < 300; i++) {
    const files = fs.existsSync(cache) ? fs.readdirSync(cache) : [];
    if (files.some((file) => file.startsWith('manifest-')) && !files.includes('warm.lock')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('no warm run kept the manifest');
}

/** A repository whose second commit touches a system under a block freeze that is always on. */
function frozenChange(): { repo: TempRepo; base: string } {
  const repo = TempRepo.withCommit({ ...baseFiles, 'ops.yaml': alwaysManifest });
  const base = repo.head();
  repo.write({ 'services/checkout/pay.ts': 'export const pay = 2;\n' });
  repo.git('commit', '-qam', 'touch checkout');
  return { repo, base };
}

describe('packaging', function () {
  this.timeout(180_000);
  let tarball: string;
  let bin: string;

  before(async () => {
    tarball = await packCli();
    const prefix = tempDir('change-radar-prefix-');
    const install = run('npm', ['install', '-g', '--prefix', prefix, tarball, '--offline', '--no-audit', '--no-fund'], prefix);
    assert.strictEqual(install.code, 0, install.stderr);
    bin = path.join(prefix, 'bin');
  });

  const withBin = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
    const env = cleanEnv(extra);
    return { ...env, PATH: `${bin}${path.delimiter}${env.PATH ?? ''}` };
  };

  it('packs the bundled CLI (entry and the bundles it loads on demand): no dependencies to install, a bin named change-radar', () => {
    const listing = run('tar', ['tzf', tarball], repoRoot).stdout.split('\n').filter((line) => line !== '').sort();
    assert.deepStrictEqual(listing, ['package/LICENSE', 'package/README.md', 'package/cli-extra.js', 'package/cli-main.js', 'package/cli-parser.js', 'package/cli.js', 'package/package.json']);
    const pkg = JSON.parse(run('tar', ['xzf', tarball, '-O', 'package/package.json'], repoRoot).stdout) as Record<string, unknown>;
    assert.deepStrictEqual(pkg.bin, { 'change-radar': 'cli.js' });
    assert.strictEqual(pkg.dependencies, undefined);
  });

  it('runs through npx from the tarball, outside this checkout, offline', () => {
    const { repo } = frozenChange();
    const cache = tempDir('change-radar-npx-cache-');
    const result = run('npx', ['--yes', '--offline', '--cache', cache, '--package', tarball, '--', 'change-radar', 'check', '--format', 'json', 'services/checkout/pay.ts'], repo.dir);
    assert.strictEqual(result.code, 1, result.stderr);
    assert.strictEqual((JSON.parse(result.stdout) as { blocked: boolean }).blocked, true);
    assert.strictEqual(run('npx', ['--yes', '--offline', '--cache', cache, '--package', tarball, '--', 'change-radar', 'validate'], repo.dir).code, 0);
  });

  it('runs the GitHub Action\'s steps as action.yml writes them: annotations, job summary, exit 1 on a block', () => {
    const action = parse(fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { runs: { using: string; steps: ActionStep[] } };
    assert.strictEqual(action.runs.using, 'composite');
    const { repo, base } = frozenChange();
    const summary = path.join(tempDir(), 'summary.md');
    const inputs: Record<string, string> = { base, manifest: '', 'working-directory': '.' };
    const expand = (text: string): string => text
      .replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? '')
      .replace(/\$\{\{[^}]*\}\}/g, '');
    const results = action.runs.steps.map((step) => {
      assert.strictEqual(step.shell, 'bash');
      const env: Record<string, string> = { GITHUB_ACTION_PATH: repoRoot, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' };
      for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(value);
      return run('bash', ['-c', expand(step.run)], path.resolve(repo.dir, expand(step['working-directory'] ?? '.')), cleanEnv(env));
    });
    assert.strictEqual(results[0].code, 0, results[0].stderr);
    const check = results[1];
    assert.strictEqual(check.code, 1, check.stderr);
    assert.match(check.stdout, /^::error file=services\/checkout\/pay\.ts/m);
    assert.match(fs.readFileSync(summary, 'utf8'), /Forever freeze/);
    // Without a base: a located error, exit 2.
    const none = run('bash', ['-c', expand(action.runs.steps[1].run)], repo.dir, cleanEnv({ GITHUB_ACTION_PATH: repoRoot }));
    assert.strictEqual(none.code, 2);
    assert.match(none.stdout, /::error title=Change Radar::no base/);
  });

  it('runs the pre-commit framework\'s hook entries with the installed CLI', async () => {
    const hooks = parse(fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as HookEntry[];
    const preCommit = hooks.find((hook) => hook.stages.includes('pre-commit'));
    const commitMsg = hooks.find((hook) => hook.stages.includes('commit-msg'));
    const warm = hooks.find((hook) => hook.stages.includes('post-merge'));
    assert.ok(preCommit && commitMsg && warm);
    assert.deepStrictEqual(warm.stages, ['post-merge', 'post-checkout', 'post-rewrite']);
    const repo = TempRepo.withCommit({ ...baseFiles, 'ops.yaml': alwaysManifest });
    repo.write({ 'services/checkout/pay.ts': 'export const pay = 3;\n' });
    repo.git('add', '-A');
    // pre-commit runs `entry` (plus file names unless pass_filenames is false) through a shell-like split.
    const shown = run('bash', ['-c', preCommit.entry], repo.dir, withBin());
    assert.strictEqual(shown.code, 0, shown.stderr);
    assert.match(shown.stderr, /Forever freeze/);
    repo.write({ '.git/COMMIT_EDITMSG': 'Change pay\n' });
    assert.strictEqual(run('bash', ['-c', `${commitMsg.entry} .git/COMMIT_EDITMSG`], repo.dir, withBin()).code, 1);
    repo.write({ '.git/COMMIT_EDITMSG': 'Change pay\n\nFreeze-Override: hotfix for INC-9\n' });
    assert.strictEqual(run('bash', ['-c', `${commitMsg.entry} .git/COMMIT_EDITMSG`], repo.dir, withBin()).code, 0);
    // The warm entry returns at once, silent, and reads the manifest into the (emptied) cache in the background.
    fs.rmSync(repo.path('.git/change-radar'), { recursive: true, force: true });
    const warmed = run('bash', ['-c', warm.entry], repo.dir, withBin());
    assert.deepStrictEqual([warmed.code, warmed.stdout, warmed.stderr], [0, '', '']);
    await warmRunEnded(repo);
  });

  it('runs the husky and lefthook recipes of docs/cli.md as written', async () => {
    const docs = fs.readFileSync(path.join(repoRoot, 'docs', 'cli.md'), 'utf8');
    const postMerge = /```sh title=\.husky\/post-merge\n([^`]*)```/.exec(docs)?.[1];
    assert.ok(postMerge, 'docs/cli.md has the post-merge recipe');
    const husky = /```sh title=\.husky\/commit-msg\n([^`]*)```/.exec(docs)?.[1];
    const lefthook = /```yaml title=lefthook\.yml\n([^`]*)```/.exec(docs)?.[1];
    assert.ok(husky && lefthook, 'docs/cli.md has both recipes');
    const { repo } = frozenChange();
    repo.git('reset', '-q', '--soft', 'HEAD~1');
    repo.write({ msg: 'Change pay\n' });
    // husky runs the file with the message file as $1.
    assert.strictEqual(run('bash', ['-c', husky, 'commit-msg', 'msg'], repo.dir, withBin()).code, 1);
    const config = parse(lefthook) as Record<string, { commands: Record<string, { run: string }> }>;
    const lefthookRun = Object.values(config['commit-msg'].commands)[0].run.replace('{1}', 'msg');
    assert.strictEqual(run('bash', ['-c', lefthookRun], repo.dir, withBin()).code, 1);
    repo.write({ msg: 'Change pay\n\nFreeze-Override: approved by @cto\n' });
    assert.strictEqual(run('bash', ['-c', lefthookRun], repo.dir, withBin()).code, 0);
    fs.rmSync(repo.path('.git/change-radar'), { recursive: true, force: true });
    const warmed = run('bash', ['-c', postMerge, 'post-merge', '0'], repo.dir, withBin());
    assert.deepStrictEqual([warmed.code, warmed.stdout, warmed.stderr], [0, '', '']);
    await warmRunEnded(repo);
  });
});
