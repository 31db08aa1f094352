import type {
  FreezeReport, ImpactReport, IncidentReport, MilestoneReport, PathExplanation, StatusReport, SystemReport,
} from '../core/evaluate/report';
import {
  displayEffect, fromBaseNote, invalidNote, manifestChangeHeadline, milestoneName, originNote, overrideHint, shortInstant, unoverriddenFiles, upcomingFreezes, verdict, windowText,
} from './reportFacts';
import { escapeTextDeep } from './escape';
import type { Style } from './style';

/** The `text` format: for people at a terminal. Every line says what and why. */

const indent = '    ';

function list(items: readonly string[], empty = '-'): string {
  return items.length === 0 ? empty : items.join(', ');
}

function freezeHeadline(freeze: FreezeReport, style: Style): string {
  const name = `${freeze.kind === 'incident' ? 'incident freeze' : 'freeze'} ${style.bold(freeze.id)} "${freeze.title}"${originNote(freeze)}`;
  const when = `${freeze.enforcement}, ${freeze.active ? 'active' : 'upcoming'} ${windowText(freeze)}`;
  const label = {
    block: style.red('BLOCK'), warn: style.yellow('WARN'), overridden: style.cyan('OVERRIDDEN'), none: style.dim('NOTE'),
  }[displayEffect(freeze)];
  return `${label} ${name} (${when})`;
}

/** One freeze with its reason, systems, files and overrides, indented under its headline. */
function formatFreeze(rawFreeze: FreezeReport, style: Style): string[] {
  // Manifest, CODEOWNERS and git text, shown in a terminal: every string escaped (report/escape.ts).
  const freeze = escapeTextDeep(rawFreeze);
  const lines = [freezeHeadline(freeze, style)];
  const invalid = invalidNote(freeze);
  if (invalid !== undefined) lines.push(`${indent}${style.red('invalid:')} ${invalid}`);
  const fromBase = fromBaseNote(freeze);
  if (fromBase !== undefined) lines.push(`${indent}${style.yellow('note:')} ${fromBase}`);
  if (freeze.reason !== undefined) lines.push(`${indent}reason:  ${freeze.reason}`);
  lines.push(`${indent}systems: ${list(freeze.systems)}`);
  const files = freeze.effect === 'block' ? unoverriddenFiles(freeze) : freeze.files;
  if (files.length > 0) lines.push(`${indent}files:   ${list(files)}`);
  for (const use of freeze.overrides) {
    const by = use.origin === 'trailer' ? 'Freeze-Override trailer' : `override approved by ${use.approvedBy}`;
    const until = use.expires !== undefined ? `, until ${shortInstant(use.expires)}` : '';
    const added = use.addedByChange ? `, ${style.yellow(style.bold('ADDED BY THIS CHANGE'))}` : '';
    lines.push(`${indent}overridden: ${use.reason} (${by}${until}${added}) for ${list(use.files)}`);
  }
  return lines;
}

function systemLine(system: SystemReport, style: Style): string {
  const how = system.touched ? style.bold('touched') : `impacted via ${system.via.join(' → ')}`;
  const owners = system.owners.length > 0 ? `  owners ${system.owners.join(', ')}` : '';
  return `  ${system.id}  ${how}${owners}`;
}

function incidentLine(incident: IncidentReport, style: Style): string {
  const commander = incident.commander !== undefined ? `, commander ${incident.commander}` : '';
  const url = incident.url !== undefined ? ` ${incident.url}` : '';
  return `  ${style.red(incident.severity)} ${style.bold(incident.id)} ${incident.status}: ${incident.title}${originNote(incident)} [${list(incident.systems)}]${commander}${url}`;
}

function milestoneLines(milestone: MilestoneReport, style: Style): string[] {
  const due = milestone.due !== undefined ? ` due ${shortInstant(milestone.due)}` : '';
  return [
    `  ${style.bold(milestoneName(milestone))} "${milestone.title}"${due} (${milestone.status})`,
    ...milestone.risks.map((risk) => `${indent}- ${risk.message}`),
  ];
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ['', title, ...lines];
}

export function formatImpactText(rawReport: ImpactReport, style: Style): string {
  // Manifest, CODEOWNERS and git text, shown in a terminal: every string escaped (report/escape.ts).
  const report = escapeTextDeep(rawReport);
  const touched = report.systems.filter((s) => s.touched).length;
  const impacted = report.systems.length - touched;
  const outcome = verdict(report);
  const head = outcome === 'blocked' ? style.red(style.bold('BLOCKED'))
    : outcome === 'warning' ? style.yellow('warnings') : style.green('clear');
  const lines = [
    `Change Radar: ${head} — ${report.files.length} file(s), ${touched} system(s) touched, ${impacted} impacted, at ${shortInstant(report.at)}`,
    ...manifestChangeText(report, style),
  ];
  const applying = report.freezes.filter((f) => f.effect !== 'none' || f.overridden);
  const upcoming = upcomingFreezes(report.freezes).filter((f) => f.effect === 'none' && !f.overridden);
  lines.push(...section('Freezes', [...applying, ...upcoming].flatMap((f) => formatFreeze(f, style).map((l) => `  ${l}`))));
  lines.push(...section('Systems', report.systems.map((s) => systemLine(s, style))));
  lines.push(...section('Incidents', report.incidents.map((i) => incidentLine(i, style))));
  lines.push(...section('Milestones at risk', report.milestones.filter((m) => m.risks.length > 0).flatMap((m) => milestoneLines(m, style))));
  lines.push(...section('Files', report.files.map((file) => {
    const systems = file.matches.length > 0 ? file.matches.map((m) => `${m.system} (${m.pattern})`).join(', ') : style.dim('no system');
    return `  ${file.path} → ${systems}`;
  })));
  if (report.owners.length > 0 || report.oncall !== undefined) lines.push('');
  if (report.owners.length > 0) lines.push(`Owners to tell: ${report.owners.join(', ')}`);
  for (const call of report.oncall ?? []) lines.push(`On call now for ${call.system}: ${call.oncall}`);
  if (report.blocked) lines.push('', overrideHint);
  return lines.join('\n') + '\n';
}

export function formatExplainText(rawExplanation: PathExplanation, style: Style): string {
  // Manifest, CODEOWNERS and git text, shown in a terminal: every string escaped (report/escape.ts).
  const explanation = escapeTextDeep(rawExplanation);
  const lines = [style.bold(explanation.path)];
  lines.push(explanation.matches.length === 0
    ? '  systems: none (no system pattern matches this path)'
    : `  systems: ${explanation.matches.map((m) => `${m.system} (by ${m.pattern})`).join(', ')}`);
  if (explanation.dependents.length > 0) {
    lines.push(`  depended on by: ${explanation.dependents.map((d) => `${d.id} (${d.via.join(' → ')})`).join(', ')}`);
  }
  lines.push(...section('  Freezes', explanation.freezes.flatMap((f) => formatFreeze(f, style).map((l) => `    ${l}`))));
  lines.push(...section('  Incidents', explanation.incidents.map((i) => `  ${incidentLine(i, style)}`)));
  lines.push(...section('  Milestones', explanation.milestones.flatMap((m) => milestoneLines(m, style).map((l) => `  ${l}`))));
  lines.push('', `  system owners: ${list(explanation.systemOwners)}`);
  for (const call of explanation.oncall ?? []) lines.push(`  on call now for ${call.system}: ${call.oncall}`);
  const line = explanation.codeownersLine !== undefined ? ` (CODEOWNERS line ${explanation.codeownersLine})` : '';
  lines.push(`  CODEOWNERS:    ${list(explanation.codeowners)}${line}`);
  return lines.join('\n') + '\n';
}

export function formatStatusText(rawStatus: StatusReport, style: Style): string {
  // Manifest, CODEOWNERS and git text, shown in a terminal: every string escaped (report/escape.ts).
  const status = escapeTextDeep(rawStatus);
  const active = status.freezes.filter((f) => f.active);
  const upcoming = upcomingFreezes(status.freezes);
  const lines = [`Change Radar status at ${shortInstant(status.at)}`];
  lines.push('', `Active incidents (${status.incidents.length})`, ...(status.incidents.length === 0 ? ['  none'] : status.incidents.map((i) => incidentLine(i, style))));
  lines.push('', `Active freezes (${active.length})`, ...(active.length === 0 ? ['  none'] : active.flatMap((f) => statusFreezeLines(f, style))));
  lines.push('', `Upcoming freezes (${upcoming.length})`, ...(upcoming.length === 0 ? ['  none'] : upcoming.flatMap((f) => statusFreezeLines(f, style))));
  lines.push('', `Milestones at risk (${status.milestonesAtRisk.length})`,
    ...(status.milestonesAtRisk.length === 0 ? ['  none'] : status.milestonesAtRisk.flatMap((m) => milestoneLines(m, style))));
  return lines.join('\n') + '\n';
}

function statusFreezeLines(freeze: FreezeReport, style: Style): string[] {
  const enforcement = freeze.enforcement === 'block' ? style.red('block') : style.yellow('warn');
  const lines = [`  ${style.bold(freeze.id)} "${freeze.title}"${originNote(freeze)} (${enforcement}, ${windowText(freeze)}, ${freeze.timezone})`];
  const invalid = invalidNote(freeze);
  if (invalid !== undefined) lines.push(`${indent}${style.red('invalid:')} ${invalid}`);
  if (freeze.reason !== undefined) lines.push(`${indent}reason:  ${freeze.reason}`);
  lines.push(`${indent}systems: ${list(freeze.systems, 'all matching')}`);
  return lines;
}

/** The edit of the manifest, said first: a reviewer must see "this change lifts the holiday freeze". */
function manifestChangeText(report: ImpactReport, style: Style): string[] {
  const headline = manifestChangeHeadline(report);
  if (headline === undefined) return [];
  return ['', style.yellow(style.bold(headline)), ...(report.manifestChange?.edits ?? []).map((e) => `  - ${e.message}`)];
}

/**
 * What `pre-commit` prints: the freezes that apply and the active incidents, compactly (a commit
 * is no place for the whole report), and a heads-up that commit-msg will enforce a block.
 */
export function formatPreCommitText(rawReport: ImpactReport, style: Style): string {
  // Manifest, CODEOWNERS and git text, shown in a terminal: every string escaped (report/escape.ts).
  const report = escapeTextDeep(rawReport);
  const lines = [`change-radar: ${report.blocked ? style.red(style.bold('this commit touches a frozen system')) : 'heads-up for this commit'}`];
  lines.push(...manifestChangeText(report, style).map((l) => (l === '' ? l : `  ${l}`)));
  for (const freeze of report.freezes.filter((f) => displayEffect(f) !== 'none')) {
    lines.push(...formatFreeze(freeze, style).map((l) => `  ${l}`));
  }
  for (const incident of report.incidents) lines.push(`  incident${incidentLine(incident, style).slice(1)}`);
  const atRisk = report.milestones.filter((m) => m.risks.length > 0).map(milestoneName);
  if (atRisk.length > 0) lines.push(`  milestones at risk: ${atRisk.join(', ')} (change-radar check --staged for details)`);
  if (report.blocked) {
    lines.push(style.yellow('  The commit-msg hook will refuse this commit unless its message has a `Freeze-Override: <reason>` trailer.'));
  }
  return lines.join('\n') + '\n';
}

/** What `commit-msg` prints when it refuses a commit: the freeze, systems, files and the way out. */
export function formatBlockedCommitText(rawReport: ImpactReport, style: Style): string {
  // Manifest, CODEOWNERS and git text, shown in a terminal: every string escaped (report/escape.ts).
  const report = escapeTextDeep(rawReport);
  const lines = [style.red(style.bold('change-radar: commit blocked by a change freeze'))];
  for (const freeze of report.freezes.filter((f) => f.effect === 'block')) {
    lines.push(...formatFreeze(freeze, style).map((l) => `  ${l}`));
  }
  lines.push(
    '',
    'To commit anyway, add a trailer as the last paragraph of the commit message, e.g.',
    '',
    '    Freeze-Override: hotfix for INC-123, approved by @oncall',
    '',
    // Only the audited way out: the trailer stays in history. The unaudited CHANGE_RADAR_SKIP=1 is
    // for emergencies and documented in docs/cli.md, not offered with every refusal.
    '(or run `git commit --trailer "Freeze-Override: <reason>"`). The trailer stays in the history as the record of the override.',
  );
  return lines.join('\n') + '\n';
}

/** One line per freeze a trailer let through, so the override is visible when it happens. */
export function formatTrailerOverrideText(rawReport: ImpactReport, style: Style): string {
  // Manifest, CODEOWNERS and git text, shown in a terminal: every string escaped (report/escape.ts).
  const report = escapeTextDeep(rawReport);
  const lines: string[] = [];
  for (const freeze of report.freezes) {
    for (const use of freeze.overrides.filter((o) => o.origin === 'trailer')) {
      lines.push(`${style.cyan('change-radar:')} freeze ${freeze.id} overridden by Freeze-Override trailer: ${use.reason} (${list(use.files)})`);
    }
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** commit-msg's short reminder of warn freezes (pre-commit already printed the details). */
export function formatWarningSummaryText(rawReport: ImpactReport, style: Style): string {
  // Manifest, CODEOWNERS and git text, shown in a terminal: every string escaped (report/escape.ts).
  const report = escapeTextDeep(rawReport);
  const lines = report.freezes.filter((f) => displayEffect(f) === 'warn')
    .map((f) => `${style.yellow('change-radar: warning:')} freeze ${f.id} "${f.title}"${originNote(f)} applies to ${list(f.files.length > 0 ? f.files : f.systems)}`);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
