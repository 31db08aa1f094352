// As a person sees it: ops.yaml open in the editor shows CodeLens above each system and freeze, and
// hovering a system id shows its title, owners, files, freezes and dependents. Screenshot:
// test-results/screenshots/manifest-hover.png (copied to docs/images/manifest-hover.png for the README).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitAll, createFixtureWorkspace, writeFiles } from '../../scripts/host/gitRepo';
import { acmeSystems, manifestYaml } from '../fixtures/acmeManifest';
import { day, when } from './relativeTime';
import { startUiSession } from './uiSession';
import type { UiSession } from './uiSession';
import { screenshotDir } from './workbench';

describe('Editing ops.yaml', () => {
  let ui: UiSession;

  before(async () => {
    const workspace = createFixtureWorkspace();
    writeFiles(workspace, {
      'ops.yaml': manifestYaml({
        systems: acmeSystems(['checkout', 'ledger', 'web'], { tiers: { checkout: 1 } }),
        freezes: `  - id: holiday
    title: Holiday freeze
    reason: Peak traffic, no risky deploys
    systems: [checkout]
    start: ${when(-2 * day)}
    end: ${when(5 * day)}
    enforcement: block`,
      }),
      'services/checkout/api.ts': 'export const api = 1;\n',
      // The hover below the id, so that the screenshot shows the lens above the same id too (a lens
      // sits on the line above its id: the one just below checkout's block belongs to ledger).
      '.vscode/settings.json': JSON.stringify({ 'editor.hover.above': false }, null, 2) + '\n',
    });
    commitAll(workspace, 'Manifest for the editing screenshot');
    ui = await startUiSession({ workspace });
  });

  after(async () => {
    await ui?.stop();
  });

  it('shows CodeLens and a hover on a system id', async () => {
    const { page } = ui.workbench;
    await ui.workbench.runCommand('Go to File...');
    await page.keyboard.type('ops.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ops.yaml' }).first().waitFor();
    await page.keyboard.press('Enter');
    const lens = page.locator('.codelens-decoration', { hasText: /freeze.* active/ }).first();
    await lens.waitFor({ timeout: 30_000 });
    const lenses = await page.locator('.codelens-decoration').allInnerTexts();
    assert.ok(lenses.some((text) => /in force until/.test(text)), lenses.join('\n'));
    // Hover the first system id (`checkout:`) the way a person does: with the mouse.
    const token = page.locator('.view-lines .view-line span', { hasText: /^checkout$/ }).first();
    await token.hover();
    const hover = page.locator('.monaco-hover-content', { hasText: 'Tracked files' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const text = await hover.innerText();
    // The lens above `checkout:` and the hover on it, from one set of facts: two files, the holiday freeze.
    assert.match(text, /Tracked files: 2\b/);
    assert.match(text, /Freezes in force: Holiday freeze \(block\)/);
    const shown = await page.locator('.codelens-decoration').allInnerTexts();
    assert.ok(shown.some((t) => t.includes('2 files · 1 freeze active · 1 dependent')), shown.join('\n'));
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'manifest-hover.png') });
  });
});
