// The Change Impact view's source of changes recovers from a failed connection to the git
// extension instead of staying empty until the window reloads. The real git extension cannot be
// made to fail here, so its activation is simulated by a connector that throws before it hands
// over the real extension's exports.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { GitChangesModel, retryDelayMs } from '../../../src/vscode/model/gitChangesModel';
import type { GitExtension } from '../../../src/vscode/model/gitApi';
import { waitFor, workspaceRoot } from '../fixtures';

async function realGitExtension(): Promise<GitExtension> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  assert.ok(extension, 'the built-in git extension is missing');
  return extension.activate();
}

describe('git connection (simulated activation failures, then the real git extension)', () => {
  it('retries after a failure, says why while it waits, and finds the repository once connected', async () => {
    let attempts = 0;
    const model = new GitChangesModel({
      connect: async () => {
        attempts++;
        if (attempts <= 2) throw new Error(`simulated failure ${attempts}`);
        return realGitExtension();
      },
      retryDelayMs: () => 50,
    });
    try {
      await model.start();
      assert.strictEqual(model.status, 'failed');
      assert.match(model.failure?.message ?? '', /simulated failure 1/);
      const root = fs.realpathSync(workspaceRoot());
      await waitFor('the model to reconnect and see the fixture repository',
        () => (model.status === 'ready' && model.repositories.some((r) => fs.realpathSync(r.rootUri.fsPath) === root) ? true : undefined),
        [model.onDidChange]);
      assert.strictEqual(attempts, 3);
      assert.strictEqual(model.failure, undefined);
    } finally {
      model.dispose();
    }
  });

  it('Refresh after a failure connects at once, without waiting for the backoff', async () => {
    let attempts = 0;
    const model = new GitChangesModel({
      connect: async () => {
        attempts++;
        if (attempts === 1) throw new Error('simulated failure');
        return realGitExtension();
      },
      retryDelayMs: () => 3_600_000,
    });
    try {
      await model.start();
      assert.strictEqual(model.status, 'failed');
      await model.refresh();
      assert.strictEqual(model.status, 'ready');
      assert.strictEqual(attempts, 2);
    } finally {
      model.dispose();
    }
  });

  it('backs off 1 s, 2 s, 4 s … up to a minute', () => {
    assert.deepStrictEqual([1, 2, 3, 4, 7, 8, 20].map(retryDelayMs), [1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });
});
