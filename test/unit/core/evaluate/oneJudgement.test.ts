// Issue 24 "One judgement": each case is asked of every surface that once answered it differently.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeChange, compileModel, explainPath, statusReport } from '../../../../src/core/evaluate/engine';
import type { ChangeModel } from '../../../../src/core/evaluate/engine';
import { FreezeEvaluation, freezeTimingAt, lookAheadMs, nextTransition } from '../../../../src/core/evaluate/freezeEvaluator';
import { buildTimeline } from '../../../../src/core/evaluate/timeline';
import { freezeLensText, systemFacts, systemHoverLines, systemLensText } from '../../../../src/core/language/manifestInsight';
import { parseManifest } from '../../../../src/core/manifest/manifestParser';
import { formatCalendarIcs, formatCalendarText, timelineJson } from '../../../../src/cli/formatCalendar';
import { timelineViewData } from '../../../../src/vscode/views/viewModel/timelineViewModel';
import { freeze, manifest, ms, system } from '../../manifestFactory';

const day = 86_400_000;

function modelOf(text: string): ChangeModel {
  const result = parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? text : undefined));
  assert.ok(result.manifest, 'the manifest can be read');
  return compileModel(result.manifest);
}

function exampleModel(): ChangeModel {
  const root = path.join(__dirname, '..', '..', '..', '..', 'examples');
  const result = parseManifest('ops.yaml', (file) => {
    const full = path.join(root, file);
    return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
  });
  assert.ok(result.manifest);
  return compileModel(result.manifest);
}

describe('one judgement across surfaces', () => {
  describe('an invalid freeze without a window (item 1)', () => {
    const model = modelOf(`version: 1
systems:
  pay: { title: Payments, paths: [pay/] }
freezes:
  - { id: f1, title: Broken, systems: [pay], enforcement: block }
projects:
  - id: p
    title: P
    systems: [pay]
    milestones:
      - { id: m1, title: Launch, due: "2026-12-14", status: in-progress }
`);
    const at = ms('2026-12-07T12:00:00Z');

    it('is in force for check and status, and puts the milestone due next week at risk', () => {
      const check = analyzeChange(model, ['pay/a'], at);
      assert.deepStrictEqual([check.blocked, check.freezes.map((f) => [f.id, f.active, f.effect, f.invalid !== undefined])], [true, [['f1', true, 'block', true]]]);
      const status = statusReport(model, at);
      assert.deepStrictEqual(status.freezes.map((f) => [f.id, f.active]), [['f1', true]]);
      assert.deepStrictEqual(status.milestonesAtRisk.map((m) => [m.id, m.risks.map((r) => [r.kind, r.ref])]), [['m1', [['freeze', 'f1']]]]);
      assert.deepStrictEqual(check.milestones.map((m) => [m.id, m.risks.map((r) => r.ref)]), [['m1', ['f1']]]);
      assert.match(status.milestonesAtRisk[0]?.risks[0]?.message ?? '', /^freeze f1 is invalid \(ops\.yaml:\d+:\d+: .*\): treated as in force until fixed/);
    });

    it('is in force in the timeline and the calendar, whose milestone is at risk too', () => {
      const timeline = buildTimeline(model, { from: at - day, to: at + 14 * day, now: at });
      assert.deepStrictEqual(timeline.freezes.map((f) => [f.id, f.active, f.invalid !== undefined]), [['f1', true, true]]);
      assert.deepStrictEqual(timeline.milestones.map((m) => [m.id, m.atRisk]), [['m1', true]]);
    });
  });

  describe('an incident before it started (item 2)', () => {
    const model = modelOf(`version: 1
timezone: UTC
systems:
  ledger: { title: Ledger, paths: [ledger/] }
incidents:
  - { id: INC-1, title: Slow, severity: sev2, status: identified, systems: [ledger], started: "2026-10-22 06:00", freeze: block }
`);
    const before = ms('2026-10-20T00:00:00Z');
    const after = ms('2026-10-22T06:00:00Z');

    it('neither freezes nor is listed before its start, by check, explain, status, the editor or the calendar', () => {
      assert.deepStrictEqual([analyzeChange(model, ['ledger/a'], before).blocked, analyzeChange(model, ['ledger/a'], before).incidents], [false, []]);
      assert.deepStrictEqual(explainPath(model, 'ledger/a', before).freezes, []);
      const status = statusReport(model, before);
      assert.deepStrictEqual([status.freezes, status.incidents], [[], []]);
      assert.deepStrictEqual(systemFacts(model, 'ledger', before)?.activeFreezes, []);
      const json = timelineJson(buildTimeline(model, { from: before - day, to: before + 7 * day, now: before })) as { incidents: { id: string; start: string; ongoing: boolean }[] };
      assert.deepStrictEqual(json.incidents.map((i) => [i.id, i.start, i.ongoing]), [['INC-1', '2026-10-22T06:00:00.000Z', false]]);
    });

    it('freezes from its start, and the evaluator says when that is', () => {
      assert.strictEqual(FreezeEvaluation.at(model, before, 0).validUntil, after);
      assert.strictEqual(nextTransition(model, before), after);
      assert.deepStrictEqual([analyzeChange(model, ['ledger/a'], after).blocked, statusReport(model, after).incidents.map((i) => i.id)], [true, ['INC-1']]);
      assert.deepStrictEqual(systemFacts(model, 'ledger', after)?.activeFreezes.map((f) => f.id), ['INC-1']);
    });
  });

  describe('the timeline and the views on examples/ops.yaml (item 3)', () => {
    const model = exampleModel();
    const now = ms('2026-11-27T15:00:00Z');
    const status = statusReport(model, now);
    const timeline = buildTimeline(model, { from: now - 7 * day, to: now + 14 * day, now });
    const items = timelineViewData([{ key: 'f', name: 'acme', timeline, invalid: false }], { from: timeline.from, to: timeline.to, now }).folders[0]?.items ?? [];
    const barsOn = (system: string, t: number) => items.filter((i) => i.kind === 'freeze' && i.systems.includes(system)
      && (i.start ?? timeline.from) <= t && t < (i.ongoing ? Math.max(now, i.end) + 1 : i.end)).map((i) => i.id);

    it('draws a freeze bar on the ledger lane for INC-2041, as the Freezes view lists it', () => {
      assert.ok(status.freezes.some((f) => f.id === 'INC-2041' && f.active && f.enforcement === 'block' && f.systems.includes('ledger')));
      assert.ok(barsOn('ledger', now).includes('INC-2041'), JSON.stringify(barsOn('ledger', now)));
      // Every active freeze of the status report has a bar on each of its systems' lanes.
      for (const f of status.freezes.filter((r) => r.active)) for (const id of f.systems) assert.ok(barsOn(id, now).includes(f.id), `${f.id} on ${id}`);
    });

    it('marks peak-week partly overridden, on the checkout lane only', () => {
      const peak = items.find((i) => i.id === 'peak-week');
      assert.deepStrictEqual(peak?.overridden.map((o) => [o.partial, o.systems]), [[true, ['checkout']]]);
      assert.match(peak?.label ?? '', /\(block, partly overridden\)/);
    });

    it('says each milestone reason once when the owner commands an incident-freeze on its systems', () => {
      const check = analyzeChange(model, ['services/ledger/a.ts'], now);
      const dualWrite = check.milestones.find((m) => m.id === 'dual-write');
      assert.deepStrictEqual(dualWrite?.risks.filter((r) => r.ref === 'INC-2041').map((r) => r.kind), ['owner-conflict']);
      for (const m of check.milestones) assert.strictEqual(new Set(m.risks.map((r) => r.message)).size, m.risks.length);
    });
  });

  describe('one look-ahead (item 4)', () => {
    const systems = [system({ id: 'pay', paths: ['pay/'] })];
    const far = freeze({ id: 'far', systems: ['pay'], start: ms('2027-01-20T00:00:00Z'), end: ms('2027-01-25T00:00:00Z') });
    const model = compileModel(manifest({ systems, freezes: [far] }));
    const at = ms('2026-12-07T00:00:00Z');

    it('the timer boundary, the CodeLens and the timing agree on a start 44 days ahead', () => {
      assert.deepStrictEqual(freezeTimingAt(far, at), { state: 'upcoming', start: far.start, end: far.end });
      assert.strictEqual(FreezeEvaluation.at(model, at, 0).validUntil, far.start);
      assert.strictEqual(nextTransition(model, at), far.start);
      assert.match(freezeLensText(far, at), /^next: 2027-01-20/);
      assert.strictEqual(lookAheadMs, 366 * day);
    });

    it('the status timer also fires when a freeze comes within the horizon', () => {
      assert.strictEqual(nextTransition(model, at, { horizonMs: 7 * day }), (far.start ?? 0) - 7 * day);
    });
  });

  describe('CodeLens and hover (item 5)', () => {
    const model = compileModel(manifest({
      systems: [system({ id: 'checkout', title: 'Checkout service', paths: ['services/checkout/'], dependsOn: ['ledger'] }), system({ id: 'ledger', paths: ['libs/ledger/'] }), system({ id: 'web', paths: ['apps/web/'], dependsOn: ['checkout'] })],
      freezes: [freeze({ id: 'holiday', title: 'Holiday freeze', systems: ['checkout'], start: ms('2026-11-30T09:58:00Z'), end: ms('2026-12-07T09:58:00Z') })],
    }));
    const at = ms('2026-12-05T00:00:00Z');
    const counts = new Map([['checkout', 2], ['ledger', 1], ['web', 1]]);

    it('write the lens and the hover of an id from the same facts', () => {
      const facts = systemFacts(model, 'checkout', at, counts, FreezeEvaluation.at(model, at, 0));
      assert.ok(facts);
      assert.strictEqual(systemLensText(facts), '2 files · 1 freeze active · 1 dependent');
      assert.deepStrictEqual(systemHoverLines(facts, (t) => t), [
        '**Checkout service** `checkout`', 'Tracked files: 2', 'Freezes in force: Holiday freeze (block)', 'Dependents: web',
      ]);
      // The hover's default evaluation and the lens's shared one agree.
      assert.deepStrictEqual(systemFacts(model, 'checkout', at, counts), facts);
    });
  });

  describe('the calendar states its truncation (item 6)', () => {
    const systems = [system({ id: 'pay', paths: ['pay/'] })];
    const freezes = Array.from({ length: 19 }, (_, i) => freeze({ id: `f${i}`, systems: ['*'], schedule: { start: '*/2 * * * *', end: '1-59/2 * * * *' } }));
    const model = compileModel(manifest({ systems, freezes }));
    const at = ms('2026-12-07T00:00:00Z');

    it('bounds the total and says so in iCalendar, JSON and text', () => {
      const timeline = buildTimeline(model, { from: at - 14 * day, to: at + 56 * day, now: at, maxTotal: 150 });
      assert.strictEqual(timeline.freezes.length, 150);
      const ics = formatCalendarIcs(timeline).replace(/\r\n /g, '').replace(/\\([,;])/g, '$1');
      assert.ok(/\r\nX-CHANGE-RADAR-TRUNCATED:truncated: more freeze occurrences than listed \(at most 1000 per freeze, 150 in all\)/.test(ics), ics.slice(0, 800));
      assert.strictEqual(ics.match(/BEGIN:VEVENT/g)?.length, 150);
      const json = timelineJson(timeline) as { truncation?: string; limits: unknown };
      assert.deepStrictEqual(json.limits, { perFreeze: 1000, total: 150 });
      assert.match(json.truncation ?? '', /^truncated: .* for f0, f1,/);
      assert.match(formatCalendarText(timeline), /\nNote: truncated: /);
    });
  });
});

describe('the timeline webview states its truncation (item 6)', () => {
  it('carries the sentence to the page when occurrences were cut short', () => {
    const freezes = Array.from({ length: 3 }, (_, i) => freeze({ id: `f${i}`, systems: ['*'], schedule: { start: '*/2 * * * *', end: '1-59/2 * * * *' } }));
    const model = compileModel(manifest({ systems: [system({ id: 'pay', paths: ['pay/'] })], freezes }));
    const at = ms('2026-12-07T00:00:00Z');
    const timeline = buildTimeline(model, { from: at, to: at + 3_600_000, now: at, maxTotal: 20 });
    const folder = timelineViewData([{ key: 'f', name: 'f', timeline, invalid: false }], { from: timeline.from, to: timeline.to, now: at }).folders[0];
    assert.strictEqual(folder?.truncation, 'Not every freeze occurrence is drawn (at most 20 in the range): f0, f1, f2. Zoom into a shorter range.');
  });
});
