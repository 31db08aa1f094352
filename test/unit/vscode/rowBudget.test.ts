// What a newcomer sees at the default sidebar width: every row of the examples' manifest fits the
// budget (rowText.ts says why 38 characters at the top level, one less per level), with its state
// word first, and no row says the same thing twice.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeChange, compileModel, statusReport } from '../../../src/core/evaluate/engine';
import type { Manifest } from '../../../src/core/model';
import { parseManifest } from '../../../src/core/manifest/manifestParser';
import { buildFreezeNodes } from '../../../src/vscode/views/viewModel/freezesViewModel';
import { buildImpactNodes } from '../../../src/vscode/views/viewModel/impactViewModel';
import { buildIncidentNodes } from '../../../src/vscode/views/viewModel/incidentsViewModel';
import { buildMilestoneNodes } from '../../../src/vscode/views/viewModel/milestonesViewModel';
import { rowBudget, shorten, stateLabel } from '../../../src/vscode/views/viewModel/rowText';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';

function exampleManifest(): Manifest {
  const root = path.join(__dirname, '..', '..', '..', 'examples');
  const result = parseManifest('ops.yaml', (file) => {
    const full = path.join(root, file);
    return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
  });
  assert.ok(result.manifest, 'examples/ops.yaml can be read');
  return result.manifest;
}

interface Row { readonly view: string; readonly depth: number; readonly node: ViewNode }

function flatten(view: string, nodes: readonly ViewNode[], depth = 0): Row[] {
  return nodes.flatMap((node) => [{ view, depth, node }, ...flatten(view, node.children, depth + 1)]);
}

/** Every row of the four tree views at `at`, with a change that touches five systems and a file in none. */
function allRows(at: number): Row[] {
  const manifest = exampleManifest();
  const model = compileModel(manifest);
  const status = statusReport(model, at, { horizonMs: 30 * 86_400_000 });
  const changed = ['services/ledger/post.ts', 'services/checkout/src/pay.ts', 'apps/web/page.tsx', 'services/search/rank.ts', 'infra/main.tf', 'README.md'];
  const impact = analyzeChange(model, changed, at);
  return [
    ...flatten('freezes', buildFreezeNodes({ freezes: status.freezes, at, localZone: 'UTC' })),
    ...flatten('incidents', buildIncidentNodes({ active: status.incidents, all: manifest.incidents, showResolved: true, at, localZone: 'UTC', changesLabel: () => 'Changes in the 72 h before (12)' })),
    ...flatten('milestones', buildMilestoneNodes({ projects: manifest.projects, atRisk: status.milestonesAtRisk, showDone: true, at, localZone: 'UTC' })),
    ...flatten('impact', buildImpactNodes({ report: impact, fileStates: new Map([['README.md', 'modified']]), showImpacted: true, showUnmatched: true, at })),
  ];
}

const shown = (row: Row): string => `${row.node.label}${row.node.description ? ` ${row.node.description}` : ''}`;

/** Rows that stand for something with a state (a freeze, a milestone, a system of the change, a flag). */
const stateful = /^(freeze\.|milestone|system\.|freezeFlag|incidentFlag|milestoneFlag|risk\.)/;
const stateWord = /^(Block|Warn|Invalid|Blocks|Warns|Overridden|Blocked|Warned|Frozen|Incident|Freeze soon|At risk|Changed|Impacted|Done|Overdue|Planned|In progress|SEV[1-4]|Due in freeze|Owner commands|Not started)\b/;

describe('rows at the default sidebar width (examples/ops.yaml)', () => {
  // During the Thanksgiving freeze with a sev1 open on the ledger; and in the holiday freeze.
  for (const instant of ['2026-11-27T15:00:00Z', '2026-12-21T12:00:00Z']) {
    const at = Date.parse(instant);
    const rows = allRows(at);

    it(`every row's label and description fit the budget at its depth (${instant})`, () => {
      assert.ok(rows.length > 40, `${rows.length} rows`);
      const over = rows.filter((row) => shown(row).length > rowBudget(row.depth)).map((row) => `${row.view} depth ${row.depth} (${shown(row).length} > ${rowBudget(row.depth)}): ${shown(row)}`);
      assert.deepStrictEqual(over, []);
    });

    it(`every row with a state starts with its state word (${instant})`, () => {
      const withState = rows.filter((row) => stateful.test(row.node.contextValue ?? ''));
      assert.ok(withState.length > 20, `${withState.length} rows with a state`);
      assert.deepStrictEqual(withState.filter((row) => !stateWord.test(row.node.label)).map((row) => `${row.view}: ${row.node.label}`), []);
    });

    it(`no row says a word twice, and every shortened name is whole in the tooltip (${instant})`, () => {
      for (const row of rows) {
        const words = shown(row).toLowerCase().match(/\b(overdue|until resolved|blocks?|warns?)\b/g) ?? [];
        assert.strictEqual(new Set(words).size, words.length, `${row.view}: ${shown(row)}`);
        if (row.node.label.includes('…')) assert.ok((row.node.tooltip ?? '').length > 0, `${row.view}: ${row.node.label} has no tooltip`);
      }
    });
  }

  it('a milestone row says "overdue" once', () => {
    const rows = allRows(Date.parse('2026-11-27T15:00:00Z'));
    const design = rows.find((row) => row.node.id === 'milestone/checkout-v2/design-signoff');
    assert.deepStrictEqual([design?.node.label, design?.node.description], ['Overdue: UX design…', '13 days late']);
  });

  it('an incident-freeze row names its incident and says "until resolved"', () => {
    const rows = allRows(Date.parse('2026-11-27T15:00:00Z'));
    const freeze = rows.find((row) => row.view === 'freezes' && row.node.id === 'freeze/incident/INC-2041');
    assert.match(freeze?.node.label ?? '', /^Block: INC-2041\b/);
    assert.strictEqual(freeze?.node.description, 'until resolved');
    assert.match(freeze?.node.tooltip ?? '', /Ends:\*\* when incident `INC-2041` is resolved/);
  });

  it('shortens at a word boundary and keeps short names whole', () => {
    assert.deepStrictEqual(
      [shorten('Thanksgiving to Cyber Monday', 18), shorten('Holiday freeze', 20), stateLabel('Block', 'Holiday freeze', '3 days left', 1), stateLabel('Block', 'Holiday change freeze', '3 days left', 1)],
      ['Thanksgiving to…', 'Holiday freeze', 'Block: Holiday freeze', 'Block: Holiday change…'],
    );
  });
});
