// In a real host started with `--locale de` (its own run, so the other suites stay English): the
// display language reaches the extension without a language pack, and the views, the contributed
// command titles and a save warning read German from l10n/bundle.l10n.de.json and package.nls.de.json.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { acmeSystems, manifestYaml } from '../../fixtures/acmeManifest';
import { saveDocument, setManifest } from '../warningsManifest';
import type { RadarExports } from '../warningsManifest';
import { t } from '../../../src/vscode/base/l10n';
import { activateExtension, extensionId, waitFor, workspaceRoot, workspaceUri, writeWorkspaceFiles } from '../fixtures';
import { diagnosticCodeValue } from '../../../src/vscode/warnings/codeDocs';

// Starts in three days and an hour: its row reads `in 3 Tagen` (the unit inflected after "in").
const ledgerStart = new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const manifest = manifestYaml({
  timezone: 'UTC',
  systems: acmeSystems(['checkout', 'ledger', 'web'], { dependencies: false }),
  freezes: `  - id: checkout-freeze
    title: Checkout launch freeze
    systems: [checkout]
    start: 2000-01-01T00:00:00Z
    end: 2999-01-01T00:00:00Z
    enforcement: block
  - id: ledger-freeze
    title: Ledger close freeze
    systems: [ledger]
    start: ${ledgerStart}
    end: 2999-01-01T00:00:00Z
    enforcement: warn
`,
  // Resolved long ago (on web, which no milestone is on): Resolve Incident on it is refused by the core.
  incidents: `  - id: INC-OLD
    title: Old outage
    severity: sev3
    status: resolved
    systems: [web]
    started: 2000-01-01T00:00:00Z
    resolved: 2000-01-01T01:00:00Z
`,
  projects: `  - id: checkout-v2
    title: Checkout v2
    systems: [checkout]
    milestones:
      - id: launch
        title: Launch
        due: 2998-06-01
`,
});

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

function outline(nodes: readonly ViewNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`, ...outline(n.children, depth + 1)]);
}

describe('German display language (--locale de)', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi & RadarExports;

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi & RadarExports;
    const hasBlock = () => {
      const found = api.warnings?.slices.lookup(workspaceUri('services/checkout/a.ts'));
      return found?.slice.warningsFor(found.path).some((warning) => warning.code === 'freeze-block') ?? false;
    };
    await setManifest(api, manifest, hasBlock);
  });

  it('runs with German as the display language, and VS Code loaded the German bundle for the extension', () => {
    console.log(`      vscode.env.language: ${vscode.env.language}; l10n bundle of this suite: ${vscode.l10n.bundle === undefined ? 'none' : `${Object.keys(vscode.l10n.bundle).length} keys`}`);
    assert.strictEqual(vscode.env.language, 'de');
    // What the extension itself read: activate stores its vscode.l10n.bundle on globalThis for every copy of t(), this bundle's too.
    assert.strictEqual(t('Active now'), 'Jetzt aktiv');
  });

  it('shows the views\' rows in German', async () => {
    const rows = () => outline(api.getTreeData('changeRadar.freezes').nodes);
    // Rows are cut to the sidebar's width (state first); the whole title is in the row's tooltip.
    const flat = (nodes: readonly ViewNode[]): ViewNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const launch = () => flat(api.getTreeData('changeRadar.freezes').nodes).find((n) => (n.tooltip ?? '').includes('Checkout launch freeze'));
    await waitFor('the freezes view to show the test manifest', () => (launch() !== undefined ? true : undefined),
      [api.services.status.onDidChange], 15_000);
    const shown = rows();
    assert.ok(shown[0]?.startsWith('Jetzt aktiv'), shown.join('\n'));
    const row = launch()!;
    assert.ok(row.label.startsWith('Blockiert: Checkout') && (row.description ?? '').startsWith('noch '), `${row.label} — ${row.description ?? ''}`);
  });

  it('writes relative times in German and speaks dates with German month names', async () => {
    const flat = (nodes: readonly ViewNode[]): ViewNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const find = (title: string) => flat(api.getTreeData('changeRadar.freezes').nodes).find((n) => (n.tooltip ?? '').includes(title));
    await waitFor('the freezes view to show both freezes', () => (find('Checkout launch freeze') && find('Ledger close freeze') ? true : undefined),
      [api.services.status.onDidChange], 15_000);
    const launch = find('Checkout launch freeze')!;
    const ledger = find('Ledger close freeze')!;
    console.log(`      rows: ${launch.description ?? ''} | ${ledger.description ?? ''}`);
    // An active freeze until 2999: `noch 354… Tage`; one starting in three days: `in 3 Tagen`.
    assert.match(launch.description ?? '', /^noch \d+ Tage$/);
    assert.match(ledger.description ?? '', /^in 3 Tagen\b/);
    for (const text of [launch.description, ledger.description, launch.tooltip, ledger.tooltip]) {
      assert.doesNotMatch(text ?? '', /\b(days?|ago|less than)\b/, text);
    }
    // The tooltip's absolute dates in the German format (`1. Jan. 2999`), not en-US (`Jan 1, 2999`).
    assert.match(launch.tooltip ?? '', /1\. Jan\. 2999/);
    // What a screen reader hears for the rows (the TreeItem the provider builds): German month names.
    const spoken = [api.getTreeItem('changeRadar.freezes', launch), api.getTreeItem('changeRadar.freezes', ledger)].map((item) => item.accessibilityInformation?.label ?? '');
    console.log(`      spoken: ${spoken.join(' | ')}`);
    assert.match(spoken[0], /, bis 1\. Januar 2999/);
    assert.match(spoken[1], /, ab \d+\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)/);
    assert.doesNotMatch(spoken.join(' '), /January|February|March|April|May|June|July|August|September|October|November|December|\buntil\b|\bfrom\b/);
  });

  it('resolves the contributed command titles and view names from package.nls.de.json', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    // The host replaces each %key% of package.json with its translation when it loads the extension;
    // a command title becomes { value: German, original: English } (the palette shows the value and also matches the English).
    type Localised = string | { value: string; original: string };
    const contributes = (extension.packageJSON as { contributes: { commands: { command: string; title: Localised }[]; views: Record<string, { id: string; name: Localised }[]> } }).contributes;
    const title = (id: string) => contributes.commands.find((c) => c.command === id)?.title;
    assert.deepStrictEqual(title('changeRadar.freezeNow'), { value: 'Jetzt sperren…', original: 'Freeze Now…' });
    assert.deepStrictEqual(title('changeRadar.declareIncident'), { value: 'Vorfall melden…', original: 'Declare Incident…' });
    const shown = (text: Localised | undefined) => (typeof text === 'object' ? text.value : text);
    const views = Object.fromEntries(Object.values(contributes.views).flat().map((v) => [v.id, shown(v.name)]));
    assert.deepStrictEqual([views['changeRadar.incidents'], views['changeRadar.freezes'], views['changeRadar.milestones']], ['Vorfälle', 'Änderungssperren', 'Meilensteine']);
    const raw = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as { contributes: { commands: { command: string; title: string }[] } };
    assert.strictEqual(raw.contributes.commands.find((c) => c.command === 'changeRadar.freezeNow')?.title, '%command.freezeNow.title%');
  });

  it('puts a German save warning on a file in a block-frozen system', async () => {
    const relative = 'services/checkout/locale.ts';
    const uri = workspaceUri(relative);
    writeWorkspaceFiles({ [relative]: 'export const value = 1;\n' });
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(document.lineCount, 0), `// edit ${Date.now()}\n`);
    await vscode.workspace.applyEdit(edit);
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'change-radar');
    const published = waitFor('the save warning', () => (ours().length > 0 ? ours() : undefined), [vscode.languages.onDidChangeDiagnostics]);
    await saveDocument(document);
    const [diagnostic] = await published;
    assert.ok(diagnostic);
    assert.strictEqual(diagnosticCodeValue(diagnostic.code), 'freeze-block');
    assert.strictEqual((diagnostic.code as { target: vscode.Uri }).target.toString(true), 'https://github.com/change-radar/change-radar/blob/main/docs/warnings.md#warning-freeze-block');
    assert.match(diagnostic.message, /^Sperre checkout-freeze „Checkout launch freeze“ sperrt System checkout \(blockierend, .*\): Diese Datei gehört über Muster .* dazu\./);
    assert.match(diagnostic.message, /Commits sind blockiert; eine Notfalländerung braucht einen Trailer "Freeze-Override: <Grund>"\./);
    assert.ok(fs.existsSync(path.join(workspaceRoot(), relative)));
  });

  it('shows the manifest\'s CodeLens and hover in German (core words them through the extension\'s phrases)', async () => {
    const manifestUri = workspaceUri('ops.yaml');
    const document = await vscode.workspace.openTextDocument(manifestUri);
    await vscode.window.showTextDocument(document);
    const lines = document.getText().split('\n');
    const freezeLine = lines.findIndex((text) => text.includes('id: checkout-freeze'));
    const systemLine = lines.findIndex((text) => text === '  checkout:');
    assert.ok(freezeLine >= 0 && systemLine >= 0, document.getText());
    // The lenses come once the tracked files are counted: ask again until both ids have one.
    let lenses: vscode.CodeLens[] = [];
    const titleOn = (line: number) => lenses.find((lens) => lens.range.start.line === line)?.command?.title;
    for (let i = 0; i < 60 && (titleOn(freezeLine) === undefined || !/Datei/.test(titleOn(systemLine) ?? '')); i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 250));
      lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', manifestUri, 100);
    }
    assert.match(titleOn(freezeLine) ?? '', /^in Kraft bis 2999-01-01 00:00 UTC · blockierend$/, lenses.map((l) => l.command?.title).join('\n'));
    assert.match(titleOn(systemLine) ?? '', /^1 Datei · 1 Sperre aktiv · 0 abhängige Systeme$/, lenses.map((l) => l.command?.title).join('\n'));
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', manifestUri, new vscode.Position(systemLine, 3)));
    assert.match(hover, /Sperren in Kraft: Checkout launch freeze \(blockierend\)/);
    assert.match(hover, /Verantwortliche: /);
  });

  it('shows a milestone\'s risk in German in the Milestones view', async () => {
    const flat = (nodes: readonly ViewNode[]): ViewNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const risk = () => flat(api.getTreeData('changeRadar.milestones').nodes).find((n) => n.id.includes('risk/checkout-v2/launch/'));
    const row = await waitFor('the launch milestone\'s risk row', () => risk(), [api.services.status.onDidChange], 15_000);
    assert.match(row.tooltip ?? '', /^fällig während der Sperre checkout.?-freeze \(/);
    assert.strictEqual(row.accessibility?.startsWith('Risiko: fällig während der Sperre checkout-freeze'), true, row.accessibility);
  });

  it('says in German why the core refused a write action (Resolve Incident on a resolved incident), naming no CLI flag', async () => {
    const model = api.services.models.withManifest[0];
    const incident = model?.snapshot.manifest?.incidents.find((i) => i.id === 'INC-OLD');
    assert.ok(model && incident, 'the test manifest has the resolved incident');
    const before = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    const shown = api.writeActions.messages.length;
    // A row of it, as the Incidents view would pass it (e.g. shown before another writer resolved it).
    const result = await vscode.commands.executeCommand('changeRadar.resolveIncident', { source: incident.source, folder: model.key });
    assert.strictEqual(result, undefined, 'nothing was written');
    const said = api.writeActions.messages.slice(shown);
    console.log(`      said: ${said.join(' | ')}`);
    assert.deepStrictEqual(said, ['Change Radar: Vorfall INC-OLD ist bereits behoben.']);
    assert.strictEqual(fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8'), before);
  });

  it('copies the impact report in the CLI\'s English, milestone risks too, while the views read German', async () => {
    // A change in checkout, which the launch milestone is on.
    writeWorkspaceFiles({ 'services/checkout/copied.ts': 'export const copied = 1;\n' });
    const { impact } = api.services;
    await impact.git.start();
    await waitFor('the change in checkout', () => (impact.all.some((i) => i.report.milestones.length > 0) ? true : undefined), [impact.onDidChange], 15_000);
    const text = (await vscode.commands.executeCommand<string>('changeRadar.copyImpactReport')) ?? '';
    assert.match(text, /due inside freeze checkout-freeze \(/, text);
    assert.doesNotMatch(text, /fällig|Sperre/, text);
  });

  it('keeps a manifest problem in the Problems panel English, as validate prints it, its code a link to docs/manifest.md', async () => {
    const uri = workspaceUri('ops.yaml');
    writeWorkspaceFiles({ 'ops.yaml': manifest.replace('enforcement: warn', 'enforcement: blok') });
    try {
      const problem = await waitFor('the manifest problem', () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'change-radar'),
        [vscode.languages.onDidChangeDiagnostics], 15_000);
      assert.match(problem.message, /expected one of block, warn/, problem.message);
      assert.strictEqual(diagnosticCodeValue(problem.code), 'invalid-value');
      assert.strictEqual((problem.code as { target: vscode.Uri }).target.toString(true), 'https://github.com/change-radar/change-radar/blob/main/docs/manifest.md#problem-invalid-value');
      // The extension's own words around it are German: the Freezes view's banner.
      const banner = await waitFor('the invalid-manifest banner', () => api.getTreeData('changeRadar.freezes').message, [api.services.status.onDidChange], 15_000);
      assert.match(banner, /enthält Fehler/, banner);
    } finally {
      writeWorkspaceFiles({ 'ops.yaml': manifest });
      await waitFor('the problem to clear', () => (vscode.languages.getDiagnostics(uri).some((d) => d.source === 'change-radar') ? undefined : true),
        [vscode.languages.onDidChangeDiagnostics], 15_000);
    }
  });
});
