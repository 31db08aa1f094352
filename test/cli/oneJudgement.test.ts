// Issue 24 "One judgement", spot-checked through the built CLI: `check`, `status` and `calendar`
// give the core's answers for the cases that once disagreed (the property suite in
// test/unit/consistency/ covers generated cases in-process).
import * as assert from 'node:assert';
import { TempRepo } from './support/tempRepo';

const manifest = `version: 1
timezone: UTC
systems:
  ledger: { title: Ledger, paths: [ledger/] }
  pay: { title: Payments, paths: [pay/] }
freezes:
  - { id: f1, title: Broken, systems: [pay], enforcement: block }
incidents:
  - { id: INC-1, title: Slow postings, severity: sev2, status: identified, systems: [ledger], started: "2026-10-22 06:00", freeze: block }
projects:
  - id: p
    title: P
    systems: [pay]
    milestones:
      - { id: m1, title: Launch, due: "2026-10-27", status: in-progress }
`;

describe('one judgement through the CLI', () => {
  let repo: TempRepo;
  const early = '2026-10-20T00:00:00Z';
  before(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': manifest, 'ledger/a.ts': '', 'pay/a.ts': '' });
  });

  it('an incident is neither enforced nor listed before it starts, and the calendar starts it on the 22nd', () => {
    const first = repo.cli(['check', 'ledger/a.ts', '--at', early, '-f', 'json']);
    const report = JSON.parse(first.stdout) as { blocked: boolean; incidents: unknown[] };
    assert.deepStrictEqual([report.blocked, report.incidents], [false, []]);
    const status = JSON.parse(repo.cli(['status', '--at', early, '-f', 'json']).stdout) as { incidents: unknown[]; freezes: { id: string }[] };
    assert.deepStrictEqual([status.incidents, status.freezes.map((f) => f.id)], [[], ['f1']]);
    const calendar = JSON.parse(repo.cli(['calendar', '--at', early, '-f', 'json']).stdout) as { incidents: { id: string; start: string; ongoing: boolean }[] };
    assert.deepStrictEqual(calendar.incidents.map((i) => [i.id, i.start, i.ongoing]), [['INC-1', '2026-10-22T06:00:00.000Z', false]]);
    const late = JSON.parse(repo.cli(['check', 'ledger/a.ts', '--at', '2026-10-22T06:00:00Z', '-f', 'json']).stdout) as { blocked: boolean };
    assert.strictEqual(late.blocked, true);
  });

  it('an invalid freeze is in force for check and status, and its milestone is at risk in status and the calendar', () => {
    const check = repo.cli(['check', 'pay/a.ts', '--at', early, '-f', 'json']);
    const report = JSON.parse(check.stdout) as { blocked: boolean; milestones: { id: string; risks: { kind: string; ref?: string }[] }[] };
    assert.strictEqual(report.blocked, true);
    assert.deepStrictEqual(report.milestones.map((m) => [m.id, m.risks.map((r) => [r.kind, r.ref])]), [['m1', [['freeze', 'f1']]]]);
    const status = JSON.parse(repo.cli(['status', '--at', early, '-f', 'json']).stdout) as { milestonesAtRisk: { id: string }[] };
    assert.deepStrictEqual(status.milestonesAtRisk.map((m) => m.id), ['m1']);
    const calendar = JSON.parse(repo.cli(['calendar', '--at', early, '-f', 'json']).stdout) as { milestones: { id: string; atRisk: boolean }[] };
    assert.deepStrictEqual(calendar.milestones.map((m) => [m.id, m.atRisk]), [['m1', true]]);
  });
});

describe('calendar: the total bound, stated', () => {
  it('writes at most 1000 freeze occurrences for 19 freezes every two minutes, and says it was cut short', () => {
    const freezes = Array.from({ length: 19 }, (_, i) => `  - { id: f${i}, title: F${i}, systems: ["*"], schedule: { start: "*/2 * * * *", end: "1-59/2 * * * *" } }`).join('\n');
    const repo = TempRepo.withCommit({ 'ops.yaml': `version: 1\nsystems:\n  a: { title: A, paths: [a/] }\nfreezes:\n${freezes}\n`, 'a/x.ts': '' });
    const json = repo.cli(['calendar', '--at', '2026-12-07T00:00:00Z', '-f', 'json']);
    assert.strictEqual(json.code, 0, json.stderr);
    const data = JSON.parse(json.stdout) as { freezes: unknown[]; truncated: string[]; limits: unknown; truncation?: string };
    assert.deepStrictEqual([data.freezes.length, data.truncated.length, data.limits], [1000, 19, { perFreeze: 1000, total: 1000 }]);
    assert.match(data.truncation ?? '', /^truncated: more freeze occurrences than listed/);
    // Said on stderr too, where a person running it in a terminal sees it.
    assert.match(json.stderr, /truncated/);
  });
});
