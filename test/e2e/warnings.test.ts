// As a person sees it: save a file in a frozen system, and the editor squiggles it, the
// Problems panel lists why, and the Explorer badges the file. Screenshot: test-results/screenshots/
// warnings.png (copied to docs/images/warnings.png for the README).
import * as assert from 'node:assert';
import { commitAll, createFixtureWorkspace, writeFiles } from '../../scripts/host/gitRepo';
import { acmeSystems, manifestYaml } from '../fixtures/acmeManifest';
import { day, when } from './relativeTime';
import { startUiSession } from './uiSession';
import type { UiSession } from './uiSession';

function manifest(): string {
  return manifestYaml({
    systems: acmeSystems(['checkout', 'ledger'], { tiers: { checkout: 1 } }),
    freezes: `  - id: holiday
    title: Holiday freeze
    reason: Peak traffic, no risky deploys
    systems: [checkout]
    start: ${when(-2 * day)}
    end: ${when(5 * day)}
    enforcement: block`,
    incidents: `  - id: INC-2041
    title: Ledger writes are slow
    severity: sev1
    status: investigating
    systems: [ledger]
    commander: "@dana"
`,
  });
}

describe('Change Radar warnings in the editor', () => {
  let ui: UiSession;

  before(async () => {
    const workspace = createFixtureWorkspace();
    writeFiles(workspace, {
      'ops.yaml': manifest(),
      'services/checkout/index.ts': 'export function pay(amount: number): number {\n  return amount;\n}\n',
      'libs/ledger/book.ts': 'export const book = 1;\n',
      // A second entry under services/ keeps the Explorer from compacting it into services/checkout.
      'services/README.md': '# Services\n',
    });
    commitAll(workspace, 'Manifest with a holiday freeze on checkout');
    ui = await startUiSession({ workspace });
  });

  after(async () => {
    await ui?.stop();
  });

  it('squiggles a saved file in a frozen system, lists it in Problems and badges it in the Explorer', async () => {
    const { page } = ui.workbench;
    await ui.workbench.runCommand('View: Show Explorer');
    await page.locator('.explorer-folders-view').waitFor();
    // Open the file the way a person does: through the Explorer tree (compact folders may show
    // services/checkout as one row, so stop as soon as the file is there).
    const explorerRow = (name: string) => page.locator('.explorer-folders-view .monaco-list-row',
      { has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) }).first();
    for (const folder of ['services', 'checkout']) {
      if (await explorerRow('index.ts').isVisible()) break;
      await explorerRow(folder).click();
      await page.waitForTimeout(300);
    }
    await explorerRow('index.ts').click().catch(async (error: unknown) => {
      await ui.workbench.screenshot('warnings-failure');
      throw error;
    });
    const editor = page.locator('.monaco-editor .view-lines').first();
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// a change during the freeze\n');
    await page.keyboard.press('Control+S');

    await ui.workbench.squiggles('error').first().waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await ui.workbench.screenshot('warnings-failure');
      throw error;
    });
    const problems = await ui.workbench.problems();
    assert.ok(problems.some((row) => row.includes('holiday') && row.includes('checkout')), problems.join('\n'));

    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'index.ts' }).first();
    await row.waitFor();
    // Decoration badges are drawn by CSS (`::after { content: "❄" }`): read the computed styles in
    // the page (a string expression, as the project compiles without the DOM types).
    const badges = `[...document.querySelectorAll('.explorer-folders-view .monaco-list-row')]
      .filter((row) => row.textContent.includes('index.ts'))
      .flatMap((row) => [row, ...row.querySelectorAll('*')])
      .map((element) => getComputedStyle(element, '::after').content).join(' ')`;
    const deadline = Date.now() + 15_000;
    while (!String(await page.evaluate(badges)).includes('❄')) {
      assert.ok(Date.now() < deadline, `no freeze badge on the Explorer row: ${String(await page.evaluate(badges))}`);
      await page.waitForTimeout(250);
    }
    await ui.workbench.screenshot('warnings');
    assert.deepStrictEqual(ui.hostErrors.filter((error) => /change-radar|changeRadar/i.test(error)), []);
  });
});
