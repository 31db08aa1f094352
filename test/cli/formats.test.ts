import * as assert from 'node:assert';
import * as fs from 'node:fs';
import type { ImpactReport, PathExplanation, StatusReport } from '../../src/core/evaluate/report';
import { baseFiles, calendarManifest, during } from './support/fixtures';
import { TempRepo } from './support/tempRepo';

describe('change-radar output formats', () => {
  let repo: TempRepo;
  before(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': calendarManifest, ...baseFiles });
  });

  const changed = ['services/checkout/pay.ts', 'docs/guide.md', 'free/a.txt'];

  it('json: one object with the documented fields, field by field', () => {
    const result = repo.cli(['check', '--format', 'json', '--at', during, ...changed]);
    assert.strictEqual(result.code, 1);
    const report = JSON.parse(result.stdout) as ImpactReport;
    assert.strictEqual(report.at, '2026-12-24T10:00:00.000Z');
    assert.strictEqual(report.blocked, true);
    assert.deepStrictEqual(report.files.map((f) => ({ path: f.path, systems: f.systems, owners: f.owners })), [
      { path: 'docs/guide.md', systems: ['docs'], owners: ['@org/writers'] },
      { path: 'free/a.txt', systems: [], owners: [] },
      { path: 'services/checkout/pay.ts', systems: ['checkout'], owners: ['@pay', '@org/payments'] },
    ]);
    assert.deepStrictEqual(report.systems.map((s) => ({ id: s.id, touched: s.touched, via: s.via })), [
      { id: 'checkout', touched: true, via: [] },
      { id: 'docs', touched: true, via: [] },
      { id: 'web', touched: false, via: ['checkout', 'web'] },
    ]);
    assert.deepStrictEqual(report.freezes.map((f) => ({
      id: f.id, title: f.title, enforcement: f.enforcement, active: f.active, start: f.start, end: f.end,
      systems: f.systems, files: f.files, overridden: f.overridden, effect: f.effect,
    })), [
      { id: 'holiday', title: 'Holiday freeze', enforcement: 'block', active: true, start: '2026-12-20T00:00:00.000Z', end: '2027-01-03T00:00:00.000Z', systems: ['checkout'], files: ['services/checkout/pay.ts'], overridden: false, effect: 'block' },
      { id: 'docs-quiet', title: 'Docs quiet period', enforcement: 'warn', active: true, start: '2026-12-01T00:00:00.000Z', end: '2027-01-31T00:00:00.000Z', systems: ['docs'], files: ['docs/guide.md'], overridden: false, effect: 'warn' },
      { id: 'web-freeze', title: 'Web release freeze', enforcement: 'block', active: false, start: '2026-12-28T00:00:00.000Z', end: '2027-01-05T00:00:00.000Z', systems: ['web'], files: [], overridden: false, effect: 'none' },
    ]);
    assert.deepStrictEqual(report.incidents.map((i) => ({ id: i.id, title: i.title, severity: i.severity, status: i.status, systems: i.systems })), [
      { id: 'INC-7', title: 'Slow pages', severity: 'sev2', status: 'identified', systems: ['web'] },
    ]);
    assert.deepStrictEqual(report.milestones.map((m) => ({ project: m.project, id: m.id, title: m.title, due: m.due, risks: m.risks.map((r) => r.kind) })), [
      { project: 'v2', id: 'beta', title: 'Beta launch', due: '2026-12-27T23:59:59.999Z', risks: ['freeze'] },
    ]);
    assert.deepStrictEqual(report.owners, ['@pay', '@org/writers', '@org/payments']);
  });

  it('json: --horizon 0 drops the upcoming freeze', () => {
    const report = JSON.parse(repo.cli(['check', '--format', 'json', '--at', during, '--horizon', '0', ...changed]).stdout) as ImpactReport;
    assert.deepStrictEqual(report.freezes.map((f) => f.id), ['holiday', 'docs-quiet']);
  });

  it('text: no colour when not a TTY, colour with FORCE_COLOR, none when NO_COLOR is set', () => {
    const plain = repo.cli(['check', '--at', during, ...changed]);
    assert.ok(!plain.stdout.includes('\u001b['));
    assert.match(plain.stdout, /^Change Radar: BLOCKED — 3 file\(s\), 2 system\(s\) touched, 1 impacted/);
    assert.match(plain.stdout, /BLOCK freeze holiday "Holiday freeze"/);
    assert.match(plain.stdout, /web {2}impacted via checkout → web/);
    assert.match(plain.stdout, /Freeze-Override: <reason>/);
    assert.ok(repo.cli(['check', '--at', during, ...changed], { env: { FORCE_COLOR: '1' } }).stdout.includes('\u001b[31m'));
    assert.ok(!repo.cli(['check', '--at', during, ...changed], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout.includes('\u001b['));
  });

  it('markdown: a pull-request comment with tables', () => {
    const result = repo.cli(['check', '--format', 'markdown', '--at', during, ...changed]);
    const lines = result.stdout.split('\n');
    assert.strictEqual(lines[0], '### Change Radar: :no_entry: Blocked by a change freeze');
    assert.ok(lines.includes('| Freeze | Effect | Window | Systems | Files |'));
    assert.ok(lines.some((l) => l.startsWith('| **holiday** Holiday freeze<br>peak traffic | :no_entry: block |')));
    assert.ok(lines.includes('| **web** Web | impacted via checkout → web | @web |'));
    assert.ok(lines.some((l) => l.startsWith('| [INC-7](https://status.example.com/INC-7) | sev2 | identified |')));
  });

  it('github: annotations on the blocked and warned files, and a job summary', () => {
    const summary = repo.path('summary.md');
    const result = repo.cli(['check', '--format', 'github', '--at', during, ...changed], { env: { GITHUB_STEP_SUMMARY: summary } });
    assert.strictEqual(result.code, 1);
    const lines = result.stdout.trim().split('\n');
    assert.ok(lines.some((l) => l.startsWith('::error file=services/checkout/pay.ts,title=Freeze holiday::Holiday freeze — peak traffic')), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('::warning file=docs/guide.md,title=Freeze docs-quiet::')));
    assert.ok(lines.some((l) => l.startsWith('::warning title=Incident INC-7 (sev2)::Slow pages')));
    assert.ok(lines.some((l) => l.startsWith('::notice title=Upcoming freeze web-freeze::')));
    assert.match(fs.readFileSync(summary, 'utf8'), /^### Change Radar: :no_entry: Blocked/);
  });

  it('github: manifest problems become error annotations with their location', () => {
    const broken = TempRepo.withCommit({ 'ops.yaml': 'version: 1\nsystems:\n  web:\n    title: Web\n    paths: web/\n' });
    const result = broken.cli(['check', '--format', 'github', 'web/x']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stdout, /^::error file=ops\.yaml,line=5,col=\d+,endLine=\d+,endColumn=\d+,title=[\w-]+::/m);
  });

  it('explain: systems by pattern, dependents, owners incl. CODEOWNERS (text and json)', () => {
    const text = repo.cli(['explain', '--at', during, 'services/checkout/pay.ts']);
    assert.strictEqual(text.code, 0);
    assert.match(text.stdout, /systems: checkout \(by services\/checkout\/\)/);
    assert.match(text.stdout, /depended on by: web \(checkout → web\)/);
    assert.match(text.stdout, /CODEOWNERS: +@org\/payments \(CODEOWNERS line 1\)/);
    const explanation = JSON.parse(repo.cli(['explain', '--format', 'json', '--at', during, 'services/checkout/pay.ts']).stdout) as PathExplanation;
    assert.deepStrictEqual(explanation.matches, [{ system: 'checkout', pattern: 'services/checkout/' }]);
    assert.deepStrictEqual(explanation.dependents.map((d) => d.via), [['checkout', 'web']]);
    assert.deepStrictEqual(explanation.systemOwners, ['@pay']);
    assert.deepStrictEqual(explanation.codeowners, ['@org/payments']);
    assert.deepStrictEqual(explanation.freezes.map((f) => [f.id, f.effect]), [['holiday', 'block'], ['web-freeze', 'none']]);
  });

  it('status: incidents, active and upcoming freezes, milestones at risk', () => {
    const report = JSON.parse(repo.cli(['status', '--format', 'json', '--at', during]).stdout) as StatusReport;
    assert.deepStrictEqual(report.incidents.map((i) => i.id), ['INC-7']);
    assert.deepStrictEqual(report.freezes.map((f) => [f.id, f.active]), [['holiday', true], ['docs-quiet', true], ['web-freeze', false]]);
    assert.deepStrictEqual(report.milestonesAtRisk.map((m) => m.id), ['beta']);
    const text = repo.cli(['status', '--at', during]).stdout;
    assert.match(text, /Active freezes \(2\)/);
    assert.match(text, /Upcoming freezes \(1\)\n {2}web-freeze/);
    assert.match(repo.cli(['status', '--format', 'markdown', '--at', during]).stdout, /^#### Milestones at risk \(1\)$/m);
  });

  it('validate: exit 0 and a summary for a valid manifest; every problem located for an invalid one', () => {
    const ok = repo.cli(['validate']);
    assert.strictEqual(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /ops\.yaml: valid \(0 error\(s\)/);
    const broken = TempRepo.withCommit({ 'ops.yaml': 'version: 1\nsystems:\n  web:\n    title: Web\n    paths: [web/]\n    dependsOn: [nowhere]\n    colour: blue\n' });
    const bad = broken.cli(['validate']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stdout, /^ops\.yaml:6:\d+: error [\w-]+: .*nowhere/m);
    assert.match(bad.stdout, /^ops\.yaml:7:5: warning [\w-]+: /m);
    const asJson = JSON.parse(broken.cli(['validate', '--format', 'json']).stdout) as { valid: boolean; problems: Array<{ severity: string; range: { start: { line: number } } }> };
    assert.strictEqual(asJson.valid, false);
    assert.deepStrictEqual(asJson.problems.map((p) => [p.severity, p.range.start.line]), [['error', 5], ['warning', 6]]);
  });

  it('validate --manifest reads an explicit file, relative to --cwd', () => {
    const other = TempRepo.withCommit({ 'config/radar.yaml': calendarManifest });
    const result = other.cli(['validate', '--cwd', other.path('config'), '--manifest', 'radar.yaml']);
    assert.strictEqual(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^config\/radar\.yaml: valid/m);
  });
});
