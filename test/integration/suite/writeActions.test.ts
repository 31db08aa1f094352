// In the real host: every write action run as a user runs it (palette command through its
// quick picks, or a view row's action), the view updating, the exact text edited, and one Undo
// taking the edit back.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { ViewId } from '../../../src/vscode/constants';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { activateExtension, waitFor, workspaceUri } from '../fixtures';
import { saveDocument, writeManifest } from '../warningsManifest';

/** 2026-12-05 12:00 in Berlin. */
const at = Date.parse('2026-12-05T11:00:00Z');

const lines = [
  '# written by hand   (CRLF)',
  'version: 1',
  "timezone: 'Europe/Berlin'   # office",
  'systems:',
  '  checkout: { paths: [services/checkout/], tier: 1 }   # money',
  '  ledger:',
  '    paths: ["libs/ledger/"]',
  'freezes:',
  '  - id: holiday',
  '    systems: [checkout]',
  "    start: '2026-12-01 00:00'",
  '    end:   2026-12-10 00:00   # ends Thursday',
  'incidents:',
  '  - id: INC-7',
  '    title: "Ledger: slow"',
  '    severity: sev2',
  '    status: investigating   # since noon',
  '    systems: [ledger]',
  '    started: 2026-12-05 10:00',
  'overrides: []',
  'projects:',
  '  - id: v2',
  '    systems: [checkout]',
  '    milestones:',
  '      - { id: beta, due: 2027-01-20 }   # later',
  '',
];
const manifest = lines.join('\r\n');

function outline(nodes: readonly ViewNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`, ...outline(n.children, depth + 1)]);
}

function find(nodes: readonly ViewNode[], test: (n: ViewNode) => boolean): ViewNode | undefined {
  for (const n of nodes) {
    if (test(n)) return n;
    const inner = find(n.children, test);
    if (inner) return inner;
  }
  return undefined;
}

describe('write actions', function () {
  this.timeout(90_000);
  let api: ChangeRadarTestApi;
  let original: string;
  const uri = workspaceUri('ops.yaml');

  const events = () => [api.services.status.onDidChange, api.services.models.onDidChange];
  const rows = (view: ViewId) => outline(api.getTreeData(view).nodes);
  const text = async () => (await vscode.workspace.openTextDocument(uri)).getText();

  /** Waits for the prompt whose title matches, then answers it as a user would. */
  async function answer(title: RegExp, value: string | readonly string[]): Promise<void> {
    const prompt = await waitFor(`a prompt titled ${String(title)}`, () => {
      const shown = api.writeActions.prompts.current;
      return shown && title.test(shown.title) ? shown : undefined;
    }, [], 10_000);
    await prompt.answer(value);
  }

  async function viewShows(view: ViewId, what: RegExp, present = true): Promise<void> {
    await waitFor(`${view} to ${present ? '' : 'no longer '}show ${String(what)}`, () => (rows(view).some((r) => what.test(r)) === present ? true : undefined), events(), 15_000);
  }

  /** Undo in the editor: one Ctrl+Z takes the whole edit back. */
  async function undo(): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), manifest, 'one undo restores the manifest byte for byte');
    await saveDocument(document);
    await api.refresh();
  }

  /** The lines the edit added or changed, in order (the manifest has as many lines or more). */
  function addedLines(after: string): string[] {
    const before = manifest.split('\r\n');
    const now = after.split('\r\n');
    assert.ok(!/[^\r]\n/.test(after), 'CRLF is kept on every line');
    let start = 0;
    while (start < before.length && before[start] === now[start]) start++;
    let tail = 0;
    while (tail < before.length - start && before[before.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
    return now.slice(start, now.length - tail);
  }

  /**
   * An editor keeps a document's line endings whatever text is put in: an earlier suite may have
   * ops.yaml open with LF, so set the line endings the way a user does (status bar: LF/CRLF).
   */
  async function setLineEndings(eol: vscode.EndOfLine): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.eol === eol) return;
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((builder) => builder.setEndOfLine(eol));
    await saveDocument(document);
  }

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi;
    original = (await vscode.workspace.fs.readFile(uri)).toString();
    api.pinClock(at);
    await writeManifest(manifest);
    await setLineEndings(vscode.EndOfLine.CRLF);
    assert.strictEqual(await text(), manifest, 'the CRLF fixture is in the editor');
    await api.refresh();
    await waitFor('the views to show the test manifest', () => (rows('changeRadar.incidents').some((r) => r.includes('INC-7')) ? true : undefined), events(), 20_000);
  });

  after(async () => {
    await writeManifest(original);
    await setLineEndings(original.includes('\r\n') ? vscode.EndOfLine.CRLF : vscode.EndOfLine.LF);
    api.pinClock(undefined);
    await api.refresh();
  });

  it('Freeze Now from the palette: quick picks, a title, the Freezes view, undo', async () => {
    const done = vscode.commands.executeCommand('changeRadar.freezeNow');
    await answer(/what to freeze/, ['ledger']);
    await answer(/Freeze Now: title/, 'Ledger repair');
    await answer(/how long/, '4h');
    await answer(/enforcement/, 'warn');
    await answer(/reason/, 'INC-7: ledger repair');
    await done;
    // It says what it did, naming the freeze by its title and until when it holds.
    assert.strictEqual(api.writeActions.messages.at(-1), 'Change Radar: Freeze "Ledger repair" added to ops.yaml (until 2026-12-05 16:00).');
    assert.deepStrictEqual(addedLines(await text()), [
      '  - id: freeze-2026-12-05-1',
      '    title: Ledger repair',
      '    reason: "INC-7: ledger repair"',
      '    systems: [ledger]',
      '    start: 2026-12-05 12:00',
      '    end: 2026-12-05 16:00',
      '    enforcement: warn',
    ]);
    // The view names the new freeze by its title, not by its raw id.
    await viewShows('changeRadar.freezes', /^ {2}Warn: Ledger repair — 4 h left$/);
    assert.ok(!rows('changeRadar.freezes').some((r) => r.includes('freeze-2026-12-05-1')), rows('changeRadar.freezes').join('\n'));
    await undo();
    await viewShows('changeRadar.freezes', /Ledger repair/, false);
  });

  it('Declare Incident from the palette: quick picks, the Incidents view, undo', async () => {
    const done = vscode.commands.executeCommand('changeRadar.declareIncident');
    await answer(/severity/, 'sev1');
    await answer(/affected systems/, ['checkout']);
    await answer(/title/, 'Checkout down');
    await answer(/freeze/, 'block');
    await answer(/commander/, '@dana');
    await done;
    assert.deepStrictEqual(addedLines(await text()), [
      '  - id: INC-8',
      '    title: Checkout down',
      '    severity: sev1',
      '    status: investigating',
      '    systems: [checkout]',
      '    started: 2026-12-05 12:00',
      '    commander: "@dana"',
      '    freeze: block',
    ]);
    await viewShows('changeRadar.incidents', /INC-8 Checkout down/);
    await undo();
    await viewShows('changeRadar.incidents', /INC-8/, false);
  });

  it('Approve Override from the explorer on a file: the path defaults to the selection', async () => {
    const file = workspaceUri('services/checkout/pay.ts');
    const done = vscode.commands.executeCommand('changeRadar.approveOverride', file, [file]);
    await answer(/of which freeze/, 'holiday');
    await answer(/paths/, 'services/checkout/pay.ts');
    await answer(/approved by/, 'cto@acme.example');
    await answer(/reason/, 'hotfix');
    await answer(/expires/, 'in 4 hours');
    await done;
    assert.deepStrictEqual(addedLines(await text()), [
      'overrides: [{ freeze: holiday, paths: [services/checkout/pay.ts], reason: hotfix, approvedBy: cto@acme.example, expires: 2026-12-05 16:00 }]',
    ]);
    await waitFor('the override to be read', () => (api.services.models.withManifest[0].snapshot.manifest?.overrides.length === 1 ? true : undefined), events());
    await undo();
  });

  it('row actions: update and resolve an incident, end and extend a freeze, set a milestone status', async () => {
    const row = (view: ViewId, label: RegExp): ViewNode => {
      const found = find(api.getTreeData(view).nodes, (n) => label.test(n.label));
      assert.ok(found, `no row ${String(label)} in ${view}: ${rows(view).join(' | ')}`);
      return found;
    };

    let done = vscode.commands.executeCommand('changeRadar.updateIncident', row('changeRadar.incidents', /^INC-7/));
    await answer(/status/, 'identified');
    await done;
    assert.deepStrictEqual(addedLines(await text()), ['    status: identified      # since noon']);
    await undo();

    await vscode.commands.executeCommand('changeRadar.resolveIncident', row('changeRadar.incidents', /^INC-7/));
    assert.deepStrictEqual(addedLines(await text()), ['    status: resolved        # since noon', '    systems: [ledger]', '    started: 2026-12-05 10:00', '    resolved: 2026-12-05 12:00']);
    await viewShows('changeRadar.incidents', /INC-7/, false);
    await undo();
    await viewShows('changeRadar.incidents', /INC-7/);

    await vscode.commands.executeCommand('changeRadar.endFreeze', row('changeRadar.freezes', /^Block: holiday\b/));
    assert.deepStrictEqual(addedLines(await text()), ['    end:   2026-12-05 12:00   # ends Thursday']);
    await viewShows('changeRadar.freezes', /^ {2}Block: holiday\b/, false);
    await undo();

    done = vscode.commands.executeCommand('changeRadar.extendFreeze', row('changeRadar.freezes', /^Block: holiday\b/));
    await answer(/Extend holiday/, 'by 24 hours');
    await done;
    assert.deepStrictEqual(addedLines(await text()), ['    end:   2026-12-11 00:00   # ends Thursday']);
    await undo();

    done = vscode.commands.executeCommand('changeRadar.setMilestoneStatus', row('changeRadar.milestones', /beta/));
    await answer(/Set status/, 'done');
    await done;
    assert.deepStrictEqual(addedLines(await text()), ['      - { id: beta, due: 2027-01-20, status: done }   # later']);
    await undo();
  });

  it('a refused action says why and changes nothing', async () => {
    const before = await text();
    const done = vscode.commands.executeCommand('changeRadar.freezeNow');
    await answer(/what to freeze/, ['ledger']);
    await answer(/Freeze Now: title/, 'Too late');
    await answer(/how long/, 'Until…');
    await answer(/until/, '2026-12-05 11:00');
    await answer(/enforcement/, 'block');
    await answer(/reason/, 'too late');
    assert.strictEqual(await done, undefined);
    assert.strictEqual(await text(), before);
  });
});
