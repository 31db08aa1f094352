import * as assert from 'node:assert';
import fc from 'fast-check';
import { compileGlob } from '../../../../src/core/paths/globMatcher';
import { PathIndex } from '../../../../src/core/paths/pathIndex';
import type { PathIndexEntry, SystemsByPath } from '../../../../src/core/paths/pathIndex';
import { literalsOf, scannedLookups, ScanningLookup } from '../../../../src/core/paths/patternScan';
import { pathArbitrary, pathEntriesArbitrary, patternArbitrary } from '../../support/globReference';

const entry = (id: string, patterns: string[], exclude: string[] = []): PathIndexEntry => ({ id, patterns, exclude });

/** Whether the scan's filter lets `path` through to the compiled test of `pattern`. */
function passes(pattern: string, path: string): boolean {
  const { lead, run } = literals(pattern.normalize('NFC'));
  return (lead === '' || path.startsWith(lead)) && (run === '' || path.includes(run));
}

/** literalsOf's offsets as the texts they mark. */
function literals(pattern: string): { lead: string; run: string } {
  const { leadFrom, leadEnd, runFrom, runEnd } = literalsOf(pattern);
  return { lead: pattern.slice(leadFrom, leadEnd), run: pattern.slice(runFrom, runEnd) };
}

describe('PatternScan: the scanning lookup of a path index', () => {
  it('reads the text an anchored pattern starts with and the longest literal run of a segment', () => {
    assert.deepStrictEqual(literals('/services/checkout/**'), { lead: 'services/checkout/', run: 'services' });
    assert.deepStrictEqual(literals('*.md'), { lead: '', run: '.md' });
    assert.deepStrictEqual(literals('migrations/'), { lead: '', run: 'migrations' });
    assert.deepStrictEqual(literals('**/gateway/migrations/*.sql'), { lead: '', run: 'migrations' });
    assert.deepStrictEqual(literals('web/{a,b}/x'), { lead: 'web/', run: 'web' });
    assert.deepStrictEqual(literals('[ab]cd/**'), { lead: '', run: '' });
  });

  it('never skips a pattern that matches: `**` over no segment, braces, classes, directories', () => {
    const cases: Array<[string, string]> = [
      ['**/b', 'b'], ['a/**/b', 'a/b'], ['{a,b}/x', 'b/x'], ['/web/*.{ts,tsx}', 'web/app.tsx'], ['docs/', 'x/docs/y'],
      ['services/checkout', 'services/checkout/src/a.ts'], ['*', 'anything'], ['a*/b', 'ab/b/c'], ['x[ab]y/', 'q/xay/z'],
    ];
    for (const [pattern, path] of cases) {
      assert.ok(compileGlob(pattern)(path), `${pattern} matches ${path}`);
      assert.ok(passes(pattern, path), `${pattern} lets ${path} through`);
    }
  });

  it('property: every path a generated pattern matches passes its filter (the filter is only a necessary condition)', () => {
    fc.assert(
      fc.property(patternArbitrary(), pathArbitrary(), (pattern, path) => {
        if (compileGlob(pattern.text)(path)) assert.ok(passes(pattern.text, path), `${pattern.text} skipped ${path}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: answers as the built index, while scanning and after it switches to the index', () => {
    fc.assert(
      fc.property(
        pathEntriesArbitrary(),
        fc.array(pathArbitrary(), { minLength: 1, maxLength: 10 }),
        (entries, paths) => {
          const built = PathIndex.build(entries);
          let made = 0;
          const lookup = new ScanningLookup(entries, () => {
            made++;
            return PathIndex.build(entries);
          });
          for (let round = 0; round * paths.length <= scannedLookups + paths.length; round++) {
            for (const path of paths) assert.deepStrictEqual(lookup.match(path), built.match(path), path);
          }
          assert.strictEqual(made, 1, 'the index is made once, after the scanned lookups');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('compares in normal form C, as the index does', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    const entries = [entry('one', [`${composed}/`]), entry('two', [`/docs/${decomposed}*.md`], [`**/${composed}-old.md`])];
    const lookup: SystemsByPath = new ScanningLookup(entries);
    const built = PathIndex.build(entries);
    for (const path of [`x/${decomposed}/a`, `docs/${composed}-new.md`, `docs/${decomposed}-old.md`, `${composed}/b`]) {
      assert.deepStrictEqual(lookup.match(path), built.match(path), path);
    }
    assert.deepStrictEqual(lookup.match(`x/${decomposed}/a`), [{ system: 'one', pattern: `${composed}/` }]);
  });

  it('compiles a pattern repeated across entries once, and reports its size', () => {
    const entries = Array.from({ length: 50 }, (_, i) => entry(`s${i}`, [`services/s${i}/`, '*.md']));
    const lookup = new ScanningLookup(entries);
    assert.strictEqual(lookup.size, 50);
    assert.strictEqual(lookup.match('services/s7/README.md').length, 50);
    assert.deepStrictEqual(lookup.match('services/s7/main.go'), [{ system: 's7', pattern: 'services/s7/' }]);
  });
});
