// What a person sees when they open Change Radar from the activity bar.
import * as assert from 'node:assert';
import { startUiSession } from './uiSession';
import type { UiSession } from './uiSession';

describe('Change Radar view container', () => {
  let ui: UiSession;

  before(async () => {
    ui = await startUiSession();
  });

  after(async () => {
    await ui?.stop();
  });

  it('appears in the activity bar', async () => {
    await ui.workbench.waitForActivityBarItem('Change Radar');
    assert.match(await ui.workbench.activityBarItem('Change Radar').getAttribute('aria-label') ?? '', /^Change Radar/);
  });

  it('opens with its four views when clicked', async () => {
    await ui.workbench.openViewContainer('Change Radar');
    const titles = (await ui.workbench.sideBarViewTitles()).map((title) => title.toLowerCase());
    assert.deepStrictEqual(titles, ['incidents', 'milestones', 'freezes', 'change impact']);
    await ui.workbench.waitForSideBarIdle();
    await ui.workbench.screenshot('view-container');
  });
});
