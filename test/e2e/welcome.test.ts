// As a person sees it: the Change Radar side bar in a repository without a manifest offers
// Create Manifest once, in the first view shown (expanded); the other views say in a line where
// their rows come from, and no welcome text shows Markdown it does not render (backticks).
// Collapsing the first view moves the button to the next.
import * as assert from 'node:assert';
import { createGitRepo } from '../../scripts/host/gitRepo';
import { startUiSession } from './uiSession';
import type { UiSession } from './uiSession';

describe('Welcome views without a manifest', () => {
  let ui: UiSession;

  before(async () => {
    const workspace = createGitRepo({ commits: [{ message: 'A repository without a manifest', files: { 'services/checkout/pay.ts': 'export {};\n' } }] });
    ui = await startUiSession({ workspace });
  });

  after(async () => {
    await ui?.stop();
  });

  it('offers Create Manifest once in the side bar, in the first view shown, the others saying where their rows come from', async () => {
    const { workbench } = ui;
    await workbench.openViewContainer('Change Radar');
    const sidebar = workbench.page.locator('.part.sidebar');
    // A collapsed view keeps its welcome in the page, hidden: count what a person sees.
    const buttons = sidebar.locator('.welcome-view-content').getByRole('button', { name: 'Create Manifest' }).filter({ visible: true });
    await buttons.first().waitFor({ timeout: 30_000 });
    await workbench.page.waitForTimeout(500);
    assert.strictEqual(await buttons.count(), 1, (await sidebar.locator('.welcome-view-content').allInnerTexts()).join('\n---\n'));
    assert.strictEqual(await workbench.view('Incidents').locator('.welcome-view-content').getByRole('button', { name: 'Create Manifest' }).count(), 1);
    assert.match(await workbench.viewMessage('Freezes'), /^Change freezes come from the freezes section of the manifest\.$/);
    const texts = (await sidebar.locator('.welcome-view-content').allInnerTexts()).join('\n');
    assert.ok(!texts.includes('`'), texts);
    // Incidents collapsed: the button moves to the next view shown.
    await workbench.view('Incidents').locator('.pane-header').click();
    await workbench.view('Milestones').locator('.welcome-view-content').getByRole('button', { name: 'Create Manifest' }).waitFor({ timeout: 10_000 });
    const where = async (): Promise<string> => {
      const found: string[] = [];
      for (const title of ['Incidents', 'Milestones', 'Freezes', 'Change Impact']) {
        const pane = workbench.view(title);
        found.push(`${title} ${await pane.locator('.pane-header').getAttribute('aria-expanded')}: ${await pane.locator('.welcome-view-content').getByRole('button', { name: 'Create Manifest' }).filter({ visible: true }).count()}`);
      }
      return found.join(', ');
    };
    // The collapsing pane hides its body after its animation: a bounded wait for one button in sight.
    for (const until = Date.now() + 10_000; (await buttons.count()) !== 1 && Date.now() < until;) await workbench.page.waitForTimeout(100);
    assert.strictEqual(await buttons.count(), 1, await where());
    await workbench.expandView('Incidents');
  });
});
