import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { copyCliIntoGitDir, installHooks } from '../../src/node/hookInstaller';
import { cliBundleFiles } from '../../src/node/hookScript';
import { cliPath } from './support/buildCli';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { TempRepo, tempDir } from './support/tempRepo';

/**
 * Real `git commit`s through hooks whose recorded node or CLI has gone (a node version switch, a
 * reinstall, a moved checkout): the hook finds another, or, when none is left, strict hooks refuse
 * the commit and others warn. PATH is a folder of our own, so "node on PATH" is exactly what a test puts there.
 */

/** A folder holding `name` → `target` symlinks. */
function binDir(links: Record<string, string>): string {
  const dir = tempDir('change-radar-bin-');
  for (const [name, target] of Object.entries(links)) fs.symlinkSync(target, path.join(dir, name));
  return dir;
}

/** What the hook script needs besides node: git and two tools. */
function toolsDir(): string {
  const which = (tool: string): string => ['/usr/bin', '/bin'].map((dir) => path.join(dir, tool)).find((file) => fs.existsSync(file)) ?? tool;
  return binDir({ git: which('git'), dirname: which('dirname'), grep: which('grep') });
}

/** A copy of the built CLI (all its bundles) in a folder of its own; returns the copy of cli.js. */
function copyOfCli(dir = tempDir('change-radar-cli-')): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of cliBundleFiles) fs.copyFileSync(path.join(path.dirname(cliPath), file), path.join(dir, file));
  fs.chmodSync(path.join(dir, 'cli.js'), 0o755);
  return path.join(dir, 'cli.js');
}

describe('installed hooks whose recorded node or CLI has gone', () => {
  let repo: TempRepo;
  let nodeLink: string;
  let recordedCli: string;
  let tools: string;

  async function install(strict = false): Promise<void> {
    await installHooks({ cwd: repo.dir, nodePath: nodeLink, cliPath: recordedCli, version, ...(strict ? { strict } : {}) });
  }

  function commit(file: string, pathDirs: readonly string[]): ReturnType<TempRepo['tryGit']> {
    repo.write({ [file]: `changed ${Math.random()}\n` });
    repo.git('add', file);
    return repo.tryGit(['commit', '-m', `change ${file}`], { PATH: [...pathDirs, tools].join(path.delimiter) });
  }

  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
    nodeLink = path.join(binDir({ node: process.execPath }), 'node');
    recordedCli = copyOfCli();
    tools = toolsDir();
  });

  it('the recorded paths work: a frozen commit is refused (the baseline)', async () => {
    await install();
    const result = commit('services/checkout/pay.ts', []);
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /commit blocked by a change freeze/);
  });

  it('recorded node gone (nvm switch): runs the recorded CLI with node from PATH, and refuses the frozen commit', async () => {
    await install();
    fs.unlinkSync(nodeLink);
    const head = repo.head();
    const result = commit('services/checkout/pay.ts', [binDir({ node: process.execPath })]);
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /commit blocked by a change freeze/);
    assert.strictEqual(repo.head(), head);
    assert.match(repo.cli(['hook', 'status']).stdout, /pre-commit: outdated \(change-radar [\d.]+\): the node it runs is missing: /);
  });

  it('recorded CLI gone: runs the repository\'s node_modules/.bin/change-radar with the recorded node', async () => {
    await install();
    fs.rmSync(path.dirname(recordedCli), { recursive: true });
    const installed = copyOfCli(repo.path('node_modules/change-radar/dist'));
    fs.mkdirSync(repo.path('node_modules/.bin'));
    fs.symlinkSync(path.relative(repo.path('node_modules/.bin'), installed), repo.path('node_modules/.bin/change-radar'));
    const result = commit('services/checkout/pay.ts', []);
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /commit blocked by a change freeze/);
  });

  it('recorded CLI gone: runs the CLI copy in the git directory (.git/change-radar/cli.js)', async () => {
    await install();
    await copyCliIntoGitDir(repo.dir, cliPath, version);
    fs.rmSync(path.dirname(recordedCli), { recursive: true });
    const result = commit('services/checkout/pay.ts', []);
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /commit blocked by a change freeze/);
  });

  it('recorded node and CLI gone (moved checkout): runs change-radar from PATH', async () => {
    await install();
    fs.unlinkSync(nodeLink);
    fs.rmSync(path.dirname(recordedCli), { recursive: true });
    const result = commit('services/checkout/pay.ts', [binDir({ 'change-radar': copyOfCli(), node: process.execPath })]);
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /commit blocked by a change freeze/);
  });

  it('nothing found, strict hooks: refuses every commit, saying how to repair', async () => {
    await install(true);
    fs.unlinkSync(nodeLink);
    const head = repo.head();
    const result = commit('free/a.txt', []);
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.strictEqual(repo.head(), head, 'no commit was made');
    assert.match(result.stderr, /hooks are strict: commit refused/);
    assert.match(result.stderr, /change-radar hook install/);
  });

  it('nothing found, hooks.strict: true in the manifest: refuses too', async () => {
    repo.write({ 'ops.yaml': `${alwaysManifest}hooks:\n  strict: true\n` });
    repo.git('commit', '-qam', 'strict hooks');
    await install();
    fs.rmSync(path.dirname(recordedCli), { recursive: true });
    fs.unlinkSync(nodeLink);
    const result = commit('free/a.txt', []);
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /hooks are strict: commit refused/);
  });

  it('nothing found, not strict: lets the commit through, warning after every fallback failed', async () => {
    await install();
    fs.unlinkSync(nodeLink);
    const result = commit('services/checkout/pay.ts', []);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /no other node or change-radar was found/);
    assert.match(result.stderr, /this commit is NOT checked\. Repair the hooks with 'change-radar hook install'/);
  });
});

describe('the commit-msg refusal', () => {
  it('offers the audited Freeze-Override trailer, not the unaudited CHANGE_RADAR_SKIP', () => {
    const repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
    assert.strictEqual(repo.cli(['hook', 'install']).code, 0);
    repo.write({ 'services/checkout/pay.ts': 'changed\n' });
    repo.git('add', 'services/checkout/pay.ts');
    const result = repo.tryGit(['commit', '-m', 'change checkout']);
    assert.notStrictEqual(result.code, 0);
    assert.match(result.stderr, /Freeze-Override: hotfix for INC-123/);
    assert.doesNotMatch(result.stderr, /CHANGE_RADAR_SKIP/);
  });
});
