// In the real host: "Create Manifest…" in a folder without a manifest shows the manifest
// `change-radar init` proposes (here from a real, staged CODEOWNERS) in a diff editor; nothing is
// written until "Accept Proposed Manifest", which writes it and loads it.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import { activateExtension, gitInWorkspace, waitFor, workspaceRoot, workspaceUri, writeWorkspaceFiles } from '../fixtures';
import { writeManifest } from '../warningsManifest';

const codeowners = `*              @acme/everyone
/apps/web/     @acme/web
/libs/ledger/  @acme/payments
`;

describe('Create Manifest… proposes a manifest in a diff editor', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi;
  let original: string;
  const manifestPath = (): string => path.join(workspaceRoot(), 'ops.yaml');

  before(async () => {
    api = (await activateExtension()).exports as ChangeRadarTestApi;
    original = fs.readFileSync(manifestPath(), 'utf8');
    writeWorkspaceFiles({ CODEOWNERS: codeowners });
    gitInWorkspace(['add', 'CODEOWNERS']);
    fs.rmSync(manifestPath());
    await api.refresh();
    await waitFor('no manifest', () => (api.services.models.all[0]?.hasManifest === false ? true : undefined), [api.services.models.onDidChange], 20_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    gitInWorkspace(['rm', '-q', '--cached', '--ignore-unmatch', 'CODEOWNERS']);
    fs.rmSync(path.join(workspaceRoot(), 'CODEOWNERS'), { force: true });
    // Accepting opened ops.yaml: restore it through its buffer, so that buffer and disk agree for the next suites.
    if (!fs.existsSync(manifestPath())) fs.writeFileSync(manifestPath(), original);
    await writeManifest(original);
    await api.refresh();
  });

  it('shows the proposal from CODEOWNERS against the empty file, writing nothing', async () => {
    await vscode.commands.executeCommand('changeRadar.createManifest');
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    assert.strictEqual(input.modified.scheme, 'change-radar-proposal');
    const proposed = (await vscode.workspace.openTextDocument(input.modified)).getText();
    assert.strictEqual((await vscode.workspace.openTextDocument(input.original)).getText(), '');
    assert.match(proposed, /^version: 1$/m);
    assert.match(proposed, /owners: \["@acme\/web"\]/);
    assert.match(proposed, /owners: \["@acme\/payments"\]/);
    assert.ok(!fs.existsSync(manifestPath()), 'nothing written before accepting');
  });

  it('writes and loads the proposal on Accept, with CODEOWNERS owners', async () => {
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('changeRadar.acceptManifestProposal');
    assert.strictEqual(written?.toString(), workspaceUri('ops.yaml').toString());
    // The proposal's tab is closed and the written file is the active editor.
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.input);
    assert.ok(!tabs.some((input) => input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'change-radar-proposal'), 'the proposal tab is closed');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), workspaceUri('ops.yaml').toString());
    assert.ok(fs.existsSync(manifestPath()));
    const model = api.services.models.all[0];
    assert.ok(model.hasManifest);
    const owners = new Map(model.snapshot.manifest?.systems.map((s) => [s.paths.join(','), s.owners.join(',')]));
    assert.strictEqual(owners.get('/apps/web/'), '@acme/web');
    assert.strictEqual(owners.get('/libs/ledger/'), '@acme/payments');
    // A second accept has nothing to write.
    assert.strictEqual(await vscode.commands.executeCommand('changeRadar.acceptManifestProposal'), undefined);
  });
});
