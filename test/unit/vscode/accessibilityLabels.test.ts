// What a screen reader says for each row and for the status bar: the state in words, built by the
// view models from the same facts as the rows (the icons' colours carry state and are not read out).
import * as assert from 'node:assert';
import { analyzeChange, statusReport } from '../../../src/core/evaluate/engine';
import { buildFreezeNodes } from '../../../src/vscode/views/viewModel/freezesViewModel';
import { buildImpactNodes } from '../../../src/vscode/views/viewModel/impactViewModel';
import { buildIncidentNodes } from '../../../src/vscode/views/viewModel/incidentsViewModel';
import { buildMilestoneNodes } from '../../../src/vscode/views/viewModel/milestonesViewModel';
import { summarizeStatus } from '../../../src/vscode/views/viewModel/statusSummary';
import { spokenDate } from '../../../src/vscode/views/viewModel/spokenText';
import { accessibilityLabel, node } from '../../../src/vscode/views/viewModel/viewNode';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { fixtureModel, fixtureNow } from '../viewModelFixture';

const model = fixtureModel();
const status = statusReport(model, fixtureNow, { horizonMs: 14 * 86_400_000 });

/** Every row's screen-reader label, indented like the tree. */
function spoken(nodes: readonly ViewNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${accessibilityLabel(n)}`, ...spoken(n.children, depth + 1)]);
}

function allRows(nodes: readonly ViewNode[]): ViewNode[] {
  return nodes.flatMap((n) => [n, ...allRows(n.children)]);
}

describe('accessibility labels', () => {
  describe('rows', () => {
    it('defaults to the label and the description read as one phrase', () => {
      assert.strictEqual(accessibilityLabel(node({ id: 'a', label: 'Tell @acme/web' })), 'Tell @acme/web');
      assert.strictEqual(accessibilityLabel(node({ id: 'b', label: 'a.ts', description: 'services/checkout · modified' })), 'a.ts, services/checkout, modified');
      assert.strictEqual(accessibilityLabel(node({ id: 'c', label: 'x', description: 'y', accessibility: 'Blocked: x' })), 'Blocked: x');
    });

    it('shows control and bidi characters of manifest text escaped, as in the label', () => {
      const row = node({ id: 'a', label: 'x', accessibility: 'Blocked: evil\u202Etxt.exe' });
      assert.ok(!row.accessibility?.includes('\u202E'), row.accessibility);
    });

    it('says in the Freezes view whether a freeze blocks or warns, on what, and until or from when', () => {
      assert.deepStrictEqual(spoken(buildFreezeNodes({ freezes: status.freezes, at: fixtureNow, localZone: 'Europe/Berlin' })), [
        'Active now: 1 freeze',
        '  Blocked: Holiday freeze on checkout, until December 10',
        '    checkout',
        'Upcoming: 1 freeze',
        '  Upcoming warning freeze: Audit window on web, from December 7 at 09:00',
        '    web',
      ]);
    });

    it('says an incident-freeze lasts until the incident is resolved', () => {
      const incidentFreeze = { ...status.freezes[0], kind: 'incident' as const, id: 'INC-9', title: 'INC-9 Payments down', end: undefined };
      const [group] = buildFreezeNodes({ freezes: [incidentFreeze], at: fixtureNow, localZone: 'UTC' });
      assert.strictEqual(accessibilityLabel(group.children[0]), 'Blocked: INC-9 Payments down on checkout, until the incident is resolved, incident freeze');
    });

    it('says an incident\'s id, severity, status and systems (the severity is otherwise only the icon\'s colour)', () => {
      const nodes = buildIncidentNodes({ active: status.incidents, all: model.manifest.incidents, showResolved: true, at: fixtureNow, localZone: 'UTC' });
      assert.deepStrictEqual(spoken(nodes), [
        'sev1: 1 active incident',
        '  Incident INC-1, sev1, investigating, on ledger: Ledger writes are slow, started 2 h ago',
        'sev3: 1 active incident',
        '  Incident INC-2, sev3, identified, on web: Web *banner* broken, started 1 h ago',
        'Resolved incidents: 1',
        '  Incident INC-3, sev2, resolved, on web: Old outage, started 34 days ago',
      ]);
    });

    it('says a milestone is done, overdue or at risk (green, red and yellow icons) in words', () => {
      const [project] = buildMilestoneNodes({ projects: model.manifest.projects, atRisk: status.milestonesAtRisk, showDone: true, at: fixtureNow, localZone: 'UTC' });
      assert.deepStrictEqual([accessibilityLabel(project), ...project.children.map((m) => accessibilityLabel(m))], [
        'Project Checkout v2: 4 milestones, 3 at risk',
        'Milestone Design: done',
        'Milestone Late spec: planned, overdue, was due 3 days ago, at risk, 3 reasons',
        'Milestone Public beta: planned, due in 3 days, at risk, 3 reasons',
        'Milestone General availability: planned, due in 15 days, at risk, 1 reason',
      ]);
      assert.match(accessibilityLabel(project.children[1].children[0]), /^Risk: overdue/);
    });

    it('says in the Change Impact view what blocks the change and which changed file is frozen (the ❄ badge)', () => {
      const impact = analyzeChange(model, ['services/checkout/a.ts', 'libs/ledger/book.ts', 'README.md'], fixtureNow);
      const nodes = buildImpactNodes({ report: impact, fileStates: new Map([['services/checkout/a.ts', 'modified']]), showImpacted: true, showUnmatched: true, at: fixtureNow });
      const [checkout, ledger, impacted, unmatched] = nodes;
      assert.strictEqual(accessibilityLabel(checkout), 'System Checkout service (checkout), touched: 1 changed file, blocked by freeze Holiday freeze, 3 milestones at risk');
      assert.deepStrictEqual(checkout.children.filter((c) => c.contextValue === 'freezeFlag' || c.contextValue === 'file').map(accessibilityLabel), [
        'Blocks this change: Holiday freeze, ends in 4 days',
        'Changed file services/checkout/a.ts, modified, frozen: commits blocked by Holiday freeze',
      ]);
      assert.strictEqual(accessibilityLabel(ledger), 'System Ledger (ledger), touched: 1 changed file, incident INC-1, sev1, investigating');
      assert.strictEqual(accessibilityLabel(ledger.children[0]), 'Incident INC-1, sev1, investigating, on ledger: Ledger writes are slow, commander @dana');
      assert.deepStrictEqual(spoken([impacted]).slice(0, 3), [
        'Impacted through dependencies: 1 system',
        '  System Web shop (web), impacted via checkout → web, freeze Audit window starts soon, incident INC-2, sev3, identified',
        '    Warning freeze: Audit window, starts in 45 h',
      ]);
      assert.deepStrictEqual(spoken([unmatched]), ['In no system: 1 changed file', '  Changed file README.md, in no system']);
    });

    it('gives every coloured row of every view its own words, not the default', () => {
      const impact = analyzeChange(model, ['services/checkout/a.ts', 'libs/ledger/book.ts', 'README.md'], fixtureNow);
      const rows = allRows([
        ...buildFreezeNodes({ freezes: status.freezes, at: fixtureNow, localZone: 'UTC' }),
        ...buildIncidentNodes({ active: status.incidents, all: model.manifest.incidents, showResolved: true, at: fixtureNow, localZone: 'UTC' }),
        ...buildMilestoneNodes({ projects: model.manifest.projects, atRisk: status.milestonesAtRisk, showDone: true, at: fixtureNow, localZone: 'UTC' }),
        ...buildImpactNodes({ report: impact, fileStates: new Map(), showImpacted: true, showUnmatched: true, at: fixtureNow }),
      ]);
      const coloured = rows.filter((r) => r.icon?.color !== undefined);
      assert.ok(coloured.length > 15, `${coloured.length} coloured rows`);
      assert.deepStrictEqual(coloured.filter((r) => r.accessibility === undefined).map((r) => r.id), []);
    });
  });

  describe('spoken dates', () => {
    it('gives the month and day, the year only when another, and the time when less than two days away', () => {
      const at = Date.parse('2026-12-05T11:00:00Z');
      assert.strictEqual(spokenDate(Date.parse('2027-01-04T00:00:00+01:00'), at, 'Europe/Berlin'), 'January 4, 2027');
      assert.strictEqual(spokenDate(Date.parse('2026-12-20T00:00:00Z'), at, 'UTC'), 'December 20');
      assert.strictEqual(spokenDate(Date.parse('2026-12-05T16:00:00Z'), at, 'America/New_York'), 'December 5 at 11:00');
    });
  });

  describe('status bar', () => {
    it('says what blocks the change, on which systems and until when', () => {
      const impact = analyzeChange(model, ['services/checkout/a.ts'], fixtureNow);
      const summary = summarizeStatus([{ name: 'shop', status, impact, invalid: false }], { at: fixtureNow, horizonMs: 3_600_000, localZone: 'Europe/Berlin' });
      assert.strictEqual(summary.accessibility, 'Change Radar: Blocked: Holiday freeze on checkout, until December 10');
    });

    it('says an active sev1 in words, and an invalid manifest beside it', () => {
      const impact = analyzeChange(model, ['README.md'], fixtureNow);
      const summary = summarizeStatus([{ name: 'shop', status, impact, invalid: true }], { at: fixtureNow, horizonMs: 0, localZone: 'UTC' });
      assert.strictEqual(summary.accessibility,
        'Change Radar: Incident INC-1, sev1, investigating, on ledger: Ledger writes are slow. The manifest in shop has errors; invalid freezes are treated as in force until fixed');
    });

    it('counts down to a block freeze in words', () => {
      const impact = analyzeChange(model, ['apps/web/page.ts'], fixtureNow);
      const audit = { ...impact.freezes.find((f) => f.id === 'audit')!, enforcement: 'block' as const, files: ['apps/web/page.ts'] };
      const summary = summarizeStatus([{ name: 'shop', impact: { ...impact, freezes: [audit] }, invalid: false }], { at: fixtureNow, horizonMs: 3 * 86_400_000, localZone: 'Europe/Berlin' });
      assert.strictEqual(summary.accessibility, 'Change Radar: block freeze Audit window starts in 45 h, on December 7 at 09:00, on files you changed');
    });

    it('says all clear when nothing applies', () => {
      const quiet = statusReport(fixtureModel('version: 1\n'), fixtureNow);
      assert.match(summarizeStatus([{ name: 'shop', status: quiet, invalid: false }]).accessibility, /all clear/);
    });
  });
});
