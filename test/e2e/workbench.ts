// A small page object over the VS Code workbench in Chromium, for UI tests: the activity bar,
// the Change Radar views and their tree rows, the Problems panel, squiggles and screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const screenshotDir = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

export interface TreeRow {
  readonly label: string;
  readonly description: string;
}

export class Workbench {
  constructor(readonly page: Page) {}

  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
    // The activity bar is filled once the extension's contributions are registered.
    await this.page.locator('.activitybar .action-item').first().waitFor({ timeout: timeoutMs });
  }

  /** The activity bar entry of a view container, found by its title. */
  activityBarItem(title: string): Locator {
    return this.page.locator(`.activitybar .action-item [aria-label^="${title}"]`).first();
  }

  /** Waits until a view container's activity bar entry is shown (contributions load after start-up). */
  async waitForActivityBarItem(title: string, timeoutMs = 30_000): Promise<void> {
    await this.activityBarItem(title).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Clicks a view container in the activity bar and waits until the side bar shows it. */
  async openViewContainer(title: string): Promise<void> {
    await this.waitForActivityBarItem(title);
    await this.activityBarItem(title).click();
    await this.page.locator('.part.sidebar .composite.title h2', { hasText: new RegExp(title, 'i') }).first().waitFor();
  }

  /** Waits until no view in the side bar shows its progress bar (views have finished loading). */
  async waitForSideBarIdle(timeoutMs = 30_000): Promise<void> {
    await this.page.locator('.part.sidebar .monaco-progress-container.active').first().waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /** Titles of the views (panes) in the side bar, in order. */
  async sideBarViewTitles(): Promise<string[]> {
    const titles = await this.page.locator('.part.sidebar .pane-header h3.title').allInnerTexts();
    return titles.map((title) => title.trim());
  }

  /** The pane of one view in the side bar, by its title. */
  view(title: string): Locator {
    return this.page.locator('.part.sidebar .pane', { has: this.page.locator('.pane-header h3.title', { hasText: title }) });
  }

  /** Expands a collapsed view. */
  async expandView(title: string): Promise<void> {
    const header = this.view(title).locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  }

  /** The tree rows of a view as a person reads them: label and description. */
  async treeRows(viewTitle: string): Promise<TreeRow[]> {
    const rows = this.view(viewTitle).locator('.monaco-list-row');
    const count = await rows.count();
    const result: TreeRow[] = [];
    for (let index = 0; index < count; index++) {
      const row = rows.nth(index);
      // A row without a description has no such element: read what is there rather than wait for it.
      const text = async (selector: string): Promise<string> => {
        const found = row.locator(selector);
        return (await found.count()) > 0 ? (await found.first().innerText().catch(() => '')).trim() : '';
      };
      const label = await text('.label-name');
      const description = await text('.label-description');
      result.push({ label, description });
    }
    return result;
  }

  /** The message a view shows instead of rows (TreeView.message or a welcome view). */
  async viewMessage(viewTitle: string): Promise<string> {
    const texts = await this.view(viewTitle).locator('.message, .welcome-view-content').allInnerTexts();
    return texts.join('\n').trim();
  }

  /** Runs a command from the command palette by its title. */
  async runCommand(title: string): Promise<void> {
    // On a loaded machine the palette can open before the workbench has focus, or lose its text to
    // a focus change: close it and try again (three tries) rather than fail on the first.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.page.keyboard.press('F1');
        const input = this.page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(`>${title}`, { timeout: 10_000 });
        await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
        await this.page.keyboard.press('Enter');
        return;
      } catch (error) {
        if (attempt === 3) throw error;
        await this.page.keyboard.press('Escape');
        await this.page.locator('.part.statusbar').first().click({ position: { x: 2, y: 2 } }).catch(() => undefined);
      }
    }
  }

  /** Squiggles of a kind in the visible editor. */
  squiggles(kind: 'error' | 'warning' | 'info'): Locator {
    return this.page.locator(`.view-overlays .cdr.squiggly-${kind}`);
  }

  /** Opens the Problems panel and returns the text of its rows. */
  async problems(): Promise<string[]> {
    await this.runCommand('View: Focus Problems');
    const panel = this.page.locator('div[id="workbench.panel.markers"]');
    await panel.waitFor();
    return (await panel.locator('.monaco-list-row').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /** Saves a PNG under test-results/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    // Park the pointer over the empty editor area so no hover tooltip covers the picture.
    await this.page.mouse.move(760, 420);
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
