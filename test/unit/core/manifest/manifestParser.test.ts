import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeIncludePath, parseManifest } from '../../../../src/core/manifest/manifestParser';
import type { ParseManifestOptions, ParseManifestResult } from '../../../../src/core/manifest/manifestParser';
import type { Problem, Range } from '../../../../src/core/problem';
import { documentedParserCodes, parserProblemCodes } from '../../../support/problemCodes';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

function parse(files: Record<string, string>, options?: ParseManifestOptions): ParseManifestResult {
  return parseManifest('ops.yaml', (file) => files[file], options);
}

function parseRoot(...text: string[]): ParseManifestResult {
  return parse({ 'ops.yaml': lines(...text) });
}

const range = (line: number, column: number, endLine: number, endColumn: number): Range => ({
  start: { line, column },
  end: { line: endLine, column: endColumn },
});

/**
 * The range of `token` in `text`, looked for inside the first occurrence of `context` (default: the
 * token itself): tests name the offending text, not columns.
 */
function spot(text: string, token: string, context = token): Range {
  const offset = text.indexOf(context) + context.indexOf(token);
  assert.ok(text.includes(context) && context.includes(token), `${token} in ${context} is not in the text`);
  const before = text.slice(0, offset).split('\n');
  const line = before.length - 1;
  const column = before[line].length;
  const tokenLines = token.split('\n');
  const endLine = line + tokenLines.length - 1;
  const endColumn = tokenLines.length > 1 ? tokenLines[tokenLines.length - 1].length : column + token.length;
  return range(line, column, endLine, endColumn);
}

/** Parses a root file made of these lines; returns the text too, for `spot`. */
function root(...text: string[]): { text: string; result: ParseManifestResult } {
  const joined = lines(...text);
  return { text: joined, result: parse({ 'ops.yaml': joined }) };
}

/** The problems as `[severity, code, file, range, message]`, for one exact comparison. */
const brief = (problems: readonly Problem[]) => problems.map((p) => [p.severity, p.code, p.file, p.range, p.message]);

const withCode = (result: ParseManifestResult, code: string) => brief(result.problems.filter((p) => p.code === code));

const header = ['version: 1', 'systems:', '  checkout:', '    paths: [services/checkout/]', '  web:', '    paths: [web/]'];

describe('manifestParser', () => {
  describe('a valid manifest', () => {
    it('normalises a minimal file with every default', () => {
      const result = parseRoot('version: 1', 'systems:', '  web:', '    paths: [web/]');
      assert.deepStrictEqual(result, {
        manifest: {
          version: 1,
          timezone: 'UTC',
          systems: [
            {
              id: 'web',
              title: 'web',
              paths: ['web/'],
              exclude: [],
              owners: [],
              dependsOn: [],
              source: { file: 'ops.yaml', range: range(2, 2, 3, 17) },
            },
          ],
          freezes: [],
          overrides: [],
          incidents: [],
          projects: [],
          hooks: { strict: false },
          files: ['ops.yaml'],
        },
        problems: [],
      });
    });

    it('normalises a numeric tier to a string', () => {
      const result = parseRoot('version: 1', 'systems:', '  a:', '    paths: [a/]', '    tier: 1', '  b:', '    paths: [b/]', '    tier: gold');
      assert.deepStrictEqual(result.manifest?.systems.map((s) => s.tier), ['1', 'gold']);
    });

    it('reads hooks.strict', () => {
      assert.strictEqual(parseRoot('version: 1', 'hooks: { strict: true }').manifest?.hooks.strict, true);
    });

    it('defaults a freeze to block enforcement and a milestone to planned', () => {
      const result = parseRoot(
        ...header,
        'freezes:',
        '  - { id: f, systems: "*", start: 2026-12-20, end: 2027-01-04 }',
        'projects:',
        '  - id: p',
        '    milestones: [{ id: m }]',
      );
      assert.deepStrictEqual(
        [result.manifest?.freezes[0].enforcement, result.manifest?.freezes[0].systems, result.manifest?.projects[0].milestones[0].status],
        ['block', ['*'], 'planned'],
      );
    });

    it('reads incident freeze true as block and false as no freeze', () => {
      const result = parseRoot(
        ...header,
        'incidents:',
        '  - { id: a, severity: sev1, status: investigating, freeze: true }',
        '  - { id: b, severity: sev2, status: identified, freeze: false }',
        '  - { id: c, severity: sev3, status: monitoring, freeze: warn }',
      );
      assert.deepStrictEqual(result.manifest?.incidents.map((i) => i.freeze), ['block', undefined, 'warn']);
    });

    it('reads an empty top-level section as none', () => {
      const result = parseRoot('version: 1', 'systems:', 'incidents:', 'freezes:');
      assert.deepStrictEqual([result.problems, result.manifest?.incidents, result.manifest?.systems], [[], [], []]);
    });

    it('keeps the manifest when there are only warnings', () => {
      const result = parseRoot(...header, 'colour: blue');
      assert.deepStrictEqual([result.manifest !== undefined, result.problems.map((p) => p.code)], [true, ['unknown-key']]);
    });

    it('gives each list entry the range of its YAML node', () => {
      const result = parseRoot(...header, 'incidents:', '  - id: INC-1', '    severity: sev2', '    status: resolved');
      assert.deepStrictEqual(result.manifest?.incidents[0].source, { file: 'ops.yaml', range: range(7, 4, 9, 20) });
    });
  });

  describe('times', () => {
    it('reads freeze times in the manifest zone', () => {
      const result = parseRoot('timezone: America/New_York', ...header, 'freezes:', '  - { id: f, systems: [web], start: 2026-12-20, end: "2026-12-20 18:00" }');
      const freeze = result.manifest?.freezes[0];
      assert.deepStrictEqual(
        [freeze?.start, freeze?.end, freeze?.startText, freeze?.timezone],
        [Date.parse('2026-12-20T05:00:00Z'), Date.parse('2026-12-20T23:00:00Z'), '2026-12-20', 'America/New_York'],
      );
    });

    it("prefers the freeze's own zone", () => {
      const result = parseRoot('timezone: America/New_York', ...header, 'freezes:', '  - { id: f, systems: [web], timezone: Asia/Tokyo, start: 2026-12-20, end: 2026-12-21 }');
      assert.deepStrictEqual([result.manifest?.freezes[0].start, result.manifest?.freezes[0].timezone], [Date.parse('2026-12-19T15:00:00Z'), 'Asia/Tokyo']);
    });

    it('keeps an explicit offset absolute', () => {
      const result = parseRoot('timezone: Asia/Tokyo', ...header, 'freezes:', '  - { id: f, systems: [web], start: "2026-12-20T00:00:00Z", end: "2026-12-21T00:00:00+01:00" }');
      assert.deepStrictEqual([result.manifest?.freezes[0].start, result.manifest?.freezes[0].end], [Date.parse('2026-12-20T00:00:00Z'), Date.parse('2026-12-20T23:00:00Z')]);
    });

    it('makes a date-only due the end of that day in the manifest zone', () => {
      const result = parseRoot('timezone: Europe/Berlin', ...header, 'projects:', '  - id: p', '    milestones: [{ id: m, due: 2026-12-01 }]');
      const milestone = result.manifest?.projects[0].milestones[0];
      assert.deepStrictEqual([milestone?.due, milestone?.dueText], [Date.parse('2026-12-01T22:59:59.999Z'), '2026-12-01']);
    });

    it('reads incident and override times in the manifest zone', () => {
      const result = parseRoot(
        'timezone: Asia/Tokyo',
        ...header,
        'freezes: [{ id: f, systems: "*", start: 2026-12-20, end: 2026-12-21 }]',
        'overrides: [{ freeze: f, reason: hotfix, approvedBy: cab, expires: "2026-12-20 12:00" }]',
        'incidents: [{ id: i, severity: sev1, status: resolved, started: "2026-12-20 09:00", resolved: "2026-12-20 10:00" }]',
      );
      assert.deepStrictEqual(
        [result.manifest?.overrides[0].expires, result.manifest?.incidents[0].started, result.manifest?.incidents[0].resolved],
        [Date.parse('2026-12-20T03:00:00Z'), Date.parse('2026-12-20T00:00:00Z'), Date.parse('2026-12-20T01:00:00Z')],
      );
    });

    it('keeps a recurring schedule as written', () => {
      const result = parseRoot(...header, 'freezes:', '  - { id: f, systems: [web], schedule: { start: "0 18 * * 5", end: "0 8 * * 1" }, timezone: Europe/Berlin }');
      const freeze = result.manifest?.freezes[0];
      assert.deepStrictEqual([freeze?.schedule, freeze?.start, freeze?.timezone], [{ start: '0 18 * * 5', end: '0 8 * * 1' }, undefined, 'Europe/Berlin']);
    });
  });

  describe('problem codes', () => {
    it('file-not-found', () => {
      const result = parse({});
      assert.deepStrictEqual(brief(result.problems), [['error', 'file-not-found', 'ops.yaml', range(0, 0, 0, 0), 'manifest file ops.yaml does not exist']]);
    });

    it('file-too-large: refuses before parsing', () => {
      const result = parse({ 'ops.yaml': `version: 1\n# ${'x'.repeat(200)}\n` }, { maxBytes: 100 });
      assert.deepStrictEqual([result.manifest, withCode(result, 'file-too-large')], [
        undefined,
        [['error', 'file-too-large', 'ops.yaml', range(0, 0, 0, 0), 'file is larger than 100 bytes; it was not read']],
      ]);
    });

    it('file-too-large: a 6 MB file under the default 5 MB limit', () => {
      const result = parse({ 'ops.yaml': `version: 1\n#${'x'.repeat(6 * 1024 * 1024)}\n` });
      assert.deepStrictEqual(result.problems.map((p) => [p.code, p.message]), [['file-too-large', 'file is larger than 5242880 bytes; it was not read']]);
    });

    it('file-too-large: counts UTF-8 bytes, not characters', () => {
      const result = parse({ 'ops.yaml': `version: 1\n# ${'é'.repeat(40)}\n` }, { maxBytes: 80 });
      assert.deepStrictEqual(result.problems.map((p) => p.code), ['file-too-large']);
    });

    it('yaml-syntax: located at the error', () => {
      const result = parseRoot('version: 1', 'systems:', '  web: { paths: [web/] ', 'freezes: []');
      assert.deepStrictEqual([result.problems.length > 0, result.problems.every((p) => p.code === 'yaml-syntax'), result.problems[0].range.start.line >= 2], [true, true, true]);
    });

    it('duplicate-key: the second key of a map, including system ids', () => {
      const result = parseRoot('version: 1', 'systems:', '  web:', '    paths: [a/]', '  web:', '    paths: [b/]');
      assert.deepStrictEqual(brief(result.problems), [['error', 'duplicate-key', 'ops.yaml', range(4, 2, 4, 5), 'duplicate key `web`: keys of a mapping must be unique']]);
    });

    it('too-deep: deep flow nesting is refused before the YAML parser sees it', () => {
      const result = parse({ 'ops.yaml': `version: 1\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n` });
      assert.deepStrictEqual(brief(result.problems), [['error', 'too-deep', 'ops.yaml', range(1, 67, 1, 67), 'nesting deeper than 64 levels']]);
    });

    it('too-deep: a compact list nest on one line', () => {
      const result = parse({ 'ops.yaml': `version: 1\nx:\n${'- '.repeat(1_000_000)}a\n` });
      assert.deepStrictEqual(result.problems.map((p) => [p.code, p.range.start]), [['too-deep', { line: 2, column: 128 }]]);
    });

    it('too-deep: deep block nesting found after parsing', () => {
      const text = Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
      const result = parse({ 'ops.yaml': `version: 1\nx:\n${text} 1\n` });
      // k0 sits beside x in the root map, so the map holding k64 (line 66) is the 65th level.
      assert.deepStrictEqual(result.problems.map((p) => [p.code, p.range.start]), [['too-deep', { line: 66, column: 64 }]]);
    });

    it('too-many-aliases: an alias bomb', () => {
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
      for (const [from, to] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h']]) {
        bomb.push(`${to}: &${to} [${Array(9).fill(`*${from}`).join(', ')}]`);
      }
      const { text, result } = root('version: 1', ...bomb);
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'too-many-aliases', 'ops.yaml', spot(text, '*a'), 'aliases expand too much (more than 100 expansions); write the values out'],
      ]);
    });

    it('wrong-type: says what was expected and what was found', () => {
      const result = parseRoot('version: 1', 'systems:', '  web:', '    paths: web/');
      assert.deepStrictEqual(brief(result.problems), [['error', 'wrong-type', 'ops.yaml', range(3, 11, 3, 15), 'expected a list of strings, got "web/"']]);
    });

    it('wrong-type: the root is not a mapping', () => {
      const result = parseRoot('- version: 1');
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'wrong-type', 'ops.yaml', range(0, 0, 0, 12), 'expected a mapping of sections (version, systems, freezes, …), got a list'],
      ]);
    });

    it('wrong-type: an empty file', () => {
      assert.deepStrictEqual(parseRoot('').problems.map((p) => p.code), ['wrong-type']);
    });

    it('invalid-value: an enum lists its values', () => {
      const { text, result } = root(...header, 'incidents:', '  - { id: i, severity: critical, status: investigating }');
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'invalid-value', 'ops.yaml', spot(text, 'critical'), 'expected one of sev1, sev2, sev3, sev4, got "critical"'],
      ]);
    });

    it('invalid-value: an unsupported version', () => {
      assert.deepStrictEqual(brief(parseRoot('version: 2').problems), [['error', 'invalid-value', 'ops.yaml', range(0, 9, 0, 10), 'expected `version: 1`, got 2']]);
    });

    it('invalid-value: a list inside the systems union reports the bad item', () => {
      const { text, result } = root(...header, 'freezes:', '  - { id: f, systems: [web, 3], start: 2026-12-20, end: 2026-12-21 }');
      assert.deepStrictEqual(brief(result.problems), [['error', 'wrong-type', 'ops.yaml', spot(text, '3', '[web, 3]'), 'expected a string, got 3']]);
    });

    it('missing-key: in a list entry, located at the entry', () => {
      const result = parseRoot(...header, 'incidents:', '  - id: i', '    status: investigating');
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'missing-key', 'ops.yaml', range(7, 4, 8, 25), 'missing `severity`: expected one of sev1, sev2, sev3, sev4'],
      ]);
    });

    it('missing-key: in a system, located at the system id', () => {
      const result = parseRoot('version: 1', 'systems:', '  web:', '    owners: [a]');
      assert.deepStrictEqual(brief(result.problems), [['error', 'missing-key', 'ops.yaml', range(2, 2, 2, 5), 'missing `paths`: expected a list of strings']]);
    });

    it('missing-key: version, located at the first key', () => {
      const result = parseRoot('timezone: UTC');
      assert.deepStrictEqual(brief(result.problems), [['error', 'missing-key', 'ops.yaml', range(0, 0, 0, 8), 'missing `version`: expected 1']]);
    });

    it('unknown-key: a warning with a did-you-mean', () => {
      const result = parseRoot(...header, '    dependson: [checkout]');
      assert.deepStrictEqual(brief(result.problems), [
        ['warning', 'unknown-key', 'ops.yaml', range(6, 4, 6, 13), 'unknown key `dependson` (ignored): did you mean `dependsOn`?'],
      ]);
    });

    it('unknown-key: lists the allowed keys when nothing is close', () => {
      const result = parseRoot('version: 1', 'hooks: { strict: true, banana: 1 }');
      assert.deepStrictEqual(brief(result.problems), [['warning', 'unknown-key', 'ops.yaml', range(1, 23, 1, 29), 'unknown key `banana` (ignored): expected one of strict, live']]);
    });

    it('duplicate-id: freezes, incidents and projects', () => {
      const { text, result } = root(
        ...header,
        'freezes:',
        '  - { id: f, systems: "*", start: 2026-12-20, end: 2026-12-21 }',
        '  - { id: f, systems: "*", start: 2026-12-22, end: 2026-12-23 }',
        'projects:',
        '  - { id: p, milestones: [{ id: m }, { id: m }] }',
      );
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'duplicate-id', 'ops.yaml', range(8, 10, 8, 11), 'duplicate freeze id `f` (first defined at ops.yaml:8)'],
        ['error', 'duplicate-id', 'ops.yaml', spot(text, 'm', 'm }]'), 'duplicate milestone of project `p` id `m` (first defined at ops.yaml:11)'],
      ]);
    });

    it('unknown-system: in dependsOn, freezes, incidents, projects and milestones', () => {
      const { text, result } = root(
        ...header,
        '    dependsOn: [chekout]',
        'freezes: [{ id: f, systems: [webb], start: 2026-12-20, end: 2026-12-21 }]',
        'incidents: [{ id: i, severity: sev1, status: investigating, systems: [nope] }]',
        'projects: [{ id: p, systems: [x], milestones: [{ id: m, systems: [y] }] }]',
      );
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'unknown-system', 'ops.yaml', spot(text, 'chekout'), 'unknown system `chekout`; did you mean `checkout`?'],
        ['error', 'unknown-system', 'ops.yaml', spot(text, 'webb'), 'unknown system `webb`; did you mean `web`?'],
        ['error', 'unknown-system', 'ops.yaml', spot(text, 'nope'), 'unknown system `nope`'],
        ['error', 'unknown-system', 'ops.yaml', spot(text, 'x', '[x]'), 'unknown system `x`'],
        ['error', 'unknown-system', 'ops.yaml', spot(text, 'y', '[y]'), 'unknown system `y`'],
      ]);
    });

    it('a star inside a list means every system, as the bare string does', () => {
      const result = parseRoot(...header, 'freezes: [{ id: f, systems: ["*"], start: 2026-12-20, end: 2026-12-21 }]');
      assert.deepStrictEqual([result.problems, result.manifest?.freezes[0].systems], [[], ['*']]);
    });

    it('unknown-freeze: an override of a freeze that does not exist', () => {
      const result = parseRoot(...header, 'overrides: [{ freeze: holidays, reason: r, approvedBy: cab }]');
      assert.deepStrictEqual(brief(result.problems), [['error', 'unknown-freeze', 'ops.yaml', range(6, 22, 6, 30), 'unknown freeze `holidays`']]);
    });

    it('dependency-cycle: a warning naming the cycle once', () => {
      const result = parseRoot(
        'version: 1',
        'systems:',
        '  web: { paths: [web/], dependsOn: [cart] }',
        '  cart: { paths: [cart/], dependsOn: [checkout] }',
        '  checkout: { paths: [co/], dependsOn: [web] }',
      );
      assert.deepStrictEqual([result.manifest !== undefined, brief(result.problems)], [
        true,
        [['warning', 'dependency-cycle', 'ops.yaml', range(3, 38, 3, 46), 'dependency cycle: cart → checkout → web → cart']],
      ]);
    });

    it('dependency-cycle: a long cycle is abbreviated', () => {
      const systems = Array.from({ length: 12 }, (_, i) => `  s${i + 10}: { paths: [s${i}/], dependsOn: [s${((i + 1) % 12) + 10}] }`);
      const result = parseRoot('version: 1', 'systems:', ...systems);
      assert.deepStrictEqual(withCode(result, 'dependency-cycle').map((p) => p[4]), [
        'dependency cycle: s10 → s11 → s12 → s13 → s14 → s15 → s16 → s17 → … 4 more … → s10',
      ]);
    });

    it('dependency-cycle: a system depending on itself', () => {
      const result = parseRoot('version: 1', 'systems:', '  web: { paths: [web/], dependsOn: [web] }');
      assert.deepStrictEqual(withCode(result, 'dependency-cycle').map((p) => p[4]), ['dependency cycle: web → web']);
    });

    it('end-before-start: freeze end before start, incident resolved before started', () => {
      const { text, result } = root(
        ...header,
        'freezes: [{ id: f, systems: "*", start: 2026-12-21, end: 2026-12-20 }]',
        'incidents: [{ id: i, severity: sev1, status: resolved, started: "2026-12-20 10:00", resolved: "2026-12-20 09:00" }]',
      );
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'end-before-start', 'ops.yaml', spot(text, '2026-12-20', 'end: 2026-12-20'), '`end` must be after `start`'],
        ['error', 'end-before-start', 'ops.yaml', spot(text, '"2026-12-20 09:00"'), '`resolved` must not be before `started`'],
      ]);
    });

    it('empty-window: a freeze with end equal to start is a warning; resolved equal to started is fine', () => {
      const { text, result } = root(
        ...header,
        'freezes: [{ id: f, systems: "*", start: 2026-12-20, end: 2026-12-20 }]',
        'incidents: [{ id: i, severity: sev1, status: resolved, started: "2026-12-20 10:00", resolved: "2026-12-20 10:00" }]',
      );
      assert.deepStrictEqual(brief(result.problems), [
        ['warning', 'empty-window', 'ops.yaml', spot(text, '2026-12-20', 'end: 2026-12-20'), '`end` equals `start`: freeze `f` has an empty window and never applies'],
      ]);
      assert.deepStrictEqual([result.manifest?.freezes[0].invalid, result.manifest?.incidents[0].resolvedText], [undefined, '2026-12-20 10:00']);
    });

    it('invalid-timezone: root and freeze, with a suggestion', () => {
      const result = parseRoot('timezone: Europe/Berln', ...header, 'freezes: [{ id: f, systems: "*", timezone: Mars/Base, schedule: { start: "0 0 * * 5", end: "0 0 * * 1" } }]');
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'invalid-timezone', 'ops.yaml', range(0, 10, 0, 22), 'unknown time zone "Europe/Berln": expected an IANA name such as Europe/Berlin or UTC; did you mean `Europe/Berlin`?'
          + '; until it is fixed, freezes and incident-freezes whose times are read in it are treated as in force, overrides whose `expires` is read in it are ignored, and other times are read in UTC'],
        ['error', 'invalid-timezone', 'ops.yaml', range(7, 43, 7, 52), 'unknown time zone "Mars/Base": expected an IANA name such as Europe/Berlin or UTC'],
      ]);
    });

    it('invalid-time: text that is not a time, and an impossible date', () => {
      const result = parseRoot(...header, 'freezes: [{ id: f, systems: "*", start: next friday, end: 2026-02-30 }]');
      const expected = 'expected a time such as 2026-12-20, 2026-12-20 18:00 or 2026-12-20T18:00:00+01:00, got';
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'invalid-time', 'ops.yaml', range(6, 40, 6, 51), `${expected} "next friday"`],
        ['error', 'invalid-time', 'ops.yaml', range(6, 58, 6, 68), `${expected} "2026-02-30"`],
      ]);
    });

    it('invalid-time: a milestone due', () => {
      const result = parseRoot(...header, 'projects: [{ id: p, milestones: [{ id: m, due: Q4 }] }]');
      assert.deepStrictEqual(withCode(result, 'invalid-time').map((p) => p[3]), [range(6, 47, 6, 49)]);
    });

    it('invalid-cron: wrong field count, bad value, never fires', () => {
      const result = parseRoot(
        ...header,
        'freezes:',
        '  - { id: a, systems: "*", schedule: { start: "0 0 0 * * 5", end: "61 8 * * 1" } }',
        '  - { id: b, systems: "*", schedule: { start: "0 0 30 2 *", end: "0 0 1 3 *" } }',
      );
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'invalid-cron', 'ops.yaml', range(7, 46, 7, 59), 'invalid cron expression "0 0 0 * * 5": expected 5 fields (minute hour day-of-month month day-of-week), got 6'],
        ['error', 'invalid-cron', 'ops.yaml', range(7, 66, 7, 78), 'invalid cron expression "61 8 * * 1": Invalid value for minute: 61'],
        ['error', 'invalid-cron', 'ops.yaml', range(8, 46, 8, 58), 'invalid cron expression "0 0 30 2 *": it never fires'],
      ]);
    });

    it('invalid-glob: in paths, exclude, exempt and override paths', () => {
      const { text, result } = root(
        'version: 1',
        'systems:',
        '  web: { paths: ["web/[abc"], exclude: ["!x"] }',
        'freezes: [{ id: f, systems: "*", exempt: [../x], start: 2026-12-20, end: 2026-12-21 }]',
        'overrides: [{ freeze: f, paths: ["a//b"], reason: r, approvedBy: cab }]',
      );
      assert.deepStrictEqual(result.problems.map((p) => [p.code, p.range]), [
        ['invalid-glob', spot(text, '"web/[abc"')],
        ['invalid-glob', spot(text, '"!x"')],
        ['invalid-glob', spot(text, '../x')],
        ['invalid-glob', spot(text, '"a//b"')],
      ]);
      assert.match(result.problems[0].message, /^invalid glob `web\/\[abc`: unclosed '\['/);
    });

    it('freeze-window-missing, freeze-window-conflict, freeze-window-incomplete', () => {
      const { text, result } = root(
        ...header,
        'freezes:',
        '  - { id: a, systems: "*" }',
        '  - { id: b, systems: "*", start: 2026-12-20, end: 2026-12-21, schedule: { start: "0 0 * * 5", end: "0 0 * * 1" } }',
        '  - { id: c, systems: "*", start: 2026-12-20 }',
      );
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'freeze-window-missing', 'ops.yaml', range(7, 10, 7, 11), 'freeze `a` needs `start` and `end`, or a `schedule`'],
        ['error', 'freeze-window-conflict', 'ops.yaml', spot(text, 'schedule'), 'a freeze has either `start`/`end` or `schedule`, not both'],
        ['error', 'freeze-window-incomplete', 'ops.yaml', spot(text, 'start', '{ id: c, systems: "*", start'), '`start` needs `end` too'],
      ]);
    });

    it('freeze-covers-nothing and unknown-tier: warnings', () => {
      const result = parseRoot(
        ...header,
        '    tier: 1',
        'freezes:',
        '  - { id: a, start: 2026-12-20, end: 2026-12-21 }',
        '  - { id: b, tiers: [1, 2], start: 2026-12-20, end: 2026-12-21 }',
      );
      assert.deepStrictEqual(brief(result.problems), [
        ['warning', 'freeze-covers-nothing', 'ops.yaml', range(8, 10, 8, 11), 'freeze `a` lists no systems and no tiers, so it covers nothing'],
        ['warning', 'unknown-tier', 'ops.yaml', range(9, 24, 9, 25), 'no system has tier `2`'],
      ]);
    });

    it('internal-error: an unexpected failure becomes a problem, not an exception', () => {
      const options = {
        get maxBytes(): number {
          throw new Error('boom');
        },
      };
      assert.deepStrictEqual(brief(parseManifest('ops.yaml', () => 'version: 1', options).problems), [
        ['error', 'internal-error', 'ops.yaml', range(0, 0, 0, 0), 'unexpected failure while reading the manifest: boom'],
      ]);
    });

    it('a readFile that throws is a missing file', () => {
      const result = parseManifest('ops.yaml', () => {
        throw new Error('EACCES');
      });
      assert.deepStrictEqual(result.problems.map((p) => p.code), ['file-not-found']);
    });

    it('too-many-problems: caps the list', () => {
      const entries = Array.from({ length: 600 }, (_, i) => `  - { id: i${i}, severity: sev9, status: resolved }`);
      const result = parseRoot('version: 1', 'incidents:', ...entries);
      assert.deepStrictEqual([result.problems.length, result.problems[500].code, result.problems[500].message], [501, 'too-many-problems', '100 more problem(s) not shown; fix the ones above first']);
    });
  });

  describe('includes', () => {
    const incidentsFile = lines(
      'systems:',
      '  ledger: { paths: [ledger/], dependsOn: [checkout] }',
      'incidents:',
      '  - { id: INC-2, severity: sev2, status: identified, systems: [ledger, web] }',
    );

    it('merges systems maps and concatenates lists in file order', () => {
      const result = parse({
        'ops.yaml': lines(...header, 'include: [ops/incidents.yaml]', 'incidents:', '  - { id: INC-1, severity: sev1, status: investigating, systems: [checkout] }'),
        'ops/incidents.yaml': incidentsFile,
      });
      assert.deepStrictEqual(
        [result.problems, result.manifest?.systems.map((s) => s.id), result.manifest?.incidents.map((i) => [i.id, i.source.file]), result.manifest?.files],
        [[], ['checkout', 'web', 'ledger'], [['INC-1', 'ops.yaml'], ['INC-2', 'ops/incidents.yaml']], ['ops.yaml', 'ops/incidents.yaml']],
      );
    });

    it('reports problems in the included file with its path', () => {
      const included = lines('incidents:', '  - { id: i, severity: sev1, status: open }');
      const result = parse({ 'ops.yaml': lines(...header, 'include: [inc.yaml]'), 'inc.yaml': included });
      assert.deepStrictEqual(brief(result.problems), [['error', 'invalid-value', 'inc.yaml', spot(included, 'open'), 'expected one of investigating, identified, monitoring, resolved, got "open"']]);
    });

    it('flags duplicate ids across files, pointing at the first definition', () => {
      const result = parse({ 'ops.yaml': lines(...header, 'include: [inc.yaml]'), 'inc.yaml': lines('systems:', '  web: { paths: [web2/] }') });
      assert.deepStrictEqual(brief(result.problems), [['error', 'duplicate-id', 'inc.yaml', range(1, 2, 1, 5), 'duplicate system id `web` (first defined at ops.yaml:5)']]);
    });

    it('include-not-found: located at the include entry', () => {
      const result = parse({ 'ops.yaml': lines('version: 1', 'include:', '  - ops/missing.yaml') });
      assert.deepStrictEqual(brief(result.problems), [['error', 'include-not-found', 'ops.yaml', range(2, 4, 2, 20), 'included file ops/missing.yaml does not exist']]);
    });

    it('include-cycle: located at the include that closes the cycle', () => {
      const result = parse({ 'ops.yaml': lines('version: 1', 'include: [a.yaml]'), 'a.yaml': lines('include: [b.yaml]'), 'b.yaml': lines('include: [./ops.yaml]') });
      assert.deepStrictEqual(brief(result.problems), [['error', 'include-cycle', 'b.yaml', range(0, 10, 0, 20), 'include cycle: ops.yaml → a.yaml → b.yaml → ops.yaml']]);
    });

    it('include-duplicate: a file included twice is read once', () => {
      const result = parse({ 'ops.yaml': lines('version: 1', 'include: [a.yaml, b.yaml]'), 'a.yaml': lines('include: [b.yaml]'), 'b.yaml': lines('freezes: []') });
      assert.deepStrictEqual([brief(result.problems), result.manifest?.files], [
        [['warning', 'include-duplicate', 'ops.yaml', range(1, 18, 1, 24), 'b.yaml is already included; it is read once']],
        ['ops.yaml', 'a.yaml', 'b.yaml'],
      ]);
    });

    it('include-invalid-path: absolute paths and escapes', () => {
      const result = parse({ 'ops.yaml': lines('version: 1', 'include: [/etc/passwd, ../other/ops.yaml]') });
      assert.deepStrictEqual(brief(result.problems), [
        ['error', 'include-invalid-path', 'ops.yaml', range(1, 10, 1, 21), 'include `/etc/passwd` is absolute: expected a path relative to the repository root'],
        ['error', 'include-invalid-path', 'ops.yaml', range(1, 23, 1, 40), 'include `../other/ops.yaml` leaves the repository: expected a path inside it'],
      ]);
    });

    it('too-many-includes: bounds the number of files', () => {
      const files: Record<string, string> = { 'ops.yaml': lines('version: 1', 'include: [f0.yaml]') };
      for (let i = 0; i < 10; i++) {
        files[`f${i}.yaml`] = lines(`include: [f${i + 1}.yaml]`);
      }
      files['f10.yaml'] = lines('freezes: []');
      const result = parse(files, { maxFiles: 5 });
      assert.deepStrictEqual(result.problems.map((p) => [p.code, p.file]), [['too-many-includes', 'f3.yaml']]);
    });

    it('ignores root-only settings in an included file, with a warning', () => {
      const result = parse({ 'ops.yaml': lines('version: 1', 'include: [a.yaml]'), 'a.yaml': lines('timezone: Asia/Tokyo') });
      assert.deepStrictEqual([brief(result.problems), result.manifest?.timezone], [
        [['warning', 'unknown-key', 'a.yaml', range(0, 0, 0, 8), '`timezone` is only read in the root manifest; it is ignored in an included file']],
        'UTC',
      ]);
    });

    it('a freeze naming a system of a file that failed to load is in force over every system', () => {
      const result = parse({ 'ops.yaml': lines('version: 1', 'include: [a.yaml]', 'freezes: [{ id: f, systems: [ledger], start: 2026-12-20, end: 2026-12-21 }]'), 'a.yaml': lines('systems: [oops]') });
      assert.deepStrictEqual(result.problems.map((p) => [p.code, p.file]), [['wrong-type', 'a.yaml'], ['unknown-system', 'ops.yaml']]);
      const freeze = result.manifest?.freezes[0];
      assert.deepStrictEqual([freeze?.systems, freeze?.invalid?.code, freeze?.start], [['*'], 'unknown-system', undefined]);
    });

    it('normalizeIncludePath tidies ./ and inner ..', () => {
      assert.deepStrictEqual(['./a.yaml', 'x/../ops/b.yaml', 'a\\b.yaml'].map(normalizeIncludePath), [
        'a.yaml',
        'ops/b.yaml',
        { error: 'uses a backslash: write repository-relative paths with `/`' },
      ]);
    });
  });

  describe('examples/ops.yaml', () => {
    it('parses with zero problems (examples/ is a repository of its own: the demo)', () => {
      const root = path.resolve(__dirname, '../../../../examples');
      const result = parseManifest('ops.yaml', (file) => {
        const full = path.join(root, file);
        return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
      });
      assert.deepStrictEqual([result.problems, result.manifest?.files], [[], ['ops.yaml', 'ops/incidents.yaml']]);
    });
  });

  describe('docs/manifest.md', () => {
    it('lists exactly the problem codes the parser emits', () => {
      assert.deepStrictEqual([...parserProblemCodes()].sort(), [...documentedParserCodes()].sort());
    });
  });
});
