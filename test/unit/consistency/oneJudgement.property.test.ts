// Issue 24 "One judgement", as a property: for generated manifests (valid and invalid freezes,
// recurring freezes in zones with daylight-saving changes, incidents acting as freezes started
// before or after the instant or resolved, overrides) at generated instants, every surface gives
// the answer the evaluator gives. The core functions are called directly (no processes), so a few
// hundred cases run in seconds. Fixed seeds: a failure is reproducible, and names its case.
import * as assert from 'node:assert';
import fc from 'fast-check';
import { analyzeChange, compileModel, explainPath, statusReport } from '../../../src/core/evaluate/engine';
import type { ChangeModel } from '../../../src/core/evaluate/engine';
import { FreezeEvaluation, freezeTimingAt, incidentFreezeInForceAt } from '../../../src/core/evaluate/freezeEvaluator';
import { isIncidentActive } from '../../../src/core/evaluate/freezeCoverage';
import { milestoneRisks, milestoneSystems } from '../../../src/core/evaluate/milestoneRisk';
import { buildTimeline } from '../../../src/core/evaluate/timeline';
import { freezeLensText, systemFacts, systemHoverLines, systemLensText } from '../../../src/core/language/manifestInsight';
import type { Enforcement, Freeze, Incident, IncidentStatus, Manifest, Milestone, Override } from '../../../src/core/model';
import type { Problem } from '../../../src/core/problem';
import { emptyRange } from '../../../src/core/problem';
import { timelineJson } from '../../../src/cli/formatCalendar';
import { buildFreezeNodes } from '../../../src/vscode/views/viewModel/freezesViewModel';
import { timelineViewData } from '../../../src/vscode/views/viewModel/timelineViewModel';
import { freeze, incident, manifest, milestone, override, project, system } from '../manifestFactory';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const horizonMs = 7 * day;

const systemIds = ['a', 'b', 'c'] as const;
const systems = [
  system({ id: 'a', paths: ['a/'], tier: '1' }),
  system({ id: 'b', paths: ['b/'], tier: '2' }),
  system({ id: 'c', paths: ['c/'], dependsOn: ['a'] }),
];

/** Instants around daylight-saving changes of the zones used, and a plain winter week. */
const anchors = [
  '2026-03-08T07:00:00Z', // New York springs forward
  '2026-03-29T01:00:00Z', // Berlin springs forward
  '2026-04-04T16:00:00Z', // Sydney falls back
  '2026-10-03T16:00:00Z', // Sydney springs forward
  '2026-10-25T01:00:00Z', // Berlin falls back
  '2026-11-01T06:00:00Z', // New York falls back
  '2026-12-14T12:00:00Z',
].map((iso) => Date.parse(iso));

const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'UTC'] as const;
const schedules = [
  { start: '0 17 * * 5', end: '0 8 * * 1' }, // weekends
  { start: '30 2 * * *', end: '30 3 * * *' }, // 02:30 local: skipped or repeated on change days
  { start: '0 0 28 * *', end: '0 12 2 * *' }, // month end
  { start: '0 9 * * 1-5', end: '0 17 * * 1-5' }, // office hours
  { start: '0 1 * * 0', end: '0 4 * * 0' }, // Sunday night
] as const;

const problem = (id: string): Problem => ({ severity: 'error', code: 'freeze-window', message: `${id}: no window`, file: 'ops.yaml', range: emptyRange });

const scope = fc.oneof(
  fc.subarray([...systemIds], { minLength: 1 }).map((ids) => ({ systems: ids, tiers: [] as string[] })),
  fc.constant({ systems: ['*'], tiers: [] as string[] }),
  fc.constant({ systems: [] as string[], tiers: ['1'] }),
);
const enforcement = fc.constantFrom<Enforcement>('block', 'warn');

/** One freeze relative to the case's anchor: absolute, recurring in a zone, or invalid (no window). */
const freezeAt = (anchor: number, index: number) => fc.record({
  kind: fc.constantFrom('absolute', 'recurring', 'recurring', 'invalid'),
  scope, enforcement,
  startOffset: fc.integer({ min: -10 * 24, max: 20 * 24 }),
  hours: fc.integer({ min: 1, max: 10 * 24 }),
  schedule: fc.constantFrom(...schedules),
  zone: fc.constantFrom(...zones),
  exempt: fc.boolean(),
}).map((f): Freeze => freeze({
  id: `f${index}`, ...f.scope, enforcement: f.enforcement, timezone: f.zone, exempt: f.exempt ? ['**/*.md'] : [],
  ...(f.kind === 'absolute' ? { start: anchor + f.startOffset * hour, end: anchor + (f.startOffset + f.hours) * hour } : {}),
  ...(f.kind === 'recurring' ? { schedule: f.schedule } : {}),
  ...(f.kind === 'invalid' ? { invalid: problem(`f${index}`) } : {}),
}));

const incidentAt = (anchor: number, index: number) => fc.record({
  systems: fc.oneof(fc.subarray([...systemIds], { minLength: 1 }), fc.constant(['*'])),
  status: fc.constantFrom<IncidentStatus>('investigating', 'identified', 'monitoring', 'resolved'),
  started: fc.option(fc.integer({ min: -5 * 24, max: 5 * 24 }), { nil: undefined }),
  freeze: fc.option(enforcement, { nil: undefined }),
  invalid: fc.boolean(),
  commander: fc.constantFrom('@pat', '@kim'),
}).map((i): Incident => incident({
  id: `INC-${index}`, systems: i.systems, status: i.status, commander: i.commander,
  ...(i.started !== undefined ? { started: anchor + i.started * hour } : {}),
  ...(i.freeze !== undefined ? { freeze: i.freeze } : {}),
  // Only incidents with `freeze:` are kept when invalid (the normalizer drops the others).
  ...(i.invalid && i.freeze !== undefined ? { invalid: problem(`INC-${index}`) } : {}),
}));

const overrideOf = (anchor: number, freezes: number) => fc.record({
  freeze: fc.integer({ min: 0, max: Math.max(0, freezes - 1) }),
  paths: fc.constantFrom([], ['a/x/'], ['b/']),
  expires: fc.option(fc.integer({ min: -5 * 24, max: 10 * 24 }), { nil: undefined }),
}).map((o): Override => override({ freeze: `f${o.freeze}`, paths: o.paths, ...(o.expires !== undefined ? { expires: anchor + o.expires * hour } : {}) }));

const milestoneAt = (anchor: number, index: number) => fc.record({
  due: fc.integer({ min: -5 * 24, max: 30 * 24 }),
  systems: fc.subarray([...systemIds]),
  status: fc.constantFrom<Milestone['status']>('planned', 'in-progress', 'done', 'blocked'),
}).map((m): Milestone => milestone({ id: `m${index}`, due: anchor + m.due * hour, systems: m.systems, status: m.status }));

interface Case { readonly manifest: Manifest; readonly at: number }

const cases: fc.Arbitrary<Case> = fc.constantFrom(...anchors).chain((anchor) => fc.record({
  freezes: fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => freezeAt(anchor, i)))),
  incidents: fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => incidentAt(anchor, i)))),
  milestones: fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => milestoneAt(anchor, i)))),
  overrides: fc.integer({ min: 0, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, () => overrideOf(anchor, 4)))),
  offset: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
}).map((c): Case => ({
  manifest: manifest({
    systems, freezes: c.freezes, incidents: c.incidents, overrides: c.overrides.filter((o) => c.freezes.some((f) => f.id === o.freeze)),
    projects: [project({ id: 'p', owner: '@pat', systems: ['a'], milestones: c.milestones })],
  }),
  at: anchor + c.offset * minute,
})));

const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();
const key = (kind: string, id: string): string => `${kind}:${id}`;

/** What the evaluator says is in force on a system at `at`: the reference every surface is held to. */
function inForce(model: ChangeModel, at: number, id: string): string[] {
  return sorted(FreezeEvaluation.at(model, at, horizonMs).activeOn(id).map(({ target }) => key(target.kind, target.id)));
}

function check(c: Case): void {
  const model = compileModel(c.manifest);
  const { at } = c;
  const status = statusReport(model, at, { horizonMs });
  const evaluation = FreezeEvaluation.at(model, at, horizonMs);
  const timeline = buildTimeline(model, { from: at - 2 * day, to: at + 2 * day, now: at });
  const json = timelineJson(timeline) as {
    freezes: { id: string; start: string; end: string; systems: string[] }[];
    incidents: { id: string; start?: string; ongoing: boolean; freeze?: string; invalid?: string; systems: string[] }[];
  };
  const items = timelineViewData([{ key: 'f', name: 'f', timeline, invalid: false }], { from: timeline.from, to: timeline.to, now: at }).folders[0]?.items ?? [];
  const activeView = buildFreezeNodes({ freezes: status.freezes, at, localZone: 'UTC' }).find((g) => g.id === 'group/active')?.children ?? [];

  for (const id of systemIds) {
    const expected = inForce(model, at, id);
    const path = `${id}/file.ts`;
    const report = analyzeChange(model, [path], at, { horizonMs });
    assert.deepStrictEqual(sorted(report.freezes.filter((f) => f.active && f.systems.includes(id)).map((f) => key(f.kind, f.id))), expected, `check ${path}`);
    const blocked = evaluation.activeOn(id).some((timed) => evaluation.decide(timed, path).effect === 'block');
    assert.strictEqual(report.blocked, blocked, `check ${path} blocked`);
    assert.deepStrictEqual(sorted(explainPath(model, path, at, { horizonMs }).freezes.filter((f) => f.active && f.systems.includes(id)).map((f) => key(f.kind, f.id))), expected, `explain ${path}`);
    assert.deepStrictEqual(sorted(status.freezes.filter((f) => f.active && f.systems.includes(id)).map((f) => key(f.kind, f.id))), expected, `status on ${id}`);
    assert.deepStrictEqual(sorted(activeView.filter((n) => n.children?.some((s) => s.label === id)).map((n) => n.id.replace(/^freeze\/(\w+)\//, '$1:'))), expected, `Freezes view on ${id}`);

    // The calendar's JSON: freeze occurrences containing the instant, and incidents acting as freezes then.
    const calendar = [
      ...json.freezes.filter((f) => f.systems.includes(id) && Date.parse(f.start) <= at && at < Date.parse(f.end)).map((f) => key('freeze', f.id)),
      ...json.incidents.filter((i) => i.freeze !== undefined && i.systems.includes(id) && i.ongoing && (i.invalid !== undefined || i.start === undefined || Date.parse(i.start) <= at)).map((i) => key('incident', i.id)),
    ];
    assert.deepStrictEqual(sorted(calendar), expected, `calendar on ${id}`);
    // The timeline webview's freeze bars on the lane.
    const bars = items.filter((i) => i.kind === 'freeze' && i.systems.includes(id) && (i.start ?? timeline.from) <= at && (i.ongoing || at < i.end))
      .map((i) => key(i.key.includes(':freeze:incident:') ? 'incident' : 'freeze', i.id));
    assert.deepStrictEqual(sorted(bars), expected, `timeline lane ${id}`);

    // The editor: CodeLens and hover from the same facts, freezes as the evaluator says.
    const facts = systemFacts(model, id, at, new Map([[id, 1]]));
    assert.ok(facts);
    assert.deepStrictEqual(sorted(facts.activeFreezes.map((f) => key(f.kind, f.id))), expected, `CodeLens/hover facts on ${id}`);
    assert.ok(systemLensText(facts).includes(`${expected.length} ${expected.length === 1 ? 'freeze' : 'freezes'} active`), systemLensText(facts));
    assert.strictEqual(systemHoverLines(facts, (t) => t).some((l) => l.startsWith('Freezes in force:')), expected.length > 0);
    const incidents = sorted(c.manifest.incidents.filter((i) => isIncidentActive(i, at) && (i.systems.includes('*') || i.systems.includes(id))).map((i) => i.id));
    assert.deepStrictEqual(sorted(facts.activeIncidents.map((i) => i.id)), incidents, `open incidents on ${id}`);
    assert.deepStrictEqual(sorted(report.incidents.map((i) => i.id)), sorted([...incidents, ...c.manifest.incidents
      .filter((i) => isIncidentActive(i, at) && report.systems.some((s) => !s.touched && (i.systems.includes('*') || i.systems.includes(s.id)))).map((i) => i.id)]), `check incidents on ${id}`);
  }

  // Status lists the incidents active at the instant (from `started` until resolved).
  assert.deepStrictEqual(sorted(status.incidents.map((i) => i.id)), sorted(c.manifest.incidents.filter((i) => isIncidentActive(i, at)).map((i) => i.id)), 'status incidents');
  for (const incident of c.manifest.incidents) {
    const listed = status.freezes.some((f) => f.kind === 'incident' && f.id === incident.id);
    assert.strictEqual(listed, incidentFreezeInForceAt(incident, at), `incident-freeze ${incident.id} in status`);
  }

  // Every freeze: CodeLens, status (active and upcoming) and the evaluator's timing agree.
  for (const f of c.manifest.freezes) {
    const timing = freezeTimingAt(f, at);
    const lens = freezeLensText(f, at);
    const reported = status.freezes.find((r) => r.kind === 'freeze' && r.id === f.id);
    const inForceNow = timing.state === 'invalid' || timing.state === 'active';
    assert.strictEqual(reported?.active === true, inForceNow, `status active ${f.id}`);
    assert.strictEqual(lens.startsWith('in force') || lens.startsWith('invalid: in force'), inForceNow, `lens ${f.id}: ${lens}`);
    if (timing.state === 'upcoming') {
      assert.strictEqual(lens.startsWith('next: '), true, `lens ${f.id}: ${lens}`);
      const upcoming = timing.start <= at + horizonMs;
      assert.strictEqual(reported !== undefined && !reported.active, upcoming, `status upcoming ${f.id}`);
      if (reported) assert.strictEqual(Date.parse(reported.start ?? ''), timing.start, `upcoming start ${f.id}`);
    }
  }

  // Milestone risk: due inside a freeze in force then (invalid included) on its systems means at risk.
  const risks = milestoneRisks(c.manifest, at);
  for (const p of c.manifest.projects) {
    for (const m of p.milestones) {
      const ids = milestoneSystems(p, m);
      const reported = risks.find((r) => r.id === m.id);
      const expected = m.status === 'done' || m.due === undefined ? [] : sorted(c.manifest.freezes.filter((f) => {
        if (!ids.some((id) => f.systems.includes('*') || f.systems.includes(id) || (f.tiers.length > 0 && f.tiers.includes(systems.find((s) => s.id === id)?.tier ?? '')))) return false;
        const timing = freezeTimingAt(f, m.due ?? 0);
        return timing.state === 'invalid' || (timing.state === 'active' && timing.end > at);
      }).map((f) => f.id));
      assert.deepStrictEqual(sorted(reported?.risks.filter((r) => r.kind === 'freeze').map((r) => r.ref ?? '') ?? []), expected, `milestone ${m.id} freeze risks`);
      if (reported) assert.strictEqual(new Set(reported.risks.map((r) => r.message)).size, reported.risks.length, `milestone ${m.id}: a reason said twice`);
      // The same answer in status, in a change on its systems, and on the timeline.
      assert.deepStrictEqual(status.milestonesAtRisk.find((r) => r.id === m.id)?.risks, reported?.risks, `status milestone ${m.id}`);
      for (const id of ids) {
        assert.deepStrictEqual(analyzeChange(model, [`${id}/file.ts`], at).milestones.find((r) => r.id === m.id)?.risks, reported?.risks, `check milestone ${m.id} via ${id}`);
      }
      const drawn = timeline.milestones.find((t) => t.id === m.id);
      if (drawn) assert.strictEqual(drawn.atRisk, reported !== undefined, `timeline milestone ${m.id}`);
    }
  }
}

describe('consistency: every surface gives the evaluator\'s answer', () => {
  for (const seed of [20261207, 424242]) {
    it(`for generated manifests and instants (seed ${seed})`, () => {
      fc.assert(fc.property(cases, (c) => check(c)), { seed, numRuns: 60 });
    });
  }
});
