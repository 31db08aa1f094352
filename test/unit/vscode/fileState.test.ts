// The Change Impact view's word for a changed file, from the git extension's status codes (its
// git.d.ts `Status`): a new, untracked ops.yaml is "untracked", not "modified".
import * as assert from 'node:assert';
import { withChange } from '../../../src/vscode/model/fileState';
import type { FileState } from '../../../src/vscode/model/fileState';

/** The git extension's `Status` (git.d.ts). */
const Status = { INDEX_MODIFIED: 0, INDEX_ADDED: 1, INDEX_DELETED: 2, MODIFIED: 5, DELETED: 6, UNTRACKED: 7, INTENT_TO_ADD: 9 };

/** The state after the index changes, then the working-tree changes, as the model applies them. */
function stateOf(index: number | undefined, workingTree: number | undefined): FileState | undefined {
  let state: FileState | undefined;
  if (index !== undefined) state = withChange(state, 'index', index);
  if (workingTree !== undefined) state = withChange(state, 'workingTree', workingTree);
  return state;
}

describe('file state from git status', () => {
  it('says untracked (??) and added (A) for new files, modified and staged for tracked ones', () => {
    assert.strictEqual(stateOf(undefined, Status.UNTRACKED), 'untracked');
    assert.strictEqual(stateOf(Status.INDEX_ADDED, undefined), 'added');
    assert.strictEqual(stateOf(undefined, Status.INTENT_TO_ADD), 'added');
    assert.strictEqual(stateOf(undefined, Status.MODIFIED), 'modified');
    assert.strictEqual(stateOf(Status.INDEX_MODIFIED, undefined), 'staged');
    assert.strictEqual(stateOf(Status.INDEX_DELETED, undefined), 'staged');
  });

  it('combines the index and the working tree (AM, MM)', () => {
    assert.strictEqual(stateOf(Status.INDEX_ADDED, Status.MODIFIED), 'added+modified');
    assert.strictEqual(stateOf(Status.INDEX_MODIFIED, Status.MODIFIED), 'staged+modified');
    assert.strictEqual(stateOf(Status.INDEX_MODIFIED, Status.DELETED), 'staged+modified');
  });
});
