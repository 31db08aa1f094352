import * as assert from 'node:assert';
import { analyzeChange, compileModel, statusReport } from '../../../../src/core/evaluate/engine';
import { WarningSlice } from '../../../../src/core/evaluate/fileWarnings';
import { freeze, manifest as makeManifest, ms, system } from '../../manifestFactory';
import { buildImpactNodes } from '../../../../src/vscode/views/viewModel/impactViewModel';
import { buildIncidentNodes } from '../../../../src/vscode/views/viewModel/incidentsViewModel';
import { fixtureModel, fixtureNow } from '../../viewModelFixture';

// The impact view's "tell" rows: a system with `oncall:` (static, or who a live source says is on
// call) gets an "On call now" row after its owners, and the field in its tooltip.
describe('impactViewModel: on call now', () => {
  const base = fixtureModel();
  const manifest = { ...base.manifest, systems: base.manifest.systems.map((s) => (s.id === 'ledger' ? { ...s, oncall: 'Ana Silva (level 1) *bold*' } : s)) };
  const model = compileModel(manifest);

  it('a row after the owners, and the field in the tooltip (escaped there)', () => {
    const [ledger] = buildImpactNodes({ report: analyzeChange(model, ['libs/ledger/book.ts'], fixtureNow), fileStates: new Map(), showImpacted: false, showUnmatched: false, at: fixtureNow });
    assert.deepStrictEqual(ledger.children.map((c) => c.contextValue), ['incidentFlag', 'owners', 'oncall', 'file']);
    // Shortened to the sidebar's width (rowText.ts); whole, escaped, in the row's tooltip.
    assert.deepStrictEqual([ledger.children[2].label, ledger.children[2].tooltip], ['On call now: Ana Silva (level 1)…', 'On call now: Ana Silva (level 1) \\*bold\\*']);
    assert.ok(String(ledger.tooltip).includes('On call now') && String(ledger.tooltip).includes('\\*bold\\*'), String(ledger.tooltip));
  });

  it('no row without one', () => {
    const [ledger] = buildImpactNodes({ report: analyzeChange(base, ['libs/ledger/book.ts'], fixtureNow), fileStates: new Map(), showImpacted: false, showUnmatched: false, at: fixtureNow });
    assert.ok(!ledger.children.some((c) => c.contextValue === 'oncall'));
  });
});

describe('fileWarnings: the who-to-tell line says who is on call', () => {
  const manifest = makeManifest({
    systems: [
      system({ id: 'checkout', paths: ['services/checkout/**'], owners: ['@acme/checkout'], oncall: '#checkout-oncall' }),
      system({ id: 'web', paths: ['apps/web/**'], owners: ['@acme/web'], dependsOn: ['checkout'], oncall: 'Ana Silva (level 1)' }),
      system({ id: 'docs', paths: ['docs/**'], owners: ['@acme/docs'] }),
    ],
    freezes: [freeze({ id: 'f', title: 'Freeze', systems: ['checkout', 'web', 'docs'], enforcement: 'block', start: ms('2026-12-20T00:00:00Z'), end: ms('2027-01-03T00:00:00Z') })],
  });
  const at = ms('2026-12-22T12:00:00Z');
  const messages = (path: string): string[] => WarningSlice.build(compileModel(manifest), at).warningsFor(path).map((w) => w.message);

  it('after the owners, for the systems of the warning that have one', () => {
    const own = messages('services/checkout/a.ts');
    assert.ok(own.length > 0 && own.every((m) => m.endsWith(' Tell: @acme/checkout. On call now: checkout: #checkout-oncall.')), own.join('\n'));
    assert.ok(messages('docs/a.md').every((m) => !m.includes('On call')));
  });
});

describe('incidentsViewModel: who is on call for the incident systems, in its tooltip', () => {
  const model = fixtureModel();
  const status = statusReport(model, fixtureNow);
  const input = { active: status.incidents, all: model.manifest.incidents, showResolved: false, at: fixtureNow, localZone: 'UTC' };

  it('a field listing the systems that say (escaped); none without', () => {
    const [sev1] = buildIncidentNodes({ ...input, oncall: new Map([['ledger', 'Ana *S*'], ['web', 'Bo']]) });
    assert.ok(String(sev1.children[0].tooltip).includes('ledger: Ana \\*S\\*'), String(sev1.children[0].tooltip));
    assert.ok(!String(sev1.children[0].tooltip).includes('Bo'));
    assert.ok(!String(buildIncidentNodes(input)[0].children[0].tooltip).includes('On call now'));
  });
});
