import { Cron } from 'croner';
import type { Freeze } from '../model';
import { wallTimeToEdgeInstant, zoneOffsetMinutes } from './timeZone';

/** A freeze window in epoch milliseconds: `start` inclusive, `end` exclusive. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

interface CompiledSchedule {
  /** Both crons run on the wall clock of `zone`, written as if it were UTC (see `windowFrom`). */
  readonly start: Cron;
  readonly end: Cron;
  readonly zone: string;
}

// Compiling a cron pattern is not free; freezes are immutable, so each one is compiled once.
// `null` remembers a schedule that cannot be compiled (bad pattern or zone) so it is not retried.
const compiled = new WeakMap<Freeze, CompiledSchedule | null>();

function scheduleOf(freeze: Freeze): CompiledSchedule | undefined {
  if (!freeze.schedule) {
    return undefined;
  }
  let entry = compiled.get(freeze);
  if (entry === undefined) {
    entry = compileSchedule(freeze);
    compiled.set(freeze, entry);
  }
  return entry ?? undefined;
}

function compileSchedule(freeze: Freeze): CompiledSchedule | null {
  const { schedule, timezone } = freeze;
  if (!schedule) {
    return null;
  }
  try {
    // A bad zone would only show when a run is first computed; check it up front.
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    // paused + no callback: croner is used as a calculator only, it never arms a timer. It walks
    // the zone's wall clock as if it were UTC, where no hour is skipped or repeated: daylight
    // saving is applied once, when a firing becomes an instant (`startOf`, `windowFrom`).
    // (`utcOffset: 0` rather than `timezone: 'UTC'`: the same clock, without a trip through Intl.)
    const options = { utcOffset: 0, mode: '5-part' as const, paused: true };
    return { start: new Cron(schedule.start, options), end: new Cron(schedule.end, options), zone: timezone };
  } catch {
    // The parser reports invalid patterns and zones; the clock just sees no window.
    return null;
  }
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Enough for the firings of an every-minute cron inside any repeated hour. */
const maxSkippedFirings = 1_000;

/** A start firing: its wall-clock time (as if UTC) and the instant the window opens. */
interface Firing {
  readonly wall: number;
  readonly at: number;
}

/** A start time repeated by a fall-back change opens at its first pass; a skipped one right after the gap. */
function startOf(schedule: CompiledSchedule, wall: number): Firing {
  return { wall, at: wallTimeToEdgeInstant(wall, schedule.zone, 'earlier') };
}

/**
 * The latest start firing whose instant is at or before `at`. Wall readings up to `at` stay below
 * `at` plus the larger of the offsets of the last day; from there, firings are walked back (more
 * than one only inside a repeated hour). Instants grow with wall times, so the first found is it.
 */
function latestStartAtOrBefore(schedule: CompiledSchedule, at: number): Firing | undefined {
  let bound = at + Math.max(zoneOffsetMinutes(at, schedule.zone), zoneOffsetMinutes(at - DAY, schedule.zone)) * MINUTE + 1;
  for (let i = 0; i < maxSkippedFirings; i++) {
    // croner's `previousRuns` is strictly before its reference.
    const [run] = schedule.start.previousRuns(1, new Date(bound));
    if (!run) {
      return undefined;
    }
    const firing = startOf(schedule, run.getTime());
    if (firing.at <= at) {
      return firing;
    }
    bound = firing.wall;
  }
  return undefined;
}

/** The first start firing whose instant is strictly after `after`. */
function firstStartAfter(schedule: CompiledSchedule, after: number): Firing | undefined {
  let from = after + Math.min(zoneOffsetMinutes(after, schedule.zone), zoneOffsetMinutes(after + DAY, schedule.zone)) * MINUTE - 1;
  for (let i = 0; i < maxSkippedFirings; i++) {
    const run = schedule.start.nextRun(new Date(from));
    if (!run) {
      return undefined;
    }
    const firing = startOf(schedule, run.getTime());
    if (firing.at > after) {
      return firing;
    }
    from = firing.wall;
  }
  return undefined;
}

/**
 * The window a start firing opens, if its end cron ever fires. The end is the end cron's first
 * firing after the start **on the wall clock**, so a daylight-saving change never moves it to
 * another day. Its instant: a repeated time is its later pass (the window covers every instant at
 * which the clock reads inside it), a skipped one the first instant after the gap. When that leaves
 * no time at all — the whole window lies in the hour a spring-forward change skips, as New York's
 * 02:30–02:45 on 8 March 2026 — the window keeps its written length from its start: 03:00–03:15 EDT.
 */
function windowFrom(schedule: CompiledSchedule, start: Firing): Window | undefined {
  const run = schedule.end.nextRun(new Date(start.wall));
  if (!run) {
    return undefined;
  }
  const wall = run.getTime();
  const end = wallTimeToEdgeInstant(wall, schedule.zone, 'later');
  return { start: start.at, end: end > start.at ? end : start.at + (wall - start.wall) };
}

/**
 * A stretch of time `[from, until)` in which a recurring freeze's answers do not change: inside one
 * window, or between two. Croner walks calendars in the zone, about a millisecond per query, so
 * the last segment of each freeze is kept and reused while `at` stays inside it.
 */
interface Segment {
  readonly from: number;
  readonly until: number;
  readonly current?: Window;
  /** The next window (`null`: none), computed on first use. */
  next?: Window | null;
}

const segments = new WeakMap<Freeze, Segment>();

/**
 * Segments by schedule (`signatureOf`), shared by every freeze with that schedule and zone and
 * seeded from a store that outlives the process (`seedFreezeClock`): a warm hook run then finds
 * the windows of recurring freezes without compiling a cron or walking a calendar. A segment is a
 * pure function of the schedule, the zone and the time-zone data, so the store is keyed by those.
 */
const bySignature = new Map<string, Segment>();
let changed = false;

function signatureOf(freeze: Freeze): string | undefined {
  return freeze.schedule ? JSON.stringify([freeze.schedule.start, freeze.schedule.end, freeze.timezone]) : undefined;
}

function holds(segment: Segment | undefined, at: number): segment is Segment {
  return segment !== undefined && segment.from <= at && at < segment.until;
}

/** The segment of a recurring freeze at `at`; undefined when the freeze has no schedule that compiles. */
function segmentAt(freeze: Freeze, at: number): Segment | undefined {
  const cached = segments.get(freeze);
  if (holds(cached, at)) {
    return cached;
  }
  const signature = signatureOf(freeze);
  if (signature === undefined) {
    return undefined;
  }
  const known = bySignature.get(signature);
  if (holds(known, at)) {
    segments.set(freeze, known);
    return known;
  }
  const schedule = scheduleOf(freeze);
  if (!schedule) {
    return undefined;
  }
  const segment = computeSegment(schedule, at);
  segments.set(freeze, segment);
  bySignature.set(signature, segment);
  changed = true;
  return segment;
}

function computeSegment(schedule: CompiledSchedule, at: number): Segment {
  const start = latestStartAtOrBefore(schedule, at);
  const window = start === undefined ? undefined : windowFrom(schedule, start);
  if (window && at < window.end) {
    // Another start firing inside the window would re-open it from there: the segment stops at it.
    const restart = firstStartAfter(schedule, window.start)?.at ?? Infinity;
    return { from: window.start, until: Math.min(window.end, restart), current: window };
  }
  const nextStart = firstStartAfter(schedule, at);
  const from = window?.end ?? start?.at ?? -Infinity;
  return { from, until: nextStart?.at ?? Infinity, next: nextStart === undefined ? null : windowFrom(schedule, nextStart) ?? null };
}

function nextOf(freeze: Freeze, segment: Segment): Window | undefined {
  if (segment.next === undefined) {
    // Only active segments get here. A start firing exactly at the current end opens the next window.
    const schedule = scheduleOf(freeze);
    const end = segment.current?.end;
    const start = end === undefined || schedule === undefined ? undefined : firstStartAfter(schedule, end - 1);
    segment.next = start === undefined || schedule === undefined ? null : windowFrom(schedule, start) ?? null;
    changed = true;
  }
  return segment.next ?? undefined;
}

/** A segment as plain JSON (infinite edges as null, windows as `[start, end]`), for `seedFreezeClock`. */
export interface SegmentRecord {
  readonly from: number | null;
  readonly until: number | null;
  readonly current?: readonly [number, number];
  readonly next?: readonly [number, number] | null;
}

/** The segments known to this process, by schedule signature; `changed`: whether any was computed here. */
export function freezeClockRecords(): { readonly changed: boolean; readonly records: ReadonlyMap<string, SegmentRecord> } {
  const records = new Map<string, SegmentRecord>();
  for (const [signature, segment] of bySignature) {
    records.set(signature, {
      from: Number.isFinite(segment.from) ? segment.from : null,
      until: Number.isFinite(segment.until) ? segment.until : null,
      ...(segment.current ? { current: [segment.current.start, segment.current.end] as const } : {}),
      ...(segment.next !== undefined ? { next: segment.next === null ? null : [segment.next.start, segment.next.end] as const } : {}),
    });
  }
  return { changed, records };
}

/**
 * Seeds the clock with segments computed earlier (by `freezeClockRecords`, for the same time-zone
 * data and build). A record that is not well formed is skipped — the clock then computes that
 * segment again — so a damaged store costs time, never an answer.
 */
export function seedFreezeClock(records: Iterable<readonly [string, unknown]>): void {
  for (const [signature, record] of records) {
    const segment = segmentOf(record);
    if (segment !== undefined) {
      bySignature.set(signature, segment);
    }
  }
}

function windowOf(value: unknown): Window | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [start, end] = value as unknown[];
  return typeof start === 'number' && typeof end === 'number' && Number.isFinite(start) && Number.isFinite(end) && start < end ? { start, end } : undefined;
}

function edgeOf(value: unknown, infinite: number): number | undefined {
  if (value === null) return infinite;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function segmentOf(value: unknown): Segment | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const from = edgeOf(record.from, -Infinity);
  const until = edgeOf(record.until, Infinity);
  if (from === undefined || until === undefined || !(from < until)) return undefined;
  if (record.current !== undefined) {
    const current = windowOf(record.current);
    // An active segment starts with its window and stops at its end or at a restart inside it.
    if (current === undefined || current.start !== from || until > current.end) return undefined;
    if (record.next === undefined) return { from, until, current };
    if (record.next === null) return { from, until, current, next: null };
    const next = windowOf(record.next);
    return next !== undefined && next.start >= current.end ? { from, until, current, next } : undefined;
  }
  // An idle segment always knows its next window, which opens where the segment stops.
  if (record.next === null) return until === Infinity ? { from, until, next: null } : undefined;
  const next = windowOf(record.next);
  return next !== undefined && next.start === until ? { from, until, next } : undefined;
}

/**
 * The window of `freeze` that contains `at`, if the freeze is active then.
 *
 * Absolute freezes: `start <= at < end`. Recurring freezes (GitLab deploy-freeze semantics): the
 * window opened by the latest firing of the start cron at or before `at` lasts until the first
 * firing of the end cron after that start. Crons are evaluated in the freeze's time zone, so
 * `0 17 * * 5` is 17:00 local on both sides of a daylight-saving change; an edge the change skips
 * or repeats is placed as `startOf` and `windowFrom` say. A schedule whose end cron never fires
 * again yields no window.
 */
export function freezeWindowAt(freeze: Freeze, at: number): Window | undefined {
  if (freeze.schedule) {
    const segment = segmentAt(freeze, at);
    if (segment) {
      return segment.current;
    }
  }
  if (freeze.start === undefined || freeze.end === undefined) {
    return undefined;
  }
  return freeze.start <= at && at < freeze.end ? { start: freeze.start, end: freeze.end } : undefined;
}

/**
 * The next window of `freeze` that starts after `at` and no later than `at + horizonMs`.
 *
 * When a recurring freeze is active at `at`, start firings inside the current window do not open
 * a new one: the search starts at the current window's end.
 */
export function nextFreezeWindow(freeze: Freeze, at: number, horizonMs: number): Window | undefined {
  const limit = at + horizonMs;
  const segment = freeze.schedule ? segmentAt(freeze, at) : undefined;
  if (segment) {
    const next = nextOf(freeze, segment);
    return next && next.start <= limit ? next : undefined;
  }
  if (freeze.start === undefined || freeze.end === undefined) {
    return undefined;
  }
  return freeze.start > at && freeze.start <= limit ? { start: freeze.start, end: freeze.end } : undefined;
}
