import * as assert from 'node:assert';
import type { ImpactReport } from '../../src/core/evaluate/report';
import { TempRepo } from './support/tempRepo';

/**
 * The globs of the issue (catastrophic for a backtracking matcher) in `check` and in a real
 * `git commit` with the hooks. The assertions are on the answers; the mocha timeout is only a guard.
 */
const many = 'a'.repeat(40);
const manifest = `version: 1
systems:
  stars:
    paths: ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"]
  backups:
    paths: ["**/*.*.*.*.*.*.bak"]
freezes:
  - id: always
    systems: [stars, backups]
    start: 2000-01-01T00:00:00Z
    end: 2100-01-01T00:00:00Z
    enforcement: block
`;
const dotted = `deep/er/${'.'.repeat(40)}x`;
const files: Record<string, string> = {
  [many]: 'x\n',
  [`${many}b`]: 'y\n',
  [dotted]: 'z\n',
  'a/b/c.d.e.f.g.h.bak': 'w\n',
};

describe('globs with a proven bound, in the CLI', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': manifest, ...files });
  });

  it('check matches the right files and only those', () => {
    const result = repo.cli(['check', '--format', 'json', ...Object.keys(files)]);
    assert.strictEqual(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as ImpactReport;
    assert.deepStrictEqual(
      Object.fromEntries(report.files.map((f) => [f.path, f.systems])),
      { [many]: [], [`${many}b`]: ['stars'], [dotted]: [], 'a/b/c.d.e.f.g.h.bak': ['backups'] },
    );
  });

  it('a real git commit of the 40-a file and the dotted path goes through (no system), the matching ones are refused', () => {
    const install = repo.cli(['hook', 'install']);
    assert.strictEqual(install.code, 0, install.stderr);
    repo.write({ [many]: 'changed\n', [dotted]: 'changed\n' });
    repo.git('add', '-A');
    const free = repo.tryGit(['commit', '-m', 'no frozen system']);
    assert.strictEqual(free.code, 0, free.stderr);
    repo.write({ [`${many}b`]: 'changed\n' });
    repo.git('add', '-A');
    const frozen = repo.tryGit(['commit', '-m', 'frozen']);
    assert.notStrictEqual(frozen.code, 0);
    assert.match(frozen.stderr, /commit blocked by a change freeze/);
  });

  it('a glob over a limit is a located error in validate', () => {
    const over = TempRepo.withCommit({ 'ops.yaml': `version: 1\nsystems:\n  x:\n    paths: ["${'*a'.repeat(65)}"]\n` });
    const result = over.cli(['validate']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stdout, /^ops\.yaml:4:\d+: error glob-too-many-wildcards: /m);
  });
});
