import * as assert from 'node:assert';
import { compileFreezeRules } from '../../../../src/core/evaluate/freezeEvaluator';
import { gateAnswer } from '../../../../src/core/evaluate/gate';
import type { GateQuery, GateSubject } from '../../../../src/core/evaluate/gate';
import type { Manifest } from '../../../../src/core/model';
import type { Problem } from '../../../../src/core/problem';
import { freeze, incident, manifest, ms, override, system } from '../../manifestFactory';

const minute = 60_000;
const iso = (at: number | undefined): string | undefined => (at === undefined ? undefined : new Date(at).toISOString());

function gate(m: Manifest, query: Partial<GateQuery> & { at?: string; window?: [string, string]; systems?: string[]; subjects?: GateSubject[] }) {
  const rules = compileFreezeRules(m, new Map(m.systems.map((s) => [s.id, s])));
  const from = ms(query.window?.[0] ?? query.at ?? '');
  const to = query.window ? ms(query.window[1]) : from;
  const answer = gateAnswer(rules, {
    from, to, minOpenMs: query.minOpenMs ?? 30 * minute,
    subjects: query.subjects ?? (query.systems ?? ['checkout']).map((id) => ({ systems: [id] })),
  });
  return { ...answer, untilIso: iso(answer.until), nextOpenIso: iso(answer.nextOpen) };
}

const systems = [system({ id: 'checkout', tier: '1' }), system({ id: 'ledger' }), system({ id: 'web' })];

// Friday 18:00 to Monday 06:00 in Berlin. Summer time ends on Sunday 25 October 2026: that
// weekend lasts 61 hours (16:00Z Friday to 05:00Z Monday), the one before 60.
const berlinWeekend = freeze({
  id: 'berlin-weekend', systems: ['checkout'], timezone: 'Europe/Berlin', schedule: { start: '0 18 * * 5', end: '0 6 * * 1' },
});

describe('gate (core)', () => {
  describe('Berlin weekend freeze over the end of summer time', () => {
    const m = manifest({ systems, freezes: [berlinWeekend] });

    it('is frozen inside the 61-hour weekend, until 06:00 CET on Monday, and opens then', () => {
      const answer = gate(m, { at: '2026-10-25T12:00:00Z' });
      assert.strictEqual(answer.frozen, true);
      assert.deepStrictEqual(answer.frozenBy, ['berlin-weekend']);
      assert.strictEqual(answer.untilIso, '2026-10-26T05:00:00.000Z');
      assert.strictEqual(answer.nextOpenIso, '2026-10-26T05:00:00.000Z');
      assert.strictEqual(answer.indefinite, false);
      const [hit] = answer.hits;
      assert.deepStrictEqual([iso(hit?.start), iso(hit?.end), hit?.effect], ['2026-10-23T16:00:00.000Z', '2026-10-26T05:00:00.000Z', 'block']);
    });

    it('blocks from its first instant (18:00 CEST) and not a millisecond before', () => {
      assert.strictEqual(gate(m, { at: '2026-10-23T16:00:00Z' }).frozen, true);
      const before = gate(m, { at: '2026-10-23T15:59:59.999Z' });
      assert.strictEqual(before.frozen, false);
      assert.strictEqual(before.untilIso, undefined);
      // One millisecond of open time is not 30 minutes: the next open stretch starts after the weekend.
      assert.strictEqual(before.nextOpenIso, '2026-10-26T05:00:00.000Z');
      // 30 minutes before: exactly --min-open long, so it counts.
      assert.strictEqual(gate(m, { at: '2026-10-23T15:30:00Z' }).nextOpenIso, '2026-10-23T15:30:00.000Z');
      assert.strictEqual(gate(m, { at: '2026-10-23T15:30:00.001Z' }).nextOpenIso, '2026-10-26T05:00:00.000Z');
    });

    it('is open at its end instant (half-open), which is the next open instant', () => {
      const at = gate(m, { at: '2026-10-26T05:00:00Z' });
      assert.deepStrictEqual([at.frozen, at.nextOpenIso], [false, '2026-10-26T05:00:00.000Z']);
      const last = gate(m, { at: '2026-10-26T04:59:59.999Z' });
      assert.deepStrictEqual([last.frozen, last.untilIso], [true, '2026-10-26T05:00:00.000Z']);
    });

    it('the weekend before, in summer time, is 60 hours', () => {
      const answer = gate(m, { at: '2026-10-17T12:00:00Z' });
      assert.deepStrictEqual([iso(answer.hits[0]?.start), answer.untilIso], ['2026-10-16T16:00:00.000Z', '2026-10-19T04:00:00.000Z']);
    });

    it('a window ending at the freeze start does not overlap it; one a millisecond longer does', () => {
      const open = gate(m, { window: ['2026-10-23T10:00:00Z', '2026-10-23T16:00:00Z'] });
      assert.deepStrictEqual([open.frozen, open.hits.length, open.nextOpenIso], [false, 0, '2026-10-23T10:00:00.000Z']);
      const overlapping = gate(m, { window: ['2026-10-23T10:00:00Z', '2026-10-23T16:00:00.001Z'] });
      assert.strictEqual(overlapping.frozen, true);
      assert.strictEqual(overlapping.untilIso, '2026-10-26T05:00:00.000Z');
      assert.deepStrictEqual(overlapping.hits[0]?.overlap, { start: ms('2026-10-23T16:00:00Z'), end: ms('2026-10-23T16:00:00.001Z') });
      // Open from the window's start for six hours: that is the next open stretch.
      assert.strictEqual(overlapping.nextOpenIso, '2026-10-23T10:00:00.000Z');
    });

    it('a window across two weekends lists both occurrences and says until the end of the first', () => {
      const answer = gate(m, { window: ['2026-10-24T00:00:00Z', '2026-10-31T00:00:00Z'] });
      assert.deepStrictEqual(answer.hits.map((h) => [iso(h.start), iso(h.end)]), [
        ['2026-10-23T16:00:00.000Z', '2026-10-26T05:00:00.000Z'],
        ['2026-10-30T17:00:00.000Z', '2026-11-02T05:00:00.000Z'],
      ]);
      assert.strictEqual(answer.untilIso, '2026-10-26T05:00:00.000Z');
      assert.deepStrictEqual(answer.frozenBy, ['berlin-weekend']);
    });

    it('is not frozen for a system the freeze does not cover', () => {
      const answer = gate(m, { at: '2026-10-25T12:00:00Z', systems: ['ledger'] });
      assert.deepStrictEqual([answer.frozen, answer.nextOpenIso], [false, '2026-10-25T12:00:00.000Z']);
    });
  });

  describe('New York across spring forward', () => {
    // 01:00 to 04:00 every night in New York; on 8 March 2026 02:00 EST jumps to 03:00 EDT.
    const nightly = freeze({ id: 'ny-night', systems: ['web'], timezone: 'America/New_York', schedule: { start: '0 1 * * *', end: '0 4 * * *' } });
    const m = manifest({ systems, freezes: [nightly] });

    it('the night of the change lasts two hours: 06:00Z to 08:00Z', () => {
      const answer = gate(m, { at: '2026-03-08T07:30:00Z', systems: ['web'] });
      assert.deepStrictEqual([answer.frozen, iso(answer.hits[0]?.start), answer.untilIso], [true, '2026-03-08T06:00:00.000Z', '2026-03-08T08:00:00.000Z']);
      // 08:00Z is 04:00 EDT: open.
      assert.strictEqual(gate(m, { at: '2026-03-08T08:00:00Z', systems: ['web'] }).frozen, false);
    });

    it('the night before lasts three hours (06:00Z to 09:00Z), the one after too (05:00Z to 08:00Z)', () => {
      assert.strictEqual(gate(m, { at: '2026-03-07T08:30:00Z', systems: ['web'] }).untilIso, '2026-03-07T09:00:00.000Z');
      const after = gate(m, { at: '2026-03-09T04:59:00Z', systems: ['web'] });
      assert.deepStrictEqual([after.frozen, after.nextOpenIso], [false, '2026-03-09T08:00:00.000Z']);
    });
  });

  describe('overlapping recurring freezes', () => {
    // Friday 18:00 – Saturday 12:00 UTC and Saturday 10:00 – 20:00 UTC: one stretch, Friday 18:00 to Saturday 20:00.
    const a = freeze({ id: 'batch', systems: ['checkout'], schedule: { start: '0 18 * * 5', end: '0 12 * * 6' } });
    const b = freeze({ id: 'saturday', tiers: ['1'], schedule: { start: '0 10 * * 6', end: '0 20 * * 6' } });
    const m = manifest({ systems, freezes: [a, b] });

    it('the blocked stretch runs across both, to the end of the later one', () => {
      const answer = gate(m, { at: '2026-06-05T20:00:00Z' });
      assert.deepStrictEqual(answer.frozenBy, ['batch']);
      assert.strictEqual(answer.untilIso, '2026-06-06T20:00:00.000Z');
      assert.strictEqual(answer.nextOpenIso, '2026-06-06T20:00:00.000Z');
    });

    it('inside the overlap both apply; at the end of the first the second still does', () => {
      assert.deepStrictEqual(gate(m, { at: '2026-06-06T11:00:00Z' }).frozenBy, ['batch', 'saturday']);
      const atEnd = gate(m, { at: '2026-06-06T12:00:00Z' });
      assert.deepStrictEqual([atEnd.frozenBy, atEnd.untilIso], [['saturday'], '2026-06-06T20:00:00.000Z']);
    });

    it('a window over the overlap names both freezes', () => {
      assert.deepStrictEqual(gate(m, { window: ['2026-06-06T09:00:00Z', '2026-06-06T11:00:00Z'] }).frozenBy, ['batch', 'saturday']);
    });

    it('next open skips a gap shorter than --min-open between two freezes', () => {
      const gap = manifest({
        systems,
        freezes: [
          freeze({ id: 'one', systems: ['checkout'], start: ms('2026-06-01T10:00:00Z'), end: ms('2026-06-01T12:00:00Z') }),
          freeze({ id: 'two', systems: ['checkout'], start: ms('2026-06-01T12:20:00Z'), end: ms('2026-06-01T14:00:00Z') }),
        ],
      });
      const strict = gate(gap, { at: '2026-06-01T11:00:00Z' });
      assert.deepStrictEqual([strict.untilIso, strict.nextOpenIso], ['2026-06-01T12:00:00.000Z', '2026-06-01T14:00:00.000Z']);
      const loose = gate(gap, { at: '2026-06-01T11:00:00Z', minOpenMs: 20 * minute });
      assert.strictEqual(loose.nextOpenIso, '2026-06-01T12:00:00.000Z');
      const never = gate(gap, { at: '2026-06-01T11:00:00Z', minOpenMs: 0 });
      assert.strictEqual(never.nextOpenIso, '2026-06-01T12:00:00.000Z');
    });
  });

  describe('enforcement, overrides, incidents and invalid entries', () => {
    const window = { start: ms('2026-12-18T00:00:00Z'), end: ms('2026-12-28T00:00:00Z') };
    const holiday = freeze({ id: 'holiday', systems: ['checkout'], exempt: ['checkout/docs/**'], ...window });

    it('a warn freeze is reported, never freezes', () => {
      const m = manifest({ systems, freezes: [freeze({ id: 'soft', systems: ['checkout'], enforcement: 'warn', ...window })] });
      const answer = gate(m, { at: '2026-12-20T00:00:00Z' });
      assert.deepStrictEqual([answer.frozen, answer.frozenBy, answer.hits.map((h) => [h.id, h.effect])], [false, [], [['soft', 'warn']]]);
    });

    it('an override without paths releases the whole system; one with paths releases only its files', () => {
      const all = manifest({ systems, freezes: [holiday], overrides: [override({ freeze: 'holiday' })] });
      assert.deepStrictEqual(gate(all, { at: '2026-12-20T00:00:00Z' }).frozen, false);
      const some = manifest({ systems, freezes: [holiday], overrides: [override({ freeze: 'holiday', paths: ['checkout/hotfix/**'] })] });
      // A whole system is not let through by an override for some of its files.
      assert.strictEqual(gate(some, { at: '2026-12-20T00:00:00Z' }).frozen, true);
      const inside = gate(some, { at: '2026-12-20T00:00:00Z', subjects: [{ path: 'checkout/hotfix/a.ts', systems: ['checkout'] }] });
      assert.deepStrictEqual([inside.frozen, inside.hits.map((h) => h.effect)], [false, ['released']]);
      const outside = gate(some, { at: '2026-12-20T00:00:00Z', subjects: [{ path: 'checkout/hotfix/a.ts', systems: ['checkout'] }, { path: 'checkout/b.ts', systems: ['checkout'] }] });
      assert.strictEqual(outside.frozen, true);
    });

    it('an exempt file is not held', () => {
      const m = manifest({ systems, freezes: [holiday] });
      assert.strictEqual(gate(m, { at: '2026-12-20T00:00:00Z', subjects: [{ path: 'checkout/docs/x.md', systems: ['checkout'] }] }).frozen, false);
      assert.strictEqual(gate(m, { at: '2026-12-20T00:00:00Z', subjects: [{ path: 'checkout/x.ts', systems: ['checkout'] }] }).frozen, true);
    });

    it('an override that expires inside the freeze blocks from its expiry on', () => {
      const m = manifest({ systems, freezes: [holiday], overrides: [override({ freeze: 'holiday', expires: ms('2026-12-22T00:00:00Z') })] });
      assert.strictEqual(gate(m, { at: '2026-12-21T00:00:00Z' }).frozen, false);
      assert.strictEqual(gate(m, { at: '2026-12-21T00:00:00Z' }).nextOpenIso, '2026-12-21T00:00:00.000Z');
      const window2 = gate(m, { window: ['2026-12-21T00:00:00Z', '2026-12-23T00:00:00Z'] });
      assert.deepStrictEqual([window2.frozen, window2.untilIso], [true, '2026-12-28T00:00:00.000Z']);
      assert.strictEqual(gate(m, { at: '2026-12-22T00:00:00Z' }).frozen, true);
    });

    it('an incident acting as a freeze blocks until resolved: no end, no next open window', () => {
      const m = manifest({ systems, freezes: [holiday], incidents: [incident({ id: 'INC-1', systems: ['ledger'], freeze: 'block', started: ms('2026-12-01T00:00:00Z') })] });
      const answer = gate(m, { at: '2026-12-02T00:00:00Z', systems: ['ledger'] });
      assert.deepStrictEqual([answer.frozen, answer.frozenBy, answer.until, answer.indefinite, answer.nextOpen], [true, ['INC-1'], undefined, true, undefined]);
      // Before it started, open until then.
      const before = gate(m, { at: '2026-11-30T00:00:00Z', systems: ['ledger'] });
      assert.deepStrictEqual([before.frozen, before.nextOpenIso], [false, '2026-11-30T00:00:00.000Z']);
      const short = gate(m, { at: '2026-11-30T23:50:00Z', systems: ['ledger'] });
      assert.deepStrictEqual([short.frozen, short.nextOpen], [false, undefined]);
      // A window that reaches its start.
      assert.deepStrictEqual(gate(m, { window: ['2026-11-30T00:00:00Z', '2026-12-01T00:00:01Z'], systems: ['ledger'] }).frozenBy, ['INC-1']);
    });

    it('an incident-freeze starting inside a blocked stretch keeps it going: no end, named as continuing it', () => {
      const m = manifest({ systems, freezes: [berlinWeekend], incidents: [incident({ id: 'INC-2', systems: ['checkout'], freeze: 'block', started: ms('2026-10-25T13:00:00Z') })] });
      const answer = gate(m, { at: '2026-10-25T12:00:00Z' });
      assert.deepStrictEqual([answer.frozenBy, answer.continuedBy, answer.until, answer.indefinite, answer.endless, answer.nextOpen], [['berlin-weekend'], ['INC-2'], undefined, true, true, undefined]);
      // A warn incident does not.
      const warn = manifest({ systems, freezes: [berlinWeekend], incidents: [incident({ id: 'INC-3', systems: ['checkout'], freeze: 'warn', started: ms('2026-10-25T13:00:00Z') })] });
      assert.strictEqual(gate(warn, { at: '2026-10-25T12:00:00Z' }).untilIso, '2026-10-26T05:00:00.000Z');
    });

    it('an invalid freeze is in force at every instant, until fixed', () => {
      const problem: Problem = { severity: 'error', code: 'freeze.end-before-start', message: 'end before start', file: 'ops.yaml', range: { start: { line: 4, column: 2 }, end: { line: 4, column: 5 } } };
      const m = manifest({ systems, freezes: [freeze({ id: 'broken', systems: ['checkout'], invalid: problem })] });
      const answer = gate(m, { at: '2030-01-01T00:00:00Z' });
      assert.deepStrictEqual([answer.frozen, answer.indefinite, answer.nextOpen], [true, true, undefined]);
      assert.strictEqual(answer.hits[0]?.invalid, 'ops.yaml:5:3: end before start');
    });

    it('nothing at all: open now, with nothing to walk', () => {
      const answer = gate(manifest({ systems }), { at: '2026-01-01T00:00:00Z' });
      assert.deepStrictEqual([answer.frozen, answer.nextOpenIso, answer.hits], [false, '2026-01-01T00:00:00.000Z', []]);
    });

    it('a window ends with its last stretch judged: a freeze starting at its last millisecond counts', () => {
      const m = manifest({ systems, freezes: [holiday] });
      const answer = gate(m, { window: ['2026-12-17T00:00:00Z', '2026-12-18T00:00:00.001Z'] });
      assert.deepStrictEqual([answer.frozen, answer.untilIso], [true, '2026-12-28T00:00:00.000Z']);
      assert.strictEqual(answer.hits[0]?.overlap.end - (answer.hits[0]?.overlap.start ?? 0), 1);
    });
  });
});
