// In the real host: the timeline webview panel — its HTML (CSP with a nonce, local
// resources only), the data it is sent (freeze occurrences, incidents, milestones at risk), live
// updates on a manifest edit, and "click → reveal the entry's line in ops.yaml".
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { TimelineViewData } from '../../../src/vscode/views/viewModel/timelineViewModel';
import { activateExtension, waitFor, workspaceRoot, writeWorkspaceFiles } from '../fixtures';

/** Wednesday 2026-12-09 12:00 in Berlin. */
const at = Date.parse('2026-12-09T11:00:00Z');

const manifest = `version: 1
timezone: Europe/Berlin
systems:
  checkout:
    title: Checkout service
    paths: [services/checkout/]
    owners: ["@acme/checkout"]
    tier: 1
  ledger:
    title: Ledger
    paths: [libs/ledger/]
    owners: ["@acme/payments"]
    tier: 1
  web:
    title: "Web <shop> & \\"friends\\""
    paths: [apps/web/]
    owners: ["@acme/web"]
    tier: 2
freezes:
  - id: holiday
    title: Holiday freeze
    systems: [checkout]
    start: 2026-12-18 18:00
    end: 2027-01-04 09:00
    enforcement: block
  - id: weekend
    title: "Weekend <b>freeze</b>"
    systems: [ledger]
    schedule:
      start: "0 18 * * 5"
      end: "0 8 * * 1"
    enforcement: warn
overrides:
  - freeze: holiday
    reason: Fraud hotfix
    approvedBy: cab@acme.example
    paths: [services/checkout/fraud/]
    expires: 2026-12-22 00:00
incidents:
  - id: INC-1
    title: Ledger writes are slow
    severity: sev1
    status: investigating
    systems: [ledger]
    started: 2026-12-08 10:00
projects:
  - id: checkout-v2
    title: Checkout v2
    systems: [checkout]
    milestones:
      - id: beta
        title: Public beta
        due: 2026-12-21
`;

describe('timeline webview', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi;
  let original: string;

  const posted = (probe: (data: TimelineViewData) => boolean, what: string): Promise<TimelineViewData> =>
    waitFor(what, () => (api.timeline.lastData && probe(api.timeline.lastData) ? api.timeline.lastData : undefined), [api.timeline.onDidPost, api.services.models.onDidChange], 20_000);
  const items = (data: TimelineViewData) => data.folders.flatMap((f) => f.items);

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi;
    original = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    writeWorkspaceFiles({ 'ops.yaml': manifest });
    api.pinClock(at);
    await api.refresh();
  });

  after(async () => {
    api.timeline.webviewPanel?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    writeWorkspaceFiles({ 'ops.yaml': original });
    api.pinClock(undefined);
    await api.refresh();
  });

  it('opens a panel from the command whose HTML has a strict CSP with a nonce and only local resources', async () => {
    await vscode.commands.executeCommand('changeRadar.openTimeline');
    const panel = api.timeline.webviewPanel;
    assert.ok(panel, 'no timeline panel');
    assert.strictEqual(panel.viewType, 'changeRadar.timeline');
    const html = panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), csp);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.strictEqual(scripts.length, 1);
    assert.ok(scripts[0]?.includes(`nonce="${nonce}"`), scripts[0]);
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
    for (const url of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '')) {
      assert.ok(url.includes('/media/timeline.'), `unexpected resource ${url}`);
    }
    assert.ok(panel.webview.options.enableScripts);
    assert.deepStrictEqual(panel.webview.options.localResourceRoots?.map((uri) => path.basename(uri.path)), ['media']);
  });

  it('sends the webview the freeze occurrences, the incident and the milestone at risk, with escaped-by-DOM text', async () => {
    const data = await posted((d) => items(d).some((i) => i.id === 'holiday'), 'the timeline data with the holiday freeze');
    assert.strictEqual(data.now, at);
    const all = items(data);
    const weekends = all.filter((i) => i.id === 'weekend');
    // Default view: two weeks back, eight weeks ahead (the webview asks for a margin around it).
    assert.ok(weekends.length >= 10, `${weekends.length} weekend occurrences`);
    for (const w of weekends) {
      const start = new Date(w.start ?? 0);
      const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(start);
      assert.deepStrictEqual(['weekday', 'hour'].map((type) => parts.find((p) => p.type === type)?.value), ['Fri', '18']);
    }
    const holiday = all.find((i) => i.id === 'holiday');
    assert.deepStrictEqual([holiday?.enforcement, holiday?.systems, holiday?.overridden.length, holiday?.overridden[0]?.partial], ['block', ['checkout'], 1, true]);
    const beta = all.find((i) => i.id === 'beta');
    assert.deepStrictEqual([beta?.kind, beta?.atRisk], ['milestone', true]);
    assert.ok(beta?.details.some((line) => line.includes('due inside freeze holiday')), beta?.details.join('\n'));
    const incident = all.find((i) => i.id === 'INC-1');
    assert.deepStrictEqual([incident?.severity, incident?.ongoing, incident?.end], ['sev1', true, at]);
    // Hostile text stays data: the HTML never contains it (the script sets it as text).
    const web = data.folders[0]?.systems.find((s) => s.id === 'web');
    assert.strictEqual(web?.title, 'Web <shop> & "friends"');
    assert.ok(!api.timeline.webviewPanel?.webview.html.includes('<shop>'));
  });

  it('reveals a freeze in ops.yaml, on its line', async () => {
    const data = api.timeline.lastData;
    const holiday = data && items(data).find((i) => i.id === 'holiday');
    assert.ok(holiday);
    await api.timeline.reveal(holiday.key);
    const editor = await waitFor('ops.yaml to be the active editor', () => {
      const active = vscode.window.activeTextEditor;
      return active && path.basename(active.document.uri.fsPath) === 'ops.yaml' ? active : undefined;
    }, [vscode.window.onDidChangeActiveTextEditor]);
    const line = editor.document.lineAt(editor.selection.start.line).text;
    assert.match(line, /- id: holiday/);
  });

  it('moves on as time passes: the ongoing incident grows to the new now', async () => {
    const later = at + 26 * 3_600_000;
    api.pinClock(later);
    const data = await posted((d) => d.now === later, 'the timeline at the later instant');
    assert.strictEqual(items(data).find((i) => i.id === 'INC-1')?.end, later);
    api.pinClock(at);
    await posted((d) => d.now === at, 'the timeline back at the pinned instant');
  });

  it('updates live when the manifest changes', async () => {
    api.timeline.open();
    writeWorkspaceFiles({ 'ops.yaml': manifest.replace('id: holiday', 'id: holiday-2026') });
    const data = await posted((d) => items(d).some((i) => i.id === 'holiday-2026'), 'the renamed freeze in the timeline');
    assert.ok(!items(data).some((i) => i.id === 'holiday'));
  });
});
