import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertSafeRef, freezeOverrideReason, gitEnvironment, isWorkTreeTop, mergeHeadFromFile, parseNameStatusZ, parseTrailerLines, splitNul } from '../../../src/node/gitChanges';

describe('gitChanges parsers', () => {
  it('splits NUL-terminated output and keeps newlines inside names', () => {
    assert.deepStrictEqual(splitNul('a\0new\nline\0'), ['a', 'new\nline']);
    assert.deepStrictEqual(splitNul(''), []);
  });

  it('reads name-status -z: a rename gives old and new, a copy only the new', () => {
    assert.deepStrictEqual(parseNameStatusZ('M\0a b.ts\0R087\0old.ts\0new.ts\0C100\0src.ts\0copy.ts\0D\0gone\0'), ['a b.ts', 'old.ts', 'new.ts', 'copy.ts', 'gone']);
  });

  it('finds the first non-empty Freeze-Override trailer, key case-insensitive', () => {
    const trailers = parseTrailerLines('Signed-off-by: A <a@x>\nfreeze-override:\nFREEZE-OVERRIDE: hotfix: INC-1\n');
    assert.deepStrictEqual(trailers[2], { key: 'FREEZE-OVERRIDE', value: 'hotfix: INC-1' });
    assert.strictEqual(freezeOverrideReason(trailers), 'hotfix: INC-1');
    assert.strictEqual(freezeOverrideReason(parseTrailerLines('Signed-off-by: A\n')), undefined);
  });

  it('passes git the variables that say where and how to read (the warm run\'s GIT_OPTIONAL_LOCKS=0), no others', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { GIT_OPTIONAL_LOCKS: '0', GIT_INDEX_FILE: '/r/.git/index.lock', GIT_AUTHOR_NAME: 'x', GIT_PAGER: 'less' });
      const env = gitEnvironment();
      assert.strictEqual(env.GIT_OPTIONAL_LOCKS, '0');
      assert.strictEqual(env.GIT_INDEX_FILE, '/r/.git/index.lock');
      assert.strictEqual(env.GIT_AUTHOR_NAME, undefined);
      assert.strictEqual(env.GIT_PAGER, undefined);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    }
  });

  it('refuses refs that git would read as options', () => {
    assert.throws(() => assertSafeRef('--output=/tmp/x'), /not a usable git ref/);
    assert.doesNotThrow(() => assertSafeRef('origin/main'));
  });
});

describe('mergeHeadFromFile (the hooks read MERGE_HEAD without a git process)', () => {
  const hash = 'a'.repeat(40);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-merge-head-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves the answer to git where there is no .git here', () => {
    assert.strictEqual(mergeHeadFromFile(dir, {}), undefined);
  });

  it('reads no merge, a merge, and an octopus merge (first parent) from .git', () => {
    fs.mkdirSync(path.join(dir, '.git'));
    assert.strictEqual(mergeHeadFromFile(dir, {}), '');
    fs.writeFileSync(path.join(dir, '.git', 'MERGE_HEAD'), `${hash}\n`);
    assert.strictEqual(mergeHeadFromFile(dir, {}), hash);
    fs.writeFileSync(path.join(dir, '.git', 'MERGE_HEAD'), `${'b'.repeat(64)}\n${hash}\n`);
    assert.strictEqual(mergeHeadFromFile(dir, {}), 'b'.repeat(64));
  });

  it('asks git about anything but a plain object id', () => {
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'MERGE_HEAD'), 'ref: refs/heads/other\n');
    assert.strictEqual(mergeHeadFromFile(dir, {}), undefined);
  });

  it('follows GIT_DIR (relative to the work tree) and a linked worktree\'s .git file', () => {
    const gitDir = path.join(dir, 'elsewhere');
    fs.mkdirSync(gitDir);
    fs.writeFileSync(path.join(gitDir, 'MERGE_HEAD'), `${hash}\n`);
    assert.strictEqual(mergeHeadFromFile(dir, { GIT_DIR: 'elsewhere' }), hash);
    fs.writeFileSync(path.join(dir, '.git'), `gitdir: ${gitDir}\n`);
    assert.strictEqual(mergeHeadFromFile(dir, {}), hash);
  });
});

describe('isWorkTreeTop (the top of a work tree without a git process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-top-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is true for a .git directory with HEAD, or a .git file pointing at one', () => {
    assert.strictEqual(isWorkTreeTop(dir, {}), false);
    fs.mkdirSync(path.join(dir, '.git'));
    assert.strictEqual(isWorkTreeTop(dir, {}), false, 'an empty .git is not a repository: git would look further up');
    fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    assert.strictEqual(isWorkTreeTop(dir, {}), true);
    const linked = path.join(dir, 'linked');
    fs.mkdirSync(linked);
    fs.writeFileSync(path.join(linked, '.git'), `gitdir: ${path.join(dir, '.git')}\n`);
    assert.strictEqual(isWorkTreeTop(linked, {}), true);
  });

  it('leaves it to git when GIT_WORK_TREE or another GIT_DIR is set', () => {
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    assert.strictEqual(isWorkTreeTop(dir, { GIT_WORK_TREE: dir }), false);
    assert.strictEqual(isWorkTreeTop(dir, { GIT_DIR: '/elsewhere/.git' }), false);
    assert.strictEqual(isWorkTreeTop(dir, { GIT_DIR: '.git' }), true, 'the GIT_DIR git exports to hooks');
  });
});
