// In the real host: completion, definition, references, rename across an include (one
// WorkspaceEdit), hover, CodeLens, document symbols and the warning for a glob that matches no
// tracked file, in ops.yaml and the file it includes — with no YAML extension installed.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import { activateExtension, waitFor, workspaceRoot, workspaceUri, writeWorkspaceFiles } from '../fixtures';
import { writeManifest } from '../warningsManifest';

const root = `version: 1
timezone: Europe/Berlin
include: [ops/more.yaml]
systems:
  checkout:
    title: Checkout service
    paths: [services/checkout/, services/missing/]
    owners: ["@acme/checkout"]
    tier: 1
    dependsOn: [ledger]
  ledger:
    title: Ledger
    paths: [libs/ledger/]
    tier: 1
freezes:
  - id: lang-freeze
    title: Language freeze
    systems: [checkout]
    start: 2000-01-01 00:00
    end: 2999-01-01 00:00
`;
const included = `systems:
  web:
    title: Web shop
    paths: [apps/web/]
    dependsOn: [checkout, ledger]
overrides:
  - freeze: lang-freeze
    reason: test
    approvedBy: "@cto"
`;

/** The position of the `n`th occurrence of `needle` in `text` (plus `offset` characters). */
function positionOf(text: string, needle: string, n = 0, offset = 0): vscode.Position {
  let index = -1;
  for (let i = 0; i <= n; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not found`);
  const before = text.slice(0, index + offset).split('\n');
  return new vscode.Position(before.length - 1, before[before.length - 1].length);
}

describe('manifest language features', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi;
  let original: string;
  const rootUri = (): vscode.Uri => workspaceUri('ops.yaml');
  const includeUri = (): vscode.Uri => workspaceUri('ops/more.yaml');

  before(async () => {
    api = (await activateExtension()).exports as ChangeRadarTestApi;
    original = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    writeWorkspaceFiles({ 'ops/more.yaml': included });
    // Through the open buffer when an earlier suite left ops.yaml open (the extension reads open documents).
    await writeManifest(root);
    await api.refresh();
    await waitFor('the test manifest with its include', () => {
      const manifest = api.services.models.all[0]?.snapshot.manifest;
      return manifest?.systems.some((s) => s.id === 'web') && manifest.freezes.some((f) => f.id === 'lang-freeze') ? true : undefined;
    }, [api.services.models.onDidChange], 20_000).catch(async () => {
      await api.refresh();
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(workspaceRoot(), 'ops'), { recursive: true, force: true });
    // The renamed ops.yaml is open (saved): restore it through its buffer, so that buffer and disk agree for the next suites.
    await writeManifest(original);
    await api.refresh();
  });

  it('completes system ids in dependsOn of an included file, and enum values', async () => {
    const document = await vscode.workspace.openTextDocument(includeUri());
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, positionOf(included, 'checkout, ', 0, 'checkout, '.length));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const id of ['ledger', 'web']) assert.ok(labels.includes(id), `${id} in ${labels.join(', ')}`);
    // checkout is in the list already; ledger is the word the completion replaces.
    const ids = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Module).map((item) => item.label);
    assert.deepStrictEqual(ids, ['ledger', 'web']);
  });

  it('goes from a reference in the include to the definition in ops.yaml', async () => {
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', includeUri(), positionOf(included, 'checkout', 0, 2));
    assert.deepStrictEqual(locations.map((l) => [vscode.workspace.asRelativePath(l.uri), l.range.start.line, l.range.start.character, l.range.end.character]), [['ops.yaml', 4, 2, 10]]);
  });

  it('finds every reference of a system across the manifest and its include', async () => {
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', rootUri(), positionOf(root, 'ledger:', 0, 1));
    const found = locations.map((l) => `${vscode.workspace.asRelativePath(l.uri)}:${l.range.start.line}:${l.range.start.character}`).sort();
    assert.deepStrictEqual(found, ['ops.yaml:10:2', 'ops.yaml:9:16', 'ops/more.yaml:4:26']);
  });

  it('hovers a system with its title, tracked files and dependents', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', rootUri(), positionOf(root, 'ledger:', 0, 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /\*\*Ledger\*\*/);
    assert.match(text, /Tracked files: 1/);
    assert.match(text, /Dependents: checkout, web/);
  });

  it('shows CodeLens above each system and freeze', async () => {
    // The CodeLens command needs the document open (a text model in the renderer).
    await vscode.workspace.openTextDocument(rootUri());
    const titles = async (): Promise<string[]> => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', rootUri());
      return found.map((l) => `${l.range.start.line}: ${l.command?.title ?? ''}`);
    };
    const list = await titles();
    assert.deepStrictEqual(list.slice(0, 2), ['4: 1 file · 1 freeze active · 1 dependent', '10: 1 file · 0 freezes active · 2 dependents']);
    assert.match(list[2], /^15: in force until 2999-01-01 00:00 \S+ · block$/);
  });

  it('says the same in the lens above a system id and in the hover on it', async () => {
    await vscode.workspace.openTextDocument(rootUri());
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', rootUri());
    for (const [id, line] of [['checkout', 4], ['ledger', 10]] as const) {
      const lens = lenses.find((l) => l.range.start.line === line)?.command?.title ?? '';
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', rootUri(), positionOf(root, `${id}:`, 0, 1));
      const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      const files = /^(\d+) files? · (\d+) freezes? active · (\d+) dependents?$/.exec(lens);
      assert.ok(files, `${id}: ${lens}`);
      assert.match(hover, new RegExp(`Tracked files: ${files[1]}\\b`), `${id}: ${lens} / ${hover}`);
      const inForce = /Freezes in force: (.*)/.exec(hover)?.[1]?.split('; ') ?? [];
      assert.strictEqual(inForce.length, Number(files[2]), `${id}: ${lens} / ${hover}`);
      const dependents = /Dependents: (.*)/.exec(hover)?.[1]?.split(', ') ?? [];
      assert.strictEqual(dependents.length, Number(files[3]), `${id}: ${lens} / ${hover}`);
    }
  });

  it('outlines systems and freezes', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', rootUri());
    assert.deepStrictEqual(symbols.map((s) => `${s.detail}:${s.name}`), ['system:checkout', 'system:ledger', 'freeze:lang-freeze']);
  });

  it('warns on a glob that matches no tracked file, on the glob itself', async () => {
    const diagnostic = await waitFor('the unmatched-glob warning', () =>
      vscode.languages.getDiagnostics(rootUri()).find((d) => d.code === 'glob-matches-nothing'), [vscode.languages.onDidChangeDiagnostics], 20_000);
    assert.deepStrictEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character], [6, 32, 49]);
    assert.strictEqual(vscode.languages.getDiagnostics(rootUri()).filter((d) => d.code === 'glob-matches-nothing').length, 1);
  });

  it('renames a system in ops.yaml and its include as one edit', async () => {
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', includeUri(), positionOf(included, 'checkout', 0, 1), 'checkout-svc');
    const entries = edit.entries().map(([uri, edits]) => [vscode.workspace.asRelativePath(uri), edits.length] as const).sort();
    assert.deepStrictEqual(entries, [['ops.yaml', 2], ['ops/more.yaml', 1]]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const rootText = (await vscode.workspace.openTextDocument(rootUri())).getText();
    const includeText = (await vscode.workspace.openTextDocument(includeUri())).getText();
    assert.match(rootText, /^ {2}checkout-svc:$/m);
    assert.match(rootText, /systems: \[checkout-svc\]/);
    assert.match(includeText, /dependsOn: \[checkout-svc, ledger\]/);
    assert.ok(!/\bcheckout\b(?!-)/.test(rootText.replace(/services\/checkout\//g, '').replace(/@acme\/checkout/g, '')), rootText);
    // A clash is refused.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', rootUri(), positionOf(rootText, 'ledger:', 0, 1), 'web')));
    await vscode.workspace.saveAll(false);
  });
});
