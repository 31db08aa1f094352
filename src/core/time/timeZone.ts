/**
 * Wall-clock times in IANA time zones, with nothing but `Intl`. Pure: no clock is read here.
 *
 * Local times are resolved like Temporal's `disambiguation: 'compatible'`: a time that does not
 * exist (inside a spring-forward gap) moves forward by the length of the gap, and a time that
 * exists twice (inside a fall-back overlap) takes the earlier instant.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/*
 * One formatter per zone for the whole process: the CLI's entry bundle and its parser bundle each
 * carry a copy of this module, and making a formatter for a zone is the costly part (ICU's zone
 * data), so the copies share their map through a well-known symbol.
 */
const formattersKey = Symbol.for('change-radar.time.partsFormatters');
type WithFormatters = { [formattersKey]?: Map<string, Intl.DateTimeFormat> };
const formatters = ((globalThis as WithFormatters)[formattersKey] ??= new Map<string, Intl.DateTimeFormat>());

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True when `zone` is an IANA time zone name (or `UTC`) that this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) {
    return false;
  }
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClockAt(at: number, zone: string): WallClock {
  const values: Record<string, string> = {};
  for (const part of partsFormatter(zone).formatToParts(at)) {
    values[part.type] = part.value;
  }
  const yearOfEra = Number(values.year);
  // Intl counts years BC from 1 backwards; turn that into astronomical numbering.
  const year = values.era === 'BC' || values.era === 'B' ? 1 - yearOfEra : yearOfEra;
  return {
    year,
    month: Number(values.month),
    day: Number(values.day),
    hour: Number(values.hour),
    minute: Number(values.minute),
    second: Number(values.second),
  };
}

function wallClockAsUtc(clock: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(clock.year, clock.month - 1, clock.day);
  date.setUTCHours(clock.hour, clock.minute, clock.second, 0);
  return date.getTime();
}

/** The zone's offset from UTC at instant `at`, in minutes (east positive: Berlin in winter is 60). */
export function zoneOffsetMinutes(at: number, zone: string): number {
  const wholeSecond = Math.floor(at / 1000) * 1000;
  return Math.round((wallClockAsUtc(wallClockAt(wholeSecond, zone)) - wholeSecond) / MINUTE);
}

/**
 * The instant of a wall-clock time in `zone`. `wall` is the wall-clock time written as if it were
 * UTC (epoch ms). Zone transitions are far apart (months), so the offsets one day either side
 * are the only candidates.
 */
function wallTimeToInstant(wall: number, zone: string): number {
  // In a gap: keep the offset from before the transition, which lands after the gap.
  return cachedInstant(`${zone}\u0000${wall}`, () => {
    const { before, candidates } = wallCandidates(wall, zone);
    return candidates.length > 0 ? Math.min(...candidates) : wall - before * MINUTE;
  });
}

/**
 * The instant of a wall-clock time in `zone` for a window's edge (recurring freezes): a time that
 * happens twice (fall-back) is its `repeated` pass, the earlier or the later; a time that does not
 * exist (inside a spring-forward gap) is the first instant after the gap (`02:30` on the New York
 * spring-forward day is 03:00 EDT), so that the mapping never goes backwards.
 */
export function wallTimeToEdgeInstant(wall: number, zone: string, repeated: 'earlier' | 'later'): number {
  return cachedInstant(`${zone}\u0000${wall}\u0000${repeated}`, () => {
    const { before, after, candidates } = wallCandidates(wall, zone);
    if (candidates.length > 0) {
      return repeated === 'earlier' ? Math.min(...candidates) : Math.max(...candidates);
    }
    // In a gap: the transition lies after `wall - after` (still the old offset) and no later than
    // `wall - before` (already the new one). Offsets change on whole seconds: bisect on seconds.
    let low = Math.floor((wall - after * MINUTE) / 1000);
    let high = Math.ceil((wall - before * MINUTE) / 1000);
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (zoneOffsetMinutes(middle * 1000, zone) === before) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return high * 1000;
  });
}

/**
 * The offsets one day either side of `wall` (zone transitions are months apart, so they are the
 * only candidates) and the instants that show `wall` in `zone`: none in a gap, two in a repeated hour.
 */
function wallCandidates(wall: number, zone: string): { before: number; after: number; candidates: number[] } {
  const before = zoneOffsetMinutes(wall - DAY, zone);
  const after = zoneOffsetMinutes(wall + DAY, zone);
  const candidates = [before, after]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => wall - zoneOffsetMinutes(instant, zone) * MINUTE === instant);
  return { before, after, candidates };
}

// Manifests repeat the same few times thousands of times; each miss costs four Intl calls.
const instants = new Map<string, number>();
const maxCachedInstants = 50_000;

function cachedInstant(key: string, compute: () => number): number {
  let instant = instants.get(key);
  if (instant === undefined) {
    if (instants.size >= maxCachedInstants) {
      instants.clear();
    }
    instant = compute();
    instants.set(key, instant);
  }
  return instant;
}

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

interface ParsedText {
  /** The written date-time as if it were UTC. */
  readonly wall: number;
  /** Offset in minutes when the text carries one (`Z` is 0). */
  readonly offset?: number;
  readonly dateOnly: boolean;
}

function parseText(text: string): ParsedText | undefined {
  const match = isoPattern.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s, ms, zoneText] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millis = ms === undefined ? 0 : Number(ms.padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const wall = wallClockAsUtc({ year, month, day, hour, minute, second }) + millis;
  if (zoneText === undefined) {
    return { wall, dateOnly: h === undefined };
  }
  const offset = parseOffset(zoneText);
  return offset === undefined ? undefined : { wall, offset, dateOnly: false };
}

function parseOffset(text: string): number | undefined {
  if (text.toUpperCase() === 'Z') {
    return 0;
  }
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) {
    return undefined;
  }
  const sign = text.startsWith('-') ? -1 : 1;
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses a time written in the manifest. Accepted:
 * - ISO-8601 with an offset or `Z` (`2026-12-20T18:00:00+01:00`): an absolute instant;
 * - `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss]`, `YYYY-MM-DD HH:mm[:ss]`: wall-clock time in `zone`
 *   (a date alone is 00:00 local).
 * Returns epoch ms, or undefined when the text is not such a time or the zone is unknown.
 */
export function parseInstant(text: string, zone: string): number | undefined {
  const parsed = typeof text === 'string' ? parseText(text) : undefined;
  if (!parsed) {
    return undefined;
  }
  if (parsed.offset !== undefined) {
    return parsed.wall - parsed.offset * MINUTE;
  }
  if (!isValidTimeZone(zone)) {
    return undefined;
  }
  return wallTimeToInstant(parsed.wall, zone);
}

/**
 * True when `text` is a time `parseInstant` accepts and it has no offset: a wall-clock time, whose
 * instant depends on the zone it is read in. `2026-12-07 05:00` needs a zone; `2026-12-07T05:00-05:00`
 * does not.
 */
export function timeNeedsZone(text: string): boolean {
  const parsed = typeof text === 'string' ? parseText(text) : undefined;
  return parsed !== undefined && parsed.offset === undefined;
}

/**
 * Parses a milestone due time. A date alone means the end of that day in `zone`
 * (the last millisecond before the next local day starts); anything else is as `parseInstant`.
 */
export function parseDue(text: string, zone: string): { at: number; dateOnly: boolean } | undefined {
  const parsed = typeof text === 'string' ? parseText(text) : undefined;
  if (!parsed) {
    return undefined;
  }
  if (!parsed.dateOnly) {
    const at = parseInstant(text, zone);
    return at === undefined ? undefined : { at, dateOnly: false };
  }
  if (!isValidTimeZone(zone)) {
    return undefined;
  }
  return { at: wallTimeToInstant(parsed.wall + DAY, zone) - 1, dateOnly: true };
}

const nameFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneName(at: number, zone: string): string {
  let formatter = nameFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    nameFormatters.set(zone, formatter);
  }
  return formatter.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `2026-12-20 00:00 EST`: the instant as wall-clock time in `zone`, for messages. */
export function formatInZone(at: number, zone: string): string {
  const text = formatInKnownZone(at, zone) ?? formatInKnownZone(at, 'UTC');
  if (text === undefined) {
    throw new RangeError(`not an instant: ${at}`);
  }
  return text;
}

/**
 * Texts made by `formatInKnownZone`, by zone and instant. The first question to `Intl` about a
 * zone costs tens of milliseconds (ICU loads its zone data), so the texts of a run can be kept
 * (`zoneTextRecords`) and seeded into the next (`seedZoneTexts`) — for the same zone data.
 */
const zoneTexts = new Map<string, string>();
const maxZoneTexts = 10_000;
let zoneTextsChanged = false;

/** `formatInZone`, or undefined when this runtime does not know `zone`. */
export function formatInKnownZone(at: number, zone: string): string | undefined {
  const key = `${zone}\u0000${at}`;
  const known = zoneTexts.get(key);
  if (known !== undefined) {
    return known;
  }
  if (!Number.isFinite(at) || !isValidTimeZone(zone)) {
    return undefined;
  }
  const clock = wallClockAt(at, zone);
  const year = clock.year < 0 ? `-${pad(-clock.year, 4)}` : pad(clock.year, 4);
  const text = `${year}-${pad(clock.month)}-${pad(clock.day)} ${pad(clock.hour)}:${pad(clock.minute)} ${zoneName(at, zone)}`;
  // A long-lived editor formats ever new instants (a view's "now"): the memo starts over rather than grow.
  if (zoneTexts.size >= maxZoneTexts) zoneTexts.clear();
  zoneTexts.set(key, text);
  zoneTextsChanged = true;
  return text;
}

/** The texts `formatInKnownZone` made or was seeded with, as `[zone, instant, text]`; `changed`: whether any was made here. */
export function zoneTextRecords(): { readonly changed: boolean; readonly records: ReadonlyArray<readonly [string, number, string]> } {
  const records: Array<readonly [string, number, string]> = [];
  for (const [key, text] of zoneTexts) {
    const split = key.indexOf('\u0000');
    records.push([key.slice(0, split), Number(key.slice(split + 1)), text]);
  }
  return { changed: zoneTextsChanged, records };
}

/** Seeds `formatInKnownZone` with texts of an earlier run; an entry that does not look like one is skipped. */
export function seedZoneTexts(records: unknown): void {
  if (!Array.isArray(records)) return;
  for (const record of records as unknown[]) {
    if (!Array.isArray(record) || record.length !== 3) continue;
    const [zone, at, text] = record as unknown[];
    if (typeof zone === 'string' && zone.length > 0 && zone.length <= 64 && typeof at === 'number' && Number.isFinite(at)
      && typeof text === 'string' && /^-?\d{4}-\d\d-\d\d \d\d:\d\d [A-Za-z0-9+:-]{1,16}$/.test(text)) {
      zoneTexts.set(`${zone}\u0000${at}`, text);
    }
  }
}

/** `2026-12-20`: the calendar date of the instant in `zone` (UTC when the zone is unknown). */
export function dateInZone(at: number, zone: string): string {
  const clock = wallClockAt(at, isValidTimeZone(zone) ? zone : 'UTC');
  const year = clock.year < 0 ? `-${pad(-clock.year, 4)}` : pad(clock.year, 4);
  return `${year}-${pad(clock.month)}-${pad(clock.day)}`;
}
