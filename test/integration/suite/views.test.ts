// In the real host: the four views' rows for a known manifest, reload after an edit,
// diagnostics and the last-valid banner for a broken manifest, change impact from real git
// changes (modified and staged), the status bar, and every command.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { acmeSystems, manifestYaml } from '../../fixtures/acmeManifest';
import { writeManifest } from '../warningsManifest';
import { activateExtension, gitInWorkspace, stageWorkspaceFiles, waitFor, workspaceRoot, workspaceUri, writeWorkspaceFiles } from '../fixtures';

/** 2026-12-05 12:00 in Berlin: the holiday freeze is active, the audit window starts in 45 h. */
const at = Date.parse('2026-12-05T11:00:00Z');

const manifest = manifestYaml({
  systems: acmeSystems(['checkout', 'ledger', 'web']),
  freezes: `  - id: holiday
    title: Holiday freeze
    systems: [checkout]
    start: 2026-12-01 00:00
    end: 2026-12-10 00:00
    enforcement: block
  - id: audit
    title: Audit window
    systems: [web]
    start: 2026-12-07 09:00
    end: 2026-12-08 09:00
    enforcement: warn`,
  incidents: `  - id: INC-1
    title: Ledger writes are slow
    severity: sev1
    status: investigating
    systems: [ledger]
    started: 2026-12-05 10:00
    commander: "@dana"
    url: https://status.example.com/INC-1
  - id: INC-3
    title: Old outage
    severity: sev2
    status: resolved
    systems: [web]
    started: 2026-11-01 10:00
    resolved: 2026-11-01 12:00`,
  projects: `  - id: checkout-v2
    title: Checkout v2
    goal: Faster checkout
    systems: [checkout]
    milestones:
      - id: beta
        title: Public beta
        due: 2026-12-08
      - id: ga
        title: General availability
        due: 2027-01-20
`,
});

function outline(nodes: readonly ViewNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`, ...outline(n.children, depth + 1)]);
}

describe('views', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi;
  let original: string;
  const changed: string[] = [];

  const events = () => [api.services.status.onDidChange, api.services.impact.onDidChange, api.services.models.onDidChange];
  const rows = (view: Parameters<ChangeRadarTestApi['getTreeData']>[0]) => outline(api.getTreeData(view).nodes);

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi;
    original = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    writeWorkspaceFiles({ 'ops.yaml': manifest });
    api.pinClock(at);
    await api.refresh();
    // The file watcher (and an open ops.yaml editor) may still hold the fixture's text: wait until
    // the views show this suite's manifest before asserting on them.
    const showsTestManifest = () => rows('changeRadar.freezes').some((row) => row.includes('Holiday freeze')) || undefined;
    await waitFor('the views to show the test manifest', showsTestManifest, events(), 10_000).catch(async () => {
      await api.refresh();
      await waitFor('the views to show the test manifest after a refresh', showsTestManifest, events(), 20_000);
    });
  });

  after(async () => {
    for (const file of changed) {
      gitInWorkspace(['rm', '-q', '--cached', '--ignore-unmatch', file]);
      fs.rmSync(path.join(workspaceRoot(), file), { force: true });
    }
    // ops.yaml is open in an editor ("Open Manifest"): restore it through its buffer, so that the
    // buffer and the disk agree for the next suite (a disk write under an open buffer races the watcher).
    await writeManifest(original);
    api.pinClock(undefined);
    await api.refresh();
  });

  it('returns the test API from activate()', () => {
    assert.strictEqual(typeof api.getTreeData, 'function');
  });

  it('lists active incidents by severity, with the sev1 counted in the badge', () => {
    assert.deepStrictEqual(rows('changeRadar.incidents'), ['SEV1 — 1 active', '  INC-1 Ledger writes are slow — 2 h ago', '    Changes in the 72 h before']);
    assert.strictEqual(api.getTreeData('changeRadar.incidents').badge?.value, 1);
  });

  it('lists milestones by due date with the freeze risk as a child row', () => {
    const lines = rows('changeRadar.milestones');
    assert.strictEqual(lines[0], 'Checkout v2 — 1 of 2 at risk');
    assert.ok(lines[1].startsWith('  At risk: Public beta — in 3 days'), lines.join('\n'));
    assert.ok(lines[2].startsWith('    Due in freeze holiday'), lines.join('\n'));
    assert.ok(/^ {2}\w[\w ]*: General.* — in 46 days$/.test(lines[lines.length - 1] ?? ''), lines.join('\n'));
  });

  it('lists the active freeze with time remaining and the upcoming one with "starts in"', () => {
    assert.deepStrictEqual(rows('changeRadar.freezes'), [
      'Active now — 1',
      '  Block: Holiday freeze — 4 days left',
      '    checkout',
      'Upcoming — 1',
      '  Warn: Audit window — in 45 h',
      '    web',
    ]);
  });

  it('shows modified and staged changes of the real repository by touched system, then impacted ones', async () => {
    changed.push('services/checkout/pay.ts', 'libs/ledger/book.ts');
    writeWorkspaceFiles({ 'services/checkout/pay.ts': 'export const pay = 1;\n', 'libs/ledger/book.ts': 'export const book = 1;\n' });
    stageWorkspaceFiles(['libs/ledger/book.ts']);
    await api.refresh();
    const nodes = await waitFor('both changes in Change Impact', () => {
      const top = api.getTreeData('changeRadar.impact').nodes;
      return top.some((n) => n.id === 'touched/checkout') && top.some((n) => n.id === 'touched/ledger') ? top : undefined;
    }, events(), 30_000);
    const checkout = nodes.find((n) => n.id === 'touched/checkout');
    const ledger = nodes.find((n) => n.id === 'touched/ledger');
    assert.deepStrictEqual([checkout?.label.split(':')[0], checkout?.children.find((c) => c.contextValue === 'freezeFlag')?.label], ['Blocked', 'Blocks: Holiday freeze'], checkout?.label);
    // Both files are new to the repository: book.ts staged is "added" (git's A), pay.ts "untracked" (??).
    assert.deepStrictEqual(ledger?.children.filter((c) => c.file).map((c) => [c.file, c.description]), [['libs/ledger/book.ts', 'libs/ledger · added']]);
    assert.deepStrictEqual(checkout?.children.filter((c) => c.file).map((c) => [c.file, c.description]), [['services/checkout/pay.ts', 'services/checkout · untracked']]);
    const impacted = nodes.find((n) => n.id === 'impacted');
    assert.deepStrictEqual(impacted?.children.map((c) => c.id), ['impacted/web']);
    assert.match(api.getTreeData('changeRadar.impact').message ?? '', /Commit blocked: Holiday freeze/);
  });

  it('says untracked for a new file git does not know and added for a new staged one (not modified)', async () => {
    const fresh = ['services/checkout/fresh.ts', 'libs/ledger/fresh.ts'];
    changed.push(...fresh);
    writeWorkspaceFiles({ [fresh[0]]: 'export const fresh = 1;\n', [fresh[1]]: 'export const fresh = 2;\n' });
    stageWorkspaceFiles([fresh[1]]);
    await api.refresh();
    const stateOf = (file: string): string | undefined =>
      api.getTreeData('changeRadar.impact').nodes.flatMap((n) => n.children).find((c) => c.file === file)?.description;
    const states = await waitFor('the new files in Change Impact', () => {
      const found = fresh.map(stateOf);
      return found.every((d) => d !== undefined) ? found : undefined;
    }, events(), 30_000);
    assert.deepStrictEqual(states, ['services/checkout · untracked', 'libs/ledger · added']);
    gitInWorkspace(['rm', '-q', '--cached', fresh[1]]);
    for (const file of fresh) fs.rmSync(path.join(workspaceRoot(), file));
    await api.refresh();
    await waitFor('the new files gone from Change Impact', () => (fresh.every((file) => stateOf(file) === undefined) ? true : undefined), events(), 30_000);
  });

  it('puts the block freeze on a changed system in the status bar, above the sev1', () => {
    assert.deepStrictEqual([api.statusBar()?.text, api.statusBar()?.target], ['$(lock) Blocked: Holiday freeze', 'impact']);
  });

  it('copies the impact report as markdown', async () => {
    const text = (await vscode.commands.executeCommand<string>('changeRadar.copyImpactReport')) ?? '';
    assert.strictEqual(await vscode.env.clipboard.readText(), text);
    assert.ok(text.includes('holiday') && text.includes('services/checkout/pay.ts'), text);
  });

  it('reloads after the manifest is edited on disk', async () => {
    writeWorkspaceFiles({ 'ops.yaml': manifest.replace('incidents:\n', 'incidents:\n  - id: INC-2\n    title: Web is down\n    severity: sev2\n    status: identified\n    systems: [web]\n') });
    const lines = await waitFor('INC-2 in the Incidents view', () => {
      const current = rows('changeRadar.incidents');
      return current.some((l) => l.includes('INC-2 Web is down')) ? current : undefined;
    }, events());
    assert.deepStrictEqual(lines.filter((l) => !l.startsWith('  ')), ['SEV1 — 1 active', 'SEV2 — 1 active']);
    assert.strictEqual(api.getTreeData('changeRadar.incidents').badge?.value, 2);
  });

  it('reports a broken manifest as diagnostics with codes, keeping the rows that still read under a banner', async () => {
    const uri = workspaceUri('ops.yaml');
    writeWorkspaceFiles({ 'ops.yaml': manifest.replace('severity: sev1', 'severity: sev9') });
    const diagnostics = await waitFor('diagnostics on ops.yaml', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'change-radar');
      return found.length > 0 ? found : undefined;
    }, [vscode.languages.onDidChangeDiagnostics]);
    const error = diagnostics.find((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.ok(error, JSON.stringify(diagnostics));
    // The code is a link to its row of docs/manifest.md; the message is the parser's English, as `validate` prints it.
    const code = error.code as { value: string; target: vscode.Uri } | undefined;
    assert.strictEqual(code?.value, 'invalid-value', JSON.stringify(error.code));
    assert.strictEqual(code.target.toString(true), 'https://github.com/change-radar/change-radar/blob/main/docs/manifest.md#problem-invalid-value');
    assert.match(error.message, /expected one of sev1, sev2, sev3, sev4/);
    assert.strictEqual(error.range.start.line, manifest.split('\n').findIndex((l) => l.includes('severity: sev1')));
    // The incident with the bad severity only informs, so it is left out; the valid one stays.
    const incidents = await waitFor('INC-1 to leave the Incidents view', () => {
      const current = rows('changeRadar.incidents');
      return current.some((l) => l.includes('INC-1')) ? undefined : current;
    }, events());
    assert.ok(!incidents.some((l) => l.includes('INC-1')), incidents.join('\n'));
    assert.ok(rows('changeRadar.freezes').some((row) => row.includes('Holiday freeze')), 'the valid freeze is still shown');
    assert.match(api.getTreeData('changeRadar.freezes').message ?? '', /has errors — showing what can be read; invalid freezes are treated as in force/);
    assert.ok(api.statusBar()?.text.endsWith('$(warning)'), api.statusBar()?.text);

    writeWorkspaceFiles({ 'ops.yaml': manifest });
    await waitFor('diagnostics to clear', () => (vscode.languages.getDiagnostics(uri).some((d) => d.source === 'change-radar') ? undefined : true), [vscode.languages.onDidChangeDiagnostics]);
    await waitFor('the banner to go', () => (api.getTreeData('changeRadar.freezes').message ? undefined : true), events());
  });

  describe('commands', () => {
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('Refresh re-reads the manifest', async () => {
      const version = api.services.models.all[0].snapshot.version;
      await vscode.commands.executeCommand('changeRadar.refresh');
      assert.ok(api.services.models.all[0].snapshot.version > version);
    });

    it('Open Manifest opens ops.yaml', async () => {
      await vscode.commands.executeCommand('changeRadar.openManifest');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), workspaceUri('ops.yaml').toString());
    });

    it('Create Manifest never overwrites the existing one', async () => {
      await vscode.commands.executeCommand('changeRadar.createManifest');
      assert.strictEqual(fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8'), manifest);
    });

    it('Reveal in ops.yaml selects the entry of a row', async () => {
      const incident = api.getTreeData('changeRadar.incidents').nodes[0].children[0];
      await vscode.commands.executeCommand('changeRadar.revealInManifest', incident);
      const editor = vscode.window.activeTextEditor;
      assert.strictEqual(editor?.document.uri.toString(), workspaceUri('ops.yaml').toString());
      assert.strictEqual(editor?.selection.start.line, incident.source?.range.start.line);
    });

    it('Open Incident Page refuses links that are not http(s)', async () => {
      assert.strictEqual(await vscode.commands.executeCommand('changeRadar.openIncidentUrl', { url: 'command:workbench.action.quit' }), false);
    });

    it('Show/Hide Resolved Incidents toggles the resolved group', async () => {
      await vscode.commands.executeCommand('changeRadar.showResolvedIncidents');
      assert.ok(rows('changeRadar.incidents').includes('Resolved — 1'), rows('changeRadar.incidents').join('\n'));
      await vscode.commands.executeCommand('changeRadar.hideResolvedIncidents');
      assert.ok(!rows('changeRadar.incidents').includes('Resolved — 1'));
    });

    it('Explain Current File says which system, freeze and owners apply', async () => {
      const items = (await vscode.commands.executeCommand<Array<{ label: string; description?: string }>>('changeRadar.explainFile', workspaceUri('services/checkout/pay.ts'))) ?? [];
      const labels = items.map((i) => i.label);
      assert.ok(labels.includes('$(symbol-namespace) checkout'), labels.join('\n'));
      assert.ok(labels.includes('$(lock) Holiday freeze'), labels.join('\n'));
      assert.ok(labels.some((l) => l.includes('@acme/checkout')), labels.join('\n'));
    });

    it('Show Status lists incidents, freezes and milestones at risk', async () => {
      const items = (await vscode.commands.executeCommand<Array<{ label: string }>>('changeRadar.showStatus')) ?? [];
      const labels = items.map((i) => i.label);
      assert.ok(['$(flame) INC-1 Ledger writes are slow', '$(lock) Holiday freeze', '$(milestone) Public beta'].every((l) => labels.includes(l)), labels.join('\n'));
    });

    it('Install and Uninstall Git Hooks write and remove the hooks through the CLI installer', async () => {
      const hook = path.join(workspaceRoot(), '.git', 'hooks', 'pre-commit');
      const installed = (await vscode.commands.executeCommand<{ changes: Array<{ action: string }> } | undefined>('changeRadar.installHooks', vscode.Uri.file(workspaceRoot())));
      const wasThere = installed?.changes.some((c) => c.action === 'unchanged' || c.action === 'updated');
      assert.ok(fs.readFileSync(hook, 'utf8').includes('change-radar hook'), 'pre-commit hook not written');
      if (!wasThere) {
        await vscode.commands.executeCommand('changeRadar.uninstallHooks', vscode.Uri.file(workspaceRoot()));
        assert.ok(!fs.existsSync(hook), 'pre-commit hook not removed');
      }
    });
  });
});
