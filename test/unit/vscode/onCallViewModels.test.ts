import * as assert from 'node:assert';
import { analyzeChange, compileModel, statusReport } from '../../../src/core/evaluate/engine';
import type { ChangeModel } from '../../../src/core/evaluate/engine';
import { WarningSlice } from '../../../src/core/evaluate/fileWarnings';
import type { LiveSource, Manifest } from '../../../src/core/model';
import { emptyRange } from '../../../src/core/problem';
import { mapOnCalls, withOnCall } from '../../../src/core/sources/pagerdutyOnCall';
import type { OnCallSnapshot } from '../../../src/core/sources/pagerdutyOnCall';
import { buildImpactNodes } from '../../../src/vscode/views/viewModel/impactViewModel';
import { buildIncidentNodes } from '../../../src/vscode/views/viewModel/incidentsViewModel';
import { escapeMarkdown } from '../../../src/vscode/views/viewModel/markdownText';
import { buildSourceNodes } from '../../../src/vscode/views/viewModel/liveSourcesViewModel';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { fixtureModel, fixtureNow } from '../viewModelFixture';

// On call now in the editor's views and save warnings: a PagerDuty `/oncalls` answer mapped by the
// core (mapOnCalls), put into the manifest the way the editor's model does it (withOnCall, as the
// CLI's `--live`), compiled, and shown by the real view models. The text is the CLI's formatter's
// (onCallText): one formatter for every face. The fixture's zone is Europe/Berlin.

const pd: LiveSource = {
  id: 'pd', type: 'pagerduty', url: 'https://api.pagerduty.com', mapping: [{ remote: 'PLED', systems: ['ledger'] }],
  freeze: {}, severity: new Map(), source: { file: 'ops.yaml', range: emptyRange },
};

/** The fixture with a static `oncall:` on ledger and web, and the PagerDuty source declared. */
function staticManifest(): Manifest {
  const base = fixtureModel().manifest;
  const oncall: Record<string, string> = { ledger: '#ledger-oncall', web: 'https://rota.example.com/web' };
  return { ...base, sources: [pd], systems: base.systems.map((s) => (oncall[s.id] !== undefined ? { ...s, oncall: oncall[s.id] } : s)) };
}

function snapshot(): OnCallSnapshot {
  const oncalls = [
    { escalation_policy: { id: 'PESC-LED' }, escalation_level: 2, user: { summary: 'Bo Chen' }, end: null },
    { escalation_policy: { id: 'PESC-LED' }, escalation_level: 1, user: { summary: 'Ana *Silva*' }, end: '2026-12-05T17:00:00Z' },
  ];
  return mapOnCalls(pd, new Map([['PLED', 'PESC-LED']]), oncalls, fixtureNow);
}

const liveText = 'Ana *Silva* (level 1, until 2026-12-05 18:00 GMT+1); Bo Chen (level 2)';

function modelWith(onCall: readonly OnCallSnapshot[]): ChangeModel {
  return compileModel(withOnCall(staticManifest(), onCall));
}

function incidentRows(model: ChangeModel): ViewNode[] {
  const oncall = new Map(model.manifest.systems.flatMap((s) => (s.oncall !== undefined ? [[s.id, s.oncall] as const] : [])));
  const nodes = buildIncidentNodes({ active: statusReport(model, fixtureNow).incidents, all: model.manifest.incidents, showResolved: false, at: fixtureNow, localZone: 'UTC', oncall });
  return nodes.flatMap((group) => group.children);
}

describe('on call now in the editor (view models, save warnings)', () => {
  it('Incidents view: a row per system of the incident, with who PagerDuty says is on call, level 1 first', () => {
    const [ledgerIncident, webIncident] = incidentRows(modelWith([snapshot()]));
    assert.strictEqual(ledgerIncident.label, 'INC-1 Ledger writes are slow');
    const rows = ledgerIncident.children.filter((c) => c.contextValue === 'oncall');
    assert.deepStrictEqual(rows.map((r) => [r.id, r.label, r.description]), [
      ['incident/INC-1/oncall/ledger', `On call now: ${liveText}`, 'ledger'],
    ]);
    // The tooltip is markdown: the name from the network is escaped there.
    assert.ok((rows[0].tooltip ?? '').includes('Ana \\*Silva\\*'), rows[0].tooltip);
    assert.ok((ledgerIncident.tooltip ?? '').includes('**On call now:** ledger: Ana \\*Silva\\*'), ledgerIncident.tooltip);
    // web is not mapped: its static text stays.
    assert.deepStrictEqual(webIncident.children.filter((c) => c.contextValue === 'oncall').map((r) => r.label), ['On call now: https://rota.example.com/web']);
  });

  it('Incidents view: before the answer (or when the lookup fails) the static oncall: is shown; nothing without one', () => {
    const [ledgerIncident] = incidentRows(modelWith([]));
    assert.deepStrictEqual(ledgerIncident.children.filter((c) => c.contextValue === 'oncall').map((r) => r.label), ['On call now: #ledger-oncall']);
    const bare = compileModel(fixtureModel().manifest);
    const [plain] = incidentRows(bare);
    assert.deepStrictEqual(plain.children, []);
  });

  it('a source that knows no one on call for a system leaves its static text', () => {
    const empty = mapOnCalls(pd, new Map([['PLED', 'PESC-LED']]), [], fixtureNow);
    const [ledgerIncident] = incidentRows(modelWith([empty]));
    assert.deepStrictEqual(ledgerIncident.children.filter((c) => c.contextValue === 'oncall').map((r) => r.label), ['On call now: #ledger-oncall']);
  });

  it('Change Impact view: the tell rows of a touched system show who is on call now', () => {
    const report = analyzeChange(modelWith([snapshot()]), ['libs/ledger/book.ts'], fixtureNow);
    const [ledger] = buildImpactNodes({ report, fileStates: new Map(), showImpacted: false, showUnmatched: false, at: fixtureNow });
    const rows = ledger.children.filter((c) => c.contextValue === 'owners' || c.contextValue === 'oncall');
    assert.deepStrictEqual(rows.map((c) => c.contextValue), ['owners', 'oncall']);
    assert.strictEqual(rows[0].label, 'Tell @acme/payments');
    // The row is cut to the sidebar's width at a word; the tooltip has the whole text.
    const full = `On call now: ${liveText}`;
    assert.ok(rows[1].label.endsWith('…') && full.startsWith(rows[1].label.slice(0, -1)), rows[1].label);
    assert.strictEqual(rows[1].tooltip?.replace(/\\(.)/g, '$1'), full);
  });

  it('save warnings: the who-to-tell line names who is on call (live), or the static text without an answer', () => {
    const message = (model: ChangeModel): string => {
      const warnings = WarningSlice.build(model, fixtureNow).warningsFor('libs/ledger/book.ts');
      const incident = warnings.find((w) => w.code === 'incident-active');
      assert.ok(incident, JSON.stringify(warnings.map((w) => w.code)));
      return incident.message;
    };
    assert.ok(message(modelWith([snapshot()])).endsWith(`On call now: ledger: ${liveText}.`), message(modelWith([snapshot()])));
    assert.ok(message(modelWith([])).endsWith('On call now: ledger: #ledger-oncall.'), message(modelWith([])));
  });

  it('Live Sources row: a failed on-call lookup shows like a source failure, beside the incidents data', () => {
    const at = fixtureNow;
    const [row] = buildSourceNodes([{ id: 'pd', type: 'pagerduty', fetchedAt: at - 60_000, incidents: 1, onCallError: '/services/PLED: HTTP 401: check the token' }], at, 'UTC', true);
    assert.strictEqual(row.description, '1 active · data from 1 min ago · on call failed: /services/PLED: HTTP 401: check the token');
    assert.strictEqual(row.contextValue, 'liveSource.error');
    // The error came from the network: escaped for the markdown tooltip (by the views' one escaper).
    const field = escapeMarkdown("failed: /services/PLED: HTTP 401: check the token; the systems' oncall: text is shown instead");
    assert.ok((row.tooltip ?? '').includes(`**On call:** ${field}`), row.tooltip);
    const [ok] = buildSourceNodes([{ id: 'pd', type: 'pagerduty', fetchedAt: at - 60_000, incidents: 1 }], at, 'UTC', true);
    assert.strictEqual(ok.contextValue, 'liveSource');
    const [untrusted] = buildSourceNodes([{ id: 'pd', type: 'pagerduty', incidents: 0, onCallError: 'x' }], at, 'UTC', false);
    assert.strictEqual(untrusted.description, 'not read: the workspace is not trusted');
  });
});
