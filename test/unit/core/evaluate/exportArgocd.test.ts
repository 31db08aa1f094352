import * as assert from 'node:assert';
import { compileFreezeRules } from '../../../../src/core/evaluate/freezeEvaluator';
import { argoSyncWindows } from '../../../../src/core/export/argocd';
import { gitlabFreezePeriods } from '../../../../src/core/export/gitlab';
import { goDuration, monthDayCron } from '../../../../src/core/export/exportWindows';
import type { Manifest } from '../../../../src/core/model';
import type { Problem } from '../../../../src/core/problem';
import { syncWindowsErrors } from '../../../fixtures/argocd/syncWindowsSchema';
import { day, freeze, manifest, ms, system } from '../../manifestFactory';

const rulesOf = (m: Manifest) => compileFreezeRules(m, new Map(m.systems.map((s) => [s.id, s])));
const systems = [system({ id: 'payments', deploy: { argocd: ['payments-api', 'payments-*'] } }), system({ id: 'web' })];
const apps = (m: Manifest) => (id: string) => m.systems.find((s) => s.id === id)?.deploy?.argocd ?? [id];

function argo(m: Manifest, from: string, days: number) {
  return argoSyncWindows(rulesOf(m), ms(from), ms(from) + days * day, apps(m));
}

const berlinWeekend = freeze({ id: 'weekend', systems: ['payments'], timezone: 'Europe/Berlin', schedule: { start: '0 18 * * 5', end: '0 6 * * 1' } });

describe('export argocd (core)', () => {
  it('a Berlin weekend freeze is one 60h window in summer, but expands over the end of summer time (61 h)', () => {
    const summer = argo(manifest({ systems, freezes: [berlinWeekend] }), '2026-06-01T00:00:00Z', 60);
    assert.deepStrictEqual(summer.entries.map((e) => [e.mapping, e.windows]), [['recurring', [
      { kind: 'deny', schedule: '0 18 * * 5', duration: '60h', timeZone: 'Europe/Berlin', applications: ['payments-api', 'payments-*'], manualSync: false },
    ]]]);
    const autumn = argo(manifest({ systems, freezes: [berlinWeekend] }), '2026-10-12T00:00:00Z', 21);
    const [entry] = autumn.entries;
    assert.strictEqual(entry?.mapping, 'expanded');
    assert.match(entry?.why ?? '', /60h and 61h/);
    assert.deepStrictEqual(entry?.windows.map((w) => [w.schedule, w.duration, w.timeZone]), [
      // The weekend in force at the horizon's start (Monday 02:00 CEST) starts there.
      ['0 2 12 10 *', '4h', 'Europe/Berlin'],
      ['0 18 16 10 *', '60h', 'Europe/Berlin'],
      ['0 18 23 10 *', '61h', 'Europe/Berlin'],
      ['0 18 30 10 *', '60h', 'Europe/Berlin'],
    ]);
    assert.deepStrictEqual(syncWindowsErrors(autumn.entries.flatMap((e) => e.windows)), []);
  });

  it('a UTC nightly freeze stays one window; a New York one expands across spring forward', () => {
    const utc = freeze({ id: 'utc-night', systems: ['web'], schedule: { start: '0 1 * * *', end: '0 3 * * *' } });
    const ny = freeze({ id: 'ny-night', systems: ['web'], timezone: 'America/New_York', schedule: { start: '0 1 * * *', end: '0 4 * * *' } });
    const result = argo(manifest({ systems, freezes: [utc, ny] }), '2026-03-01T00:00:00Z', 14);
    assert.deepStrictEqual(result.entries.map((e) => [e.freeze, e.mapping, e.windows.length]), [['utc-night', 'recurring', 1], ['ny-night', 'expanded', 14]]);
    const nyWindows = result.entries[1]?.windows ?? [];
    // 8 March 2026: 01:00 EST to 04:00 EDT is two hours; it starts an hour before the change, so it is written in UTC.
    assert.deepStrictEqual(nyWindows.filter((w) => w.schedule === '0 6 8 3 *').map((w) => [w.duration, w.timeZone]), [['2h', 'UTC']]);
    assert.deepStrictEqual(nyWindows.filter((w) => w.schedule === '0 1 7 3 *').map((w) => [w.duration, w.timeZone]), [['3h', 'America/New_York']]);
    assert.deepStrictEqual(nyWindows.filter((w) => w.schedule === '0 1 9 3 *').map((w) => [w.duration, w.timeZone]), [['3h', 'America/New_York']]);
  });

  it('a one-off freeze already in force starts at the horizon; warn freezes and systems without applications are left out', () => {
    const m = manifest({
      systems,
      freezes: [
        freeze({ id: 'holiday', systems: ['*'], start: ms('2026-12-18T00:00:00Z'), end: ms('2027-01-04T00:00:00Z') }),
        freeze({ id: 'soft', systems: ['web'], enforcement: 'warn', start: ms('2026-12-18T00:00:00Z'), end: ms('2027-01-04T00:00:00Z') }),
      ],
    });
    const result = argo(m, '2026-12-20T12:30:00Z', 30);
    assert.deepStrictEqual(result.entries.map((e) => [e.freeze, e.mapping, e.windows.map((w) => [w.schedule, w.duration, w.timeZone, w.applications])]), [
      ['holiday', 'one-off', [['30 12 20 12 *', '347h30m', 'UTC', ['payments-api', 'payments-*', 'web']]]],
    ]);
  });

  it('a one-off freeze starting after the horizon is not exported (its month-and-day cron would fire in a later year)', () => {
    const m = manifest({ systems, freezes: [freeze({ id: 'later', systems: ['web'], start: ms('2027-06-01T00:00:00Z'), end: ms('2027-06-02T00:00:00Z') })] });
    assert.deepStrictEqual(argo(m, '2026-12-01T00:00:00Z', 30).entries.map((e) => e.windows.length), [0]);
  });

  it('an invalid freeze is denied over the whole horizon', () => {
    const problem: Problem = { severity: 'error', code: 'x', message: 'bad', file: 'ops.yaml', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } } };
    const m = manifest({ systems, freezes: [freeze({ id: 'broken', systems: ['web'], invalid: problem })] });
    assert.deepStrictEqual(argo(m, '2026-12-01T00:00:00Z', 30).entries.map((e) => [e.mapping, e.windows.map((w) => [w.schedule, w.duration, w.timeZone])]), [
      ['invalid', [['0 0 1 12 *', '720h', 'UTC']]],
    ]);
  });

  it('one-off windows next to a daylight-saving change are written in UTC, which names each instant once', () => {
    // 01:30 on 1 November 2026 happens twice in New York.
    const m = manifest({ systems, freezes: [freeze({ id: 'fallback', systems: ['web'], timezone: 'America/New_York', start: ms('2026-11-01T05:30:00Z'), end: ms('2026-11-01T08:00:00Z') })] });
    assert.deepStrictEqual(argo(m, '2026-10-20T00:00:00Z', 30).entries[0]?.windows.map((w) => [w.schedule, w.duration, w.timeZone]), [['30 5 1 11 *', '2h30m', 'UTC']]);
  });

  it('durations and month-and-day crons', () => {
    assert.deepStrictEqual([goDuration(60 * 3_600_000), goDuration(90 * 60_000), goDuration(45 * 60_000), goDuration(60_001)], ['60h', '1h30m', '45m', '2m']);
    assert.strictEqual(monthDayCron(ms('2026-10-23T16:00:30Z'), 'Europe/Berlin'), '0 18 23 10 *');
  });
});

describe('export gitlab (core)', () => {
  it('keeps a freeze of every system as its own cron pair when GitLab reads it the same; expands it otherwise; skips partial ones', () => {
    const all = freeze({ id: 'all-weekend', systems: ['*'], timezone: 'Europe/Berlin', schedule: { start: '0 18 * * 5', end: '0 6 * * 1' } });
    const m = manifest({ systems, freezes: [all, berlinWeekend] });
    const summer = gitlabFreezePeriods(rulesOf(m), ms('2026-06-01T00:00:00Z'), ms('2026-07-01T00:00:00Z'));
    assert.deepStrictEqual(summer.entries.map((e) => [e.freeze, e.mapping, e.periods]), [
      ['all-weekend', 'recurring', [{ freeze_start: '0 18 * * 5', freeze_end: '0 6 * * 1', cron_timezone: 'Europe/Berlin' }]],
    ]);
    assert.deepStrictEqual(summer.skipped, ['weekend']);
    // Across the end of summer time the pair still reads the same wall times, far from the change: kept.
    const autumn = gitlabFreezePeriods(rulesOf(m), ms('2026-10-12T00:00:00Z'), ms('2026-11-02T00:00:00Z'));
    assert.deepStrictEqual(autumn.entries.map((e) => e.mapping), ['recurring']);
    const oneOff = gitlabFreezePeriods(rulesOf(manifest({ systems, freezes: [freeze({ id: 'h', systems: ['*'], timezone: 'Europe/Berlin', start: ms('2026-12-19T23:00:00Z'), end: ms('2027-01-03T23:00:00Z') })] })), ms('2026-12-01T00:00:00Z'), ms('2026-12-31T00:00:00Z'));
    assert.deepStrictEqual(oneOff.entries[0]?.periods, [{ freeze_start: '0 0 20 12 *', freeze_end: '0 0 4 1 *', cron_timezone: 'Europe/Berlin' }]);
  });
});
