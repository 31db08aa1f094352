import * as assert from 'node:assert';
import fc from 'fast-check';
import { compileGlob, compileGlobSet, globAlternatives, globAlternativesInFull, globError, globErrorInFull, validateGlob } from '../../../../src/core/paths/globMatcher';
import { pathArbitrary, patternArbitrary, referenceMatch } from '../../support/globReference';

function matches(pattern: string, path: string): boolean {
  return compileGlob(pattern)(path);
}

function check(pattern: string, yes: readonly string[], no: readonly string[]): void {
  assert.deepStrictEqual(yes.filter((path) => !matches(pattern, path)), [], `${pattern} should match`);
  assert.deepStrictEqual(no.filter((path) => matches(pattern, path)), [], `${pattern} should not match`);
}

describe('globMatcher', () => {
  describe('rules', () => {
    it('a pattern without a slash matches at any depth', () => {
      check('*.md', ['README.md', 'docs/a/b.md', '.md'], ['README.mdx', 'docs/md']);
      check('Makefile', ['Makefile', 'a/b/Makefile'], ['Makefile.old', 'aMakefile']);
    });

    it('a trailing slash means a directory, at any depth when no other slash', () => {
      check('migrations/', ['migrations/001.sql', 'db/migrations/a/b.sql'], ['migrations', 'db/migrations', 'migrations.sql']);
    });

    it('a leading slash anchors to the root', () => {
      check('/docs', ['docs', 'docs/a.md'], ['src/docs/a.md']);
      check('/*.md', ['README.md', 'x.md'], ['docs/x.md']);
    });

    it('a slash in the middle anchors to the root', () => {
      check('services/checkout', ['services/checkout/main.ts', 'services/checkout'], ['x/services/checkout/main.ts', 'services/checkout-v2/a']);
    });

    it('a pattern that matches a directory matches everything below it', () => {
      check('src/*', ['src/a.ts', 'src/a/b/c.ts'], ['src']);
      check('*.d', ['conf.d/a', 'etc/conf.d/x/y'], ['conf.dx/a']);
    });

    it('* stays within a segment', () => {
      check('src/*.ts', ['src/a.ts', 'src/.ts'], ['src/a/b.ts', 'src.ts']);
      check('a/*/c', ['a/b/c', 'a/b/c/d'], ['a/c', 'a/b/b/c']);
    });

    it('leading **/ matches in every directory', () => {
      check('**/logs', ['logs', 'logs/x', 'a/b/logs/x'], ['a/blogs/x']);
      check('**/a/b', ['a/b', 'x/a/b/c'], ['a/x/b']);
    });

    it('trailing /** matches everything inside, not the name itself', () => {
      check('a/**', ['a/b', 'a/b/c'], ['a', 'b/a/c']);
    });

    it('/**/ in the middle matches zero or more directories', () => {
      check('a/**/b', ['a/b', 'a/x/b', 'a/x/y/b/z'], ['a/xb', 'x/a/b']);
    });

    it('** alone matches every path', () => {
      check('**', ['a', 'a/b/c'], []);
    });

    it('? matches one character other than /', () => {
      check('file?.txt', ['file1.txt', 'x/fileA.txt'], ['file.txt', 'file10.txt']);
      check('a?b', ['axb'], ['a/b']);
    });

    it('[...] classes, ranges and [!...] negation', () => {
      check('[ab]*.js', ['a.js', 'bx.js'], ['c.js']);
      check('v[0-9].txt', ['v1.txt'], ['va.txt', 'v10.txt']);
      check('[!a-c]*.js', ['d.js', 'z/x.js'], ['b.js']);
      check('[]x].md', ['x.md', '].md'], ['y.md']);
    });

    it('{a,b} alternatives, nested and with slashes', () => {
      check('{src,lib}/**/*.ts', ['src/a.ts', 'lib/x/y.ts'], ['test/a.ts']);
      check('*.{js,ts{,x}}', ['a.js', 'a.ts', 'a.tsx'], ['a.jsx']);
      check('{services/a,tools}/', ['services/a/x', 'tools/y'], ['services/b/x']);
    });

    it('is case-sensitive', () => {
      check('Docs/', ['Docs/a'], ['docs/a', 'DOCS/a']);
    });

    it('treats regex characters literally', () => {
      check('a+b(1).md', ['a+b(1).md'], ['aab1.md']);
      check('$x^', ['$x^'], ['x']);
    });

    it('an invalid pattern matches nothing', () => {
      check('src/[ab', [], ['src/[ab', 'src/a']);
    });
  });

  describe('validateGlob', () => {
    const cases: [string, RegExp][] = [
      ['', /^empty pattern/],
      ['   ', /^empty pattern/],
      ['src/[ab', /^unclosed '\[' at column 5/],
      ['C:/repo/x', /^absolute path/],
      ['//server/x', /^absolute path/],
      ['../x', /^'\.\.' segment at column 1/],
      ['a/../b', /^'\.\.' segment at column 3/],
      ['./x', /^'\.' segment/],
      ['src\\a.ts', /^backslash at column 4/],
      ['a//b', /^empty path segment/],
      ['{a,b', /^unclosed '\{' at column 1/],
      ['a}', /^unmatched '\}' at column 2/],
      ['a{}', /^empty '\{\}'/],
      ['[z-a]', /^reversed range 'z-a'/],
      ['[a/b]', /^'\/' inside '\[\.\.\.\]'/],
      ['!x', /^'!' negation/],
      ['/', /names no path/],
      ['{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}', /^too many alternatives/],
      ['{a,..}/x', /^'\.\.' segment .*alternative '\.\.\/x'/],
    ];
    for (const [pattern, expected] of cases) {
      it(`rejects ${JSON.stringify(pattern)}`, () => {
        const message = validateGlob(pattern);
        assert.ok(message !== undefined && expected.test(message), `got ${message}`);
      });
    }

    it('accepts every supported form', () => {
      const valid = ['*.md', 'migrations/', '/docs', 'a/**/b', '**', '[!a-c]?', '{a,b/c}', '[]]', 'x-y_z.1', 'a b'];
      assert.deepStrictEqual(valid.map(validateGlob), valid.map(() => undefined));
    });
  });

  describe('compileGlobSet', () => {
    it('returns the first pattern that matches, in the order given', () => {
      const set = compileGlobSet(['docs/', '*.md', 'README.md']);
      assert.deepStrictEqual(
        ['docs/a.md', 'README.md', 'src/x.ts'].map((path) => set.match(path)),
        ['docs/', '*.md', undefined],
      );
    });

    it('skips invalid patterns', () => {
      assert.strictEqual(compileGlobSet(['[x', '*']).match('a'), '*');
    });
  });

  describe('property: compileGlob agrees with a segment-wise reference matcher', () => {
    it('on random patterns and paths', () => {
      fc.assert(
        fc.property(patternArbitrary(), fc.array(pathArbitrary(), { minLength: 1, maxLength: 8 }), (pattern, paths) => {
          const matcher = compileGlob(pattern.text);
          for (const path of paths) {
            assert.strictEqual(matcher(path), referenceMatch(pattern.alternatives, path), `${pattern.text} on ${path}`);
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
  describe('the shortcuts for plain patterns and one group of plain alternatives', () => {
    const same = (pattern: string): void => {
      assert.deepStrictEqual(globError(pattern), globErrorInFull(pattern), pattern);
      assert.deepStrictEqual(globAlternatives(pattern), globAlternativesInFull(pattern), pattern);
    };
    it('judges every pattern, and expands it, as the checks one by one do', () => {
      const samples = [
        '*.md', '/services/x/', 'services/x/**', '.github/', 'a/../b', './a', 'a/./b', '..', '.', '...', '..a', '.a.',
        '//a', 'a//b', '/', '', ' ', '~/a', 'C:/a', '!a', 'a/b/', '**/x/migrations/*.sql', 'x-00?/docs/', 'a\\b',
        'é/a', `${'a/'.repeat(40)}b`, `${'*/'.repeat(40)}b`, '?'.repeat(64), '?'.repeat(65), 'a/{b,c}', 'a/[bc]',
        'src/**/*.{ts,tsx}', '{a,b}/c', 'a/{b}', 'a/{,b}', 'a/{b,}', 'a/{b,,c}', 'a/{b,..}/c', 'a/{b,.}', '{/a,b}', 'a{/,b}c',
        'a/{b,c/}', 'a,b/{c,d}', 'a/{b,[c]}', 'a/{b,c}{d,e}', 'a/{b,{c,d}}', `a/{${'b,'.repeat(30)}c}`, `a/{${'b,'.repeat(40)}c}`,
        '{..,a}/b', '{~,a}/b', '{!a,b}', 'C:{a,b}', '{C:,a}/b',
      ];
      for (const pattern of samples) same(pattern);
      fc.assert(
        fc.property(fc.array(fc.constantFrom('a', 'b', '.', '/', '*', '?', '-', '!', ':', '~', ' ', '{', ',', '}', '[', ']', '\\'), { maxLength: 12 }), (chars) => {
          same(chars.join(''));
        }),
        { numRuns: 5000 },
      );
      // Patterns with exactly one group, where the shortcut applies most.
      const piece = fc.array(fc.constantFrom('a', 'b', '.', '/', '*', '?', '-', ',', '[', ']', ':', '!', '~'), { maxLength: 8 }).map((chars) => chars.join(''));
      fc.assert(
        fc.property(piece, fc.array(piece, { minLength: 1, maxLength: 4 }), piece, (before, options, after) => {
          same(`${before}{${options.join(',')}}${after}`);
        }),
        { numRuns: 5000 },
      );
    });
  });
});
