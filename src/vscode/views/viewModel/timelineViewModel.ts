import type { SourceLocation } from '../../../core/problem';
import type { Timeline, TimelineFreeze, TimelineIncident, TimelineMilestone } from '../../../core/evaluate/timeline';
import { formatInZone } from '../../../core/time/timeZone';
import { timelineLanes } from './timelineLanes';
import type { TimelineLaneSets } from './timelineLanes';
import { t } from '../../base/l10n';

/**
 * What the timeline webview draws, as plain JSON: the core timeline of each folder turned into
 * items with their labels and hover lines already written (the webview script only lays them out
 * and sets them as text, never as HTML). Pure: unit-tested without VS Code.
 */

export type TimelineItemKind = 'freeze' | 'incident' | 'milestone';

export interface TimelineItem {
  readonly kind: TimelineItemKind;
  /** Unique in the panel: `folder index:kind:occurrence`. */
  readonly key: string;
  readonly id: string;
  readonly title: string;
  /** Bar start; for milestones the due instant. Undefined start: an incident with no `started` (drawn from the range start). */
  readonly start?: number;
  readonly end: number;
  readonly systems: readonly string[];
  /** `block`/`warn` for freezes and incident-freezes. */
  readonly enforcement?: string;
  readonly invalid: boolean;
  /**
   * Overridden parts of a freeze occurrence, each on the lanes (`systems`) it reaches: hatched over
   * the whole bar where the override covers the lane's whole scope (no `paths`); `partial` (only
   * some paths) is drawn as a distinct "partly overridden" strip, only on the lanes its paths lead into.
   */
  readonly overridden: readonly { readonly start: number; readonly end: number; readonly partial: boolean; readonly systems: readonly string[] }[];
  readonly severity?: string;
  /** An incident still open: its bar follows the now line. */
  readonly ongoing: boolean;
  readonly atRisk: boolean;
  /** One line for screen readers and the table. */
  readonly label: string;
  /** Hover lines. */
  readonly details: readonly string[];
  /**
   * The table's cells: start and end, both in the entry's zone and naming it (`2026-12-24 09:00 EST`;
   * a date-only milestone's date; `ongoing`, `until resolved`; '' for a milestone's end), and the
   * details without the heading, the window (in start and end) and the link line.
   */
  readonly table: { readonly start: string; readonly end: string; readonly details: readonly string[] };
}

export interface TimelineLaneSystem {
  readonly id: string;
  readonly title: string;
  readonly tier?: string;
  readonly projects: readonly string[];
}

export interface TimelineFolderData {
  readonly key: string;
  readonly name: string;
  readonly systems: readonly TimelineLaneSystem[];
  readonly items: readonly TimelineItem[];
  /** The lanes of each grouping with the sub-row of every bar (overlapping bars stacked). */
  readonly lanes: TimelineLaneSets;
  /** The same over only the systems of the current change; set when the change is known. */
  readonly changeLanes?: TimelineLaneSets;
  /** Systems the current change touches or impacts; undefined when unknown (no git, untrusted). */
  readonly changeSystems?: readonly string[];
  /** Set when the manifest has errors (what can be read is shown, invalid freezes in force). */
  readonly invalid: boolean;
  /** Set when there were more freeze occurrences in the range than drawn (the timeline's bound). */
  readonly truncation?: string;
}

export interface TimelineViewData {
  readonly now: number;
  readonly from: number;
  readonly to: number;
  readonly folders: readonly TimelineFolderData[];
}

export interface FolderTimeline {
  readonly key: string;
  readonly name: string;
  readonly timeline: Timeline;
  readonly changeSystems?: readonly string[];
  readonly invalid: boolean;
}

const list = (items: readonly string[]): string => (items.length > 0 ? items.join(', ') : t('none'));

function freezeItem(prefix: string, f: TimelineFreeze): TimelineItem {
  const window = f.invalid !== undefined ? t('treated as in force (invalid)') : `${formatInZone(f.start, f.timezone)} – ${formatInZone(f.end, f.timezone)}`;
  return {
    kind: 'freeze', key: `${prefix}freeze:${f.occurrence}`, id: f.id, title: f.title, start: f.start, end: f.end, systems: f.systems,
    enforcement: f.enforcement, invalid: f.invalid !== undefined,
    overridden: f.overrides.map((o) => ({ start: o.start, end: o.end, partial: o.partial, systems: o.systems })),
    ongoing: false, atRisk: false,
    label: t('Freeze {id} ({state}): {title}, {window}, on {systems}', { id: f.id, state: `${f.enforcement}${f.invalid !== undefined ? `, ${t('invalid: treated as in force')}` : ''}${overrideNote(f)}`, title: f.title, window, systems: list(f.systems) }),
    details: [
      f.enforcement === 'block' ? t('Block freeze {0}: {1}', f.id, f.title) : t('Warn freeze {0}: {1}', f.id, f.title),
      window + (f.invalid === undefined ? ` (${f.timezone})` : ''),
      t('Systems: {0}', list(f.systems)),
      t('Owners: {0}', list(f.owners)),
      ...(f.reason !== undefined ? [t('Reason: {0}', f.reason)] : []),
      ...(f.schedule ? [t('Recurring: \'{0}\' to \'{1}\'', f.schedule.start, f.schedule.end)] : []),
      ...(f.invalid !== undefined ? [t('Invalid: {0}', f.invalid)] : []),
      ...f.overrides.map((o) => `${o.partial ? t('Partly overridden on {0}', list(o.systems)) : t('Override')}: ${o.reason} (${o.approvedBy}${o.partial ? `; ${t('only {0}', list(o.paths))}` : ''}${o.expires !== undefined ? `; ${t('until {0}', formatInZone(o.expires, f.timezone))}` : ''})`),
      t('{0} — click to open', `${f.source.file}:${f.source.range.start.line + 1}`),
    ],
    table: tableCells(f.invalid !== undefined ? t('treated as in force (invalid)') : formatInZone(f.start, f.timezone), f.invalid !== undefined ? '' : formatInZone(f.end, f.timezone)),
  };
}

/** Start and end cells; the details (filled in by `withTableDetails`). */
function tableCells(start: string, end: string): TimelineItem['table'] {
  return { start, end, details: [] };
}

/** The table's details: the hover lines but the heading, the window (`skip`) and the link line. */
function withTableDetails(item: TimelineItem, skip: number | undefined): TimelineItem {
  const details = item.details.slice(1, -1).filter((_, index) => index + 1 !== skip);
  return { ...item, table: { ...item.table, details } };
}

/** `, overridden` when an override covers the whole scope; `, partly overridden` when only some paths. */
function overrideNote(f: TimelineFreeze): string {
  if (f.overrides.some((o) => !o.partial)) return `, ${t('overridden')}`;
  return f.overrides.length > 0 ? `, ${t('partly overridden')}` : '';
}

/**
 * An incident acting as a freeze, drawn as a freeze bar on its lanes (the Freezes view lists it as
 * one): from its start (the range start when unknown) while it is active; an invalid one, in force
 * until fixed, over the whole range (as the core timeline gives it).
 */
function incidentFreezeItem(prefix: string, i: TimelineIncident, zone: string): TimelineItem | undefined {
  if (i.freeze === undefined) return undefined;
  const invalid = i.invalid !== undefined;
  const { start, end } = i;
  const window = invalid ? t('treated as in force (invalid)') : `${start !== undefined ? formatInZone(start, zone) : t('start unknown')} – ${i.ongoing ? t('until resolved') : formatInZone(end, zone)}`;
  return {
    kind: 'freeze', key: `${prefix}freeze:incident:${i.occurrence}`, id: i.id, title: i.title,
    ...(start !== undefined ? { start } : {}), end, systems: i.systems, enforcement: i.freeze, invalid, overridden: [],
    ongoing: !invalid && i.ongoing, atRisk: false,
    label: t('Incident freeze {id} ({state}): {title}, {window}, on {systems}', { id: i.id, state: `${i.freeze}${invalid ? `, ${t('invalid: treated as in force')}` : ''}`, title: i.title, window, systems: list(i.systems) }),
    details: [
      i.freeze === 'block' ? t('Block freeze by incident {0} ({1}, {2}): {3}', i.id, i.severity, i.status, i.title) : t('Warn freeze by incident {0} ({1}, {2}): {3}', i.id, i.severity, i.status, i.title),
      window,
      t('Systems: {0}', list(i.systems)),
      ...(i.invalid !== undefined ? [t('Invalid: {0}', i.invalid)] : []),
      t('{0} — click to open', `${i.source.file}:${i.source.range.start.line + 1}`),
    ],
    table: invalid ? tableCells(t('treated as in force (invalid)'), '') : tableCells(start !== undefined ? formatInZone(start, zone) : t('start unknown'), i.ongoing ? t('until resolved') : formatInZone(end, zone)),
  };
}

function incidentItem(prefix: string, i: TimelineIncident, zone: string): TimelineItem {
  const start = i.start !== undefined ? formatInZone(i.start, zone) : t('start unknown');
  const window = `${start} – ${i.ongoing ? t('ongoing') : formatInZone(i.end, zone)}`;
  return {
    kind: 'incident', key: `${prefix}incident:${i.occurrence}`, id: i.id, title: i.title,
    ...(i.start !== undefined ? { start: i.start } : {}), end: i.end, systems: i.systems,
    ...(i.freeze !== undefined ? { enforcement: i.freeze } : {}), invalid: i.invalid !== undefined, overridden: [],
    severity: i.severity, ongoing: i.ongoing, atRisk: false,
    label: t('Incident {id} ({severity}, {status}): {title}, {window}, on {systems}', { id: i.id, severity: i.severity, status: i.status, title: i.title, window, systems: list(i.systems) }),
    details: [
      t('Incident {0} ({1}, {2}): {3}', i.id, i.severity, i.status, i.title),
      window,
      t('Systems: {0}', list(i.systems)),
      ...(i.commander !== undefined ? [t('Commander: {0}', i.commander)] : []),
      ...(i.freeze !== undefined ? [i.freeze === 'block' ? t('Acts as a block freeze while active') : t('Acts as a warn freeze while active')] : []),
      ...(i.invalid !== undefined ? [t('Invalid: {0}', i.invalid)] : []),
      ...(i.url !== undefined ? [t('Link: {0}', i.url)] : []),
      t('{0} — click to open', `${i.source.file}:${i.source.range.start.line + 1}`),
    ],
    table: tableCells(start, i.ongoing ? t('ongoing') : formatInZone(i.end, zone)),
  };
}

function milestoneItem(prefix: string, m: TimelineMilestone, zone: string): TimelineItem {
  const due = m.dateOnly ? m.date : formatInZone(m.due, zone);
  return {
    kind: 'milestone', key: `${prefix}milestone:${m.occurrence}`, id: m.id, title: m.title, start: m.due, end: m.due, systems: m.systems,
    invalid: false, overridden: [], ongoing: false, atRisk: m.atRisk,
    label: m.atRisk
      ? t('Milestone {id} (at risk): {title}, due {due}, {status}', { id: `${m.project}/${m.id}`, title: m.title, due, status: m.status })
      : t('Milestone {id}: {title}, due {due}, {status}', { id: `${m.project}/${m.id}`, title: m.title, due, status: m.status }),
    details: [
      t('Milestone {0}: {1}', `${m.project}/${m.id}`, m.title),
      `${t('Due {0}', due)} · ${m.status}${m.owner !== undefined ? ` · ${m.owner}` : ''}`,
      t('Systems: {0}', list(m.systems)),
      ...(m.atRisk ? [t('At risk:'), ...m.risks.map((r) => `• ${r.message}`)] : []),
      t('{0} — click to open', `${m.source.file}:${m.source.range.start.line + 1}`),
    ],
    table: tableCells(due, ''),
  };
}

/** The webview's data for the folders' timelines (all computed for the same range and instant). */
export function timelineViewData(folders: readonly FolderTimeline[], range: { from: number; to: number; now: number }): TimelineViewData {
  return {
    ...range,
    folders: folders.map((folder, index) => {
      const prefix = `${index}:`;
      const { timeline } = folder;
      const systems = timeline.systems.map((s) => ({ id: s.id, title: s.title, ...(s.tier !== undefined ? { tier: s.tier } : {}), projects: s.projects }));
      const items = [
        // The window is line 1 of the details of freezes and incidents (the table's start and end say it).
        ...timeline.freezes.map((f) => withTableDetails(freezeItem(prefix, f), 1)),
        ...timeline.incidents.flatMap((i) => incidentFreezeItem(prefix, i, timeline.timezone) ?? []).map((item) => withTableDetails(item, 1)),
        ...timeline.incidents.map((i) => withTableDetails(incidentItem(prefix, i, timeline.timezone), 1)),
        ...timeline.milestones.map((m) => withTableDetails(milestoneItem(prefix, m, timeline.timezone), undefined)),
      ];
      const changed = folder.changeSystems !== undefined ? new Set(folder.changeSystems) : undefined;
      return {
        key: folder.key, name: folder.name, invalid: folder.invalid,
        ...(timeline.truncated.length > 0
          ? { truncation: t('Not every freeze occurrence is drawn (at most {0} in the range): {1}. Zoom into a shorter range.', timeline.limits.total, timeline.truncated.join(', ')) }
          : {}),
        ...(folder.changeSystems !== undefined ? { changeSystems: folder.changeSystems } : {}),
        systems, items,
        lanes: timelineLanes(systems, items, range.from),
        ...(changed !== undefined ? { changeLanes: timelineLanes(systems.filter((s) => changed.has(s.id)), items, range.from) } : {}),
      };
    }),
  };
}

/** The source of an item key, to reveal it (looked up on the host: the webview only names the key). */
export function sourceOfKey(folders: readonly FolderTimeline[], key: string): { folder: string; source: SourceLocation } | undefined {
  const match = /^(\d+):(freeze|incident|milestone):(.*)$/s.exec(key);
  if (!match) return undefined;
  const folder = folders[Number(match[1])];
  if (!folder) return undefined;
  const occurrence = match[3];
  const { timeline } = folder;
  // An incident's freeze bar (`freeze:incident:<occurrence>`) opens the incident (ids never hold ':').
  const ofIncident = match[2] === 'freeze' && occurrence.startsWith('incident:') ? occurrence.slice('incident:'.length) : undefined;
  const entry = ofIncident !== undefined ? timeline.incidents.find((i) => i.occurrence === ofIncident)
    : match[2] === 'freeze' ? timeline.freezes.find((f) => f.occurrence === occurrence)
    : match[2] === 'incident' ? timeline.incidents.find((i) => i.occurrence === occurrence)
      : timeline.milestones.find((m) => m.occurrence === occurrence);
  return entry ? { folder: folder.key, source: entry.source } : undefined;
}
