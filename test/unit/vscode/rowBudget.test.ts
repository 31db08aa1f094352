// What a newcomer sees at the default sidebar width: every row of the examples' manifest fits the
// budget (rowText.ts says why 38 characters at the top level, one less per level), with its state
// word first, and no row says the same thing twice. Also with entries of an organisation policy
// (extends:), in a multi-root workspace (a folder row above everything), and in German.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeChange, compileModel, statusReport } from '../../../src/core/evaluate/engine';
import type { Manifest } from '../../../src/core/model';
import { parseManifest } from '../../../src/core/manifest/manifestParser';
import { useL10nBundle } from '../../../src/vscode/base/l10n';
import { buildFreezeNodes } from '../../../src/vscode/views/viewModel/freezesViewModel';
import { buildImpactNodes } from '../../../src/vscode/views/viewModel/impactViewModel';
import { buildIncidentNodes } from '../../../src/vscode/views/viewModel/incidentsViewModel';
import { buildMilestoneNodes } from '../../../src/vscode/views/viewModel/milestonesViewModel';
import { fitRows, rowBudget, shorten, stateLabel } from '../../../src/vscode/views/viewModel/rowText';
import { groupByFolder } from '../../../src/vscode/views/viewModel/viewNode';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';

const examplesRoot = path.join(__dirname, '..', '..', '..', 'examples');
const policyRef = 'c'.repeat(40);

/** The organisation's policy the examples' repository extends in the `org` case: its freezes, incident and project select the shop's systems. */
const policy = `version: 1
timezone: Europe/Berlin
freezes:
  - id: pci-quarter-close
    title: Quarter close, PCI scope
    reason: Quarter close for everything in PCI scope
    tiers: [1]
    start: 2026-11-20 00:00
    end: 2027-01-08 00:00
    enforcement: block
  - id: soc2-evidence
    title: SOC 2 audit evidence window
    systems: ["*"]
    start: 2026-12-14 00:00
    end: 2026-12-31 00:00
    enforcement: warn
incidents:
  - id: INC-ORG-31
    title: Payments platform degraded in the EU
    severity: sev1
    status: investigating
    systems: [payments, ledger]
    started: 2026-11-27T08:00:00Z
    freeze: block
projects:
  - id: pci-dss-4
    title: PCI DSS 4.0 readiness
    systems: [payments]
    milestones:
      - id: scoping
        title: Cardholder data scoping signed off
        due: 2026-12-22
        status: in-progress
`;

/** examples/ops.yaml; with `org`, extending the organisation policy above (served from memory, as the node layer serves its verified cache). */
function exampleManifest(org = false): Manifest {
  const result = parseManifest('ops.yaml', (file) => {
    const full = path.join(examplesRoot, file);
    const text = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
    return org && file === 'ops.yaml' && text !== undefined
      ? text.replace(/^version: 1\n/m, `version: 1\nextends:\n  - id: acme-policy\n    git: https://github.com/acme/ops-policy.git\n    ref: ${policyRef}\n`)
      : text;
  }, { readExtended: (spec) => (spec.pin === policyRef ? { text: policy } : { code: 'extends-unavailable', reason: 'not in this test' }) });
  assert.ok(result.manifest, 'examples/ops.yaml can be read');
  assert.deepStrictEqual(result.problems.filter((p) => p.severity === 'error').map((p) => p.code), []);
  if (org) assert.ok(result.manifest.freezes.some((f) => f.origin !== undefined), 'the policy is extended');
  return result.manifest;
}

interface Row { readonly view: string; readonly depth: number; readonly node: ViewNode }

function flatten(view: string, nodes: readonly ViewNode[], depth = 0): Row[] {
  return nodes.flatMap((node) => [{ view, depth, node }, ...flatten(view, node.children, depth + 1)]);
}

const views = ['freezes', 'incidents', 'milestones', 'impact'] as const;

/** The four tree views' rows for a manifest at `at`, with a change that touches five systems and a file in none. */
function viewNodes(manifest: Manifest, at: number): Record<(typeof views)[number], ViewNode[]> {
  const model = compileModel(manifest);
  const status = statusReport(model, at, { horizonMs: 30 * 86_400_000 });
  const changed = ['services/ledger/post.ts', 'services/checkout/src/pay.ts', 'apps/web/page.tsx', 'services/search/rank.ts', 'infra/main.tf', 'README.md'];
  const impact = analyzeChange(model, changed, at);
  return {
    freezes: buildFreezeNodes({ freezes: status.freezes, at, localZone: 'UTC' }),
    incidents: buildIncidentNodes({ active: status.incidents, all: manifest.incidents, showResolved: true, at, localZone: 'UTC', changesLabel: () => 'Changes in the 72 h before (12)' }),
    milestones: buildMilestoneNodes({ projects: manifest.projects, atRisk: status.milestonesAtRisk, showDone: true, at, localZone: 'UTC' }),
    impact: buildImpactNodes({ report: impact, fileStates: new Map([['README.md', 'modified']]), showImpacted: true, showUnmatched: true, at }),
  };
}

type Workspace = 'examples' | 'org' | 'multi-root';

/**
 * Every row of the four tree views at `at`: of the examples' repository, of it extending the
 * organisation policy (`org`), or of both as the folders of a multi-root workspace, each view
 * grouped under a folder row as the views do (groupByFolder).
 */
function allRows(at: number, workspace: Workspace = 'examples'): Row[] {
  if (workspace !== 'multi-root') {
    const nodes = viewNodes(exampleManifest(workspace === 'org'), at);
    return views.flatMap((view) => flatten(view, nodes[view]));
  }
  const shop = viewNodes(exampleManifest(), at);
  const org = viewNodes(exampleManifest(true), at);
  return views.flatMap((view) => flatten(view, groupByFolder(view, [
    { folder: 'file:///work/shop', name: 'shop', nodes: shop[view] },
    { folder: 'file:///work/shop-org', name: 'shop-org', nodes: org[view] },
  ])));
}

const shown = (row: Row): string => `${row.node.label}${row.node.description ? ` ${row.node.description}` : ''}`;

/** Rows that stand for something with a state (a freeze, a milestone, a system of the change, a flag). */
const stateful = /^(freeze\.|milestone|system\.|freezeFlag|incidentFlag|milestoneFlag|risk\.)/;
const stateWord = /^(Block|Warn|Invalid|Blocks|Warns|Overridden|Blocked|Warned|Frozen|Incident|Freeze soon|At risk|Changed|Impacted|Done|Overdue|Planned|In progress|SEV[1-4]|Due in freeze|Owner commands|Not started)\b/;

/** Rows over the budget at their depth, as `view depth n (length > budget): text`. */
const overBudget = (rows: readonly Row[]): string[] =>
  rows.filter((row) => shown(row).length > rowBudget(row.depth)).map((row) => `${row.view} depth ${row.depth} (${shown(row).length} > ${rowBudget(row.depth)}): ${shown(row)}`);

describe('rows at the default sidebar width (examples/ops.yaml)', () => {
  // During the Thanksgiving freeze with a sev1 open on the ledger; and in the holiday freeze.
  for (const instant of ['2026-11-27T15:00:00Z', '2026-12-21T12:00:00Z']) {
    const at = Date.parse(instant);
    for (const workspace of ['examples', 'org', 'multi-root'] as const) {
      const rows = allRows(at, workspace);
      const depths = workspace === 'multi-root' ? 'a folder row above each view\'s rows' : workspace === 'org' ? 'with the organisation policy\'s entries' : 'one folder';

      it(`every row's label and description fit the budget at its depth (${instant}, ${depths})`, () => {
        assert.ok(rows.length > 40, `${rows.length} rows`);
        if (workspace === 'multi-root') assert.ok(rows.some((row) => row.depth === 3), 'rows three levels down (folder, group, freeze, system)');
        assert.deepStrictEqual(overBudget(rows), []);
      });

      it(`every row with a state starts with its state word (${instant}, ${depths})`, () => {
        const withState = rows.filter((row) => stateful.test(row.node.contextValue ?? ''));
        assert.ok(withState.length > 20, `${withState.length} rows with a state`);
        if (workspace !== 'examples') assert.ok(withState.some((row) => row.node.contextValue?.endsWith('.org')), 'organisation rows are among them');
        assert.deepStrictEqual(withState.filter((row) => !stateWord.test(row.node.label)).map((row) => `${row.view}: ${row.node.label}`), []);
      });

      it(`no row says a word twice, and every shortened name is whole in the tooltip (${instant}, ${depths})`, () => {
        for (const row of rows) {
          const words = shown(row).toLowerCase().match(/\b(overdue|until resolved|blocks?|warns?)\b/g) ?? [];
          assert.strictEqual(new Set(words).size, words.length, `${row.view}: ${shown(row)}`);
          if (row.node.label.includes('…')) assert.ok((row.node.tooltip ?? '').length > 0, `${row.view}: ${row.node.label} has no tooltip`);
        }
      });
    }
  }

  it('an organisation row keeps its width for the name: its policy is in the tooltip and read out, not in the row', () => {
    const rows = allRows(Date.parse('2026-11-27T15:00:00Z'), 'org');
    const pci = rows.find((row) => row.view === 'freezes' && row.node.id === 'freeze/freeze/pci-quarter-close');
    assert.deepStrictEqual([pci?.node.label, pci?.node.description, pci?.node.contextValue], ['Block: Quarter close…', '41 days left', 'freeze.block.org']);
    assert.match(pci?.node.tooltip ?? '', /\*\*Organisation policy:\*\* acme-policy at `c{40}`, ops\.yaml:4/);
    assert.match(pci?.node.accessibility ?? '', /from acme-policy/);
    const incident = rows.find((row) => row.view === 'incidents' && row.node.id === 'incident/INC-ORG-31');
    assert.deepStrictEqual([incident?.node.label, incident?.node.description], ['INC-ORG-31 Payments…', '7 h ago']);
    assert.match(incident?.node.tooltip ?? '', /Organisation policy:\*\* acme-policy/);
    assert.deepStrictEqual(rows.filter((row) => /from acme-policy/.test(shown(row))).map(shown), []);
  });

  it('in a multi-root workspace a row is the single-folder row, shortened only where one level deeper it would not fit (whole in its tooltip)', () => {
    const at = Date.parse('2026-11-27T15:00:00Z');
    const single = new Map(allRows(at, 'examples').map((row) => [`${row.view} ${row.node.id}`, row]));
    const multi = allRows(at, 'multi-root').filter((row) => row.node.folder === 'file:///work/shop' && row.node.contextValue !== 'folder');
    const shortened: string[] = [];
    for (const row of multi) {
      const before = single.get(`${row.view} ${row.node.id.replace('file:///work/shop#', '')}`);
      assert.ok(before, row.node.id);
      assert.strictEqual(row.depth, before.depth + 1, row.node.id);
      if (shown(before).length <= rowBudget(row.depth)) {
        assert.strictEqual(row.node.label, before.node.label);
        continue;
      }
      shortened.push(`${shown(before)} → ${shown(row)}`);
      assert.match(row.node.label, /…$/);
      assert.ok((row.node.tooltip ?? '').length > 0 && (row.node.accessibility ?? '').length > 0, row.node.id);
    }
    assert.ok(shortened.length > 0, 'some rows of the examples fill the single-folder budget');
    // fitRows on its own: a row that fits stays as it is; one that does not is cut at a word, keeps
    // its state word, and is whole in the tooltip and for a screen reader when it had neither.
    const row = { label: 'Block: Holiday change freeze', description: 'in 1 h', children: [] };
    assert.deepStrictEqual(fitRows([row], 0), [row]);
    assert.deepStrictEqual(fitRows([row], 10), [{ ...row, label: 'Block: Holiday…', tooltip: 'Block: Holiday change freeze', accessibility: 'Block: Holiday change freeze, in 1 h' }]);
    assert.deepStrictEqual(fitRows([{ ...row, tooltip: 'own', accessibility: 'own words' }], 10), [{ ...row, label: 'Block: Holiday…', tooltip: 'own', accessibility: 'own words' }]);
  });

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

describe('rows at the default sidebar width in German (l10n/bundle.l10n.de.json)', () => {
  const german = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
  before(() => useL10nBundle(german));
  after(() => useL10nBundle(undefined));

  for (const instant of ['2026-11-27T15:00:00Z', '2026-12-21T12:00:00Z']) {
    for (const workspace of ['examples', 'org', 'multi-root'] as const) {
      it(`every row fits the budget at its depth, its name shortened for the longer state words (${instant}, ${workspace})`, () => {
        const rows = allRows(Date.parse(instant), workspace);
        assert.ok(rows.some((row) => row.node.label.startsWith('Blockiert: ')), 'the rows are German');
        assert.deepStrictEqual(overBudget(rows), []);
        assert.deepStrictEqual(rows.filter((row) => row.node.label.includes('…') && !row.node.tooltip).map(shown), []);
      });
    }
  }

  it('says the risks and counts of milestones in German, and a late milestone and an incident-freeze briefly', () => {
    const rows = allRows(Date.parse('2026-11-27T15:00:00Z'), 'examples');
    const text = (id: string) => rows.find((row) => row.node.id === id)?.node;
    assert.strictEqual(text('project/checkout-v2')?.description, '2 von 3 gefährdet');
    assert.match(text('milestone/checkout-v2/design-signoff')?.description ?? '', / zu spät$/);
    assert.strictEqual(text('freeze/incident/INC-2041')?.description, 'bis behoben');
    assert.ok(rows.some((row) => row.view === 'impact' && /^(Sperre|Vorfall)(, (Sperre|Vorfall))?$/.test(row.node.description ?? '')), rows.filter((row) => row.view === 'impact').map(shown).join('\n'));
    assert.ok(rows.some((row) => row.node.label === 'Nicht begonnen'), 'the not-started risk row');
  });
});
