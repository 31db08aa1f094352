import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath } from './support/buildCli';
import { TempRepo } from './support/tempRepo';

// `change-radar changes` on a scripted history: every commit has fixed author and committer dates,
// so the window edges, the order and `beforeStart` are exact. The history has a merge commit of a
// pull request, squash subjects `(#N)`, a dependency chain payments → ledger → db, Freeze-Override
// trailers, commits outside the window and commits on systems out of scope.

const manifest = `version: 1
timezone: UTC
systems:
  payments:
    paths: [payments/]
    exclude: [payments/docs/]
    dependsOn: [ledger]
  ledger:
    paths: [ledger/]
    dependsOn: [db]
  db:
    paths: ["db/**/*.sql"]
  web:
    paths: [web/]
    dependsOn: [payments]
  docs:
    paths: ["*.md"]
incidents:
  - id: INC-1
    title: Card declines
    severity: sev1
    status: investigating
    systems: [payments]
    started: "2026-11-20T12:00:00Z"
  - id: INC-2
    title: Ledger lag
    severity: sev2
    status: resolved
    systems: [ledger]
    started: "2026-11-10T10:00:00Z"
    resolved: "2026-11-10T14:00:00Z"
`;

interface Scripted {
  readonly repo: TempRepo;
  /** Subject → sha of the commits on main's first-parent line. */
  readonly sha: Record<string, string>;
}

function commitAt(repo: TempRepo, when: string, files: Record<string, string>, message: string[]): string {
  repo.write(files);
  repo.git('add', '-A');
  const result = repo.tryGit(['commit', '-q', ...message.flatMap((m) => ['-m', m])], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when });
  assert.strictEqual(result.code, 0, result.stderr);
  return repo.head();
}

function scripted(): Scripted {
  const repo = TempRepo.init();
  const sha: Record<string, string> = {};
  sha.initial = commitAt(repo, '2026-11-01T00:00:00Z', {
    'ops.yaml': manifest, 'payments/a.ts': '1', 'ledger/x.ts': '1', 'db/m/1.sql': '1', 'web/x.ts': '1', 'README.md': '1',
  }, ['initial']);
  sha.old = commitAt(repo, '2026-11-09T12:00:00Z', { 'ledger/z.ts': '1' }, ['ledger: old change']);
  sha.afterResolved = commitAt(repo, '2026-11-12T00:00:00Z', { 'ledger/w.ts': '1' }, ['ledger: after INC-2']);
  sha.early = commitAt(repo, '2026-11-17T08:00:00Z', { 'payments/a.ts': '2' }, ['payments: 76 h before']);
  sha.squash = commitAt(repo, '2026-11-18T09:00:00Z', { 'ledger/x.ts': '2' }, ['ledger: rounding (#41)']);
  sha.web = commitAt(repo, '2026-11-18T10:00:00Z', { 'web/x.ts': '2' }, ['web: other system']);
  sha.excluded = commitAt(repo, '2026-11-18T11:00:00Z', { 'payments/docs/guide.txt': '1' }, ['payments: docs only (excluded)']);
  repo.git('checkout', '-q', '-b', 'hotfix');
  sha.branch = commitAt(repo, '2026-11-19T09:00:00Z', { 'payments/b.ts': '1' }, ['pay: hotfix', 'Freeze-Override: on the branch only']);
  repo.git('checkout', '-q', 'main');
  const merged = repo.tryGit(['merge', '-q', '--no-ff', 'hotfix', '-m', 'Merge pull request #42 from acme/hotfix'],
    { GIT_AUTHOR_DATE: '2026-11-19T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-19T10:00:00Z' });
  assert.strictEqual(merged.code, 0, merged.stderr);
  sha.merge = repo.head();
  sha.db = commitAt(repo, '2026-11-20T11:00:00Z', { 'db/m/2.sql': '1', 'db/readme.txt': '1' }, ['db: add index (#43)', 'Body line.\n\nFreeze-Override: approved by CAB-7']);
  sha.readme = commitAt(repo, '2026-11-20T11:30:00Z', { 'README.md': '2' }, ['README tweak']);
  sha.after = commitAt(repo, '2026-11-20T13:00:00Z', { 'payments/c.ts': '1', 'ledger/y.ts': '1' }, ['payments+ledger: after the start']);
  sha.future = commitAt(repo, '2026-11-21T00:00:00Z', { 'payments/d.ts': '1' }, ['payments: after --at']);
  return { repo, sha };
}

interface JsonCommit {
  sha: string; committedAt: string; author: string; subject: string; pr: number | null;
  files: Record<string, string[]>; relation: string; via: string[]; override: string | null; beforeStart: number | null;
}
interface JsonReport {
  incident: { id: string; title: string; started: string | null; resolved: string | null } | null;
  window: { from: string; to: string };
  systems: { id: string; relation: string; via: string[] }[];
  commits: JsonCommit[];
}

const HOUR = 3_600_000;

describe('change-radar changes (scripted history)', function () {
  this.timeout(60_000);
  let history: Scripted;
  before(() => {
    history = scripted();
  });

  function json(args: string[]): JsonReport {
    const result = history.repo.cli(['changes', ...args, '-f', 'json']);
    assert.strictEqual(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as JsonReport;
  }

  it('--incident: the window before the start to now, the incident systems and their dependencies, newest first', () => {
    const report = json(['--incident', 'INC-1', '--at', '2026-11-20T15:00:00Z']);
    const { sha } = history;
    assert.deepStrictEqual(report.incident, { id: 'INC-1', title: 'Card declines', started: '2026-11-20T12:00:00.000Z', resolved: null });
    assert.deepStrictEqual(report.window, { from: '2026-11-17T12:00:00.000Z', to: '2026-11-20T15:00:00.000Z' });
    assert.deepStrictEqual(report.systems, [
      { id: 'payments', relation: 'direct', via: ['payments'] },
      { id: 'ledger', relation: 'dependency', via: ['payments', 'ledger'] },
      { id: 'db', relation: 'dependency', via: ['payments', 'ledger', 'db'] },
    ]);
    assert.deepStrictEqual(report.commits, [
      {
        sha: sha.after, committedAt: '2026-11-20T13:00:00.000Z', author: 'Test', subject: 'payments+ledger: after the start', pr: null,
        files: { payments: ['payments/c.ts'], ledger: ['ledger/y.ts'] }, relation: 'direct', via: ['payments'], override: null, beforeStart: -1 * HOUR,
      },
      {
        sha: sha.db, committedAt: '2026-11-20T11:00:00.000Z', author: 'Test', subject: 'db: add index (#43)', pr: 43,
        files: { db: ['db/m/2.sql'] }, relation: 'dependency', via: ['payments', 'ledger', 'db'], override: 'approved by CAB-7', beforeStart: HOUR,
      },
      {
        sha: sha.merge, committedAt: '2026-11-19T10:00:00.000Z', author: 'Test', subject: 'Merge pull request #42 from acme/hotfix', pr: 42,
        files: { payments: ['payments/b.ts'] }, relation: 'direct', via: ['payments'], override: null, beforeStart: 26 * HOUR,
      },
      {
        sha: sha.squash, committedAt: '2026-11-18T09:00:00.000Z', author: 'Test', subject: 'ledger: rounding (#41)', pr: 41,
        files: { ledger: ['ledger/x.ts'] }, relation: 'dependency', via: ['payments', 'ledger'], override: null, beforeStart: 51 * HOUR,
      },
    ]);
  });

  it('--depth 1 leaves out the dependency two edges away; --depth 0 keeps only the incident systems', () => {
    const { sha } = history;
    const one = json(['--incident', 'INC-1', '--at', '2026-11-20T15:00:00Z', '--depth', '1']);
    assert.deepStrictEqual(one.systems.map((s) => s.id), ['payments', 'ledger']);
    assert.deepStrictEqual(one.commits.map((c) => c.sha), [sha.after, sha.merge, sha.squash]);
    const none = json(['--incident', 'INC-1', '--at', '2026-11-20T15:00:00Z', '--depth', '0']);
    assert.deepStrictEqual(none.commits.map((c) => c.sha), [sha.after, sha.merge]);
  });

  it('--since a duration counts back from the start; --since and --until as times set both edges', () => {
    const { sha } = history;
    const day = json(['--incident', 'INC-1', '--at', '2026-11-20T15:00:00Z', '--since', '24h']);
    assert.deepStrictEqual(day.window, { from: '2026-11-19T12:00:00.000Z', to: '2026-11-20T15:00:00.000Z' });
    assert.deepStrictEqual(day.commits.map((c) => c.sha), [sha.after, sha.db]);
    const wide = json(['--incident', 'INC-1', '--since', '2026-11-17T08:00:00Z', '--until', '2026-11-19T10:00:00Z']);
    assert.deepStrictEqual(wide.window, { from: '2026-11-17T08:00:00.000Z', to: '2026-11-19T10:00:00.000Z' });
    // Both edges are inclusive: the commit at 08:00 and the merge at 10:00 are in.
    assert.deepStrictEqual(wide.commits.map((c) => c.sha), [sha.merge, sha.squash, sha.early]);
  });

  it('a resolved incident: from 72 h before its start to its resolution', () => {
    const report = json(['--incident', 'INC-2', '--at', '2026-11-20T15:00:00Z']);
    assert.deepStrictEqual(report.window, { from: '2026-11-07T10:00:00.000Z', to: '2026-11-10T14:00:00.000Z' });
    assert.deepStrictEqual(report.commits.map((c) => [c.sha, c.relation, c.beforeStart]), [[history.sha.old, 'direct', 22 * HOUR]]);
  });

  it('--systems: the systems named and their dependencies, 72 h before --at, no incident', () => {
    const { sha } = history;
    const report = json(['--systems', 'ledger', '--at', '2026-11-20T15:00:00Z']);
    assert.strictEqual(report.incident, null);
    assert.deepStrictEqual(report.window, { from: '2026-11-17T15:00:00.000Z', to: '2026-11-20T15:00:00.000Z' });
    assert.deepStrictEqual(report.systems.map((s) => [s.id, s.relation, s.via]), [['ledger', 'direct', ['ledger']], ['db', 'dependency', ['ledger', 'db']]]);
    assert.deepStrictEqual(report.commits.map((c) => [c.sha, c.relation, c.via, c.beforeStart]), [
      [sha.after, 'direct', ['ledger'], null],
      [sha.db, 'dependency', ['ledger', 'db'], null],
      [sha.squash, 'direct', ['ledger'], null],
    ]);
    assert.deepStrictEqual(report.commits[0]?.files, { ledger: ['ledger/y.ts'] });
  });

  it('--all-refs walks every ref: the branch commit with its own override trailer', () => {
    const { sha } = history;
    const report = json(['--systems', 'payments', '--depth', '0', '--at', '2026-11-20T15:00:00Z', '--all-refs']);
    assert.deepStrictEqual(report.commits.map((c) => [c.sha, c.override]), [
      [sha.after, null], [sha.merge, null], [sha.branch, 'on the branch only'],
    ]);
  });

  it('text: newest first, why each is listed, PRs, and the override marked with its trailer text', () => {
    const result = history.repo.cli(['changes', '--incident', 'INC-1', '--at', '2026-11-20T15:00:00Z']);
    assert.strictEqual(result.code, 0, result.stderr);
    const { sha } = history;
    const lines = result.stdout.split('\n');
    assert.deepStrictEqual(lines.slice(0, 5), [
      'Changes before incident INC-1: Card declines',
      'window: 2026-11-17T12:00:00.000Z → 2026-11-20T15:00:00.000Z',
      'systems: payments, ledger (via payments → ledger), db (via payments → ledger → db)',
      '',
      '4 commit(s), newest first:',
    ]);
    const blocks = result.stdout.split('\n\n').slice(2);
    assert.deepStrictEqual(blocks.map((b) => b.split('\n')[0]), [
      `${sha.after.slice(0, 12)}  payments+ledger: after the start`,
      `${sha.db.slice(0, 12)}  db: add index (#43) (PR #43)`,
      `${sha.merge.slice(0, 12)}  Merge pull request #42 from acme/hotfix (PR #42)`,
      `${sha.squash.slice(0, 12)}  ledger: rounding (#41) (PR #41)`,
    ]);
    assert.deepStrictEqual(blocks[1]?.split('\n').slice(1), [
      '  Test, 2026-11-20T11:00:00.000Z, 1 h before start',
      '  touches db (payments depends on ledger, ledger depends on db)',
      '  override: approved by CAB-7',
      '  db: db/m/2.sql',
    ]);
    assert.deepStrictEqual(blocks[0]?.split('\n').slice(1, 3), ['  Test, 2026-11-20T13:00:00.000Z, 1 h after start', '  touches payments']);
    assert.strictEqual(blocks[3]?.split('\n')[2], '  touches ledger (payments depends on ledger)');
  });

  it('markdown: a table with the override in bold', () => {
    const result = history.repo.cli(['changes', '--incident', 'INC-1', '--at', '2026-11-20T15:00:00Z', '-f', 'markdown']);
    assert.strictEqual(result.code, 0, result.stderr);
    const rows = result.stdout.split('\n').filter((l) => l.startsWith('| `'));
    assert.strictEqual(rows.length, 4);
    assert.match(rows[1] ?? '', /\| db: add index \(#43\) \| #43 \| touches db \(payments depends on ledger, ledger depends on db\) \| \*\*override\*\*: approved by CAB-7 \|$/);
  });

  it('wrong calls: a clear message and exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['--incident', 'INC-3'], /no incident 'INC-3' in the manifest \(did you mean 'INC-1'\?\)/],
      [['--systems', 'ledgr'], /no system 'ledgr' in the manifest \(did you mean 'ledger'\?\)/],
      [[], /needs one of --incident ID or --systems a,b/],
      [['--incident', 'INC-1', '--systems', 'db'], /needs one of --incident ID or --systems a,b/],
      [['--incident', 'INC-1', '--since', 'yesterday'], /--since expects an ISO-8601 time/],
      [['--incident', 'INC-1', '--depth', 'x'], /--depth expects a whole number/],
      [['--incident', 'INC-1', '--since', '2026-11-21T00:00:00Z', '--until', '2026-11-20T00:00:00Z'], /the window is empty/],
    ];
    for (const [args, message] of cases) {
      const result = history.repo.cli(['changes', ...args]);
      assert.strictEqual(result.code, 2, `${args.join(' ')}: ${result.stdout}`);
      assert.match(result.stderr, message, args.join(' '));
    }
  });

  it('lives in the lazily loaded cli-extra.js: the entry bundle the hooks run holds no history code', () => {
    const entry = fs.readFileSync(cliPath, 'utf8');
    const extra = fs.readFileSync(path.join(path.dirname(cliPath), 'cli-extra.js'), 'utf8');
    for (const marker of ['commitsTouching', 'diff-merges=first-parent', 'simple-git']) assert.ok(!entry.includes(marker), marker);
    assert.ok(extra.includes('diff-merges=first-parent'));
  });

  it('hostile text from git (subject, author, trailer, file name) is escaped in every format', () => {
    const repo = TempRepo.init();
    commitAt(repo, '2026-11-01T00:00:00Z', { 'ops.yaml': manifest, 'payments/a.ts': '1' }, ['initial']);
    repo.write({ 'payments/evil\u001b[2J\u202e.ts': '1' });
    repo.git('add', '-A');
    const evil = repo.tryGit(['commit', '-q', '-m', 'pay \u001b[31mred\u001b[0m \u202eevil | *x* <b>', '-m', 'Freeze-Override: ok \u0007 now'], {
      GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z', GIT_AUTHOR_NAME: 'Mallory \u001b]8;;http://x\u0007',
    });
    assert.strictEqual(evil.code, 0, evil.stderr);
    // Any C0 control but newline and tab, DEL, or the bidi override, written out raw.
    const raw = { test: (text: string): boolean => [...text].some((c) => (c < ' ' && c !== '\n' && c !== '\t') || c === '\u007f' || c === '\u202e') };
    for (const format of ['text', 'markdown', 'json']) {
      const result = repo.cli(['changes', '--incident', 'INC-1', '--at', '2026-11-20T15:00:00Z', '-f', format]);
      assert.strictEqual(result.code, 0, result.stderr);
      assert.ok(!raw.test(result.stdout), `${format}: ${JSON.stringify(result.stdout)}`);
      if (format === 'json') {
        const [commit] = (JSON.parse(result.stdout) as JsonReport).commits;
        assert.deepStrictEqual([commit?.subject, commit?.override, commit?.files], ['pay \u001b[31mred\u001b[0m \u202eevil | *x* <b>', 'ok \u0007 now', { payments: ['payments/evil\u001b[2J\u202e.ts'] }]);
      }
    }
  });
});
