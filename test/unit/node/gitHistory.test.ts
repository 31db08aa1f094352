import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathspecsOf } from '../../../src/core/history/incidentChanges';
import { PathIndex } from '../../../src/core/paths/pathIndex';
import { commitsTouching, parseHistory } from '../../../src/node/history/gitHistory';

describe('gitHistory: parsing git log output', () => {
  it('reads fields between this run\'s markers; a subject cannot forge one; files keep newlines', () => {
    const n = 'abc';
    const record = (fields: string[], files: string[]): string => `\x1e${n}\x1f${fields.join(`\x1f${n}\x1f`)}\x1f${n}\x1e\0\n${files.map((f) => `${f}\0`).join('')}`;
    const out = record(['1'.repeat(40), '100', 'Ana', 'forged \x1exyz\x1f fake', 'first\x1dsecond'], ['a/b', 'new\nline']) + record(['2'.repeat(40), '90', 'Bo', 'plain', ''], ['c']);
    assert.deepStrictEqual(parseHistory(out, n), [
      { sha: '1'.repeat(40), committedAt: 100_000, author: 'Ana', subject: 'forged \x1exyz\x1f fake', files: ['a/b', 'new\nline'], override: 'first' },
      { sha: '2'.repeat(40), committedAt: 90_000, author: 'Bo', subject: 'plain', files: ['c'] },
    ]);
    assert.deepStrictEqual(parseHistory('', n), []);
  });
});

describe('gitHistory: the pathspecs select every commit the globs match (real git)', function () {
  this.timeout(30_000);
  let dir: string;
  const git = (args: string[], env: Record<string, string> = {}): string => {
    const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, ...env } });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout;
  };
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-history-')));
    git(['init', '-q', '-b', 'main']);
    git(['config', 'user.name', 'T']);
    git(['config', 'user.email', 't@example.com']);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('one commit per file; every commit whose file a system matches is listed, with only what the literal folders add', async () => {
    const files = [
      'services/checkout/src/app.ts', 'services/checkout-v2/x.ts', 'deep/a/migrations/001.sql', 'migrations/002.sql', 'README.md', 'docs/deep/guide.md',
      'packages/a/src/i.ts', 'packages/c/src/i.ts', 'ops.yaml', 'sub/ops.yaml', 'db/x/y/z.sql', 'db/z.sql', 'db/z.txt', 'caf\u00e9/menu.txt', 'other/file.ts',
      'lib/[x]/f.ts', 'tool/a1.ts', 'tool/ab.ts',
    ];
    let second = 1_800_000_000;
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), file);
      git(['add', '-A']);
      const when = `@${second++} +0000`;
      git(['commit', '-q', '-m', `add ${file}`], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when });
    }
    const listedFiles = async (globs: string[]): Promise<{ expected: string[]; selected: string[] }> => {
      const index = PathIndex.build(globs.map((glob, i) => ({ id: `s${i}`, patterns: [glob], exclude: [] })));
      const listed = await commitsTouching(dir, { from: 0, to: 2_000_000_000_000, pathspecs: pathspecsOf([{ paths: globs }]) });
      assert.deepStrictEqual(listed.map((c) => c.subject), listed.flatMap((c) => c.files).map((f) => `add ${f}`));
      return { expected: files.filter((f) => index.match(f).length > 0), selected: listed.flatMap((c) => c.files) };
    };
    const anchored = await listedFiles(['services/checkout/', 'packages/{a,b}/src/', '/ops.yaml', 'db/**/*.sql', '/caf\u00e9/', 'tool/a[0-9].ts', 'lib/[x]/']);
    for (const file of anchored.expected) assert.ok(anchored.selected.includes(file), `${file} missing from ${anchored.selected.join(', ')}`);
    assert.deepStrictEqual(anchored.selected.filter((f) => !anchored.expected.includes(f)).sort(), ['db/z.txt', 'lib/[x]/f.ts', 'packages/c/src/i.ts', 'tool/ab.ts']);
    const unanchored = await listedFiles(['migrations/', 'services/checkout/']);
    assert.deepStrictEqual(unanchored.selected.length, files.length);
  });

  it('an unborn branch has no history; a window with no commits is empty', async () => {
    const empty = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-unborn-')));
    try {
      spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: empty });
      assert.deepStrictEqual(await commitsTouching(empty, { from: 0, to: Date.now(), pathspecs: [':(glob)**'] }), []);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    assert.deepStrictEqual(await commitsTouching(dir, { from: 0, to: 1000, pathspecs: [':(glob)**'] }), []);
  });
});
