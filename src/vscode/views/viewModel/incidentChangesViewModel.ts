import type { ChangedCommit, ChangeWindow, RelationPhrases } from '../../../core/history/incidentChanges';
import { relationText } from '../../../core/history/incidentChanges';
import { localDistance, localInZones, localRelative } from './timePhrases';
import { codeSpan, escapeMarkdown, fieldLines, markdownLink, safeHttpUrl } from './markdownText';
import { t } from '../../base/l10n';
import { node } from './viewNode';
import type { ViewNode } from './viewNode';

/**
 * "What changed before this incident?" in the Incidents view: the incident's `Changes in the 72 h
 * before (N)` row and its commit rows, as plain data. The commits are those of `change-radar
 * changes` (core/history/incidentChanges.ts, git asked by node/history/gitHistory.ts); this only
 * says how they read. Subjects and authors come from git: hostile text, escaped where shown.
 */

/** Why a commit is listed (core's `relationText`), in the display language. */
export const localRelationPhrases: RelationPhrases = {
  touches: (system) => t('touches {0}', system),
  touchesThrough: (system, chain) => t('touches {0} ({1})', system, chain),
  dependsOn: (dependent, dependency) => t('{0} depends on {1}', dependent, dependency),
};

/** `viewItem` of a commit row (its menus: Copy SHA, Copy Revert Command; `.pr`: Open Pull Request too). */
const commitContext = 'changeCommit';

/** The id of an incident row's changes row; `incidentRowId` is the incident row's id. */
export function changesRowId(incidentRowId: string): string {
  return `${incidentRowId}/changes`;
}

/** `Changes in the 72 h before`, with `(N)` once the commits are known. */
export function changesLabel(window: ChangeWindow, started: number, count: number | undefined): string {
  const hours = Math.round((started - window.from) / 3_600_000);
  return `${t('Changes in the {0} h before', hours)}${count !== undefined ? ` (${count})` : ''}`;
}

export interface CommitRowsInput {
  /** The changes row's id: commit rows are its children. */
  readonly parentId: string;
  readonly commits: readonly ChangedCommit[];
  readonly at: number;
  readonly localZone: string;
  /** The repository's `origin` remote URL, for pull-request links (GitHub, GitLab). */
  readonly remote?: string;
}

/** One row per commit, newest first (the order sortCommits gives). */
export function buildCommitNodes(input: CommitRowsInput): ViewNode[] {
  if (input.commits.length === 0) {
    return [node({ id: `${input.parentId}/none`, label: t('No commits touch these systems in the window'), icon: { id: 'check' }, contextValue: 'changesEmpty' })];
  }
  return input.commits.map((c) => commitNode(c, input));
}

function commitNode(c: ChangedCommit, input: CommitRowsInput): ViewNode {
  const committed = Date.parse(c.committedAt);
  const prUrl = c.pr !== null && input.remote !== undefined ? pullRequestUrl(input.remote, c.pr) : undefined;
  const files = Object.entries(c.files).map(([system, paths]) => `  - ${escapeMarkdown(system)}: ${paths.map(codeSpan).join(', ')}`);
  const tooltip = [
    `**${escapeMarkdown(c.subject)}**`,
    '',
    ...fieldLines([
      [t('Commit'), codeSpan(c.sha)],
      [t('Author'), escapeMarkdown(c.author)],
      [t('Date'), `${localInZones(committed, input.localZone)} (${localRelative(committed, input.at)})`],
      [t('Before the incident'), c.beforeStart === null ? undefined : c.beforeStart >= 0 ? t('{0} before it started', localDistance(0, c.beforeStart)) : t('{0} after it started', localDistance(0, -c.beforeStart))],
      [t('Why'), escapeMarkdown(relationText(c, localRelationPhrases))],
      [t('Pull request'), c.pr === null ? undefined : prUrl !== undefined ? markdownLink(`#${c.pr}`, prUrl) : `#${c.pr}`],
      ['⚠ Freeze-Override', c.override === null ? undefined : t('{0} (committed with an override)', codeSpan(c.override))],
    ]),
    `- **${t('Files by system:')}**`,
    ...files,
  ].join('\n');
  return node({
    id: `${input.parentId}/${c.sha}`,
    label: c.subject,
    // The orange unlock icon marks a commit made with a Freeze-Override trailer: said in words too.
    accessibility: [
      c.override !== null ? t('Commit {0}, made with a freeze override', c.sha.slice(0, 7)) : t('Commit {0}', c.sha.slice(0, 7)),
      c.subject, c.author, localRelative(committed, input.at), relationText(c, localRelationPhrases),
    ].join(', '),
    description: [c.author, localRelative(committed, input.at), relationText(c, localRelationPhrases), c.override !== null ? t('override') : undefined].filter((p) => p).join(' · '),
    tooltip,
    icon: c.override !== null ? { id: 'unlock', color: 'charts.orange' } : { id: 'git-commit' },
    contextValue: prUrl !== undefined ? `${commitContext}.pr` : commitContext,
    ...(prUrl !== undefined ? { url: prUrl } : {}),
  });
}

/**
 * The web page of pull request `number` on the remote, when the remote is on GitHub or GitLab
 * (`git@github.com:o/r.git`, `https://gitlab.com/g/sub/r.git`, `ssh://git@host/o/r`); else undefined.
 */
export function pullRequestUrl(remote: string, number: number): string | undefined {
  const text = remote.trim();
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(text);
  let host: string;
  let repoPath: string;
  if (scp !== null) {
    host = scp[1] ?? '';
    repoPath = scp[2] ?? '';
  } else {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return undefined;
    host = url.hostname;
    repoPath = url.pathname;
  }
  host = host.toLowerCase();
  const segments = repoPath.replace(/\.git\/?$/, '').split('/').filter((s) => s !== '');
  if (segments.length < 2 || segments.some((s) => !/^[\w.-]+$/.test(s) || s === '.' || s === '..')) return undefined;
  const base = `https://${host}/${segments.join('/')}`;
  if (host === 'github.com' || host.startsWith('github.')) return safeHttpUrl(`${base}/pull/${number}`);
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return safeHttpUrl(`${base}/-/merge_requests/${number}`);
  return undefined;
}
