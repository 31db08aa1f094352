// In the real host: a manifest whose every string is hostile shows inert in the four views
// (rows, tooltips), and the globs that make a backtracking matcher hang are answered on save.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { ViewId } from '../../../src/vscode/constants';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { saveDocument, writeManifest } from '../warningsManifest';
import { activateExtension, extensionId, waitFor, workspaceRoot, workspaceUri, writeWorkspaceFiles } from '../fixtures';
import { diagnosticCodeValue } from '../../../src/vscode/warnings/codeDocs';

// eslint-disable-next-line no-control-regex -- the characters under test
const rawControl = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const views: ViewId[] = ['changeRadar.incidents', 'changeRadar.milestones', 'changeRadar.freezes', 'changeRadar.impact'];
const allowedTags = new Set(['p', 'strong', 'em', 'code', 'a', 'ul', 'li', 'br']);

function walk(nodes: readonly ViewNode[]): ViewNode[] {
  return nodes.flatMap((n) => [n, ...walk(n.children)]);
}

/** A tooltip rendered as VS Code would (Markdown; checked with HTML on, to be strict): only known tags, links only http(s). */
function assertInertTooltip(markdown: string): void {
  const html = new MarkdownIt({ html: true }).render(markdown);
  for (const [whole, name, attributes] of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    assert.ok(allowedTags.has(name.toLowerCase()), `unexpected tag ${whole} in ${markdown}`);
    if (name.toLowerCase() === 'a') assert.match(attributes, /^ href="https?:\/\/[^"]*"$/, whole);
    else assert.strictEqual(attributes, '', whole);
  }
  assert.ok(!rawControl.test(html.replace(/\n/g, '')), JSON.stringify(html.match(rawControl)));
}

describe('hostile input', function () {
  this.timeout(90_000);
  let api: ChangeRadarTestApi;
  let original: string;
  const created = ['hostile/a.ts', 'dep/b.ts', 'globs/' + 'a'.repeat(40), 'globs/' + 'a'.repeat(40) + 'b'];

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi;
    original = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
  });

  after(async () => {
    // Only files this suite created; ops.yaml goes back through the editor (a git checkout on disk
    // would leave an open ops.yaml buffer older than the file, and the next suite's save would fail).
    for (const file of created) fs.rmSync(path.join(workspaceRoot(), file), { force: true });
    await writeManifest(original);
    await api.refresh();
  });

  it('the hostile manifest: rows without control characters, tooltips with nothing executable and only http(s) links', async () => {
    const extensionPath = vscode.extensions.getExtension(extensionId)?.extensionPath ?? '';
    const hostile = fs.readFileSync(path.join(extensionPath, 'test/fixtures/hostile/ops.yaml'), 'utf8');
    writeWorkspaceFiles({ 'hostile/a.ts': 'x\n', 'dep/b.ts': 'y\n' });
    await writeManifest(hostile);
    await api.refresh();
    await waitFor('the views to show the hostile manifest', () => (walk(api.getTreeData('changeRadar.incidents').nodes).some((n) => n.label.startsWith('INC-3')) ? true : undefined),
      [api.services.status.onDidChange, api.services.models.onDidChange], 20_000);
    let tooltips = 0;
    for (const view of views) {
      for (const row of walk(api.getTreeData(view).nodes)) {
        assert.ok(!rawControl.test(row.label), `${view} label ${JSON.stringify(row.label)}`);
        assert.ok(!rawControl.test(row.description ?? ''), `${view} description ${JSON.stringify(row.description)}`);
        assert.ok(row.url === undefined || /^https?:\/\//.test(row.url), `${view} url ${row.url}`);
        if (row.tooltip !== undefined) {
          assertInertTooltip(row.tooltip);
          tooltips++;
        }
      }
    }
    assert.ok(tooltips >= 5, `only ${tooltips} tooltips checked`);
    const incidents = walk(api.getTreeData('changeRadar.incidents').nodes);
    assert.deepStrictEqual(incidents.filter((n) => n.url !== undefined).map((n) => n.url), ['https://status.example.com/INC-3?a=(b)&c=%3Cd%3E']);
    const freezeTooltip = walk(api.getTreeData('changeRadar.freezes').nodes).map((n) => n.tooltip ?? '').find((t) => t.includes('frz')) ?? '';
    // The id with backticks stays inside one code span.
    assert.match(new MarkdownIt().renderInline(freezeTooltip.split('\n')[0]), /<code>frz`` `x` \\x1b\[2J<\/code>/);
  });

  it('the hostile manifest: diagnostics on a saved file and on ops.yaml carry no raw control character', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri('hostile/a.ts'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '// edit\n');
    await vscode.workspace.applyEdit(edit);
    await saveDocument(document);
    const ours = (relative: string): vscode.Diagnostic[] => vscode.languages.getDiagnostics(workspaceUri(relative)).filter((d) => d.source === 'change-radar');
    const saved = await waitFor('diagnostics on the saved hostile file', () => (ours('hostile/a.ts').length > 0 ? ours('hostile/a.ts') : undefined), [vscode.languages.onDidChangeDiagnostics], 20_000);
    const texts = [...saved, ...ours('ops.yaml')].flatMap((d) => [d.message, ...(d.relatedInformation ?? []).map((r) => r.message)]);
    assert.ok(texts.length > saved.length, 'related information names the entry');
    for (const text of texts) assert.ok(!rawControl.test(text), JSON.stringify(text));
    assert.ok(texts.some((text) => text.includes('\\x1b')), `no escaped ESC among ${JSON.stringify(texts)}`);
  });

  it('the catastrophic globs: a save is answered, the matching file flagged and the 40-a file not', async () => {
    const many = 'a'.repeat(40);
    writeWorkspaceFiles({ [`globs/${many}`]: 'x\n', [`globs/${many}b`]: 'y\n' });
    await writeManifest(`version: 1
systems:
  stars:
    paths: ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"]
  backups:
    paths: ["**/*.*.*.*.*.*.bak"]
freezes:
  - id: stars-freeze
    systems: [stars, backups]
    start: 2000-01-01T00:00:00Z
    end: 2999-01-01T00:00:00Z
    enforcement: block
`);
    await api.refresh();
    const save = async (relative: string): Promise<void> => {
      const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), '// edit\n');
      await vscode.workspace.applyEdit(edit);
      await saveDocument(document);
    };
    const ours = (relative: string): vscode.Diagnostic[] => vscode.languages.getDiagnostics(workspaceUri(relative)).filter((d) => d.source === 'change-radar');
    await save(`globs/${many}`);
    const flagged = waitFor('the freeze-block diagnostic on the matching file', () => (ours(`globs/${many}b`).length > 0 ? true : undefined), [vscode.languages.onDidChangeDiagnostics], 20_000);
    await save(`globs/${many}b`);
    await flagged;
    assert.deepStrictEqual(ours(`globs/${many}b`).map((d) => diagnosticCodeValue(d.code)), ['freeze-block']);
    assert.deepStrictEqual(ours(`globs/${many}`), []);
  });
});
