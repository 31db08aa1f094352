import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { defaultLimits } from '../../../../src/core/manifest/fileLimits';
import { readSubset } from '../../../../src/core/manifest/yamlSubset';
import { assertReadersAgree } from './support/readerDiff';

/*
 * The differential suite of the subset reader (yamlSubset.ts): for generated manifests and
 * mutations of real ones, the subset reader (with the library behind it) and the yaml library
 * alone give the same values, the same problems (code, severity, message, range) through
 * loadManifestFile and parseManifest, and the same ranges for every value and key path.
 */

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const realFiles = ['examples/ops.yaml', 'examples/ops/incidents.yaml', 'test/fixtures/workspace/ops.yaml', 'test/fixtures/hostile/ops.yaml'];

/** Scalars as written: plain words, numbers, bools, nulls, odd spellings, quoted in both ways, unicode. */
const scalarText = fc.oneof(
  { arbitrary: fc.constantFrom('pay', 'web', '"quoted"', "'single'", '1', 'true', 'null', '2.5', 'x y'), weight: 12 },
  fc.constantFrom('pay', 'checkout', 'a b', 'x#y', 'a:b', 'a - b', '-x', 'sys-1', 'Ünïcødé', '日本', '🚀 launch', 'a]', 'a,b', 'path/to/*.ts'),
  fc.constantFrom('1', '-2', '+3', '007', '0x1F', '0o17', '0b1', '1.5', '.5', '1.', '1e3', '-1.2E-3', '.inf', '-.Inf', '.NaN', '1_000', '12:30'),
  fc.constantFrom('true', 'True', 'TRUE', 'tRUE', 'false', 'no', 'yes', 'on', 'null', 'Null', 'NULL', '~', 'nul'),
  fc.constantFrom('2026-10-22', '2026-10-22 06:00', '"2026-10-22T06:00:00Z"', '"*"', "'*'", '*', '&a', '!tag x', '|', '>', '@x', '`x`', '%x', '?x', ':x'),
  fc.constantFrom('"quoted"', '"with \\"escape\\""', '"a\\tb"', "'single'", "'it''s'", '""', "''", '"#not comment"', '"a: b"', "'x'y"),
  fc.string({ maxLength: 6 }),
);

const keyText = fc.oneof(
  fc.constantFrom('id', 'title', 'systems', 'freezes', 'paths', 'owners', 'tier', 'version', 'incidents', 'start', 'end', 'schedule', 'note'),
  fc.constantFrom('1', '1.0', '0x10', 'true', 'null', '~', '"quoted key"', "'single key'", '__proto__', '<<', 'a b', '-k', 'a:b', '"1"'),
  fc.string({ minLength: 1, maxLength: 5 }),
);


interface Tree { readonly kind: 'map' | 'seq' | 'scalar' | 'flow' | 'flowmap' | 'empty'; readonly items: readonly [string, Tree][] | readonly Tree[] | string }

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('scalar' as const), items: scalarText }),
    fc.record({ kind: fc.constant('empty' as const), items: fc.constant('') }),
    fc.record({ kind: fc.constant('flow' as const), items: fc.tuple(fc.array(scalarText, { maxLength: 4 }), fc.constantFrom(', ', ',', ' , ')).map(([a, comma]) => a.join(comma)) }),
    fc.record({ kind: fc.constant('flowmap' as const), items: fc.array(fc.tuple(keyText, scalarText), { maxLength: 3 }).map((a) => a.map(([k, v]) => `${k}: ${v}`).join(', ')) }),
    fc.record({ kind: fc.constant('map' as const), items: fc.array(fc.tuple(keyText, tie('node')), { minLength: 1, maxLength: 4 }) }),
    fc.record({ kind: fc.constant('seq' as const), items: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) }),
  ),
})).node;

/** Writes a tree as block YAML, with indentation steps, comments and blank lines from `style`. */
function render(node: Tree, indent: number, style: readonly number[], lines: string[], prefix: string): void {
  const pick = (n: number): number => style[(lines.length + indent + n) % style.length];
  const note = ['', '', ' # c', '  # note: x', ''][pick(1) % 5];
  const pad = ' '.repeat(indent);
  if (node.kind === 'scalar' || node.kind === 'empty') {
    lines.push(`${prefix}${node.kind === 'scalar' ? ` ${node.items as string}` : ''}${note}`);
    return;
  }
  if (node.kind === 'flow' || node.kind === 'flowmap') {
    const [open, close] = node.kind === 'flow' ? ['[', ']'] : ['{', '}'];
    lines.push(`${prefix} ${open}${pick(2) % 2 ? ' ' : ''}${node.items as string}${close}${note}`);
    return;
  }
  const step = [2, 4, 1, 3][pick(3) % 4];
  const sameIndentSeq = node.kind === 'seq' && prefix.endsWith(':') && pick(4) % 2 === 0;
  const inner = sameIndentSeq ? indent : indent + step;
  lines.push(prefix === '' ? '' : `${prefix}${pick(5) % 4 === 0 ? '   # opens' : ''}`);
  if (pick(6) % 5 === 0) {
    lines.push(`${' '.repeat(inner)}# leading comment`);
  }
  if (node.kind === 'map') {
    for (const [key, value] of node.items as [string, Tree][]) {
      render(value, inner, style, lines, `${' '.repeat(inner)}${key}${pick(7) % 6 === 0 ? ' ' : ''}:`);
      if (pick(8) % 7 === 0) {
        lines.push(pick(9) % 2 ? '' : `${pad}# between`);
      }
    }
  } else {
    for (const item of node.items as Tree[]) {
      render(item, inner + 2, style, lines, `${' '.repeat(inner)}-`);
    }
  }
}

function toText(root: readonly [string, Tree][], style: readonly number[], head: string, tail: string): string {
  const lines: string[] = [];
  for (const [key, value] of root) {
    render(value, 0, style, lines, `${key}:`);
  }
  return head + lines.join('\n') + tail;
}

const manifestText = fc.tuple(
  fc.array(fc.tuple(keyText, tree), { minLength: 1, maxLength: 5 }),
  fc.array(fc.nat(30), { minLength: 3, maxLength: 12 }),
  fc.constantFrom('', '', '---\n', '# head\n\n', '--- # doc\n', '\ufeff', '%YAML 1.2\n---\n'),
  fc.constantFrom('\n', '', '\n\n', '\n# tail\n', '  \n', '\n...\n'),
).map(([root, style, head, tail]) => toText(root, style, head, tail));

/** Small edits of a text: insert, delete or replace one character or line, CRLF, tabs. */
const mutation = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace', 'line', 'dupLine', 'crlf', 'tab'), fc.constantFrom(' ', '\t', ':', '#', '-', '"', "'", '[', ']', '{', '}', ',', '\n', '*', '&', '!', '|', 'x', '1', '\r', 'é'));

function mutate(text: string, edits: readonly [number, string, string][]): string {
  let out = text;
  for (const [at, kind, char] of edits) {
    const i = out.length === 0 ? 0 : at % out.length;
    const lineStart = out.lastIndexOf('\n', i - 1) + 1;
    const lineEnd = out.indexOf('\n', i) < 0 ? out.length : out.indexOf('\n', i);
    switch (kind) {
      case 'insert': out = out.slice(0, i) + char + out.slice(i); break;
      case 'delete': out = out.slice(0, i) + out.slice(i + 1); break;
      case 'replace': out = out.slice(0, i) + char + out.slice(i + 1); break;
      case 'line': out = out.slice(0, lineStart) + out.slice(lineEnd + 1); break;
      case 'dupLine': out = out.slice(0, lineEnd + 1) + out.slice(lineStart, lineEnd + 1) + out.slice(lineEnd + 1); break;
      case 'crlf': out = out.replace(/\n/g, '\r\n'); break;
      default: out = out.slice(0, lineStart) + '\t' + out.slice(lineStart); break;
    }
  }
  return out;
}

describe('yamlSubset: the subset reader gives the yaml library\'s answers (differential)', function () {
  // 1,500 generated manifests through both readers take ~15 s on a quiet 2-core machine: room for a busy one.
  this.timeout(120_000);
  it('agrees on the example, fixture and hostile manifests, and reads the plain ones itself', () => {
    for (const file of realFiles) {
      const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
      const accepted = assertReadersAgree(text);
      // The hostile fixture uses escapes and control characters: the library reads it.
      assert.strictEqual(accepted, !file.includes('hostile'), file);
    }
  });

  it('agrees on generated manifests (fixed seed), reading most of them itself', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(fc.property(manifestText, (text) => {
      runs++;
      if (assertReadersAgree(text)) {
        accepted++;
      }
    }), { seed: 24_6, numRuns: 1500 });
    // The suite would prove nothing if the subset reader declined everything.
    assert.ok(accepted > runs / 10, `the subset reader read only ${accepted} of ${runs}`);
  });

  it('agrees on mutations of the real manifests (fixed seed)', () => {
    const texts = realFiles.map((file) => fs.readFileSync(path.join(repoRoot, file), 'utf8'));
    let accepted = 0;
    fc.assert(fc.property(fc.nat(texts.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, edits) => {
      if (assertReadersAgree(mutate(texts[which], edits))) {
        accepted++;
      }
    }), { seed: 24_7, numRuns: 120 });
    assert.ok(accepted > 20, `the subset reader read only ${accepted} mutations`);
  });

  it('agrees on mutations of generated manifests (fixed seed)', () => {
    fc.assert(fc.property(manifestText, fc.array(mutation, { minLength: 1, maxLength: 2 }), (text, edits) => {
      assertReadersAgree(mutate(text, edits));
    }), { seed: 24_8, numRuns: 500 });
  });

  it('agrees on hand-picked corners: empty values with comments, keys that look like numbers, deep nesting, unicode', () => {
    const corners = [
      'a:\n  b: 1\n  # c\nd: 2\n', 'x:\n  a:\n  b:   \n  # c\n\nd: 1', 'x:\n  - a\n  -\n  # c\nd: 1', 'a:  # c\nb: 1',
      'x:\n  a:\n# top\nd: 1\n', 'x:\n  - a\n  -  # c\n\n# col0\nd: 1', '1: a\n1.0: b\n', '0x10: a\n16: b\n', 'true: 1\nTrue: 2\n',
      'a: [ ]\nb: {}\nc: { }\n', 'a: [x, y,]\n', 'a: {x: 1, y}\n', 'a:\n- b:\n  - c\n', '---\na: 1\n---\nb: 2\n',
      `a:${'\n'.padEnd(2, ' ')}${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i * 2 + 2)}k${i}:`).join('\n')} v\n`,
      'ключ: значение\n"é": \'ü\'\n', 'a: "x" y\n', "a: 'x'#c\n", 'a:\n  - x\n  b: 1\n', 'a: b: c\n', 'a: -\n', 'a:\n  -\n', 'a: 1\n  b: 2\n',
      '(:\n-   # opens\n    -   # opens\n        -: pay\n      # between\n', 'a:\n  b: 1\n\n    # deep\n  # same\n   # deeper\nd: 1',
      'a:\n  - b: 1\n    # deep\n   # d2\n  # d3\nd: 1',
      // The scanners' edges (quotes, spaces and colons inside and after plain scalars, in flows and blocks).
      "a: 'it''s'\n", "a: 'x'''\n", "a: 'x''\nb: 1\n", "a: ''''\n", "a: ''\n", 'a: ""\n', 'a: "x\\"y"\n', 'a: "x\ny"\n', 'a: "x\n',
      'a :b\n', 'a : b\n', 'a  : b\n', 'a: x  # c\n', 'a: x #c\n', 'a: x# c\n', 'a: x   \nb: 1\n', 'a: x:y\n', 'a: x:\n', 'a: x: \n', 'a: -x\n',
      'a: [x:y, z]\n', 'a: [x: y]\n', 'a: [x:, y]\n', 'a: [x #c]\n', 'a: [x , y ]\n', 'a: [x[y]]\n', 'a: [x{y]\n', 'a: [x}y]\n', 'a: {x:1}\n',
      'a: {x: y:z}\n', 'a: {x : y}\n', "a: ['x''y', \"z\"]\n", 'a: ["x" , y]\n', 'a: x:', 'a: x', 'a: [x', "a: 'x", 'k:v: w\n', '-a: b\n',
    ];
    for (const text of corners) {
      assertReadersAgree(text);
    }
  });

  it('reads the common shapes itself (so the suite exercises it)', () => {
    for (const text of ['version: 1\nsystems:\n  pay:\n    paths: ["a/**", b/]\n    tier: 1\n', 'freezes:\n- id: f\n  schedule: { start: "0 17 * * 5", end: x }\n']) {
      assert.ok(readSubset(text, defaultLimits.maxDepth), text);
    }
  });
});
