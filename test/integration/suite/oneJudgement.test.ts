// Issue 24, "one judgement", side by side in the real host: for one manifest at one instant, the
// CLI's `check` (a real process, as the hooks run it), the editor's file warnings (the source of the
// save diagnostics), the CodeLens and the hover above each system id, and the Freezes view name the
// same freezes in force on each system. The manifest holds each case the surfaces once disagreed
// on: an invalid freeze (in force until fixed), a recurring freeze in its zone, an incident acting
// as a freeze, and one that has not started yet (in force nowhere).
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { acmeSystems, manifestYaml } from '../../fixtures/acmeManifest';
import { writeManifest } from '../warningsManifest';
import { activateExtension, waitFor, workspaceRoot, workspaceUri, writeWorkspaceFiles } from '../fixtures';

/** Saturday 2026-12-05, 12:00 in Berlin. */
const at = Date.parse('2026-12-05T11:00:00Z');

const manifest = manifestYaml({
  systems: acmeSystems(['checkout', 'ledger', 'web', 'search']),
  freezes: `  - id: holiday
    title: Holiday freeze
    systems: [checkout]
    start: 2026-12-01 00:00
    end: 2026-12-10 00:00
    enforcement: block
  - id: broken
    title: Broken freeze
    systems: [ledger]
    enforcement: block
  - id: daytime
    title: Daytime freeze
    systems: [web]
    schedule: { start: "0 9 * * *", end: "0 17 * * *" }
    enforcement: warn
  - id: later
    title: Later freeze
    systems: [search]
    start: 2026-12-07 09:00
    end: 2026-12-08 09:00
    enforcement: block`,
  incidents: `  - id: INC-7
    title: Search is down
    severity: sev1
    status: identified
    systems: [search]
    started: 2026-12-06 06:00
    freeze: block
  - id: INC-8
    title: Checkout errors
    severity: sev2
    status: investigating
    systems: [checkout]
    started: 2026-12-05 08:00
    freeze: warn`,
});

const titles: Record<string, string> = {
  holiday: 'Holiday freeze', broken: 'Broken freeze', daytime: 'Daytime freeze', later: 'Later freeze', 'INC-7': 'Search is down', 'INC-8': 'Checkout errors',
};
const systems = { checkout: 'services/checkout/pay.ts', ledger: 'libs/ledger/book.ts', web: 'apps/web/index.ts', search: 'apps/search/index.ts' } as const;

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('one judgement, side by side: CLI check, file warnings, CodeLens, hover and the Freezes view', function () {
  this.timeout(120_000);
  let api: ChangeRadarTestApi;
  let cli: string;
  let original: string;
  /** Files this suite wrote (untracked): removed after, or the next suites see them as changes. */
  const created: string[] = [];

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi;
    cli = path.join(extension.extensionPath, 'dist', 'cli.js');
    assert.ok(fs.existsSync(cli), `the CLI is built: ${cli}`);
    original = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    created.push(...Object.values(systems).filter((file) => !fs.existsSync(path.join(workspaceRoot(), file))));
    writeWorkspaceFiles(Object.fromEntries(created.map((file) => [file, 'export const value = 1;\n'])));
    api.pinClock(at);
    await writeManifest(manifest);
    await api.refresh();
    await waitFor('the views to show this manifest', () => api.getTreeData('changeRadar.freezes').nodes.length > 0
      && JSON.stringify(api.getTreeData('changeRadar.freezes').nodes).includes('Daytime freeze') ? true : undefined,
    [api.services.models.onDidChange], 30_000);
  });

  after(async () => {
    for (const file of created) fs.rmSync(path.join(workspaceRoot(), file), { force: true });
    await writeManifest(original);
    api.pinClock(undefined);
    await api.refresh();
  });

  it('names the same freezes in force on every system, on every surface', async () => {
    const manifestUri = workspaceUri('ops.yaml');
    const document = await vscode.workspace.openTextDocument(manifestUri);
    await vscode.window.showTextDocument(document);
    let lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < 60 && !lenses.some((lens) => lens.command?.title.includes('freeze')); i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 250));
      lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', manifestUri, 100);
    }
    assert.ok(lenses.length > 0, 'no CodeLens on ops.yaml');
    const activeGroup = api.getTreeData('changeRadar.freezes').nodes.find((node) => node.label.startsWith('Active'));
    const inView = (system: string): string[] => (activeGroup?.children ?? [])
      .filter((node: ViewNode) => node.children.some((child) => child.label === system))
      // Rows are `State: title` shortened to the sidebar (rowText.ts); the row id names the entry.
      .map((node) => node.id.split('/').pop() ?? '').sort();
    const table: string[] = [];
    for (const [system, file] of Object.entries(systems)) {
      // The CLI, as the hooks run it: the freezes of its report that are in force.
      const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--at', new Date(at).toISOString(), file], { cwd: workspaceRoot(), encoding: 'utf8' });
      // Exit 2 where no block applies: the invalid freeze is a manifest error (a block wins over it).
      assert.ok(run.status === 1 || run.status === 2, `check ${file}: exit ${run.status}: ${run.stderr}`);
      const report = JSON.parse(run.stdout) as { freezes: Array<{ id: string; active: boolean; systems: string[] }> };
      const cliIds = report.freezes.filter((f) => f.active && f.systems.includes(system)).map((f) => f.id).sort();
      const cliTitles = cliIds.map((id) => titles[id]).sort();
      // The editor's file warnings: what the save diagnostics are made of.
      const found = api.warnings.slices.lookup(workspaceUri(file));
      const warned = [...new Set((found?.slice.warningsFor(found.path) ?? [])
        .filter((w) => w.code === 'freeze-block' || w.code === 'freeze-warn' || w.code === 'freeze-overridden')
        .map((w) => w.cause.id))].sort();
      // The lens above the system id and the hover on it.
      const line = document.getText().split('\n').findIndex((text) => text === `  ${system}:`);
      const lens = lenses.find((l) => l.range.start.line === line)?.command?.title ?? '';
      const lensCount = Number(/(\d+) freezes? active/.exec(lens)?.[1] ?? NaN);
      const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', manifestUri, new vscode.Position(line, 3)));
      const hoverTitles = (/Freezes in force: (.*)/.exec(hover)?.[1]?.split('; ') ?? []).map((entry) => entry.replace(/ \((incident, )?(block|warn)\)$/, '')).sort();
      table.push(`${system}: cli ${cliIds.join(',') || '-'} | warnings ${warned.join(',') || '-'} | lens ${lens} | hover ${hoverTitles.join(',') || '-'} | view ${inView(system).join(',') || '-'}`);
      assert.deepStrictEqual(warned, cliIds, `${system}: file warnings vs check\n${table.join('\n')}`);
      assert.strictEqual(lensCount, cliIds.length, `${system}: lens vs check\n${table.join('\n')}`);
      assert.deepStrictEqual(hoverTitles, cliTitles, `${system}: hover vs check\n${table.join('\n')}`);
      assert.deepStrictEqual(inView(system), cliIds, `${system}: Freezes view vs check\n${table.join('\n')}`);
    }
    console.log(`      ${table.join('\n      ')}`);
    // The cases themselves, so that agreement on nothing cannot pass.
    assert.match(table[0], /^checkout: cli INC-8,holiday \|/);
    assert.match(table[1], /^ledger: cli broken \|/);
    assert.match(table[2], /^web: cli daytime \|/);
    assert.match(table[3], /^search: cli - \|/);
  });
});
