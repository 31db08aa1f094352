/**
 * Where a changed file's change is, from the git extension's status of it: a file git does not
 * track yet is `untracked` (`??`), a new file in the index `added` (`A`), a tracked file changed
 * `modified` (working tree) or `staged` (index), or both. Pure (no `vscode`): unit-tested.
 */
export type FileState = 'modified' | 'staged' | 'staged+modified' | 'untracked' | 'added' | 'added+modified';

/** The git extension's `Status` values (its `git.d.ts`) that are not a plain modification. */
const GitStatus = { indexAdded: 1, untracked: 7, intentToAdd: 9 } as const;

/** The state of a file after one more of its changes, `in` the index or the working tree (index changes first). */
export function withChange(before: FileState | undefined, in_: 'index' | 'workingTree', status: number): FileState {
  if (in_ === 'index') return status === GitStatus.indexAdded ? 'added' : 'staged';
  // `git add -N` (intent to add): new to git, listed as a working-tree change.
  if (status === GitStatus.untracked || status === GitStatus.intentToAdd) return before ?? (status === GitStatus.untracked ? 'untracked' : 'added');
  if (before === 'added' || before === 'added+modified') return 'added+modified';
  if (before === 'staged' || before === 'staged+modified') return 'staged+modified';
  return 'modified';
}
