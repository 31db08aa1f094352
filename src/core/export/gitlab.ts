import { freezeDeclaration } from '../evaluate/freezeEvaluator';
import type { FreezeRules } from '../evaluate/freezeEvaluator';
import type { Window } from '../time/freezeClock';
import { blockFreezes, cronFirings, monthDayCron, oneOffZone, steadyOffset } from './exportWindows';

/**
 * `change-radar export gitlab`: the JSON bodies for GitLab's freeze periods API
 * (`POST /projects/:id/freeze_periods`: `freeze_start`, `freeze_end`, `cron_timezone`) for the
 * block freezes that apply to every system of the repository (a GitLab freeze holds the whole
 * project). GitLab's freeze is a cron pair as Change Radar's recurring freezes are, so a recurring
 * freeze keeps its own pair when, read as GitLab reads it (each start firing to the next end
 * firing), it gives exactly the occurrences in the horizon; otherwise, and for one-off freezes,
 * each occurrence starting within the horizon (one in force starts at `from`) is a pair of
 * month-and-day crons, valid until the horizon's end.
 */

export interface GitlabFreezePeriod {
  readonly freeze_start: string;
  readonly freeze_end: string;
  readonly cron_timezone: string;
}

export interface GitlabExportEntry {
  readonly freeze: string;
  readonly title: string;
  readonly mapping: 'recurring' | 'expanded' | 'one-off' | 'invalid';
  readonly why?: string;
  readonly periods: readonly GitlabFreezePeriod[];
}

export interface GitlabExport {
  readonly from: number;
  readonly validUntil: number;
  readonly entries: readonly GitlabExportEntry[];
  /** Block freezes that do not cover every system (a GitLab freeze would hold more than they do). */
  readonly skipped: readonly string[];
  readonly truncated: readonly string[];
}

const MINUTE = 60_000;

export function gitlabFreezePeriods(rules: FreezeRules, from: number, to: number): GitlabExport {
  const { freezes, truncated } = blockFreezes(rules, from, to);
  const all = rules.manifest.systems.length;
  const entries: GitlabExportEntry[] = [];
  const skipped: string[] = [];
  for (const { freeze, systems, occurrences } of freezes) {
    // An invalid freeze covers what could be read, every system when nothing could: in force until fixed.
    if (!(all > 0 && systems.length === all)) {
      skipped.push(freeze.id);
      continue;
    }
    const common = { freeze: freeze.id, title: freeze.title };
    const pair = (start: number, end: number): GitlabFreezePeriod => {
      const first = Math.floor(start / MINUTE) * MINUTE;
      const last = Math.ceil(end / MINUTE) * MINUTE;
      const zone = oneOffZone(first, freeze.timezone) === freeze.timezone && oneOffZone(last, freeze.timezone) === freeze.timezone ? freeze.timezone : 'UTC';
      return { freeze_start: monthDayCron(first, zone), freeze_end: monthDayCron(last, zone), cron_timezone: zone };
    };
    if (freeze.invalid) {
      entries.push({ ...common, mapping: 'invalid', periods: [pair(from, to)] });
      continue;
    }
    // The cron as written: exporting a schedule is writing it out (the evaluator says what it is).
    const declared = freezeDeclaration(freeze);
    const schedule = declared.kind === 'recurring' ? declared.schedule : undefined;
    const expanded = (why?: string): GitlabExportEntry => ({
      ...common, mapping: schedule ? 'expanded' : 'one-off', ...(why !== undefined ? { why } : {}),
      periods: occurrences.map((o) => pair(Math.max(o.start, from), o.end)),
    });
    if (!schedule) {
      entries.push(expanded());
      continue;
    }
    const why = whyNotOwnPair(schedule.start, schedule.end, freeze.timezone, occurrences, from, to);
    entries.push(why !== undefined ? expanded(why) : {
      ...common, mapping: 'recurring',
      periods: [{ freeze_start: schedule.start, freeze_end: schedule.end, cron_timezone: freeze.timezone }],
    });
  }
  return { from, validUntil: to, entries, skipped, truncated };
}

/** Why the freeze's own cron pair, read as GitLab reads it, does not give exactly the occurrences; undefined when it does. */
function whyNotOwnPair(start: string, end: string, zone: string, occurrences: readonly Window[], from: number, to: number): string | undefined {
  const longest = Math.max(0, ...occurrences.map((o) => o.end - o.start));
  const starts = cronFirings(start, zone, from - longest - 1, to);
  const ends = cronFirings(end, zone, from - longest - 1, to + longest + 1);
  if (starts === undefined || ends === undefined) return 'its crons fire too often to check';
  // GitLab: a period runs from a start firing to the next end firing; start firings inside it change nothing.
  const windows: Window[] = [];
  for (const at of starts) {
    if (windows.length > 0 && at < (windows[windows.length - 1]?.end ?? 0)) continue;
    const close = ends.find((e) => e > at);
    if (close === undefined) return 'its end cron does not fire after a start';
    if (close > from) windows.push({ start: at, end: close });
  }
  const same = windows.length === occurrences.length && windows.every((w, i) => w.start === occurrences[i]?.start && w.end === occurrences[i]?.end);
  if (!same) return 'its crons, read as GitLab reads them, give other periods';
  if (windows.some((w) => !steadyOffset(w.start, zone) || !steadyOffset(w.end, zone))) return 'a period starts or ends near a daylight-saving change';
  return undefined;
}
