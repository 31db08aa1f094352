// As a person sees it: "Change Radar: Freeze Now…" from the command palette opens its
// quick pick of what to freeze; picking systems, a duration, the enforcement and a reason adds the
// freeze, and the Freezes view lists it. Screenshot: test-results/screenshots/freeze-now.png
// (copied to docs/images/freeze-now.png for the README).
import * as assert from 'node:assert';
import { commitAll, createFixtureWorkspace, writeFiles } from '../../scripts/host/gitRepo';
import { startUiSession } from './uiSession';
import type { UiSession } from './uiSession';

const manifest = `version: 1
timezone: Europe/Berlin
systems:
  checkout:
    title: Checkout service
    paths: [services/checkout/]
    tier: 1
  payments:
    title: Payments
    paths: [services/payments/]
    tier: 1
  ledger:
    title: Ledger
    paths: [libs/ledger/]
incidents:
  - id: INC-2042
    title: Card declines
    severity: sev2
    status: investigating
    systems: [payments]
`;

describe('Freeze Now from the command palette', () => {
  let ui: UiSession;

  before(async () => {
    const workspace = createFixtureWorkspace();
    writeFiles(workspace, { 'ops.yaml': manifest, 'services/payments/api.ts': 'export {};\n' });
    commitAll(workspace, 'Manifest with an incident on payments');
    ui = await startUiSession({ workspace });
  });

  after(async () => {
    await ui?.stop();
  });

  it('asks what to freeze, for how long and why, then lists the new freeze', async () => {
    const { page } = ui.workbench;
    await ui.workbench.openViewContainer('Change Radar');
    await ui.workbench.waitForSideBarIdle();
    // The manifest has been read once the Incidents view lists its incident.
    await ui.workbench.view('Incidents').locator('.monaco-list-row', { hasText: 'INC-2042' }).first().waitFor({ timeout: 30_000 });
    await ui.workbench.runCommand('Change Radar: Freeze Now');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'what to freeze' }).waitFor();
    const row = (label: string) => widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row('payments').waitFor();
    await row('payments').locator('input[type=checkbox], .quick-input-list-checkbox, .monaco-custom-toggle').first().click();
    await row('ledger').locator('input[type=checkbox], .quick-input-list-checkbox, .monaco-custom-toggle').first().click();
    await ui.workbench.screenshot('freeze-now');
    await widget.locator('.monaco-button', { hasText: 'OK' }).first().click();
    // A title names the freeze in every view and warning (without one they would show its raw id).
    await widget.locator('.quick-input-title', { hasText: 'title' }).waitFor();
    await widget.locator('.quick-input-box input').fill('Card decline freeze');
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: 'how long' }).waitFor();
    await widget.locator('.quick-input-box input').fill('4h');
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: 'enforcement' }).waitFor();
    await widget.locator('.quick-input-box input').fill('block');
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: 'reason' }).waitFor();
    await widget.locator('.quick-input-box input').fill('INC-2042: stop changes while cards decline');
    await page.keyboard.press('Enter');
    await ui.workbench.expandView('Freezes');
    const freezes = ui.workbench.view('Freezes');
    // State first, then the title (cut to the sidebar's width at a word).
    await freezes.locator('.monaco-list-row', { hasText: 'Block: Card' }).first().waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await ui.workbench.screenshot('freeze-now-failure');
      throw error;
    });
    const rows = await freezes.locator('.monaco-list-row').allInnerTexts();
    assert.ok(rows.some((r) => /^Block: Card/.test(r)), rows.join(' | '));
    assert.ok(!rows.some((r) => /freeze-\d{4}-\d{2}-\d{2}-1/.test(r)), `a raw id shows: ${rows.join(' | ')}`);
  });
});
