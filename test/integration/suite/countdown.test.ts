// In the real host: the status bar counts down to a block freeze that starts soon on a system of
// the change (a real modified file in the workspace's git repository), and the Freezes view says
// when it starts.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import { acmeSystems, manifestYaml } from '../../fixtures/acmeManifest';
import { writeManifest } from '../warningsManifest';
import { activateExtension, gitInWorkspace, waitFor, workspaceRoot, writeWorkspaceFiles } from '../fixtures';

/** 13:50 in Berlin: the release freeze starts at 16:00, in 2 h 10 min. */
const at = Date.parse('2026-12-18T12:50:00Z');

const manifest = manifestYaml({
  systems: acmeSystems(['checkout', 'web']),
  freezes: `  - id: release
    title: Release freeze
    systems: [checkout]
    start: 2026-12-18 16:00
    end: 2026-12-21 08:00
    enforcement: block`,
});

describe('status bar countdown', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi;
  let original: string;
  const file = 'services/checkout/countdown.ts';

  const events = () => [api.services.status.onDidChange, api.services.impact.onDidChange, api.services.models.onDidChange];

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi;
    original = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    writeWorkspaceFiles({ 'ops.yaml': manifest, [file]: 'export const soon = 1;\n' });
    api.pinClock(at);
    await api.refresh();
  });

  after(async () => {
    gitInWorkspace(['rm', '-q', '--cached', '--ignore-unmatch', file]);
    fs.rmSync(path.join(workspaceRoot(), file), { force: true });
    await writeManifest(original);
    api.pinClock(undefined);
    await api.refresh();
  });

  it('counts down to the block freeze on the changed file, and the Freezes view says when it starts', async () => {
    const text = await waitFor('the countdown in the status bar', () => {
      const current = api.statusBar()?.text;
      return current?.startsWith('❄') ? current : undefined;
    }, events(), 30_000).catch(async (error: unknown) => {
      await api.refresh();
      const current = api.statusBar()?.text;
      if (current?.startsWith('❄')) return current;
      throw error;
    });
    assert.strictEqual(text, '❄ in 2 h 10 min: Release freeze');
    assert.strictEqual(api.statusBar()?.level, 'warning');
    const rows = api.getTreeData('changeRadar.freezes').nodes.flatMap((group) => group.children.map((n) => `${n.label} — ${n.description ?? ''}`));
    assert.deepStrictEqual(rows, ['Block: Release freeze — in 2 h 10 min']);
  });

  it('turns into the block once the freeze is in force', async () => {
    api.pinClock(Date.parse('2026-12-18T15:00:00Z'));
    await api.refresh();
    const text = await waitFor('the block in the status bar', () => {
      const current = api.statusBar()?.text;
      return current?.startsWith('$(lock)') ? current : undefined;
    }, events(), 30_000);
    assert.strictEqual(text, '$(lock) Blocked: Release freeze');
  });
});
