import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { analyzeChange, compileModel } from '../../src/core/evaluate/engine';
import { parseManifest } from '../../src/core/manifest/manifestParser';
import type { ParseManifestResult } from '../../src/core/manifest/manifestParser';

/**
 * The fuzzing campaign of docs/testing.md, shared by the unit suite (fixed seeds, a few hundred
 * runs) and `npm run fuzz` (10,000 generated manifests and 10,000 mutations of the examples).
 *
 * Properties checked on every case:
 * - no uncaught exception from parse, compile or analyse;
 * - every problem is located: a file that was read, a line and column inside that file's text;
 * - the case takes bounded time (the slowest is recorded; over `maxCaseMs` of CPU fails);
 * - fail closed: adding an invalid freeze never leaves any file with fewer freezes in force.
 */

export const maxCaseMs = 1000;
const at = Date.parse('2026-12-22T12:00:00Z');

export interface CampaignStats {
  runs: number;
  /** Wall-clock ms of the slowest case (on a shared machine this includes time spent waiting for a core). */
  maxMs: number;
  /** CPU ms (user + system) of the most expensive case: what the bound is checked on. */
  maxCpuMs: number;
  totalMs: number;
  problems: number;
  slowest?: string;
}

export function newStats(): CampaignStats {
  return { runs: 0, maxMs: 0, maxCpuMs: 0, totalMs: 0, problems: 0 };
}

// ---------------------------------------------------------------- paths

const nameArbitrary = fc.oneof(
  fc.constantFrom('..hidden.ts', '...', '.env', 'a b.ts', 'naïve.md', '日本.ts', 'x\ny.ts', 'pay.ts', 'README.md', '-rf', '%2e%2e', 'CON', 'a\u202eb'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((name) => !name.includes('/') && name !== '.' && name !== '..'),
);
/** Repository-relative paths: Unicode, spaces, newlines, `..` lookalikes, never a real `..` segment. */
export const pathArbitrary = fc
  .tuple(fc.constantFrom('', 'services/payments/', 'apps/web/', 'services/checkout/', 'docs/', 'a/b/c/'), fc.array(nameArbitrary, { minLength: 1, maxLength: 4 }))
  .map(([prefix, names]) => prefix + names.join('/'));

// ---------------------------------------------------------------- generated manifests

const idArbitrary = fc.oneof(fc.constantFrom('payments', 'web', 'checkout', 'docs', 'ghost'), fc.string({ minLength: 1, maxLength: 6 }));
const globArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('services/payments/', 'apps/web/', '*.md', 'docs/**', '**/*.ts', 'services/{payments,checkout}/', '[a-z]*/', '/README.md', '**/*.*.*.bak') },
  { weight: 2, arbitrary: fc.constantFrom('', '!x', '../x', 'a//b', '[z-a]', '{a', 'a\\b', `${'*a'.repeat(70)}`, '{a,b}'.repeat(10), 'x'.repeat(1100)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
);
const timeArbitrary = fc.oneof(
  fc.constantFrom('2026-12-01', '2027-01-10', '2026-12-20T18:00:00+01:00', '2026-12-24 09:00', 'yesterday', '2026-13-45', ''),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer(),
);
/** Sometimes a value of the wrong type, to exercise the schema's errors and salvage. */
function orJunk<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) });
}

const systemArbitrary = fc.record({
  title: orJunk(fc.string({ maxLength: 20 })),
  paths: orJunk(fc.array(globArbitrary, { maxLength: 3 })),
  exclude: orJunk(fc.array(globArbitrary, { maxLength: 2 })),
  owners: orJunk(fc.array(fc.constantFrom('@a', '@org/team', 'x'), { maxLength: 2 })),
  dependsOn: orJunk(fc.array(idArbitrary, { maxLength: 2 })),
  tier: orJunk(fc.integer({ min: 0, max: 3 })),
}, { requiredKeys: ['paths'] });

const freezeArbitrary = fc.record({
  id: orJunk(idArbitrary),
  title: orJunk(fc.string({ maxLength: 20 })),
  systems: orJunk(fc.oneof(fc.constant('*'), fc.array(idArbitrary, { maxLength: 3 }))),
  start: orJunk(timeArbitrary),
  end: orJunk(timeArbitrary),
  enforcement: orJunk(fc.constantFrom('block', 'warn', 'maybe')),
  exempt: orJunk(fc.array(globArbitrary, { maxLength: 2 })),
  timezone: orJunk(fc.constantFrom('UTC', 'Europe/Berlin', 'Mars/Olympus')),
}, { requiredKeys: ['id'] });

const incidentArbitrary = fc.record({
  id: orJunk(idArbitrary),
  title: orJunk(fc.string({ maxLength: 20 })),
  severity: orJunk(fc.constantFrom('sev1', 'sev2', 'sev3', 'sev9')),
  status: orJunk(fc.constantFrom('investigating', 'identified', 'resolved', 'lost')),
  systems: orJunk(fc.array(idArbitrary, { maxLength: 2 })),
  started: orJunk(timeArbitrary),
  freeze: orJunk(fc.constantFrom(true, false, 'block', 'warn')),
  url: orJunk(fc.constantFrom('https://x.example/1', 'javascript:alert(1)', 'command:x')),
}, { requiredKeys: ['id'] });

const projectArbitrary = fc.record({
  id: orJunk(idArbitrary),
  title: orJunk(fc.string({ maxLength: 20 })),
  systems: orJunk(fc.array(idArbitrary, { maxLength: 2 })),
  milestones: orJunk(fc.array(fc.record({ id: orJunk(idArbitrary), title: orJunk(fc.string({ maxLength: 10 })), due: orJunk(timeArbitrary), status: orJunk(fc.constantFrom('planned', 'in-progress', 'done', 'x')) }, { requiredKeys: ['id'] }), { maxLength: 2 })),
}, { requiredKeys: ['id'] });

/** A manifest as a plain object, from the model in docs/manifest.md, with some wrong values. */
export const manifestObjectArbitrary = fc.record({
  version: fc.oneof({ weight: 9, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) }),
  timezone: fc.constantFrom(undefined, 'UTC', 'America/New_York', 'Nowhere/City'),
  systems: fc.dictionary(idArbitrary, systemArbitrary, { maxKeys: 4 }),
  freezes: fc.array(freezeArbitrary, { maxLength: 3 }),
  incidents: fc.array(incidentArbitrary, { maxLength: 2 }),
  projects: fc.array(projectArbitrary, { maxLength: 2 }),
  hooks: fc.constantFrom(undefined, { strict: true }, { strict: 'maybe' }),
}, { requiredKeys: ['version'] });

// ---------------------------------------------------------------- mutations of the examples

const examplesRoot = path.resolve(__dirname, '../../examples');
export const exampleFiles = ['ops.yaml', 'ops/incidents.yaml'].map((file) => ({ file, text: fs.readFileSync(path.join(examplesRoot, file), 'utf8') }));

const scalarReplacement = fc.constantFrom(
  '99999999999999999999999999999', '-1e309', '0x7fffffffffffffff', 'true', 'null', '~', '[]', '{}', '[a, [b, [c]]]', '"\\u0000\\u001b[2J"',
  `${'['.repeat(300)}${']'.repeat(300)}`, `${'{a: '.repeat(120)}x${'}'.repeat(120)}`, '!!binary aGVsbG8=', '!!str', '&anchor value', '*anchor', '"\u202eevil"',
  '2026-02-30', '|\n  block\n  text', "'unterminated", '"unterminated', '- list item', 'key: value: other',
);
type Mutation =
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'swap'; line: number; other: number }
  | { kind: 'replace-value'; line: number; value: string }
  | { kind: 'insert-unicode'; line: number; text: string }
  | { kind: 'alias-bomb' }
  | { kind: 'anchor-alias'; line: number; other: number }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'truncate'; at: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('replace-value' as const), line: fc.nat(), value: scalarReplacement }),
  fc.record({ kind: fc.constant('insert-unicode' as const), line: fc.nat(), text: fc.string({ unit: 'grapheme', maxLength: 8 }) }),
  fc.record({ kind: fc.constant('alias-bomb' as const) }),
  fc.record({ kind: fc.constant('anchor-alias' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, mutation: Mutation): string {
  const lines = text.split('\n');
  const pick = (n: number): number => n % lines.length;
  switch (mutation.kind) {
    case 'delete': lines.splice(pick(mutation.line), 1); break;
    case 'duplicate': lines.splice(pick(mutation.line), 0, lines[pick(mutation.line)]); break;
    case 'swap': {
      const [a, b] = [pick(mutation.line), pick(mutation.other)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      break;
    }
    case 'replace-value': {
      const i = pick(mutation.line);
      lines[i] = /:\s/.test(lines[i]) ? lines[i].replace(/:\s.*$/, `: ${mutation.value}`) : lines[i].replace(/-\s.*$/, `- ${mutation.value}`);
      break;
    }
    case 'insert-unicode': {
      const i = pick(mutation.line);
      const cut = Math.floor(lines[i].length / 2);
      lines[i] = lines[i].slice(0, cut) + mutation.text + lines[i].slice(cut);
      break;
    }
    case 'alias-bomb':
      lines.push('bomb:', '  a: &a [x, x, x, x, x, x, x, x, x, x]', '  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        '  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', '  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', '  e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]');
      break;
    case 'anchor-alias': {
      const [a, b] = [pick(mutation.line), pick(mutation.other)];
      lines[a] = lines[a].replace(/:\s+(\S)/, ': &fz $1');
      lines[b] = lines[b].replace(/:\s+.*$/, ': *fz');
      break;
    }
    case 'indent': {
      const i = pick(mutation.line);
      lines[i] = mutation.by >= 0 ? ' '.repeat(mutation.by) + lines[i] : lines[i].slice(Math.min(-mutation.by, lines[i].length - lines[i].trimStart().length));
      break;
    }
    case 'truncate': return text.slice(0, mutation.at % (text.length + 1));
  }
  return lines.join('\n');
}

export const mutatedExamplesArbitrary = fc
  .tuple(fc.nat({ max: exampleFiles.length - 1 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }))
  .map(([which, mutations]) => {
    const files = new Map(exampleFiles.map(({ file, text }) => [file, text]));
    const target = exampleFiles[which].file;
    files.set(target, mutations.reduce(mutate, files.get(target) ?? ''));
    return { files, mutations };
  });

// ---------------------------------------------------------------- properties

function timed<T>(stats: CampaignStats, label: () => string, run: () => T): T {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  stats.maxCpuMs = Math.max(stats.maxCpuMs, cpuMs);
  stats.runs++;
  stats.totalMs += ms;
  if (ms > stats.maxMs) {
    stats.maxMs = ms;
    stats.slowest = label();
  }
  assert.ok(cpuMs <= maxCaseMs, `case took ${cpuMs.toFixed(0)} ms of CPU (over ${maxCaseMs}): ${label()}`);
  return result;
}

/** Every problem names a file that was read and a position inside that file's text. */
function assertLocated(result: ParseManifestResult, files: ReadonlyMap<string, string>): void {
  for (const problem of result.problems) {
    const { start, end } = problem.range;
    for (const n of [start.line, start.column, end.line, end.column]) {
      assert.ok(Number.isInteger(n) && n >= 0, `unlocated problem ${JSON.stringify(problem)}`);
    }
    const text = files.get(problem.file);
    if (text === undefined) {
      // Only "not found" style problems may name a file that could not be read.
      assert.ok(/not-found|include/.test(problem.code), `problem in a file never read: ${JSON.stringify(problem)}`);
      continue;
    }
    const lines = text.split(/\r\n|\r|\n/);
    assert.ok(start.line < Math.max(1, lines.length) + 1, `line out of the file: ${JSON.stringify(problem)}`);
  }
}

/** Freeze ids in force (block or warn) for each path. */
function inForce(result: ParseManifestResult, paths: readonly string[]): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>(paths.map((p) => [p, new Set()]));
  if (result.manifest === undefined) return byPath;
  const report = analyzeChange(compileModel(result.manifest), paths, at);
  for (const freeze of report.freezes) {
    if (freeze.effect === 'none' && !freeze.overridden) continue;
    for (const file of freeze.files) byPath.get(file)?.add(`${freeze.kind}:${freeze.id}`);
  }
  return byPath;
}

function parseFiles(files: ReadonlyMap<string, string>): ParseManifestResult {
  return parseManifest('ops.yaml', (file) => files.get(file));
}

/** One generated manifest: parse, compile, analyse generated paths; then the fail-closed invariant. */
export function checkGenerated(stats: CampaignStats, manifest: Record<string, unknown>, paths: readonly string[]): void {
  const text = stringify(manifest);
  const files = new Map([['ops.yaml', text]]);
  const label = (): string => JSON.stringify(text.slice(0, 400));
  const before = timed(stats, label, () => {
    const result = parseFiles(files);
    assertLocated(result, files);
    stats.problems += result.problems.length;
    return { result, forced: inForce(result, paths) };
  });
  // Fail closed: the same manifest plus one invalid freeze (its end before its start) never has fewer freezes in force.
  const systems = Object.keys((manifest.systems as Record<string, unknown> | undefined) ?? {});
  const freezes: unknown[] = Array.isArray(manifest.freezes) ? (manifest.freezes as unknown[]) : [];
  const worse = { ...manifest, freezes: [...freezes, { id: 'fuzz-invalid', systems: systems.length > 0 ? [systems[0]] : '*', start: '2026-12-20', end: '2026-12-10' }] };
  const worseFiles = new Map([['ops.yaml', stringify(worse)]]);
  const after = timed(stats, label, () => {
    const result = parseFiles(worseFiles);
    assertLocated(result, worseFiles);
    return inForce(result, paths);
  });
  if (before.result.manifest !== undefined) {
    for (const [file, ids] of before.forced) {
      const now = after.get(file) ?? new Set();
      assert.deepStrictEqual([...ids].filter((id) => !now.has(id)), [], `an invalid freeze took freezes away from ${file}: ${label()}`);
    }
  }
}

/** One mutation of the example manifests: parse, compile, analyse; located problems, bounded time. */
export function checkMutated(stats: CampaignStats, files: ReadonlyMap<string, string>, paths: readonly string[], describeCase: () => string): void {
  timed(stats, describeCase, () => {
    const result = parseFiles(files);
    assertLocated(result, files);
    stats.problems += result.problems.length;
    if (result.manifest !== undefined) analyzeChange(compileModel(result.manifest), paths, at);
  });
}

export function summary(name: string, stats: CampaignStats, seed: number, wallMs: number): string {
  return `${name}: ${stats.runs} cases (seed ${seed}), max ${stats.maxMs.toFixed(1)} ms wall / ${stats.maxCpuMs.toFixed(1)} ms CPU per case, case total ${(stats.totalMs / 1000).toFixed(1)} s, wall ${(wallMs / 1000).toFixed(1)} s, ${stats.problems} problems, 0 uncaught exceptions`;
}
