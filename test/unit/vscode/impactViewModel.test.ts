import * as assert from 'node:assert';
import { analyzeChange } from '../../../src/core/evaluate/engine';
import { buildImpactNodes, impactHeadline } from '../../../src/vscode/views/viewModel/impactViewModel';
import type { FileState } from '../../../src/vscode/model/gitChangesModel';
import { outline } from '../../../src/vscode/views/viewModel/viewNode';
import { fixtureModel, fixtureNow } from '../viewModelFixture';

const model = fixtureModel();
const paths = ['libs/ledger/book.ts', 'README.md'];
const states = new Map<string, FileState>([['libs/ledger/book.ts', 'staged'], ['README.md', 'modified']]);
const report = analyzeChange(model, paths, fixtureNow);
const input = { report, fileStates: states, showImpacted: true, showUnmatched: true, at: fixtureNow };

describe('impactViewModel', () => {
  it('groups by touched system, then impacted systems with their chain, then files in no system', () => {
    assert.deepStrictEqual(buildImpactNodes(input).map((n) => `${n.label} — ${n.description}`), [
      'Incident: Ledger — 1 file',
      'Impacted through dependencies — 2',
      'In no system — 1 file',
    ]);
    const impacted = buildImpactNodes(input)[1].children.map((n) => n.description?.split(' · ')[0]);
    assert.deepStrictEqual(impacted, ['via ledger', 'via ledger → checkout']);
  });

  it('flags freezes, incidents and owners on system rows and opens files from file rows', () => {
    const [ledger, impactedGroup] = buildImpactNodes(input);
    assert.deepStrictEqual(ledger.children.map((c) => c.contextValue), ['incidentFlag', 'owners', 'file']);
    assert.deepStrictEqual([ledger.children[2].file, ledger.children[2].description], ['libs/ledger/book.ts', 'libs/ledger · staged']);
    const checkout = impactedGroup.children[0];
    assert.ok(checkout.label.startsWith('Frozen: '), checkout.label);
    assert.ok((checkout.tooltip ?? '').includes('holiday'), checkout.tooltip);
  });

  it('says nothing for a change near no freeze', () => {
    assert.strictEqual(impactHeadline(analyzeChange(model, ['README.md'], fixtureNow)), undefined);
  });

  it('warns when a freeze covers a system the change only impacts', () => {
    assert.strictEqual(impactHeadline(report), 'Freeze warning: Holiday freeze.');
  });

  it('marks a touched system under a block freeze and says the commit is blocked', () => {
    const blocked = analyzeChange(model, ['services/checkout/pay.ts'], fixtureNow);
    const [checkout] = buildImpactNodes({ ...input, report: blocked });
    assert.deepStrictEqual([checkout.icon, impactHeadline(blocked)], [{ id: 'lock', color: 'charts.red' }, 'Commit blocked: Holiday freeze (block freeze on a changed system).']);
    assert.ok(outline([checkout]).some((line) => line.includes('Blocks: Holiday freeze — 4 days left')), outline([checkout]).join('\n'));
  });

  it('leaves out optional groups when the settings say so', () => {
    const nodes = buildImpactNodes({ ...input, showImpacted: false, showUnmatched: false });
    assert.deepStrictEqual(nodes.map((n) => n.id), ['touched/ledger']);
  });
});
