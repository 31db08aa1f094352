import ical, { ICalEventTransparency } from 'ical-generator';
import { version } from '../../package.json';
import type { SourceLocation } from '../core/problem';
import type { Timeline, TimelineFreeze, TimelineIncident, TimelineMilestone } from '../core/evaluate/timeline';
import { formatInZone } from '../core/time/timeZone';

/**
 * The change calendar as RFC 5545 (written by ical-generator, which escapes TEXT values and folds
 * lines at 75 octets), as JSON and as text. Every instant is written in UTC (`…Z`): no floating
 * times and no VTIMEZONE to get wrong; the local times in the freeze's own zone are in the
 * description. Manifest text is hostile: control characters are replaced before the library escapes
 * backslashes, semicolons, commas and newlines.
 */

const DAY = 86_400_000;

/** Control characters are not allowed in iCalendar TEXT (RFC 5545 3.3.11) nor safe in a terminal. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g, '\uFFFD');
}

/** `20261218T160000Z`: compact UTC, for UIDs. */
function compactUtc(at: number): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** An id as a UID part: letters, digits, `-`, `_`, `.` kept; anything else percent-encoded. */
function uidPart(id: string): string {
  return encodeURIComponent(id).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** UIDs derive from the entry's id and the occurrence's start only: re-imports update, not duplicate. */
function freezeUid(freeze: TimelineFreeze): string {
  return `freeze-${uidPart(freeze.id)}-${freeze.invalid !== undefined ? 'invalid' : compactUtc(freeze.start)}@change-radar`;
}

function incidentUid(incident: TimelineIncident & { start: number }): string {
  return `incident-${uidPart(incident.id)}-${incident.invalid !== undefined ? 'invalid' : compactUtc(incident.start)}@change-radar`;
}

function milestoneUid(milestone: TimelineMilestone): string {
  return `milestone-${uidPart(milestone.project)}.${uidPart(milestone.id)}-${milestone.date.replace(/-/g, '')}@change-radar`;
}

const where = (source: SourceLocation): string => `${source.file}:${source.range.start.line + 1}`;
const list = (items: readonly string[]): string => (items.length > 0 ? items.join(', ') : 'none');

/** A link fit for a URL property: http(s) only, and with nothing the TEXT escaping would change. */
function safeUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.href.replace(/[,;\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return undefined;
  }
}

function freezeSummary(freeze: TimelineFreeze): string {
  const kind = freeze.enforcement === 'block' ? 'Freeze' : 'Freeze (warn)';
  return `${kind}: ${freeze.title}${freeze.invalid !== undefined ? ' — invalid, treated as in force' : ''}`;
}

function freezeDescription(freeze: TimelineFreeze): string[] {
  const lines = [
    `Freeze ${freeze.id} (${freeze.enforcement})`,
    `Systems: ${list(freeze.systems)}`,
    `Owners: ${list(freeze.owners)}`,
  ];
  if (freeze.invalid !== undefined) {
    lines.push(`Invalid: ${freeze.invalid}. Treated as in force until fixed.`);
  } else {
    lines.push(`Local time: ${formatInZone(freeze.start, freeze.timezone)} – ${formatInZone(freeze.end, freeze.timezone)} (${freeze.timezone})`);
  }
  if (freeze.reason !== undefined) lines.push(`Reason: ${freeze.reason}`);
  if (freeze.schedule) lines.push(`Schedule: from '${freeze.schedule.start}' to '${freeze.schedule.end}' (cron, ${freeze.timezone})`);
  if (freeze.exempt.length > 0) lines.push(`Exempt: ${list(freeze.exempt)}`);
  for (const override of freeze.overrides) {
    lines.push(`Override: ${override.reason} (approved by ${override.approvedBy}${override.expires !== undefined ? `, until ${new Date(override.expires).toISOString()}` : ''}${override.partial ? `, only ${list(override.paths)}` : ''})`);
  }
  lines.push(`Defined at ${where(freeze.source)}`);
  return lines;
}

function incidentSummary(incident: TimelineIncident): string {
  return `Incident ${incident.severity}: ${incident.title}${incident.ongoing ? ' (ongoing)' : ''}`;
}

function incidentDescription(incident: TimelineIncident): string[] {
  return [
    `Incident ${incident.id}: ${incident.severity}, ${incident.status}`,
    `Systems: ${list(incident.systems)}`,
    `Owners: ${list(incident.owners)}`,
    ...(incident.commander !== undefined ? [`Commander: ${incident.commander}`] : []),
    ...(incident.freeze !== undefined ? [`Acts as a ${incident.freeze} freeze while active`] : []),
    ...(incident.invalid !== undefined ? [`Invalid: ${incident.invalid}. Treated as in force until fixed.`] : []),
    ...(incident.ongoing ? ['Ongoing: the event ends at the time the feed was written'] : []),
    ...(incident.url !== undefined ? [`Link: ${incident.url}`] : []),
    `Defined at ${where(incident.source)}`,
  ];
}

function milestoneSummary(milestone: TimelineMilestone): string {
  return `Milestone: ${milestone.title}${milestone.atRisk ? ' (at risk)' : ''}`;
}

function milestoneDescription(milestone: TimelineMilestone, zone: string): string[] {
  return [
    `Milestone ${milestone.project}/${milestone.id} of ${milestone.projectTitle}: ${milestone.status}`,
    `Due: ${milestone.dueText ?? milestone.date} (${milestone.dateOnly ? `end of day, ${zone}` : formatInZone(milestone.due, zone)})`,
    `Systems: ${list(milestone.systems)}`,
    ...(milestone.owner !== undefined ? [`Owner: ${milestone.owner}`] : []),
    ...(milestone.risks.length > 0 ? ['At risk:', ...milestone.risks.map((risk) => `- ${risk.message}`)] : []),
    `Defined at ${where(milestone.source)}`,
  ];
}

/** `2027-03-14` as the UTC midnight ical-generator writes as `VALUE=DATE:20270314`. */
function dateValue(date: string, plusDays = 0): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) + plusDays * DAY);
}

/**
 * The sentence said when the occurrences were cut short (output and stderr), else undefined: the
 * calendar lists at most `limits.perFreeze` occurrences of one freeze and `limits.total` in all.
 */
export function truncationNote(timeline: Timeline): string | undefined {
  if (timeline.truncated.length === 0) return undefined;
  const { perFreeze, total } = timeline.limits;
  return `truncated: more freeze occurrences than listed (at most ${perFreeze} per freeze, ${total} in all) for ${timeline.truncated.join(', ')}; give a shorter --from/--to or --systems`;
}

/** RFC 5545 text of the timeline, stamped with `timeline.now`. */
export function formatCalendarIcs(timeline: Timeline): string {
  const note = truncationNote(timeline);
  const calendar = ical({
    prodId: { company: 'Change Radar', product: 'change-radar', language: 'EN' },
    name: 'Change Radar: freezes, incidents, milestones',
    description: clean(`Change freezes, incidents and milestones from ${new Date(timeline.from).toISOString()} to ${new Date(timeline.to).toISOString()} (change-radar ${version})${note !== undefined ? `. ${note}` : ''}`),
  });
  // The truncation stated where a feed reader or a script looks: X-CHANGE-RADAR-TRUNCATED on the calendar.
  if (note !== undefined) calendar.x('X-CHANGE-RADAR-TRUNCATED', clean(note).replace(/\n/g, ' '));
  const stamp = new Date(timeline.now);
  for (const freeze of timeline.freezes) {
    calendar.createEvent({
      id: freezeUid(freeze), stamp, start: new Date(freeze.start), end: new Date(freeze.end),
      summary: clean(freezeSummary(freeze)), description: clean(freezeDescription(freeze).join('\n')),
      categories: [{ name: 'Change freeze' }], transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  for (const incident of timeline.incidents) {
    if (incident.start === undefined) continue; // no instant to put it at
    const url = safeUrl(incident.url);
    calendar.createEvent({
      id: incidentUid({ ...incident, start: incident.start }), stamp, start: new Date(incident.start),
      ...(incident.end > incident.start ? { end: new Date(incident.end) } : {}),
      summary: clean(incidentSummary(incident)), description: clean(incidentDescription(incident).join('\n')),
      categories: [{ name: 'Incident' }], transparency: ICalEventTransparency.TRANSPARENT, ...(url !== undefined ? { url } : {}),
    });
  }
  for (const milestone of timeline.milestones) {
    calendar.createEvent({
      id: milestoneUid(milestone), stamp, allDay: true, start: dateValue(milestone.date), end: dateValue(milestone.date, 1),
      summary: clean(milestoneSummary(milestone)), description: clean(milestoneDescription(milestone, timeline.timezone).join('\n')),
      categories: [{ name: 'Milestone' }], transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString().replace(/\r?\n?$/, '\r\n');
}

const iso = (at: number | undefined): string | undefined => (at === undefined ? undefined : new Date(at).toISOString());

/** The timeline with ISO-8601 instants, for `--format json`. */
export function timelineJson(timeline: Timeline): unknown {
  return {
    from: iso(timeline.from), to: iso(timeline.to), at: iso(timeline.now), timezone: timeline.timezone,
    systems: timeline.systems,
    freezes: timeline.freezes.map((f) => ({
      ...f, uid: freezeUid(f), start: iso(f.start), end: iso(f.end),
      overrides: f.overrides.map((o) => ({ ...o, start: iso(o.start), end: iso(o.end), expires: iso(o.expires) })),
    })),
    incidents: timeline.incidents.map((i) => ({ ...i, ...(i.start !== undefined ? { uid: incidentUid({ ...i, start: i.start }) } : {}), start: iso(i.start), end: iso(i.end) })),
    milestones: timeline.milestones.map((m) => ({ ...m, uid: milestoneUid(m), due: iso(m.due) })),
    truncated: timeline.truncated,
    limits: timeline.limits,
    ...(truncationNote(timeline) !== undefined ? { truncation: truncationNote(timeline) } : {}),
  };
}

/** One line per entry, by start: for reading in a terminal. */
export function formatCalendarText(timeline: Timeline): string {
  const zone = timeline.timezone;
  const rows: { at: number; text: string }[] = [
    ...timeline.freezes.map((f) => ({
      at: f.start,
      text: `${formatInZone(f.start, f.timezone)} – ${formatInZone(f.end, f.timezone)}  freeze ${f.id} (${f.enforcement}${f.invalid !== undefined ? ', invalid: treated as in force' : ''}${f.overrides.length > 0 ? ', overridden' : ''}) on ${list(f.systems)}`,
    })),
    ...timeline.incidents.map((i) => ({
      at: i.start ?? timeline.from,
      text: `${i.start !== undefined ? formatInZone(i.start, zone) : '(start unknown)'} – ${i.ongoing ? 'ongoing' : formatInZone(i.end, zone)}  incident ${i.id} (${i.severity}, ${i.status}) on ${list(i.systems)}`,
    })),
    ...timeline.milestones.map((m) => ({
      at: m.due,
      text: `${m.date}${' '.repeat(36)}milestone ${m.project}/${m.id} (${m.status})${m.atRisk ? ` AT RISK: ${m.risks.map((r) => r.message).join('; ')}` : ''}`,
    })),
  ].sort((a, b) => a.at - b.at);
  const header = `Change calendar ${formatInZone(timeline.from, zone)} – ${formatInZone(timeline.to, zone)} (now ${formatInZone(timeline.now, zone)})\n`;
  const note = truncationNote(timeline);
  const truncated = note !== undefined ? `Note: ${note}\n` : '';
  return clean(header + (rows.length > 0 ? rows.map((row) => `${clean(row.text).replace(/\n/g, ' ')}\n`).join('') : 'Nothing in this range.\n') + truncated);
}
