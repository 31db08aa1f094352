import * as assert from 'node:assert';
import { findUnmatchedGlobs, measureCoverage } from '../../../src/core/adopt/coverage';

const files = ['ops.yaml', 'README.md', 'apps/web/a.ts', 'apps/web/b.ts', 'apps/admin/x.ts', 'libs/ui/a.ts', 'libs/ui/b.ts', 'libs/ui/c.ts', 'libs/core.ts', 'tools/gen/a.go'];

describe('coverage', () => {
  const report = measureCoverage([
    { id: 'web', paths: ['apps/web/', 'apps/mobile/'], exclude: ['**/*.snap'] },
    { id: 'ui', paths: ['libs/ui/'], exclude: [] },
    { id: 'everything-ts', paths: ['libs/ui/a.ts'], exclude: [] },
  ], files, { ignore: ['ops.yaml'] });

  it('counts the share of tracked files in a system, the manifest itself left out', () => {
    assert.strictEqual(report.files, 9);
    assert.strictEqual(report.covered, 5);
    assert.strictEqual(report.share, 5 / 9);
  });

  it('lists the largest uncovered folders, whole folders at their top', () => {
    assert.deepStrictEqual(report.uncoveredFolders, [
      { folder: '', files: 1, whole: false },
      { folder: 'apps/admin', files: 1, whole: true },
      { folder: 'libs', files: 1, whole: false },
      { folder: 'tools', files: 1, whole: true },
    ]);
  });

  it('names globs that match no tracked file, with their list and position', () => {
    assert.deepStrictEqual(report.unmatchedGlobs.map((g) => [g.system, g.field, g.index, g.glob]), [
      ['web', 'paths', 1, 'apps/mobile/'],
      ['web', 'exclude', 0, '**/*.snap'],
    ]);
  });

  it('finds the same unmatched globs without measuring the rest', () => {
    const systems = [
      { id: 'web', paths: ['apps/web/', 'apps/mobile/'], exclude: ['**/*.snap'], source: { file: 'ops.yaml', range: { start: { line: 3, column: 4 }, end: { line: 3, column: 9 } } } },
      { id: 'ui', paths: ['libs/ui/', 'ops.yaml'], exclude: [] },
    ];
    assert.deepStrictEqual(findUnmatchedGlobs(systems, files, { ignore: ['ops.yaml'] }), measureCoverage(systems, files, { ignore: ['ops.yaml'] }).unmatchedGlobs);
    assert.deepStrictEqual(findUnmatchedGlobs(systems, files).map((g) => g.glob), ['apps/mobile/', '**/*.snap']);
  });

  it('lists files claimed by several systems', () => {
    assert.deepStrictEqual(report.shared, [{ path: 'libs/ui/a.ts', systems: ['ui', 'everything-ts'] }]);
    assert.strictEqual(report.sharedCount, 1);
  });

  it('is complete for an empty repository', () => {
    assert.strictEqual(measureCoverage([], []).share, 1);
  });
});
