import * as assert from 'node:assert';
import { freezeWindowAt, nextFreezeWindow } from '../../../../src/core/time/freezeClock';
import type { Window } from '../../../../src/core/time/freezeClock';
import { day, freeze, hour, ms } from '../../manifestFactory';

function iso(window: Window | undefined): { start: string; end: string } | undefined {
  return window && { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() };
}

function recurring(start: string, end: string, timezone: string) {
  return freeze({ id: 'f', schedule: { start, end }, timezone });
}

describe('freezeClock', () => {
  describe('absolute windows', () => {
    const f = freeze({ id: 'f', start: ms('2026-12-20T00:00:00Z'), end: ms('2027-01-03T00:00:00Z') });

    it('includes the start instant', () => {
      assert.deepStrictEqual(iso(freezeWindowAt(f, ms('2026-12-20T00:00:00Z'))),
        { start: '2026-12-20T00:00:00.000Z', end: '2027-01-03T00:00:00.000Z' });
    });

    it('excludes the end instant', () => {
      assert.strictEqual(freezeWindowAt(f, ms('2027-01-03T00:00:00Z')), undefined);
      assert.notStrictEqual(freezeWindowAt(f, ms('2027-01-02T23:59:59.999Z')), undefined);
    });

    it('is inactive before the start', () => {
      assert.strictEqual(freezeWindowAt(f, ms('2026-12-19T23:59:59.999Z')), undefined);
    });

    it('is upcoming when it starts within the horizon', () => {
      assert.deepStrictEqual(iso(nextFreezeWindow(f, ms('2026-12-15T00:00:00Z'), 7 * day)),
        { start: '2026-12-20T00:00:00.000Z', end: '2027-01-03T00:00:00.000Z' });
    });

    it('is not upcoming when it starts beyond the horizon', () => {
      assert.strictEqual(nextFreezeWindow(f, ms('2026-12-12T23:59:59.999Z'), 7 * day), undefined);
    });

    it('counts a start exactly at the horizon as within it', () => {
      assert.notStrictEqual(nextFreezeWindow(f, ms('2026-12-13T00:00:00Z'), 7 * day), undefined);
    });

    it('has no next window once active', () => {
      assert.strictEqual(nextFreezeWindow(f, ms('2026-12-21T00:00:00Z'), 7 * day), undefined);
    });

    it('has no window without both start and end', () => {
      const open = freeze({ id: 'f', start: ms('2026-01-01T00:00:00Z') });
      assert.strictEqual(freezeWindowAt(open, ms('2026-02-01T00:00:00Z')), undefined);
    });
  });

  describe('weekly recurring windows (UTC)', () => {
    const weekend = recurring('0 17 * * 5', '0 8 * * 1', 'UTC');

    it('is active from Friday 17:00 (inclusive)', () => {
      assert.deepStrictEqual(iso(freezeWindowAt(weekend, ms('2026-03-13T17:00:00Z'))),
        { start: '2026-03-13T17:00:00.000Z', end: '2026-03-16T08:00:00.000Z' });
    });

    it('is active on Saturday with the window it belongs to', () => {
      assert.deepStrictEqual(iso(freezeWindowAt(weekend, ms('2026-03-14T12:00:00Z'))),
        { start: '2026-03-13T17:00:00.000Z', end: '2026-03-16T08:00:00.000Z' });
    });

    it('ends on Monday 08:00 (exclusive)', () => {
      assert.notStrictEqual(freezeWindowAt(weekend, ms('2026-03-16T07:59:59.999Z')), undefined);
      assert.strictEqual(freezeWindowAt(weekend, ms('2026-03-16T08:00:00Z')), undefined);
    });

    it('is inactive midweek', () => {
      assert.strictEqual(freezeWindowAt(weekend, ms('2026-03-18T12:00:00Z')), undefined);
    });

    it('finds the next window from midweek', () => {
      assert.deepStrictEqual(iso(nextFreezeWindow(weekend, ms('2026-03-18T12:00:00Z'), 7 * day)),
        { start: '2026-03-20T17:00:00.000Z', end: '2026-03-23T08:00:00.000Z' });
    });

    it('skips the current window when looking for the next one', () => {
      assert.deepStrictEqual(iso(nextFreezeWindow(weekend, ms('2026-03-14T12:00:00Z'), 7 * day)),
        { start: '2026-03-20T17:00:00.000Z', end: '2026-03-23T08:00:00.000Z' });
    });

    it('has no next window beyond the horizon', () => {
      assert.strictEqual(nextFreezeWindow(weekend, ms('2026-03-18T12:00:00Z'), 2 * day), undefined);
    });
  });

  describe('daylight saving and time zones', () => {
    it('America/New_York: a weekend window across spring-forward is 1 hour shorter', () => {
      const f = recurring('0 17 * * 5', '0 8 * * 1', 'America/New_York');
      // Fri 17:00 EST (-05:00) to Mon 08:00 EDT (-04:00); DST began Sun 2026-03-08.
      assert.deepStrictEqual(iso(freezeWindowAt(f, ms('2026-03-08T12:00:00Z'))),
        { start: '2026-03-06T22:00:00.000Z', end: '2026-03-09T12:00:00.000Z' });
    });

    it('America/New_York: a weekend window across fall-back is 1 hour longer', () => {
      const f = recurring('0 17 * * 5', '0 8 * * 1', 'America/New_York');
      // Fri 17:00 EDT to Mon 08:00 EST; DST ended Sun 2026-11-01.
      assert.deepStrictEqual(iso(freezeWindowAt(f, ms('2026-11-01T12:00:00Z'))),
        { start: '2026-10-30T21:00:00.000Z', end: '2026-11-02T13:00:00.000Z' });
    });

    it('America/New_York: local 17:00 is 22:00Z in winter and 21:00Z in summer', () => {
      const f = recurring('0 17 * * 5', '0 8 * * 1', 'America/New_York');
      assert.strictEqual(freezeWindowAt(f, ms('2026-01-09T21:30:00Z')), undefined);
      assert.notStrictEqual(freezeWindowAt(f, ms('2026-07-10T21:30:00Z')), undefined);
    });

    it('Europe/Berlin: a nightly window on the spring-forward night lasts 7 hours', () => {
      const f = recurring('0 22 * * *', '0 6 * * *', 'Europe/Berlin');
      assert.deepStrictEqual(iso(freezeWindowAt(f, ms('2026-03-29T00:00:00Z'))),
        { start: '2026-03-28T21:00:00.000Z', end: '2026-03-29T04:00:00.000Z' });
    });

    it('Europe/Berlin: a nightly window on the fall-back night lasts 9 hours', () => {
      const f = recurring('0 22 * * *', '0 6 * * *', 'Europe/Berlin');
      assert.deepStrictEqual(iso(freezeWindowAt(f, ms('2026-10-25T02:00:00Z'))),
        { start: '2026-10-24T20:00:00.000Z', end: '2026-10-25T05:00:00.000Z' });
    });

    it('Europe/Berlin: a start in the repeated hour fires once, at the first pass', () => {
      const f = recurring('30 2 * * *', '0 4 * * *', 'Europe/Berlin');
      // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET) on 2026-10-25.
      assert.deepStrictEqual(iso(freezeWindowAt(f, ms('2026-10-25T01:45:00Z'))),
        { start: '2026-10-25T00:30:00.000Z', end: '2026-10-25T03:00:00.000Z' });
    });

    it('Asia/Tokyo (no DST): a weekend window is a fixed 48 hours', () => {
      const f = recurring('0 0 * * 6', '0 0 * * 1', 'Asia/Tokyo');
      assert.deepStrictEqual(iso(freezeWindowAt(f, ms('2026-03-08T00:00:00Z'))),
        { start: '2026-03-06T15:00:00.000Z', end: '2026-03-08T15:00:00.000Z' });
    });

    it('Australia/Lord_Howe: a start in the 30-minute gap fires right after it', () => {
      const f = recurring('0 2 * * *', '0 4 * * *', 'Australia/Lord_Howe');
      // 2026-10-04 02:00 (+10:30) jumps to 02:30 (+11:00): start 02:30 LHDT, end 04:00 LHDT.
      assert.deepStrictEqual(iso(freezeWindowAt(f, ms('2026-10-03T16:00:00Z'))),
        { start: '2026-10-03T15:30:00.000Z', end: '2026-10-03T17:00:00.000Z' });
    });

    it('Australia/Lord_Howe: a window across the 30-minute fall-back lasts 2.5 hours', () => {
      const f = recurring('0 1 * * *', '0 3 * * *', 'Australia/Lord_Howe');
      // 2026-04-05 02:00 (+11:00) falls back to 01:30 (+10:30).
      assert.deepStrictEqual(iso(freezeWindowAt(f, ms('2026-04-04T15:00:00Z'))),
        { start: '2026-04-04T14:00:00.000Z', end: '2026-04-04T16:30:00.000Z' });
    });
  });

  describe('daylight-saving gaps and repeats in recurring windows', () => {
    const at = (freeze: ReturnType<typeof recurring>, instant: string) => iso(freezeWindowAt(freeze, ms(instant)));

    it('America/New_York: a window inside the skipped hour opens at 03:00 EDT and keeps its 15 minutes, never a day', () => {
      const f = recurring('30 2 * * *', '45 2 * * *', 'America/New_York');
      // 2026-03-08 02:00 EST jumps to 03:00 EDT (07:00Z).
      assert.deepStrictEqual(at(f, '2026-03-08T07:05:00Z'), { start: '2026-03-08T07:00:00.000Z', end: '2026-03-08T07:15:00.000Z' });
      assert.strictEqual(freezeWindowAt(f, ms('2026-03-08T07:15:00Z')), undefined);
      assert.strictEqual(freezeWindowAt(f, ms('2026-03-08T20:00:00Z')), undefined);
      assert.deepStrictEqual(iso(nextFreezeWindow(f, ms('2026-03-07T12:00:00Z'), 7 * day)), { start: '2026-03-08T07:00:00.000Z', end: '2026-03-08T07:15:00.000Z' });
      assert.deepStrictEqual(iso(nextFreezeWindow(f, ms('2026-03-08T07:05:00Z'), 7 * day)), { start: '2026-03-09T06:30:00.000Z', end: '2026-03-09T06:45:00.000Z' });
    });

    it('America/New_York: a start in the gap opens at 03:00 EDT; an end after it stays where written', () => {
      const f = recurring('30 2 * * *', '0 4 * * *', 'America/New_York');
      assert.deepStrictEqual(at(f, '2026-03-08T07:30:00Z'), { start: '2026-03-08T07:00:00.000Z', end: '2026-03-08T08:00:00.000Z' });
    });

    it('America/New_York: an end in the gap ends at 03:00 EDT, on the same day', () => {
      const f = recurring('0 1 * * *', '45 2 * * *', 'America/New_York');
      assert.deepStrictEqual(at(f, '2026-03-08T06:30:00Z'), { start: '2026-03-08T06:00:00.000Z', end: '2026-03-08T07:00:00.000Z' });
    });

    it('America/New_York: on fall-back a window in the repeated hour covers both passes of the clock', () => {
      const f = recurring('30 1 * * *', '45 1 * * *', 'America/New_York');
      // 2026-11-01 01:30 EDT is 05:30Z; 01:45 EST is 06:45Z.
      const both = { start: '2026-11-01T05:30:00.000Z', end: '2026-11-01T06:45:00.000Z' };
      assert.deepStrictEqual([at(f, '2026-11-01T05:35:00Z'), at(f, '2026-11-01T06:35:00Z')], [both, both]);
      assert.deepStrictEqual(at(f, '2026-10-31T05:35:00Z'), { start: '2026-10-31T05:30:00.000Z', end: '2026-10-31T05:45:00.000Z' });
    });

    it('Europe/Berlin: the same window across spring forward and fall back', () => {
      const f = recurring('30 2 * * *', '45 2 * * *', 'Europe/Berlin');
      // 2026-03-29 02:00 CET jumps to 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST falls back to 02:00 CET (01:00Z).
      assert.deepStrictEqual(at(f, '2026-03-29T01:10:00Z'), { start: '2026-03-29T01:00:00.000Z', end: '2026-03-29T01:15:00.000Z' });
      assert.strictEqual(freezeWindowAt(f, ms('2026-03-29T01:20:00Z')), undefined);
      assert.deepStrictEqual(at(f, '2026-10-25T01:40:00Z'), { start: '2026-10-25T00:30:00.000Z', end: '2026-10-25T01:45:00.000Z' });
    });

    for (const zone of ['America/New_York', 'Europe/Berlin']) {
      it(`${zone}: every daily 02:30–02:45 window of 2026 lasts 15 minutes, or 75 on the fall-back night`, () => {
        const f = recurring('30 2 * * *', '45 2 * * *', zone);
        const lengths = new Map<number, number>();
        let cursor = ms('2026-01-01T00:00:00Z');
        for (let window = nextFreezeWindow(f, cursor, 2 * day); window; window = nextFreezeWindow(f, cursor, 2 * day)) {
          if (window.start >= ms('2027-01-01T00:00:00Z')) break;
          const minutes = (window.end - window.start) / 60_000;
          lengths.set(minutes, (lengths.get(minutes) ?? 0) + 1);
          cursor = window.start;
        }
        // New York repeats 01:00–02:00, so 02:30 is never repeated there.
        const expected = zone === 'Europe/Berlin' ? [[15, 364], [75, 1]] : [[15, 365]];
        assert.deepStrictEqual([...lengths].sort((a, b) => a[0] - b[0]), expected);
      });
    }
  });

  describe('windows across a year boundary', () => {
    const holidays = recurring('0 0 20 12 *', '0 0 3 1 *', 'Europe/Berlin');

    it('is active on New Year with the window opened in December', () => {
      assert.deepStrictEqual(iso(freezeWindowAt(holidays, ms('2026-01-01T12:00:00Z'))),
        { start: '2025-12-19T23:00:00.000Z', end: '2026-01-02T23:00:00.000Z' });
    });

    it('has ended on 3 January local time', () => {
      assert.strictEqual(freezeWindowAt(holidays, ms('2026-01-02T23:00:00Z')), undefined);
    });

    it('is upcoming in mid-December with an end in the next year', () => {
      assert.deepStrictEqual(iso(nextFreezeWindow(holidays, ms('2026-12-15T00:00:00Z'), 7 * day)),
        { start: '2026-12-19T23:00:00.000Z', end: '2027-01-02T23:00:00.000Z' });
    });

    it('is not upcoming in November with a 7-day horizon', () => {
      assert.strictEqual(nextFreezeWindow(holidays, ms('2026-11-15T00:00:00Z'), 7 * day), undefined);
    });
  });

  describe('cached segments', () => {
    it('give the same answers as fresh computations, forwards and backwards', () => {
      const shared = recurring('0 17 * * 5', '0 8 * * 1', 'America/New_York');
      const instants = Array.from({ length: 60 }, (_, i) => ms('2026-03-01T00:00:00Z') + i * 7 * hour);
      for (const t of [...instants, ...instants.reverse()]) {
        const fresh = { ...shared };
        assert.deepStrictEqual([freezeWindowAt(shared, t), nextFreezeWindow(shared, t, 7 * day)],
          [freezeWindowAt(fresh, t), nextFreezeWindow(fresh, t, 7 * day)], new Date(t).toISOString());
      }
    });
  });

  describe('bad schedules', () => {
    it('an invalid cron pattern yields no window instead of throwing', () => {
      const f = recurring('not a cron', '0 8 * * 1', 'UTC');
      assert.strictEqual(freezeWindowAt(f, ms('2026-03-14T12:00:00Z')), undefined);
      assert.strictEqual(nextFreezeWindow(f, ms('2026-03-14T12:00:00Z'), 7 * day), undefined);
    });

    it('an invalid time zone yields no window instead of throwing', () => {
      const f = recurring('0 17 * * 5', '0 8 * * 1', 'Mars/Olympus');
      assert.strictEqual(freezeWindowAt(f, ms('2026-03-14T12:00:00Z')), undefined);
    });

    it('an end cron that never fires yields no window', () => {
      const f = recurring('0 17 * * 5', '0 0 30 2 *', 'UTC');
      assert.strictEqual(freezeWindowAt(f, ms('2026-03-14T12:00:00Z')), undefined);
      assert.strictEqual(nextFreezeWindow(f, ms('2026-03-11T12:00:00Z'), 7 * day + hour), undefined);
    });
  });
});
