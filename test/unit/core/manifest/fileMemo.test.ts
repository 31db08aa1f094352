import * as assert from 'node:assert';
import fc from 'fast-check';
import type { FileMemo, KeptFile } from '../../../../src/core/manifest/manifestParser';
import { parseManifest } from '../../../../src/core/manifest/manifestParser';

/**
 * Included files kept as read (core/manifest/fileMemo.ts): a parse that recalls them gives exactly
 * what reading them again gives — manifest, problems, their order and locations — for generated
 * manifests whose included files hold valid and invalid entries, unknown keys, duplicate ids and
 * nested includes. The memo here is a Map (the cache's own store is tested in test/unit/node).
 */

/** A memo in memory that counts what it gives back, and copies through JSON as the cache does. */
function memoryMemo(): FileMemo & { hits: number; kept: number } {
  const entries = new Map<string, KeptFile>();
  const memo = {
    hits: 0,
    kept: 0,
    get(file: string, text: string, variant: string): KeptFile | undefined {
      const kept = entries.get(`${file}\u0000${variant}\u0000${text}`);
      if (kept !== undefined) memo.hits++;
      return kept;
    },
    set(file: string, text: string, variant: string, kept: KeptFile): void {
      memo.kept++;
      const { sections, problems, spans } = kept;
      // Sections and problems as JSON gives them back; span columns copied.
      const copied = JSON.parse(JSON.stringify({ sections, problems })) as Pick<KeptFile, 'sections' | 'problems'>;
      entries.set(`${file}\u0000${variant}\u0000${text}`, { ...copied, spans: { ...spans, ints: spans.ints.map((c) => c.slice()), kinds: spans.kinds.slice(), keyTexts: [...spans.keyTexts] } });
    },
  };
  return memo;
}

const systemLine = fc.tuple(
  fc.constantFrom('web', 'api', 'db', 'pay', 'web'),
  fc.constantFrom('[web/]', '[api/**, "*.md"]', '["[bad"]', '[db/]', '"not-a-list"'),
  fc.constantFrom('', ', tier: 1', ', tier: [x]', ', colour: blue', ', dependsOn: [api]', ', dependsOn: [ghost]'),
);

/** The systems section's lines: ids numbered by position (so a repeated id is one written twice on purpose). */
const systemLines = fc.array(systemLine, { minLength: 1, maxLength: 6 }).map((systems) =>
  systems.map(([id, paths, extra], i) => [`  ${id}${i % 3 === 2 ? 0 : i}:`, `    paths: ${paths}`, ...(extra === '' ? [] : [`    ${extra.slice(2)}`])].join('\n')));

const fileArbitrary = fc.record({
  systems: systemLines,
  incident: fc.constantFrom('', '  - id: INC-1\n    severity: sev1\n    status: investigating\n    systems: [web0]', '  - id: INC-2\n    severity: sev9\n    status: open', '  - { id: INC-3, severity: sev2, status: open }'),
  extra: fc.constantFrom('', 'unknownSection: 1', 'include: [c.yaml]', 'version: 2'),
});

function filesOf(a: { systems: string[]; incident: string; extra: string }, b: { systems: string[]; incident: string; extra: string }, freeze: string): Record<string, string> {
  const file = (f: typeof a): string => [
    'systems:', ...f.systems,
    ...(f.incident !== '' ? ['incidents:', f.incident] : []),
    ...(f.extra !== '' ? [f.extra] : []),
    '',
  ].join('\n');
  return {
    'ops.yaml': ['version: 1', 'include: [a.yaml, b.yaml]', 'freezes:', `  - { id: f1, title: "${freeze}", systems: [web0, api1], start: 2026-12-01, end: 2026-12-02 }`, ''].join('\n'),
    'a.yaml': file(a),
    'b.yaml': file(b),
    'c.yaml': 'systems:\n  nested:\n    paths: [nested/]\n',
  };
}

describe('kept included files (file memo)', () => {
  it('property: a parse that recalls included files gives what reading them gives, after an edit of the root and of one include', () => {
    let hits = 0;
    fc.assert(
      fc.property(fileArbitrary, fileArbitrary, fileArbitrary, (a, b, b2) => {
        const memo = memoryMemo();
        for (const [step, files] of [filesOf(a, b, 'first'), filesOf(a, b, 'first'), filesOf(a, b, 'edited'), filesOf(a, b2, 'edited')].entries()) {
          const read = (file: string): string | undefined => files[file];
          const fresh = parseManifest('ops.yaml', read);
          const recalled = parseManifest('ops.yaml', read, { fileMemo: memo });
          assert.deepStrictEqual(recalled, fresh, `step ${step}`);
        }
        hits += memo.hits;
      }),
      { numRuns: 150, seed: 24 },
    );
    assert.ok(hits > 200, `files were recalled (${hits} times)`);
  });

  it('keeps included files only, read by the subset reader, and recalls them by path, text and limits', () => {
    const files = filesOf({ systems: ['  web0:\n    paths: [web/]'], incident: '', extra: '' }, { systems: ['  api1:\n    paths: [api/]'], incident: '', extra: '' }, 'x');
    const read = (file: string): string | undefined => files[file];
    const memo = memoryMemo();
    parseManifest('ops.yaml', read, { fileMemo: memo });
    assert.strictEqual(memo.kept, 2, 'a.yaml and b.yaml, not the root');
    parseManifest('ops.yaml', read, { fileMemo: memo });
    assert.strictEqual(memo.hits, 2);
    parseManifest('ops.yaml', read, { fileMemo: memo, maxDepth: 32 });
    assert.strictEqual(memo.hits, 2, 'other limits: read again');
    parseManifest('ops.yaml', read, { fileMemo: memo, yamlReader: 'library' });
    assert.strictEqual(memo.kept, 4, 'the library reader\'s files are not kept');
  });
});
