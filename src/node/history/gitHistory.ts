import { randomBytes } from 'node:crypto';
import type { RawCommit } from '../../core/history/incidentChanges';
import { assertSafeRef, GitCommandError, openGit } from '../gitChanges';
import type { GitRunner } from '../gitChanges';

/**
 * The history half of `change-radar changes`: one `git log` over the first-parent history, limited
 * by git to the window and, where the systems' globs start with a literal folder, to those folders
 * (git then skips every other tree); core/history sorts the files git lists into systems. Off the commit path: only the lazily loaded
 * `cli-extra.js` (and the editor's history views) reach it.
 *
 * git is run directly (gitChanges.ts `openGit`: the same environment pass-through and error rule
 * as every other git call) rather than through simple-git: see docs/benchmarks.md, "changes".
 */

export interface HistoryQuery {
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, inclusive. */
  readonly to: number;
  /** Pathspecs (incidentChanges.ts `pathspecsOf`), or `'all'` for every changed file; none means no commit. */
  readonly pathspecs: readonly string[] | 'all';
  /** Every ref's first-parent history (`--all`) instead of HEAD's. */
  readonly allRefs?: boolean;
  /** The revision to walk from; default HEAD. */
  readonly head?: string;
}

/** Slack given to git's own date limit (whole seconds, and its walk stops at the first older commit): the exact edges are applied after. */
const slackSeconds = 2;

/**
 * The commits of the query, newest first as git walks them, each with the pathspecs' files it
 * changes against its first parent (merges included, `--diff-merges=first-parent`; renames as a
 * deletion and an addition, so both names count). Fields are separated by a marker made for this
 * run, so no subject, author or file name can forge one.
 */
export async function commitsTouching(root: string, query: HistoryQuery, git: GitRunner = openGit(root)): Promise<RawCommit[]> {
  if (query.pathspecs !== 'all' && query.pathspecs.length === 0) return [];
  if (query.head !== undefined) assertSafeRef(query.head);
  const nonce = randomBytes(8).toString('hex');
  const field = `%x1f${nonce}%x1f`;
  const format = `%x1e${nonce}%x1f%H${field}%ct${field}%an${field}%s${field}%(trailers:key=Freeze-Override,valueonly,separator=%x1d)%x1f${nonce}%x1e`;
  const args = [
    '-c', 'core.quotePath=false', 'log', '--first-parent', '--diff-merges=first-parent', '--no-renames', '-z', '--name-only',
    `--format=${format}`,
    `--since=@${Math.floor(query.from / 1000) - slackSeconds}`, `--until=@${Math.ceil(query.to / 1000) + slackSeconds}`,
    ...(query.allRefs === true ? ['--all'] : [query.head ?? 'HEAD']),
    ...(query.pathspecs === 'all' ? [] : ['--', ...query.pathspecs]),
  ];
  let out: string;
  try {
    out = await git.raw(args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // An unborn branch has no history to list.
    if (/does not have any commits yet|bad revision 'HEAD'|unknown revision or path not in the working tree|bad default revision/.test(message) && query.allRefs !== true && query.head === undefined) return [];
    throw new GitCommandError(message.trim().split('\n')[0] ?? message);
  }
  return parseHistory(out, nonce);
}

/** Parses the output of commitsTouching's `git log` (exported for its unit test). */
export function parseHistory(out: string, nonce: string): RawCommit[] {
  const start = `\x1e${nonce}\x1f`;
  const end = `\x1f${nonce}\x1e`;
  const separator = `\x1f${nonce}\x1f`;
  const commits: RawCommit[] = [];
  for (const chunk of out.split(start).slice(1)) {
    const close = chunk.indexOf(end);
    if (close < 0) continue;
    const [sha = '', seconds = '', author = '', subject = '', trailers = ''] = chunk.slice(0, close).split(separator);
    let rest = chunk.slice(close + end.length);
    if (rest.startsWith('\0')) rest = rest.slice(1);
    if (rest.startsWith('\n')) rest = rest.slice(1);
    const files = rest.split('\0').filter((file) => file !== '');
    const override = trailers.split('\x1d').map((t) => t.trim()).find((t) => t !== '');
    commits.push({
      sha, committedAt: Number(seconds) * 1000, author, subject, files,
      ...(override !== undefined ? { override } : {}),
    });
  }
  return commits;
}
