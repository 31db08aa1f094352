import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot, trackedFilesUnder } from '../node/gitChanges';
import { relativeInside } from '../node/insidePath';
import { toRepoPath } from '../node/manifestLoader';
import { fail } from './commandSupport';

/** A path argument (relative to the working directory) as a repository-relative path. */
export function repoPath(root: string, cwd: string, argument: string): string {
  const absolute = path.resolve(cwd, argument);
  const relative = toRepoPath(root, absolute);
  return relative ?? fail(`path is outside the repository ${root}: ${argument}`);
}

/**
 * The repository paths an argument stands for: a file is itself; a directory is every tracked file
 * below it, plus the directory itself with a trailing `/` (so that directory globs match it too).
 */
export async function expandPath(root: string, cwd: string, argument: string): Promise<string[]> {
  const absolute = path.resolve(cwd, argument);
  const isDirectory = (() => {
    try {
      return fs.statSync(absolute).isDirectory();
    } catch {
      return false;
    }
  })();
  if (!isDirectory) return [repoPath(root, cwd, argument)];
  const relative = relativeInside(root, absolute) ?? fail(`path is outside the repository ${root}: ${argument}`);
  const files = (await findRepoRoot(root)) === undefined ? [] : await trackedFilesUnder(root, relative);
  return relative === '' ? files : [`${relative}/`, ...files];
}
