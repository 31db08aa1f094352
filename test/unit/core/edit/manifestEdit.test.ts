import * as assert from 'node:assert';
import { nextId, runManifestAction } from '../../../../src/core/edit/manifestActions';
import type { ManifestAction, ManifestTexts } from '../../../../src/core/edit/manifestActions';
import { localTimeText, parseDuration } from '../../../../src/core/edit/editTime';
import { includedIncidentLines } from '../../../fixtures/editManifest';
import { parseManifest } from '../../../../src/core/manifest/manifestParser';

// A manifest written the way people write them: comments everywhere, odd quoting, flow maps, blank lines.
const root = [
  '# Change Radar manifest   (hand-written)',
  'version: 1',
  "timezone: 'Europe/Berlin'   # office zone",
  'include: [ ops/incidents.yaml ]',
  '',
  'systems:',
  '    checkout: { paths: [services/checkout/], tier: 1 }   # the money',
  '    payments:',
  '        paths: ["services/payments/"]',
  '        tier: "1"',
  '    docs: {paths: [docs/]}',
  '',
  'freezes:',
  '  # the big one',
  '  -   id: "holiday-2026"',
  '      tiers: [1]',
  "      start: '2026-12-18 18:00'   # Friday evening",
  '      end:   2027-01-04 09:00',
  '  - { id: weekly, systems: [docs], schedule: { start: "0 16 * * 5", end: "0 8 * * 1" } }',
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
].join('\r\n');

const incidents = includedIncidentLines.join('\n');

const texts = (files: Record<string, string> = {}): ManifestTexts => ({
  rootFile: 'ops.yaml',
  baseDir: '',
  files: new Map(Object.entries({ 'ops.yaml': root, 'ops/incidents.yaml': incidents, ...files })),
});

const now = Date.parse('2026-12-02T08:45:30Z'); // 09:45 in Berlin

function run(action: ManifestAction, source = texts()) {
  const outcome = runManifestAction(source, action, now);
  if (!outcome.ok) assert.fail(outcome.error);
  return outcome.result;
}

function refused(action: ManifestAction, source = texts()): string {
  const outcome = runManifestAction(source, action, now);
  assert.strictEqual(outcome.ok, false, 'the action should be refused');
  return outcome.ok ? '' : outcome.error;
}

/** The lines that differ between two texts (same number of lines before and after the change). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) };
}

function valid(result: ReturnType<typeof run>, source = texts()): void {
  const files = new Map(source.files);
  for (const edit of result.edits) files.set(edit.file, edit.after);
  const parsed = parseManifest('ops.yaml', (f) => files.get(f));
  assert.deepStrictEqual(parsed.problems.filter((p) => p.severity !== 'info'), []);
}

describe('manifest write actions (core edit engine)', () => {
  it('the fixture itself is valid', () => {
    const parsed = parseManifest('ops.yaml', (f) => texts().files.get(f));
    assert.deepStrictEqual(parsed.problems, []);
  });

  it('declare appends an incident to the included file that holds incidents, matching its indentation', () => {
    const result = run({ kind: 'incident-declare', severity: 'SEV1', systems: ['checkout', 'payments'], title: 'Card: declines', freeze: 'block', commander: '@dana' });
    assert.strictEqual(result.id, 'INC-2043');
    assert.strictEqual(result.file, 'ops/incidents.yaml');
    assert.strictEqual(result.edits.length, 1);
    assert.deepStrictEqual(changedLines(incidents, result.edits[0].after), {
      removed: [],
      added: [
        '- id: INC-2043',
        '  title: "Card: declines"',
        '  severity: sev1',
        '  status: investigating',
        '  systems: [checkout, payments]',
        '  started: 2026-12-02 09:45',
        '  commander: "@dana"',
        '  freeze: block',
      ],
    });
    valid(result);
  });

  it('declare with CRLF into the root file keeps CRLF and creates the missing section at the end', () => {
    const source = texts({ 'ops.yaml': root.replace('include: [ ops/incidents.yaml ]\r\n', '') });
    const result = run({ kind: 'incident-declare', severity: 'sev2', systems: ['docs'], title: 'Docs down', at: '2026-12-02T08:00:00Z' }, source);
    assert.strictEqual(result.id, 'INC-1');
    assert.strictEqual(result.file, 'ops.yaml');
    const after = result.edits[0].after;
    assert.ok(after.startsWith(source.files.get('ops.yaml') ?? 'x'));
    assert.strictEqual(after.slice((source.files.get('ops.yaml') ?? '').length),
      '\r\nincidents:\r\n  - id: INC-1\r\n    title: Docs down\r\n    severity: sev2\r\n    status: investigating\r\n    systems: [docs]\r\n    started: 2026-12-02T08:00:00Z\r\n');
    assert.ok(!/[^\r]\n/.test(after), 'every line break stays CRLF');
    valid(result, source);
  });

  it('refuses unknown systems, duplicate ids and a bad severity, with a did-you-mean', () => {
    assert.match(refused({ kind: 'incident-declare', severity: 'sev2', systems: ['chekout'], title: 'x' }), /unknown system `chekout`; did you mean `checkout`/);
    assert.match(refused({ kind: 'incident-declare', severity: 'sev2', systems: ['checkout'], title: 'x', id: 'INC-2041' }), /already exists/);
    assert.match(refused({ kind: 'incident-declare', severity: 'critical', systems: ['checkout'], title: 'x' }), /--severity must be one of sev1/);
  });

  it('update replaces the status and keeps the end-of-line comment', () => {
    const result = run({ kind: 'incident-update', id: 'INC-2041', status: 'identified' });
    assert.deepStrictEqual(changedLines(incidents, result.edits[0].after), {
      removed: ['  status: monitoring   # watching'],
      added: ['  status: identified   # watching'],
    });
  });

  it('resolve writes status and resolved after started; refuses a time before the start', () => {
    const result = run({ kind: 'incident-resolve', id: 'INC-2042' });
    assert.deepStrictEqual(changedLines(incidents, result.edits[0].after), {
      removed: ['  status: investigating', '  systems: [payments]', '  started: 2026-12-01 11:00'],
      added: ['  status: resolved', '  systems: [payments]', '  started: 2026-12-01 11:00', '  resolved: 2026-12-02 09:45'],
    });
    valid(result);
    assert.match(refused({ kind: 'incident-resolve', id: 'INC-2042', at: '2026-12-01 10:59' }), /before the incident started/);
  });

  it('freeze now appends in the style of the existing items (flow item last) with a readable id', () => {
    const result = run({ kind: 'freeze-now', systems: ['payments'], for: '4h', reason: 'INC-2042: payments flapping' });
    assert.strictEqual(result.id, 'freeze-2026-12-02-1');
    assert.deepStrictEqual(changedLines(root, result.edits[0].after), {
      removed: [],
      added: [
        '  -   id: freeze-2026-12-02-1\r',
        '      reason: "INC-2042: payments flapping"\r',
        '      systems: [payments]\r',
        '      start: 2026-12-02 09:45\r',
        '      end: 2026-12-02 13:45\r',
      ],
    });
    valid(result);
  });

  it('freeze now --all --warn until a time; refuses an end before the start', () => {
    const result = run({ kind: 'freeze-now', all: true, until: '2026-12-02 18:00', warn: true, reason: 'release' });
    assert.match(result.edits[0].after, /systems: \["\*"\]\r\n {6}start: 2026-12-02 09:45\r\n {6}end: 2026-12-02 18:00\r\n {6}enforcement: warn\r\n/);
    assert.match(refused({ kind: 'freeze-now', all: true, until: '2026-12-02 08:00', reason: 'x' }), /end .* before it starts/);
    assert.match(refused({ kind: 'freeze-now', tiers: ['7'], for: '1h', reason: 'x' }), /no system has tier `7`/);
  });

  it('freeze end keeps the quoting and padding of the value; extend moves the end', () => {
    const ended = run({ kind: 'freeze-end', id: 'holiday-2026', at: '2026-12-24 12:00' });
    assert.deepStrictEqual(changedLines(root, ended.edits[0].after), {
      removed: ['      end:   2027-01-04 09:00\r'],
      added: ['      end:   2026-12-24 12:00\r'],
    });
    const extended = run({ kind: 'freeze-extend', id: 'holiday-2026', until: '2027-01-05T09:00:00+01:00' });
    assert.deepStrictEqual(changedLines(root, extended.edits[0].after).added, ['      end:   2027-01-05T09:00:00+01:00\r']);
    assert.match(refused({ kind: 'freeze-end', id: 'holiday-2026', at: '2026-12-18 17:00' }), /before freeze `holiday-2026` starts/);
  });

  it('ending a recurring freeze writes an override for the current window; extending one is refused', () => {
    const friday = Date.parse('2026-12-04T17:00:00Z');
    const outcome = runManifestAction(texts(), { kind: 'freeze-end', id: 'weekly', approvedBy: '@lee', reason: 'docs hotfix' }, friday);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
    if (!outcome.ok) return;
    assert.strictEqual(outcome.result.file, 'ops.yaml');
    assert.match(outcome.result.note ?? '', /keeps its schedule/);
    assert.ok(outcome.result.edits[0].after.endsWith(
      '# end of file\r\n\r\noverrides:\r\n  - freeze: weekly\r\n    reason: docs hotfix\r\n    approvedBy: "@lee"\r\n    expires: 2026-12-07 08:00\r\n'));
    assert.match(refused({ kind: 'freeze-extend', id: 'weekly', until: '2026-12-08' }), /recurring/);
    assert.match(refused({ kind: 'freeze-end', id: 'weekly' }), /not in a window/);
  });

  it('override add and milestone set edit flow maps in flow syntax', () => {
    const override = run({ kind: 'override-add', freeze: 'holiday-2026', paths: ['services/payments/fix.ts'], approvedBy: 'cto', reason: 'hotfix', expires: '2026-12-03' });
    assert.deepStrictEqual(override.fields, { freeze: 'holiday-2026', paths: ['services/payments/fix.ts'], reason: 'hotfix', approvedBy: 'cto', expires: '2026-12-03 00:00' });
    valid(override);
    assert.match(refused({ kind: 'override-add', freeze: 'holliday-2026', approvedBy: 'a', reason: 'b' }), /unknown freeze `holliday-2026`; did you mean `holiday-2026`/);
    const beta = run({ kind: 'milestone-set', project: 'checkout-v2', milestone: 'beta', status: 'done' });
    assert.deepStrictEqual(changedLines(root, beta.edits[0].after), {
      removed: ['      - { id: beta, due: 2026-12-21 }   # 5% of traffic\r'],
      added: ['      - { id: beta, due: 2026-12-21, status: done }   # 5% of traffic\r'],
    });
    const ga = run({ kind: 'milestone-set', project: 'checkout-v2', milestone: 'ga', status: 'in-progress' });
    assert.deepStrictEqual(changedLines(root, ga.edits[0].after).added, ['        status: in-progress # not yet\r']);
  });

  it('refuses to touch an entry that already has an error, and an edit that adds a problem', () => {
    const broken = texts({ 'ops/incidents.yaml': incidents.replace('severity: sev3', 'severity: major') });
    assert.match(refused({ kind: 'incident-resolve', id: 'INC-2042' }, broken), /unknown incident|has an error/);
    assert.match(refused({ kind: 'incident-declare', severity: 'sev2', systems: ['checkout'], title: 'x', id: 'INC-2042' }, broken), /already exists/);
  });

  it('override add refuses --paths that name no path (it would cover every file the freeze covers)', () => {
    for (const paths of [[''], ['', ' '], [','.split(',')].flat()]) {
      assert.match(refused({ kind: 'override-add', freeze: 'holiday-2026', paths, approvedBy: 'cto', reason: 'hotfix' }), /--paths names no path/);
    }
    // Left out, the override covers every file of the freeze, as documented.
    const whole = run({ kind: 'override-add', freeze: 'holiday-2026', approvedBy: 'cto', reason: 'hotfix' });
    assert.strictEqual(whole.fields.paths, undefined);
    // Empty items around real ones are dropped.
    assert.deepStrictEqual(run({ kind: 'override-add', freeze: 'holiday-2026', paths: ['', 'docs/a.md', ' '], approvedBy: 'cto', reason: 'x' }).fields.paths, ['docs/a.md']);
  });

  it('new lines take the line ending most lines use: one stray CRLF line in an LF file stays alone', () => {
    const lf = root.split('\r\n').join('\n').replace("timezone: 'Europe/Berlin'   # office zone\n", "timezone: 'Europe/Berlin'   # office zone\r\n");
    const source = texts({ 'ops.yaml': lf });
    const result = run({ kind: 'freeze-now', systems: ['docs'], for: '1h', reason: 'docs', at: '2026-12-02 10:00' }, source);
    const after = result.edits[0].after;
    assert.strictEqual((after.match(/\r\n/g) ?? []).length, 1, 'only the stray line is CRLF');
    assert.match(after, /- {3}id: freeze-2026-12-02-1\n {6}reason: docs\n {6}systems: \[docs\]\n/);
    // And the other way round: a CRLF file with one LF line gets CRLF entries.
    const crlf = root.replace('version: 1\r\n', 'version: 1\n');
    const mostlyCrlf = run({ kind: 'freeze-now', systems: ['docs'], for: '1h', reason: 'docs', at: '2026-12-02 10:00' }, texts({ 'ops.yaml': crlf })).edits[0].after;
    assert.match(mostlyCrlf, /- {3}id: freeze-2026-12-02-1\r\n {6}reason: docs\r\n {6}systems: \[docs\]\r\n/);
  });

  it('an include that exists but cannot be read: entries are not appended elsewhere, and the message names it', () => {
    const files = new Map(texts().files);
    files.delete('ops/incidents.yaml');
    const source: ManifestTexts = { ...texts(), files, unreadable: (file) => (file === 'ops/incidents.yaml' ? 'cannot be read: permission denied' : undefined) };
    for (const action of [
      { kind: 'incident-declare', severity: 'sev2', systems: ['checkout'], title: 'x' },
      { kind: 'freeze-now', systems: ['docs'], for: '1h', reason: 'x' },
      { kind: 'override-add', freeze: 'holiday-2026', approvedBy: 'a', reason: 'b' },
    ] as const) {
      assert.match(refused(action, source), /the included file ops\/incidents\.yaml cannot be read: permission denied; it may hold `(incidents|freezes|overrides):`/);
    }
    // An entry in a readable file is still edited.
    assert.strictEqual(run({ kind: 'freeze-end', id: 'holiday-2026', at: '2026-12-24 12:00' }, source).file, 'ops.yaml');
    // An include that does not exist (nothing to say why) is the parser's error, not a refusal here.
    assert.strictEqual(run({ kind: 'incident-declare', severity: 'sev2', systems: ['checkout'], title: 'x', at: '2026-12-02 10:00' }, { ...texts(), files }).file, 'ops.yaml');
  });

  it('ids, durations and local times', () => {
    assert.strictEqual(nextId(['INC-2041', 'INC-2042', 'OTHER-9'], 'INC-'), 'INC-2043');
    assert.strictEqual(nextId(['F-007'], 'F-'), 'F-008');
    assert.strictEqual(parseDuration('1d12h'), 36 * 3_600_000);
    assert.strictEqual(localTimeText(Date.parse('2026-12-02T08:45:00Z'), 'Europe/Berlin'), '2026-12-02 09:45');
    // 02:30 on 2026-10-25 exists twice in Berlin: the second one is written with its offset.
    assert.strictEqual(localTimeText(Date.parse('2026-10-25T01:30:00Z'), 'Europe/Berlin'), '2026-10-25T02:30:00+01:00');
  });
});
