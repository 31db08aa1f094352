// In the real host: the "Get started with Change Radar" walkthrough is contributed, the welcome
// view's link opens it, and each step's button runs a command that exists and fires the event the
// step waits for. (Whether the workbench then ticks the step is not visible from the extension
// host: test/e2e/walkthrough.test.ts looks at the checkmark in the browser.)
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import { Commands, walkthroughId } from '../../../src/vscode/constants';
import { activateExtension, extensionId } from '../fixtures';

interface Walkthrough {
  readonly id: string;
  readonly title: string;
  readonly steps: ReadonlyArray<{ readonly id: string; readonly description: string; readonly completionEvents?: readonly string[]; readonly media: { readonly markdown?: string } }>;
}

interface Contributions {
  readonly walkthroughs: readonly Walkthrough[];
  readonly viewsWelcome: ReadonlyArray<{ readonly view: string; readonly contents: string }>;
}

/** The first `command:` link of a text, as VS Code runs it: the id and its JSON arguments. */
function commandLinks(text: string): Array<{ id: string; args: unknown[] }> {
  return [...text.matchAll(/\]\(command:([\w.]+)(?:\?([^)]*))?\)/g)].map((m) => ({
    id: m[1] ?? '',
    args: m[2] ? ([] as unknown[]).concat(JSON.parse(decodeURIComponent(m[2])) as unknown) : [],
  }));
}

/** The label of the active editor tab (the walkthrough opens in the Welcome editor, which has no API input type). */
function activeTabLabel(): string | undefined {
  return vscode.window.tabGroups.activeTabGroup.activeTab?.label;
}

describe('walkthrough: Get started with Change Radar', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi;
  let contributes: Contributions;

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi;
    contributes = (extension.packageJSON as { contributes: Contributions }).contributes;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is contributed with its four steps, each completing on a real event', () => {
    const walkthrough = contributes.walkthroughs.find((w) => w.id === walkthroughId);
    assert.ok(walkthrough);
    assert.strictEqual(walkthrough.title, 'Get started with Change Radar');
    assert.deepStrictEqual(walkthrough.steps.map((s) => [s.id, s.completionEvents]), [
      ['manifest', ['onContext:changeRadar.hasManifest']],
      ['impact', ['onView:changeRadar.impact']],
      ['hooks', ['onCommand:changeRadar.installHooks']],
      ['timeline', ['onCommand:changeRadar.openTimeline']],
    ]);
  });

  it('offers only commands that exist in its steps', async () => {
    const known = new Set(await vscode.commands.getCommands(true));
    const links = contributes.walkthroughs.flatMap((w) => w.steps.flatMap((s) => commandLinks(s.description)));
    assert.ok(links.length >= 4, JSON.stringify(links));
    assert.deepStrictEqual(links.filter((l) => !known.has(l.id)).map((l) => l.id), []);
  });

  it('opens from the welcome view\'s link (the same command the link runs)', async () => {
    const links = contributes.viewsWelcome.flatMap((w) => commandLinks(w.contents)).filter((l) => l.id === Commands.openWalkthrough);
    assert.ok(links.length > 0, 'a welcome view links to the walkthrough');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const link of links) {
      await vscode.commands.executeCommand(link.id, ...link.args);
      const label = activeTabLabel();
      assert.ok(label !== undefined && /Change Radar|Welcome|Walkthrough/i.test(label), `active tab after the welcome link: ${label ?? 'none'}`);
    }
  });

  it('opens with workbench.action.openWalkthrough and the extension\'s id', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${walkthroughId}`, false);
    const label = activeTabLabel();
    assert.ok(label !== undefined && /Change Radar|Welcome|Walkthrough/i.test(label), `active tab: ${label ?? 'none'}`);
  });

  it('runs the timeline step\'s command, which opens the timeline (the onCommand the step waits for)', async () => {
    await vscode.commands.executeCommand(Commands.openTimeline);
    await new Promise<void>((resolve) => {
      if (api.timeline.webviewPanel) resolve();
      else {
        const listener = api.timeline.onDidPost(() => { listener.dispose(); resolve(); });
      }
    });
    assert.ok(api.timeline.webviewPanel?.visible, 'the timeline panel is open');
  });
});
