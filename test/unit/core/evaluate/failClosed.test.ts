import * as assert from 'node:assert';
import fc from 'fast-check';
import { analyzeChange, compileModel } from '../../../../src/core/evaluate/engine';
import { WarningSlice } from '../../../../src/core/evaluate/fileWarnings';
import { overrideTrailerOf, trailerReleases } from '../../../../src/core/evaluate/freezeEvaluator';
import { diffManifests, withBaseProtection } from '../../../../src/core/manifest/manifestChange';
import { parseManifest } from '../../../../src/core/manifest/manifestParser';
import type { ParseManifestResult } from '../../../../src/core/manifest/manifestParser';
import type { ImpactReport } from '../../../../src/core/evaluate/report';

/** The rule of docs/manifest.md "When the manifest is wrong": an error may add protection, never remove it. */

const now = Date.parse('2026-12-22T12:00:00Z');

const base = [
  'version: 1',
  'systems:',
  '  payments: { paths: [services/payments/] }',
  '  web: { paths: [web/] }',
  '  docs: { paths: [docs/] }',
];
const blockPayments = ['freezes:', '  - { id: pay-freeze, title: Payments freeze, systems: [payments], start: 2026-12-01, end: 2027-01-10 }'];

function parse(...lines: string[]): ParseManifestResult {
  const text = `${lines.join('\n')}\n`;
  return parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? text : undefined));
}

function analyze(result: ParseManifestResult, paths: readonly string[], at = now): ImpactReport {
  assert.ok(result.manifest, JSON.stringify(result.problems));
  return analyzeChange(compileModel(result.manifest), paths, at);
}

const errors = (result: ParseManifestResult) => result.problems.filter((p) => p.severity === 'error').map((p) => `${p.code}@${p.range.start.line + 1}`);

describe('fail closed: a wrong manifest entry never lifts a freeze', () => {
  describe('each defect class beside a valid active block freeze', () => {
    const defects: Record<string, string[]> = {
      'incident severity: critical': ['incidents:', '  - { id: INC-1, severity: critical, status: investigating, systems: [web] }'],
      'milestone due 2026-02-30': ['projects:', '  - id: p', '    systems: [web]', '    milestones:', '      - { id: m, due: 2026-02-30 }'],
      'project naming an unknown system': ['projects:', '  - { id: p, systems: [paymnets] }'],
      'duplicated incident id': ['incidents:', '  - { id: INC-1, severity: sev2, status: identified, systems: [web] }', '  - { id: INC-1, severity: sev3, status: identified, systems: [docs] }'],
      'hooks: { strict: maybe }': ['hooks: { strict: maybe }'],
    };
    for (const [name, lines] of Object.entries(defects)) {
      it(`${name}: reported, the freeze still blocks payments, web is not blocked`, () => {
        const result = parse(...base, ...blockPayments, ...lines);
        assert.ok(errors(result).length > 0, 'the defect is reported');
        const blocked = analyze(result, ['services/payments/api.ts']);
        assert.strictEqual(blocked.blocked, true);
        assert.deepStrictEqual(blocked.freezes.filter((f) => f.effect === 'block').map((f) => f.id), ['pay-freeze']);
        assert.strictEqual(analyze(result, ['web/index.ts']).blocked, false);
      });
    }
  });

  describe('invalid freezes are in force', () => {
    it('an end before its start: in force at any instant, over its readable systems, without exemptions, and says why', () => {
      const result = parse(...base, 'freezes:', '  - { id: F2, systems: [web], exempt: ["*.md"], start: 2026-12-20, end: 2026-12-10 }');
      const freeze = result.manifest?.freezes[0];
      assert.deepStrictEqual([freeze?.invalid?.code, freeze?.systems, freeze?.exempt], ['end-before-start', ['web'], []]);
      const report = analyze(result, ['web/readme.md'], Date.parse('2030-01-01T00:00:00Z'));
      assert.deepStrictEqual([report.blocked, report.freezes[0].invalid], [true, 'ops.yaml:7:73: `end` must be after `start`']);
      assert.strictEqual(analyze(result, ['docs/a.md']).blocked, false);
    });

    it('a freeze whose systems cannot be read covers every system', () => {
      const result = parse(...base, 'freezes:', '  - { id: F3, systems: [paymnets], start: 2026-12-01, end: 2027-01-01 }');
      assert.deepStrictEqual(result.manifest?.freezes[0].systems, ['*']);
      assert.strictEqual(analyze(result, ['docs/a.md']).blocked, true);
    });

    it('a freeze with a syntax error inside it is invalid; the entries around it are not', () => {
      const result = parse(...base, 'freezes:', '  - id: ok', '    systems: [docs]', '    start: 2026-12-01', '    end: 2026-12-02',
        '  - id: broken', '    systems: [web]', '    start: 2026-12-01', '    end: 2026-12-02', '    end: 2026-12-03');
      assert.deepStrictEqual(result.manifest?.freezes.map((f) => [f.id, f.invalid?.code]), [['ok', undefined], ['broken', 'duplicate-key']]);
      assert.deepStrictEqual([analyze(result, ['web/a.ts']).blocked, analyze(result, ['docs/a.md']).blocked], [true, false]);
    });

    it('a `freezes:` that is not a list stands for a freeze over every system', () => {
      const result = parse(...base, 'freezes: { id: x }');
      assert.strictEqual(analyze(result, ['docs/a.md']).blocked, true);
    });

    it('an unquoted * is read as "*" and explained, the freeze covering every system', () => {
      const result = parse(...base, 'freezes:', '  - { id: all, systems: *, start: 2026-12-01, end: 2027-01-01 }');
      assert.deepStrictEqual(result.problems.map((p) => p.code), ['unquoted-star']);
      assert.match(result.problems[0].message, /YAML reads an unquoted `\*` as an alias.*write "\*" in quotes/);
      assert.deepStrictEqual([result.manifest?.freezes[0].systems, analyze(result, ['docs/a.md']).blocked], [['*'], true]);
    });

    it('an incident with freeze: that does not fit is an active freeze on its readable systems, even when resolved', () => {
      const result = parse(...base, 'incidents:', '  - { id: INC-9, severity: critical, status: resolved, systems: [web], freeze: block }');
      const incident = result.manifest?.incidents[0];
      assert.deepStrictEqual([incident?.invalid?.code, incident?.status], ['invalid-value', 'investigating']);
      const report = analyze(result, ['web/a.ts']);
      assert.deepStrictEqual([report.blocked, report.freezes[0].kind, report.freezes[0].invalid?.startsWith('ops.yaml:7:')], [true, 'incident', true]);
    });
  });

  describe('a root `timezone` that cannot be used is never UTC for what protects', () => {
    const typo = ['version: 1', 'timezone: America/New_Yrok', ...base.slice(1)];
    // 05:00 in New York is 10:00Z; read in UTC the freeze would be over at 05:00Z.
    const inNewYork = Date.parse('2026-12-07T09:30:00Z');
    const codes = (result: ParseManifestResult) => result.manifest?.freezes.map((f) => [f.id, f.invalid?.code]);

    it('a freeze with wall-clock times and no zone of its own is invalid, located, and in force', () => {
      const result = parse(...typo, 'freezes:', '  - { id: F, systems: [payments], start: "2026-12-01 09:00", end: "2026-12-07 05:00" }');
      assert.deepStrictEqual(codes(result), [['F', 'time-in-invalid-zone']]);
      assert.deepStrictEqual(errors(result), ['invalid-timezone@2', 'time-in-invalid-zone@8']);
      assert.match(result.problems[0].message, /did you mean `America\/New_York`\?; until it is fixed, freezes .* are treated as in force/);
      assert.match(result.problems[1].message, /`start: 2026-12-01 09:00` is read in the manifest's `timezone` "America\/New_Yrok" \(ops\.yaml:2:11\), which is not a usable time zone: freeze `F` is treated as in force until fixed/);
      assert.strictEqual(analyze(result, ['services/payments/a.ts'], inNewYork).blocked, true);
      assert.strictEqual(analyze(result, ['services/payments/a.ts'], Date.parse('2030-01-01T00:00:00Z')).blocked, true);
      assert.strictEqual(analyze(result, ['web/a.ts'], inNewYork).blocked, false);
    });

    it('a recurring freeze without a zone of its own is invalid; one with its own valid zone is not', () => {
      const result = parse(...typo, 'freezes:', '  - { id: nightly, systems: [web], schedule: { start: "0 22 * * *", end: "0 6 * * *" } }',
        '  - { id: own, systems: [docs], timezone: Europe/Berlin, schedule: { start: "0 22 * * *", end: "0 6 * * *" } }');
      assert.deepStrictEqual(codes(result), [['nightly', 'time-in-invalid-zone'], ['own', undefined]]);
      assert.deepStrictEqual([analyze(result, ['web/a.ts'], inNewYork).blocked, analyze(result, ['docs/a.md'], inNewYork).blocked], [true, false]);
    });

    it('times written with an offset do not depend on the zone: the freeze stays valid and ends when it says', () => {
      const result = parse(...typo, 'freezes:', '  - { id: F, systems: [payments], start: "2026-12-01T09:00:00-05:00", end: "2026-12-07T05:00:00-05:00" }');
      assert.deepStrictEqual([codes(result), errors(result)], [[['F', undefined]], ['invalid-timezone@2']]);
      assert.strictEqual(analyze(result, ['services/payments/a.ts'], inNewYork).blocked, true);
      assert.strictEqual(analyze(result, ['services/payments/a.ts'], Date.parse('2026-12-07T10:00:00Z')).blocked, false);
    });

    it('an override whose expiry needs the zone is ignored; one with an offset or no expiry is kept', () => {
      const result = parse(...typo, ...blockPayments, 'overrides:', '  - { freeze: pay-freeze, reason: a, approvedBy: cab, expires: "2026-12-31 18:00" }',
        '  - { freeze: pay-freeze, paths: [services/payments/x/], reason: b, approvedBy: cab, expires: "2026-12-31T18:00:00-05:00" }',
        '  - { freeze: pay-freeze, paths: [services/payments/y/], reason: c, approvedBy: cab }');
      assert.deepStrictEqual(result.manifest?.overrides.map((o) => o.reason), ['b', 'c']);
      assert.ok(errors(result).includes('time-in-invalid-zone@10'), JSON.stringify(errors(result)));
      assert.strictEqual(analyze(result, ['services/payments/a.ts']).blocked, true);
    });

    it('an incident that freezes and whose times need the zone is invalid (in force even when resolved); one that informs reads them in UTC', () => {
      const result = parse(...typo, 'incidents:', '  - { id: I1, severity: sev2, status: resolved, systems: [web], freeze: block, started: "2026-12-01 10:00", resolved: "2026-12-01 12:00" }',
        '  - { id: I2, severity: sev3, status: resolved, systems: [docs], started: "2026-12-01 10:00" }');
      assert.deepStrictEqual(result.manifest?.incidents.map((i) => [i.id, i.invalid?.code, i.status, i.started]),
        [['I1', 'time-in-invalid-zone', 'investigating', undefined], ['I2', undefined, 'resolved', Date.parse('2026-12-01T10:00:00Z')]]);
      assert.strictEqual(analyze(result, ['web/a.ts']).blocked, true);
    });

    it('a `timezone` that is not text counts as unusable too', () => {
      const result = parse('version: 1', 'timezone: 5', ...base.slice(1), 'freezes:', '  - { id: F, systems: [web], start: "2026-12-01 09:00", end: "2026-12-02 05:00" }');
      assert.deepStrictEqual(codes(result), [['F', 'time-in-invalid-zone']]);
      assert.match(result.manifest?.freezes[0].invalid?.message ?? '', /read in the manifest's `timezone` \(ops\.yaml:2:11\), which is not a usable time zone/);
      assert.strictEqual(analyze(result, ['web/a.ts']).blocked, true);
    });
  });

  describe('the scope of an invalid freeze whose selectors name nothing', () => {
    it('an unknown system and an unknown tier: every system, as the unknown system alone', () => {
      for (const selectors of ['systems: [ghost], tiers: [9]', 'systems: [ghost]', 'tiers: [9], timezone: Mars/Base']) {
        const result = parse(...base, 'freezes:', `  - { id: broken, ${selectors}, start: 2026-12-01, end: 2027-01-01 }`);
        assert.ok(result.manifest?.freezes[0].invalid, selectors);
        assert.deepStrictEqual(result.manifest?.freezes[0].systems, ['*'], selectors);
        assert.strictEqual(analyze(result, ['docs/a.md']).blocked, true, selectors);
      }
    });

    it('a tier that some system has still narrows it', () => {
      const result = parse('version: 1', 'systems:', '  web: { paths: [web/], tier: 1 }', '  docs: { paths: [docs/] }',
        'freezes:', '  - { id: broken, systems: [ghost], tiers: [1, 9], start: 2026-12-01, end: 2027-01-01 }');
      assert.deepStrictEqual([result.manifest?.freezes[0].systems, result.manifest?.freezes[0].tiers], [[], ['1', '9']]);
      assert.deepStrictEqual([analyze(result, ['web/a.ts']).blocked, analyze(result, ['docs/a.md']).blocked], [true, false]);
    });
  });

  describe('entries that could only remove protection are ignored', () => {
    it('an override with a bad expiry is left out', () => {
      const result = parse(...base, ...blockPayments, 'overrides:', '  - { freeze: pay-freeze, reason: r, approvedBy: cab, expires: someday }');
      assert.deepStrictEqual([result.manifest?.overrides, analyze(result, ['services/payments/a.ts']).blocked], [[], true]);
    });

    it('a system with a bad exclude keeps its paths and loses its excludes', () => {
      const result = parse('version: 1', 'systems:', '  payments: { paths: [services/payments/], exclude: ["services/payments/docs/", "[z-a]"] }', ...blockPayments);
      assert.deepStrictEqual(result.manifest?.systems[0].exclude, []);
      assert.strictEqual(analyze(result, ['services/payments/docs/a.md']).blocked, true);
    });
  });

  describe('informative entries keep what reads', () => {
    it('a milestone with an impossible due date stays, without a due date', () => {
      const result = parse(...base, 'projects:', '  - id: p', '    milestones:', '      - { id: m, due: 2026-02-30 }');
      assert.deepStrictEqual(result.manifest?.projects[0].milestones.map((m) => [m.id, m.due]), [['m', undefined]]);
    });

    it('a project drops the unknown system and keeps the known one', () => {
      const result = parse(...base, 'projects:', '  - { id: p, systems: [web, paymnets] }');
      assert.deepStrictEqual(result.manifest?.projects[0].systems, ['web']);
      assert.match(result.problems[0].message, /unknown system `paymnets`; did you mean `payments`\?/);
    });

    it('an incident without freeze that does not fit is left out; a second with the same id too', () => {
      const result = parse(...base, 'incidents:', '  - { id: A, severity: critical, status: identified }', '  - { id: B, severity: sev2, status: identified }',
        '  - { id: B, severity: sev3, status: identified }');
      assert.deepStrictEqual(result.manifest?.incidents.map((i) => [i.id, i.severity]), [['B', 'sev2']]);
    });
  });

  describe('less strict where people stumble', () => {
    it('accepts SEV1, Sev 2 and Investigating, normalised', () => {
      const result = parse(...base, 'incidents:', '  - { id: A, severity: SEV1, status: Investigating }', '  - { id: B, severity: Sev 2, status: MONITORING }');
      assert.deepStrictEqual([result.problems, result.manifest?.incidents.map((i) => [i.severity, i.status])], [[], [['sev1', 'investigating'], ['sev2', 'monitoring']]]);
    });

    it('hooks.strict: yes is true with a warning; an unreadable value counts as strict', () => {
      const yes = parse(...base, 'hooks: { strict: yes }');
      assert.deepStrictEqual([yes.manifest?.hooks.strict, yes.problems.map((p) => [p.severity, p.code])], [true, [['warning', 'yaml11-boolean']]]);
      const off = parse(...base, 'hooks: { strict: off }');
      assert.strictEqual(off.manifest?.hooks.strict, false);
      const odd = parse(...base, 'hooks: { strict: 2 }');
      assert.deepStrictEqual([odd.manifest?.hooks.strict, errors(odd)], [true, ['wrong-type@6']]);
    });

    it('reads `%YAML 1.1` documents with the one YAML parser: `title: on` is a boolean, reported where it is', () => {
      const result = parseManifest('ops.yaml', () => '%YAML 1.1\n---\nversion: 1\nsystems:\n  web: { title: on, paths: [web/] }\n');
      assert.deepStrictEqual(result.problems.map((p) => [p.code, p.range.start.line, p.message]), [['wrong-type', 4, 'expected a string, got true']]);
      assert.deepStrictEqual(result.manifest?.systems.map((s) => [s.id, s.title, s.paths]), [['web', 'web', ['web/']]]);
    });

    it('says what an empty id is and what to write', () => {
      const result = parse(...base, 'freezes: [{ id: "", systems: "*", start: 2026-12-01, end: 2026-12-02 }]');
      assert.match(result.problems[0].message, /the id is empty: give the entry a short unique id/);
    });

    it('names ids that differ only in Unicode normalisation', () => {
      const nfc = 'caf\u00e9';
      const nfd = 'cafe\u0301';
      const dup = parse('version: 1', 'systems:', `  ${nfc}: { paths: [a/] }`, `  ${nfd}: { paths: [b/] }`);
      assert.match(dup.problems[0].message, /duplicate system id .* only in Unicode normalisation/);
      const ref = parse('version: 1', 'systems:', `  ${nfc}: { paths: [a/] }`, `  web: { paths: [w/], dependsOn: [${nfd}] }`);
      assert.match(ref.problems[0].message, /unknown system .* differs from the system `café` only in Unicode normalisation/);
    });
  });

  describe('one evaluator', () => {
    const withIncident = [...base, 'freezes:', '  - { id: X, systems: [docs], start: 2026-12-01, end: 2027-01-01 }', 'overrides:', '  - { freeze: X, reason: r, approvedBy: cab }',
      'incidents:', '  - { id: X, severity: sev1, status: identified, systems: [web], freeze: block }'];

    it('a freeze override never silences an incident sharing its id, in the CLI report and in the editor alike', () => {
      const result = parse(...withIncident);
      const model = compileModel(result.manifest!);
      assert.strictEqual(analyzeChange(model, ['web/a.ts'], now).blocked, true);
      assert.deepStrictEqual(WarningSlice.build(model, now).warningsFor('web/a.ts').map((w) => w.code), ['freeze-block', 'incident-active']);
      assert.strictEqual(analyzeChange(model, ['docs/a.md'], now).blocked, false);
    });

    it('a warn freeze whose override covers the file gives no warning in the editor, only an overridden info', () => {
      const result = parse(...base, 'freezes:', '  - { id: W, systems: [docs], enforcement: warn, start: 2026-12-01, end: 2027-01-01 }',
        'overrides:', '  - { freeze: W, reason: r, approvedBy: cab }');
      const warnings = WarningSlice.build(compileModel(result.manifest!), now).warningsFor('docs/a.md');
      assert.deepStrictEqual(warnings.map((w) => [w.severity, w.code]), [['info', 'freeze-overridden']]);
    });

    it('the editor and the CLI agree on a trailer typed in the commit box', () => {
      const model = compileModel(parse(...withIncident).manifest!);
      const slice = WarningSlice.build(model, now);
      for (const message of ['Fix\n\nFreeze-Override: hotfix', 'Fix\n\nFreeze-Override: hotfix for X']) {
        const trailer = overrideTrailerOf(message);
        const cli = analyzeChange(model, ['web/a.ts'], now, trailer ? { trailerOverride: trailer } : {}).blocked;
        const editor = slice.warningsFor('web/a.ts', trailer).some((w) => w.code === 'freeze-block');
        assert.strictEqual(editor, cli, message);
      }
      assert.deepStrictEqual([trailerReleases({ kind: 'incident', id: 'X' }, { reason: 'hotfix' }), trailerReleases({ kind: 'incident', id: 'X' }, { reason: 'for X.' })], [false, true]);
      assert.strictEqual(overrideTrailerOf('Freeze-Override: early\n\nbody'), undefined);
    });
  });

  describe('a change that edits the manifest', () => {
    const before = parse(...base, ...blockPayments, 'overrides:', '  - { freeze: pay-freeze, paths: [services/payments/old/], reason: old, approvedBy: cab }').manifest!;

    it('cannot lift a freeze for itself: removed, shortened or narrowed, the base freeze still applies', () => {
      const removed = parse(...base).manifest!;
      const shortened = parse(...base, 'freezes:', '  - { id: pay-freeze, title: Payments freeze, systems: [payments], start: 2026-12-01, end: 2026-12-02 }').manifest!;
      const narrowed = parse(...base, 'freezes:', '  - { id: pay-freeze, title: Payments freeze, systems: [web], start: 2026-12-01, end: 2027-01-10 }').manifest!;
      for (const head of [removed, shortened, narrowed, undefined]) {
        const report = analyzeChange(compileModel(withBaseProtection(head, before)), ['services/payments/a.ts'], now);
        assert.strictEqual(report.blocked, true);
        assert.ok(report.freezes.some((f) => f.fromBase), JSON.stringify(report.freezes));
      }
      assert.deepStrictEqual(diffManifests(before, removed).filter((e) => e.kind === 'freeze').map((e) => e.message),
        ['freeze `pay-freeze` removed: this change lifts it; it still applies to this change']);
      assert.match(diffManifests(before, shortened).find((e) => e.kind === 'freeze')?.message ?? '', /end 2027-01-10 → 2026-12-02/);
    });

    it('honours an override it adds, marked as added by this change', () => {
      const head = parse(...base, ...blockPayments, 'overrides:', '  - { freeze: pay-freeze, reason: hotfix, approvedBy: cab }').manifest!;
      const report = analyzeChange(compileModel(withBaseProtection(head, before)), ['services/payments/a.ts'], now);
      assert.strictEqual(report.blocked, false);
      assert.deepStrictEqual(report.freezes[0].overrides.map((o) => [o.reason, o.addedByChange]), [['hotfix', true]]);
      assert.deepStrictEqual(diffManifests(before, head).map((e) => [e.kind, e.change]), [['override', 'added'], ['override', 'removed']]);
    });

    it('an unchanged manifest adds nothing', () => {
      assert.deepStrictEqual([diffManifests(before, before), withBaseProtection(before, before).freezes.length], [[], 1]);
    });
  });

  describe('property: one invalid entry never turns a block into a pass', () => {
    const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    const badValue = fc.oneof(fc.constant('critical'), fc.constant('2026-02-30'), fc.constant('*'), fc.constant(''), fc.constant('[z-a]'),
      fc.integer().map(String), fc.constant('yes'), fc.constant('{ x: 1 }'), fc.constant('[1, 2]'), fc.constant('paymnets'));
    const badEntry = fc.oneof(
      fc.tuple(id, badValue).map(([i, v]) => ['freezes', `{ id: ${i}, systems: [${v === '' ? '""' : v}], start: 2026-12-05, end: 2026-12-01 }`]),
      fc.tuple(id, badValue).map(([i, v]) => ['freezes', `{ id: ${i}, systems: [web], exempt: ["${v}"], start: ${v}, end: 2027-01-01 }`]),
      fc.tuple(badValue).map(([v]) => ['overrides', `{ freeze: pay-freeze, reason: r, approvedBy: cab, expires: ${v === '' ? '""' : v} }`]),
      fc.tuple(badValue).map(([v]) => ['overrides', `{ freeze: pay-freze, paths: ["${v}"], reason: r, approvedBy: cab }`]),
      fc.tuple(badValue).map(([v]) => ['overrides', `{ freeze: pay-freeze, reason: ${v === '' ? '""' : v} }`]),
      fc.tuple(id, badValue).map(([i, v]) => ['incidents', `{ id: ${i}, severity: ${v === '' ? '""' : v}, status: open, systems: [payments] }`]),
      fc.tuple(badValue).map(([v]) => ['incidents', `{ id: INC-1, severity: sev1, status: resolved, systems: [${v === '' ? '""' : v}], freeze: ${v === '' ? '""' : v} }`]),
      fc.tuple(id, badValue).map(([i, v]) => ['projects', `{ id: ${i}, systems: [${v === '' ? '""' : v}], milestones: [{ id: m, due: ${v === '' ? '""' : v} }] }`]),
      fc.tuple(badValue).map(([v]) => ['systems', `  payments-api: { paths: [${v === '' ? '""' : v}], exclude: ["${v}"] }`]),
      fc.tuple(badValue).map(([v]) => ['hooks', `hooks: { strict: ${v === '' ? '""' : v} }`]),
    );
    const validExtras = fc.array(fc.tuple(id, fc.constantFrom('web', 'docs')).map(([i, s]) => `  - { id: x-${i}, systems: [${s}], start: 2026-12-01, end: 2027-01-01, enforcement: warn }`), { maxLength: 3 });

    it('holds for generated manifests', () => {
      fc.assert(fc.property(badEntry, validExtras, fc.boolean(), ([section, entry], extras, invalidFirst) => {
        const freezeLines = ['  - { id: pay-freeze, title: Payments freeze, systems: [payments], start: 2026-12-01, end: 2027-01-10 }', ...extras];
        const lines = [...base];
        if (section === 'systems') lines.push(entry);
        if (section === 'hooks') lines.push(entry);
        const listed = (name: string, own: string[]): string[] => {
          const items = section === name ? (invalidFirst ? [`  - ${entry}`, ...own] : [...own, `  - ${entry}`]) : own;
          return items.length > 0 ? [`${name}:`, ...items] : [];
        };
        lines.push(...listed('freezes', freezeLines), ...listed('overrides', []), ...listed('incidents', []), ...listed('projects', []));
        const result = parse(...lines);
        const report = analyze(result, ['services/payments/api.ts']);
        return report.blocked && report.freezes.some((f) => f.id === 'pay-freeze' && f.effect === 'block');
      }), { numRuns: 300 });
    });
  });
});
