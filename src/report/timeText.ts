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
 * The one text of a distance, rounded down to its unit: `45 min`, `1 h 59 min`, `2 h`,
 * `47 h 5 min`, `3 days`; '' under a minute. The views, the status-bar countdown and the CLI use it.
 */
function amount(abs: number): string {
  if (abs < minute) {
    return '';
  }
  const unit = unitFor(abs);
  const n = Math.floor(abs / unit);
  if (unit === minute) {
    const hours = Math.floor(n / 60);
    const rest = n % 60;
    return hours === 0 ? `${rest} min` : rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  return n === 1 ? '1 day' : `${n} days`;
}

/** "in 3 days", "2 h ago", "now". */
export function formatRelative(t: number, at: number): string {
  const delta = t - at;
  const text = amount(Math.abs(delta));
  if (text === '') {
    return 'now';
  }
  return delta > 0 ? `in ${text}` : `${text} ago`;
}

/** Just the distance ("3 days", "2 h"), for "ends in …" style texts written by the caller. */
export function formatDistance(t: number, at: number): string {
  return amount(Math.abs(t - at)) || 'less than a minute';
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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
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
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "Sat, Dec 20, 2026, 09:00 GMT+1" in the given IANA zone. */
function formatAbsolute(t: number, timeZone: string): string {
  try {
    return formatterFor(timeZone).format(new Date(t));
  } catch {
    return new Date(t).toISOString();
  }
}

/** The instant in the user's zone, plus the same instant in another zone when that differs. */
export function formatInZones(t: number, localZone: string, otherZone?: string): string {
  const local = formatAbsolute(t, localZone);
  if (!otherZone || otherZone === localZone) {
    return local;
  }
  return `${local} (${formatAbsolute(t, otherZone)}, ${otherZone})`;
}

export function parseIso(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}
