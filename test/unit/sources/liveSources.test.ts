import * as assert from 'node:assert';
import { analyzeChange, compileModel, statusReport } from '../../../src/core/evaluate/engine';
import { parseManifest } from '../../../src/core/manifest/manifestParser';
import type { LiveSource, Manifest } from '../../../src/core/model';
import { withLiveData } from '../../../src/core/sources/liveData';
import { mapPagerDuty, readPagerDutyPage } from '../../../src/core/sources/pagerduty';
import { mapStatuspage } from '../../../src/core/sources/statuspage';
import {
  pagerDutyIncident, pagerDutyPage, statuspageIncidents, statuspageMaintenances,
} from '../../fixtures/livePayloads';

const at = Date.parse('2026-12-21T12:00:00Z');

const text = `version: 1
systems:
  payments: { paths: [services/payments/], owners: ["@team-pay"] }
  checkout: { paths: [services/checkout/], owners: ["@team-checkout"] }
projects:
  - id: launch
    owner: "@pat"
    systems: [payments]
    milestones: [{ id: ga, due: 2026-12-23, status: in-progress }]
sources:
  - id: status
    type: statuspage
    url: https://status.acme.example
    components: { "Payments API": payments, Checkout: checkout }
    maintenanceAsFreeze: warn
    freeze: { sev1: block }
  - id: pd
    type: pagerduty
    token: env:PD_TOKEN
    services: { PPAY001: payments, PCHK001: checkout }
    freeze: { sev1: block, sev2: warn }
    severity: { P1: sev1, P2: sev2, high: sev3 }
`;

function parsed(): Manifest {
  const result = parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? text : undefined));
  assert.deepStrictEqual(result.problems, []);
  return result.manifest!;
}

function sourceOf(manifest: Manifest, id: string): LiveSource {
  return manifest.sources!.find((source) => source.id === id)!;
}

describe('live sources: mapping payloads into the model', () => {
  const manifest = parsed();
  const status = sourceOf(manifest, 'status');
  const pd = sourceOf(manifest, 'pd');

  it('statuspage: impact → severity, components → systems, resolved and unmapped left out, freezes by the freeze map', () => {
    const snapshot = mapStatuspage(status, {
      incidents: statuspageIncidents([
        { id: 'p1', name: 'Payments API errors', impact: 'critical', components: ['Payments API'] },
        { id: 'c1', name: 'Slow checkout', impact: 'minor', status: 'monitoring', components: ['Checkout'] },
        { id: 'x1', name: 'Blog down', impact: 'major', components: ['Blog'] },
        { id: 'r1', name: 'Old', status: 'postmortem', components: ['Checkout'] },
      ]),
    }, at, 'UTC');
    assert.deepStrictEqual(snapshot.problems, []);
    assert.deepStrictEqual(snapshot.incidents.map((i) => [i.id, i.severity, i.status, i.systems, i.freeze, i.url, i.live]), [
      ['status:p1', 'sev1', 'investigating', ['payments'], 'block', 'https://stspg.io/p1', { source: 'status', fetchedAt: at }],
      ['status:c1', 'sev3', 'monitoring', ['checkout'], undefined, 'https://stspg.io/c1', { source: 'status', fetchedAt: at }],
    ]);
  });

  it('statuspage: an in-progress maintenance on a mapped component is a freeze; scheduled ones are not', () => {
    const snapshot = mapStatuspage(status, {
      incidents: statuspageIncidents([]),
      maintenances: statuspageMaintenances([
        { id: 'm1', name: 'DB upgrade', components: ['Payments API'], scheduledFor: '2026-12-21T11:00:00Z', scheduledUntil: '2026-12-21T15:00:00Z' },
        { id: 'm2', name: 'Later', status: 'scheduled', components: ['Checkout'] },
      ]),
    }, at, 'UTC');
    assert.deepStrictEqual(snapshot.freezes.map((f) => [f.id, f.systems, f.enforcement, f.start, f.end]), [
      ['status:m1', ['payments'], 'warn', Date.parse('2026-12-21T11:00:00Z'), Date.parse('2026-12-21T15:00:00Z')],
    ]);
  });

  it('pagerduty: priority wins over urgency, urgency when no priority maps, status mapped, resolved left out', () => {
    const page = readPagerDutyPage(pagerDutyPage([
      pagerDutyIncident({ id: 'Q1', title: 'Card auth failing', service: 'PPAY001', priority: 'P1', urgency: 'low' }),
      pagerDutyIncident({ id: 'Q2', title: 'Checkout latency', service: 'PCHK001', urgency: 'high', status: 'acknowledged' }),
      pagerDutyIncident({ id: 'Q3', title: 'Unmapped', service: 'POTHER' }),
      pagerDutyIncident({ id: 'Q4', title: 'Gone', service: 'PPAY001', status: 'resolved' }),
    ], 0, 100, false), 0);
    assert.strictEqual(page.next, undefined);
    const snapshot = mapPagerDuty(pd, page.incidents, at, page.problems);
    assert.deepStrictEqual(snapshot.incidents.map((i) => [i.id, i.severity, i.status, i.systems, i.freeze, i.commander]), [
      ['pd:Q1', 'sev1', 'investigating', ['payments'], 'block', 'Dana Ops'],
      ['pd:Q2', 'sev3', 'identified', ['checkout'], undefined, 'Dana Ops'],
    ]);
    assert.strictEqual(snapshot.incidents[0].title, '#1234 Card auth failing');
    assert.strictEqual(snapshot.incidents[0].url, 'https://acme.pagerduty.com/incidents/Q1');
  });

  it('pagerduty: `more` gives the next offset from the page limit; an empty page that claims more stops', () => {
    assert.strictEqual(readPagerDutyPage(pagerDutyPage([pagerDutyIncident({ id: 'A', title: 'a', service: 'PPAY001' })], 25, 25, true), 25).next, 50);
    const stuck = readPagerDutyPage({ incidents: [], more: true }, 0);
    assert.strictEqual(stuck.next, undefined);
    assert.strictEqual(stuck.problems.length, 1);
  });

  it('a response of the wrong shape is a located problem for that source, and what fits is still read', () => {
    const snapshot = mapStatuspage(status, {
      incidents: { page: {}, incidents: [42, { id: 'ok', name: 'Fine', impact: 'major', status: 'identified', components: [{ name: 'Payments API' }] }, { id: 'bad', components: 'Payments API' }] },
      maintenances: { scheduled_maintenances: 'nope' },
    }, at, 'UTC');
    assert.deepStrictEqual(snapshot.problems, [
      '/api/v2/incidents/unresolved.json incidents[0]: expected an incident object',
      '/api/v2/incidents/unresolved.json incidents[2].status: unknown status; the incident is read as investigating',
      '/api/v2/incidents/unresolved.json incidents[2].components: expected a list',
      '/api/v2/scheduled-maintenances/active.json scheduled_maintenances: expected a list',
    ]);
    assert.deepStrictEqual(snapshot.incidents.map((i) => i.id), ['status:ok']);
    assert.deepStrictEqual(readPagerDutyPage('<html>', 0).problems, ['/incidents (offset 0) (root): expected a JSON object']);
  });

  it('hostile text is cleaned: control and bidi characters, over-long titles, script links and odd ids', () => {
    const snapshot = mapStatuspage(status, {
      incidents: { incidents: [{ id: '../../x<script>', name: `evil\u202e\u0007 ${'a'.repeat(500)}`, status: 'investigating', impact: 'critical', shortlink: 'javascript:alert(1)', components: [{ name: 'Payments API' }] }] },
    }, at, 'UTC');
    const [incident] = snapshot.incidents;
    assert.strictEqual(incident.id, 'status:....xscript');
    assert.ok(!incident.title.includes('\u202e') && !incident.title.includes('\u0007') && incident.title.length <= 200, incident.title);
    assert.strictEqual(incident.url, 'https://status.acme.example/incidents/....xscript');
  });

  it('source incidents take part in every rule through the one evaluator: freeze, milestone risk, who to tell; manifest incidents carry no source', () => {
    const snapshot = mapPagerDuty(pd, [pagerDutyIncident({ id: 'Q1', title: 'Card auth failing', service: 'PPAY001', priority: 'P1' })], at);
    const model = compileModel(withLiveData(manifest, [snapshot]));
    const report = analyzeChange(model, ['services/payments/api.ts'], at);
    assert.strictEqual(report.blocked, true);
    assert.deepStrictEqual(report.freezes.map((f) => [f.id, f.kind, f.effect, f.live?.source]), [['pd:Q1', 'incident', 'block', 'pd']]);
    assert.deepStrictEqual(report.incidents.map((i) => [i.id, i.live]), [['pd:Q1', { source: 'pd', fetchedAt: '2026-12-21T12:00:00.000Z' }]]);
    assert.deepStrictEqual(report.owners, ['@team-pay']);
    assert.deepStrictEqual(report.milestones.flatMap((m) => m.risks.map((r) => [r.kind, r.ref])), [['incident', 'pd:Q1']]);
    // The trailer that releases an incident-freeze names the incident id.
    assert.strictEqual(analyzeChange(model, ['services/payments/api.ts'], at, { trailerOverride: { reason: 'hotfix for pd:Q1' } }).blocked, false);
    const status = statusReport(compileModel(manifest), at);
    assert.deepStrictEqual(status.incidents, []);
    assert.strictEqual(analyzeChange(compileModel(manifest), ['services/payments/api.ts'], at).blocked, false);
  });

  it('when the source resolves the incident, the next snapshot clears it everywhere', () => {
    const resolved = mapPagerDuty(pd, [pagerDutyIncident({ id: 'Q1', title: 'Card auth failing', service: 'PPAY001', priority: 'P1', status: 'resolved' })], at);
    const report = analyzeChange(compileModel(withLiveData(manifest, [resolved])), ['services/payments/api.ts'], at);
    assert.deepStrictEqual([report.blocked, report.freezes.length, report.incidents.length, report.milestones.length], [false, 0, 0, 0]);
  });
});
