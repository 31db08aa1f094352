import * as assert from 'node:assert';
import type { ImpactReport } from '../../src/core/evaluate/report';
import { baseFiles, calendarManifest, during } from './support/fixtures';
import { TempRepo, tempDir } from './support/tempRepo';

function json(repo: TempRepo, args: readonly string[]): { code: number; report: ImpactReport; stderr: string } {
  const result = repo.cli(['check', '--format', 'json', '--at', during, ...args]);
  assert.ok(result.stdout !== '', `no output; stderr: ${result.stderr}`);
  return { code: result.code, report: JSON.parse(result.stdout) as ImpactReport, stderr: result.stderr };
}

function paths(report: ImpactReport): string[] {
  return report.files.map((f) => f.path);
}

describe('change-radar check: change sets', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': calendarManifest, ...baseFiles });
  });

  it('takes the paths given, relative to the working directory', () => {
    const { report } = json(repo, ['--cwd', repo.path('services'), 'checkout/pay.ts', '../free/a.txt']);
    assert.deepStrictEqual(paths(report), ['free/a.txt', 'services/checkout/pay.ts']);
  });

  it('prefers the paths given over --staged', () => {
    repo.write({ 'web/index.ts': 'changed\n' });
    repo.git('add', 'web/index.ts');
    const { report } = json(repo, ['--staged', 'ledger/book.ts']);
    assert.deepStrictEqual(paths(report), ['ledger/book.ts']);
  });

  it('--staged reads the index against HEAD only (not unstaged, not untracked)', () => {
    repo.write({ 'web/index.ts': 'staged\n', 'ledger/book.ts': 'unstaged\n', 'free/new.txt': 'untracked\n' });
    repo.git('add', 'web/index.ts');
    const { report } = json(repo, ['--staged']);
    assert.deepStrictEqual(paths(report), ['web/index.ts']);
  });

  it('--staged on an unborn branch compares with the empty tree', () => {
    const fresh = TempRepo.init();
    fresh.write({ 'ops.yaml': calendarManifest, 'services/checkout/pay.ts': 'x\n' });
    fresh.git('add', '-A');
    const { code, report } = json(fresh, ['--staged']);
    assert.deepStrictEqual(paths(report), ['ops.yaml', 'services/checkout/pay.ts']);
    assert.strictEqual(code, 1);
  });

  it('--base/--head diffs from the merge-base, ignoring what the base branch did since', () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ 'web/index.ts': 'feature\n' });
    repo.git('commit', '-qam', 'feature work');
    repo.git('checkout', '-q', 'main');
    repo.write({ 'ledger/book.ts': 'main moved on\n' });
    repo.git('commit', '-qam', 'main work');
    assert.deepStrictEqual(paths(json(repo, ['--base', 'main', '--head', 'feature']).report), ['web/index.ts']);
    repo.git('checkout', '-q', 'feature');
    assert.deepStrictEqual(paths(json(repo, ['--base', 'main']).report), ['web/index.ts'], '--head defaults to HEAD');
  });

  it('by default takes staged, unstaged and untracked files (not ignored ones)', () => {
    repo.write({ '.gitignore': 'build/\n', 'web/index.ts': 'staged\n', 'ledger/book.ts': 'unstaged\n', 'free/new.txt': 'untracked\n', 'build/out.js': 'ignored\n' });
    repo.git('add', 'web/index.ts');
    const { report } = json(repo, []);
    assert.deepStrictEqual(paths(report), ['.gitignore', 'free/new.txt', 'ledger/book.ts', 'web/index.ts']);
  });

  it('counts both the old and the new path of a rename', () => {
    repo.git('mv', 'services/checkout/pay.ts', 'free/pay.ts');
    assert.deepStrictEqual(paths(json(repo, ['--staged']).report), ['free/pay.ts', 'services/checkout/pay.ts']);
    repo.git('commit', '-qm', 'move');
    assert.deepStrictEqual(paths(json(repo, ['--base', 'HEAD~1']).report), ['free/pay.ts', 'services/checkout/pay.ts']);
  });

  it('keeps odd file names intact: spaces, unicode, a newline', () => {
    const odd = ['docs/with space.md', 'docs/ünïcødé/файл.md', 'docs/new\nline.md'];
    repo.write(Object.fromEntries(odd.map((file) => [file, 'x\n'])));
    assert.deepStrictEqual(paths(json(repo, []).report), [...odd].sort(), 'untracked');
    repo.git('add', '-A');
    const staged = json(repo, ['--staged']).report;
    assert.deepStrictEqual(paths(staged), [...odd].sort(), 'staged');
    assert.ok(staged.files.every((f) => f.systems.includes('docs')));
    repo.git('commit', '-qm', 'odd');
    assert.deepStrictEqual(paths(json(repo, ['--base', 'HEAD~1']).report), [...odd].sort(), 'range');
  });
});

describe('change-radar check: exit codes', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': calendarManifest, ...baseFiles });
  });

  it('exits 0 when nothing blocks, even with warnings', () => {
    const result = repo.cli(['check', '--at', during, 'docs/guide.md', 'ledger/book.ts']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stdout, /WARN freeze docs-quiet/);
  });

  it('exits 1 when a block freeze applies to a touched file', () => {
    assert.strictEqual(repo.cli(['check', '--at', during, 'services/checkout/pay.ts']).code, 1);
  });

  it('exits 0 for the same file before the freeze starts', () => {
    assert.strictEqual(repo.cli(['check', '--at', '2026-12-19T23:59:59Z', 'services/checkout/pay.ts']).code, 0);
  });

  it('exits 0 when an unexpired override lets the file through', () => {
    repo.write({ 'ops.yaml': calendarManifest + 'overrides:\n  - freeze: holiday\n    paths: [services/checkout/]\n    reason: payment fix\n    approvedBy: "@cab"\n    expires: 2026-12-31T00:00:00Z\n' });
    const { code, report } = json(repo, ['services/checkout/pay.ts']);
    assert.strictEqual(code, 0);
    const holiday = report.freezes.find((f) => f.id === 'holiday');
    assert.strictEqual(holiday?.overridden, true);
    assert.strictEqual(holiday?.effect, 'none');
  });

  it('honours a Freeze-Override trailer from --message-file', () => {
    repo.write({ 'msg.txt': 'Fix the thing\n\nFreeze-Override: hotfix for INC-7\n' });
    const { code, report } = json(repo, ['--message-file', 'msg.txt', 'services/checkout/pay.ts']);
    assert.strictEqual(code, 0);
    assert.deepStrictEqual(report.freezes.find((f) => f.id === 'holiday')?.overrides.map((o) => [o.origin, o.reason]), [['trailer', 'hotfix for INC-7']]);
  });

  it('exits 2 with file:line:col on stderr for an invalid manifest, still reporting what can be read', () => {
    repo.write({ 'ops.yaml': 'version: 1\nsystems:\n  web:\n    title: Web\n    paths: web/\n' });
    const result = repo.cli(['check', 'web/index.ts']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stdout, /^Change Radar: clear/);
    assert.match(result.stderr, /^ops\.yaml:5:\d+: error [\w-]+: /m);
  });

  it('exits 2 when there is no manifest', () => {
    const bare = TempRepo.withCommit({ 'a.txt': 'a\n' });
    const result = bare.cli(['check', 'a.txt']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /no manifest found/);
  });

  it('exits 2 for a wrong call, naming the problem', () => {
    const cases: Array<[string[], RegExp]> = [
      [['check', '--bogus'], /Unknown option '--bogus'/],
      [['check', '--head', 'main'], /--head needs --base/],
      [['check', '--at', 'yesterday'], /--at expects an ISO-8601 time/],
      [['check', '--horizon', '-3'], /--horizon|argument missing|option/i],
      [['check', '--format', 'xml'], /--format must be one of text, json, markdown, github/],
      [['check', '../outside.txt'], /outside the repository/],
      [['check', '--base', 'no-such-ref'], /no-such-ref|unknown revision|bad revision/i],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const result = repo.cli(args);
      assert.strictEqual(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(' '));
    }
  });

  it('exits 2 outside a git repository when it needs git', () => {
    const dir = tempDir();
    const result = repo.cli(['check', '--staged', '--cwd', dir]);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /not a git repository/);
  });

  it('evaluates --at without an offset in the manifest time zone', () => {
    const result = json(repo, ['--at', '2026-12-20T00:00', 'services/checkout/pay.ts']);
    assert.strictEqual(result.report.at, '2026-12-20T00:00:00.000Z');
    assert.strictEqual(result.code, 1);
  });
});
