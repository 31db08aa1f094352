// In the real host, against a mock PagerDuty server (a node:http server started here, on 127.0.0.1,
// playing `GET /incidents`, `GET /services/{id}` and `GET /oncalls`): who is on call for payments
// shows under the payments incident in the Incidents view and in a save warning's who-to-tell
// line, in the CLI's words; before the token is set, and when the lookup fails (a 401), the
// system's static `oncall:` is shown and the source row says why. The token goes only to the
// source's own origin, in one header, and never into what is shown.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { acmeSystems, manifestYaml } from '../../fixtures/acmeManifest';
import { pagerDutyPage } from '../../fixtures/livePayloads';
import { LiveServer } from '../../fixtures/liveServer';
import { activateExtension, waitFor, workspaceRoot, workspaceUri, writeWorkspaceFiles } from '../fixtures';
import { saveDocument, setManifest } from '../warningsManifest';
import type { RadarExports } from '../warningsManifest';
import { diagnosticCodeValue } from '../../../src/vscode/warnings/codeDocs';

type Radar = ChangeRadarTestApi & RadarExports;

const token = 'pd-oncall-host-5e2a-NOT-REAL';
const live = 'Ana Silva (level 1, until 2026-12-31 17:00 UTC)';

function manifest(url: string): string {
  const systems = `${acmeSystems(['checkout', 'web'], { dependencies: false })}  payments:
    title: Payments
    paths: [services/payments/]
    owners: ["@acme/payments"]
    oncall: "#pay-oncall"
`;
  const incidents = `  - id: INC-77
    title: Card payments declined
    severity: sev2
    status: investigating
    systems: [payments]
    started: 2026-01-01 00:00
`;
  return `${manifestYaml({ timezone: 'UTC', systems, incidents })}sources:
  - id: pd
    type: pagerduty
    url: ${url}
    services: { PPAY001: payments }
`;
}

function flatten(nodes: readonly ViewNode[]): ViewNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

describe('on call now in the editor (a mock PagerDuty server)', function () {
  this.timeout(90_000);
  let server: LiveServer;
  let radar: Radar;
  let original: string;

  const rows = (): ViewNode[] => flatten(radar.getTreeData('changeRadar.incidents').nodes);
  const onCallRow = (): ViewNode | undefined => rows().find((row) => row.id.endsWith('incident/INC-77/oncall/payments'));
  const sourceRow = (): ViewNode | undefined => rows().find((row) => row.label === 'Source pd');
  const incidentWarning = (): string | undefined => {
    const found = radar.warnings.slices.lookup(workspaceUri('services/payments/charge.ts'));
    return found?.slice.warningsFor(found.path).find((warning) => warning.code === 'incident-active' && warning.cause.id === 'INC-77')?.message;
  };
  const storeToken = async (value: string): Promise<void> => {
    const model = radar.services.models.withManifest[0];
    const source = model?.baseManifest?.sources?.find((s) => s.id === 'pd');
    assert.ok(model && source && radar.services.live, 'the folder declares the pd source');
    await radar.services.live.storeToken(model, source, value);
  };

  /** Edits and saves a payments file; resolves with our incident diagnostic once it satisfies `predicate`. */
  async function saveAndWait(predicate: (message: string) => boolean): Promise<string> {
    const uri = workspaceUri('services/payments/charge.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(document.lineCount, 0), `// edit ${Date.now()}\n`);
    await vscode.workspace.applyEdit(edit);
    const ours = (): string | undefined => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'change-radar' && diagnosticCodeValue(d.code) === 'incident-active')?.message;
    const published = waitFor('the incident warning on the payments file', () => {
      const message = ours();
      return message !== undefined && predicate(message) ? message : undefined;
    }, [vscode.languages.onDidChangeDiagnostics]);
    await saveDocument(document);
    return published;
  }

  before(async () => {
    server = await LiveServer.start();
    server.route('/incidents', { json: pagerDutyPage([], 0, 100, false) });
    server.route('/services/PPAY001', { json: { service: { id: 'PPAY001', escalation_policy: { id: 'PESC-PAY', type: 'escalation_policy_reference' } } } });
    server.route('/oncalls', (url) => ({
      json: {
        oncalls: url.searchParams.getAll('escalation_policy_ids[]').includes('PESC-PAY') ? [
          { escalation_policy: { id: 'PESC-PAY' }, escalation_level: 2, user: { summary: 'Bo Chen' }, end: null },
          { escalation_policy: { id: 'PESC-PAY' }, escalation_level: 1, user: { summary: 'Ana Silva' }, end: '2026-12-31T17:00:00Z' },
        ] : [],
        more: false,
      },
    }));
    writeWorkspaceFiles({ 'services/payments/charge.ts': 'export const charge = 1;\n' });
    radar = (await activateExtension()).exports as Radar;
    original = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    await setManifest(radar, manifest(server.url), () => incidentWarning() !== undefined, 30_000);
  });

  after(async () => {
    await storeToken('').catch(() => undefined);
    await setManifest(radar, original, () => incidentWarning() === undefined);
    await server.stop();
  });

  it('without a token: the static oncall: under the incident and in the save warning; the source row says why', async () => {
    await vscode.commands.executeCommand('changeRadar.refreshLiveSources');
    const row = await waitFor('the static on-call row', () => (onCallRow()?.label === 'On call now: #pay-oncall' ? onCallRow() : undefined));
    assert.strictEqual(row.description, 'payments');
    assert.match(sourceRow()?.description ?? '', /^failed: no token/);
    assert.strictEqual(server.count('/oncalls'), 0, 'nothing asked without a token');
    const message = await saveAndWait((text) => text.includes('On call now'));
    assert.ok(message.endsWith('On call now: payments: #pay-oncall.'), message);
  });

  it('with the token: who PagerDuty says is on call, level 1 first, in the incident row and the save warning', async () => {
    await storeToken(token);
    const row = await waitFor('the live on-call row', () => (onCallRow()?.label === `On call now: ${live}; Bo Chen (level 2)` ? onCallRow() : undefined));
    assert.strictEqual(row.description, 'payments');
    assert.match(sourceRow()?.description ?? '', /^0 active · data from /);
    const message = await saveAndWait((text) => text.includes(live));
    assert.ok(message.endsWith(`On call now: payments: ${live}; Bo Chen (level 2).`), message);
    // The token went to the source's own origin only, in the one header, on every on-call request.
    const asked = server.requests.filter((r) => r.path.startsWith('/services/') || r.path.startsWith('/oncalls'));
    assert.ok(asked.some((r) => r.path.startsWith('/oncalls?escalation_policy_ids%5B%5D=PESC-PAY')), JSON.stringify(asked.map((r) => r.path)));
    assert.ok(asked.every((r) => r.headers.authorization === `Token token=${token}`));
  });

  it('a 401 from PagerDuty: the static oncall: again, the source row shows the failure, the token never shown', async () => {
    server.route('/services/PPAY001', { status: 401, raw: `denied ${token}` });
    await vscode.commands.executeCommand('changeRadar.refreshLiveSources');
    const row = await waitFor('the on-call failure on the source row', () => (/on call failed: \/services\/PPAY001: HTTP 401: check the token/.test(sourceRow()?.description ?? '') ? sourceRow() : undefined));
    assert.strictEqual(row.contextValue, 'liveSource.error');
    assert.strictEqual(onCallRow()?.label, 'On call now: #pay-oncall');
    const message = await saveAndWait((text) => text.includes('#pay-oncall'));
    assert.ok(message.endsWith('On call now: payments: #pay-oncall.'), message);
    assert.ok(!rows().some((r) => `${r.label} ${r.description ?? ''} ${r.tooltip ?? ''}`.includes(token)));
  });
  it('a slow on-call answer holds back neither the views nor a save: the static text until it lands, then who is on call', async () => {
    server.route('/services/PPAY001', { json: { service: { id: 'PPAY001', escalation_policy: { id: 'PESC-PAY' } } } });
    let answered = false;
    server.route('/oncalls', () => ({
      delayMs: 6000,
      json: { oncalls: [{ escalation_policy: { id: 'PESC-PAY' }, escalation_level: 1, user: { summary: 'Cy Diaz' }, end: null }], more: false },
    }));
    const asked = server.count('/oncalls');
    const refreshed = Promise.resolve(vscode.commands.executeCommand('changeRadar.refreshLiveSources')).then(() => { answered = true; });
    await waitFor('the on-call request to be in flight', () => (server.count('/oncalls') > asked ? true : undefined), [], 10_000);
    // While PagerDuty has not answered: the views and a save go on, with the static text.
    const message = await saveAndWait((text) => text.includes('On call now'));
    assert.ok(message.endsWith('On call now: payments: #pay-oncall.'), message);
    assert.strictEqual(onCallRow()?.label, 'On call now: #pay-oncall');
    assert.strictEqual(answered, false, 'the save waited for the on-call answer');
    await waitFor('the slow answer to show', () => (onCallRow()?.label === 'On call now: Cy Diaz (level 1)' ? true : undefined), [], 20_000);
    assert.doesNotMatch(sourceRow()?.description ?? '', /on call failed/);
    await refreshed;
  });
});
