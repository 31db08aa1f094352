// The four Change Radar views as a person sees them, on a repository with a manifest whose times
// are relative to now (the UI cannot pin the extension's clock) and with real git changes.
// Screenshots go to test-results/screenshots/views-*.png; the README shows copies from docs/images/.
import * as assert from 'node:assert';
import * as path from 'node:path';
import { commitAll, createFixtureWorkspace, stageFiles, writeFiles } from '../../scripts/host/gitRepo';
import { acmeSystems, manifestYaml } from '../fixtures/acmeManifest';
import { day, hour, when } from './relativeTime';
import { startUiSession } from './uiSession';
import type { UiSession } from './uiSession';
import { screenshotDir } from './workbench';

function demoManifest(): string {
  return manifestYaml({
    systems: acmeSystems(['checkout', 'ledger', 'web'], { tiers: { checkout: 1, ledger: 1 } }),
    freezes: `  - id: holiday
    title: Holiday freeze
    reason: Peak traffic, no risky deploys
    systems: [checkout]
    start: ${when(-2 * day)}
    end: ${when(4 * day + 3 * hour)}
    enforcement: block
  - id: audit
    title: Audit window
    systems: [web]
    start: ${when(2 * day)}
    end: ${when(3 * day)}
    enforcement: warn`,
    incidents: `  - id: INC-2041
    title: Ledger writes are slow
    severity: sev1
    status: investigating
    systems: [ledger]
    started: ${when(-2 * hour)}
    commander: "@dana"
    url: https://status.example.com/incidents/2041
  - id: INC-2040
    title: Search results stale
    severity: sev3
    status: monitoring
    systems: [web]
    started: ${when(-day)}`,
    projects: `  - id: checkout-v2
    title: Checkout v2
    goal: Cut checkout time in half
    owner: "@dana"
    systems: [checkout]
    milestones:
      - id: design
        title: Design review
        due: ${when(-10 * day).slice(0, 10)}
        status: done
      - id: beta
        title: Public beta
        due: ${when(3 * day).slice(0, 10)}
        status: in-progress
      - id: ga
        title: General availability
        due: ${when(40 * day).slice(0, 10)}
        status: planned
`,
  });
}

/** Drags the side bar's edge to the right, so descriptions are readable in the screenshots. */
async function widenSideBar(session: UiSession, by: number): Promise<void> {
  const box = await session.workbench.page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const { mouse } = session.workbench.page;
  await mouse.move(box.x + box.width - 1, box.y + box.height / 2);
  await mouse.down();
  await mouse.move(box.x + box.width + by, box.y + box.height / 2, { steps: 5 });
  await mouse.up();
}

describe('Change Radar views', () => {
  let ui: UiSession;

  before(async () => {
    const workspace = createFixtureWorkspace();
    writeFiles(workspace, { 'ops.yaml': demoManifest() });
    commitAll(workspace, 'Demo manifest');
    writeFiles(workspace, { 'services/checkout/pay.ts': 'export const pay = 2;\n', 'libs/ledger/book.ts': 'export const book = 2;\n' });
    stageFiles(workspace, ['libs/ledger/book.ts']);
    ui = await startUiSession({ workspace });
    await ui.workbench.openViewContainer('Change Radar');
    await widenSideBar(ui, 260);
  });

  after(async () => {
    await ui?.stop();
  });

  async function rowsOf(view: string, minimum: number): Promise<string[]> {
    await ui.workbench.expandView(view);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = (await ui.workbench.treeRows(view)).map((r) => `${r.label} ${r.description}`.trim());
      if (rows.length >= minimum || Date.now() > deadline) return rows;
      await ui.workbench.page.waitForTimeout(250);
    }
  }

  async function shoot(view: string, name: string): Promise<void> {
    const file = path.join(screenshotDir, `${name}.png`);
    await ui.workbench.page.mouse.move(760, 420);
    await ui.workbench.view(view).screenshot({ path: file });
  }

  it('shows the sev1 incident first, with systems and age', async () => {
    const rows = await rowsOf('Incidents', 4);
    assert.strictEqual(rows[0], 'SEV1 1 active');
    assert.ok(rows[1]?.startsWith('INC-2041 Ledger') && / 2 h( \d+ min)? ago$/.test(rows[1]), rows.join('\n'));
    await shoot('Incidents', 'views-incidents');
  });

  it('shows milestones by due date, the beta at risk because of the freeze', async () => {
    const rows = await rowsOf('Milestones', 4);
    assert.ok(rows[0].startsWith('Checkout v2'), rows.join('\n'));
    assert.ok(rows.some((r) => r.startsWith('At risk: Public beta')), rows.join('\n'));
    await shoot('Milestones', 'views-milestones');
  });

  it('shows the active freeze with time remaining and the upcoming one', async () => {
    const rows = await rowsOf('Freezes', 4);
    assert.ok(rows.some((r) => r.startsWith('Block: Holiday freeze 4 days left')), rows.join('\n'));
    assert.ok(rows.some((r) => r.startsWith('Warn: Audit window in ')), rows.join('\n'));
    await shoot('Freezes', 'views-freezes');
  });

  it('shows the impact of the modified and staged files, the frozen system first', async () => {
    const rows = await rowsOf('Change Impact', 4);
    assert.ok(rows.some((r) => r.startsWith('Blocked: Checkout service')), rows.join('\n'));
    // pay.ts is new to the repository: git does not track it yet.
    assert.ok(rows.some((r) => r.startsWith('pay.ts services/checkout · untracked')), rows.join('\n'));
    assert.match(await ui.workbench.viewMessage('Change Impact'), /Commit blocked: Holiday freeze/);
    await shoot('Change Impact', 'views-impact');
    await ui.workbench.screenshot('views-sidebar');
    assert.deepStrictEqual(ui.hostErrors, []);
  });
});
