import * as assert from 'node:assert';
import { TempRepo } from './support/tempRepo';

// `change-radar gate` and `check --window` in a real git repository, through the built CLI.

const manifest = `version: 1
timezone: Europe/Berlin
systems:
  payments:
    title: Payments
    paths: [payments/]
  web:
    title: Web
    paths: [web/]
  docs:
    title: Docs
    paths: [docs/]
freezes:
  - id: berlin-weekend
    title: "Weekend \\e[31m; rm -rf /"
    systems: [payments]
    timezone: Europe/Berlin
    schedule:
      start: "0 18 * * 5"
      end: "0 6 * * 1"
  - id: batch
    title: Saturday batch
    systems: [payments]
    timezone: UTC
    schedule:
      start: "0 4 * * 6"
      end: "0 20 * * 6"
  - id: ny-night
    title: NY maintenance night
    systems: [web]
    timezone: America/New_York
    schedule:
      start: "0 1 * * *"
      end: "0 4 * * *"
  - id: docs-soft
    title: Docs review week
    systems: [docs]
    enforcement: warn
    start: "2026-10-19T00:00"
    end: "2026-10-26T00:00"
  - id: "it's"
    title: Odd id
    systems: [docs]
    start: "2026-11-10T00:00"
    end: "2026-11-11T00:00"
    exempt: ["docs/public/**"]
overrides:
  - freeze: berlin-weekend
    paths: ["payments/hotfix/**"]
    reason: CAB-1
    approvedBy: cab
`;

function env(stdout: string): Record<string, string> {
  return Object.fromEntries(stdout.trim().split('\n').map((line) => {
    const eq = line.indexOf('=');
    return [line.slice(0, eq), line.slice(eq + 1)];
  }));
}

describe('change-radar gate', () => {
  let repo: TempRepo;
  before(() => {
    repo = TempRepo.withCommit({
      'ops.yaml': manifest, 'payments/a.ts': '', 'payments/hotfix/fix.ts': '', 'web/b.ts': '', 'docs/x.md': '', 'docs/public/y.md': '',
    });
  });

  const gate = (...args: string[]) => repo.cli(['gate', ...args]);

  it('inside the Berlin weekend over the end of summer time: exit 1, until Monday 06:00 CET, env lines', () => {
    const result = gate('--systems', 'payments', '--at', '2026-10-25T12:00:00Z', '-f', 'env');
    assert.strictEqual(result.code, 1, result.stderr);
    // Friday 18:00 CEST overlaps the Saturday batch (04:00–20:00 UTC): one stretch to Monday 05:00Z.
    assert.deepStrictEqual(env(result.stdout), {
      CHANGE_RADAR_FROZEN: 'true',
      CHANGE_RADAR_FROZEN_BY: 'berlin-weekend',
      CHANGE_RADAR_UNTIL: '2026-10-26T05:00:00.000Z',
      CHANGE_RADAR_NEXT_OPEN: '2026-10-26T05:00:00.000Z',
    });
  });

  it('at the edges: open a millisecond before 18:00 CEST Friday, but the next open window is after the weekend', () => {
    const before = gate('--systems', 'payments', '--at', '2026-10-23T15:59:59.999Z', '-f', 'env');
    assert.strictEqual(before.code, 0, before.stderr);
    assert.deepStrictEqual(env(before.stdout), {
      CHANGE_RADAR_FROZEN: 'false', CHANGE_RADAR_FROZEN_BY: '', CHANGE_RADAR_UNTIL: '', CHANGE_RADAR_NEXT_OPEN: '2026-10-26T05:00:00.000Z',
    });
    assert.strictEqual(gate('--systems', 'payments', '--at', '2026-10-23T16:00:00Z').code, 1);
    // The end is not part of the freeze: 06:00 CET Monday is open.
    const end = gate('--systems', 'payments', '--at', '2026-10-26T06:00', '-f', 'env');
    assert.deepStrictEqual([end.code, env(end.stdout).CHANGE_RADAR_NEXT_OPEN], [0, '2026-10-26T05:00:00.000Z']);
  });

  it('two overlapping recurring freezes: both named inside the overlap, the stretch runs to the end of the later', () => {
    const result = gate('--systems', 'payments', '--at', '2026-10-31T05:00:00Z', '-f', 'json');
    assert.strictEqual(result.code, 1, result.stderr);
    const json = JSON.parse(result.stdout) as { frozenBy: string[]; until: string; nextOpen: string; freezes: { id: string; occurrence: { start: string; end: string }; effect: string }[] };
    assert.deepStrictEqual(json.frozenBy, ['berlin-weekend', 'batch']);
    assert.deepStrictEqual(json.freezes.map((f) => [f.id, f.occurrence.start, f.occurrence.end, f.effect]), [
      ['berlin-weekend', '2026-10-30T17:00:00.000Z', '2026-11-02T05:00:00.000Z', 'block'],
      ['batch', '2026-10-31T04:00:00.000Z', '2026-10-31T20:00:00.000Z', 'block'],
    ]);
    assert.strictEqual(json.until, '2026-11-02T05:00:00.000Z');
    // Between the two: Saturday batch starts at 04:00Z; a window ending there but starting after Monday does not overlap.
    const between = gate('--systems', 'payments', '--window', '2026-10-28T00:00:00Z/2026-10-30T17:00:00Z', '-f', 'env');
    assert.deepStrictEqual([between.code, env(between.stdout).CHANGE_RADAR_FROZEN], [0, 'false']);
  });

  it('New York across spring forward: the night of 8 March 2026 is 01:00 EST to 04:00 EDT', () => {
    const inside = gate('--systems', 'web', '--at', '2026-03-08T07:59:59Z', '-f', 'env');
    assert.deepStrictEqual([inside.code, env(inside.stdout).CHANGE_RADAR_UNTIL], [1, '2026-03-08T08:00:00.000Z']);
    const after = gate('--systems', 'web', '--at', '2026-03-08T08:00:00Z', '-f', 'env');
    assert.deepStrictEqual([after.code, env(after.stdout).CHANGE_RADAR_NEXT_OPEN], [0, '2026-03-08T08:00:00.000Z']);
    // --min-open longer than the day's open stretch (08:00Z to 05:00Z next night, 21 h): none that day.
    const long = gate('--systems', 'web', '--at', '2026-03-08T08:00:00Z', '--min-open', '22h', '-f', 'env');
    assert.deepStrictEqual([long.code, env(long.stdout).CHANGE_RADAR_NEXT_OPEN], [0, '']);
  });

  it('a window: exit 1 when any moment of it is frozen, with the overlap in JSON', () => {
    const result = gate('--systems', 'payments', '--window', '2026-10-23T12:00:00Z/6h', '-f', 'json');
    assert.strictEqual(result.code, 1, result.stderr);
    const json = JSON.parse(result.stdout) as { window: { start: string; end: string }; freezes: { id: string; overlap: { start: string; end: string } }[] };
    assert.deepStrictEqual(json.window, { start: '2026-10-23T12:00:00.000Z', end: '2026-10-23T18:00:00.000Z' });
    assert.deepStrictEqual(json.freezes.map((f) => [f.id, f.overlap]), [['berlin-weekend', { start: '2026-10-23T16:00:00.000Z', end: '2026-10-23T18:00:00.000Z' }]]);
  });

  it('paths: an override for some files lets only them through; exempt files are out', () => {
    assert.strictEqual(gate('payments/hotfix/fix.ts', '--at', '2026-10-25T03:00:00Z').code, 0);
    assert.strictEqual(gate('payments/hotfix/fix.ts', 'payments/a.ts', '--at', '2026-10-25T03:00:00Z').code, 1);
    assert.strictEqual(gate('payments', '--at', '2026-10-25T03:00:00Z').code, 1);
    assert.strictEqual(gate('docs/public/y.md', '--at', '2026-11-10T12:00').code, 0);
    assert.strictEqual(gate('docs/x.md', '--at', '2026-11-10T12:00').code, 1);
  });

  it('a warn freeze is reported and never fails the gate', () => {
    const result = gate('--systems', 'docs', '--at', '2026-10-20T12:00');
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stdout, /^open: docs at 2026-10-20 12:00 GMT\+2\n {2}warn {2}docs-soft: Docs review week/);
  });

  it('env and text output cannot be steered by manifest text', () => {
    const envOut = gate('--systems', 'docs', '--at', '2026-11-10T12:00', '-f', 'env');
    assert.strictEqual(env(envOut.stdout).CHANGE_RADAR_FROZEN_BY, `'it'\\''s'`);
    const text = gate('--systems', 'payments', '--at', '2026-10-25T12:00:00Z');
    assert.ok(!text.stdout.includes('\u001b'), text.stdout);
    assert.match(text.stdout, /Weekend \\x1b\[31m; rm -rf \//);
  });

  it('bad input exits 2 with a clear message', () => {
    const cases: [string[], RegExp][] = [
      [['--systems', 'paymnts'], /no system 'paymnts' in the manifest \(did you mean 'payments'\?\)/],
      [[], /gate needs --systems a,b or PATHs/],
      [['--systems', 'web', 'web/b.ts'], /give --systems or PATHs, not both/],
      [['--systems', 'web', '--window', '2026-10-23T12:00Z'], /--window expects START\/END/],
      [['--systems', 'web', '--window', '2026-10-23T12:00Z/2026-10-23T11:00Z'], /--window: the end must be later than the start/],
      [['--systems', 'web', '--min-open', 'soon'], /--min-open expects a duration/],
      [['--systems', 'web', '-f', 'yaml'], /--format must be one of text, json, env for gate/],
      [['--systems', 'web', '--at', 'x', ], /--at expects an ISO-8601 time/],
      [['--systems', 'web', '--at', '2026-10-23T12:00Z', '--window', '2026-10-23T12:00Z/1h'], /--at and --window/],
    ];
    for (const [args, message] of cases) {
      const result = gate(...args);
      assert.strictEqual(result.code, 2, `${args.join(' ')}: ${result.stdout}`);
      assert.match(result.stderr, message);
    }
  });

  it('an invalid freeze is in force until fixed: exit 1 with no end and no next open window', () => {
    const broken = TempRepo.withCommit({
      'ops.yaml': `version: 1
systems:
  api: { title: API, paths: [api/] }
freezes:
  - id: bad
    title: Bad
    systems: [api]
    start: "2026-12-20T00:00Z"
    end: "2026-12-10T00:00Z"
`,
    });
    const result = broken.cli(['gate', '--systems', 'api', '--at', '2030-01-01T00:00Z', '-f', 'env']);
    assert.strictEqual(result.code, 1, result.stderr);
    assert.deepStrictEqual(env(result.stdout), { CHANGE_RADAR_FROZEN: 'true', CHANGE_RADAR_FROZEN_BY: 'bad', CHANGE_RADAR_UNTIL: '', CHANGE_RADAR_NEXT_OPEN: '' });
    assert.match(result.stderr, /ops\.yaml:\d+:\d+/);
  });
});

describe('change-radar check --window', () => {
  it('lists every freeze occurrence overlapping the planned window and exits 1 when a block one does', () => {
    const repo = TempRepo.withCommit({ 'ops.yaml': manifest, 'payments/a.ts': '', 'docs/x.md': '' });
    const blocked = repo.cli(['check', 'payments/a.ts', '--window', '2026-10-23T10:00/2026-10-23T19:00', '-f', 'json']);
    assert.strictEqual(blocked.code, 1, blocked.stderr);
    const json = JSON.parse(blocked.stdout) as { blocked: boolean; plannedWindow: { blocked: boolean; freezes: { id: string; overlap: { start: string; end: string } }[] } };
    // At the window's start nothing is active; the freeze starting inside it blocks the planned change.
    assert.strictEqual(json.blocked, false);
    assert.deepStrictEqual(json.plannedWindow.freezes.map((f) => [f.id, f.overlap.start, f.overlap.end]), [['berlin-weekend', '2026-10-23T16:00:00.000Z', '2026-10-23T17:00:00.000Z']]);
    const text = repo.cli(['check', 'payments/a.ts', '--window', '2026-10-23T10:00/2026-10-23T19:00']);
    assert.strictEqual(text.code, 1);
    assert.match(text.stdout, /Planned window 2026-10-23 10:00 GMT\+2 – 2026-10-23 19:00 GMT\+2: blocked by berlin-weekend\n {2}BLOCK {2}berlin-weekend: overlaps 2026-10-23 18:00 GMT\+2 – 2026-10-23 19:00 GMT\+2/);
    const open = repo.cli(['check', 'payments/a.ts', '--window', '2026-10-23T10:00/2026-10-23T18:00']);
    assert.strictEqual(open.code, 0, open.stdout);
    assert.match(open.stdout, /no freeze overlaps/);
    const warn = repo.cli(['check', 'docs/x.md', '--window', '2026-10-25T10:00/1h']);
    assert.strictEqual(warn.code, 0, warn.stdout);
    assert.match(warn.stdout, /no block freeze overlaps\n {2}warn {2}docs-soft/);
    const both = repo.cli(['check', '--window', '2026-10-25T10:00/1h', '--at', '2026-10-25T10:00']);
    assert.strictEqual(both.code, 2);
  });
});
