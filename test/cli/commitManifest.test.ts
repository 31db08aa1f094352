import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { TempRepo } from './support/tempRepo';

/** The same manifest with the block freeze over: what a local edit would make of it. */
const liftedManifest = alwaysManifest.replace('end: 2100-01-01T00:00:00Z\n    enforcement: block', 'end: 2001-01-01T00:00:00Z\n    enforcement: block');

/**
 * A commit is judged by the manifest it is made under: the one in the index (what the commit
 * holds), never the working tree's. Real `git commit`s through the installed hooks.
 */
describe('the manifest that judges a commit is the one in the index', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
    const install = repo.cli(['hook', 'install']);
    assert.strictEqual(install.code, 0, install.stderr);
  });

  function commitFrozenFile(): ReturnType<TempRepo['tryGit']> {
    repo.write({ 'services/checkout/pay.ts': 'changed\n' });
    repo.git('add', 'services/checkout/pay.ts');
    return repo.tryGit(['commit', '-m', 'change checkout']);
  }

  function assertRefused(result: ReturnType<TempRepo['tryGit']>, head: string): void {
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.strictEqual(repo.head(), head, 'no commit was made');
    assert.match(result.stderr, /commit blocked by a change freeze/);
    assert.match(result.stderr, /BLOCK freeze forever/);
  }

  it('refuses while ops.yaml is edited in the working tree but not staged (the freeze moved to the past)', () => {
    const head = repo.head();
    repo.write({ 'ops.yaml': liftedManifest });
    assertRefused(commitFrozenFile(), head);
    // The working tree's edit is still there, untouched.
    assert.strictEqual(repo.read('ops.yaml'), liftedManifest);
  });

  it('refuses while ops.yaml is deleted from the working tree only', () => {
    const head = repo.head();
    fs.rmSync(repo.path('ops.yaml'));
    assertRefused(commitFrozenFile(), head);
  });

  it('refuses while ops.yaml is marked skip-worktree and then removed', () => {
    const head = repo.head();
    repo.git('update-index', '--skip-worktree', 'ops.yaml');
    fs.rmSync(repo.path('ops.yaml'));
    assertRefused(commitFrozenFile(), head);
  });

  it('refuses in a sparse checkout that leaves ops.yaml out', () => {
    const head = repo.head();
    repo.git('sparse-checkout', 'set', '--no-cone', '/services/');
    assert.ok(!fs.existsSync(repo.path('ops.yaml')), 'the sparse checkout left ops.yaml out');
    assertRefused(commitFrozenFile(), head);
  });

  it('refuses `git commit PATH` (a temporary index) while the real index holds an edit that lifts the freeze', () => {
    const head = repo.head();
    repo.write({ 'ops.yaml': liftedManifest, 'services/checkout/pay.ts': 'changed\n' });
    repo.git('add', 'ops.yaml', 'services/checkout/pay.ts');
    // git commits HEAD + this path only, through an index of its own (GIT_INDEX_FILE): its ops.yaml is HEAD's.
    const result = repo.tryGit(['commit', '-m', 'only the file', '--', 'services/checkout/pay.ts']);
    assertRefused(result, head);
  });

  it('judges by the staged manifest, not by an unstaged edit that adds a freeze', () => {
    const adding = alwaysManifest.replace('systems: [docs]', 'systems: [docs, free]').replace('enforcement: warn', 'enforcement: block');
    repo.write({ 'ops.yaml': adding, 'free/a.txt': 'changed\n' });
    repo.git('add', 'free/a.txt');
    const result = repo.tryGit(['commit', '-q', '-m', 'free']);
    assert.strictEqual(result.code, 0, result.stderr);
  });

  it('a manifest never staged (untracked) still guards: it can only add protection', () => {
    const fresh = TempRepo.withCommit({ ...baseFiles });
    fresh.cli(['hook', 'install']);
    fresh.write({ 'ops.yaml': alwaysManifest, 'services/checkout/pay.ts': 'changed\n' });
    fresh.git('add', 'services/checkout/pay.ts');
    const result = fresh.tryGit(['commit', '-m', 'change checkout']);
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /BLOCK freeze forever/);
  });

  it('the first commit of a repository (no HEAD yet) is judged by the index too', () => {
    const fresh = TempRepo.init();
    assert.strictEqual(fresh.cli(['hook', 'install']).code, 0);
    fresh.write({ 'ops.yaml': alwaysManifest, 'services/checkout/pay.ts': 'first\n' });
    fresh.git('add', 'ops.yaml', 'services/checkout/pay.ts');
    // The working tree's copy lifts the freeze; the index's, which the commit holds, does not.
    fresh.write({ 'ops.yaml': liftedManifest });
    const result = fresh.tryGit(['commit', '-m', 'first']);
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /BLOCK freeze forever/);
  });

  it('an ops.yaml edit that is staged is read from the index (not HEAD): staging a lifted freeze with the file still keeps HEAD\'s in force, and says so', () => {
    repo.write({ 'ops.yaml': liftedManifest, 'services/checkout/pay.ts': 'changed\n' });
    repo.git('add', 'ops.yaml', 'services/checkout/pay.ts');
    const result = repo.cli(['check', '--staged', '--format', 'json']);
    assert.strictEqual(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { manifestChange?: { files: string[] }; freezes: { id: string; fromBase?: boolean }[] };
    assert.deepStrictEqual(report.manifestChange?.files, ['ops.yaml']);
    assert.deepStrictEqual(report.freezes.map((freeze) => [freeze.id, freeze.fromBase === true]), [['forever', true]]);
  });

  it('check --staged reads the index too, and names its problems in the staged file', () => {
    repo.write({ 'ops.yaml': liftedManifest, 'services/checkout/pay.ts': 'changed\n' });
    repo.git('add', 'services/checkout/pay.ts');
    const staged = repo.cli(['check', '--staged', '--format', 'json']);
    assert.strictEqual(staged.code, 1, staged.stderr);
    // `check PATHS` asks about the working tree, as before.
    assert.strictEqual(repo.cli(['check', 'services/checkout/pay.ts']).code, 0);
  });
});

describe('check --base reads the head commit\'s manifest, not the working tree\'s', () => {
  it('a dirty ops.yaml that lifts the freeze does not turn exit 1 into 0', () => {
    const repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ 'services/checkout/pay.ts': 'changed\n' });
    repo.git('add', 'services/checkout/pay.ts');
    repo.git('commit', '-qm', 'change checkout', '--no-verify');
    assert.strictEqual(repo.cli(['check', '--base', 'main']).code, 1);
    repo.write({ 'ops.yaml': liftedManifest });
    const dirty = repo.cli(['check', '--base', 'main', '--format', 'json']);
    assert.strictEqual(dirty.code, 1, dirty.stdout + dirty.stderr);
    const report = JSON.parse(dirty.stdout) as { blocked: boolean; freezes: { id: string }[] };
    assert.deepStrictEqual([report.blocked, report.freezes.map((freeze) => freeze.id)], [true, ['forever']]);
  });

  it('--head names the commit whose manifest judges the range', () => {
    const repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ 'free/a.txt': 'changed\n' });
    repo.git('add', 'free/a.txt');
    repo.git('commit', '-qm', 'free change', '--no-verify');
    const added = alwaysManifest.replace('systems: [checkout]', 'systems: [checkout, free]');
    repo.write({ 'ops.yaml': added });
    // The working tree's extra freeze on `free` is not part of main...feature.
    assert.strictEqual(repo.cli(['check', '--base', 'main', '--head', 'feature']).code, 0);
  });
});

describe('the manifest HEAD has is used for a commit only when the commit stages none of the files it was read from', () => {
  // While git lists the staged files, the CLI takes HEAD's manifest from the parse cache
  // (changeManifest.ts, headAsIndexSource); it may judge only when no file it read is staged.
  const root = `version: 1
include: [ops/teams.yaml]
systems:
  checkout:
    title: Checkout
    paths: [services/checkout/]
`;
  const team = (freezes: string): string => `systems:
  free:
    title: Free
    paths: [free/]
${freezes}`;
  const freeze = `freezes:
  - id: team-freeze
    title: Team freeze
    systems: [checkout]
    start: 2000-01-01T00:00:00Z
    end: 2100-01-01T00:00:00Z
    enforcement: block
`;

  for (const [what, staged] of [
    ['an included file', { 'ops/teams.yaml': team(freeze) }],
    ['the root file', { 'ops.yaml': `${root}${freeze}` }],
    ['a new included file', { 'ops.yaml': root.replace('include: [ops/teams.yaml]', 'include: [ops/teams.yaml, ops/new.yaml]'), 'ops/new.yaml': freeze }],
  ] as const) {
    it(`a staged edit of ${what} that adds a freeze blocks, after HEAD's manifest was cached (check --staged and the hooks)`, () => {
      const repo = TempRepo.withCommit({ 'ops.yaml': root, 'ops/teams.yaml': team(''), ...baseFiles });
      assert.strictEqual(repo.cli(['hook', 'install']).code, 0);
      repo.write({ 'services/checkout/pay.ts': 'one\n' });
      repo.git('add', 'services/checkout/pay.ts');
      const clear = repo.cli(['check', '--staged']);
      assert.strictEqual(clear.code, 0, clear.stdout + clear.stderr);
      assert.strictEqual(repo.cli(['check', '--staged']).code, 0, 'the second run reads HEAD\'s manifest from the cache');
      repo.write(staged);
      repo.git('add', ...Object.keys(staged));
      const blocked = repo.cli(['check', '--staged', '--format', 'json']);
      assert.strictEqual(blocked.code, 1, blocked.stdout + blocked.stderr);
      assert.deepStrictEqual((JSON.parse(blocked.stdout) as { freezes: { id: string }[] }).freezes.map((f) => f.id), ['team-freeze']);
      const head = repo.head();
      const commit = repo.tryGit(['commit', '-m', 'change checkout']);
      assert.notStrictEqual(commit.code, 0, commit.stderr);
      assert.strictEqual(repo.head(), head);
      assert.match(commit.stderr, /BLOCK freeze team-freeze/);
    });
  }
});
