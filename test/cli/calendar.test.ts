import * as assert from 'node:assert';
import ICAL from 'ical.js';
import { TempRepo } from './support/tempRepo';

// The feed is read back with ical.js, an iCalendar parser independent of the library that writes it.

const manifest = `version: 1
timezone: America/Los_Angeles
systems:
  payments:
    title: Payments
    paths: [payments/]
    owners: ["@pay", "dana@acme.example"]
  web:
    title: Web
    paths: [web/]
    owners: ["@web"]
  docs:
    title: Docs
    paths: [docs/]
freezes:
  - id: berlin-weekend
    title: "Weekend; Berlin, \\"no\\" deploys\\nBEGIN:VEVENT\\a\\e[31m red"
    reason: "Settlement runs Monday; see \\\\\\\\share"
    systems: [payments]
    timezone: Europe/Berlin
    schedule:
      start: "0 18 * * 5"
      end: "0 8 * * 1"
  - id: ny-night
    title: NY maintenance night
    systems: [web]
    enforcement: warn
    timezone: America/New_York
    schedule:
      start: "0 1 * * 0"
      end: "0 4 * * 0"
  - id: ny-gap
    title: Window across the spring-forward gap
    systems: [web]
    timezone: America/New_York
    start: "2027-03-14T01:30"
    end: "2027-03-14T03:30"
incidents:
  - id: INC-9
    title: Card declines, partial
    severity: sev1
    status: investigating
    systems: [payments]
    started: "2027-03-10T09:00:00Z"
    commander: "@ana"
    url: "https://status.example.com/INC-9?a=1,b;c"
projects:
  - id: launch
    title: Launch
    owner: "@pat"
    systems: [web]
    milestones:
      - id: ga
        title: General availability
        due: 2027-03-14
        status: in-progress
        systems: [web, payments]
`;

interface Parsed {
  readonly uid: string;
  readonly summary: string;
  readonly description: string;
  readonly start: string;
  readonly end: string | undefined;
  readonly isDate: boolean;
}

function parse(ics: string): Parsed[] {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const time = (t: ICAL.Time | null | undefined): string | undefined => {
      if (!t) return undefined;
      return t.isDate ? t.toString() : t.toJSDate().toISOString();
    };
    return {
      uid: event.uid, summary: event.summary, description: event.description,
      start: time(event.startDate) ?? '', end: time(event.endDate), isDate: event.startDate.isDate,
    };
  });
}

describe('change-radar calendar', () => {
  let repo: TempRepo;
  const at = '2027-03-12T12:00:00Z';
  const range = ['--from', '2026-10-12T12:00:00Z', '--to', '2026-11-09T00:00:00Z'];
  before(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': manifest, 'payments/a.ts': '', 'web/b.ts': '' });
  });

  it('puts each Berlin weekend freeze at 18:00 and 08:00 Berlin time across the end of DST, as UTC instants', () => {
    const result = repo.cli(['calendar', '--at', at, ...range, '--systems', 'payments']);
    assert.strictEqual(result.code, 0, result.stderr);
    const events = parse(result.stdout).filter((e) => e.uid.startsWith('freeze-berlin-weekend-'));
    assert.deepStrictEqual(events.map((e) => [e.start, e.end]), [
      ['2026-10-16T16:00:00.000Z', '2026-10-19T06:00:00.000Z'],
      ['2026-10-23T16:00:00.000Z', '2026-10-26T07:00:00.000Z'],
      ['2026-10-30T17:00:00.000Z', '2026-11-02T07:00:00.000Z'],
      ['2026-11-06T17:00:00.000Z', '2026-11-09T07:00:00.000Z'],
    ]);
    assert.deepStrictEqual(events.map((e) => e.uid)[1], 'freeze-berlin-weekend-20261023T160000Z@change-radar');
    assert.match(events[1]?.description ?? '', /Local time: 2026-10-23 18:00 GMT\+2 – 2026-10-26 08:00 GMT\+1 \(Europe\/Berlin\)/);
  });

  it('keeps the New York windows right across the spring-forward gap, and the Los Angeles date-only milestone on its date', () => {
    const result = repo.cli(['calendar', '--at', at, '--from', '2027-03-06T00:00:00Z', '--to', '2027-03-20T00:00:00Z', '--systems', 'web']);
    assert.strictEqual(result.code, 0, result.stderr);
    const events = parse(result.stdout);
    assert.deepStrictEqual(events.filter((e) => e.uid.startsWith('freeze-')).map((e) => [e.uid, e.start, e.end]), [
      ['freeze-ny-night-20270307T060000Z@change-radar', '2027-03-07T06:00:00.000Z', '2027-03-07T09:00:00.000Z'],
      ['freeze-ny-night-20270314T060000Z@change-radar', '2027-03-14T06:00:00.000Z', '2027-03-14T08:00:00.000Z'],
      // 01:30 EST to 03:30 EDT: one hour.
      ['freeze-ny-gap-20270314T063000Z@change-radar', '2027-03-14T06:30:00.000Z', '2027-03-14T07:30:00.000Z'],
    ]);
    const [ga] = events.filter((e) => e.uid.startsWith('milestone-'));
    assert.deepStrictEqual([ga?.uid, ga?.start, ga?.end, ga?.isDate], ['milestone-launch.ga-20270314@change-radar', '2027-03-14', '2027-03-15', true]);
    assert.match(ga?.description ?? '', /Due: 2027-03-14 \(end of day, America\/Los_Angeles\)/);
    assert.match(ga?.description ?? '', /At risk:\n- due inside freeze berlin-weekend \(2027-03-12 18:00 GMT\+1 – 2027-03-15 08:00 GMT\+1\)\n- active sev1 incident INC-9 on its systems: Card declines, partial\n/);
    assert.strictEqual(ga?.summary, 'Milestone: General availability (at risk)');
    assert.match(result.stdout, /\r\nDTSTART;VALUE=DATE:20270314\r\nDTEND;VALUE=DATE:20270315\r\n/);
  });

  it('writes no floating times, folds lines at 75 octets with CRLF, and repeats no UID', () => {
    const ics = repo.cli(['calendar', '--at', at, '--from', '2027-02-01T00:00:00Z', '--to', '2027-04-01T00:00:00Z']).stdout;
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n') && ics.endsWith('END:VCALENDAR\r\n'));
    const lines = ics.slice(0, -2).split('\r\n');
    for (const line of lines) {
      assert.ok(!line.includes('\n') && !line.includes('\r'), JSON.stringify(line));
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `longer than 75 octets: ${line}`);
      if (/^(DTSTART|DTEND)/.test(line)) assert.match(line, /^(DTSTART|DTEND)(;VALUE=DATE:\d{8}|:\d{8}T\d{6}Z)$/);
    }
    const uids = parse(ics).map((e) => e.uid);
    assert.ok(uids.length > 10);
    assert.strictEqual(new Set(uids).size, uids.length);
  });

  it('derives UIDs from the entry and the occurrence only: the same occurrence has the same UID in another range and at another time', () => {
    const wide = parse(repo.cli(['calendar', '--at', at, '--from', '2027-01-01T00:00:00Z', '--to', '2027-04-01T00:00:00Z']).stdout);
    const narrow = parse(repo.cli(['calendar', '--at', '2027-03-13T00:00:00Z', '--from', '2027-03-05T00:00:00Z', '--to', '2027-03-16T00:00:00Z']).stdout);
    assert.ok(narrow.length >= 5);
    for (const event of narrow) {
      const same = wide.find((e) => e.uid === event.uid);
      assert.ok(same, `missing ${event.uid}`);
      assert.strictEqual(same.start, event.start);
    }
  });

  it('escapes hostile manifest text: commas, semicolons, quotes, newlines kept as text, control characters replaced', () => {
    const result = repo.cli(['calendar', '--at', at, ...range, '--systems', 'payments']);
    const [first] = parse(result.stdout);
    assert.strictEqual(first?.summary, 'Freeze: Weekend; Berlin, "no" deploys\nBEGIN:VEVENT\uFFFD\uFFFD[31m red');
    assert.match(first?.description ?? '', /Reason: Settlement runs Monday; see \\\\share/);
    // The newline in the title is escaped, not a line of its own: still one event per occurrence.
    assert.strictEqual(result.stdout.split('\r\nBEGIN:VEVENT\r\n').length - 1, 4);
    assert.ok(!result.stdout.includes('\u001b') && !result.stdout.includes('\u0007'));
  });

  it('runs an active incident until --at, with its systems, owners, commander and link', () => {
    const ics = repo.cli(['calendar', '--at', at, '--from', '2027-03-01T00:00:00Z', '--to', '2027-03-20T00:00:00Z', '--systems', 'payments']).stdout;
    const incident = parse(ics).find((e) => e.uid.startsWith('incident-'));
    assert.deepStrictEqual([incident?.uid, incident?.start, incident?.end], ['incident-INC-9-20270310T090000Z@change-radar', '2027-03-10T09:00:00.000Z', '2027-03-12T12:00:00.000Z']);
    assert.strictEqual(incident?.summary, 'Incident sev1: Card declines, partial (ongoing)');
    assert.match(incident?.description ?? '', /Systems: payments\nOwners: @pay, dana@acme\.example\nCommander: @ana/);
    assert.match(ics, /\r\nURL;VALUE=URI:https:\/\/status\.example\.com\/INC-9\?a=1%2Cb%3Bc\r\n/);
  });

  it('defaults to 14 days before --at to 56 days after, and writes JSON and text', () => {
    const json = JSON.parse(repo.cli(['calendar', '--at', at, '-f', 'json']).stdout) as { from: string; to: string; freezes: { uid: string; start: string }[]; milestones: { date: string; atRisk: boolean }[] };
    assert.deepStrictEqual([json.from, json.to], ['2027-02-26T12:00:00.000Z', '2027-05-07T12:00:00.000Z']);
    assert.ok(json.freezes.some((f) => f.uid === 'freeze-ny-gap-20270314T063000Z@change-radar' && f.start === '2027-03-14T06:30:00.000Z'));
    assert.deepStrictEqual(json.milestones.map((m) => [m.date, m.atRisk]), [['2027-03-14', true]]);
    const text = repo.cli(['calendar', '--at', at, '-f', 'text', '--systems', 'web', '--from', '2027-03-13', '--to', '2027-03-15']).stdout;
    assert.match(text, /^2027-03-14 01:00 EST – 2027-03-14 04:00 EDT {2}freeze ny-night \(warn\) on web$/m);
    assert.match(text, /^2027-03-14 {36}milestone launch\/ga \(in-progress\) AT RISK: due inside freeze berlin-weekend .*; active sev1 incident INC-9/m);
  });

  it('treats an invalid freeze as in force over the range, and exits 2 with the error', () => {
    const broken = TempRepo.withCommit({ 'ops.yaml': `${manifest.replace('    end: "2027-03-14T03:30"', '    end: "2027-03-14T00:30"')}` });
    const result = broken.cli(['calendar', '--at', at, '--from', '2027-03-01T00:00:00Z', '--to', '2027-03-08T00:00:00Z']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /ops\.yaml:\d+:\d+: error/);
    const invalid = parse(result.stdout).find((e) => e.uid === 'freeze-ny-gap-invalid@change-radar');
    assert.deepStrictEqual([invalid?.start, invalid?.end], ['2027-03-01T00:00:00.000Z', '2027-03-08T00:00:00.000Z']);
    assert.match(invalid?.summary ?? '', /invalid, treated as in force/);
  });

  it('refuses a wrong call with a clear message', () => {
    const unknown = repo.cli(['calendar', '--systems', 'paymnets']);
    assert.deepStrictEqual([unknown.code, unknown.stdout], [2, '']);
    assert.match(unknown.stderr, /--systems: no system 'paymnets' in the manifest \(did you mean 'payments'\?\)/);
    const backwards = repo.cli(['calendar', '--from', '2027-03-10', '--to', '2027-03-01']);
    assert.deepStrictEqual([backwards.code, backwards.stdout], [2, '']);
    assert.match(backwards.stderr, /--to must be later than --from/);
    const badTime = repo.cli(['calendar', '--from', 'next week']);
    assert.match(badTime.stderr, /--from expects an ISO-8601 time/);
    assert.match(repo.cli(['calendar', '-f', 'markdown']).stderr, /--format must be one of ics, json, text for calendar/);
    assert.match(repo.cli(['help', 'calendar']).stdout, /Usage: change-radar calendar/);
  });
});
