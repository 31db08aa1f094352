import { Cron } from 'croner';
import type { Freeze } from '../model';

/** A freeze window in epoch milliseconds: `start` inclusive, `end` exclusive. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

interface CompiledSchedule {
  readonly start: Cron;
  readonly end: Cron;
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
    // croner only notices a bad zone when it first computes a run; check it up front.
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    // paused + no callback: croner is used as a calculator only, it never arms a timer.
    const options = { timezone, mode: '5-part' as const, paused: true };
    return { start: new Cron(schedule.start, options), end: new Cron(schedule.end, options) };
  } catch {
    // The parser reports invalid patterns and zones; the clock just sees no window.
    return null;
  }
}

/** The latest firing at or before `at` (croner's `previousRuns` is strictly before its reference). */
function latestFiringAtOrBefore(cron: Cron, at: number): number | undefined {
  const [run] = cron.previousRuns(1, new Date(at + 1));
  return run?.getTime();
}

/** The first firing strictly after `after`. */
function firstFiringAfter(cron: Cron, after: number): number | undefined {
  return cron.nextRun(new Date(after))?.getTime();
}

/** The recurring window that a start firing at `start` opens, if its end cron ever fires. */
function windowFrom(schedule: CompiledSchedule, start: number): Window | undefined {
  const end = firstFiringAfter(schedule.end, start);
  return end === undefined ? undefined : { start, end };
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

function segmentAt(freeze: Freeze, schedule: CompiledSchedule, at: number): Segment {
  const cached = segments.get(freeze);
  if (cached && cached.from <= at && at < cached.until) {
    return cached;
  }
  const segment = computeSegment(schedule, at);
  segments.set(freeze, segment);
  return segment;
}

function computeSegment(schedule: CompiledSchedule, at: number): Segment {
  const start = latestFiringAtOrBefore(schedule.start, at);
  const window = start === undefined ? undefined : windowFrom(schedule, start);
  if (window && at < window.end) {
    // Another start firing inside the window would re-open it from there: the segment stops at it.
    const restart = firstFiringAfter(schedule.start, window.start) ?? Infinity;
    return { from: window.start, until: Math.min(window.end, restart), current: window };
  }
  const nextStart = firstFiringAfter(schedule.start, at);
  const from = window?.end ?? start ?? -Infinity;
  return { from, until: nextStart ?? Infinity, next: nextStart === undefined ? null : windowFrom(schedule, nextStart) ?? null };
}

function nextOf(schedule: CompiledSchedule, segment: Segment): Window | undefined {
  if (segment.next === undefined) {
    // Only active segments get here. A start firing exactly at the current end opens the next window.
    const end = segment.current?.end;
    const start = end === undefined ? undefined : firstFiringAfter(schedule.start, end - 1);
    segment.next = start === undefined ? null : windowFrom(schedule, start) ?? null;
  }
  return segment.next ?? undefined;
}

/**
 * The window of `freeze` that contains `at`, if the freeze is active then.
 *
 * Absolute freezes: `start <= at < end`. Recurring freezes (GitLab deploy-freeze semantics): the
 * window opened by the latest firing of the start cron at or before `at` lasts until the first
 * firing of the end cron after that start. Crons are evaluated in the freeze's time zone, so
 * `0 17 * * 5` is 17:00 local on both sides of a daylight-saving change. A schedule whose end cron
 * never fires again yields no window.
 */
export function freezeWindowAt(freeze: Freeze, at: number): Window | undefined {
  const schedule = scheduleOf(freeze);
  if (schedule) {
    return segmentAt(freeze, schedule, at).current;
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
  const schedule = scheduleOf(freeze);
  if (schedule) {
    const next = nextOf(schedule, segmentAt(freeze, schedule, at));
    return next && next.start <= limit ? next : undefined;
  }
  if (freeze.start === undefined || freeze.end === undefined) {
    return undefined;
  }
  return freeze.start > at && freeze.start <= limit ? { start: freeze.start, end: freeze.end } : undefined;
}
