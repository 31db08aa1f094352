import * as assert from 'node:assert';
import fc from 'fast-check';
import { compileGlob, validateGlob } from '../../../../src/core/paths/globMatcher';
import { codeownersLocations, directoriesUpToRoot, manifestBaseDir, manifestCandidates, manifestFileNames, manifestSettingPath } from '../../../../src/core/manifest/manifestLocations';
import { baseDirProblem, rebaseGlob, rebaseManifest } from '../../../../src/core/manifest/manifestScope';
import { parseManifest } from '../../../../src/core/manifest/manifestParser';
import { pathArbitrary, patternArbitrary } from '../../support/globReference';

describe('manifestLocations', () => {
  it('names the manifest and CODEOWNERS locations once (GitHub\'s CODEOWNERS order)', () => {
    assert.deepStrictEqual(manifestFileNames, ['ops.yaml', '.github/ops.yaml']);
    assert.deepStrictEqual(codeownersLocations, ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']);
  });

  it('lists candidates from the working directory up to the root, nearest first', () => {
    assert.deepStrictEqual(directoriesUpToRoot('a/b'), ['a/b', 'a', '']);
    assert.deepStrictEqual(directoriesUpToRoot(''), ['']);
    assert.deepStrictEqual(manifestCandidates('a/b'), ['a/b/ops.yaml', 'a/b/.github/ops.yaml', 'a/ops.yaml', 'a/.github/ops.yaml', 'ops.yaml', '.github/ops.yaml']);
    assert.deepStrictEqual(manifestCandidates('.'), ['ops.yaml', '.github/ops.yaml']);
  });

  it('a manifest\'s base is its folder, or the one above a .github folder', () => {
    assert.deepStrictEqual(
      ['ops.yaml', '.github/ops.yaml', 'examples/ops.yaml', 'examples/.github/ops.yaml', 'a/b/custom.yaml', 'a/.github/x/ops.yaml'].map(manifestBaseDir),
      ['', '', 'examples', 'examples', 'a/b', 'a/.github/x'],
    );
  });
});

describe('manifestScope: a nested manifest\'s globs seen from the repository root', () => {
  it('prefixes anchored globs, lets the others match at any depth below the folder', () => {
    const cases: [string, string[]][] = [
      ['services/checkout/', ['sub/services/checkout/']],
      ['/ops.yaml', ['sub/ops.yaml']],
      ['*.md', ['sub/**/*.md']],
      ['migrations/', ['sub/**/migrations/']],
      ['**/x.ts', ['sub/**/x.ts']],
      ['{a,b}/c', ['sub/{a,b}/c']],
      ['{*.md,*.txt}', ['sub/**/{*.md,*.txt}']],
      ['{*.md,docs/x}', ['sub/**/*.md', 'sub/docs/x']],
      ['/**/a', ['sub/**/a']],
      ['[', ['[']],
    ];
    for (const [pattern, expected] of cases) {
      assert.deepStrictEqual(rebaseGlob(pattern, 'sub'), expected, pattern);
      assert.deepStrictEqual(rebaseGlob(pattern, ''), [pattern]);
    }
  });

  it('property: a rebased glob matches base/p exactly when the glob matches p, and nothing outside the base', () => {
    fc.assert(
      fc.property(patternArbitrary(), fc.array(pathArbitrary(), { minLength: 1, maxLength: 6 }), fc.constantFrom('sub', 'a/b'), (pattern, paths, base) => {
        if (validateGlob(pattern.text) !== undefined) return;
        const original = compileGlob(pattern.text);
        const rebased = rebaseGlob(pattern.text, base).map(compileGlob);
        assert.ok(rebaseGlob(pattern.text, base).every((glob) => validateGlob(glob) === undefined));
        for (const path of paths) {
          assert.strictEqual(rebased.some((match) => match(`${base}/${path}`)), original(path), `${pattern.text} → ${rebaseGlob(pattern.text, base).join(' ')} on ${base}/${path}`);
          assert.strictEqual(rebased.some((match) => match(`elsewhere/${path}`)), false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('rebases paths, exclude, exempt and override paths, and nothing else', () => {
    const text = `version: 1
systems:
  api: { paths: [api/], exclude: ["*.md"] }
freezes:
  - { id: f, title: F, systems: [api], start: 2026-01-01T00:00:00Z, end: 2026-02-01T00:00:00Z, exempt: [/api/docs/] }
overrides:
  - { freeze: f, paths: [api/hotfix/], reason: r, approvedBy: "@x" }
`;
    const { manifest } = parseManifest('sub/ops.yaml', (file) => (file === 'sub/ops.yaml' ? text : undefined), { baseDir: 'sub' });
    assert.ok(manifest);
    const moved = rebaseManifest(manifest, 'sub');
    // `api/` has no slash but the trailing one: it matches an `api` folder at any depth, below the base.
    assert.deepStrictEqual(moved.systems[0].paths, ['sub/**/api/']);
    assert.deepStrictEqual(moved.systems[0].exclude, ['sub/**/*.md']);
    assert.deepStrictEqual(moved.freezes[0].exempt, ['sub/api/docs/']);
    assert.deepStrictEqual(moved.overrides[0].paths, ['sub/api/hotfix/']);
    assert.deepStrictEqual(moved.files, ['sub/ops.yaml']);
    assert.strictEqual(rebaseManifest(manifest, ''), manifest);
  });

  it('refuses a folder whose name globs cannot express', () => {
    assert.strictEqual(baseDirProblem('a/b'), undefined);
    assert.match(baseDirProblem('a/[draft]') ?? '', /folder '\[draft\]' has a glob character/);
  });

  it('includes are relative to the base folder, and may not leave it', () => {
    const files: Record<string, string> = { 'sub/ops.yaml': 'version: 1\ninclude: [more.yaml, ../out.yaml]\n', 'sub/more.yaml': 'systems: {}\n' };
    const read: string[] = [];
    const { problems } = parseManifest('sub/ops.yaml', (file) => { read.push(file); return files[file]; }, { baseDir: 'sub' });
    assert.deepStrictEqual([...new Set(read)], ['sub/ops.yaml', 'sub/more.yaml']);
    assert.deepStrictEqual(problems.map((p) => [p.code, p.message]), [['include-invalid-path', "include `../out.yaml` leaves the manifest's folder sub/: expected a path inside it"]]);
  });
});

describe('the changeRadar.manifestPath setting', () => {
  it('keeps a path inside the workspace folder, normalised', () => {
    assert.deepStrictEqual(['ops/ops.yaml', './ops.yaml', 'a/../ops.yaml', 'ops\\sub\\ops.yaml', 'a//b/./ops.yaml'].map(manifestSettingPath),
      ['ops/ops.yaml', 'ops.yaml', 'ops.yaml', 'ops/sub/ops.yaml', 'a/b/ops.yaml']);
  });

  it('refuses a path that leaves the folder: absolute, a drive, through .., or the folder itself', () => {
    for (const outside of ['/etc/ops.yaml', '\\\\server\\share\\ops.yaml', 'C:\\ops.yaml', 'c:ops.yaml', '../ops.yaml', 'a/../../ops.yaml', '..', '.', '', './', 'a/..']) {
      assert.strictEqual(manifestSettingPath(outside), undefined, outside);
    }
  });

  it('keeps names that only look like ..', () => {
    assert.strictEqual(manifestSettingPath('..hidden/ops.yaml'), '..hidden/ops.yaml');
    assert.strictEqual(manifestSettingPath('ops/...yaml'), 'ops/...yaml');
  });
});
