import { freezeDeclaration } from '../evaluate/freezeEvaluator';
import type { FreezeRules } from '../evaluate/freezeEvaluator';
import type { Window } from '../time/freezeClock';
import { blockFreezes, cronFirings, goDuration, monthDayCron, oneOffZone, steadyOffset } from './exportWindows';
import type { ExportedFreeze } from './exportWindows';

/**
 * `change-radar export argocd`: the block freezes as Argo CD `AppProject` `spec.syncWindows`
 * (`kind: deny`). Argo CD opens a window at each firing of `schedule` in `timeZone` and keeps it
 * for `duration` of elapsed time. A recurring freeze is one window only when that reproduces every
 * occurrence in the horizon exactly (same firings, same elapsed length); otherwise — a Berlin
 * Friday-18:00-to-Monday-06:00 freeze lasts 61 h over the end of summer time — each occurrence is
 * its own month-and-day window. Argo's cron has no year: such a window is exported only for an
 * occurrence starting within the horizon (one already in force starts at `from`), and the whole
 * list is valid only until the horizon's end (say so where it is written). Overrides, exemptions
 * and warn freezes are not exported: a deny window covers every sync of its applications.
 * An invalid freeze (in force until fixed) is one window over the whole horizon.
 */

export interface ArgoSyncWindow {
  readonly kind: 'deny';
  readonly schedule: string;
  readonly duration: string;
  readonly timeZone: string;
  readonly applications: readonly string[];
  readonly manualSync: false;
}

export interface ArgoExportEntry {
  readonly freeze: string;
  readonly title: string;
  /** `recurring`: one window for every occurrence; `expanded`: one per occurrence; `invalid`: in force until fixed. */
  readonly mapping: 'recurring' | 'expanded' | 'one-off' | 'invalid';
  /** Why a recurring freeze was expanded. */
  readonly why?: string;
  readonly windows: readonly ArgoSyncWindow[];
}

export interface ArgoExport {
  readonly from: number;
  /** The horizon's end: the windows are valid until then and must be regenerated before. */
  readonly validUntil: number;
  readonly entries: readonly ArgoExportEntry[];
  /** Block freezes that cover no system with an application (nothing to deny). */
  readonly skipped: readonly string[];
  readonly truncated: readonly string[];
}

/** The sync windows of the block freezes over `[from, to)`; `applicationsOf` names a system's Argo CD applications. */
export function argoSyncWindows(rules: FreezeRules, from: number, to: number, applicationsOf: (systemId: string) => readonly string[]): ArgoExport {
  const { freezes, truncated } = blockFreezes(rules, from, to);
  const entries: ArgoExportEntry[] = [];
  const skipped: string[] = [];
  for (const exported of freezes) {
    const applications = [...new Set(exported.systems.flatMap((id) => applicationsOf(id)))];
    if (applications.length === 0) {
      skipped.push(exported.freeze.id);
      continue;
    }
    entries.push(entryOf(exported, from, to, applications));
  }
  return { from, validUntil: to, entries, skipped, truncated };
}

function entryOf({ freeze, occurrences }: ExportedFreeze, from: number, to: number, applications: readonly string[]): ArgoExportEntry {
  const common = { freeze: freeze.id, title: freeze.title };
  // The cron as written: exporting a schedule is writing it out (the evaluator says what it is).
  const declared = freezeDeclaration(freeze);
  const schedule = declared.kind === 'recurring' ? declared.schedule : undefined;
  const window = (schedule: string, duration: number, timeZone: string): ArgoSyncWindow => ({
    kind: 'deny', schedule, duration: goDuration(duration), timeZone, applications, manualSync: false,
  });
  if (freeze.invalid) {
    return { ...common, mapping: 'invalid', windows: [window(monthDayCron(from, 'UTC'), to - Math.floor(from / 60_000) * 60_000, 'UTC')] };
  }
  const expanded = (why?: string): ArgoExportEntry => ({
    ...common, mapping: schedule ? 'expanded' : 'one-off', ...(why !== undefined ? { why } : {}),
    windows: occurrences.map((o) => {
      const start = Math.max(o.start, from);
      const minute = Math.floor(start / 60_000) * 60_000;
      const zone = oneOffZone(minute, freeze.timezone);
      return window(monthDayCron(minute, zone), o.end - minute, zone);
    }),
  });
  if (!schedule) return expanded();
  const why = whyNotOneWindow(schedule.start, freeze.timezone, occurrences, from, to);
  if (why !== undefined) return expanded(why);
  const first = occurrences[0];
  return { ...common, mapping: 'recurring', windows: first ? [window(schedule.start, first.end - first.start, freeze.timezone)] : [] };
}

/**
 * Why one window (`schedule` in `zone`, the occurrences' elapsed length) does not reproduce the
 * occurrences exactly; undefined when it does.
 */
function whyNotOneWindow(schedule: string, zone: string, occurrences: readonly Window[], from: number, to: number): string | undefined {
  const first = occurrences[0];
  if (first === undefined) return undefined;
  const length = first.end - first.start;
  const other = occurrences.find((o) => o.end - o.start !== length);
  if (other !== undefined) {
    return `its occurrences differ in elapsed length (${goDuration(length)} and ${goDuration(other.end - other.start)}, e.g. over a daylight-saving change)`;
  }
  if (length % 60_000 !== 0) return 'its length is not a whole number of minutes';
  const firings = cronFirings(schedule, zone, from - length + 1, to);
  if (firings === undefined) return 'its start cron fires too often to check';
  const same = firings.length === occurrences.length && firings.every((at, i) => at === occurrences[i]?.start);
  if (!same) return 'its start cron fires where no occurrence starts (e.g. inside an occurrence)';
  if (firings.some((at) => !steadyOffset(at, zone))) return 'an occurrence starts near a daylight-saving change';
  return undefined;
}
