import type { FreezeReport } from '../../../core/evaluate/report';
import type { EntryOrigin } from '../../../core/model';
import { codeSpan, escapeMarkdown, fieldLines } from './markdownText';
import { parseIso } from '../../../report/timeText';
import { localDistance, localIn, localInZones } from './timePhrases';
import { spokenFreeze, spokenList } from './spokenText';
import { t, tn } from '../../base/l10n';
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
    groups.push(group('active', t('Active now'), active, input));
  }
  if (upcoming.length > 0) {
    groups.push(group('upcoming', t('Upcoming'), upcoming, input));
  }
  return groups;
}

function group(id: string, label: string, freezes: readonly FreezeReport[], input: FreezesInput): ViewNode {
  return node({
    id: `group/${id}`,
    label,
    description: `${freezes.length}`,
    accessibility: id === 'active'
      ? tn(freezes.length, { one: 'Active now: {0} freeze', other: 'Active now: {0} freezes' }, freezes.length)
      : tn(freezes.length, { one: 'Upcoming: {0} freeze', other: 'Upcoming: {0} freezes' }, freezes.length),
    icon: { id: id === 'active' ? 'lock' : 'calendar' },
    contextValue: 'freezeGroup',
    expanded: true,
    children: freezes.map((f) => freezeNode(f, input)),
  });
}

/** `from acme-policy` for an entry of an extended (organisation) manifest, read out with its row (the tooltip has its pin). */
export function originText(entry: { readonly origin?: EntryOrigin }): string | undefined {
  return entry.origin === undefined ? undefined : t('from {0}', entry.origin.extends);
}

/** The origin for a tooltip (Markdown, escaped): `acme-policy` at its full pin, file and line. */
export function originTooltip(entry: { readonly origin?: EntryOrigin }): string | undefined {
  const origin = entry.origin;
  return origin === undefined ? undefined : t('{0} at {1}, {2}', escapeMarkdown(origin.extends), codeSpan(origin.ref), escapeMarkdown(`${origin.file}:${origin.line}`));
}

/** `ends in 3 days`, `starts in 1 h 59 min`, `until resolved` (an incident-freeze), `in force until fixed`. */
export function freezeTiming(f: FreezeReport, at: number): string {
  const start = parseIso(f.start);
  const end = parseIso(f.end);
  if (f.invalid !== undefined) return t('in force until fixed');
  if (f.active) {
    return end !== undefined ? t('ends {0}', localIn(end, at)) : f.kind === 'incident' ? t('until resolved') : t('active');
  }
  return start !== undefined ? t('starts {0}', localIn(start, at)) : t('upcoming');
}

/** The timing as short as a row needs it: `3 days left`, `in 1 h 59 min`, `until resolved`, `until fixed`. */
export function freezeRowTiming(f: FreezeReport, at: number): string {
  const start = parseIso(f.start);
  const end = parseIso(f.end);
  if (f.invalid !== undefined) return t('until fixed');
  if (f.active) {
    return end !== undefined ? t('{0} left', localDistance(end, at)) : f.kind === 'incident' ? t('until resolved') : t('active');
  }
  return start !== undefined ? localIn(start, at) : t('upcoming');
}

/** The state word a freeze row starts with: `Block`, `Warn`, or `Invalid` (in force until fixed). */
export function freezeState(f: FreezeReport): string {
  return f.invalid !== undefined ? t('Invalid') : f.enforcement === 'block' ? t('Block') : t('Warn');
}

/** A freeze's name in a row: its title; an incident-freeze's incident id first (`INC-2041 Ledger …`). */
export function freezeName(f: FreezeReport): string {
  return f.kind === 'incident' && f.title !== f.id ? `${f.id} ${f.title}` : f.title;
}

function freezeNode(f: FreezeReport, input: FreezesInput): ViewNode {
  const start = parseIso(f.start);
  const end = parseIso(f.end);
  const from = originText(f);
  // State, then name; the timing as description. Systems are the child rows and in the tooltip, an
  // organisation policy's name (extends:) is in the tooltip and read out: the row keeps its width for the name.
  const description = freezeRowTiming(f, input.at);
  return node({
    id: `freeze/${f.kind}/${f.id}`,
    label: stateLabel(freezeState(f), freezeName(f), description, 1),
    description,
    // The icon's red or yellow says block or warn: the words say it too.
    accessibility: spokenList([spokenFreeze(f, input.at, input.localZone), f.kind === 'incident' ? t('incident freeze') : undefined, from]),
    tooltip: [
      `**${escapeMarkdown(f.title)}** (${f.kind === 'incident' ? t('incident freeze {0}', codeSpan(f.id)) : t('freeze {0}', codeSpan(f.id))})`,
      '',
      ...fieldLines([
        [t('Invalid'), f.invalid !== undefined ? t('{0}; treated as in force until fixed', escapeMarkdown(f.invalid)) : undefined],
        [t('Reason'), f.reason && escapeMarkdown(f.reason)],
        [t('Enforcement'), f.enforcement === 'block' ? t('block (commits are stopped)') : t('warn')],
        [t('Starts'), start !== undefined ? localInZones(start, input.localZone, f.timezone) : undefined],
        [t('Ends'), end !== undefined ? localInZones(end, input.localZone, f.timezone) : f.kind === 'incident' && f.active ? t('when incident {0} is resolved', codeSpan(f.id)) : undefined],
        [t('Systems'), f.systems.map(escapeMarkdown).join(', ')],
        [t('Organisation policy'), originTooltip(f)],
      ]),
    ].join('\n'),
    icon: { id: f.kind === 'incident' ? 'flame' : 'lock', color: f.enforcement === 'block' ? 'charts.red' : 'charts.yellow' },
    // `.org`: an organisation entry (extends:), which this repository cannot edit: no write actions.
    contextValue: `freeze.${f.enforcement}${f.origin !== undefined ? '.org' : ''}${f.live !== undefined ? '.live' : ''}`, // `.org`, `.live`: no write actions
    expanded: false,
    // An extended (organisation) entry reveals in its read-only cached file (RepositoryModel.uriOf).
    source: f.source,
    children: f.systems.map((s) =>
      node({ id: `freeze/${f.kind}/${f.id}/system/${s}`, label: s, icon: { id: 'symbol-namespace' }, contextValue: 'system' }),
    ),
  });
}
