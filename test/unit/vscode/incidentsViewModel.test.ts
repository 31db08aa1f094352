import * as assert from 'node:assert';
import { statusReport } from '../../../src/core/evaluate/engine';
import { buildIncidentNodes, urgentIncidentCount } from '../../../src/vscode/views/viewModel/incidentsViewModel';
import { outline } from '../../../src/vscode/views/viewModel/viewNode';
import { fixtureModel, fixtureNow } from '../viewModelFixture';

const model = fixtureModel();
const status = statusReport(model, fixtureNow);
const input = { active: status.incidents, all: model.manifest.incidents, showResolved: false, at: fixtureNow, localZone: 'UTC' };

describe('incidentsViewModel', () => {
  it('groups active incidents by severity, worst first, with the age as description (systems in the tooltip)', () => {
    assert.deepStrictEqual(outline(buildIncidentNodes(input)), [
      'SEV1 — 1 active',
      '  INC-1 Ledger writes are slow — 2 h ago',
      'SEV3 — 1 active',
      '  INC-2 Web *banner* broken — 1 h ago',
    ]);
  });

  it('lists resolved incidents in their own collapsed group only when asked', () => {
    const nodes = buildIncidentNodes({ ...input, showResolved: true });
    const resolved = nodes[nodes.length - 1];
    assert.deepStrictEqual([resolved.label, resolved.expanded, resolved.children.map((c) => c.label)], ['Resolved', false, ['INC-3 Old outage']]);
  });

  it('offers the url only for http(s) links', () => {
    const [sev1, sev3] = buildIncidentNodes(input);
    assert.deepStrictEqual(
      [sev1.children[0].contextValue, sev1.children[0].url, sev3.children[0].contextValue, sev3.children[0].url],
      ['incident.url', 'https://status.example.com/INC-1', 'incident', undefined],
    );
  });

  it('puts commander, status, start and url in the tooltip, escaping manifest text', () => {
    const [sev1, sev3] = buildIncidentNodes(input);
    const tooltip = sev1.children[0].tooltip ?? '';
    assert.ok(tooltip.includes('**Commander:** @dana') && tooltip.includes('**Status:** investigating'), tooltip);
    assert.ok(tooltip.includes('Sat, Dec 5, 2026, 09:00 UTC'), tooltip);
    assert.ok((sev3.children[0].tooltip ?? '').includes('Web \\*banner\\* broken'));
    assert.ok(!(sev3.children[0].tooltip ?? '').includes('javascript:'));
  });

  it('keeps the manifest entry on each row for "Reveal in ops.yaml"', () => {
    const [sev1] = buildIncidentNodes(input);
    assert.strictEqual(sev1.children[0].source?.file, 'ops.yaml');
  });

  it('counts active sev1 and sev2 incidents for the badge', () => {
    assert.strictEqual(urgentIncidentCount(status.incidents), 1);
  });
});
