// In the real host: a manifest that `extends:` an organisation manifest served by a real bare
// repository over file:// (and a local HTTP server that answers only when the test lets it). The
// freezes and incidents views show the organisation's entries with their origin and without write
// actions, a pin that is not cached is fetched in the background (the views answer meanwhile, with
// the policy unavailable), and a pin that cannot be fetched shows in the status bar and the Problems view.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { writeManifest } from '../warningsManifest';
import { activateExtension, waitFor, workspaceRoot, workspaceUri } from '../fixtures';
import { diagnosticCodeValue } from '../../../src/vscode/warnings/codeDocs';

const policy = `version: 1
freezes:
  - id: org-pci-freeze
    title: Organisation PCI freeze
    tags: [pci]
    start: 2026-12-01T00:00:00Z
    end: 2026-12-31T00:00:00Z
incidents:
  - id: ORG-INC-9
    title: Payments platform degraded
    severity: sev2
    status: identified
    tags: [pci]
`;

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
}

function outline(nodes: readonly ViewNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`, ...outline(n.children, depth + 1)]);
}

describe('extends: an organisation manifest in the editor', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi;
  let original: string;
  let dir: string;
  let url: string;
  let ref: string;
  const at = Date.parse('2026-12-05T11:00:00Z');
  const rows = (view: Parameters<ChangeRadarTestApi['getTreeData']>[0]) => outline(api.getTreeData(view).nodes);
  /** Rows of a view that say in their tooltip that they come from the organisation policy (the row itself is kept to the sidebar's width). */
  const orgRows = (view: Parameters<ChangeRadarTestApi['getTreeData']>[0]) => {
    const all = (nodes: readonly ViewNode[]): ViewNode[] => nodes.flatMap((n) => [n, ...all(n.children)]);
    return all(api.getTreeData(view).nodes).filter((n) => (n.tooltip ?? '').includes('**Organisation policy:** acme-policy at '));
  };
  const events = () => [api.services.status.onDidChange, api.services.models.onDidChange];
  const manifest = (pin: string): string => `version: 1
extends:
  - id: acme-policy
    git: ${url}
    ref: ${pin}
systems:
  checkout:
    paths: [services/checkout/]
    tags: [pci]
  web:
    paths: [apps/web/]
overrides:
  - freeze: org-pci-freeze
    reason: not approved by the organisation
    approvedBy: "@me"
`;

  before(async () => {
    api = (await activateExtension()).exports as ChangeRadarTestApi;
    original = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-org-'));
    const work = path.join(dir, 'work');
    fs.mkdirSync(work);
    git(work, ['init', '-q', '-b', 'main']);
    fs.writeFileSync(path.join(work, 'ops.yaml'), policy);
    git(work, ['add', 'ops.yaml']);
    git(work, ['commit', '-q', '-m', 'policy']);
    ref = git(work, ['rev-parse', 'HEAD']).trim();
    git(dir, ['clone', '-q', '--bare', work, 'policy.git']);
    url = `file://${path.join(dir, 'policy.git')}`;
    api.pinClock(at);
  });

  after(async () => {
    await writeManifest(original);
    api.pinClock(undefined);
    await api.refresh();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the organisation freeze and incident with their origin, fetched into the cache', async () => {
    await writeManifest(manifest(ref));
    await api.refresh();
    const freezes = await waitFor('the organisation freeze in the view', () => {
      const shown = orgRows('changeRadar.freezes');
      return shown.length > 0 ? shown : undefined;
    }, events(), 20_000);
    // State and name first, the timing after; the origin is in the tooltip and read out.
    const row = freezes.find((n) => n.label.startsWith('Block: Organ'));
    assert.match(`${row?.label ?? ''} — ${row?.description ?? ''}`, /^Block: Organ.* — .* left$/, rows('changeRadar.freezes').join('\n'));
    assert.match(row?.accessibility ?? '', /from acme-policy/);
    const freezeNode = api.getTreeData('changeRadar.freezes').nodes[0]?.children[0];
    assert.match(freezeNode?.tooltip ?? '', /Organisation policy:\*\* acme-policy at `[0-9a-f]{40}`, ops\.yaml:3/);
    assert.ok(orgRows('changeRadar.incidents').some((n) => /^ORG-INC-9\b/.test(n.label)), rows('changeRadar.incidents').join('\n'));
    assert.ok(fs.existsSync(path.join(workspaceRoot(), '.git', 'change-radar', 'extends')), 'the pin was fetched into the cache');
  });

  it('gives organisation rows no write actions, and a write action called on one refuses', async () => {
    await writeManifest(manifest(ref));
    await api.refresh();
    await waitFor('the organisation freeze in the view', () => (orgRows('changeRadar.freezes').length > 0 ? true : undefined), events(), 20_000);
    const freezeNode = api.getTreeData('changeRadar.freezes').nodes[0]?.children.find((n) => n.id.endsWith('/org-pci-freeze'));
    const incidentNode = api.getTreeData('changeRadar.incidents').nodes.flatMap((n) => [n, ...n.children]).find((n) => n.label.startsWith('ORG-INC-9'));
    assert.deepStrictEqual([freezeNode?.contextValue, incidentNode?.contextValue], ['freeze.block.org', 'incident.org']);
    // The menus' when clauses (package.json) of the write actions, against the rows' context values.
    const menus = (vscode.extensions.getExtension('change-radar.change-radar')?.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus['view/item/context'] ?? [];
    const writeCommands = ['changeRadar.endFreeze', 'changeRadar.extendFreeze', 'changeRadar.resolveIncident', 'changeRadar.updateIncident'];
    const shownFor = (contextValue: string): string[] => menus.filter((menu) => writeCommands.includes(menu.command) && [...(menu.when ?? '').matchAll(/viewItem =~ \/(.+?)\/(?: |$)/g)].every((m) => new RegExp(m[1]).test(contextValue))).map((menu) => menu.command);
    assert.deepStrictEqual([...new Set([...shownFor('freeze.block.org'), ...shownFor('incident.org')])], []);
    assert.deepStrictEqual([...new Set([...shownFor('freeze.block'), ...shownFor('incident')])], writeCommands, 'a row of this repository keeps them');
    const before = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    await vscode.commands.executeCommand('changeRadar.endFreeze', freezeNode);
    await vscode.commands.executeCommand('changeRadar.resolveIncident', incidentNode);
    const said = api.writeActions.messages.slice(-2);
    assert.deepStrictEqual(said.map((m: string) => /^Change Radar: (freeze org-pci-freeze|incident ORG-INC-9) comes from the organisation policy acme-policy@[0-9a-f]{7} \(extends:\), so it cannot be changed in this repository/.test(m)), [true, true], said.join('\n'));
    assert.strictEqual(fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8'), before);
  });

  it('reveals an organisation freeze in the extended file, read-only from the verified cache', async () => {
    const freezeNode = api.getTreeData('changeRadar.freezes').nodes[0]?.children[0];
    assert.strictEqual(freezeNode?.source?.file, `acme-policy@${ref.slice(0, 7)}:ops.yaml`);
    await vscode.commands.executeCommand('changeRadar.revealInManifest', freezeNode);
    const editor = await waitFor('the extended file to open', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'change-radar-extends' ? active : undefined;
    }, [vscode.window.onDidChangeActiveTextEditor], 10_000);
    assert.strictEqual(editor.document.getText(), policy);
    assert.strictEqual(editor.selection.start.line, 2);
    // Read-only: an edit does not change the text, which stays the verified one, and nothing is dirty.
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '# changed\n')).then(() => undefined, () => undefined);
    assert.deepStrictEqual([editor.document.getText(), editor.document.isDirty], [policy, false]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('goes to the definition of an organisation freeze in the extended file', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri('ops.yaml'));
    const offset = document.getText().indexOf('freeze: org-pci-freeze') + 'freeze: '.length + 2;
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, document.positionAt(offset));
    const targets = locations.map((location) => ('uri' in location ? location.uri : location.targetUri));
    assert.deepStrictEqual(targets.map((uri) => [uri.scheme, uri.path]), [['change-radar-extends', `/acme-policy@${ref.slice(0, 7)}:ops.yaml`]]);
  });

  it('does not wait for a slow fetch: unavailable first, the organisation freeze once the background fetch lands', async () => {
    let arrived = false;
    let answered = false;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => { release = resolve; });
    // In this process (the extension host): a fetch that blocked it could not be answered at all.
    const server = http.createServer((_request, response) => {
      arrived = true;
      void released.then(() => { answered = true; response.end(policy); });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const location = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow-policy.yaml`;
      await writeManifest(manifest(ref).replace(/ {4}git: .*\n {4}ref: .*\n/, `    url: ${location}\n    sha256: ${createHash('sha256').update(policy).digest('hex')}\n`));
      await api.refresh();
      await waitFor('the background fetch to reach the server', () => (arrived ? true : undefined), [], 10_000);
      // The load has finished and the views answer while the fetch is still waiting for its answer.
      const status = api.statusBar();
      assert.ok(status?.text.includes('Organisation policy unavailable') === true || status?.tooltip.includes('extended manifest unavailable') === true, JSON.stringify(status));
      assert.deepStrictEqual(orgRows('changeRadar.freezes'), [], rows('changeRadar.freezes').join('\n'));
      assert.ok(vscode.languages.getDiagnostics(workspaceUri('ops.yaml')).some((d) => diagnosticCodeValue(d.code) === 'extends-unavailable'));
      assert.strictEqual(answered, false);
      release();
      await waitFor('the organisation freeze after the background fetch', () => (orgRows('changeRadar.freezes').length > 0 ? true : undefined), events(), 20_000);
      // The pin is in the row's tooltip (the row itself is kept to the sidebar's width).
      const freezeRow = api.getTreeData('changeRadar.freezes').nodes.flatMap((n) => n.children).find((n) => n.id.endsWith('/org-pci-freeze'));
      assert.ok((freezeRow?.tooltip ?? '').includes(createHash('sha256').update(policy).digest('hex').slice(0, 7)), freezeRow?.tooltip);
      assert.ok(!vscode.languages.getDiagnostics(workspaceUri('ops.yaml')).some((d) => diagnosticCodeValue(d.code) === 'extends-unavailable'));
    } finally {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('shows a pin that cannot be fetched in the status bar and the Problems view', async () => {
    await writeManifest(manifest('f'.repeat(40)));
    await api.refresh();
    const summary = await waitFor('the status bar to say the policy is unavailable', () => {
      const current = api.statusBar();
      return current?.text.includes('Organisation policy unavailable') === true || current?.tooltip.includes('extended manifest unavailable') === true ? current : undefined;
    }, events(), 20_000);
    assert.match(summary.tooltip, /acme-policy/);
    const diagnostics = vscode.languages.getDiagnostics(workspaceUri('ops.yaml'));
    const unavailable = diagnostics.find((diagnostic) => diagnosticCodeValue(diagnostic.code) === 'extends-unavailable');
    assert.ok(unavailable, diagnostics.map((diagnostic) => JSON.stringify(diagnostic.code)).join(', '));
    assert.strictEqual(unavailable.range.start.line, 2);
  });
});
