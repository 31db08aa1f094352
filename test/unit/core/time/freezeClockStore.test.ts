import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freezeClockRecords, freezeWindowAt, nextFreezeWindow, seedFreezeClock } from '../../../../src/core/time/freezeClock';
import { formatInKnownZone, formatInZone, seedZoneTexts, zoneTextRecords } from '../../../../src/core/time/timeZone';
import { ClockStore } from '../../../../src/node/clockStore';
import { day, freeze, ms } from '../../manifestFactory';

// The clock's segments kept between runs (core/time/freezeClock.ts, node/clockStore.ts). The
// clock's state is per process, so each test uses a schedule no other test uses.

const signature = (start: string, end: string, zone: string): string => JSON.stringify([start, end, zone]);

describe('freeze clock store', () => {
  it('answers from a seeded segment while the instant is inside it, and computes outside it', () => {
    const f = freeze({ id: 'f', schedule: { start: '1 1 * * 1', end: '2 2 * * 1' }, timezone: 'Pacific/Chatham' });
    // A segment no calendar would give (a window on a Thursday): proof that the seed is what answers.
    const from = ms('2026-12-03T00:00:00Z');
    const until = ms('2026-12-04T00:00:00Z');
    seedFreezeClock([[signature('1 1 * * 1', '2 2 * * 1', 'Pacific/Chatham'), { from, until, current: [from, until + day] }]]);
    assert.deepStrictEqual(freezeWindowAt(f, ms('2026-12-03T12:00:00Z')), { start: from, end: until + day });
    const computed = freezeWindowAt(f, ms('2026-12-10T12:00:00Z'));
    assert.strictEqual(computed, undefined, 'a Thursday outside the seeded segment is computed: no window');
  });

  it('drops records that are not well formed, and computes those segments instead', () => {
    const schedule = { start: '3 3 * * 2', end: '4 4 * * 2' };
    const f = freeze({ id: 'f', schedule, timezone: 'Asia/Kathmandu' });
    const at = ms('2026-12-08T12:00:00Z');
    const bad: unknown[] = [
      { from: 5, until: 3, next: null },
      { from: at - day, until: at + day }, // idle without a next window
      { from: at - day, until: at + day, current: [at - day, at + 2 * day], next: [at, at + day] }, // next inside current
      { from: 'x', until: at + day, current: [at - day, at + day] },
      { from: at - day, until: at + day, current: [at - 2 * day, at + day] }, // current does not start the segment
      [at - day, at + day],
      null,
    ];
    for (const record of bad) {
      seedFreezeClock([[signature(schedule.start, schedule.end, 'Asia/Kathmandu'), record]]);
      assert.strictEqual(freezeWindowAt(f, at), undefined, JSON.stringify(record));
    }
    // Computed: Tuesday 03:03 to 04:04 Kathmandu (UTC+5:45) is 21:18 to 22:19 UTC on Monday.
    assert.deepStrictEqual(freezeWindowAt(f, ms('2026-12-07T21:30:00Z')), { start: ms('2026-12-07T21:18:00Z'), end: ms('2026-12-07T22:19:00Z') });
  });

  it('a segment written out and seeded back answers exactly as computed, at every instant tried (DST included)', () => {
    // Berlin over the end of summer time, New York over spring forward: segments that cross DST.
    const schedules = [
      { start: '0 18 * * 5', end: '0 6 * * 1', timezone: 'Europe/Berlin' },
      { start: '30 1 * * *', end: '45 3 * * *', timezone: 'America/New_York' },
      { start: '0 0 28 * *', end: '0 0 1 * *', timezone: 'Australia/Lord_Howe' },
    ];
    const instants: number[] = [];
    for (let t = ms('2026-03-05T00:00:00Z'); t < ms('2026-03-12T00:00:00Z'); t += 37 * 60_000) instants.push(t);
    for (let t = ms('2026-10-22T00:00:00Z'); t < ms('2026-10-29T00:00:00Z'); t += 41 * 60_000) instants.push(t);
    let seededAnswers = 0;
    for (const at of instants) {
      for (const s of schedules) {
        const fresh = (): ReturnType<typeof freeze> => freeze({ id: 'f', schedule: { start: s.start, end: s.end }, timezone: s.timezone });
        const computed = fresh();
        const expected = [freezeWindowAt(computed, at), nextFreezeWindow(computed, at, 30 * day)];
        const key = signature(s.start, s.end, s.timezone);
        const record = JSON.parse(JSON.stringify(freezeClockRecords().records.get(key))) as unknown;
        seedFreezeClock([[key, record]]);
        seedFreezeClock([[`${key} copy`, record]]);
        assert.deepStrictEqual(freezeClockRecords().records.get(`${key} copy`), record, 'the record is accepted as written');
        const seeded = fresh();
        assert.deepStrictEqual([freezeWindowAt(seeded, at), nextFreezeWindow(seeded, at, 30 * day)], expected, `${s.timezone} at ${new Date(at).toISOString()}`);
        seededAnswers++;
      }
    }
    assert.strictEqual(seededAnswers, instants.length * schedules.length);
  });

  it('zone texts: a seeded text is what is shown; one that does not look like a zone text is skipped', () => {
    const at = ms('2031-05-05T05:05:00Z');
    seedZoneTexts([
      ['Pacific/Marquesas', at, '2031-05-04 19:35 SEEDED'],
      ['Pacific/Marquesas', at + 60_000, 'not a time\u001b[31m'],
      ['Pacific/Marquesas', 'soon', '2031-05-04 19:36 X'],
      'garbage',
    ]);
    assert.strictEqual(formatInZone(at, 'Pacific/Marquesas'), '2031-05-04 19:35 SEEDED');
    assert.strictEqual(formatInZone(at + 60_000, 'Pacific/Marquesas'), '2031-05-04 19:36 GMT-9:30', 'computed');
    assert.strictEqual(formatInKnownZone(at, 'Not/AZone'), undefined);
    assert.strictEqual(formatInZone(at, 'Not/AZone'), '2031-05-05 05:05 UTC');
    const records = zoneTextRecords().records.filter(([zone]) => zone === 'Pacific/Marquesas');
    assert.deepStrictEqual(records.map(([, , text]) => text).sort(), ['2031-05-04 19:35 SEEDED', '2031-05-04 19:36 GMT-9:30']);
  });

  it('keeps segments in the repository\'s git directory for the same build and zone data, and not past their end', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cr-clock-')));
    try {
      execFileSync('git', ['init', '-q', dir]);
      const f = freeze({ id: 'f', schedule: { start: '5 5 * * 3', end: '6 6 * * 3' }, timezone: 'Africa/Casablanca' });
      const store = ClockStore.open(dir, 'build-a')!;
      const at = ms('2026-12-07T12:00:00Z');
      nextFreezeWindow(f, at, 30 * day);
      store.save(at);
      const files = fs.readdirSync(path.join(dir, '.git', 'change-radar')).filter((name) => name.startsWith('clock-'));
      assert.strictEqual(files.length, 1);
      const text = fs.readFileSync(path.join(dir, '.git', 'change-radar', files[0]), 'utf8');
      assert.ok(text.includes(JSON.stringify(signature('5 5 * * 3', '6 6 * * 3', 'Africa/Casablanca')).slice(1, -1)), 'the segment is stored');
      const { records } = freezeClockRecords();
      const segment = records.get(signature('5 5 * * 3', '6 6 * * 3', 'Africa/Casablanca'));
      assert.ok(segment !== undefined && segment.until !== null);
      // Saved after the segment ended: it is not written back.
      store.save(segment.until + 1);
      const after = fs.readFileSync(path.join(dir, '.git', 'change-radar', files[0]), 'utf8');
      assert.ok(!after.includes('"[\\"5 5 * * 3\\",\\"6 6 * * 3\\",\\"Africa/Casablanca\\"]"'), 'an ended segment is dropped');
      assert.strictEqual(ClockStore.open(dir, 'build-b') !== undefined, true, 'another build opens its own entry');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
