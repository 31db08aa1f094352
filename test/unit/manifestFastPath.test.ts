import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeComponents, makeManifestYaml, makeSystems } from '../../bench/generate';
import { parseManifest, parseManifestFast } from '../../src/core/manifestParser';
import type { ReadManifestFile } from '../../src/core/manifestParser';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

function readUnder(root: string): ReadManifestFile {
  return (file) => {
    const full = path.join(root, file);
    return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
  };
}

function inMemory(files: Record<string, string>): ReadManifestFile {
  return (file) => files[file];
}

/** The fast path answers, and its answer is exactly the slow path's. */
function assertFastMatchesSlow(read: ReadManifestFile): void {
  const fast = parseManifestFast('ops.yaml', read);
  assert.ok(fast, 'the fast path should answer for this input');
  assert.deepStrictEqual(fast, parseManifest('ops.yaml', read, { slowOnly: true }));
  assert.deepStrictEqual(parseManifest('ops.yaml', read), fast);
}

/** The fast path declines; parseManifest still gives the slow path's answer. */
function assertFallsBack(read: ReadManifestFile): void {
  assert.strictEqual(parseManifestFast('ops.yaml', read), undefined);
  assert.deepStrictEqual(parseManifest('ops.yaml', read), parseManifest('ops.yaml', read, { slowOnly: true }));
}

function generated(systemCount: number, seed: number, freezes: number, incidents: number, projects: number, milestones: number): string {
  const systems = makeSystems(makeComponents(systemCount, seed), seed);
  return makeManifestYaml({ systems, freezes, incidents, projects, milestones }, seed);
}

const base = [
  'version: 1',
  'timezone: Europe/Berlin',
  'systems:',
  '  api:',
  '    paths: [services/api/]',
  '    tier: 1',
  '  web:',
  '    paths: ["apps/web/**"]',
  '    dependsOn: [api]',
];

describe('manifest fast path', () => {
  describe('gives the same result as the slow path', () => {
    it('for examples/ops.yaml with its include', () => {
      assertFastMatchesSlow(readUnder(path.resolve(__dirname, '../../examples')));
    });

    it('for the test fixture workspace', () => {
      assertFastMatchesSlow(readUnder(path.resolve(__dirname, '../fixtures/workspace')));
    });

    for (const [systems, seed, freezes, incidents, projects, milestones] of [
      [20, 1, 3, 3, 2, 2],
      [150, 7, 40, 60, 10, 5],
      [400, 42, 100, 200, 30, 8],
    ]) {
      it(`for a generated manifest (${systems} systems, seed ${seed})`, () => {
        assertFastMatchesSlow(inMemory({ 'ops.yaml': generated(systems, seed, freezes, incidents, projects, milestones) }));
      });
    }

    it('with comments between and inside entries', () => {
      assertFastMatchesSlow(inMemory({ 'ops.yaml': lines(
        '# header',
        ...base.slice(0, 4),
        '    # inside',
        ...base.slice(4),
        '# between sections',
        'freezes:',
        '  # before the first item',
        '  - id: f1   # trailing, not on the last line',
        '    systems: "*"',
        '    start: 2026-12-20',
        '    end: 2026-12-27',
      ) }));
    });

    it('with quoted keys, multi-line strings and flow maps inside entries', () => {
      assertFastMatchesSlow(inMemory({ 'ops.yaml': lines(
        ...base,
        '  "quoted-key":',
        '    paths: [q/]',
        '    title: "a title',
        '      over two lines"',
        'projects:',
        '  - id: p1',
        '    goal: a plain scalar',
        '      that continues',
        '    milestones:',
        '    - id: m0',
        '      due: 2026-12-01',
        '  - id: p2',
        '    milestones:',
        '      - id: m1',
        '        due: 2026-12-01',
        '      -   id: m2',
        '          due: "2026-12-02 10:00"',
        'freezes:',
        '  - id: weekends',
        '    systems: [api]',
        '    schedule: {start: "0 18 * * 5", end: "0 6 * * 1"}',
        '    title: Flow map inside',
      ) }));
    });

    it('with a comment after a plain value on the last line of entries', () => {
      assertFastMatchesSlow(inMemory({ 'ops.yaml': lines(
        ...base,
        '    tier: 2   # last line of a system',
        'freezes:',
        '  - id: f1',
        '    systems: "*"',
        '    schedule:',
        '      start: 0 18 * * 5',
        '      end: 0 6 * * 1 # nested map, last line',
        '  - id: f2',
        '    systems: "*"',
        '    start: 2026-12-20',
        '    end: 2026-12-27 # last item',
        'projects:',
        '  - id: p1',
        '    milestones:',
        '      - id: m1',
        '        due: 2026-12-01 # not the last milestone',
        '      - id: m2',
        '        due: 2026-12-02 # last line of the file',
      ) }));
    });

    it('with CRLF line ends', () => {
      assertFastMatchesSlow(inMemory({ 'ops.yaml': lines(...base, 'freezes:', '  - id: f1', '    systems: [api]', '    start: 2026-12-20', '    end: 2026-12-27').replace(/\n/g, '\r\n') }));
    });

    it('with empty sections written inline', () => {
      assertFastMatchesSlow(inMemory({ 'ops.yaml': lines(...base, 'freezes: []', 'incidents:', 'projects: []') }));
    });
  });

  describe('falls back to the slow path', () => {
    it('for a byte order mark', () => {
      assertFallsBack(inMemory({ 'ops.yaml': `\uFEFF${lines(...base)}` }));
    });

    it('for anchors and aliases', () => {
      assertFallsBack(inMemory({ 'ops.yaml': lines(...base.slice(0, 5), '    owners: &o ["@a"]', '  web:', '    paths: [w/]', '    owners: *o') }));
    });

    it('for a block scalar next to a comment line', () => {
      assertFallsBack(inMemory({ 'ops.yaml': lines(...base, '    title: |', '      text', '      # part of the text') }));
    });

    it('for a comment on the last line of an entry', () => {
      assertFallsBack(inMemory({ 'ops.yaml': lines(...base.slice(0, -1), '    dependsOn: [api] # last') }));
    });

    it('for a quoted string continued less indented than its entry', () => {
      assertFallsBack(inMemory({ 'ops.yaml': lines(...base, '    title: "foo', ' bar"') }));
    });

    it('for a flow-style list item', () => {
      assertFallsBack(inMemory({ 'ops.yaml': lines(...base, 'projects:', '  - id: p1', '    milestones:', '      - {id: m0, due: 2026-12-01}') }));
    });

    it('for a flow-style section', () => {
      assertFallsBack(inMemory({ 'ops.yaml': lines(...base, 'freezes: [{id: f1, systems: "*", start: 2026-12-20, end: 2026-12-27}]') }));
    });
  });

  describe('keeps located problems', () => {
    it('for a file with an error and a warning', () => {
      const read = inMemory({ 'ops.yaml': lines(...base, '    tire: 2', 'freezes:', '  - id: f1', '    systems: [nope]', '    start: 2026-12-20', '    end: 2026-12-27') });
      const result = parseManifest('ops.yaml', read);
      assert.strictEqual(parseManifestFast('ops.yaml', read), undefined);
      assert.deepStrictEqual(result, parseManifest('ops.yaml', read, { slowOnly: true }));
      assert.deepStrictEqual(result.problems.map((p) => [p.code, p.range.start.line]), [['unknown-key', 9], ['unknown-system', 12]]);
    });

    it('for a duplicate key', () => {
      const read = inMemory({ 'ops.yaml': lines(...base, '  api:', '    paths: [x/]') });
      assert.deepStrictEqual(parseManifest('ops.yaml', read), parseManifest('ops.yaml', read, { slowOnly: true }));
      assert.strictEqual(parseManifest('ops.yaml', read).problems[0].code, 'duplicate-key');
    });
  });
});
