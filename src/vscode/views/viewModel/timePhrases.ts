import { formatDistance, formatIn, formatInZones, formatRelative } from '../../../report/timeText';
import type { Distance, TimePhrases } from '../../../report/timeText';
import { displayLocale, t, tn } from '../../base/l10n';

/**
 * Relative times and dates in the display language (report/timeText.ts has the English ones the
 * CLI prints). Singular and plural, and each form after its preposition (`in 3 days`, `3 days
 * ago`), are whole messages, so a translation can inflect them (`in 3 Tagen`, `vor 3 Tagen`).
 * Hours and minutes are abbreviations that do not inflect: `in {0}` and `{0} ago` wrap them.
 * The views call the `local…` functions below, never report/timeText's formatters directly.
 */

function hoursMinutes(d: Extract<Distance, { unit: 'minutes' }>): string {
  if (d.hours === 0) return t('{0} min', d.minutes);
  return d.minutes === 0 ? t('{0} h', d.hours) : t('{0} h {1} min', d.hours, d.minutes);
}

const localTimePhrases: TimePhrases = {
  distance: (d) => {
    if (d.unit === 'none') return t('less than a minute');
    if (d.unit === 'days') return tn(d.days, { one: '{0} day', other: '{0} days' }, d.days);
    return hoursMinutes(d);
  },
  future: (d) => {
    if (d.unit === 'none') return t('in less than a minute');
    if (d.unit === 'days') return tn(d.days, { one: 'in {0} day', other: 'in {0} days' }, d.days);
    return t('in {0}', hoursMinutes(d));
  },
  past: (d) => {
    if (d.unit === 'days') return tn(d.days, { one: '{0} day ago', other: '{0} days ago' }, d.days);
    return t('{0} ago', hoursMinutes(d));
  },
  now: () => t('now'),
};

/** `in 3 days`, `2 h ago`, `now`, in the display language. */
export function localRelative(instant: number, at: number): string {
  return formatRelative(instant, at, localTimePhrases);
}

/** `3 days`, `1 h 59 min`, `less than a minute`: a distance for `{0} left`-style messages. */
export function localDistance(instant: number, at: number): string {
  return formatDistance(instant, at, localTimePhrases);
}

/** `in 3 days`, `in less than a minute`: for `ends {0}`-style messages (the preposition belongs to the distance). */
export function localIn(instant: number, at: number): string {
  return formatIn(instant, at, localTimePhrases);
}

/** The instant in the user's zone (and another zone when it differs), in the display language's date format. */
export function localInZones(instant: number, localZone: string, otherZone?: string): string {
  return formatInZones(instant, localZone, otherZone, displayLocale());
}
