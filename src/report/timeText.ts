/** Relative and absolute time texts for the views. Pure: the current instant is passed in. */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * Unit a relative text is counted in at distance `abs` (ms): minutes under two days (`1 h 59 min`,
 * so a two-hour freeze made a minute ago does not read "1 h"), then days.
 */
function unitFor(abs: number): number {
  return abs < 2 * day ? minute : day;
}

/**
 * A distance rounded down to its unit: under a minute; hours and minutes under two days
 * (`1 h 59 min`, so a two-hour freeze made a minute ago does not read "1 h"); then days.
 */
export type Distance =
  | { readonly unit: 'none' }
  | { readonly unit: 'minutes'; readonly hours: number; readonly minutes: number }
  | { readonly unit: 'days'; readonly days: number };

/**
 * The words of relative times, as functions of a `Distance`. Report stays pure and English:
 * `englishTimePhrases` is the default and what the CLI prints; the extension passes phrases that
 * read its display language (src/vscode/views/viewModel/timePhrases.ts). Each form is whole (`in 3 days`,
 * `3 days ago`), so a translation can inflect the unit after its preposition.
 */
export interface TimePhrases {
  /** `45 min`, `1 h 59 min`, `2 h`, `1 day`, `3 days`, `less than a minute`. */
  distance(d: Distance): string;
  /** `in 3 days`, `in 2 h`, `in less than a minute`. */
  future(d: Distance): string;
  /** `3 days ago`, `20 min ago` (never under a minute: that is `now`). */
  past(d: Exclude<Distance, { unit: 'none' }>): string;
  now(): string;
}

function englishDistance(d: Distance): string {
  if (d.unit === 'none') return 'less than a minute';
  if (d.unit === 'days') return d.days === 1 ? '1 day' : `${d.days} days`;
  return d.hours === 0 ? `${d.minutes} min` : d.minutes === 0 ? `${d.hours} h` : `${d.hours} h ${d.minutes} min`;
}

/** What the CLI and the tests read. */
const englishTimePhrases: TimePhrases = {
  distance: englishDistance,
  future: (d) => `in ${englishDistance(d)}`,
  past: (d) => `${englishDistance(d)} ago`,
  now: () => 'now',
};

/** The distance `abs` (ms), rounded down to its unit. */
function distanceOf(abs: number): Distance {
  if (abs < minute) {
    return { unit: 'none' };
  }
  const unit = unitFor(abs);
  const n = Math.floor(abs / unit);
  return unit === minute ? { unit: 'minutes', hours: Math.floor(n / 60), minutes: n % 60 } : { unit: 'days', days: n };
}

/** "in 3 days", "2 h ago", "now". */
export function formatRelative(t: number, at: number, phrases: TimePhrases = englishTimePhrases): string {
  const delta = t - at;
  const d = distanceOf(Math.abs(delta));
  if (d.unit === 'none') {
    return phrases.now();
  }
  return delta > 0 ? phrases.future(d) : phrases.past(d);
}

/** Just the distance ("3 days", "2 h", "less than a minute"), for "… left" style texts written by the caller. The views, the status-bar countdown and the CLI use it. */
export function formatDistance(t: number, at: number, phrases: TimePhrases = englishTimePhrases): string {
  return phrases.distance(distanceOf(Math.abs(t - at)));
}

/** The distance after "in" ("in 3 days", "in less than a minute"), for "ends in …" style texts: a translation inflects it as a whole. */
export function formatIn(t: number, at: number, phrases: TimePhrases = englishTimePhrases): string {
  return phrases.future(distanceOf(Math.abs(t - at)));
}

/**
 * The first instant after `at` when `formatRelative(t, at)` reads differently, so the views can
 * re-render exactly then instead of polling.
 */
export function nextRelativeChange(t: number, at: number): number {
  const abs = Math.abs(t - at);
  const unit = unitFor(abs);
  const rest = abs % unit;
  if (t > at) {
    // Counting down: the text changes as soon as the distance drops below the current multiple.
    return at + rest + 1;
  }
  return at + (unit - rest);
}

/** The CLI's locale; the extension passes its display language. */
export const defaultLocale = 'en-US';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per (locale, zone); an unknown zone or locale throws (the caller falls back to ISO). */
function formatterFor(timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "Sat, Dec 20, 2026, 09:00 GMT+1" in the given IANA zone (en-US; "Sa., 20. Dez. 2026, 09:00 MEZ" in de). */
function formatAbsolute(t: number, timeZone: string, locale: string): string {
  try {
    return formatterFor(timeZone, locale).format(new Date(t));
  } catch {
    return new Date(t).toISOString();
  }
}

/** The instant in the user's zone, plus the same instant in another zone when that differs. */
export function formatInZones(t: number, localZone: string, otherZone?: string, locale: string = defaultLocale): string {
  const local = formatAbsolute(t, localZone, locale);
  if (!otherZone || otherZone === localZone) {
    return local;
  }
  return `${local} (${formatAbsolute(t, otherZone, locale)}, ${otherZone})`;
}

export function parseIso(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}
