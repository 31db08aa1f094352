import * as assert from 'node:assert';
import { includedIncidentLines } from '../fixtures/editManifest';
import { TempRepo } from './support/tempRepo';

/**
 * The write actions on real repositories: a manifest full of comments, odd quoting, flow maps and
 * CRLF line endings (with incidents in an included LF file). Each test asserts the exact text
 * written, that `git diff` touches only the intended lines, and that `validate` passes afterwards.
 */

const crlf = (lines: readonly string[]): string => lines.join('\r\n');

const opsLines = [
  '# Change Radar manifest   (hand-written, CRLF)',
  'version: 1',
  "timezone: 'Europe/Berlin'   # office zone",
  'include: [ ops/incidents.yaml ]',
  '',
  'systems:',
  '    checkout: { paths: [services/checkout/], tier: 1 }   # the money',
  '    payments:',
  '        paths: ["services/payments/"]',
  '        tier: "1"',
  "    docs: {paths: ['docs/']}",
  '',
  'freezes:',
  '  # the big one',
  '  -   id: "holiday-2026"',
  '      tiers: [1]',
  "      start: '2026-12-18 18:00'   # Friday evening",
  '      end:   2027-01-04 09:00',
  '  - { id: weekly, systems: [docs], schedule: { start: "0 16 * * 5", end: "0 8 * * 1" } }',
  '',
  'overrides: []   # none yet',
  '',
  'projects:',
  '  - id: checkout-v2',
  '    systems: [checkout]',
  '    milestones:',
  '      - { id: beta, due: 2026-12-21 }   # 5% of traffic',
  '      - id: ga',
  '        due: "2027-02-01"',
  '        status: planned  # not yet',
  '# end of file',
  '',
];

const incidentLines = includedIncidentLines;

function repo(): TempRepo {
  const r = TempRepo.withCommit({
    'ops.yaml': crlf(opsLines),
    'ops/incidents.yaml': incidentLines.join('\n'),
    'services/payments/api.ts': 'export {};\n',
  });
  assert.strictEqual(r.cli(['validate']).code, 0, 'the fixture is valid');
  return r;
}

/** `git diff` of one file as its changed lines (without headers), and the other files untouched. */
function diffLines(r: TempRepo, file: string): string[] {
  const changed = r.git('diff', '--name-only').trim().split('\n').filter((f) => f !== '');
  assert.deepStrictEqual(changed, [file], 'only the intended file changes');
  return r.git('diff', '-U0', '--', file).split('\n').filter((line) => /^[-+](?![-+]{2} )/.test(line));
}

function ok(r: TempRepo, args: string[]): string {
  const result = r.cli(args);
  assert.strictEqual(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  assert.strictEqual(r.cli(['validate']).code, 0, 'validate passes after the edit');
  return result.stdout;
}

function refused(r: TempRepo, args: string[], message: RegExp): void {
  const before = { ops: r.read('ops.yaml'), incidents: r.read('ops/incidents.yaml') };
  const result = r.cli(args);
  assert.strictEqual(result.code, 2, `${args.join(' ')} should exit 2: ${result.stdout}${result.stderr}`);
  assert.match(result.stderr, message);
  assert.deepStrictEqual({ ops: r.read('ops.yaml'), incidents: r.read('ops/incidents.yaml') }, before, 'the files are untouched');
}

describe('write actions (CLI, real repository)', () => {
  it('incident declare appends to the included file with the next id, and prints the entry as json', () => {
    const r = repo();
    const out = ok(r, ['incident', 'declare', '--severity', 'sev1', '--systems', 'checkout,payments', '--title', 'Card: declines',
      '--freeze', 'block', '--commander', '@dana', '--url', 'https://status.example/2043', '--at', '2026-12-02 09:45', '-f', 'json']);
    assert.deepStrictEqual(JSON.parse(out), {
      action: 'incident-declare', id: 'INC-2043', file: 'ops/incidents.yaml',
      fields: {
        id: 'INC-2043', title: 'Card: declines', severity: 'sev1', status: 'investigating', systems: ['checkout', 'payments'],
        started: '2026-12-02 09:45', commander: '@dana', url: 'https://status.example/2043', freeze: 'block',
      },
    });
    assert.deepStrictEqual(diffLines(r, 'ops/incidents.yaml'), [
      '+- id: INC-2043',
      '+  title: "Card: declines"',
      '+  severity: sev1',
      '+  status: investigating',
      '+  systems: [checkout, payments]',
      '+  started: 2026-12-02 09:45',
      '+  commander: "@dana"',
      '+  url: https://status.example/2043',
      '+  freeze: block',
    ]);
    assert.strictEqual(r.read('ops.yaml'), crlf(opsLines));
    // The new incident-freeze is in force: a change to payments is blocked.
    assert.strictEqual(r.cli(['check', 'services/payments/api.ts']).code, 1);
  });

  it('incident update and resolve keep end-of-line comments and quoting', () => {
    const r = repo();
    ok(r, ['incident', 'update', 'INC-2041', '--status', 'identified']);
    assert.deepStrictEqual(diffLines(r, 'ops/incidents.yaml'), ['-  status: monitoring   # watching', '+  status: identified   # watching']);
    ok(r, ['incident', 'resolve', 'INC-2041', '--at', '2026-12-02T12:00:00+01:00']);
    assert.deepStrictEqual(diffLines(r, 'ops/incidents.yaml'), [
      '-  status: monitoring   # watching', '+  status: resolved     # watching',
      "+  resolved: 2026-12-02T12:00:00+01:00",
    ]);
    assert.strictEqual(r.read('ops/incidents.yaml').split('\n')[8], "  resolved: 2026-12-02T12:00:00+01:00");
  });

  it('freeze now appends a block item in the CRLF file; --dry-run prints the diff and writes nothing', () => {
    const r = repo();
    const args = ['freeze', 'now', '--systems', 'payments', '--for', '4h', '--reason', 'INC-2042: payments flapping', '--at', '2026-12-02 09:45'];
    const dry = r.cli([...args, '--dry-run']);
    assert.strictEqual(dry.code, 0, dry.stderr);
    assert.strictEqual(r.git('status', '--porcelain'), '');
    assert.strictEqual(dry.stdout, [
      '--- a/ops.yaml',
      '+++ b/ops.yaml',
      '@@ -17,6 +17,11 @@',
      "       start: '2026-12-18 18:00'   # Friday evening\r",
      '       end:   2027-01-04 09:00\r',
      '   - { id: weekly, systems: [docs], schedule: { start: "0 16 * * 5", end: "0 8 * * 1" } }\r',
      '+  -   id: freeze-2026-12-02-1\r',
      '+      reason: "INC-2042: payments flapping"\r',
      '+      systems: [payments]\r',
      '+      start: 2026-12-02 09:45\r',
      '+      end: 2026-12-02 13:45\r',
      ' \r',
      ' overrides: []   # none yet\r',
      ' \r',
      '',
    ].join('\n'));
    const out = ok(r, args);
    assert.match(out, /^added freeze freeze-2026-12-02-1 in ops\.yaml\n/);
    assert.strictEqual(r.read('ops.yaml'), crlf([
      ...opsLines.slice(0, 19),
      '  -   id: freeze-2026-12-02-1',
      '      reason: "INC-2042: payments flapping"',
      '      systems: [payments]',
      '      start: 2026-12-02 09:45',
      '      end: 2026-12-02 13:45',
      ...opsLines.slice(19),
    ]));
    // The second freeze of the day gets the next number.
    ok(r, ['freeze', 'now', '--all', '--until', '2026-12-02 18:00', '--warn', '--reason', 'release', '--at', '2026-12-02 10:00']);
    assert.match(r.read('ops.yaml'), /id: freeze-2026-12-02-2\r\n {6}reason: release\r\n {6}systems: \["\*"\]\r\n {6}start: 2026-12-02 10:00\r\n {6}end: 2026-12-02 18:00\r\n {6}enforcement: warn\r\n/);
  });

  it('freeze now --title writes the title after the id (what the editor\'s Freeze Now… asks for); an empty title is refused', () => {
    const r = repo();
    ok(r, ['freeze', 'now', '--systems', 'payments', '--for', '2h', '--title', 'Payments repair', '--reason', 'flapping', '--at', '2026-12-02 09:45']);
    assert.match(r.read('ops.yaml'), /id: freeze-2026-12-02-1\r\n {6}title: Payments repair\r\n {6}reason: flapping\r\n {6}systems: \[payments\]\r\n/);
    refused(r, ['freeze', 'now', '--systems', 'payments', '--for', '2h', '--title', ' ', '--reason', 'x', '--at', '2026-12-02 10:00'], /--title/);
  });

  it('freeze end and extend replace only the value; an end before the start is refused', () => {
    const r = repo();
    ok(r, ['freeze', 'end', 'holiday-2026', '--at', '2026-12-24 12:00']);
    assert.deepStrictEqual(diffLines(r, 'ops.yaml'), ['-      end:   2027-01-04 09:00\r', '+      end:   2026-12-24 12:00\r']);
    ok(r, ['freeze', 'extend', 'holiday-2026', '--until', '2027-01-06 09:00']);
    assert.deepStrictEqual(diffLines(r, 'ops.yaml'), ['-      end:   2027-01-04 09:00\r', '+      end:   2027-01-06 09:00\r']);
    refused(r, ['freeze', 'end', 'holiday-2026', '--at', '2026-12-18 17:00'], /before freeze `holiday-2026` starts/);
  });

  it('ending a recurring freeze approves an override of its current window in the flow list', () => {
    const r = repo();
    refused(r, ['freeze', 'end', 'weekly', '--at', '2026-12-04 17:00'], /recurring.*--approved-by/);
    const out = ok(r, ['freeze', 'end', 'weekly', '--at', '2026-12-04 17:00', '--approved-by', '@lee', '--reason', 'docs hotfix']);
    assert.match(out, /keeps its schedule/);
    assert.deepStrictEqual(diffLines(r, 'ops.yaml'), [
      '-overrides: []   # none yet\r',
      '+overrides: [{ freeze: weekly, reason: docs hotfix, approvedBy: "@lee", expires: 2026-12-07 08:00 }]   # none yet\r',
    ]);
    refused(r, ['freeze', 'extend', 'weekly', '--until', '2026-12-08'], /recurring/);
  });

  it('override add appends to the flow list; milestone set edits a flow map and a block map', () => {
    const r = repo();
    ok(r, ['override', 'add', '--freeze', 'holiday-2026', '--paths', 'services/payments/api.ts', '--approved-by', 'cto@acme.example',
      '--reason', 'hotfix, approved', '--expires', '2030-01-01', '--at', '2026-12-02 09:00']);
    assert.deepStrictEqual(diffLines(r, 'ops.yaml'), [
      '-overrides: []   # none yet\r',
      '+overrides: [{ freeze: holiday-2026, paths: [services/payments/api.ts], reason: "hotfix, approved", approvedBy: cto@acme.example, expires: 2030-01-01 00:00 }]   # none yet\r',
    ]);
    r.git('commit', '-qam', 'override');
    ok(r, ['milestone', 'set', 'checkout-v2/beta', '--status', 'done']);
    ok(r, ['milestone', 'set', 'checkout-v2/ga', '--status', 'in-progress']);
    assert.deepStrictEqual(diffLines(r, 'ops.yaml'), [
      '-      - { id: beta, due: 2026-12-21 }   # 5% of traffic\r',
      '+      - { id: beta, due: 2026-12-21, status: done }   # 5% of traffic\r',
      '-        status: planned  # not yet\r',
      '+        status: in-progress # not yet\r',
    ]);
  });

  it('bad input exits 2 with a clear message and leaves the files untouched', () => {
    const r = repo();
    refused(r, ['incident', 'declare', '--severity', 'sev2', '--systems', 'chekout', '--title', 'x'], /unknown system `chekout`; did you mean `checkout`/);
    refused(r, ['incident', 'declare', '--severity', 'sev2', '--systems', 'checkout', '--title', 'x', '--id', 'INC-2041'], /already exists/);
    refused(r, ['override', 'add', '--freeze', 'nope', '--approved-by', 'a', '--reason', 'b'], /unknown freeze `nope`/);
    refused(r, ['incident', 'resolve', 'INC-2042', '--at', '2026-12-01 10:00'], /before the incident started/);
    refused(r, ['freeze', 'now', '--systems', 'payments', '--reason', 'x'], /exactly one of --for/);
    refused(r, ['incident', 'declare', '--systems', 'checkout', '--title', 'x'], /needs --severity/);
    // A manifest already invalid where the action touches it.
    r.write({ 'ops/incidents.yaml': incidentLines.join('\n').replace('  severity: sev3', '  severity: sev3\n  freeze: sometimes') });
    refused(r, ['incident', 'resolve', 'INC-2042'], /INC-2042.*has an error/);
  });
});
