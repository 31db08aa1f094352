import * as assert from 'node:assert';
import type { IncidentReport } from '../../../src/core/evaluate/report';
import { emptyRange } from '../../../src/core/problem';
import { buildIncidentNodes } from '../../../src/vscode/views/viewModel/incidentsViewModel';
import { buildSourceNodes } from '../../../src/vscode/views/viewModel/liveSourcesViewModel';
import { outline } from '../../../src/vscode/views/viewModel/viewNode';

const at = Date.parse('2026-12-21T12:00:00Z');
const minute = 60_000;

describe('Incidents view: live sources', () => {
  it('a source row says how many incidents its data holds and how old it is', () => {
    assert.deepStrictEqual(outline(buildSourceNodes([{ id: 'status', type: 'statuspage', fetchedAt: at - 2 * minute, incidents: 1 }], at, 'UTC', true)), [
      'Source status — 1 active · data from 2 min ago',
    ]);
  });

  it('a failing source shows its error and the age of the data still shown; never read yet says so', () => {
    const nodes = buildSourceNodes([
      { id: 'pd', type: 'pagerduty', fetchedAt: at - 10 * minute, incidents: 2, error: '/incidents: HTTP 500', errorAt: at - minute },
      { id: 'new', type: 'statuspage', incidents: 0, error: 'no answer within 10 s (timed out)', errorAt: at },
    ], at, 'UTC', true);
    assert.deepStrictEqual(outline(nodes), [
      'Source pd — failed: /incidents: HTTP 500 · showing data from 10 min ago',
      'Source new — failed: no answer within 10 s (timed out) · no data yet',
    ]);
    assert.strictEqual(nodes[0].contextValue, 'liveSource.error');
    assert.ok((nodes[0].tooltip ?? '').includes('**Error:** /incidents: HTTP 500'), nodes[0].tooltip);
  });

  it('in an untrusted workspace the row says sources are not read', () => {
    assert.deepStrictEqual(outline(buildSourceNodes([{ id: 'status', type: 'statuspage', incidents: 0 }], at, 'UTC', false)), ['Source status — not read: the workspace is not trusted']);
  });

  it('a source incident row names its source and data age; the tooltip escapes its text', () => {
    const incident: IncidentReport = {
      id: 'status:sp1', title: 'Payments *down*', severity: 'sev1', status: 'investigating', systems: ['payments'],
      started: new Date(at - 30 * minute).toISOString(), url: 'https://stspg.io/sp1', source: { file: 'ops.yaml', range: emptyRange },
      live: { source: 'status', fetchedAt: new Date(at - minute).toISOString() },
    };
    const nodes = buildIncidentNodes({ active: [incident], all: [], showResolved: false, at, localZone: 'UTC' });
    assert.deepStrictEqual(outline(nodes), ['SEV1 — 1 active', '  status:sp1… — 30 min ago · status']);
    const row = nodes[0].children[0];
    assert.strictEqual(row.url, 'https://stspg.io/sp1');
    assert.ok((row.tooltip ?? '').includes('Payments \\*down\\*') && (row.tooltip ?? '').includes('**Source:** status, data from 1 min ago'), row.tooltip);
  });
});
