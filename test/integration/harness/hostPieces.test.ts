// The small pieces the harness is built from: git fixture repositories and the workbench URL.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitAll, createFixtureWorkspace, createGitRepo, git } from '../../../scripts/host/gitRepo';
import { workbenchUrl } from '../../../scripts/host/session';

describe('git fixture repositories', () => {
  const made: string[] = [];
  after(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates a repository on main with one commit per step, in order', () => {
    const dir = createGitRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }, { message: 'two', files: { 'b/c.txt': 'c\n' } }] });
    made.push(dir);
    assert.strictEqual(git(dir, ['rev-parse', '--abbrev-ref', 'HEAD']), 'main');
    assert.deepStrictEqual(git(dir, ['log', '--format=%s']).split('\n'), ['two', 'one']);
  });

  it('stages extra files when asked and leaves them untracked otherwise', () => {
    const staged = createGitRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }], files: { 'a.txt': 'changed\n', 'new.txt': 'n\n' }, stage: true });
    const untracked = createGitRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }], files: { 'new.txt': 'n\n' } });
    made.push(staged, untracked);
    assert.deepStrictEqual(git(staged, ['diff', '--cached', '--name-only']).split('\n'), ['a.txt', 'new.txt']);
    assert.strictEqual(git(untracked, ['status', '--porcelain']), '?? new.txt');
  });

  it('pins commit dates when given', () => {
    const dir = createGitRepo();
    made.push(dir);
    commitAll(dir, 'dated', '2026-03-01T12:00:00+00:00');
    assert.strictEqual(git(dir, ['log', '-1', '--format=%cI']), '2026-03-01T12:00:00+00:00');
  });

  it('builds the fixture workspace with the manifest committed first', () => {
    const dir = createFixtureWorkspace();
    made.push(dir);
    assert.ok(fs.existsSync(path.join(dir, 'ops.yaml')));
    const firstCommitFiles = git(dir, ['show', '--name-only', '--format=', 'HEAD~2']).split('\n');
    assert.ok(firstCommitFiles.includes('ops.yaml'), firstCommitFiles.join(', '));
    assert.strictEqual(git(dir, ['status', '--porcelain']), '');
  });
});

describe('workbench URL', () => {
  it('names the folder and the development payload with the page authority', () => {
    const url = new URL(workbenchUrl({ port: 4321, folder: '/tmp/repo one', extensionDevelopmentPath: '/src/ext', extensionTestsPath: '/src/ext/out/index.js' }));
    assert.strictEqual(url.host, 'localhost:4321');
    assert.strictEqual(url.searchParams.get('folder'), '/tmp/repo one');
    assert.deepStrictEqual(JSON.parse(url.searchParams.get('payload') ?? 'null'), [
      ['extensionDevelopmentPath', 'vscode-remote://localhost:4321/src/ext'],
      ['extensionTestsPath', 'vscode-remote://localhost:4321/src/ext/out/index.js'],
    ]);
  });

  it('has no payload when nothing is under development', () => {
    const url = new URL(workbenchUrl({ port: 1, folder: '/tmp/x' }));
    assert.strictEqual(url.searchParams.get('payload'), null);
  });
});
