import { parseInstant, zoneOffsetMinutes } from '../time/timeZone';
import { editFail } from './editRefusal';
import type { EditField } from './editRefusal';

/**
 * Times for write actions: what the user typed (or now) as an instant, and the text written into
 * the manifest — in the zone that applies, in the documented local form `YYYY-MM-DD HH:mm[:ss]`,
 * unless the user gave an offset (then the text is written as typed).
 */

export interface WrittenTime {
  readonly at: number;
  readonly text: string;
}

const offsetPattern = /(Z|[+-]\d{2}(:?\d{2})?)$/i;
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `2026-12-02 09:30` (seconds only when not zero) for the instant in `zone`; with an offset when local time would be ambiguous. */
export function localTimeText(at: number, zone: string): string {
  const whole = Math.floor(at / 1000) * 1000;
  const offset = zoneOffsetMinutes(whole, zone);
  const wall = new Date(whole + offset * 60_000);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const seconds = wall.getUTCSeconds();
  const clock = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}${seconds === 0 ? '' : `:${pad(seconds)}`}`;
  const local = `${date} ${clock}`;
  if (parseInstant(local, zone) === whole) return local;
  // A wall-clock time that exists twice (fall back): the offset says which one.
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(seconds)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A time given by the user (`--at`, `--until`, `--expires`), or now when none was given (now is
 * written to the minute). A text without an offset is wall-clock time in `zone`.
 */
export function resolveTime(text: string | undefined, now: number, zone: string, field: EditField): WrittenTime {
  if (text === undefined) {
    const at = Math.floor(now / 60_000) * 60_000;
    return { at, text: localTimeText(at, zone) };
  }
  const trimmed = text.trim();
  const at = parseInstant(trimmed, zone);
  if (at === undefined) editFail({ code: 'not-a-time', field, text });
  return { at, text: offsetPattern.test(trimmed) && /[T ]\d/.test(trimmed) ? trimmed : localTimeText(at, zone) };
}

/** `4h`, `90m`, `1d12h`, `2w`: a positive duration in milliseconds. */
export function parseDuration(text: string): number {
  const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?[mhdw])+$/.test(trimmed)) editFail({ code: 'bad-duration', text });
  let total = 0;
  for (const [, amount, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)([mhdw])/g)) total += Number(amount) * units[unit];
  if (total <= 0 || total > 366 * units.d) editFail({ code: 'duration-out-of-range', text });
  return Math.round(total);
}
