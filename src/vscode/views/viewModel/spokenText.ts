import type { FreezeReport, IncidentReport } from '../../../core/evaluate/report';
import { parseIso } from '../../../report/timeText';
import { displayLocale, t } from '../../base/l10n';

/**
 * What a screen reader says for a row or the status bar (`accessibilityInformation.label`): the
 * state in words, built from the same facts as the row's label. An icon's colour or a `·`-separated
 * description is not read as meaning, so these say "Blocked", "sev1", "overdue" outright.
 */

const spokenFormats = new Map<string, Intl.DateTimeFormat>();

/** One format per (locale, zone, time?, year?). */
function spokenFormat(locale: string, timeZone: string, withTime: boolean, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}|${withYear}`;
  let format = spokenFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone,
      month: 'long',
      day: 'numeric',
      ...(withYear ? { year: 'numeric' } : {}),
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    spokenFormats.set(key, format);
  }
  return format;
}

/**
 * `January 4`; with the year when it is not `at`'s; with the time when it is less than two days
 * away (`December 7 at 17:00`). In the display language's locale (`4. Januar` in German).
 */
export function spokenDate(instant: number, at: number, timeZone: string, locale: string = displayLocale()): string {
  const withTime = Math.abs(instant - at) < 2 * 86_400_000;
  const withYear = new Date(instant).getUTCFullYear() !== new Date(at).getUTCFullYear();
  try {
    return spokenFormat(locale, timeZone, withTime, withYear).format(new Date(instant));
  } catch {
    return new Date(instant).toISOString();
  }
}

/** `Blocked`, `Freeze, warnings only`, `Upcoming block freeze`, …: how the freeze stands, in words. */
function freezeState(f: FreezeReport): string {
  if (f.invalid !== undefined) return t('Invalid freeze, in force until fixed');
  if (f.active) return f.enforcement === 'block' ? t('Blocked') : t('Freeze, warnings only');
  return f.enforcement === 'block' ? t('Upcoming block freeze') : t('Upcoming warning freeze');
}

/** `until January 4`, `until the incident is resolved`, `from December 20`; undefined when no time is known. */
function freezeWhen(f: FreezeReport, at: number, zone: string): string | undefined {
  const start = parseIso(f.start);
  const end = parseIso(f.end);
  if (f.active || f.invalid !== undefined) {
    if (end !== undefined) return t('until {0}', spokenDate(end, at, zone));
    return f.kind === 'incident' ? t('until the incident is resolved') : undefined;
  }
  // `{date}`, not `{0}`: its own message, since `from {0}` names where a freeze comes from (a translation differs).
  return start !== undefined ? t('from {date}', { date: spokenDate(start, at, zone) }) : undefined;
}

/** `Blocked: Holiday freeze on checkout, until January 4`. */
export function spokenFreeze(f: FreezeReport, at: number, zone: string): string {
  const state = freezeState(f);
  const systems = f.systems.length > 0 ? f.systems.join(', ') : t('no systems');
  const when = freezeWhen(f, at, zone);
  return when === undefined
    ? t('{state}: {title} on {systems}', { state, title: f.title, systems })
    : t('{state}: {title} on {systems}, {when}', { state, title: f.title, systems, when });
}

/** `Incident INC-2041, sev1, identified, on ledger: Ledger writes are slow`. */
export function spokenIncident(i: Pick<IncidentReport, 'id' | 'title' | 'severity' | 'status' | 'systems'>): string {
  return i.systems.length > 0
    ? t('Incident {id}, {severity}, {status}, on {systems}: {title}', { id: i.id, severity: i.severity, status: i.status, systems: i.systems.join(', '), title: i.title })
    : t('Incident {id}, {severity}, {status}: {title}', { id: i.id, severity: i.severity, status: i.status, title: i.title });
}

/** Parts of one spoken sentence, each already in words, joined as a list. */
export function spokenList(parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(', ');
}
