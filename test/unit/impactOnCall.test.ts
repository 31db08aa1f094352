import * as assert from 'node:assert';
import { analyzeChange, compileModel } from '../../src/core/evaluate/engine';
import { buildImpactNodes } from '../../src/vscode/views/viewModel/impactViewModel';
import { fixtureModel, fixtureNow } from './viewModelFixture';

// The impact view's "tell" rows: a system with `oncall:` (static, or who a live source says is on
// call) gets an "On call now" row after its owners, and the field in its tooltip.
describe('impactViewModel: on call now', () => {
  const base = fixtureModel();
  const manifest = { ...base.manifest, systems: base.manifest.systems.map((s) => (s.id === 'ledger' ? { ...s, oncall: 'Ana Silva (level 1) *bold*' } : s)) };
  const model = compileModel(manifest);

  it('a row after the owners, and the field in the tooltip (escaped there)', () => {
    const [ledger] = buildImpactNodes({ report: analyzeChange(model, ['libs/ledger/book.ts'], fixtureNow), fileStates: new Map(), showImpacted: false, showUnmatched: false, at: fixtureNow });
    assert.deepStrictEqual(ledger.children.map((c) => c.contextValue), ['incidentFlag', 'owners', 'oncall', 'file']);
    assert.strictEqual(ledger.children[2].label, 'On call now: Ana Silva (level 1) *bold*');
    assert.ok(String(ledger.tooltip).includes('On call now') && String(ledger.tooltip).includes('\\*bold\\*'), String(ledger.tooltip));
  });

  it('no row without one', () => {
    const [ledger] = buildImpactNodes({ report: analyzeChange(base, ['libs/ledger/book.ts'], fixtureNow), fileStates: new Map(), showImpacted: false, showUnmatched: false, at: fixtureNow });
    assert.ok(!ledger.children.some((c) => c.contextValue === 'oncall'));
  });
});
