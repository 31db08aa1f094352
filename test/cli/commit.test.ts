import * as assert from 'node:assert';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { TempRepo } from './support/tempRepo';

/** Real `git commit`s through the installed hooks. */
describe('git commit with the change-radar hooks', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
    const install = repo.cli(['hook', 'install']);
    assert.strictEqual(install.code, 0, install.stderr);
  });

  function stage(files: Record<string, string>): void {
    repo.write(files);
    repo.git('add', ...Object.keys(files));
  }

  it('refuses a commit touching a system under a block freeze, saying which freeze, systems, files and how to override', () => {
    stage({ 'services/checkout/pay.ts': 'changed\n' });
    const head = repo.head();
    const result = repo.tryGit(['commit', '-m', 'change checkout']);
    assert.notStrictEqual(result.code, 0);
    assert.strictEqual(repo.head(), head, 'no commit was made');
    assert.match(result.stderr, /commit blocked by a change freeze/);
    assert.match(result.stderr, /BLOCK freeze forever "Forever freeze"/);
    assert.match(result.stderr, /reason: +tests need a freeze that is always on/);
    assert.match(result.stderr, /systems: checkout/);
    assert.match(result.stderr, /files: +services\/checkout\/pay\.ts/);
    assert.match(result.stderr, /Freeze-Override: /);
  });

  it('lets the same commit through with a Freeze-Override trailer, and says so', () => {
    stage({ 'services/checkout/pay.ts': 'changed\n' });
    const result = repo.tryGit(['commit', '-m', 'change checkout', '-m', 'Freeze-Override: hotfix for INC-9']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /freeze forever overridden by Freeze-Override trailer: hotfix for INC-9/);
    assert.match(repo.git('log', '-1', '--format=%(trailers:key=Freeze-Override,valueonly)'), /hotfix for INC-9/);
  });

  it('does not count a trailer that is only in a comment or an earlier paragraph', () => {
    stage({ 'services/checkout/pay.ts': 'changed\n' });
    repo.write({ 'msg.txt': 'change checkout\n\nFreeze-Override: not a trailer here\n\nmore text\n# Freeze-Override: commented out\n' });
    const result = repo.tryGit(['commit', '-F', 'msg.txt']);
    assert.notStrictEqual(result.code, 0);
  });

  it('checks `git commit -a` against the index git builds for it (GIT_INDEX_FILE)', () => {
    repo.write({ 'services/checkout/pay.ts': 'changed, not staged\n' });
    const result = repo.tryGit(['commit', '-a', '-m', 'all of it']);
    assert.notStrictEqual(result.code, 0);
    assert.match(result.stderr, /services\/checkout\/pay\.ts/);
  });

  it('lets a merge bring in frozen-system commits that were checked when they were made', () => {
    repo.git('checkout', '-q', '-b', 'feature');
    stage({ 'free/f.txt': 'feature\n' });
    assert.strictEqual(repo.tryGit(['commit', '-qm', 'feature']).code, 0);
    repo.git('checkout', '-q', 'main');
    stage({ 'services/checkout/pay.ts': 'hotfix\n' });
    assert.strictEqual(repo.tryGit(['commit', '-qm', 'hotfix', '-m', 'Freeze-Override: INC-1']).code, 0);
    repo.git('checkout', '-q', 'feature');
    const merge = repo.tryGit(['merge', '--no-edit', 'main']);
    assert.strictEqual(merge.code, 0, merge.stderr);
  });

  it('checks what a merge itself changes beyond both parents', () => {
    repo.git('checkout', '-q', '-b', 'feature');
    stage({ 'free/f.txt': 'feature\n' });
    assert.strictEqual(repo.tryGit(['commit', '-qm', 'feature']).code, 0);
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '--no-commit', '--no-ff', 'feature');
    stage({ 'services/checkout/pay.ts': 'sneaked into the merge\n' });
    const result = repo.tryGit(['commit', '--no-edit']);
    assert.notStrictEqual(result.code, 0);
    assert.match(result.stderr, /files: +services\/checkout\/pay\.ts/);
  });

  it('warns but passes for a warn freeze', () => {
    stage({ 'docs/guide.md': '# Changed\n' });
    const result = repo.tryGit(['commit', '-m', 'docs']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /WARN freeze quiet "Quiet docs"/);
  });

  it('stays silent for a change nothing applies to', () => {
    stage({ 'free/a.txt': 'changed\n' });
    const result = repo.tryGit(['commit', '-q', '-m', 'free']);
    assert.strictEqual(result.code, 0);
    assert.strictEqual(result.stderr, '');
  });

  it('CHANGE_RADAR_SKIP=1 skips the check with a warning', () => {
    stage({ 'services/checkout/pay.ts': 'changed\n' });
    const result = repo.tryGit(['commit', '-m', 'skip'], { CHANGE_RADAR_SKIP: '1' });
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /CHANGE_RADAR_SKIP=1 is set, skipping the pre-commit check/);
  });

  it('lets commits through with an invalid manifest when nothing blocks, printing its problems once', () => {
    stage({ 'ops.yaml': 'version: 1\nsystems: [oops\n', 'free/a.txt': 'changed\n' });
    const result = repo.tryGit(['commit', '-m', 'broken manifest']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.strictEqual(result.stderr.match(/^ops\.yaml:2:\d+: error wrong-type: /gm)?.length, 1, result.stderr);
    assert.match(result.stderr, /the manifest has errors \(above\)/);
  });

  it('refuses commits with an invalid manifest when hooks.strict is true', () => {
    stage({ 'ops.yaml': 'version: 1\nhooks:\n  strict: true\nsystems:\n  web:\n    paths: 3\n' });
    const result = repo.tryGit(['commit', '-m', 'broken manifest']);
    assert.notStrictEqual(result.code, 0);
    assert.match(result.stderr, /the manifest has errors and hooks are strict: commit refused/);
  });

  it('refuses commits with an invalid manifest when installed with --strict', () => {
    repo.cli(['hook', 'install', '--strict']);
    stage({ 'ops.yaml': 'version: 1\nsystems: [oops\n' });
    const result = repo.tryGit(['commit', '-m', 'broken manifest']);
    assert.notStrictEqual(result.code, 0);
    assert.match(result.stderr, /hooks are strict: commit refused/);
  });

  it('does nothing in a repository without a manifest', () => {
    const bare = TempRepo.withCommit({ 'a.txt': 'a\n' });
    bare.cli(['hook', 'install']);
    bare.write({ 'a.txt': 'b\n' });
    const result = bare.tryGit(['commit', '-qam', 'no manifest']);
    assert.strictEqual(result.code, 0);
    assert.strictEqual(result.stderr, '');
  });
});
