// In the real host: an incident row of the Incidents view expands to the commits before it (a
// scripted history with fixed dates in the fixture repository), and opening a commit row shows
// its changes in a diff editor.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { git } from '../../../scripts/host/gitRepo';
import { acmeSystems, manifestYaml } from '../../fixtures/acmeManifest';
import { writeManifest } from '../warningsManifest';
import { activateExtension, waitFor, workspaceRoot } from '../fixtures';

const HOUR = 3_600_000;
/** INC-40 started at 09:00 UTC; the clock says 11:00 UTC. */
const started = Date.parse('2026-12-05T09:00:00Z');
const at = started + 2 * HOUR;

const manifest = manifestYaml({
  systems: acmeSystems(['checkout', 'ledger', 'web']),
  incidents: `  - id: INC-40
    title: Checkout errors
    severity: sev2
    status: investigating
    systems: [checkout]
    started: 2026-12-05T09:00:00Z`,
});

describe('what changed before an incident (Incidents view)', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi;
  let original: string;
  let base: string;
  const added: string[] = [];
  const shas: Record<string, string> = {};

  const commitAt = (file: string, message: string, when: number): string => {
    const root = workspaceRoot();
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), `// ${message}\n`);
    added.push(file);
    git(root, ['add', '--', file]);
    const date = `@${when / 1000} +0000`;
    git(root, ['commit', '-q', '-m', message, '--', file], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 'Ana Tester' });
    return git(root, ['rev-parse', 'HEAD']).trim();
  };

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi;
    const root = workspaceRoot();
    original = fs.readFileSync(path.join(root, 'ops.yaml'), 'utf8');
    base = git(root, ['rev-parse', 'HEAD']).trim();
    shas.old = commitAt('services/checkout/retry-policy.ts', 'Old checkout change', started - 100 * HOUR);
    shas.ledger = commitAt('libs/ledger/pool-tuning.ts', 'Tune ledger pool (#12)', started - 10 * HOUR);
    shas.web = commitAt('apps/web/banner-copy.ts', 'Web banner copy', started - 5 * HOUR);
    shas.checkout = commitAt('services/checkout/retry-policy.ts', 'Retry checkout calls\n\nFreeze-Override: CHG-7 hotfix', started - 2 * HOUR);
    await writeManifest(manifest);
    api.pinClock(at);
    await api.refresh();
    await waitFor('INC-40 in the Incidents view', () => (incidentRow() !== undefined ? true : undefined), [api.services.status.onDidChange, api.services.models.onDidChange], 20_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const root = workspaceRoot();
    // Back to the fixture's history; the scripted files leave with it.
    git(root, ['reset', '-q', '--mixed', base]);
    for (const file of added) fs.rmSync(path.join(root, file), { force: true });
    await writeManifest(original);
    api.pinClock(undefined);
    await api.refresh();
  });

  function incidentRow(): ViewNode | undefined {
    const walk = (nodes: readonly ViewNode[]): ViewNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);
    return walk(api.getTreeData('changeRadar.incidents').nodes).find((n) => n.label.startsWith('INC-40'));
  }

  it('expands the incident to its changes in the 72 h before, and those to the exact commits', async () => {
    const changes = incidentRow()?.children ?? [];
    assert.deepStrictEqual(changes.map((c) => [c.label, c.lazy]), [['Changes in the 72 h before', true]]);
    const commits = await api.getChildren('changeRadar.incidents', changes[0]);
    assert.deepStrictEqual(commits.map((c) => [c.id.split('/').pop(), c.label, c.description]), [
      [shas.checkout, 'Retry checkout calls', 'Ana Tester · 4 h ago · touches checkout · override'],
      [shas.ledger, 'Tune ledger pool (#12)', 'Ana Tester · 12 h ago · touches ledger (checkout depends on ledger)'],
    ]);
    assert.ok((commits[0].tooltip ?? '').includes('`CHG-7 hotfix`'), commits[0].tooltip);
    // Once known, the count is on the row.
    await waitFor('the count on the changes row', () => (incidentRow()?.children[0]?.label === 'Changes in the 72 h before (2)' ? true : undefined), [api.services.status.onDidChange], 10_000);
  });

  it('opening a commit row shows its changes in a diff editor; Copy SHA and Copy Revert Command fill the clipboard', async () => {
    const [row] = await api.getChildren('changeRadar.incidents', incidentRow()?.children[0] as ViewNode);
    await vscode.commands.executeCommand('changeRadar.openCommitChanges', row);
    const title = `${shas.checkout.slice(0, 7)} Retry checkout calls`;
    const tab = await waitFor('the commit\'s diff tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.includes(title)), [vscode.window.tabGroups.onDidChangeTabs], 15_000);
    // The multi-file diff editor (TabInputTextMultiDiff: its `textDiffs`), one pair per file of the commit.
    const diffs = (tab.input as { textDiffs?: readonly { original: vscode.Uri; modified: vscode.Uri }[] } | undefined)?.textDiffs;
    assert.ok(diffs !== undefined, `a multi-file diff: ${JSON.stringify(tab.input)}`);
    assert.deepStrictEqual(diffs.map((d) => [d.original.scheme, d.modified.scheme, path.basename(d.modified.fsPath)]), [['git', 'git', 'retry-policy.ts']], JSON.stringify(diffs));
    await vscode.commands.executeCommand('changeRadar.copyCommitSha', row);
    assert.strictEqual(await vscode.env.clipboard.readText(), shas.checkout);
    await vscode.commands.executeCommand('changeRadar.copyRevertCommand', row);
    assert.strictEqual(await vscode.env.clipboard.readText(), `git revert ${shas.checkout}`);
  });

  it('What Changed Before Incident… picks the incident, then the commit, and opens its changes', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const title = `${shas.checkout.slice(0, 7)} Retry checkout calls`;
    const diffTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.includes(title));
    assert.strictEqual(diffTab(), undefined);
    const done = vscode.commands.executeCommand('changeRadar.whatChangedBeforeIncident');
    // Accept the first item of each quick pick as it appears: INC-40 (the only incident), then its newest commit.
    const tab = await waitFor('the chosen commit\'s diff tab', () => {
      const found = diffTab();
      if (found === undefined) void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return found;
    }, [vscode.window.tabGroups.onDidChangeTabs], 20_000);
    await done;
    assert.ok((tab.input as { textDiffs?: unknown[] } | undefined)?.textDiffs?.length === 1, JSON.stringify(tab.input));
  });
});
