import * as assert from 'node:assert';
import { TempRepo } from './support/tempRepo';

/**
 * Fail closed (docs/manifest.md "When the manifest is wrong") where a manifest error used to take
 * protection away: a misspelled top-level `timezone` read as UTC, and an invalid freeze whose
 * selectors name no real system or tier applied nowhere.
 */

const files = {
  'services/payments/api.ts': 'export {};\n',
  'free/a.txt': 'a\n',
};

const systems = ['systems:', '  payments: { paths: [services/payments/], tier: 1 }', '  free: { paths: [free/] }'];

function hooked(text: string): TempRepo {
  const repo = TempRepo.withCommit({ 'ops.yaml': text, ...files });
  const install = repo.cli(['hook', 'install']);
  assert.strictEqual(install.code, 0, install.stderr);
  return repo;
}

function commit(repo: TempRepo, changes: Record<string, string>): ReturnType<TempRepo['tryGit']> {
  repo.write(changes);
  repo.git('add', '-A');
  return repo.tryGit(['commit', '-m', 'change']);
}

describe('a misspelled top-level timezone never lifts a freeze (real commits)', () => {
  // Whatever the clock says: read in UTC this window is long over; its zone cannot be read, so
  // the freeze is in force until the zone is fixed.
  const frozen = (zone: string, end: string): string => ['version: 1', `timezone: ${zone}`, ...systems, 'freezes:',
    '  - id: pay-freeze', '    title: Payments freeze', '    systems: [payments]', '    start: "2000-01-01 00:00"', `    end: "${end}"`, ''].join('\n');

  it('refuses a commit into the frozen system and says where the zone is and why', () => {
    const repo = hooked(frozen('America/New_Yrok', '2000-01-02 05:00'));
    const head = repo.head();
    const result = commit(repo, { 'services/payments/api.ts': 'changed\n' });
    assert.notStrictEqual(result.code, 0, result.stderr);
    assert.strictEqual(repo.head(), head, 'no commit was made');
    assert.match(result.stderr, /commit blocked by a change freeze/);
    assert.match(result.stderr, /ops\.yaml:2:11: error invalid-timezone: unknown time zone "America\/New_Yrok".*did you mean `America\/New_York`\?/);
    assert.match(result.stderr, /ops\.yaml:10:12: error time-in-invalid-zone: `start: 2000-01-01 00:00` is read in the manifest's `timezone` "America\/New_Yrok" \(ops\.yaml:2:11\)/);
    assert.match(result.stderr, /freeze `pay-freeze` is invalid \(ops\.yaml:10:12: .*\); treated as in force until fixed/);
    repo.git('reset', '-q', '--hard');
    const elsewhere = commit(repo, { 'free/a.txt': 'changed\n' });
    assert.strictEqual(elsewhere.code, 0, elsewhere.stderr);
  });

  it('lets the commit through once the zone is fixed (the same window is over in New York)', () => {
    const repo = hooked(frozen('America/New_York', '2000-01-02 05:00'));
    const result = commit(repo, { 'services/payments/api.ts': 'changed\n' });
    assert.strictEqual(result.code, 0, result.stderr);
  });

  it('keeps a window written with offsets: it does not depend on the zone', () => {
    const repo = hooked(frozen('America/New_Yrok', '2000-01-02T05:00:00-05:00').replace('"2000-01-01 00:00"', '"2000-01-01T00:00:00-05:00"'));
    const result = repo.cli(['check', '--format', 'json', 'services/payments/api.ts']);
    assert.strictEqual(result.code, 2, result.stdout);
    assert.deepStrictEqual((JSON.parse(result.stdout) as { freezes: unknown[] }).freezes, []);
  });
});

describe('an invalid freeze whose selectors name nothing applies to every system', () => {
  const manifest = (selectors: string): string => ['version: 1', ...systems, 'freezes:',
    `  - { id: broken, ${selectors}, start: 2000-01-01, end: 2999-01-01 }`, ''].join('\n');

  interface Json { freezes: { id: string; systems: string[]; effect: string; invalid?: string }[] }

  for (const selectors of ['systems: [ghost], tiers: [9]', 'systems: [ghost]']) {
    it(`${selectors}: check blocks a file of any system, status lists it over every system`, () => {
      const repo = TempRepo.withCommit({ 'ops.yaml': manifest(selectors), ...files });
      const check = repo.cli(['check', '--format', 'json', 'free/a.txt']);
      assert.strictEqual(check.code, 1, check.stdout + check.stderr);
      const freeze = (JSON.parse(check.stdout) as Json).freezes.find((f) => f.id === 'broken');
      assert.deepStrictEqual([freeze?.systems, freeze?.effect], [['free'], 'block']);
      assert.match(freeze?.invalid ?? '', /unknown system `ghost`/);
      const status = JSON.parse(repo.cli(['status', '--format', 'json']).stdout) as Json;
      assert.deepStrictEqual(status.freezes.find((f) => f.id === 'broken')?.systems, ['payments', 'free']);
    });
  }

  it('a tier some system has still narrows it', () => {
    const repo = TempRepo.withCommit({ 'ops.yaml': manifest('systems: [ghost], tiers: [1, 9]'), ...files });
    assert.strictEqual(repo.cli(['check', 'services/payments/api.ts']).code, 1);
    assert.strictEqual(repo.cli(['check', 'free/a.txt']).code, 2, 'errors, nothing blocks');
  });
});
