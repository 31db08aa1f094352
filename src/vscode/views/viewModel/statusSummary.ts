import { escapeIcons } from '../../../report/escape';
import type { ImpactReport, StatusReport } from '../../../core/evaluate/report';
import { t, tn } from '../../base/l10n';
import { spokenDate, spokenFreeze, spokenIncident } from './spokenText';
import { localDistance, localIn } from './timePhrases';

export interface FolderState {
  readonly name: string;
  readonly status?: StatusReport;
  readonly impact?: ImpactReport;
  /** The manifest currently has errors (views show what can be read; invalid freezes are in force). */
  readonly invalid: boolean;
  /** Messages of extended (organisation) manifests that could not be read or verified (`extends-unavailable`, `extends-tampered`). */
  readonly extendsFailures?: readonly string[];
}

export type SummaryLevel = 'error' | 'warning' | 'info' | 'ok';
/** Where a click on the status-bar item leads. */
export type SummaryTarget = 'impact' | 'incidents' | 'freezes' | 'milestones' | 'problems';

export interface StatusSummary {
  readonly level: SummaryLevel;
  /** Status-bar text with codicons, e.g. `$(lock) Blocked: Holiday freeze`. */
  readonly text: string;
  /** When a countdown is shown: the instant it counts down to (the text changes every minute until then). */
  readonly countdownTo?: number;
  readonly tooltip: string;
  readonly target: SummaryTarget;
  /**
   * What a screen reader says (the item's `accessibilityInformation`): the state in words, since the
   * codicons say nothing and the background colour (error, warning) carries the level.
   */
  readonly accessibility: string;
}

/** The countdown to a block freeze on the change: the present, and how far ahead it starts (`changeRadar.statusBar.countdownHours`). */
export interface CountdownOptions {
  readonly at: number;
  readonly horizonMs: number;
  /** The zone dates are spoken in (`until January 4`); UTC when absent. */
  readonly localZone?: string;
}

interface Candidate extends StatusSummary {
  readonly rank: number;
}

/**
 * The worst current state across folders, in this order: a block freeze on a changed system, an
 * active sev1, a warn freeze on a changed system, an active sev2, an invalid manifest, any active
 * freeze, milestones at risk; else all clear. An invalid manifest is also mentioned when
 * something worse wins, because the views are then showing stale data.
 */
export function summarizeStatus(folders: readonly FolderState[], countdown?: CountdownOptions): StatusSummary {
  // Without the present, spoken dates carry their year and no time.
  const spoken = { at: countdown?.at ?? Number.NaN, localZone: countdown?.localZone ?? 'UTC' };
  const candidates = folders.flatMap((f) => [...candidatesFor(f, spoken), ...(countdown ? countdownFor(f, countdown) : [])]);
  const best = candidates.sort((a, b) => a.rank - b.rank)[0];
  const invalid = folders.filter((f) => f.invalid);
  if (!best) {
    return { level: 'ok', text: '$(radio-tower)', tooltip: t('Change Radar: no freeze, incident or milestone risk affects this workspace.'), target: 'impact', accessibility: t('Change Radar: all clear, no freeze, incident or milestone risk affects this workspace') };
  }
  if (invalid.length > 0 && best.target !== 'problems') {
    return {
      level: best.level,
      text: `${best.text} $(warning)`,
      tooltip: `${best.tooltip}\n${t('The manifest in {0} has errors; invalid freezes are treated as in force until fixed.', invalid.map((f) => f.name).join(', '))}`,
      target: best.target,
      accessibility: t('{0}. The manifest in {1} has errors; invalid freezes are treated as in force until fixed', best.accessibility, invalid.map((f) => f.name).join(', ')),
    };
  }
  return { level: best.level, text: best.text, tooltip: best.tooltip, target: best.target, accessibility: best.accessibility, ...(best.countdownTo !== undefined ? { countdownTo: best.countdownTo } : {}) };
}

/** `2 h 10 min`, `45 min`, `less than a minute`: the time left, as every relative time is written (timeText.ts), in the display language. */
export function countdownText(ms: number): string {
  return localDistance(ms, 0);
}

/**
 * A block freeze on files of the change that starts within the countdown horizon: `❄ in 2 h 10 min:
 * Holiday freeze`, after a block that applies now and an active sev1, before the rest.
 */
function countdownFor(f: FolderState, { at, horizonMs, localZone }: CountdownOptions): Candidate[] {
  const upcoming = (f.impact?.freezes ?? [])
    .filter((x) => !x.active && x.enforcement === 'block' && x.files.length > 0 && x.start !== undefined)
    .map((x) => ({ freeze: x, start: Date.parse(x.start ?? '') }))
    .filter(({ start }) => Number.isFinite(start) && start > at && start - at <= horizonMs)
    .sort((a, b) => a.start - b.start);
  const first = upcoming[0];
  if (first === undefined) return [];
  const text = `❄ ${t('{when}: {title}', { when: localIn(first.start, at), title: escapeIcons(first.freeze.title) })}`;
  return [{
    rank: 1.5, level: 'warning', target: 'impact', text, countdownTo: first.start,
    accessibility: t('Change Radar: block freeze {title} starts {left}, on {start}, on files you changed', {
      title: first.freeze.title, left: localIn(first.start, at), start: spokenDate(first.start, at, localZone ?? 'UTC'),
    }),
    tooltip: t('A block freeze starts on files you changed in {0} at {1}: {2}. Commit or ship before then.', f.name, new Date(first.start).toISOString(), upcoming.map(({ freeze }) => freeze.title).join(', ')),
  }];
}

function candidatesFor(f: FolderState, spoken: { readonly at: number; readonly localZone: string }): Candidate[] {
  const out: Candidate[] = [];
  const impactFreezes = f.impact?.freezes ?? [];
  const blocking = impactFreezes.filter((x) => x.effect === 'block');
  if (blocking.length > 0) {
    out.push({ rank: 0, level: 'error', target: 'impact', text: `$(lock) ${t('Blocked: {0}', escapeIcons(blocking[0].title))}`, accessibility: t('Change Radar: {0}', blocking.map((x) => spokenFreeze(x, spoken.at, spoken.localZone)).join('; ')), tooltip: t('A block freeze covers files you changed in {0}: {1}.', f.name, blocking.map((x) => x.title).join(', ')) });
  }
  const incidents = f.status?.incidents ?? [];
  const sev1 = incidents.filter((i) => i.severity === 'sev1');
  if (sev1.length > 0) {
    out.push({ rank: 1, level: 'error', target: 'incidents', text: `$(flame) ${t('SEV1: {0}', escapeIcons(sev1[0].id))}${sev1.length > 1 ? ` +${sev1.length - 1}` : ''}`, accessibility: t('Change Radar: {0}', sev1.map((i) => spokenIncident(i)).join('; ')), tooltip: t('Active sev1 in {0}: {1}.', f.name, sev1.map((i) => `${i.id} ${i.title}`).join('; ')) });
  }
  const warning = impactFreezes.filter((x) => x.effect === 'warn');
  if (warning.length > 0) {
    out.push({ rank: 2, level: 'warning', target: 'impact', text: `$(lock) ${t('Freeze: {0}', escapeIcons(warning[0].title))}`, accessibility: t('Change Radar: {0}', warning.map((x) => spokenFreeze(x, spoken.at, spoken.localZone)).join('; ')), tooltip: t('A warn freeze covers files you changed in {0}: {1}.', f.name, warning.map((x) => x.title).join(', ')) });
  }
  const sev2 = incidents.filter((i) => i.severity === 'sev2');
  if (sev2.length > 0) {
    out.push({ rank: 3, level: 'warning', target: 'incidents', text: `$(flame) ${t('SEV2: {0}', escapeIcons(sev2[0].id))}${sev2.length > 1 ? ` +${sev2.length - 1}` : ''}`, accessibility: t('Change Radar: {0}', sev2.map((i) => spokenIncident(i)).join('; ')), tooltip: t('Active sev2 in {0}: {1}.', f.name, sev2.map((i) => `${i.id} ${i.title}`).join('; ')) });
  }
  const failures = f.extendsFailures ?? [];
  if (failures.length > 0) {
    out.push({ rank: 4, level: 'error', target: 'problems', text: `$(cloud-offline) ${t('Organisation policy unavailable')}`, accessibility: t('Change Radar: organisation policy unavailable in {0}', f.name), tooltip: t('In {0}: {1}', f.name, failures.join('\n')) });
  }
  if (f.invalid && failures.length === 0) {
    out.push({ rank: 4, level: 'warning', target: 'problems', text: `$(warning) ${t('ops.yaml has errors')}`, accessibility: t('Change Radar: the manifest in {0} has errors; invalid freezes are treated as in force until fixed', f.name), tooltip: t('The manifest in {0} has errors; invalid freezes are treated as in force until fixed.', f.name) });
  }
  const activeFreezes = (f.status?.freezes ?? []).filter((x) => x.active);
  if (activeFreezes.length > 0) {
    out.push({ rank: 5, level: 'info', target: 'freezes', text: `$(lock) ${tn(activeFreezes.length, { one: '{0} freeze active', other: '{0} freezes active' }, activeFreezes.length)}`, accessibility: t('Change Radar: {0}', activeFreezes.map((x) => spokenFreeze(x, spoken.at, spoken.localZone)).join('; ')), tooltip: t('Active in {0}: {1}.', f.name, activeFreezes.map((x) => x.title).join(', ')) });
  }
  const atRisk = f.status?.milestonesAtRisk ?? [];
  if (atRisk.length > 0) {
    out.push({ rank: 6, level: 'info', target: 'milestones', text: `$(milestone) ${t('{0} at risk', atRisk.length)}`, accessibility: t('Change Radar: milestones at risk: {0}', atRisk.map((m) => m.title).join(', ')), tooltip: t('Milestones at risk in {0}: {1}.', f.name, atRisk.map((m) => m.title).join(', ')) });
  }
  return out;
}
