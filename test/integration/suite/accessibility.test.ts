// In the real host: what a screen reader is given for the tree items (each provider's getTreeItem)
// and for the status-bar item — the state in words — on a known manifest and a real git change.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { ViewId } from '../../../src/vscode/constants';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { acmeSystems, manifestYaml } from '../../fixtures/acmeManifest';
import { writeManifest } from '../warningsManifest';
import { activateExtension, gitInWorkspace, waitFor, workspaceRoot, writeWorkspaceFiles } from '../fixtures';

/** 2026-12-05 12:00 in Berlin: the holiday freeze is active until December 10. */
const at = Date.parse('2026-12-05T11:00:00Z');

const manifest = manifestYaml({
  systems: acmeSystems(['checkout', 'ledger', 'web']),
  freezes: `  - id: holiday
    title: Holiday freeze
    systems: [checkout]
    start: 2026-12-01 00:00
    end: 2026-12-10 00:00
    enforcement: block`,
  incidents: `  - id: INC-2041
    title: Ledger writes are slow
    severity: sev1
    status: identified
    systems: [ledger]
    started: 2026-12-05 10:00`,
});

function allRows(nodes: readonly ViewNode[]): ViewNode[] {
  return nodes.flatMap((n) => [n, ...allRows(n.children)]);
}

describe('accessibility: screen-reader labels of tree items and the status bar', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi;
  let original: string;
  const changed = 'services/checkout/a11y.ts';
  const events = () => [api.services.status.onDidChange, api.services.impact.onDidChange, api.services.models.onDidChange];
  /** The screen-reader label VS Code is given for a row of a view, found by its id. */
  const spoken = (view: ViewId, id: string): string | undefined => {
    const row = allRows(api.getTreeData(view).nodes).find((n) => n.id === id);
    assert.ok(row, `no row ${id} in ${view}`);
    return api.getTreeItem(view, row).accessibilityInformation?.label;
  };

  before(async () => {
    api = (await activateExtension()).exports as ChangeRadarTestApi;
    original = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    writeWorkspaceFiles({ 'ops.yaml': manifest, [changed]: 'export const a = 1;\n' });
    api.pinClock(at);
    await api.refresh();
    await waitFor('the change under the holiday freeze', () => (api.getTreeData('changeRadar.impact').nodes.some((n) => n.id === 'touched/checkout') && api.statusBar()?.level === 'error') || undefined, events(), 30_000)
      .catch(async () => {
        await api.refresh();
        await waitFor('the change under the holiday freeze after a refresh', () => api.getTreeData('changeRadar.impact').nodes.some((n) => n.id === 'touched/checkout') || undefined, events(), 20_000);
      });
  });

  after(async () => {
    gitInWorkspace(['rm', '-q', '--cached', '--ignore-unmatch', changed]);
    fs.rmSync(path.join(workspaceRoot(), changed), { force: true });
    await writeManifest(original);
    api.pinClock(undefined);
    await api.refresh();
  });

  it('says a freeze blocks, on what and until when (Freezes view)', () => {
    // The end, December 10 00:00 in Berlin, is spoken in the host's zone: December 9 west of Berlin.
    assert.match(spoken('changeRadar.freezes', 'freeze/freeze/holiday') ?? '', /^Blocked: Holiday freeze on checkout, until December (9|10)$/);
  });

  it('says an incident\'s id, severity, status and systems (Incidents view)', () => {
    assert.match(spoken('changeRadar.incidents', 'incident/INC-2041') ?? '', /^Incident INC-2041, sev1, identified, on ledger: Ledger writes are slow/);
  });

  it('says which system a change touches, what blocks it, and that the changed file is frozen (Change Impact view)', () => {
    assert.strictEqual(spoken('changeRadar.impact', 'touched/checkout'), 'System Checkout service (checkout), touched: 1 changed file, blocked by freeze Holiday freeze');
    assert.match(spoken('changeRadar.impact', `touched/checkout/file/${changed}`) ?? '', /^Changed file services\/checkout\/a11y\.ts, .*frozen: commits blocked by Holiday freeze$/);
  });

  it('gives every row of every view a screen-reader label', () => {
    const views: ViewId[] = ['changeRadar.incidents', 'changeRadar.milestones', 'changeRadar.freezes', 'changeRadar.impact'];
    const missing = views.flatMap((view) => allRows(api.getTreeData(view).nodes)
      .filter((row) => !(api.getTreeItem(view, row).accessibilityInformation?.label ?? '').trim())
      .map((row) => `${view}: ${row.id}`));
    assert.deepStrictEqual(missing, []);
  });

  it('gives the status-bar item the blocking freeze in words, beside its codicon text', () => {
    const item = api.statusBarItem();
    assert.strictEqual(item?.text, '$(lock) Blocked: Holiday freeze');
    assert.match(item?.accessibilityInformation?.label ?? '', /^Change Radar: Blocked: Holiday freeze on checkout, until December (9|10)$/);
  });
});
