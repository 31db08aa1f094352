import type { FreezeReport } from '../../../core/evaluate/report';
import type { EntryOrigin } from '../../../core/model';
import { codeSpan, escapeMarkdown, fieldLines } from './markdownText';
import { formatDistance, formatInZones, parseIso } from '../../../report/timeText';
import { node } from './viewNode';
import { stateLabel } from './rowText';
import type { ViewNode } from './viewNode';

export interface FreezesInput {
  /** Active freezes first, then upcoming ones within the horizon (the status report's order). */
  readonly freezes: readonly FreezeReport[];
  readonly at: number;
  readonly localZone: string;
}

/** "Active" and "Upcoming" groups; each freeze lists its covered systems as child rows. */
export function buildFreezeNodes(input: FreezesInput): ViewNode[] {
  const active = input.freezes.filter((f) => f.active);
  const upcoming = input.freezes.filter((f) => !f.active);
  const groups: ViewNode[] = [];
  if (active.length > 0) {
    groups.push(group('active', 'Active now', active, input));
  }
  if (upcoming.length > 0) {
    groups.push(group('upcoming', 'Upcoming', upcoming, input));
  }
  return groups;
}

function group(id: string, label: string, freezes: readonly FreezeReport[], input: FreezesInput): ViewNode {
  return node({
    id: `group/${id}`,
    label,
    description: `${freezes.length}`,
    icon: { id: id === 'active' ? 'lock' : 'calendar' },
    contextValue: 'freezeGroup',
    expanded: true,
    children: freezes.map((f) => freezeNode(f, input)),
  });
}

/** `from acme-policy` for an entry of an extended (organisation) manifest (its pin is in the tooltip). */
export function originText(entry: { readonly origin?: EntryOrigin }): string | undefined {
  return entry.origin === undefined ? undefined : `from ${entry.origin.extends}`;
}

/** The origin for a tooltip (Markdown, escaped): `acme-policy` at its full pin, file and line. */
export function originTooltip(entry: { readonly origin?: EntryOrigin }): string | undefined {
  const origin = entry.origin;
  return origin === undefined ? undefined : `${escapeMarkdown(origin.extends)} at ${codeSpan(origin.ref)}, ${escapeMarkdown(`${origin.file}:${origin.line}`)}`;
}

/** `ends in 3 days`, `starts in 1 h 59 min`, `until resolved` (an incident-freeze), `in force until fixed`. */
export function freezeTiming(f: FreezeReport, at: number): string {
  const start = parseIso(f.start);
  const end = parseIso(f.end);
  if (f.invalid !== undefined) return 'in force until fixed';
  if (f.active) {
    return end !== undefined ? `ends in ${formatDistance(end, at)}` : f.kind === 'incident' ? 'until resolved' : 'active';
  }
  return start !== undefined ? `starts in ${formatDistance(start, at)}` : 'upcoming';
}

/** The timing as short as a row needs it: `3 days left`, `in 1 h 59 min`, `until resolved`, `until fixed`. */
export function freezeRowTiming(f: FreezeReport, at: number): string {
  const start = parseIso(f.start);
  const end = parseIso(f.end);
  if (f.invalid !== undefined) return 'until fixed';
  if (f.active) {
    return end !== undefined ? `${formatDistance(end, at)} left` : f.kind === 'incident' ? 'until resolved' : 'active';
  }
  return start !== undefined ? `in ${formatDistance(start, at)}` : 'upcoming';
}

/** The state word a freeze row starts with: `Block`, `Warn`, or `Invalid` (in force until fixed). */
export function freezeState(f: FreezeReport): string {
  return f.invalid !== undefined ? 'Invalid' : f.enforcement === 'block' ? 'Block' : 'Warn';
}

/** A freeze's name in a row: its title; an incident-freeze's incident id first (`INC-2041 Ledger …`). */
export function freezeName(f: FreezeReport): string {
  return f.kind === 'incident' && f.title !== f.id ? `${f.id} ${f.title}` : f.title;
}

function freezeNode(f: FreezeReport, input: FreezesInput): ViewNode {
  const start = parseIso(f.start);
  const end = parseIso(f.end);
  const from = originText(f);
  // State, then name; the timing as description. Systems are the child rows and in the tooltip.
  const description = `${freezeRowTiming(f, input.at)}${from !== undefined ? ` · ${from}` : ''}`;
  return node({
    id: `freeze/${f.kind}/${f.id}`,
    label: stateLabel(freezeState(f), freezeName(f), description, 1),
    description,
    tooltip: [
      `**${escapeMarkdown(f.title)}** (${f.kind === 'incident' ? 'incident freeze' : 'freeze'} ${codeSpan(f.id)})`,
      '',
      ...fieldLines([
        ['Invalid', f.invalid !== undefined ? `${escapeMarkdown(f.invalid)}; treated as in force until fixed` : undefined],
        ['Reason', f.reason && escapeMarkdown(f.reason)],
        ['Enforcement', f.enforcement === 'block' ? 'block (commits are stopped)' : 'warn'],
        ['Starts', start !== undefined ? formatInZones(start, input.localZone, f.timezone) : undefined],
        ['Ends', end !== undefined ? formatInZones(end, input.localZone, f.timezone) : f.kind === 'incident' && f.active ? `when incident ${codeSpan(f.id)} is resolved` : undefined],
        ['Systems', f.systems.map(escapeMarkdown).join(', ')],
        ['Organisation policy', originTooltip(f)],
      ]),
    ].join('\n'),
    icon: { id: f.kind === 'incident' ? 'flame' : 'lock', color: f.enforcement === 'block' ? 'charts.red' : 'charts.yellow' },
    // `.org`: an organisation entry (extends:), which this repository cannot edit: no write actions.
    contextValue: `freeze.${f.enforcement}${f.origin !== undefined ? '.org' : ''}`,
    expanded: false,
    // An extended (organisation) entry reveals in its read-only cached file (RepositoryModel.uriOf).
    source: f.source,
    children: f.systems.map((s) =>
      node({ id: `freeze/${f.kind}/${f.id}/system/${s}`, label: s, icon: { id: 'symbol-namespace' }, contextValue: 'system' }),
    ),
  });
}
