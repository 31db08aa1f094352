import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SystemDef } from '../../../src/core/model';
import { IncidentHistory, commitFiles } from '../../../src/vscode/model/incidentHistory';

/** The editor's history of an incident, in a real throwaway git repository with fixed dates. */
describe('incidentHistory (real git)', function () {
  this.timeout(30_000);
  const HOUR = 3_600_000;
  const started = Date.parse('2026-12-05T09:00:00Z');
  let dir: string;
  const git = (args: string[], env: Record<string, string> = {}): string => {
    const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, ...env } });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout;
  };
  const commitAt = (file: string, content: string | null, message: string, at: number, author = 'Ana'): string => {
    const full = path.join(dir, file);
    if (content === null) fs.rmSync(full);
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
    git(['add', '-A']);
    const when = `@${Math.floor(at / 1000)} +0000`;
    git(['commit', '-q', '-m', message], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_AUTHOR_NAME: author });
    return git(['rev-parse', 'HEAD']).trim();
  };
  const system = (id: string, paths: string[], dependsOn: string[] = []): SystemDef => ({ id, paths, exclude: [], dependsOn } as unknown as SystemDef);
  const systems = [system('payments', ['services/payments/'], ['ledger']), system('ledger', ['services/ledger/']), system('web', ['web/'])];
  const incident = { id: 'INC-1', systems: ['payments'], started };
  const shas: Record<string, string> = {};

  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-edchanges-')));
    git(['init', '-q', '-b', 'main']);
    git(['config', 'user.email', 't@example.com']);
    git(['config', 'remote.origin.url', 'git@github.com:acme/shop.git']);
    shas.old = commitAt('services/payments/a.ts', '1', 'Old payments change', started - 100 * HOUR);
    shas.ledger = commitAt('services/ledger/pool.ts', '1', 'Tune ledger pool (#12)', started - 10 * HOUR, 'Bo');
    shas.web = commitAt('web/index.html', '1', 'Web copy', started - 5 * HOUR);
    shas.payments = commitAt('services/payments/a.ts', '2', 'Retry payments\n\nFreeze-Override: CHG-7', started - 2 * HOUR);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the commits in the 72 h before that touch the incident\'s systems or what they depend on, newest first', async () => {
    const answer = await new IncidentHistory().changes(dir, systems, incident, started + HOUR);
    assert.deepStrictEqual(answer.commits.map((c) => [c.sha, c.subject, c.author, c.via, c.pr, c.override]), [
      [shas.payments, 'Retry payments', 'Ana', ['payments'], null, 'CHG-7'],
      [shas.ledger, 'Tune ledger pool (#12)', 'Bo', ['payments', 'ledger'], 12, null],
    ]);
    assert.deepStrictEqual(answer.window, { from: started - 72 * HOUR, to: started + HOUR });
    assert.strictEqual(answer.remote, 'git@github.com:acme/shop.git');
  });

  it('keeps the answer per incident and HEAD: a new commit is seen, the same HEAD is not asked again', async () => {
    const history = new IncidentHistory();
    const first = await history.changes(dir, systems, incident, started + HOUR);
    assert.strictEqual(await history.changes(dir, systems, incident, started + HOUR), first);
    assert.strictEqual(history.lastCount(dir, 'INC-1'), 2);
    const late = commitAt('services/ledger/pool.ts', '2', 'Ledger hotfix', started + HOUR / 2);
    try {
      const second = await history.changes(dir, systems, incident, started + HOUR);
      assert.notStrictEqual(second, first);
      assert.deepStrictEqual(second.commits.map((c) => c.sha), [late, shas.payments, shas.ledger]);
      assert.strictEqual(history.lastCount(dir, 'INC-1'), 3);
    } finally {
      git(['reset', '-q', '--hard', 'HEAD~1']);
    }
  });

  it('rejects with git\'s message outside a repository', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-nogit-'));
    try {
      await assert.rejects(new IncidentHistory().changes(outside, systems, incident, started + HOUR), /not a git repository/i);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('names each file a commit changes against its first parent, with its status', async () => {
    assert.deepStrictEqual(await commitFiles(dir, shas.old), [{ status: 'A', path: 'services/payments/a.ts' }]);
    assert.deepStrictEqual(await commitFiles(dir, shas.payments), [{ status: 'M', path: 'services/payments/a.ts' }]);
    const removed = commitAt('web/index.html', null, 'Drop web page', started + HOUR);
    try {
      assert.deepStrictEqual(await commitFiles(dir, removed), [{ status: 'D', path: 'web/index.html' }]);
    } finally {
      git(['reset', '-q', '--hard', 'HEAD~1']);
    }
    // A merge: what it brings in against its first parent (the diff's left side is `sha^`).
    git(['checkout', '-q', '-b', 'topic']);
    commitAt('services/ledger/topic.ts', '1', 'Topic work', started + HOUR);
    git(['checkout', '-q', 'main']);
    git(['merge', '-q', '--no-ff', 'topic', '-m', 'Merge pull request #5 from topic']);
    try {
      assert.deepStrictEqual(await commitFiles(dir, git(['rev-parse', 'HEAD']).trim()), [{ status: 'A', path: 'services/ledger/topic.ts' }]);
    } finally {
      git(['reset', '-q', '--hard', 'HEAD~1']);
      git(['branch', '-q', '-D', 'topic']);
    }
    await assert.rejects(commitFiles(dir, '--output=x'), /not a commit id/);
  });
});
