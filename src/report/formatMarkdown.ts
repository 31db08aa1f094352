import type { FreezeReport, ImpactReport, IncidentReport, MilestoneReport, PathExplanation, StatusReport } from '../core/evaluate/report';
import { escapeMarkdown, markdownCode, markdownLink } from './escape';
import { displayEffect, fromBaseNote, invalidNote, manifestChangeHeadline, milestoneName, originNote, overrideHint, shortInstant, unoverriddenFiles, upcomingFreezes, verdict, windowText } from './reportFacts';

/** The `markdown` format: ready to paste into a pull request description or a job summary. */

/** Manifest text inside Markdown (and a table cell): see report/escape.ts. */
export function escapeCell(text: string): string {
  return escapeMarkdown(text);
}

/** A path or glob as inline code that no backtick or pipe inside can break out of. */
export function code(text: string): string {
  return markdownCode(text, { inTable: true });
}

/** `**id** title`, or just `**id**` when the manifest gave no title (the title then is the id). */
function named(id: string, title: string, titleSuffix = ''): string {
  const rest = (title === id ? '' : title) + titleSuffix;
  return rest.trim() === '' ? `**${escapeCell(id)}**` : `**${escapeCell(id)}** ${escapeCell(title === id ? rest.trimStart() : rest)}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function codes(items: readonly string[]): string {
  return items.length === 0 ? '–' : items.map(code).join(', ');
}

const effectLabel = { block: ':no_entry: block', warn: ':warning: warn', overridden: ':arrow_right_hook: overridden', none: 'none' } as const;

function freezeRows(freezes: readonly FreezeReport[]): string[][] {
  return freezes.map((f) => [
    `${named(f.id, f.title, originNote(f))}${f.reason !== undefined ? `<br>${escapeCell(f.reason)}` : ''}${
      invalidNote(f) !== undefined ? `<br>:warning: **${escapeCell(invalidNote(f) ?? '')}**` : ''}${
      f.fromBase ? `<br>:warning: ${escapeCell(fromBaseNote(f) ?? '')}` : ''}${
      f.overrides.some((o) => o.addedByChange) ? '<br>:warning: **override added by this change**' : ''}`,
    effectLabel[displayEffect(f)],
    `${f.active ? 'active' : 'upcoming'} ${escapeCell(windowText(f))}`,
    codes(f.systems),
    codes(f.effect === 'block' ? unoverriddenFiles(f) : f.files),
  ]);
}

function incidentRows(incidents: readonly IncidentReport[]): string[][] {
  return incidents.map((i) => [
    i.url !== undefined ? markdownLink(i.id, i.url, { inTable: true }) : escapeCell(i.id),
    escapeCell(i.severity), escapeCell(i.status), escapeCell(i.title + originNote(i)), codes(i.systems), escapeCell(i.commander ?? '–'),
  ]);
}

function milestoneRows(milestones: readonly MilestoneReport[]): string[][] {
  return milestones.map((m) => [
    named(milestoneName(m), m.title === m.id ? milestoneName(m) : m.title),
    m.due !== undefined ? shortInstant(m.due) : '–',
    escapeCell(m.status),
    m.risks.map((r) => escapeCell(r.message)).join('<br>'),
  ]);
}

function block(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ['', `#### ${title}`, '', ...lines];
}

export function formatImpactMarkdown(report: ImpactReport): string {
  const outcome = verdict(report);
  const heading = outcome === 'blocked' ? ':no_entry: Blocked by a change freeze'
    : outcome === 'warning' ? ':warning: Heads-up' : ':white_check_mark: Nothing in the way';
  const lines = [`### Change Radar: ${heading}`, ''];
  const touched = report.systems.filter((s) => s.touched);
  lines.push(`${report.files.length} changed file(s), ${touched.length} system(s) touched, ${report.systems.length - touched.length} impacted. Evaluated at ${shortInstant(report.at)}.`);
  const headline = manifestChangeHeadline(report);
  if (headline !== undefined) {
    lines.push('', `> [!WARNING]`, `> **${escapeCell(headline)}**`, ...(report.manifestChange?.edits ?? []).map((e) => `> - ${escapeCell(e.message)}`));
  }
  const freezes = report.freezes.filter((f) => f.effect !== 'none' || f.overridden || !f.active);
  lines.push(...block('Freezes', freezes.length === 0 ? [] : table(['Freeze', 'Effect', 'Window', 'Systems', 'Files'], freezeRows(freezes))));
  lines.push(...block('Systems', report.systems.length === 0 ? [] : table(['System', 'How', 'Owners'], report.systems.map((s) => [
    named(s.id, s.title),
    s.touched ? 'touched' : `impacted via ${s.via.map(escapeCell).join(' → ')}`,
    escapeCell(s.owners.join(', ') || '–'),
  ]))));
  lines.push(...block('Active incidents', report.incidents.length === 0 ? [] : table(['Incident', 'Severity', 'Status', 'Title', 'Systems', 'Commander'], incidentRows(report.incidents))));
  const atRisk = report.milestones.filter((m) => m.risks.length > 0);
  lines.push(...block('Milestones at risk', atRisk.length === 0 ? [] : table(['Milestone', 'Due', 'Status', 'Risks'], milestoneRows(atRisk))));
  if (report.owners.length > 0) lines.push('', `**Owners to tell:** ${report.owners.map(escapeCell).join(', ')}`);
  if (report.oncall !== undefined) lines.push('', `**On call now:** ${report.oncall.map((c) => `${escapeCell(c.oncall)} (${escapeCell(c.system)})`).join('; ')}`);
  if (report.files.length > 0) {
    lines.push('', `<details><summary>${report.files.length} changed file(s)</summary>`, '',
      ...table(['File', 'Systems', 'Owners'], report.files.map((f) => [
        code(f.path),
        f.matches.length === 0 ? '–' : f.matches.map((m) => `${escapeCell(m.system)} (${code(m.pattern)})`).join(', '),
        escapeCell(f.owners.join(', ') || '–'),
      ])), '', '</details>');
  }
  if (report.blocked) lines.push('', `> ${overrideHint}`);
  return lines.join('\n') + '\n';
}

export function formatExplainMarkdown(explanation: PathExplanation): string {
  const lines = [`### Change Radar: ${code(explanation.path)}`, ''];
  lines.push(explanation.matches.length === 0 ? '- **Systems:** none'
    : `- **Systems:** ${explanation.matches.map((m) => `${escapeCell(m.system)} (by ${code(m.pattern)})`).join(', ')}`);
  if (explanation.dependents.length > 0) {
    lines.push(`- **Depended on by:** ${explanation.dependents.map((d) => `${escapeCell(d.id)} (${d.via.map(escapeCell).join(' → ')})`).join(', ')}`);
  }
  lines.push(`- **System owners:** ${escapeCell(explanation.systemOwners.join(', ') || '–')}`);
  if (explanation.oncall !== undefined) lines.push(`- **On call now:** ${explanation.oncall.map((c) => `${escapeCell(c.oncall)} (${escapeCell(c.system)})`).join('; ')}`);
  const line = explanation.codeownersLine !== undefined ? ` (CODEOWNERS line ${explanation.codeownersLine})` : '';
  lines.push(`- **CODEOWNERS:** ${escapeCell(explanation.codeowners.join(', ') || '–')}${line}`);
  lines.push(...block('Freezes', explanation.freezes.length === 0 ? [] : table(['Freeze', 'Effect', 'Window', 'Systems', 'Files'], freezeRows(explanation.freezes))));
  lines.push(...block('Active incidents', explanation.incidents.length === 0 ? [] : table(['Incident', 'Severity', 'Status', 'Title', 'Systems', 'Commander'], incidentRows(explanation.incidents))));
  lines.push(...block('Milestones', explanation.milestones.length === 0 ? [] : table(['Milestone', 'Due', 'Status', 'Risks'], milestoneRows(explanation.milestones))));
  return lines.join('\n') + '\n';
}

export function formatStatusMarkdown(status: StatusReport): string {
  const active = status.freezes.filter((f) => f.active);
  const upcoming = upcomingFreezes(status.freezes);
  const lines = [`### Change Radar status at ${shortInstant(status.at)}`];
  const freezeTable = (freezes: readonly FreezeReport[]): string[] => table(['Freeze', 'Enforcement', 'Window', 'Systems'], freezes.map((f) => [
    `${named(f.id, f.title, originNote(f))}${invalidNote(f) !== undefined ? `<br>:warning: **${escapeCell(invalidNote(f) ?? '')}**` : ''}`,
    escapeCell(f.enforcement), escapeCell(windowText(f)), codes(f.systems),
  ]));
  lines.push(...block(`Active incidents (${status.incidents.length})`, status.incidents.length === 0 ? ['None.'] : table(['Incident', 'Severity', 'Status', 'Title', 'Systems', 'Commander'], incidentRows(status.incidents))));
  lines.push(...block(`Active freezes (${active.length})`, active.length === 0 ? ['None.'] : freezeTable(active)));
  lines.push(...block(`Upcoming freezes (${upcoming.length})`, upcoming.length === 0 ? ['None.'] : freezeTable(upcoming)));
  lines.push(...block(`Milestones at risk (${status.milestonesAtRisk.length})`, status.milestonesAtRisk.length === 0 ? ['None.'] : table(['Milestone', 'Due', 'Status', 'Risks'], milestoneRows(status.milestonesAtRisk))));
  return lines.join('\n') + '\n';
}
