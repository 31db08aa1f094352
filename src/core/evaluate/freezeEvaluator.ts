import { freezeWindowAt, nextFreezeWindow } from '../time/freezeClock';
import type { Window } from '../time/freezeClock';
import { freezeCovers, incidentActiveFrom, incidentCovers, isIncidentActive } from './freezeCoverage';
import { trailerReleases } from './overrideTrailer';
import type { OverrideTrailer } from './overrideTrailer';
import { compileGlobSet } from '../paths/globMatcher';
import type { GlobSet } from '../paths/globMatcher';
import type { CronSchedule, Enforcement, EntryOrigin, Freeze, Incident, LiveOrigin, Manifest, Override, SystemDef } from '../model';
import type { Problem, SourceLocation } from '../problem';

/**
 * The one place that decides whether a freeze applies. For a set of files at an instant it says
 * which freezes and incident-freezes apply, which files each one holds, and what lets a file
 * through: an exemption (`exempt`), an approved manifest override (for freezes only), or a
 * `Freeze-Override:` commit trailer (for incident-freezes only when it names the incident id).
 * The engine (CLI, hook, views) and the editor's warnings, decorations and commit watcher all ask
 * it; none of them decides on its own.
 *
 * An invalid freeze (or incident with `freeze:`) is in force at every instant, over the scope that
 * could be read, with no exemptions: an error in the manifest may add protection, never remove it.
 *
 * Two helpers live in files of their own and are re-exported here, part of this one evaluator:
 * occurrence expansion (freezeOccurrences.ts) and the `Freeze-Override:` trailer (overrideTrailer.ts).
 */

export { freezeOccurrences, OccurrenceBudget } from './freezeOccurrences';
export { overrideTrailerOf, trailerReleases } from './overrideTrailer';
export type { OverrideTrailer } from './overrideTrailer';

/** The compiled rules the evaluator needs from a manifest (built once per manifest). */
export interface FreezeRules {
  readonly manifest: Manifest;
  readonly systems: ReadonlyMap<string, SystemDef>;
  /** Compiled `exempt` globs of each freeze that has any. */
  readonly exempt: ReadonlyMap<Freeze, GlobSet>;
  /** `overrides:` entries by the freeze id they name, in manifest order. */
  readonly overrides: ReadonlyMap<string, readonly CompiledOverride[]>;
}

/** An `overrides:` entry with its path globs compiled; `paths` absent means every covered file. */
export interface CompiledOverride {
  readonly override: Override;
  readonly paths?: GlobSet;
}

export function compileFreezeRules(manifest: Manifest, systems: ReadonlyMap<string, SystemDef>): FreezeRules {
  const exempt = new Map<Freeze, GlobSet>();
  for (const freeze of manifest.freezes) {
    if (freeze.exempt.length > 0 && !freeze.invalid) {
      exempt.set(freeze, compileGlobSet(freeze.exempt));
    }
  }
  const overrides = new Map<string, CompiledOverride[]>();
  for (const override of manifest.overrides) {
    const compiled = { override, paths: override.paths.length > 0 ? compileGlobSet(override.paths) : undefined };
    overrides.set(override.freeze, [...(overrides.get(override.freeze) ?? []), compiled]);
  }
  return { manifest, systems, exempt, overrides };
}

/** A freeze, or an incident acting as one, reduced to what a decision needs. */
export interface FreezeTarget {
  readonly id: string;
  readonly title: string;
  readonly reason?: string;
  readonly kind: 'freeze' | 'incident';
  readonly enforcement: Enforcement;
  readonly timezone: string;
  readonly source: SourceLocation;
  /** The first error of an entry that is wrong: it is then in force until fixed. */
  readonly invalid?: Problem;
  /** As the base of the change had it (the change removes or edits it). */
  readonly fromBase?: boolean;
  /** Set when a live source reported it (docs/sources.md). */
  readonly live?: LiveOrigin;
  /** Set on an entry of an extended (organisation) manifest. */
  readonly origin?: EntryOrigin;
  covers(systemId: string): boolean;
  isExempt(path: string): boolean;
}

/** When a target applies: `active` with its current window, or upcoming with its next one. */
export interface Timing {
  readonly active: boolean;
  readonly start?: number;
  readonly end?: number;
  /** The instant overrides must still be valid at: now when active, the window start when upcoming. */
  readonly overridesAt: number;
}

export interface TimedTarget {
  readonly target: FreezeTarget;
  readonly timing: Timing;
}

/** What lets a file through a freeze. */
export interface Release {
  readonly origin: 'manifest' | 'trailer';
  readonly reason: string;
  readonly approvedBy: string;
  readonly override?: Override;
}

/**
 * How one active target applies to one file in its scope: `exempt` (out of the freeze), `released`
 * (an override or trailer lets it through), or held (`block`/`warn` as the enforcement says).
 */
export type FileEffect = 'block' | 'warn' | 'released' | 'exempt';

export interface FileDecision {
  readonly effect: FileEffect;
  readonly release?: Release;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The one look-ahead of every "next" answer: the next start of a freeze (CodeLens, hover), the next
 * boundary at which an answer changes (the editor's timers), how far an upcoming window is looked
 * for. What a report lists as "upcoming" is the user's horizon (`--horizon`, `changeRadar.horizonDays`),
 * always within this.
 */
export const lookAheadMs = 366 * dayMs;

/**
 * The one default horizon: how far ahead a report lists upcoming freezes when the user says nothing
 * (`--horizon`, the `changeRadar.horizonDays` setting, whose package.json default a unit test keeps equal).
 */
export const defaultHorizonDays = 7;

/** A horizon given in days (a setting, an option) in ms: not a finite number → the default; below 0 → 0. */
export function horizonMsOfDays(days: number | undefined): number {
  const finite = days !== undefined && Number.isFinite(days) ? days : defaultHorizonDays;
  return Math.max(0, finite) * dayMs;
}

// ---------------------------------------------------------------------------------------------
// Time answers about one freeze or incident: every surface asks these, none reads a window itself.

/**
 * A freeze at an instant: `invalid` (in force at every instant until fixed), `active` in a window,
 * `upcoming` with its next window (within `lookAhead`), or `none`.
 */
export type FreezeTiming =
  | { readonly state: 'invalid' }
  | { readonly state: 'active'; readonly start: number; readonly end: number }
  | { readonly state: 'upcoming'; readonly start: number; readonly end: number }
  | { readonly state: 'none' };

export function freezeTimingAt(freeze: Freeze, at: number, lookAhead: number = lookAheadMs): FreezeTiming {
  if (freeze.invalid) return { state: 'invalid' };
  const current = freezeWindowAt(freeze, at);
  if (current) return { state: 'active', start: current.start, end: current.end };
  const next = nextFreezeWindow(freeze, at, lookAhead);
  return next ? { state: 'upcoming', start: next.start, end: next.end } : { state: 'none' };
}

/**
 * How a freeze's windows are written: one absolute `window` (its instants and their text, as far as
 * they could be read), or `recurring` from a cron schedule. For the write actions (which edit what
 * is written) and the displays that show a schedule. Whether a window is in force, and when, is
 * asked of freezeTimingAt, freezeWindowInForce and freezeOccurrences, never read from this.
 */
export type FreezeDeclaration =
  | { readonly kind: 'window'; readonly start?: number; readonly end?: number; readonly startText?: string; readonly endText?: string }
  | { readonly kind: 'recurring'; readonly schedule: CronSchedule };

export function freezeDeclaration(freeze: Freeze): FreezeDeclaration {
  if (freeze.schedule) return { kind: 'recurring', schedule: freeze.schedule };
  return {
    kind: 'window',
    ...(freeze.start !== undefined ? { start: freeze.start } : {}), ...(freeze.end !== undefined ? { end: freeze.end } : {}),
    ...(freeze.startText !== undefined ? { startText: freeze.startText } : {}), ...(freeze.endText !== undefined ? { endText: freeze.endText } : {}),
  };
}

/**
 * The window of a freeze in force at `at` (an invalid freeze: `[-Infinity, Infinity)`), undefined
 * when it is not in force.
 */
export function freezeWindowInForce(freeze: Freeze, at: number): Window | undefined {
  if (freeze.invalid) return { start: -Infinity, end: Infinity };
  return freezeWindowAt(freeze, at);
}

/**
 * Whether an incident acts as a freeze at `at`: it has `freeze:` and is active then (from its
 * `started`, when given, until resolved), or its entry is invalid (in force until fixed).
 */
export function incidentFreezeInForceAt(incident: Incident, at: number): incident is Incident & { freeze: Enforcement } {
  return incident.freeze !== undefined && (incident.invalid !== undefined || isIncidentActive(incident, at));
}

/**
 * The first instant after `at` at which any answer may change: a freeze starts or ends (or, with
 * `horizonMs`, comes within the horizon), an override expires, an incident starts, a milestone
 * falls due (or comes within `milestoneLeadMs` of it). Undefined when nothing within the look-ahead.
 * For timers: the editor re-evaluates exactly then.
 */
export function nextTransition(rules: FreezeRules, at: number, options: { horizonMs?: number; milestoneLeadMs?: number } = {}): number | undefined {
  let first: number | undefined;
  const note = (instant: number | undefined): void => {
    if (instant !== undefined && Number.isFinite(instant) && instant > at && instant <= at + lookAheadMs && (first === undefined || instant < first)) first = instant;
  };
  const evaluation = FreezeEvaluation.at(rules, at, 0);
  note(evaluation.validUntil);
  if (options.horizonMs !== undefined && options.horizonMs > 0) {
    for (const freeze of rules.manifest.freezes) {
      const timing = freezeTimingAt(freeze, at);
      if (timing.state === 'upcoming') note(timing.start - options.horizonMs);
    }
  }
  for (const project of rules.manifest.projects) {
    for (const milestone of project.milestones) {
      note(milestone.due);
      if (milestone.due !== undefined && options.milestoneLeadMs !== undefined) note(milestone.due - options.milestoneLeadMs);
    }
  }
  return first;
}

/** Everything that applies at one instant: build once per instant (or time boundary), ask many times. */
export class FreezeEvaluation {
  private readonly bySystem = new Map<string, TimedTarget[]>();

  private constructor(
    readonly rules: FreezeRules,
    readonly at: number,
    /** Active targets first (freezes, then incident-freezes, manifest order), then upcoming ones by start. */
    readonly targets: readonly TimedTarget[],
    /** The first instant at which the answers may change; undefined when none within the look-ahead. */
    readonly validUntil: number | undefined,
  ) {}

  /**
   * `scope`: only the targets covering at least one of these system ids are wanted (a change's
   * systems): the others are left out before any window is computed, and so is their boundary.
   */
  static at(rules: FreezeRules, at: number, horizonMs: number, scope?: readonly string[]): FreezeEvaluation {
    const active: TimedTarget[] = [];
    const upcoming: TimedTarget[] = [];
    let validUntil: number | undefined;
    const boundary = (instant: number | undefined): void => {
      if (instant !== undefined && instant > at && (validUntil === undefined || instant < validUntil)) validUntil = instant;
    };
    const wanted = (target: FreezeTarget): boolean => scope === undefined || scope.some((id) => target.covers(id));
    for (const freeze of rules.manifest.freezes) {
      const target = freezeTarget(rules, freeze);
      if (!wanted(target)) {
        continue;
      }
      const timing = freezeTimingAt(freeze, at, Math.max(horizonMs, lookAheadMs));
      if (timing.state === 'invalid') {
        active.push({ target, timing: { active: true, overridesAt: at } });
      } else if (timing.state === 'active') {
        boundary(timing.end);
        active.push({ target, timing: { active: true, start: timing.start, end: timing.end, overridesAt: at } });
      } else if (timing.state === 'upcoming') {
        boundary(timing.start);
        if (timing.start <= at + horizonMs) {
          upcoming.push({ target, timing: { active: false, start: timing.start, end: timing.end, overridesAt: timing.start } });
        }
      }
    }
    for (const overrides of rules.overrides.values()) {
      for (const { override } of overrides) boundary(override.expires);
    }
    // Incidents are active from `started` (when given) until resolved: the start is a boundary,
    // the resolution a manifest edit.
    for (const incident of rules.manifest.incidents) {
      boundary(incident.status !== 'resolved' ? incidentActiveFrom(incident) : undefined);
      if (incidentFreezeInForceAt(incident, at)) {
        const target = incidentTarget(rules, incident, incident.freeze);
        if (wanted(target)) active.push({ target, timing: { active: true, start: incident.started, overridesAt: at } });
      }
    }
    upcoming.sort((a, b) => (a.timing.start ?? 0) - (b.timing.start ?? 0));
    return new FreezeEvaluation(rules, at, [...active, ...upcoming], validUntil);
  }

  /** The active targets that cover a system. */
  activeOn(systemId: string): readonly TimedTarget[] {
    let found = this.bySystem.get(systemId);
    if (!found) {
      found = this.targets.filter((timed) => timed.timing.active && timed.target.covers(systemId));
      this.bySystem.set(systemId, found);
    }
    return found;
  }

  /** The unexpired manifest overrides of a target (none for incident-freezes: overrides name freezes). */
  overridesOf({ target, timing }: TimedTarget): readonly CompiledOverride[] {
    return unexpiredOverrides(this.rules, target, timing.overridesAt);
  }

  /**
   * How a target applies to a file inside its scope (the caller has matched the file's systems).
   * Exemption first, then the first manifest override covering the file, then the trailer; what
   * is left is held by the enforcement (upcoming targets hold nothing yet: `warn`).
   */
  decide(timed: TimedTarget, path: string, trailer?: OverrideTrailer): FileDecision {
    const { target, timing } = timed;
    if (target.isExempt(path)) return { effect: 'exempt' };
    const override = this.overridesOf(timed).find(({ paths }) => !paths || paths.match(path) !== undefined)?.override;
    if (override) {
      return { effect: 'released', release: { origin: 'manifest', reason: override.reason, approvedBy: override.approvedBy, override } };
    }
    const held: Enforcement = timing.active ? target.enforcement : 'warn';
    if (held === 'block' && trailer && trailerReleases(target, trailer)) {
      return { effect: 'released', release: { origin: 'trailer', reason: trailer.reason, approvedBy: trailer.approvedBy ?? 'commit trailer' } };
    }
    return { effect: held };
  }
}

/** The manifest overrides of a target still valid at `at` (none for incident-freezes: overrides name freezes). */
export function unexpiredOverrides(rules: FreezeRules, target: Pick<FreezeTarget, 'kind' | 'id'>, at: number): readonly CompiledOverride[] {
  if (target.kind !== 'freeze') return [];
  return (rules.overrides.get(target.id) ?? [])
    .filter(({ override }) => override.expires === undefined || override.expires > at);
}

/** A freeze as every decision sees it (the timeline asks for windows the evaluation of one instant does not list). */
export function targetOfFreeze(rules: FreezeRules, freeze: Freeze): FreezeTarget {
  return freezeTarget(rules, freeze);
}

/** An incident acting as a freeze of `enforcement`, as every decision sees it. */
export function targetOfIncident(rules: FreezeRules, incident: Incident, enforcement: Enforcement): FreezeTarget {
  return incidentTarget(rules, incident, enforcement);
}

/** Whether the manifest declares anything that can block a commit (used to offer the commit hook). */
export function declaresBlockFreeze(manifest: Manifest): boolean {
  return manifest.freezes.some((freeze) => freeze.enforcement === 'block')
    || manifest.incidents.some((incident) => incident.freeze === 'block' && (incident.invalid !== undefined || incident.status !== 'resolved'));
}

/** `ops.yaml:12:5: end before start` — where an invalid entry's first error is, for every output. */
export function invalidText(problem: Problem): string {
  return `${problem.file}:${problem.range.start.line + 1}:${problem.range.start.column + 1}: ${problem.message}`;
}

function freezeTarget(rules: FreezeRules, freeze: Freeze): FreezeTarget {
  const exempt = rules.exempt.get(freeze);
  return {
    id: freeze.id, title: freeze.title, kind: 'freeze', enforcement: freeze.enforcement, timezone: freeze.timezone, source: freeze.source,
    ...(freeze.reason !== undefined ? { reason: freeze.reason } : {}),
    ...(freeze.invalid ? { invalid: freeze.invalid } : {}),
    ...(freeze.fromBase ? { fromBase: true } : {}),
    ...(freeze.live ? { live: freeze.live } : {}),
    ...(freeze.origin ? { origin: freeze.origin } : {}),
    covers: (id) => freezeCovers(freeze, id, rules.systems.get(id)),
    isExempt: (path) => exempt !== undefined && exempt.match(path) !== undefined,
  };
}

function incidentTarget(rules: FreezeRules, incident: Incident, enforcement: Enforcement): FreezeTarget {
  return {
    id: incident.id, title: incident.title, reason: `${incident.severity} incident, ${incident.status}`,
    kind: 'incident', enforcement, timezone: rules.manifest.timezone, source: incident.source,
    ...(incident.invalid ? { invalid: incident.invalid } : {}),
    ...(incident.fromBase ? { fromBase: true } : {}),
    ...(incident.live ? { live: incident.live } : {}),
    ...(incident.origin ? { origin: incident.origin } : {}),
    covers: (id) => incidentCovers(incident, id),
    isExempt: () => false,
  };
}
