import * as assert from 'node:assert';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlob, globError, globLimits } from '../../../../src/core/paths/globMatcher';
import { parseManifest } from '../../../../src/core/manifest/manifestParser';

/**
 * The non-backtracking matcher against picomatch (tests only), read with the gitignore rules of
 * docs/manifest.md: a floating pattern gets `**\/` in front, a pattern matches a path when it matches
 * the path or one of its ancestors (only ancestors for a directory pattern), a trailing `**` needs a name.
 */
function picomatchReference(alternative: string, path: string): boolean {
  const dirOnly = alternative.endsWith('/');
  let body = alternative.replace(/^\//, '').replace(/\/$/, '');
  const floating = !alternative.startsWith('/') && !body.includes('/');
  if (floating && body !== '**') {
    body = `**/${body}`;
  }
  if (body === '**' || body.endsWith('/**')) {
    body = `${body}/*`.replace(/^\*\*\/\*$/, '**');
  }
  // picomatch reads `[!a]` as the members '!' and 'a'; the manifest's `[!a]` is `[^a]`.
  body = body.replace(/\[!/g, '[^');
  const isMatch = picomatch(body, { dot: true, nobrace: true, noextglob: true, nonegate: true, strictSlashes: true });
  // picomatch's regexes use '.', which skips line breaks; no generated glob names one, so a stand-in
  // character keeps the answer the same for a correct matcher.
  const parts = path.replace(/\n/g, '\u2424').split('/');
  for (let k = 1; k <= parts.length; k++) {
    if (dirOnly && k === parts.length) {
      break;
    }
    if (isMatch(parts.slice(0, k).join('/'))) {
      return true;
    }
  }
  return false;
}

const nameChars = fc.constantFrom('a', 'b', '.', ' ', 'é', '-', '\n', '日', 'x');
const nameArbitrary = fc.oneof(
  fc.constantFrom('..hidden.ts', '...', '.a', 'a.md', 'ab', 'b.bak', 'a.b.c.d'),
  // '.' and '..' never appear in a repository-relative path (git normalises them away). Names ending
  // in '.' are left out because picomatch will not let a `*` right after a '.' match nothing
  // (`*.*` does not match `a.` there, while fnmatch and git say it does: see the case below).
  fc.array(nameChars, { minLength: 1, maxLength: 6 }).map((chars) => chars.join('')).filter((name) => !name.endsWith('.')),
);
const pathArbitrary = fc.array(nameArbitrary, { minLength: 1, maxLength: 5 }).map((names) => names.join('/'));
const segmentArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'ab', 'a.md', '.a', '..hidden.ts', 'é') },
  { weight: 4, arbitrary: fc.constantFrom('*', '*.md', 'a*', '*b', '?', '?b', '[ab]', '[!a]', '[a-b]*', '*.*', '*a*b', 'a?*', '*.bak', '[^.]*') },
  { weight: 1, arbitrary: fc.constant('**') },
);
const patternArbitrary = fc
  .tuple(fc.boolean(), fc.array(segmentArbitrary, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([leading, segments, trailing]) => `${leading ? '/' : ''}${segments.join('/')}${trailing ? '/' : ''}`);

describe('globShape (non-backtracking matcher)', () => {
  it('agrees with picomatch read with the gitignore rules, on generated patterns and paths (fixed seed)', () => {
    fc.assert(
      fc.property(patternArbitrary, fc.array(pathArbitrary, { minLength: 1, maxLength: 6 }), (pattern, paths) => {
        const matcher = compileGlob(pattern);
        for (const path of paths) {
          assert.strictEqual(matcher(path), picomatchReference(pattern, path), `${JSON.stringify(pattern)} on ${JSON.stringify(path)}`);
        }
      }),
      { seed: 1313, numRuns: 3000 },
    );
  });

  it('a `*` after a dot may match nothing, as in fnmatch and git (where picomatch differs)', () => {
    assert.deepStrictEqual([compileGlob('*.*')('a.'), compileGlob('x.*')('x.'), compileGlob('*.md')('.md')], [true, true, true]);
  });

  it('answers the issue cases right, each in one call (timeout guard only)', function () {
    this.timeout(10_000);
    const stars = '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b';
    const many = 'a'.repeat(40);
    assert.deepStrictEqual(
      [compileGlob(stars)(many), compileGlob(stars)(`${many}b`), compileGlob(stars)(`dir/${many}/x`)],
      [false, true, false],
    );
    const bak = '**/*.*.*.*.*.*.bak';
    const dotted = `${'.'.repeat(60)}x`;
    assert.deepStrictEqual(
      [compileGlob(bak)(`a/b/${dotted}`), compileGlob(bak)('a/b/c.d.e.f.g.h.bak'), compileGlob(bak)('a.b.c.d.e.bak')],
      [false, true, false],
    );
  });

  it('a 1000-character path against 64 wildcards: still a plain answer', function () {
    this.timeout(10_000);
    const pattern = `${'*a'.repeat(63)}*b`;
    assert.strictEqual(globError(pattern), undefined);
    assert.deepStrictEqual([compileGlob(pattern)('a'.repeat(1000)), compileGlob(pattern)(`${'a'.repeat(999)}b`)], [false, true]);
  });

  describe('limits', () => {
    it('each limit has its own code; an invalid glob keeps invalid-glob', () => {
      const brace = '{a,b}'.repeat(9);
      assert.deepStrictEqual(
        [
          globError('a'.repeat(globLimits.maxLength + 1))?.code,
          globError('a'.repeat(globLimits.maxLength))?.code,
          globError('*a'.repeat(globLimits.maxWildcards + 1))?.code,
          globError('*a'.repeat(globLimits.maxWildcards))?.code,
          globError(brace)?.code,
          globError('{a,b}'.repeat(8))?.code,
          globError('web/[abc')?.code,
        ],
        ['glob-too-long', undefined, 'glob-too-many-wildcards', undefined, 'glob-too-many-alternatives', undefined, 'invalid-glob'],
      );
    });

    it('reaches the manifest as located problems with file, line and column', () => {
      const long = 'x'.repeat(1100);
      const text = [
        'version: 1',
        'systems:',
        '  web:',
        '    paths:',
        `      - "${long}"`,
        `      - "${'*a'.repeat(70)}"`,
        `      - "${'{a,b}'.repeat(9)}"`,
        '      - web/',
        '',
      ].join('\n');
      const result = parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? text : undefined));
      assert.deepStrictEqual(
        result.problems.map((problem) => [problem.code, problem.file, problem.range.start.line, problem.range.start.column]),
        [
          ['glob-too-long', 'ops.yaml', 4, 8],
          ['glob-too-many-wildcards', 'ops.yaml', 5, 8],
          ['glob-too-many-alternatives', 'ops.yaml', 6, 8],
        ],
      );
      assert.deepStrictEqual(result.manifest?.systems[0].paths, ['web/']);
    });
  });
});
