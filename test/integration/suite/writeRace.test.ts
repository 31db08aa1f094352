// In the real host: an editor write action racing the CLI. The edit is prepared from the editor's
// text; the CLI writes ops.yaml in that moment (the real `change-radar freeze now`, run from the
// test hook between preparing and writing); the editor must not write over it.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import { activateExtension, waitFor, workspaceRoot, workspaceUri } from '../fixtures';
import { writeManifest } from '../warningsManifest';

/** 2026-12-05 12:00 in Berlin. */
const at = Date.parse('2026-12-05T11:00:00Z');

const manifest = [
  'version: 1',
  'timezone: Europe/Berlin',
  'systems:',
  '  ledger: { paths: [libs/ledger/] }',
  'freezes:',
  '  - id: standing',
  '    systems: [ledger]',
  '    start: 2026-01-01 00:00',
  '    end: 2026-01-02 00:00',
  '',
].join('\n');

describe('write actions racing the CLI', function () {
  this.timeout(90_000);
  let api: ChangeRadarTestApi;
  let original: string;
  let cli: string;
  const uri = workspaceUri('ops.yaml');
  const disk = (): string => fs.readFileSync(uri.fsPath, 'utf8');

  async function answer(title: RegExp, value: string | readonly string[]): Promise<void> {
    const prompt = await waitFor(`a prompt titled ${String(title)}`, () => {
      const shown = api.writeActions.prompts.current;
      return shown && title.test(shown.title) ? shown : undefined;
    }, [], 10_000);
    await prompt.answer(value);
  }

  /** Freeze Now from the palette, for ledger, with this reason. */
  async function freezeNow(reason: string): Promise<unknown> {
    const done = vscode.commands.executeCommand('changeRadar.freezeNow');
    await answer(/what to freeze/, ['ledger']);
    await answer(/Freeze Now: title/, reason);
    await answer(/how long/, '4h');
    await answer(/enforcement/, 'block');
    await answer(/reason/, reason);
    return done;
  }

  /** The open document shows what is on disk (VS Code reloads a clean document after an outside write). */
  async function documentShowsDisk(): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(uri);
    return waitFor('ops.yaml in the editor to show the file on disk', () => (!document.isDirty && document.getText() === disk() ? document : undefined),
      [vscode.workspace.onDidChangeTextDocument], 15_000);
  }

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi;
    cli = path.join(extension.extensionPath, 'dist', 'cli.js');
    assert.ok(fs.existsSync(cli), `the CLI is built: ${cli}`);
    original = disk();
    api.pinClock(at);
    await writeManifest(manifest);
    await documentShowsDisk();
    await api.refresh();
  });

  after(async () => {
    api.writeActions.beforeWrite = undefined;
    await writeManifest(original);
    api.pinClock(undefined);
    await api.refresh();
  });

  it('a CLI write between preparing and applying the edit is kept: the editor refuses with a clear message', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(document.getText(), manifest);
    let cliRuns = 0;
    api.writeActions.beforeWrite = () => {
      cliRuns++;
      const run = spawnSync(process.execPath, [cli, 'freeze', 'now', '--systems', 'ledger', '--for', '1h', '--reason', 'from the CLI', '--at', '2026-12-05 12:00'],
        { cwd: workspaceRoot(), encoding: 'utf8' });
      assert.strictEqual(run.status, 0, run.stderr);
    };
    const messages = api.writeActions.messages.length;
    try {
      assert.strictEqual(await freezeNow('from the editor'), undefined, 'the action reports no result');
    } finally {
      api.writeActions.beforeWrite = undefined;
    }
    assert.strictEqual(cliRuns, 1);
    assert.deepStrictEqual(api.writeActions.messages.slice(messages), [
      'Change Radar: ops.yaml changed on disk while the edit was prepared (another change-radar command or program wrote it); nothing was changed. Try again on the new text.',
    ]);
    const text = disk();
    assert.match(text, /reason: from the CLI/, "the CLI's freeze is kept");
    assert.doesNotMatch(text, /from the editor/);
    assert.ok(!document.isDirty || !document.getText().includes('from the editor'), 'the editor holds no unsaved copy of the refused edit');
    assert.ok(!fs.readdirSync(workspaceRoot()).some((name) => name.includes('change-radar') && name.endsWith('.lock')), 'no lock is left behind');

    // Once the editor shows the new text, the action runs on it: both freezes are there.
    await documentShowsDisk();
    const result = await freezeNow('from the editor');
    assert.ok(result, `the action ran again: ${api.writeActions.messages.slice(-1).join('')}`);
    const both = disk();
    assert.match(both, /id: freeze-2026-12-05-1\n {4}reason: from the CLI\n/);
    assert.match(both, /id: freeze-2026-12-05-2\n {4}title: from the editor\n {4}reason: from the editor\n/);
  });
});
