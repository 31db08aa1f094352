// Where the CLI finds the manifest: nested manifests (globs and includes relative to their own
// folder), discovery walking up from the working directory, the global -C, and manifests that
// exist but cannot be read (never "not found").
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ImpactReport, StatusReport } from '../../src/core/evaluate/report';
import { during } from './support/fixtures';
import { TempRepo, tempDir } from './support/tempRepo';

/** A sub-project manifest: `api/` means `sub/api/`, and its include sits next to it. */
const nested = `version: 1
timezone: UTC
include: [ops/incidents.yaml]
systems:
  api:
    title: API
    paths: [api/, /root-only.txt]
    owners: ["@api"]
  docs:
    title: Docs
    paths: ["*.md"]
freezes:
  - id: api-freeze
    title: API freeze
    systems: [api]
    start: 2026-12-20T00:00:00Z
    end: 2027-01-03T00:00:00Z
    enforcement: block
    exempt: [api/README.md]
`;
const nestedIncidents = `incidents:
  - id: INC-1
    title: API errors
    severity: sev2
    status: investigating
    systems: [api]
`;
const rootManifest = `version: 1
timezone: UTC
systems:
  everything:
    title: Everything
    paths: ["**"]
`;

function statusOf(repo: TempRepo, args: readonly string[], cwd?: string): { code: number; report?: StatusReport; stderr: string } {
  const result = repo.cli([...args, 'status', '--format', 'json', '--at', during], cwd !== undefined ? { cwd } : {});
  return { code: result.code, stderr: result.stderr, ...(result.stdout !== '' ? { report: JSON.parse(result.stdout) as StatusReport } : {}) };
}

function checkPaths(repo: TempRepo, cwd: string, paths: readonly string[]): ImpactReport {
  const result = repo.cli(['check', '--format', 'json', '--at', during, ...paths], { cwd });
  assert.ok(result.stdout !== '', result.stderr);
  return JSON.parse(result.stdout) as ImpactReport;
}

describe('change-radar: finding the manifest', () => {
  describe('a nested manifest', () => {
    let repo: TempRepo;
    beforeEach(() => {
      repo = TempRepo.withCommit({
        'sub/ops.yaml': nested, 'sub/ops/incidents.yaml': nestedIncidents,
        'sub/api/handler.ts': 'x\n', 'sub/api/README.md': 'x\n', 'sub/deep/er/file.ts': 'x\n', 'api/outside.ts': 'x\n', 'README.md': 'x\n',
      });
    });

    it('-C before the command, -C after it, and cd into the folder all find it', () => {
      const before = statusOf(repo, ['-C', 'sub']);
      assert.strictEqual(before.code, 0, before.stderr);
      assert.deepStrictEqual(before.report?.incidents.map((i) => i.id), ['INC-1']);
      assert.deepStrictEqual(statusOf(repo, ['--cwd=sub']).report, before.report);
      const after = repo.cli(['status', '-C', 'sub', '--format', 'json', '--at', during]);
      assert.strictEqual(after.code, 0, after.stderr);
      assert.deepStrictEqual(statusOf(repo, [], repo.path('sub')).report, before.report);
    });

    it('walks up from a deeper working directory to the nearest manifest', () => {
      const deep = statusOf(repo, [], repo.path('sub/deep/er'));
      assert.strictEqual(deep.code, 0, deep.stderr);
      assert.deepStrictEqual(deep.report?.incidents.map((i) => i.id), ['INC-1']);
    });

    it('reads globs relative to its folder: anchored, at any depth, and a leading slash', () => {
      const report = checkPaths(repo, repo.path('sub'), ['api/handler.ts', 'api/README.md', '../api/outside.ts', '../README.md', 'deep/er/x.md', '../root-only.txt', 'root-only.txt']);
      const systems = Object.fromEntries(report.files.map((file) => [file.path, file.systems]));
      assert.deepStrictEqual(systems, {
        'api/outside.ts': [],
        'README.md': [],
        'root-only.txt': [],
        'sub/api/README.md': ['api', 'docs'],
        'sub/api/handler.ts': ['api'],
        'sub/deep/er/x.md': ['docs'],
        'sub/root-only.txt': ['api'],
      });
      // The freeze's exempt glob is relative to the folder too: the README is let through.
      assert.strictEqual(report.blocked, true);
      assert.deepStrictEqual(report.freezes.find((f) => f.id === 'api-freeze')?.files, ['sub/api/handler.ts', 'sub/root-only.txt']);
    });

    it('validate --manifest sub/ops.yaml resolves includes relative to the manifest, from the repository root', () => {
      const result = repo.cli(['validate', '--manifest', 'sub/ops.yaml']);
      assert.strictEqual(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /sub\/ops\.yaml, sub\/ops\/incidents\.yaml: valid/);
    });

    it('an include that leaves the manifest\'s folder is refused, saying so', () => {
      repo.write({ 'sub/ops.yaml': nested.replace('include: [ops/incidents.yaml]', 'include: [../common.yaml]'), 'common.yaml': nestedIncidents });
      const result = repo.cli(['validate', '-C', 'sub']);
      assert.strictEqual(result.code, 2);
      assert.match(result.stdout, /sub\/ops\.yaml:3:\d+: error include-invalid-path: include `\.\.\/common\.yaml` leaves the manifest's folder sub\//);
    });

    it('the nearest manifest wins over the repository root\'s, which still governs the rest', () => {
      repo.write({ 'ops.yaml': rootManifest });
      const inSub = checkPaths(repo, repo.path('sub'), ['api/handler.ts']);
      assert.deepStrictEqual(inSub.files.map((f) => f.systems), [['api']]);
      const atRoot = checkPaths(repo, repo.dir, ['sub/api/handler.ts']);
      assert.deepStrictEqual(atRoot.files.map((f) => f.systems), [['everything']]);
    });

    it('.github/ops.yaml in a sub-project has that sub-project as its base', () => {
      fs.mkdirSync(repo.path('sub/.github'));
      fs.renameSync(repo.path('sub/ops.yaml'), repo.path('sub/.github/ops.yaml'));
      const report = checkPaths(repo, repo.path('sub/deep'), ['../api/handler.ts']);
      assert.deepStrictEqual(report.files.map((f) => [f.path, f.systems]), [['sub/api/handler.ts', ['api']]]);
    });

    it('not found names every folder it looked in', () => {
      fs.rmSync(repo.path('sub/ops.yaml'));
      const result = repo.cli(['status'], { cwd: repo.path('sub/deep') });
      assert.strictEqual(result.code, 2);
      assert.match(result.stderr, /no manifest found: expected ops\.yaml or \.github\/ops\.yaml in sub\/deep, sub, \. \(the working directory up to the repository root /);
    });
  });

  describe('a global -C', () => {
    it('applies before the command, and several combine as in git', () => {
      const repo = TempRepo.withCommit({ 'a/b/ops.yaml': rootManifest });
      assert.strictEqual(repo.cli(['-C', 'a', '-C', 'b', 'validate']).code, 0);
      assert.strictEqual(repo.cli(['-Ca', 'validate', '-C', 'b']).code, 0);
      const missing = repo.cli(['-C', 'nowhere', 'status']);
      assert.strictEqual(missing.code, 2);
      assert.match(missing.stderr, /no such directory: .*nowhere/);
      const bare = repo.cli(['-C']);
      assert.strictEqual(bare.code, 2);
      assert.match(bare.stderr, /-C needs a directory/);
    });
  });

  describe('an ops.yaml that exists but cannot be read', () => {
    const cases: { name: string; make: (repo: TempRepo) => void; reason: RegExp }[] = [
      { name: 'a directory', make: (repo) => fs.mkdirSync(repo.path('ops.yaml')), reason: /the manifest ops\.yaml is a directory, not a file/ },
      { name: 'a dangling symlink', make: (repo) => fs.symlinkSync('gone.yaml', repo.path('ops.yaml')), reason: /ops\.yaml is a symbolic link to 'gone\.yaml', which does not exist/ },
      {
        name: 'a symlink leaving the repository',
        make: (repo) => {
          const outside = path.join(tempDir(), 'ops.yaml');
          fs.writeFileSync(outside, rootManifest);
          fs.symlinkSync(outside, repo.path('ops.yaml'));
        },
        reason: /ops\.yaml is a symbolic link to '.+', outside the repository/,
      },
      {
        name: 'in a .github folder that links out of the repository',
        make: (repo) => {
          const outside = tempDir();
          fs.writeFileSync(path.join(outside, 'ops.yaml'), rootManifest);
          fs.symlinkSync(outside, repo.path('.github'));
        },
        reason: /\.github\/ops\.yaml lies in a folder that is a symbolic link leading outside the repository/,
      },
      { name: 'not UTF-8', make: (repo) => fs.writeFileSync(repo.path('ops.yaml'), Buffer.concat([Buffer.from('version: 1\nsystems:\n  caf'), Buffer.from([0xe9]), Buffer.from(':\n')])), reason: /ops\.yaml is not UTF-8 text \(an invalid byte on line 3\)/ },
    ];

    for (const { name, make, reason } of cases) {
      it(`${name}: check, validate and status exit 2 saying what is wrong, and a strict hook refuses the commit`, () => {
        const repo = TempRepo.withCommit({ 'a.txt': 'x\n' });
        make(repo);
        for (const args of [['check', 'a.txt'], ['validate'], ['status']]) {
          const result = repo.cli(args);
          assert.strictEqual(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
          const text = result.stdout + result.stderr;
          assert.match(text, reason, args.join(' '));
          assert.match(text, /manifest-unreadable/);
          assert.doesNotMatch(text, /no manifest found|manifest-not-found/);
        }
        repo.write({ 'a.txt': 'changed\n' });
        repo.git('add', 'a.txt');
        const strict = repo.cli(['hook', 'run', 'pre-commit', '--strict']);
        assert.strictEqual(strict.code, 2, strict.stderr);
        assert.match(strict.stderr, reason);
        assert.match(strict.stderr, /commit refused/);
      });
    }

    it('an unreadable include says what is wrong with it, not "does not exist"', () => {
      const repo = TempRepo.withCommit({ 'ops.yaml': `${rootManifest}include: [more.yaml]\n` });
      fs.mkdirSync(repo.path('more.yaml'));
      const result = repo.cli(['validate']);
      assert.strictEqual(result.code, 2);
      assert.match(result.stdout, /ops\.yaml:\d+:\d+: error manifest-unreadable: included file more\.yaml is a directory, not a file/);
    });

    it('an unreadable CODEOWNERS is a warning (owners are advice), and the command still works', () => {
      const repo = TempRepo.withCommit({ 'ops.yaml': rootManifest });
      fs.mkdirSync(repo.path('CODEOWNERS'));
      const result = repo.cli(['explain', 'x.ts']);
      assert.strictEqual(result.code, 0, result.stderr);
      assert.match(result.stderr, /CODEOWNERS is a directory, not a file; owners from it are not shown/);
    });
  });
});
