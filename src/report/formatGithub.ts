import { escapeText } from './escape';
import type { Problem } from '../core/problem';
import type { FreezeReport, ImpactReport } from '../core/evaluate/report';
import { displayEffect, fromBaseNote, invalidNote, manifestChangeHeadline, milestoneName, originNote, shortInstant, unoverriddenFiles, windowText } from './reportFacts';

/**
 * The `github` format: GitHub Actions workflow commands (`::error file=...::message`), which the
 * runner turns into annotations on the pull request's files.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */

type Level = 'error' | 'warning' | 'notice';

/**
 * Message text: `%`, CR and LF must be percent-encoded or the runner cuts the message. Any other
 * control or bidi character (an escape sequence in a title) is then shown escaped, as in the text
 * format, so the log viewer never interprets it.
 */
export function escapeData(text: string): string {
  return escapeText(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Property values additionally must not contain `:` or `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface AnnotationProperties {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly title?: string;
}

export function annotation(level: Level, message: string, properties: AnnotationProperties = {}): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${level}${props.length > 0 ? ' ' + props.join(',') : ''}::${escapeData(message)}`;
}

function freezeMessage(freeze: FreezeReport): string {
  const reason = freeze.reason !== undefined ? ` — ${freeze.reason}` : '';
  const invalid = invalidNote(freeze);
  const fromBase = fromBaseNote(freeze);
  return `${invalid !== undefined ? `${invalid}. ` : ''}${fromBase !== undefined ? `${fromBase}. ` : ''}${freeze.title}${originNote(freeze)}${reason} (${freeze.enforcement}, ${freeze.active ? 'active' : 'upcoming'} ${windowText(freeze)}; systems ${freeze.systems.join(', ') || '-'})`;
}

function freezeAnnotations(freeze: FreezeReport): string[] {
  const title = `Freeze ${freeze.id}`;
  if (freeze.effect === 'block') {
    return unoverriddenFiles(freeze).map((file) => annotation('error', `${freezeMessage(freeze)}. Blocked: needs an approved override in the manifest.`, { file, title }));
  }
  if (displayEffect(freeze) === 'warn') {
    return freeze.files.length === 0
      ? [annotation('warning', `${freezeMessage(freeze)}. This change impacts a frozen system through its dependencies.`, { title })]
      : freeze.files.map((file) => annotation('warning', freezeMessage(freeze), { file, title }));
  }
  const notes = freeze.overrides.map((use) =>
    annotation(use.addedByChange ? 'warning' : 'notice', `${use.addedByChange ? 'Override ADDED BY THIS CHANGE: ' : 'Overridden: '}${use.reason} (approved by ${use.approvedBy}${use.expires !== undefined ? `, until ${shortInstant(use.expires)}` : ''}) for ${use.files.join(', ')}`, { title: `${title} overridden` }));
  if (!freeze.active) notes.push(annotation('notice', `Starts ${shortInstant(freeze.start)}: ${freezeMessage(freeze)}`, { title: `Upcoming freeze ${freeze.id}` }));
  return notes;
}

export function formatImpactGithub(report: ImpactReport): string {
  const lines: string[] = [];
  const headline = manifestChangeHeadline(report);
  if (headline !== undefined && report.manifestChange) {
    const file = report.manifestChange.files[0];
    lines.push(annotation('warning', [headline, ...report.manifestChange.edits.map((e) => `- ${e.message}`)].join('\n'), { file, title: 'Manifest edited by this change' }));
  }
  lines.push(...report.freezes.flatMap(freezeAnnotations));
  for (const incident of report.incidents) {
    const commander = incident.commander !== undefined ? `, commander ${incident.commander}` : '';
    lines.push(annotation('warning', `${incident.title} (${incident.status}${commander}) on ${incident.systems.join(', ')}${incident.url !== undefined ? ` — ${incident.url}` : ''}`,
      { title: `Incident ${incident.id} (${incident.severity})` }));
  }
  for (const milestone of report.milestones.filter((m) => m.risks.length > 0)) {
    lines.push(annotation('notice', `${milestone.title}: ${milestone.risks.map((r) => r.message).join('; ')}`, { title: `Milestone at risk ${milestoneName(milestone)}` }));
  }
  const touched = report.systems.filter((s) => s.touched).length;
  lines.push(`change-radar: ${report.blocked ? 'BLOCKED' : 'not blocked'} — ${report.files.length} file(s), ${touched} system(s) touched, ${report.systems.length - touched} impacted, at ${report.at}`);
  return lines.join('\n') + '\n';
}

export function formatProblemsGithub(problems: readonly Problem[]): string {
  return problems.map((p) => annotation(p.severity === 'info' ? 'notice' : p.severity, p.message, {
    file: p.file,
    line: p.range.start.line + 1,
    col: p.range.start.column + 1,
    endLine: p.range.end.line + 1,
    endColumn: p.range.end.column + 1,
    title: p.code,
  }) + '\n').join('');
}
