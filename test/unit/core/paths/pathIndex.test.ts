import * as assert from 'node:assert';
import fc from 'fast-check';
import { GlobIndex } from '../../../../src/core/paths/globIndex';
import { compileGlob, compileGlobSet, compileShapes } from '../../../../src/core/paths/globMatcher';
import type { PathIndexEntry, PathIndexSnapshot } from '../../../../src/core/paths/pathIndex';
import { PathIndex } from '../../../../src/core/paths/pathIndex';
import type { PatternMatch } from '../../../../src/core/evaluate/report';
import { pathArbitrary, pathEntriesArbitrary, patternArbitrary } from '../../support/globReference';

function entry(id: string, patterns: string[], exclude: string[] = []): PathIndexEntry {
  return { id, patterns, exclude };
}

/** What PathIndex must answer, the obvious way: every pattern of every entry, in order. */
function referenceMatcher(entries: readonly PathIndexEntry[]): (path: string) => PatternMatch[] {
  const compiled = entries.map(({ id, patterns, exclude }) => ({
    id,
    patterns: patterns.map((pattern) => ({ pattern, test: compileGlob(pattern) })),
    exclude: exclude.map(compileGlob),
  }));
  return (path) => {
    const result: PatternMatch[] = [];
    for (const { id, patterns, exclude } of compiled) {
      const found = patterns.find((candidate) => candidate.test(path));
      if (found !== undefined && !exclude.some((excluded) => excluded(path))) {
        result.push({ system: id, pattern: found.pattern });
      }
    }
    return result;
  };
}

describe('PathIndex', () => {
  const entries = [
    entry('checkout', ['services/checkout/**', 'libs/payments/'], ['**/*.md']),
    entry('docs', ['*.md', 'docs/']),
    entry('db', ['migrations/']),
    entry('everything', ['*']),
    entry('web', ['/web/*.{ts,tsx}', 'web/**/*.ts']),
    entry('ci', ['.github/workflows/', '**/Jenkinsfile']),
  ];
  const index = PathIndex.build(entries);

  it('reports its size', () => {
    assert.strictEqual(index.size, 6);
  });

  it('anchored patterns are found through the path prefix', () => {
    assert.deepStrictEqual(index.match('services/checkout/src/cart.ts'), [
      { system: 'checkout', pattern: 'services/checkout/**' },
      { system: 'everything', pattern: '*' },
    ]);
  });

  it('unanchored patterns are found by extension and by directory name', () => {
    assert.deepStrictEqual(index.match('infra/db/migrations/001.sql').map((m) => m.system), ['db', 'everything']);
    assert.deepStrictEqual(index.match('guide/intro.md').map((m) => m.pattern), ['*.md', '*']);
  });

  it('excludes take the path out of that entry only', () => {
    assert.deepStrictEqual(index.match('services/checkout/README.md').map((m) => m.system), ['docs', 'everything']);
  });

  it('gives the first pattern of an entry that matched, in entry order', () => {
    assert.deepStrictEqual(index.match('docs/a.md'), [
      { system: 'docs', pattern: '*.md' },
      { system: 'everything', pattern: '*' },
    ]);
    assert.deepStrictEqual(index.match('web/a.ts'), [
      { system: 'everything', pattern: '*' },
      { system: 'web', pattern: '/web/*.{ts,tsx}' },
    ]);
  });

  it('a path may belong to no entry', () => {
    assert.deepStrictEqual(PathIndex.build([entry('a', ['src/'])]).match('lib/x.ts'), []);
  });

  it('ignores invalid patterns instead of throwing', () => {
    const broken = PathIndex.build([entry('a', ['src/[x', 'lib/']), entry('b', ['../up', ''], ['[y'])]);
    assert.deepStrictEqual(broken.match('lib/x.ts'), [{ system: 'a', pattern: 'lib/' }]);
    assert.deepStrictEqual(broken.match('src/[x'), []);
  });

  it('an empty index matches nothing', () => {
    assert.deepStrictEqual(PathIndex.build([]).match('a/b'), []);
  });

  it('same answers for the same pattern in several entries', () => {
    const twice = PathIndex.build([entry('a', ['**/logs']), entry('b', ['x', '**/logs'])]);
    assert.deepStrictEqual(twice.match('logs/logs/1.txt'), [
      { system: 'a', pattern: '**/logs' },
      { system: 'b', pattern: '**/logs' },
    ]);
  });

  it('property: agrees with testing every pattern of every entry', () => {
    fc.assert(
      fc.property(
        pathEntriesArbitrary(),
        fc.array(pathArbitrary(), { minLength: 1, maxLength: 10 }),
        (built, paths) => {
          const pathIndex = PathIndex.build(built);
          const reference = referenceMatcher(built);
          for (const path of paths) {
            assert.deepStrictEqual(pathIndex.match(path), reference(path), path);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('PathIndex: Unicode normalisation', () => {
  // `café` typed with é (NFC, as most editors write it) and with e + U+0301 (NFD, as macOS names files).
  const nfc = 'caf\u00e9';
  const nfd = 'cafe\u0301';

  for (const [globForm, pathForm] of [[nfc, nfd], [nfd, nfc], [nfc, nfc], [nfd, nfd]]) {
    const name = `${globForm === nfc ? 'NFC' : 'NFD'} globs, an ${pathForm === nfc ? 'NFC' : 'NFD'} path`;
    it(`${name}: prefix, segment, head and extension keys, excludes`, () => {
      const index = PathIndex.build([
        entry('prefix', [`${globForm}/`], [`${globForm}/docs/`]),
        entry('segment', [`**/${globForm}/*.ts`]),
        entry('head', [`menu/${globForm}-*/`]),
        entry('extension', [`*.${globForm}`]),
        entry('class', [`m/caf[${globForm.slice(3)}x]`]),
      ]);
      const systems = (path: string) => index.match(path).map((m) => m.system);
      assert.deepStrictEqual(systems(`${pathForm}/menu.ts`), ['prefix', 'segment']);
      assert.deepStrictEqual(systems(`${pathForm}/docs/a.ts`), [], 'excluded');
      assert.deepStrictEqual(systems(`menu/${pathForm}-1/a`), ['head']);
      assert.deepStrictEqual(systems(`a/b.${pathForm}`), ['extension']);
      assert.deepStrictEqual(systems(`m/${pathForm}`), ['class']);
      // The pattern reported is the one written.
      assert.deepStrictEqual(index.match(`${pathForm}/menu.ts`)[0].pattern, `${globForm}/`);
      // A restored index reads its snapshot the same way.
      const restored = PathIndex.restore([entry('prefix', [`${globForm}/`])], JSON.parse(JSON.stringify(PathIndex.build([entry('prefix', [`${globForm}/`])]).toSnapshot())) as PathIndexSnapshot);
      assert.deepStrictEqual(restored?.match(`${pathForm}/x`).map((m) => m.system), ['prefix']);
    });
  }

  it('compileGlob and compileGlobSet compare in normal form C too', () => {
    assert.deepStrictEqual([compileGlob(`${nfc}/**`)(`${nfd}/x`), compileGlob(`${nfd}/**`)(`${nfc}/x`)], [true, true]);
    assert.deepStrictEqual([compileGlobSet(['*.md', `${nfd}/`]).match(`${nfc}/x`), compileGlobSet([`${nfc}/`]).match(`${nfd}/x`)], [`${nfd}/`, `${nfc}/`]);
  });
});

describe('PathIndex snapshots (the cached index)', () => {
  it('property: an index restored from a snapshot (JSON round trip) answers as the built one', () => {
    fc.assert(
      fc.property(
        pathEntriesArbitrary(),
        fc.array(pathArbitrary(), { minLength: 1, maxLength: 10 }),
        (built, paths) => {
          const index = PathIndex.build(built);
          const restored = PathIndex.restore(built, JSON.parse(JSON.stringify(index.toSnapshot())) as PathIndexSnapshot);
          assert.ok(restored !== undefined);
          const reference = referenceMatcher(built);
          for (const path of paths) {
            assert.deepStrictEqual(restored.match(path), reference(path), path);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: the outlined build files every pattern under the same key as compiling each one and filing its shape (the regular-expression key rules of before)', () => {
    // The reference files compiled shapes with keys found by the regular expressions the index
    // used before it outlined patterns (the build now reads keys from outlines, without compiling).
    const referenceKeys = (shape: { anchored: boolean; segments: readonly string[] }): string[] => {
      const literal = (segment: string): boolean => !/[*?[\\]/.test(segment);
      const keys: string[] = [];
      if (shape.anchored) {
        let count = 0;
        while (count < shape.segments.length && literal(shape.segments[count])) count++;
        const prefix = shape.segments.slice(0, count).join('/');
        if (count > 0) keys.push(`p${prefix}`);
        const next = shape.segments[count];
        if (next !== undefined && next !== '**') {
          const head = /^[^*?[\\]*/.exec(next)?.[0] ?? '';
          if (head !== '') keys.push(`h${count > 0 ? prefix : ''}/${head}`);
        }
      }
      for (const segment of shape.segments) if (segment !== '**' && literal(segment)) keys.push(`s${segment}`);
      for (const segment of shape.segments) {
        const suffix = /^\*+([^*?[\\]*\.[^*?[.\\]*)$/.exec(segment);
        if (suffix !== null) keys.push(`e${suffix[1].slice(suffix[1].lastIndexOf('.') + 1)}`);
      }
      return keys;
    };
    fc.assert(
      fc.property(fc.array(fc.array(patternArbitrary().map((pattern) => pattern.text), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (raw) => {
        const built = raw.map((patterns, i) => entry(`s${i}`, patterns));
        const shapes = built.flatMap((value) => value.patterns).flatMap((pattern, id) => compileShapes(pattern, {}).map((shape) => ({ shape, id })));
        const reference = GlobIndex.outlined(shapes.map(({ shape }) => referenceKeys(shape)), shapes.map(({ id }) => id), (slot) => shapes[slot].shape);
        assert.deepStrictEqual(PathIndex.build(built).toSnapshot().index, reference.snapshot());
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a snapshot that does not fit the entries', () => {
    const entries = [entry('a', ['services/a/', '*.md'])];
    const snapshot = PathIndex.build(entries).toSnapshot();
    const { keys, slots } = snapshot.index;
    const bad: unknown[] = [
      { ...snapshot, format: 1 },
      { format: 1, shapes: [[0, 0, 'pservices/a'], [1, 0, 'emd']] },
      { ...snapshot, index: 'x' },
      { ...snapshot, shapeCounts: 'x' },
      { ...snapshot, shapeCounts: [[5, 2]] },
      { ...snapshot, shapeCounts: [[0, 1]] },
      { ...snapshot, shapeCounts: [[0, -1]] },
      { ...snapshot, index: { ...snapshot.index, keys: [...keys].reverse(), slots: [...slots].reverse() } },
      { ...snapshot, index: { ...snapshot.index, keys: keys.map((key) => `z${key.slice(1)}`) } },
      { ...snapshot, index: { ...snapshot.index, keys: keys.map((key) => `h${key.slice(1)}`) } },
      { ...snapshot, index: { ...snapshot.index, slots: [[0], [0]] } },
      { ...snapshot, index: { ...snapshot.index, slots: [[1], []] } },
      { ...snapshot, index: { ...snapshot.index, slots: [[1], [2]] } },
      { ...snapshot, index: { ...snapshot.index, slots: [[1], [0]], always: [0] } },
      { ...snapshot, index: { ...snapshot.index, keys: keys.slice(1) } },
      { ...snapshot, index: null },
    ];
    assert.deepStrictEqual(keys, ['emd', 'pservices/a'], 'the keys this test takes apart');
    for (const value of bad) assert.strictEqual(PathIndex.restore(entries, value as PathIndexSnapshot), undefined, JSON.stringify(value));
  });
});

describe('GlobIndex', () => {
  /** Shapes of `patterns`, each counting how often it is tested. */
  function countingIndex(patterns: readonly string[]): { index: GlobIndex; tests: () => number } {
    const index = new GlobIndex();
    let tests = 0;
    patterns.forEach((pattern, id) => {
      for (const shape of compileShapes(pattern, {})) {
        index.add({ ...shape, test: (path) => { tests++; return shape.test(path); } }, id);
      }
    });
    return { index, tests: () => tests };
  }

  function matches(index: GlobIndex, path: string): number[] {
    const ids: number[] = [];
    index.forEachMatch(path, (id) => ids.push(id));
    return ids.sort((a, b) => a - b);
  }

  it('finds a pattern through the literal head of a wildcard segment after an anchored prefix', () => {
    const { index } = countingIndex(['services/pay-00?/docs/', 'services/cart-1*/x', 'pay-00?/y']);
    assert.deepStrictEqual(matches(index, 'services/pay-001/docs/a.md'), [0]);
    assert.deepStrictEqual(matches(index, 'services/cart-17/x'), [1]);
    assert.deepStrictEqual(matches(index, 'pay-007/y'), [2]);
    assert.deepStrictEqual(matches(index, 'services/pay-01/docs/a.md'), []);
  });

  it('tests about as many candidates per path at 10× the patterns (each filed under its least shared key)', () => {
    const patternsFor = (n: number): string[] => Array.from({ length: n }, (_, i) => [
      `**/c${i}/migrations/*.sql`, `services/c${i}-x?/docs/`, `/services/c${i}/`, `c${i}.config.json`,
    ]).flat();
    const paths = Array.from({ length: 50 }, (_, i) => [`services/c${i}/migrations/1.sql`, `services/c${i}-x1/docs/a.md`, `apps/c${i}/c${i}.config.json`]).flat();
    const perPath = (n: number): number => {
      const { index, tests } = countingIndex(patternsFor(n));
      for (const path of paths) index.forEachMatch(path, () => undefined);
      return tests() / paths.length;
    };
    const small = perPath(100);
    const large = perPath(1000);
    assert.ok(small >= 1, `each path has a matching pattern to test (${small})`);
    assert.ok(large <= small * 1.1, `candidates tested per path: ${small} at 100 groups, ${large} at 1,000`);
  });
});
