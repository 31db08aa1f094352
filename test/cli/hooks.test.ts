import { spawnSync } from 'node:child_process';
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath } from './support/buildCli';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { TempRepo, tempDir } from './support/tempRepo';

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    out[name] = `${mode(file).toString(8)}:${fs.readFileSync(file, 'base64')}`;
  }
  return out;
}

describe('change-radar hook install/uninstall/status', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
  });

  it('installs the five hooks into an empty repository, executable, calling the CLI by absolute path', () => {
    const hooks = repo.path('.git/hooks');
    const result = repo.cli(['hook', 'install']);
    assert.strictEqual(result.code, 0, result.stderr);
    for (const hook of ['pre-commit', 'commit-msg', 'post-merge', 'post-checkout', 'post-rewrite']) {
      const text = fs.readFileSync(path.join(hooks, hook), 'utf8');
      assert.match(text, new RegExp(`^#!/bin/sh\\n# change-radar hook: ${hook} \\(change-radar \\d+\\.\\d+\\.\\d+, format 3\\)\\n`));
      assert.ok(text.includes(`node='${process.execPath}'`));
      assert.ok(text.includes(`cli='${cliPath}'`));
      assert.strictEqual(mode(path.join(hooks, hook)), 0o755);
    }
    assert.match(repo.cli(['hook', 'status']).stdout, /pre-commit: installed \(change-radar [\d.]+\)\n {2}commit-msg: installed.*\n {2}post-merge: installed.*\n {2}post-checkout: installed.*\n {2}post-rewrite: installed/);
    // As hooks installed before the warm hooks existed: status says what is missing and how to add it.
    fs.rmSync(path.join(hooks, 'post-merge'));
    assert.match(repo.cli(['hook', 'status']).stdout, /\n {2}post-merge: absent \(optional: reads the manifest ahead after a pull or checkout; `change-radar hook install` adds it\)\n/);
    assert.match(repo.cli(['hook', 'install']).stdout, /post-merge: installed/);
  });

  it('is idempotent: a second install changes nothing', () => {
    repo.cli(['hook', 'install']);
    const first = snapshot(repo.path('.git/hooks'));
    const again = repo.cli(['hook', 'install']);
    assert.match(again.stdout, /pre-commit: already installed/);
    assert.deepStrictEqual(snapshot(repo.path('.git/hooks')), first);
  });

  it('chains to an existing hook (run first, args and exit code kept) and uninstall restores it byte for byte', () => {
    const hooks = repo.path('.git/hooks');
    const before = snapshot(hooks);
    const foreign = '#!/bin/sh\necho "foreign commit-msg saw $1" >&2\n[ -n "$FAIL_FOREIGN" ] && exit 7\nexit 0\n';
    fs.writeFileSync(path.join(hooks, 'commit-msg'), foreign, { mode: 0o750 });
    fs.chmodSync(path.join(hooks, 'commit-msg'), 0o750);
    const withForeign = snapshot(hooks);

    const install = repo.cli(['hook', 'install']);
    assert.match(install.stdout, /commit-msg: installed; the existing hook now runs first from commit-msg\.change-radar-chained/);
    assert.strictEqual(fs.readFileSync(path.join(hooks, 'commit-msg.change-radar-chained'), 'utf8'), foreign);
    assert.match(repo.cli(['hook', 'status']).stdout, /commit-msg: installed .*runs the previous hook first/);

    repo.write({ 'free/b.txt': 'b\n' });
    repo.git('add', 'free/b.txt');
    const ok = repo.tryGit(['commit', '-m', 'free change']);
    assert.strictEqual(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /foreign commit-msg saw \.git\/COMMIT_EDITMSG/);
    repo.write({ 'free/c.txt': 'c\n' });
    repo.git('add', 'free/c.txt');
    const failing = repo.tryGit(['commit', '-m', 'free change'], { FAIL_FOREIGN: '1' });
    assert.notStrictEqual(failing.code, 0, 'the foreign hook still refuses the commit');

    const uninstall = repo.cli(['hook', 'uninstall']);
    assert.match(uninstall.stdout, /commit-msg: removed; the previous hook is back in place/);
    assert.match(uninstall.stdout, /pre-commit: removed/);
    assert.deepStrictEqual(snapshot(hooks), withForeign);
    fs.unlinkSync(path.join(hooks, 'commit-msg'));
    assert.deepStrictEqual(snapshot(hooks), before);
  });

  it('refuses to guess when both a foreign hook and a chained one exist', () => {
    const hooks = repo.path('.git/hooks');
    fs.writeFileSync(path.join(hooks, 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    fs.writeFileSync(path.join(hooks, 'pre-commit.change-radar-chained'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const result = repo.cli(['hook', 'install']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stdout, /pre-commit: both .* exist/);
    assert.strictEqual(fs.readFileSync(path.join(hooks, 'pre-commit'), 'utf8'), '#!/bin/sh\nexit 0\n');
  });

  it('installs into core.hooksPath when it points outside the repository', () => {
    const shared = tempDir('change-radar-hooks-');
    repo.git('config', 'core.hooksPath', shared);
    const result = repo.cli(['hook', 'install']);
    assert.match(result.stdout, new RegExp(`hooks folder: ${shared}`));
    assert.ok(fs.existsSync(path.join(shared, 'pre-commit')));
    assert.ok(!fs.existsSync(repo.path('.git/hooks/pre-commit')));
    repo.cli(['hook', 'uninstall']);
    assert.deepStrictEqual(fs.readdirSync(shared), []);
  });

  it('prints a snippet instead of writing when core.hooksPath is a versioned folder in the repository', () => {
    repo.write({ '.githooks/pre-commit': '#!/bin/sh\nexit 0\n' });
    repo.git('config', 'core.hooksPath', '.githooks');
    const result = repo.cli(['hook', 'install']);
    assert.strictEqual(result.code, 0);
    assert.match(result.stdout, /hook manager: core\.hooksPath \(core\.hooksPath = \.githooks\)/);
    assert.match(result.stdout, /# \.githooks\/commit-msg\n'.*' '.*cli\.js' hook run commit-msg "\$1"/);
    assert.match(result.stdout, /# \.githooks\/post-checkout\n\('.*' '.*cli\.js' hook run post-checkout <\/dev\/null >\/dev\/null 2>&1 &\)/);
    assert.deepStrictEqual(fs.readdirSync(repo.path('.githooks')), ['pre-commit']);
    assert.strictEqual(repo.read('.githooks/pre-commit'), '#!/bin/sh\nexit 0\n');
  });

  it('prints a snippet for husky, lefthook and the pre-commit framework', () => {
    const cases: Array<[string, RegExp]> = [
      ['.husky/pre-commit', /# \.husky\/pre-commit\n[\s\S]*# \.husky\/post-merge\n\(.* hook run post-merge .*&\)\n/],
      ['lefthook.yml', /commit-msg:\n {2}commands:\n {4}change-radar:\n {6}run: ".* hook run commit-msg \{1\}"[\s\S]*post-rewrite:\n {2}commands:\n {4}change-radar:\n {6}run: "\(.* hook run post-rewrite .*&\)"/],
      ['.pre-commit-config.yaml', /- id: change-radar-commit-msg[\s\S]*stages: \[commit-msg\][\s\S]*entry: "sh -c '\(.* hook run post-merge .*&\)'"[\s\S]*stages: \[post-merge, post-checkout, post-rewrite\]\n# then: pre-commit install --hook-type pre-commit --hook-type commit-msg --hook-type post-merge --hook-type post-checkout --hook-type post-rewrite/],
    ];
    for (const [file, snippet] of cases) {
      const managed = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, [file]: 'x\n' });
      const result = managed.cli(['hook', 'install']);
      assert.match(result.stdout, /change-radar wrote nothing/, file);
      assert.match(result.stdout, snippet, file);
      assert.ok(!fs.existsSync(managed.path('.git/hooks/pre-commit')), file);
    }
  });

  it('installs into the shared hooks folder from a linked worktree, where commits are then checked', () => {
    const worktree = path.join(tempDir('change-radar-wt-'), 'wt');
    repo.git('worktree', 'add', '-q', '-b', 'side', worktree);
    const result = repo.cli(['hook', 'install', '--cwd', worktree]);
    assert.match(result.stdout, new RegExp(`hooks folder: ${repo.path('.git/hooks')}`));
    fs.writeFileSync(path.join(worktree, 'services/checkout/pay.ts'), 'changed\n');
    const add = repo.tryGit(['-C', worktree, 'add', 'services/checkout/pay.ts']);
    assert.strictEqual(add.code, 0, add.stderr);
    const commit = repo.tryGit(['-C', worktree, 'commit', '-m', 'in worktree']);
    assert.notStrictEqual(commit.code, 0, 'blocked in the worktree too');
    assert.match(commit.stderr, /commit blocked by a change freeze/);
  });

  it('warns when the manifest is misnamed (ops.yml, .github/ops.yml): the hooks look for ops.yaml', () => {
    assert.doesNotMatch(repo.cli(['hook', 'install']).stdout, /warning/, 'ops.yaml: nothing to say');
    for (const file of ['ops.yml', '.github/ops.yml']) {
      const misnamed = TempRepo.withCommit({ [file]: alwaysManifest, ...baseFiles });
      const result = misnamed.cli(['hook', 'install']);
      assert.strictEqual(result.code, 0, result.stderr);
      const expected = file.startsWith('.github/') ? '.github/ops.yaml' : 'ops.yaml';
      const warning = `warning: the hooks look for ${expected} and found ${file}: rename it to ${expected}, or the hooks check nothing\n`;
      assert.ok(result.stdout.endsWith(`\n${warning}`), result.stdout);
      const json = JSON.parse(misnamed.cli(['hook', 'install', '--format', 'json']).stdout) as { warnings: string[] };
      assert.strictEqual(json.warnings.length, 1);
    }
  });

  it('reports hook status as json for tools', () => {
    repo.cli(['hook', 'install']);
    const status = JSON.parse(repo.cli(['hook', 'status', '--format', 'json']).stdout) as { hooksDir: string; hooks: Array<{ hook: string; state: string }> };
    assert.strictEqual(status.hooksDir, repo.path('.git/hooks'));
    assert.deepStrictEqual(status.hooks.map((h) => [h.hook, h.state]),
      [['pre-commit', 'installed'], ['commit-msg', 'installed'], ['post-merge', 'installed'], ['post-checkout', 'installed'], ['post-rewrite', 'installed']]);
  });
});

describe('hook install/uninstall: a file-system failure is one line naming the path', () => {
  it('install: a file where the hooks folder should be (fails even for root)', () => {
    const repo = TempRepo.withCommit({ 'README.md': '# x\n' });
    const hooks = repo.path('.git/hooks');
    fs.rmSync(hooks, { recursive: true, force: true });
    fs.writeFileSync(hooks, 'not a folder\n');
    const result = repo.cli(['hook', 'install']);
    assert.strictEqual(result.code, 2);
    assert.strictEqual(result.stdout, '');
    assert.strictEqual(result.stderr.split('\n').filter(Boolean).length, 1, result.stderr);
    assert.match(result.stderr, /^change-radar: could not (create the hooks folder|write) .*\.git\/hooks.*: .*\((EEXIST|ENOTDIR)\)\n$/);
    assert.ok(!/\n\s+at /.test(result.stderr), 'no stack trace');
  });

  it('uninstall: an immutable hooks folder (chattr +i, which stops root too)', function () {
    const repo = TempRepo.withCommit({ 'README.md': '# x\n' });
    assert.strictEqual(repo.cli(['hook', 'install']).code, 0);
    const hooks = repo.path('.git/hooks');
    // Needs chattr and a file system with the immutable flag (ext4 here); said when it is missing.
    if (spawnSync('chattr', ['+i', hooks]).status !== 0) this.skip();
    try {
      const result = repo.cli(['hook', 'uninstall']);
      assert.strictEqual(result.code, 2);
      assert.strictEqual(result.stderr, `change-radar: could not remove ${path.join(hooks, 'pre-commit')}: operation not permitted (EPERM)\n`);
    } finally {
      spawnSync('chattr', ['-i', hooks]);
    }
  });
});
