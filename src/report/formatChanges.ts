import type { ChangedCommit, ChangeWindow, ScopedSystem } from '../core/history/incidentChanges';
import { relationText } from '../core/history/incidentChanges';
import { escapeMarkdown, escapeText, markdownCode } from './escape';
import type { Style } from './style';
import { formatDistance } from './timeText';

/** What `change-radar changes` answers (its JSON form is docs/cli.md's stable interface). */
export interface ChangesReport {
  /** The incident asked about, or null for `--systems`. */
  readonly incident: { readonly id: string; readonly title: string; readonly started: string | null; readonly resolved: string | null } | null;
  readonly window: { readonly from: string; readonly to: string };
  readonly systems: readonly ScopedSystem[];
  readonly commits: readonly ChangedCommit[];
}

export function changesReport(incident: ChangesReport['incident'], window: ChangeWindow, systems: readonly ScopedSystem[], commits: readonly ChangedCommit[]): ChangesReport {
  return { incident, window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() }, systems, commits };
}

/** `3 h before`, `20 min after` the incident's start; empty without an incident. */
function beforeText(commit: ChangedCommit): string {
  if (commit.beforeStart === null) return '';
  const distance = formatDistance(commit.beforeStart, 0);
  return commit.beforeStart >= 0 ? `${distance} before start` : `${distance} after start`;
}

function scopeLine(systems: readonly ScopedSystem[]): string {
  return systems.map((s) => (s.relation === 'direct' ? s.id : `${s.id} (via ${s.via.join(' → ')})`)).join(', ');
}

/**
 * Text for a terminal: a header (incident, window, systems), then one block per commit, newest
 * first: short sha, time, author, subject, PR, why it is listed, an `override` mark with the
 * trailer's text, and its files by system. Every text from git or the manifest is escaped.
 */
export function formatChangesText(report: ChangesReport, style: Style): string {
  const lines: string[] = [];
  const head = report.incident !== null
    ? `Changes before incident ${escapeText(report.incident.id)}: ${escapeText(report.incident.title)}`
    : 'Changes to the systems given';
  lines.push(style.bold(head));
  lines.push(`window: ${report.window.from} → ${report.window.to}`);
  lines.push(`systems: ${escapeText(scopeLine(report.systems))}`);
  lines.push('');
  if (report.commits.length === 0) {
    lines.push('No commits in the window touch these systems.');
    return lines.join('\n') + '\n';
  }
  lines.push(`${report.commits.length} commit(s), newest first:`);
  for (const commit of report.commits) {
    const pr = commit.pr !== null ? ` (PR #${commit.pr})` : '';
    const when = [commit.committedAt, beforeText(commit)].filter((t) => t !== '').join(', ');
    lines.push('');
    lines.push(`${style.yellow(commit.sha.slice(0, 12))}  ${escapeText(commit.subject)}${pr}`);
    lines.push(`  ${escapeText(commit.author)}, ${when}`);
    lines.push(`  ${escapeText(relationText(commit))}`);
    if (commit.override !== null) lines.push(`  ${style.red('override')}: ${escapeText(commit.override)}`);
    for (const [system, files] of Object.entries(commit.files)) {
      lines.push(`  ${escapeText(system)}: ${files.map(escapeText).join(', ')}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Markdown (a pull request comment, an incident channel): a table, newest first. */
export function formatChangesMarkdown(report: ChangesReport): string {
  const lines: string[] = [];
  lines.push(report.incident !== null
    ? `### Changes before incident ${markdownCode(report.incident.id)}${report.incident.title === report.incident.id ? '' : `: ${escapeMarkdown(report.incident.title)}`}`
    : '### Changes to the systems given');
  lines.push('');
  lines.push(`Window ${report.window.from} → ${report.window.to}; systems: ${escapeMarkdown(scopeLine(report.systems))}.`);
  lines.push('');
  if (report.commits.length === 0) {
    lines.push('No commits in the window touch these systems.');
    return lines.join('\n') + '\n';
  }
  lines.push('| commit | when | author | subject | PR | why | override |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const commit of report.commits) {
    const when = [commit.committedAt, beforeText(commit)].filter((t) => t !== '').join(', ');
    const cells = [
      markdownCode(commit.sha.slice(0, 12), { inTable: true }),
      escapeMarkdown(when),
      escapeMarkdown(commit.author),
      escapeMarkdown(commit.subject),
      commit.pr !== null ? `#${commit.pr}` : '',
      escapeMarkdown(relationText(commit)),
      commit.override !== null ? `**override**: ${escapeMarkdown(commit.override)}` : '',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}
