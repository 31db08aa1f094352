import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeownersResult } from '../../../../src/core/paths/codeowners';
import { parseCodeowners, restoreCodeowners } from '../../../../src/core/paths/codeowners';
import { codeownersLocations } from '../../../../src/core/manifest/manifestLocations';
import fc from 'fast-check';
import { GlobIndex } from '../../../../src/core/paths/globIndex';
import { compileShapes } from '../../../../src/core/paths/globMatcher';
import { pathArbitrary, patternArbitrary } from '../../support/globReference';

function ownersOf(text: string, file: string): CodeownersResult {
  const { codeowners, problems } = parseCodeowners(text, 'CODEOWNERS');
  assert.deepStrictEqual(problems, []);
  return codeowners.ownersOf(file);
}

function problemsOf(text: string): { code: string; line: number; start: number; end: number }[] {
  return parseCodeowners(text, '.github/CODEOWNERS').problems.map((problem) => ({
    code: problem.code,
    line: problem.range.start.line,
    start: problem.range.start.column,
    end: problem.range.end.column,
  }));
}

describe('codeowners', () => {
  it('lists the locations in the order GitHub looks', () => {
    assert.deepStrictEqual(codeownersLocations, ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']);
  });

  describe('rules', () => {
    const file = [
      '# comment',
      '*       @global',
      '',
      '*.js    @js-owner #This is an inline comment.',
      '/build/logs/ @doctocat',
      'docs/*  docs@example.com',
      'apps/   @octocat',
      '/apps/github',
      '**/logs @org/loggers',
      '/scripts/ @doctocat @octocat',
    ].join('\n');

    const cases: [string, CodeownersResult][] = [
      ['README.md', { owners: ['@global'], line: 2 }],
      ['src/a.js', { owners: ['@js-owner'], line: 4 }],
      ['build/logs/x.txt', { owners: ['@org/loggers'], line: 9 }],
      ['docs/getting-started.md', { owners: ['docs@example.com'], line: 6 }],
      // GitHub: `docs/*` does not own files in subdirectories of docs; `*` (line 2) decides instead.
      ['docs/build-app/troubleshooting.md', { owners: ['@global'], line: 2 }],
      ['web/apps/main.ts', { owners: ['@octocat'], line: 7 }],
      ['apps/github/x.ts', { owners: [], line: 8 }],
      ['deeply/nested/logs/a', { owners: ['@org/loggers'], line: 9 }],
      ['scripts/deploy.sh', { owners: ['@doctocat', '@octocat'], line: 10 }],
    ];
    for (const [filePath, expected] of cases) {
      it(`${filePath} → ${expected.owners.join(' ') || 'unowned'} (line ${expected.line})`, () => {
        assert.deepStrictEqual(ownersOf(file, filePath), expected);
      });
    }

    it('a snapshot (JSON round trip) answers as the parsed file; one that does not fit is refused', () => {
      const { codeowners } = parseCodeowners(`${file}\n/a b/\\ c/ @spaces\n`, 'CODEOWNERS');
      const snapshot = JSON.parse(JSON.stringify(codeowners.toSnapshot())) as ReturnType<typeof codeowners.toSnapshot>;
      const restored = restoreCodeowners(snapshot);
      assert.ok(restored !== undefined);
      assert.deepStrictEqual(snapshot.index.always, [0], 'the catch-all is tested for every path (the refusal below takes it away)');
      for (const filePath of [...cases.map(([p]) => p), 'a b/ c/x', 'nothing/here']) {
        assert.deepStrictEqual(restored.ownersOf(filePath), codeowners.ownersOf(filePath), filePath);
      }
      for (const bad of [null, {}, { ...snapshot, format: 2 }, { ...snapshot, rules: 'x' }, { ...snapshot, rules: snapshot.rules.slice(1) },
        { ...snapshot, rules: [[1, 2, []], ...snapshot.rules.slice(1)] }, { ...snapshot, shapeCounts: [[0, 1]] }, { ...snapshot, index: { ...snapshot.index, always: [] } }]) {
        assert.strictEqual(restoreCodeowners(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
      }
    });

    it('the last matching line wins even when an earlier one is more specific', () => {
      assert.deepStrictEqual(ownersOf('src/core/ @core\nsrc/ @src\n', 'src/core/a.ts'), { owners: ['@src'], line: 2 });
    });

    it('a path no line matches has no owners and no line', () => {
      assert.deepStrictEqual(ownersOf('/src/ @a\n', 'lib/a.ts'), { owners: [] });
    });

    it('an empty file owns nothing', () => {
      assert.deepStrictEqual(ownersOf('', 'a'), { owners: [] });
    });

    it('reads CRLF line ends and a byte-order mark', () => {
      assert.deepStrictEqual(ownersOf('\uFEFF# x\r\n*.md @docs\r\n', 'a.md'), { owners: ['@docs'], line: 2 });
    });

    it('a backslash-escaped space belongs to the pattern', () => {
      assert.deepStrictEqual(ownersOf('/my\\ docs/ @a\n', 'my docs/x.md'), { owners: ['@a'], line: 1 });
    });

    it('braces are plain characters, as in gitignore', () => {
      assert.deepStrictEqual(ownersOf('{a,b}.md @x\n', 'a.md'), { owners: [] });
      assert.deepStrictEqual(ownersOf('{a,b}.md @x\n', '{a,b}.md'), { owners: ['@x'], line: 1 });
    });

    it('compares paths and patterns in Unicode normal form C (macOS names files in NFD)', () => {
      const nfc = 'caf\u00e9';
      const nfd = 'cafe\u0301';
      assert.deepStrictEqual(ownersOf(`/${nfc}/ @nfc\n`, `${nfd}/menu.ts`), { owners: ['@nfc'], line: 1 });
      assert.deepStrictEqual(ownersOf(`${nfd}/*.ts @nfd\n`, `${nfc}/menu.ts`), { owners: ['@nfd'], line: 1 });
      const { codeowners } = parseCodeowners(`*.md @docs\n/${nfc}/ @nfc\n`, 'CODEOWNERS');
      const restored = restoreCodeowners(JSON.parse(JSON.stringify(codeowners.toSnapshot())));
      assert.deepStrictEqual(restored?.ownersOf(`${nfd}/x.ts`), { owners: ['@nfc'], line: 2 });
    });

    it('paths are case-sensitive', () => {
      assert.deepStrictEqual(ownersOf('/Docs/ @a\n', 'docs/x'), { owners: [] });
    });
  });

  describe('problems (zero-based ranges; the line is skipped)', () => {
    it("'!' negation", () => {
      assert.deepStrictEqual(problemsOf('* @a\n  !x.md @b\n'), [{ code: 'codeowners-negation', line: 1, start: 2, end: 7 }]);
      const { codeowners } = parseCodeowners('* @a\n!x.md @b\n', 'CODEOWNERS');
      assert.deepStrictEqual(codeowners.ownersOf('x.md'), { owners: ['@a'], line: 1 });
    });

    it("'[ ]' character ranges", () => {
      assert.deepStrictEqual(problemsOf('v[0-9]/ @a\n'), [{ code: 'codeowners-character-range', line: 0, start: 0, end: 7 }]);
    });

    it("'\\#' does not escape a hash", () => {
      assert.deepStrictEqual(problemsOf('\\#notes @a\n'), [{ code: 'codeowners-escaped-hash', line: 0, start: 0, end: 7 }]);
    });

    it('an invalid pattern', () => {
      const problems = parseCodeowners('../x @a\n', 'CODEOWNERS').problems;
      assert.deepStrictEqual(problems.map((problem) => problem.code), ['codeowners-invalid-pattern']);
      assert.match(problems[0].message, /'\.\.' segment/);
    });

    it('an owner that is not @user, @org/team or an email', () => {
      assert.deepStrictEqual(problemsOf('*.md @docs team\n'), [{ code: 'codeowners-invalid-owner', line: 0, start: 11, end: 15 }]);
      const { codeowners } = parseCodeowners('* @a\n*.md @docs team\n', 'CODEOWNERS');
      assert.deepStrictEqual(codeowners.ownersOf('x.md'), { owners: ['@a'], line: 1 });
    });

    it('problems name the file and say what was expected', () => {
      const [problem] = parseCodeowners('*.md nobody\n', 'docs/CODEOWNERS').problems;
      assert.strictEqual(problem.file, 'docs/CODEOWNERS');
      assert.strictEqual(problem.severity, 'warning');
      assert.match(problem.message, /expected @user, @org\/team or an email address/);
    });
  });

  describe('the opentelemetry-collector corpus', () => {
    const corpus = path.join(__dirname, '../../../fixtures/otel-collector');
    const text = fs.readFileSync(path.join(corpus, 'CODEOWNERS'), 'utf8');
    const paths = fs.readFileSync(path.join(corpus, 'paths.txt'), 'utf8').split('\n').filter((line) => line !== '');
    const { codeowners, problems } = parseCodeowners(text, '.github/CODEOWNERS');
    const approvers = '@open-telemetry/collector-approvers';

    it('parses without problems and resolves every path to an owner', () => {
      assert.deepStrictEqual(problems, []);
      assert.strictEqual(paths.length, 2806);
      assert.deepStrictEqual(paths.filter((file) => codeowners.ownersOf(file).owners.length === 0), []);
    });

    const spotChecks: [string, CodeownersResult][] = [
      // Only the catch-all `*` on line 12.
      ['README.md', { owners: [approvers], line: 12 }],
      ['.github/workflows/release-branch.yml', { owners: [approvers], line: 12 }],
      // `.github/workflows/scripts/release-*.sh` (line 17).
      ['.github/workflows/scripts/release-branch.sh', { owners: [approvers, '@open-telemetry/collector-releases-approvers'], line: 17 }],
      // `cmd/mdatagen/` (line 23) and the later, deeper `cmd/mdatagen/internal/samplereceiver/` (line 30).
      ['cmd/mdatagen/main.go', { owners: [approvers, '@dmitryax'], line: 23 }],
      ['cmd/mdatagen/internal/samplereceiver/factory.go', { owners: [approvers, '@dmitryax'], line: 30 }],
      ['docs/rfcs/release-approvers.md', { owners: [approvers, '@codeboten', '@bogdandrutu', '@dmitryax', '@mx-psi'], line: 65 }],
      // `pdata/` has no slash but the trailing one, so it matches a `pdata` directory at any depth.
      ['internal/cmd/pdatagen/internal/pdata/base_slices.go', { owners: [approvers, '@bogdandrutu', '@dmitryax'], line: 91 }],
    ];
    for (const [filePath, expected] of spotChecks) {
      it(`${filePath} → line ${expected.line}`, () => {
        assert.deepStrictEqual(codeowners.ownersOf(filePath), expected);
      });
    }

    it('agrees with the codeowners npm package (5.1.1) on every path', () => {
      const theirs = packageOwners(text);
      const disagreements = paths.filter((file) => codeowners.ownersOf(file).owners.join(' ') !== theirs(file).join(' '));
      // None on this corpus: it uses only `*`, directory patterns and a `release-*.sh` file glob,
      // where GitHub's rules and gitignore's (which the package follows, via `ignore`) coincide.
      assert.deepStrictEqual(disagreements, []);
    });
  });

  describe('where the codeowners npm package is not GitHub', () => {
    // The package treats CODEOWNERS as plain gitignore plus whitespace-split owners.
    it('`docs/*` does not own nested files (GitHub), the package says it does (gitignore)', () => {
      const text = '* @all\ndocs/* @docs\n';
      assert.deepStrictEqual(packageOwners(text)('docs/a/b.md'), ['@docs']);
      assert.deepStrictEqual(ownersOf(text, 'docs/a/b.md'), { owners: ['@all'], line: 1 });
    });

    it('an inline comment is not an owner (GitHub), the package lists its words as owners', () => {
      const text = '*.js @js # TODO\n';
      assert.deepStrictEqual(packageOwners(text)('a.js'), ['@js', '#', 'TODO']);
      assert.deepStrictEqual(ownersOf(text, 'a.js'), { owners: ['@js'], line: 1 });
    });
  });
});

describe('codeowners: outlined filing (patterns compiled when first tested)', () => {
  const syntax = { braces: false, finalStarIsShallow: true };
  const rulesArbitrary = fc.array(patternArbitrary().map((pattern) => pattern.text.replace(/\s/g, '')).filter((text) => text !== '' && !text.startsWith('#') && !text.startsWith('!')), { minLength: 1, maxLength: 14 });

  it('property: files every rule under the keys compiling it and filing its shapes gives (the eager filing of before)', () => {
    fc.assert(
      fc.property(rulesArbitrary, (patterns) => {
        const { codeowners, problems } = parseCodeowners(patterns.map((pattern, i) => `${pattern} @o${i}`).join('\n'), 'CODEOWNERS');
        fc.pre(problems.length === 0);
        const eager = new GlobIndex();
        patterns.forEach((pattern, id) => {
          for (const shape of compileShapes(pattern, syntax)) eager.add(shape, id);
        });
        assert.deepStrictEqual(codeowners.toSnapshot().index, eager.snapshot());
      }),
      { numRuns: 400 },
    );
  });

  it('property: the owners are those of the last rule whose pattern matches (every rule tested)', () => {
    fc.assert(
      fc.property(rulesArbitrary, fc.array(pathArbitrary(), { minLength: 1, maxLength: 8 }), (patterns, paths) => {
        const { codeowners, problems } = parseCodeowners(patterns.map((pattern, i) => `${pattern} @o${i}`).join('\n'), 'CODEOWNERS');
        fc.pre(problems.length === 0);
        for (const filePath of paths) {
          let last = -1;
          patterns.forEach((pattern, id) => {
            if (compileShapes(pattern, syntax).some((shape) => shape.test(filePath))) last = id;
          });
          assert.deepStrictEqual(codeowners.ownersOf(filePath), last < 0 ? { owners: [] } : { owners: [`@o${last}`], line: last + 1 }, filePath);
        }
      }),
      { numRuns: 400 },
    );
  });
});

interface PackageCodeowners {
  getOwner(filePath: string): string[];
}

/** The `codeowners` package reads `.github/CODEOWNERS` from disk: give it a throwaway repository. */
function packageOwners(text: string): (filePath: string) => string[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-codeowners-'));
  fs.mkdirSync(path.join(root, '.github'));
  fs.writeFileSync(path.join(root, '.github', 'CODEOWNERS'), text);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Codeowners = require('codeowners') as new (cwd: string) => PackageCodeowners;
  const instance = new Codeowners(root);
  fs.rmSync(root, { recursive: true, force: true });
  return (filePath) => instance.getOwner(filePath);
}
