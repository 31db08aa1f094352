// The timeline webview as a person sees it: opened from the Freezes view's title button on
// the demo repository (examples/, as `npm start` uses, with its ops.yaml rewritten relative to now,
// since the UI cannot pin the extension's clock), the bars and markers read from the webview's DOM,
// the "only the current change" filter, and a click on a freeze that lands on its line in ops.yaml.
// The screenshot goes to test-results/screenshots/timeline.png; the README shows a copy from docs/images/.
import * as assert from 'node:assert';
import { commitAll, createFixtureWorkspace, writeFiles } from '../../scripts/host/gitRepo';
import { day, hour, when } from './relativeTime';
import { startUiSession } from './uiSession';
import { acmeSystems, manifestYaml } from '../fixtures/acmeManifest';
import type { UiSession } from './uiSession';

function manifest(): string {
  return `${manifestYaml({ systems: acmeSystems(['checkout', 'ledger', 'web'], { tiers: { checkout: 1, ledger: 1, web: 2 }, dependencies: false }) })}freezes:
  - id: holiday
    title: Holiday freeze
    reason: Peak traffic, no risky deploys
    systems: [checkout]
    start: ${when(-2 * day)}
    end: ${when(9 * day)}
    enforcement: block
  - id: payments-weekend
    title: No ledger changes over the weekend
    systems: [ledger]
    schedule:
      start: "0 17 * * 5"
      end: "0 8 * * 1"
    enforcement: warn
  - id: audit
    title: Audit window
    systems: [web]
    start: ${when(12 * day)}
    end: ${when(14 * day)}
    enforcement: warn
overrides:
  - freeze: holiday
    reason: Fraud rule hotfix
    approvedBy: cab@acme.example
    paths: [services/checkout/fraud/]
    expires: ${when(day)}
incidents:
  - id: INC-2041
    title: Ledger writes are slow
    severity: sev1
    status: investigating
    systems: [ledger]
    started: ${when(-30 * hour)}
    freeze: block
projects:
  - id: checkout-v2
    title: Checkout v2
    owner: "@dana"
    systems: [checkout]
    milestones:
      - id: beta
        title: Public beta
        due: ${when(4 * day).slice(0, 10)}
        status: in-progress
      - id: ga
        title: General availability
        due: ${when(30 * day).slice(0, 10)}
        status: planned
`;
}

/** The distinct `data-id`s of the elements a locator finds, in document order. */
async function idsOf(locator: ReturnType<ReturnType<UiSession['workbench']['page']['frameLocator']>['locator']>): Promise<string[]> {
  const ids: string[] = [];
  for (const node of await locator.all()) ids.push((await node.getAttribute('data-id')) ?? '');
  return [...new Set(ids)];
}

describe('Change Radar timeline', () => {
  let ui: UiSession;
  let text: string;

  before(async () => {
    const workspace = createFixtureWorkspace();
    text = manifest();
    writeFiles(workspace, { 'ops.yaml': text });
    commitAll(workspace, 'Demo manifest relative to now');
    writeFiles(workspace, { 'services/checkout/pay.ts': 'export const pay = 2;\n' });
    ui = await startUiSession({ workspace });
    await ui.workbench.openViewContainer('Change Radar');
  });

  after(async () => {
    await ui?.stop();
  });

  /** The timeline's document: the webview iframe and, inside it, the frame VS Code puts the HTML in. */
  const timeline = () => ui.workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  it('opens from the Freezes view and draws freeze bars, the milestone at risk and the now line', async () => {
    const page = ui.workbench.page;
    await ui.workbench.expandView('Freezes');
    const freezesHeader = page.locator('.pane-header', { hasText: 'Freezes' });
    await freezesHeader.hover();
    await freezesHeader.locator('.action-label[aria-label*="Open Timeline"]').click();
    const doc = timeline();
    await doc.locator('[data-kind="freeze"][data-id="holiday"]').first().waitFor({ timeout: 30_000 });

    const freezeIds = (await idsOf(doc.locator('[data-kind="freeze"]'))).sort();
    // INC-2041 acts as a block freeze: a freeze bar on the ledger lane, as the Freezes view lists it.
    assert.deepStrictEqual(freezeIds, ['INC-2041', 'audit', 'holiday', 'payments-weekend']);
    assert.match(await doc.locator('[data-kind="freeze"][data-id="INC-2041"]').first().getAttribute('class') ?? '', /\bblock\b.*\bongoing\b/);
    // Recurring: one bar per weekend in the eight weeks shown ahead.
    assert.ok(await doc.locator('[data-id="payments-weekend"]').count() >= 8);
    // The override covers only services/checkout/fraud/: partly overridden, not hatched over the bar.
    assert.match(await doc.locator('[data-id="holiday"]').first().getAttribute('class') ?? '', /\bblock\b.*\bpartly-overridden\b/);
    assert.match(await doc.locator('[data-id="holiday"]').first().getAttribute('aria-label') ?? '', /^Freeze holiday \(block, partly overridden\): Holiday freeze/);
    assert.strictEqual(await doc.locator('[data-id="holiday"] .override.partial').count(), 1);

    const beta = doc.locator('.milestone[data-id="beta"]');
    assert.match(await beta.getAttribute('class') ?? '', /\bat-risk\b/);
    assert.strictEqual(await beta.locator('.risk-badge').count(), 1);
    assert.match(await doc.locator('.milestone[data-id="ga"]').getAttribute('class') ?? '', /^(?!.*at-risk)/);
    assert.match(await doc.locator('.incident[data-id="INC-2041"]').getAttribute('class') ?? '', /\bsev1\b.*\bongoing\b/);

    const now = doc.locator('#now-line');
    assert.strictEqual(await now.count(), 1);
    const nowAt = Number(await now.getAttribute('data-now'));
    assert.ok(Math.abs(nowAt - Date.now()) < 5 * 60_000, `now line at ${new Date(nowAt).toISOString()}`);

    // Hover shows the reasons of the milestone at risk.
    await beta.hover();
    await doc.locator('#tooltip:not([hidden])').waitFor();
    assert.match(await doc.locator('#tooltip').innerText(), /At risk:[\s\S]*due inside freeze holiday/);

    // The table alternative lists the same entries.
    assert.ok(await doc.locator('#table-section tbody tr[data-key*="freeze:holiday@"]').count() === 1);
    await page.mouse.move(5, 5);
    await ui.workbench.screenshot('timeline');
  });

  it('keeps only the systems of the current change when asked', async () => {
    const doc = timeline();
    const lanes = async () => doc.locator('.lane-label').allTextContents();
    assert.deepStrictEqual(await lanes(), ['Checkout service', 'Ledger', 'Web shop']);
    await doc.locator('#only-change').check();
    // services/checkout/pay.ts is modified: checkout is touched, nothing depends on it.
    await doc.locator('.lane-label').first().waitFor();
    const deadline = Date.now() + 30_000;
    let shown = await lanes();
    while (shown.join() !== 'Checkout service' && Date.now() < deadline) {
      await ui.workbench.page.waitForTimeout(250);
      shown = await lanes();
    }
    assert.deepStrictEqual(shown, ['Checkout service']);
    assert.deepStrictEqual(await idsOf(doc.locator('[data-kind="freeze"]')), ['holiday']);
    await doc.locator('#only-change').uncheck();
  });

  it('lands on the freeze entry in ops.yaml when a bar is clicked', async () => {
    const doc = timeline();
    await doc.locator('[data-id="audit"]').first().click();
    const page = ui.workbench.page;
    await page.locator('.tab.active', { hasText: 'ops.yaml' }).waitFor({ timeout: 15_000 });
    const expectedLine = text.split('\n').findIndex((line) => line.includes('- id: audit')) + 1;
    const selection = page.locator('[id="status.editor.selection"]');
    await selection.waitFor();
    // The whole entry is selected; the status bar shows the cursor at its end. Left collapses the
    // selection to its start, as a person would do to see where the entry begins.
    await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: 10_000 });
    assert.match(await selection.innerText(), /selected\)/);
    await page.keyboard.press('ArrowLeft');
    const deadline = Date.now() + 10_000;
    let status = await selection.innerText();
    while (!status.startsWith(`Ln ${expectedLine},`) && Date.now() < deadline) {
      await page.waitForTimeout(200);
      status = await selection.innerText();
    }
    assert.ok(status.startsWith(`Ln ${expectedLine},`), `${status} (expected line ${expectedLine})`);
    assert.deepStrictEqual(ui.hostErrors, []);
  });

  it('comes back after a window reload, with its settings (webview serializer)', async () => {
    const page = ui.workbench.page;
    const tab = page.locator('.tab', { hasText: 'Change Radar: Timeline' });
    await tab.click();
    await timeline().locator('#show-table').check();
    await timeline().locator('#group-by').selectOption('tier');
    await timeline().locator('.lane-label', { hasText: 'Tier 2' }).waitFor();
    // Reload as a person does (through the workbench's shutdown, which saves the editors' state).
    const loaded = page.waitForEvent('load', { timeout: 60_000 });
    await ui.workbench.runCommand('Developer: Reload Window');
    await loaded;
    await ui.workbench.waitUntilReady();
    await page.locator('.tab', { hasText: 'Change Radar: Timeline' }).click({ timeout: 30_000 });
    const doc = timeline();
    await doc.locator('[data-kind="freeze"][data-id="holiday"]').first().waitFor({ timeout: 60_000 });
    assert.strictEqual(await doc.locator('#show-table').isChecked(), true);
    assert.deepStrictEqual(await doc.locator('.lane-label').allTextContents(), ['Tier 1', 'Tier 2']);
    assert.ok(await doc.locator('#table-section.table-visible tbody tr').count() > 5);
  });
});
