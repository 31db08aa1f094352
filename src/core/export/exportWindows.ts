import { Cron } from 'croner';
import { freezeOccurrences, OccurrenceBudget, targetOfFreeze } from '../evaluate/freezeEvaluator';
import type { FreezeRules } from '../evaluate/freezeEvaluator';
import type { Window } from '../time/freezeClock';
import { zoneOffsetMinutes } from '../time/timeZone';
import type { Freeze } from '../model';

/**
 * What the exports (Argo CD sync windows, GitLab freeze periods) share: the block freezes to export
 * with their occurrences in the horizon — listed by the one evaluator (`freezeOccurrences`), never
 * read from a window here — and the month-and-day cron of one occurrence. An engine's own reading
 * of a cron (to check that one recurring entry reproduces every occurrence) is modelled with croner
 * in the freeze's zone; any firing near a daylight-saving change, where engines may differ, makes
 * the freeze expand occurrence by occurrence instead.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A block freeze to export, with its occurrences overlapping the horizon. */
export interface ExportedFreeze {
  readonly freeze: Freeze;
  /** Covered system ids (manifest order). */
  readonly systems: readonly string[];
  readonly occurrences: readonly Window[];
}

/** The block freezes of the manifest (manifest order), with the systems each covers and its occurrences in `[from, to)`. */
export function blockFreezes(rules: FreezeRules, from: number, to: number): { freezes: ExportedFreeze[]; truncated: string[] } {
  const budget = new OccurrenceBudget(10_000, 2_000);
  const ids = rules.manifest.systems.map((s) => s.id);
  const freezes: ExportedFreeze[] = [];
  for (const freeze of rules.manifest.freezes) {
    if (freeze.enforcement !== 'block' || freeze.fromBase) continue;
    const target = targetOfFreeze(rules, freeze);
    const systems = ids.filter((id) => target.covers(id));
    freezes.push({ freeze, systems, occurrences: freezeOccurrences(freeze, from, to, budget) });
  }
  return { freezes, truncated: budget.truncated };
}

/** Whether the zone's offset is the same two hours either side of `at` (no daylight-saving change near it). */
export function steadyOffset(at: number, zone: string): boolean {
  try {
    return zoneOffsetMinutes(at - 2 * HOUR, zone) === zoneOffsetMinutes(at + 2 * HOUR, zone);
  } catch {
    return false;
  }
}

/** A cron that fires once a year, at `at` (rounded down to the minute) on the wall clock of `zone`. */
export function monthDayCron(at: number, zone: string): string {
  const wall = new Date(Math.floor(at / MINUTE) * MINUTE + zoneOffsetMinutes(at, zone) * MINUTE);
  return `${wall.getUTCMinutes()} ${wall.getUTCHours()} ${wall.getUTCDate()} ${wall.getUTCMonth() + 1} *`;
}

/**
 * The zone a one-off cron is written in: the freeze's own, unless the instant is near a
 * daylight-saving change there (a wall time that may be skipped or repeated), then UTC, which
 * names every instant once.
 */
export function oneOffZone(at: number, zone: string): string {
  return steadyOffset(at, zone) ? zone : 'UTC';
}

/**
 * The firings of a five-field cron on the wall clock of `zone` that fall in `[from, to)`, as an
 * engine reading that cron in that zone computes them (croner, as Argo CD's and GitLab's cron
 * libraries do away from daylight-saving changes). Undefined when the cron cannot be read, or when
 * there are more than `max`.
 */
export function cronFirings(cron: string, zone: string, from: number, to: number, max = 5_000): number[] | undefined {
  let job: Cron;
  try {
    job = new Cron(cron, { timezone: zone, mode: '5-part', paused: true });
  } catch {
    return undefined;
  }
  const firings: number[] = [];
  let cursor = new Date(from - 1);
  for (;;) {
    const next = job.nextRun(cursor);
    if (!next || next.getTime() >= to) return firings;
    if (firings.length >= max) return undefined;
    firings.push(next.getTime());
    cursor = next;
  }
}

/** A Go duration (`60h`, `61h30m`, `45m`) of whole minutes, rounded up: an exported window never ends early. */
export function goDuration(ms: number): string {
  const minutes = Math.ceil(ms / MINUTE);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
}
