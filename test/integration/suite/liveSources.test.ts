// In the real host: a live Statuspage source (a node:http server started here, on 127.0.0.1)
// reports a critical incident on "Payments API"; after one refresh the Incidents view shows it under
// payments and saving a payments file shows the incident warning; a failing source keeps its last
// good data with the error; when the server resolves the incident, both clear.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { acmeSystems, manifestYaml } from '../../fixtures/acmeManifest';
import { statuspageIncidents, statuspageMaintenances } from '../../fixtures/livePayloads';
import { LiveServer } from '../../fixtures/liveServer';
import { activateExtension, waitFor, workspaceRoot, workspaceUri, writeWorkspaceFiles } from '../fixtures';
import { saveDocument, setManifest } from '../warningsManifest';
import type { RadarExports } from '../warningsManifest';
import { diagnosticCodeValue } from '../../../src/vscode/warnings/codeDocs';

type Radar = ChangeRadarTestApi & RadarExports;

const incidentsPath = '/api/v2/incidents/unresolved.json';

function manifest(url: string): string {
  const systems = `${acmeSystems(['checkout', 'web'], { dependencies: false })}  payments:
    title: Payments
    paths: [services/payments/]
    owners: ["@acme/payments"]
`;
  return `${manifestYaml({ timezone: 'UTC', systems })}sources:
  - id: status
    type: statuspage
    url: ${url}
    components: { "Payments API": payments }
`;
}

function flatten(nodes: readonly ViewNode[]): ViewNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

describe('live sources (a local Statuspage server)', function () {
  this.timeout(90_000);
  let server: LiveServer;
  let radar: Radar;
  let original: string;

  const rows = (): ViewNode[] => flatten(radar.getTreeData('changeRadar.incidents').nodes);
  const incidentRow = (): ViewNode | undefined => rows().find((row) => row.id.endsWith('incident/status:sp-1'));
  const sourceRow = (): ViewNode | undefined => rows().find((row) => row.label === 'Source status');
  const hasIncidentWarning = (relative: string): boolean => {
    const found = radar.warnings?.slices.lookup(workspaceUri(relative));
    return found?.slice.warningsFor(found.path).some((warning) => warning.code === 'incident-active' && warning.cause.id === 'status:sp-1') ?? false;
  };

  /** Edits and saves a payments file; resolves with our diagnostics once they satisfy `predicate`. */
  async function saveAndWait(predicate: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
    const uri = workspaceUri('services/payments/charge.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(document.lineCount, 0), `// edit ${Date.now()}\n`);
    await vscode.workspace.applyEdit(edit);
    const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'change-radar');
    const published = waitFor('diagnostics on the payments file', () => (predicate(ours()) ? ours() : undefined), [vscode.languages.onDidChangeDiagnostics]);
    await saveDocument(document);
    return published;
  }

  before(async () => {
    server = await LiveServer.start();
    server.route(incidentsPath, { json: statuspageIncidents([{ id: 'sp-1', name: 'Payments API is failing', impact: 'critical', components: ['Payments API'] }]) });
    server.route('/api/v2/scheduled-maintenances/active.json', { json: statuspageMaintenances([]) });
    writeWorkspaceFiles({ 'services/payments/charge.ts': 'export const charge = 1;\n' });
    radar = (await activateExtension()).exports as Radar;
    original = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    // Reading the new manifest's sources is itself the first refresh.
    await setManifest(radar, manifest(server.url), () => hasIncidentWarning('services/payments/charge.ts'), 30_000);
  });

  after(async () => {
    await setManifest(radar, original, () => !hasIncidentWarning('services/payments/charge.ts'));
    await server.stop();
  });

  it('shows the source incident under payments, with its source, data age and link', async () => {
    const row = await waitFor('the source incident in the Incidents view', incidentRow, [], 15_000);
    assert.strictEqual(row.label, 'status:sp-1…');
    assert.match(row.tooltip ?? '', /Payments API is failing/);
    assert.match(row.description ?? '', /^.* · status$/);
    assert.match(row.tooltip ?? '', /status\\?, data from /);
    assert.strictEqual(row.url, 'https://stspg.io/sp-1');
    assert.ok(rows().some((r) => r.id.endsWith('severity/sev1')), 'under SEV1');
    assert.match(sourceRow()?.description ?? '', /^1 active · data from /);
  });

  it('saving a payments file shows the incident warning', async () => {
    const diagnostics = await saveAndWait((found) => found.some((d) => diagnosticCodeValue(d.code) === 'incident-active'));
    const warning = diagnostics.find((d) => diagnosticCodeValue(d.code) === 'incident-active');
    assert.ok(warning?.message.includes('status:sp-1'), warning?.message);
    assert.ok(warning?.message.includes('sev1'), warning?.message);
  });

  it('a failing source keeps its last good data, with the error', async () => {
    server.route(incidentsPath, { status: 500, raw: 'down' });
    await vscode.commands.executeCommand('changeRadar.refreshLiveSources');
    const row = await waitFor('the source row to show the error', () => (/failed: .*HTTP 500/.test(sourceRow()?.description ?? '') ? sourceRow() : undefined));
    assert.match(row.description ?? '', /showing data from /);
    assert.ok(incidentRow(), 'the last good incident is still shown');
    assert.ok(hasIncidentWarning('services/payments/charge.ts'), 'and still warned about');
  });

  it('when the server resolves the incident, the view and the warning clear', async () => {
    server.route(incidentsPath, { json: statuspageIncidents([{ id: 'sp-1', name: 'Payments API is failing', impact: 'critical', status: 'resolved', components: ['Payments API'] }]) });
    await vscode.commands.executeCommand('changeRadar.refreshLiveSources');
    await waitFor('the incident to leave the view', () => (incidentRow() === undefined ? true : undefined));
    assert.match(sourceRow()?.description ?? '', /^0 active · data from /);
    const diagnostics = await saveAndWait((found) => !found.some((d) => diagnosticCodeValue(d.code) === 'incident-active'));
    assert.deepStrictEqual(diagnostics.filter((d) => diagnosticCodeValue(d.code) === 'incident-active'), []);
  });
});
