// The harness itself: the extension loads in the fixture repository, and VS Code's git is there.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, extensionId, gitApi, gitInWorkspace, waitFor, workspaceRoot } from '../fixtures';

describe('smoke', () => {
  it('loads Change Radar under its id', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among the loaded extensions`);
    assert.strictEqual((extension.packageJSON as { name: string }).name, 'change-radar');
  });

  it('activates it in the fixture repository', async () => {
    const extension = await activateExtension();
    assert.strictEqual(extension.isActive, true);
  });

  it('opens the fixture repository, with its manifest and history, as the only folder', () => {
    assert.strictEqual(vscode.workspace.workspaceFolders?.length, 1);
    const root = workspaceRoot();
    assert.ok(fs.existsSync(path.join(root, 'ops.yaml')), 'ops.yaml is missing');
    assert.strictEqual(gitInWorkspace(['rev-parse', '--abbrev-ref', 'HEAD']), 'main');
    assert.ok(Number(gitInWorkspace(['rev-list', '--count', 'HEAD'])) >= 2, 'the fixture repository has no history');
  });

  it('has the built-in git extension, which finds the fixture repository', async () => {
    const api = await gitApi();
    const root = fs.realpathSync(workspaceRoot());
    const repository = await waitFor('git to open the fixture repository',
      () => api.repositories.find((candidate) => fs.realpathSync(candidate.rootUri.fsPath) === root), [api.onDidOpenRepository]);
    assert.ok(repository);
  });
});
