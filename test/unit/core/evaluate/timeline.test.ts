import * as assert from 'node:assert';
import { compileFreezeRules } from '../../../../src/core/evaluate/freezeEvaluator';
import type { Manifest } from '../../../../src/core/model';
import type { Problem } from '../../../../src/core/problem';
import { buildTimeline } from '../../../../src/core/evaluate/timeline';
import { freezeOccurrences, OccurrenceBudget } from '../../../../src/core/evaluate/freezeEvaluator';
import type { TimelineQuery } from '../../../../src/core/evaluate/timeline';
import {
  freeze, incident, manifest, milestone, ms, override, project, system,
} from '../../manifestFactory';

function timeline(m: Manifest, query: TimelineQuery) {
  return buildTimeline(compileFreezeRules(m, new Map(m.systems.map((s) => [s.id, s]))), query);
}

const iso = (at: number | undefined): string | undefined => (at === undefined ? undefined : new Date(at).toISOString());

const systems = [
  system({ id: 'checkout', tier: '1', owners: ['@pay'] }),
  system({ id: 'ledger', tier: '2', owners: ['@books'] }),
  system({ id: 'docs', owners: ['@writers'] }),
];

const berlinWeekend = freeze({
  id: 'weekend', systems: ['checkout'], timezone: 'Europe/Berlin', schedule: { start: '0 18 * * 5', end: '0 8 * * 1' },
});

const invalidProblem: Problem = { severity: 'error', code: 'freeze.end-before-start', message: 'end before start', file: 'ops.yaml', range: { start: { line: 9, column: 4 }, end: { line: 9, column: 9 } } };

describe('timeline', () => {
  describe('recurring freezes, expanded in their own zone', () => {
    it('puts each Berlin weekend freeze at 18:00 and 08:00 local across the end of DST', () => {
      const t = timeline(manifest({ systems, freezes: [berlinWeekend] }), {
        from: ms('2026-10-12T12:00:00Z'), to: ms('2026-11-09T00:00:00Z'), now: ms('2026-10-12T12:00:00Z'),
      });
      assert.deepStrictEqual(t.freezes.map((f) => [iso(f.start), iso(f.end)]), [
        ['2026-10-16T16:00:00.000Z', '2026-10-19T06:00:00.000Z'], // CEST both ends
        ['2026-10-23T16:00:00.000Z', '2026-10-26T07:00:00.000Z'], // starts CEST, ends CET (25 October)
        ['2026-10-30T17:00:00.000Z', '2026-11-02T07:00:00.000Z'], // CET
        ['2026-11-06T17:00:00.000Z', '2026-11-09T07:00:00.000Z'], // starts inside the range, ends after it
      ]);
      assert.deepStrictEqual(t.freezes.map((f) => f.occurrence)[1], 'weekend@2026-10-23T16:00:00.000Z');
      assert.ok(t.freezes.every((f) => f.timezone === 'Europe/Berlin' && f.schedule?.start === '0 18 * * 5'));
    });

    it('keeps the New York window at 01:00 to 04:00 local across the spring-forward gap (two hours long that night)', () => {
      const ny = freeze({ id: 'night', systems: ['*'], timezone: 'America/New_York', schedule: { start: '0 1 * * 0', end: '0 4 * * 0' } });
      const t = timeline(manifest({ systems, freezes: [ny] }), { from: ms('2027-03-06T00:00:00Z'), to: ms('2027-03-16T00:00:00Z'), now: ms('2027-03-01T00:00:00Z') });
      assert.deepStrictEqual(t.freezes.map((f) => [iso(f.start), iso(f.end)]), [
        ['2027-03-07T06:00:00.000Z', '2027-03-07T09:00:00.000Z'], // EST: 3 h
        ['2027-03-14T06:00:00.000Z', '2027-03-14T08:00:00.000Z'], // 01:00 EST to 04:00 EDT: 2 h
      ]);
      assert.deepStrictEqual(t.freezes[0]?.systems, ['checkout', 'ledger', 'docs']);
    });

    it('includes the occurrence that is running at the range start, and none starting at the range end', () => {
      const t = timeline(manifest({ systems, freezes: [berlinWeekend] }), {
        from: ms('2026-10-18T00:00:00Z'), to: ms('2026-10-23T16:00:00Z'), now: ms('2026-10-18T12:00:00Z'),
      });
      assert.deepStrictEqual(t.freezes.map((f) => [iso(f.start), f.active]), [['2026-10-16T16:00:00.000Z', true]]);
    });

    it('gives an occurrence the same key whatever the range', () => {
      const m = manifest({ systems, freezes: [berlinWeekend] });
      const keys = (from: string, to: string) => timeline(m, { from: ms(from), to: ms(to), now: ms(from) }).freezes.map((f) => f.occurrence);
      const wide = keys('2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z');
      const narrow = keys('2026-10-20T00:00:00Z', '2026-11-03T00:00:00Z');
      assert.strictEqual(narrow.length, 2);
      for (const key of narrow) assert.ok(wide.includes(key), key);
    });

    it('stops at the occurrence limit and names the freeze', () => {
      const everyHour = freeze({ id: 'hourly', systems: ['*'], schedule: { start: '0 * * * *', end: '30 * * * *' } });
      const budget = new OccurrenceBudget(5);
      const windows = freezeOccurrences(everyHour, ms('2026-01-01T00:00:00Z'), ms('2026-01-02T00:00:00Z'), budget);
      assert.strictEqual(windows.length, 5);
      assert.deepStrictEqual(budget.truncated, ['hourly']);
      const t = timeline(manifest({ systems, freezes: [everyHour] }), { from: ms('2026-01-01T00:00:00Z'), to: ms('2026-01-02T00:00:00Z'), now: 0, maxOccurrences: 24 });
      assert.deepStrictEqual([t.freezes.length, t.truncated], [24, []]);
      const capped = timeline(manifest({ systems, freezes: [everyHour] }), { from: ms('2026-01-01T00:00:00Z'), to: ms('2026-01-02T00:00:00Z'), now: 0, maxOccurrences: 23 });
      assert.deepStrictEqual([capped.freezes.length, capped.truncated], [23, ['hourly']]);
    });

    it('bounds the occurrences of all freezes together, and names the freezes cut short', () => {
      const many = Array.from({ length: 19 }, (_, i) => freeze({ id: `f${i}`, systems: ['*'], schedule: { start: '*/2 * * * *', end: '1-59/2 * * * *' } }));
      const t = timeline(manifest({ systems, freezes: many }), { from: ms('2026-01-01T00:00:00Z'), to: ms('2026-03-01T00:00:00Z'), now: 0, maxTotal: 200 });
      assert.deepStrictEqual(t.limits, { perFreeze: 1000, total: 200 });
      assert.strictEqual(t.freezes.length, 200);
      assert.deepStrictEqual(t.truncated, many.map((f) => f.id));
      assert.deepStrictEqual(timeline(manifest({ systems }), { from: 0, to: 1, now: 0 }).limits, { perFreeze: 1000, total: 1000 });
      const small = timeline(manifest({ systems, freezes: many }), { from: ms('2026-01-01T00:00:00Z'), to: ms('2026-01-01T00:10:00Z'), now: 0, maxTotal: 50 });
      assert.deepStrictEqual([small.freezes.length, small.truncated.length], [50, 19 - 50 / 5]);
    });
  });

  describe('absolute freezes, overrides and invalid entries', () => {
    const holiday = freeze({ id: 'holiday', tiers: ['1'], enforcement: 'block', start: ms('2026-12-20T00:00:00Z'), end: ms('2027-01-03T00:00:00Z') });

    it('lists an absolute window once, with the systems its tiers cover and their owners', () => {
      const t = timeline(manifest({ systems, freezes: [holiday] }), { from: ms('2026-12-01T00:00:00Z'), to: ms('2027-01-01T00:00:00Z'), now: ms('2026-12-21T00:00:00Z') });
      assert.strictEqual(t.freezes.length, 1);
      assert.deepStrictEqual([t.freezes[0]?.systems, t.freezes[0]?.owners, t.freezes[0]?.active], [['checkout'], ['@pay'], true]);
    });

    it('leaves out a window outside the range', () => {
      const t = timeline(manifest({ systems, freezes: [holiday] }), { from: ms('2027-01-03T00:00:00Z'), to: ms('2027-02-01T00:00:00Z'), now: 0 });
      assert.deepStrictEqual(t.freezes, []);
    });

    it('marks the part of an occurrence an override covers, until the override expires', () => {
      const m = manifest({
        systems, freezes: [holiday],
        overrides: [
          override({ freeze: 'holiday', paths: ['checkout/docs/**'], expires: ms('2026-12-24T00:00:00Z') }),
          override({ freeze: 'holiday', expires: ms('2026-12-01T00:00:00Z') }), // expired before the window: not shown
        ],
      });
      const [f] = timeline(m, { from: ms('2026-12-01T00:00:00Z'), to: ms('2027-01-10T00:00:00Z'), now: 0 }).freezes;
      assert.deepStrictEqual(f?.overrides.map((o) => [iso(o.start), iso(o.end), o.partial]), [['2026-12-20T00:00:00.000Z', '2026-12-24T00:00:00.000Z', true]]);
    });

    it('treats an invalid freeze as in force over the whole range, every system when none could be read', () => {
      const broken = freeze({ id: 'broken', systems: ['*'], invalid: invalidProblem, exempt: ['docs/**'] });
      const t = timeline(manifest({ systems, freezes: [broken] }), { from: ms('2026-12-01T00:00:00Z'), to: ms('2026-12-08T00:00:00Z'), now: ms('2026-12-02T00:00:00Z') });
      const [f] = t.freezes;
      assert.deepStrictEqual([f?.occurrence, iso(f?.start), iso(f?.end), f?.active, f?.exempt], ['broken@invalid', '2026-12-01T00:00:00.000Z', '2026-12-08T00:00:00.000Z', true, []]);
      assert.strictEqual(f?.invalid, 'ops.yaml:10:5: end before start');
      assert.deepStrictEqual(f?.systems, ['checkout', 'ledger', 'docs']);
    });

    it('skips freezes kept only from the base of a change', () => {
      const t = timeline(manifest({ systems, freezes: [{ ...holiday, fromBase: true }] }), { from: ms('2026-12-01T00:00:00Z'), to: ms('2027-01-01T00:00:00Z'), now: 0 });
      assert.deepStrictEqual(t.freezes, []);
    });
  });

  describe('incidents', () => {
    const now = ms('2026-12-10T12:00:00Z');
    const query = { from: ms('2026-12-01T00:00:00Z'), to: ms('2026-12-20T00:00:00Z'), now };

    it('runs an active incident until now and a resolved one until it was resolved', () => {
      const t = timeline(manifest({
        systems,
        incidents: [
          incident({ id: 'inc-1', systems: ['ledger'], started: ms('2026-12-09T08:00:00Z'), freeze: 'block', commander: '@ana', severity: 'sev1' }),
          incident({ id: 'inc-0', systems: ['checkout'], status: 'resolved', started: ms('2026-12-02T08:00:00Z'), resolved: ms('2026-12-02T10:00:00Z') }),
          incident({ id: 'old', systems: ['checkout'], status: 'resolved', started: ms('2026-11-02T08:00:00Z'), resolved: ms('2026-11-03T10:00:00Z') }),
        ],
      }), query);
      assert.deepStrictEqual(t.incidents.map((i) => [i.id, iso(i.start), iso(i.end), i.ongoing, i.freeze]), [
        ['inc-0', '2026-12-02T08:00:00.000Z', '2026-12-02T10:00:00.000Z', false, undefined],
        ['inc-1', '2026-12-09T08:00:00.000Z', '2026-12-10T12:00:00.000Z', true, 'block'],
      ]);
      assert.deepStrictEqual(t.incidents[1]?.owners, ['@books']);
    });

    it('shows an invalid incident-freeze as ongoing over the whole range (in force until fixed, as an invalid freeze)', () => {
      const t = timeline(manifest({
        systems,
        incidents: [incident({ id: 'x', systems: ['*'], status: 'resolved', freeze: 'warn', invalid: invalidProblem, started: query.to + 1 })],
      }), query);
      assert.deepStrictEqual(t.incidents.map((i) => [i.id, i.occurrence, i.start, i.end, i.ongoing, i.invalid]), [['x', 'x@invalid', query.from, query.to, true, 'ops.yaml:10:5: end before start']]);
      assert.deepStrictEqual(t.incidents[0]?.systems, ['checkout', 'ledger', 'docs']);
    });
  });

  describe('milestones', () => {
    it('puts a Los Angeles date-only milestone at the end of its local day, with its date and risks', () => {
      const due = ms('2027-03-15T06:59:59.999Z'); // 2027-03-14 23:59:59.999 PDT (DST began that morning)
      const m = manifest({
        timezone: 'America/Los_Angeles', systems,
        freezes: [freeze({ id: 'spring', systems: ['checkout'], start: ms('2027-03-10T00:00:00Z'), end: ms('2027-03-20T00:00:00Z'), timezone: 'America/Los_Angeles' })],
        projects: [project({ id: 'v2', owner: '@pat', systems: ['checkout'], milestones: [milestone({ id: 'beta', due, dueText: '2027-03-14' })] })],
      });
      const t = timeline(m, { from: ms('2027-03-01T00:00:00Z'), to: ms('2027-04-01T00:00:00Z'), now: ms('2027-03-01T00:00:00Z') });
      const [beta] = t.milestones;
      assert.deepStrictEqual([beta?.date, beta?.dateOnly, iso(beta?.due), beta?.atRisk, beta?.owner, beta?.systems], ['2027-03-14', true, '2027-03-15T06:59:59.999Z', true, '@pat', ['checkout']]);
      assert.deepStrictEqual(beta?.risks.map((r) => r.ref), ['spring']);
      assert.deepStrictEqual(t.systems.find((s) => s.id === 'checkout')?.projects, ['v2']);
    });

    it('gives a milestone with a time its date in the manifest zone, and leaves out those outside the range or undated', () => {
      const m = manifest({
        timezone: 'Asia/Tokyo', systems,
        projects: [project({
          id: 'p', systems: ['docs'],
          milestones: [
            milestone({ id: 'late', due: ms('2027-01-31T16:00:00Z'), dueText: '2027-02-01T01:00' }),
            milestone({ id: 'undated' }),
            milestone({ id: 'later', due: ms('2027-06-01T00:00:00Z') }),
          ],
        })],
      });
      const t = timeline(m, { from: ms('2027-01-01T00:00:00Z'), to: ms('2027-03-01T00:00:00Z'), now: ms('2027-01-01T00:00:00Z') });
      assert.deepStrictEqual(t.milestones.map((x) => [x.id, x.date, x.dateOnly, x.atRisk]), [['late', '2027-02-01', false, false]]);
    });
  });

  describe('filtering by systems', () => {
    it('keeps only the entries and lanes on the systems asked for', () => {
      const m = manifest({
        systems,
        freezes: [berlinWeekend, freeze({ id: 'docs-freeze', systems: ['docs'], start: ms('2026-10-20T00:00:00Z'), end: ms('2026-10-21T00:00:00Z') })],
        incidents: [incident({ id: 'i', systems: ['docs'], started: ms('2026-10-20T00:00:00Z') })],
        projects: [project({ id: 'p', systems: ['ledger'], milestones: [milestone({ id: 'm', due: ms('2026-10-22T00:00:00Z') })] })],
      });
      const t = timeline(m, { from: ms('2026-10-19T00:00:00Z'), to: ms('2026-10-26T00:00:00Z'), now: ms('2026-10-21T00:00:00Z'), systems: new Set(['docs']) });
      assert.deepStrictEqual([t.systems.map((s) => s.id), t.freezes.map((f) => f.id), t.incidents.map((i) => i.id), t.milestones.map((x) => x.id)], [['docs'], ['docs-freeze'], ['i'], []]);
    });
  });
});
