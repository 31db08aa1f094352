import * as assert from 'node:assert';
import { Cron } from 'croner';
import { parse } from 'yaml';
import { syncWindowsErrors } from '../fixtures/argocd/syncWindowsSchema';
import { TempRepo } from './support/tempRepo';

// `change-radar export argocd|gitlab` in a real repository. The exported windows, read back as an
// engine reads them (each firing of `schedule` in `timeZone`, for `duration` of elapsed time; croner
// here, an independent reader of the crons), must give exactly the block-freeze occurrences that
// `calendar --format json` lists for the same 90 days.

const manifest = `version: 1
timezone: Europe/Berlin
systems:
  payments:
    paths: [payments/]
    deploy:
      argocd: [payments-api, "payments-*"]
  web:
    paths: [web/]
freezes:
  - id: berlin-weekend
    title: Berlin weekend
    systems: [payments]
    schedule: { start: "0 18 * * 5", end: "0 6 * * 1" }
  - id: saturday-batch
    title: Saturday batch (overlaps the weekend)
    systems: [payments]
    timezone: UTC
    schedule: { start: "0 4 * * 6", end: "0 20 * * 6" }
  - id: ny-night
    title: New York night
    systems: [web]
    timezone: America/New_York
    schedule: { start: "0 1 * * *", end: "0 4 * * *" }
  - id: utc-release-train
    title: Release train
    systems: [web]
    timezone: UTC
    schedule: { start: "0 9 * * 3", end: "0 12 * * 3" }
  - id: holiday
    title: Holiday
    systems: ["*"]
    start: "2026-12-19T00:00"
    end: "2027-01-04T00:00"
  - id: soft
    title: Warn only
    systems: [web]
    enforcement: warn
    schedule: { start: "0 0 * * *", end: "0 1 * * *" }
`;

type Interval = [string, string];
const DAY = 86_400_000;
const MINUTE = 60_000;

/** [start, end) clipped to the range, as ISO strings, sorted. */
function clipped(intervals: [number, number][], from: number, to: number): Interval[] {
  return intervals
    .map(([s, e]): [number, number] => [Math.max(s, from), Math.min(e, to)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([s, e]) => [new Date(s).toISOString(), new Date(e).toISOString()]);
}

function goDurationMs(text: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
  assert.ok(match, `not a duration: ${text}`);
  return (Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * MINUTE;
}

interface SyncWindow { kind: string; schedule: string; duration: string; timeZone: string; applications: string[]; manualSync: boolean }

/** The intervals a list of sync windows denies in [from, to), per application set. */
function denied(windows: SyncWindow[], from: number, to: number): Map<string, [number, number][]> {
  const byApps = new Map<string, [number, number][]>();
  for (const w of windows) {
    const length = goDurationMs(w.duration);
    const cron = new Cron(w.schedule, { timezone: w.timeZone, mode: '5-part', paused: true });
    let cursor = new Date(from - length);
    const key = w.applications.join(',');
    for (let next = cron.nextRun(cursor); next && next.getTime() < to; next = cron.nextRun(cursor)) {
      byApps.set(key, [...(byApps.get(key) ?? []), [next.getTime(), next.getTime() + length]]);
      cursor = next;
    }
  }
  return byApps;
}

describe('change-radar export', () => {
  let repo: TempRepo;
  before(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': manifest, 'payments/a.ts': '', 'web/b.ts': '' });
  });

  for (const at of ['2026-10-01T00:00:00Z', '2027-01-02T12:00:00Z']) {
    it(`argocd windows for 90 days from ${at} give exactly the block occurrences of calendar --format json (DST included)`, () => {
      const from = Date.parse(at);
      const to = from + 90 * DAY;
      const exported = repo.cli(['export', 'argocd', '--at', at, '--days', '90', '-f', 'json']);
      assert.strictEqual(exported.code, 0, exported.stderr);
      const windows = JSON.parse(exported.stdout) as SyncWindow[];
      assert.deepStrictEqual(syncWindowsErrors(windows), []);
      const calendar = repo.cli(['calendar', '--at', at, '--from', new Date(from).toISOString(), '--to', new Date(to).toISOString(), '-f', 'json']);
      assert.strictEqual(calendar.code, 0, calendar.stderr);
      const freezes = (JSON.parse(calendar.stdout) as { freezes: { enforcement: string; systems: string[]; start: string; end: string }[] }).freezes
        .filter((f) => f.enforcement === 'block');
      const appsOf = (systems: string[]): string => [...new Set(systems.flatMap((id) => (id === 'payments' ? ['payments-api', 'payments-*'] : [id])))].join(',');
      const expected = new Map<string, [number, number][]>();
      for (const f of freezes) expected.set(appsOf(f.systems), [...(expected.get(appsOf(f.systems)) ?? []), [Date.parse(f.start), Date.parse(f.end)]]);
      const actual = denied(windows, from, to);
      assert.deepStrictEqual([...actual.keys()].sort(), [...expected.keys()].sort());
      for (const [apps, intervals] of expected) {
        assert.deepStrictEqual(clipped(actual.get(apps) ?? [], from, to), clipped(intervals, from, to), apps);
      }
      assert.ok(freezes.length > 20, `only ${freezes.length} occurrences`);
    });
  }

  it('argocd YAML: a validity comment first, then the syncWindows list, valid against the CRD fragment', () => {
    const result = repo.cli(['export', 'argocd', '--at', '2026-10-01T00:00:00Z']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stdout, /^# generated by change-radar export argocd at 2026-10-01T00:00:00\.000Z; valid until 2026-10-31T00:00:00\.000Z: .*regenerate/);
    const list = parse(result.stdout) as SyncWindow[];
    assert.deepStrictEqual(syncWindowsErrors(list), []);
    // The Saturday batch (UTC) stays one window; the Berlin weekend over the end of summer time does not.
    assert.deepStrictEqual(list.filter((w) => w.schedule === '0 4 * * 6'), [
      { kind: 'deny', schedule: '0 4 * * 6', duration: '16h', timeZone: 'UTC', applications: ['payments-api', 'payments-*'], manualSync: false },
    ]);
    assert.deepStrictEqual(list.filter((w) => w.schedule === '0 18 23 10 *').map((w) => [w.duration, w.timeZone]), [['61h', 'Europe/Berlin']]);
    assert.match(result.stderr, /freeze berlin-weekend is exported occurrence by occurrence: its occurrences differ in elapsed length/);
  });

  it('gitlab: the freeze periods API bodies for freezes of every system, with the documented fields only', () => {
    const result = repo.cli(['export', 'gitlab', '--at', '2026-12-01T00:00:00Z']);
    assert.strictEqual(result.code, 0, result.stderr);
    const periods: unknown[] = JSON.parse(result.stdout) as unknown[];
    assert.deepStrictEqual(periods, [{ freeze_start: '0 0 19 12 *', freeze_end: '0 0 4 1 *', cron_timezone: 'Europe/Berlin' }]);
    for (const period of periods as Record<string, unknown>[]) {
      assert.deepStrictEqual(Object.keys(period).sort(), ['cron_timezone', 'freeze_end', 'freeze_start']);
      for (const key of ['freeze_start', 'freeze_end']) assert.strictEqual(String(period[key]).split(' ').length, 5);
    }
    assert.match(result.stderr, /freeze berlin-weekend is not exported: it does not cover every system/);
  });

  it('bad input exits 2 with a clear message', () => {
    const cases: [string[], RegExp][] = [
      [['export'], /export expects argocd or gitlab/],
      [['export', 'flux'], /export expects argocd or gitlab, not 'flux'/],
      [['export', 'argocd', '--days', '400'], /--days expects a whole number of days from 1 to 365/],
      [['export', 'gitlab', '-f', 'yaml'], /--format must be one of json for export gitlab/],
    ];
    for (const [args, message] of cases) {
      const result = repo.cli(args);
      assert.strictEqual(result.code, 2, result.stdout);
      assert.match(result.stderr, message);
    }
  });
});
