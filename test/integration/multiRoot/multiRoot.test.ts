// Multi-root: a .code-workspace with two git repositories (multiRootWorkspace.js), each
// with its own ops.yaml. Each folder is its own repository model; the views group by folder; an
// edit to one folder's manifest changes only that folder's rows; an incident's changes row lists
// the commits of its own folder's repository.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeRadarTestApi } from '../../../src/vscode/changeRadar';
import type { RepositoryModel } from '../../../src/vscode/model/repositoryModel';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { activateExtension, waitFor } from '../fixtures';

/** 2026-12-05 11:00 UTC: both freezes are active, INC-7 started 2 h ago and INC-9 1 h ago. */
const at = Date.parse('2026-12-05T11:00:00Z');

type ViewId = Parameters<ChangeRadarTestApi['getTreeData']>[0];

function flatten(nodes: readonly ViewNode[]): ViewNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

function labels(nodes: readonly ViewNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}`, ...labels(n.children, depth + 1)]);
}

describe('multi-root workspace', function () {
  this.timeout(60_000);
  let api: ChangeRadarTestApi;
  let betaManifestPath: string;
  let betaOriginal: string;

  const events = () => [api.services.status.onDidChange, api.services.models.onDidChange];
  const rows = (view: ViewId) => labels(api.getTreeData(view).nodes);
  const folderRow = (view: ViewId, name: string) => api.getTreeData(view).nodes.find((n) => n.label === name);
  const model = (name: string): RepositoryModel => {
    const found = api.services.models.all.find((m) => m.folder.name === name);
    assert.ok(found, `no repository model for folder ${name}`);
    return found;
  };

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as ChangeRadarTestApi;
    api.pinClock(at);
    // No api.refresh() here: a refresh during the activation load queues one more reload per folder,
    // which could land inside the edit test below and look like alpha reacting to beta's edit.
    await waitFor('both folders to show their incidents', () => (rows('changeRadar.incidents').length >= 6 ? true : undefined), events(), 20_000);
    betaManifestPath = path.join(model('beta').folder.uri.fsPath, 'ops.yaml');
    betaOriginal = fs.readFileSync(betaManifestPath, 'utf8');
  });

  after(() => {
    if (betaManifestPath) fs.writeFileSync(betaManifestPath, betaOriginal);
    api?.pinClock(undefined);
  });

  it('opens two workspace folders, each a git repository with its own manifest model', () => {
    assert.deepStrictEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['alpha', 'beta']);
    assert.deepStrictEqual(api.services.models.withManifest.map((m) => m.folder.name), ['alpha', 'beta']);
    for (const name of ['alpha', 'beta']) {
      const { folder, snapshot } = model(name);
      assert.strictEqual(snapshot.manifestUri?.fsPath, path.join(folder.uri.fsPath, 'ops.yaml'));
      assert.ok(fs.existsSync(path.join(folder.uri.fsPath, '.git')), `${name} is not a git repository`);
    }
    assert.deepStrictEqual(model('alpha').snapshot.manifest?.incidents.map((i) => i.id), ['INC-7']);
    assert.deepStrictEqual(model('beta').snapshot.manifest?.incidents.map((i) => i.id), ['INC-9']);
  });

  it('groups the Incidents view by folder, each with its own incidents', () => {
    // Each incident with a start offers what changed before it, in its own folder's repository.
    assert.deepStrictEqual(rows('changeRadar.incidents'), [
      'alpha', '  SEV1', '    INC-7 Card payments failing', '      Changes in the 72 h before',
      'beta', '  SEV2', '    INC-9 Search results stale', '      Changes in the 72 h before',
    ]);
    const alpha = model('alpha').key;
    assert.strictEqual(folderRow('changeRadar.incidents', 'alpha')?.folder, alpha);
    assert.ok(folderRow('changeRadar.incidents', 'alpha')?.children.every((n) => n.folder === alpha));
  });

  it('groups the Freezes view by folder, each with its own freezes', () => {
    const freezes = api.getTreeData('changeRadar.freezes').nodes;
    assert.deepStrictEqual(freezes.map((n) => n.label), ['alpha', 'beta']);
    const titles = (name: string) => labels(folderRow('changeRadar.freezes', name)?.children ?? []).join('\n');
    assert.match(titles('alpha'), /Audit window/);
    assert.doesNotMatch(titles('alpha'), /Reindex freeze/);
    assert.match(titles('beta'), /Reindex freeze/);
    assert.doesNotMatch(titles('beta'), /Audit window/);
  });

  it("reloads only the edited folder's manifest and rows", async () => {
    const alphaVersion = model('alpha').snapshot.version;
    const alphaIncidents = JSON.stringify(folderRow('changeRadar.incidents', 'alpha'));
    const alphaFreezes = JSON.stringify(folderRow('changeRadar.freezes', 'alpha'));
    fs.writeFileSync(betaManifestPath, betaOriginal.replace('title: Reindex freeze', 'title: Index rebuild freeze'));
    await waitFor('beta to show the renamed freeze', () => {
      // Rows are cut to the sidebar's width; the whole title is in each row's tooltip.
      const flat = (nodes: readonly ViewNode[]): ViewNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
      const beta = flat(folderRow('changeRadar.freezes', 'beta')?.children ?? []).map((n) => `${n.label}\n${n.tooltip ?? ''}`).join('\n');
      return /Index rebuild freeze/.test(beta) ? true : undefined;
    }, events(), 20_000);
    assert.strictEqual(model('alpha').snapshot.version, alphaVersion, 'alpha was reloaded');
    assert.strictEqual(JSON.stringify(folderRow('changeRadar.incidents', 'alpha')), alphaIncidents);
    assert.strictEqual(JSON.stringify(folderRow('changeRadar.freezes', 'alpha')), alphaFreezes);
  });
  it("expands each folder's 'Changes in the 72 h before' row to commits of that folder's repository only", async () => {
    const hasCommit = (name: string, sha: string): boolean => {
      try {
        execFileSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd: model(name).folder.uri.fsPath, stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    const expected: Record<string, string> = { alpha: 'Retry declined card charges', beta: 'Shorten the search cache TTL' };
    for (const [name, other] of [['alpha', 'beta'], ['beta', 'alpha']] as const) {
      const changes = flatten(folderRow('changeRadar.incidents', name)?.children ?? []).find((n) => n.contextValue === 'changesGroup');
      assert.ok(changes, `no changes row in ${name}`);
      const commits = await api.getChildren('changeRadar.incidents', changes);
      // The readme commit is in alpha's window but in no system; the other folder's commit is in another repository.
      assert.deepStrictEqual(commits.map((c) => c.label), [expected[name]], `${name}: ${JSON.stringify(commits.map((c) => c.label))}`);
      const sha = commits[0].id.slice(commits[0].id.lastIndexOf('/') + 1);
      assert.match(sha, /^[0-9a-f]{40}$/);
      assert.ok(hasCommit(name, sha), `${sha} is not a commit of ${name}`);
      assert.ok(!hasCommit(other, sha), `${sha} is also a commit of ${other}`);
      assert.strictEqual(commits[0].folder, model(name).key);
      assert.match(commits[0].description ?? '', /touches (payments|search)/);
    }
    await waitFor('the changes rows to show their counts', () => (
      rows('changeRadar.incidents').filter((label) => label.trim() === 'Changes in the 72 h before (1)').length === 2 ? true : undefined
    ), events(), 10_000);
  });
});
