import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath } from './support/buildCli';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { cleanEnv, TempRepo } from './support/tempRepo';

/**
 * Nothing the CLI reads may hang it: a FIFO or a device where a cache entry or a commit message
 * file should be is refused without being read. Every run here has a time limit, so a regression
 * fails (killed, with its signal) instead of hanging the suite.
 */

const limitMs = 20_000;

function timed(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: limitMs, killSignal: 'SIGKILL' });
  assert.strictEqual(result.signal, null, `${path.basename(command)} ${args.join(' ')} hung and was killed after ${limitMs} ms`);
  return result;
}

function cli(repo: TempRepo, args: readonly string[]): SpawnSyncReturns<string> {
  return timed(process.execPath, [cliPath, ...args], repo.dir);
}

function mkfifo(file: string): void {
  const made = spawnSync('mkfifo', [file]);
  assert.strictEqual(made.status, 0, `mkfifo ${file}: ${String(made.stderr)}`);
}

describe('no hang on a FIFO or a device', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
  });

  it('a FIFO at each parse-cache entry: check and a commit through the hooks run (a miss), and the freeze still blocks', () => {
    assert.strictEqual(cli(repo, ['hook', 'install']).status, 0);
    assert.strictEqual(cli(repo, ['check', 'services/checkout/pay.ts']).status, 1);
    const cacheDir = repo.path('.git/change-radar');
    const entries = fs.readdirSync(cacheDir).filter((name) => name.endsWith('.json'));
    assert.ok(entries.length >= 2, `the manifest and its path index are cached: ${entries.join(', ')}`);
    for (const name of entries) {
      fs.rmSync(path.join(cacheDir, name));
      mkfifo(path.join(cacheDir, name));
    }
    const check = cli(repo, ['check', 'services/checkout/pay.ts']);
    assert.strictEqual(check.status, 1, check.stderr);
    assert.match(check.stdout, /forever/);

    // The hooks read the manifest in the index, as `check --staged` does: those entries are FIFOs too.
    repo.write({ 'services/checkout/pay.ts': 'changed\n' });
    repo.git('add', 'services/checkout/pay.ts');
    assert.strictEqual(cli(repo, ['check', '--staged']).status, 1);
    const staged = fs.readdirSync(cacheDir).filter((name) => name.endsWith('.json') && !entries.includes(name));
    assert.ok(staged.length >= 2, `the index's manifest and its path index are cached: ${staged.join(', ')}`);
    for (const name of [...entries, ...staged]) {
      if (!fs.lstatSync(path.join(cacheDir, name)).isFIFO()) {
        fs.rmSync(path.join(cacheDir, name));
        mkfifo(path.join(cacheDir, name));
      }
    }
    const commit = timed('git', ['commit', '-m', 'change checkout'], repo.dir);
    assert.notStrictEqual(commit.status, 0, 'the frozen commit is refused');
    assert.match(commit.stderr, /commit blocked by a change freeze/);
    // The hooks wrote their entries again, as regular files (they read no CODEOWNERS: that one stays a FIFO).
    for (const name of staged.filter((n) => !n.startsWith('codeowners-'))) assert.ok(fs.lstatSync(path.join(cacheDir, name)).isFile(), name);
  });

  it('check --message-file /dev/zero or a FIFO: a clear error, exit 2', () => {
    mkfifo(repo.path('msg.fifo'));
    for (const [file, kind] of [['/dev/zero', 'a character device'], ['msg.fifo', 'a FIFO'], ['.', 'a directory']] as const) {
      const result = cli(repo, ['check', '--staged', '--message-file', file]);
      assert.strictEqual(result.status, 2, result.stderr);
      assert.strictEqual(result.stderr, `change-radar: commit message file ${file}: not a regular file (${kind}); refused\n`);
    }
  });

  it('check --message-file: a file over 1 MiB is refused; a missing file is a clear error', () => {
    fs.writeFileSync(repo.path('big.txt'), 'x'.repeat(1024 * 1024 + 1));
    const big = cli(repo, ['check', '--staged', '--message-file', 'big.txt']);
    assert.strictEqual(big.status, 2, big.stderr);
    assert.strictEqual(big.stderr, 'change-radar: commit message file big.txt: larger than 1048576 bytes; refused\n');
    const missing = cli(repo, ['check', '--staged', '--message-file', 'nope.txt']);
    assert.strictEqual(missing.status, 2, missing.stderr);
    assert.match(missing.stderr, /^change-radar: commit message file nope\.txt: no such file \(ENOENT\); refused\n$/);
  });

  it('check --message-file still honours the trailer of a regular file', () => {
    fs.writeFileSync(repo.path('msg.txt'), 'change checkout\n\nFreeze-Override: hotfix for INC-9\n');
    const result = cli(repo, ['check', 'services/checkout/pay.ts', '--message-file', 'msg.txt']);
    assert.strictEqual(result.status, 0, result.stdout + result.stderr);
  });

  it('hook run commit-msg /dev/zero or a FIFO: the commit is refused (fail closed) with a clear message', () => {
    mkfifo(repo.path('msg.fifo'));
    repo.write({ 'free/a.txt': 'changed\n' });
    repo.git('add', 'free/a.txt');
    for (const [file, kind] of [['/dev/zero', 'a character device'], ['msg.fifo', 'a FIFO']] as const) {
      const result = cli(repo, ['hook', 'run', 'commit-msg', file]);
      assert.strictEqual(result.status, 2, result.stderr);
      assert.strictEqual(result.stderr, `change-radar: commit message file ${file}: not a regular file (${kind}); refused\n`);
    }
  });
});
