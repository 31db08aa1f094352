import { freezeWindowAt, nextFreezeWindow } from '../time/freezeClock';
import type { Window } from '../time/freezeClock';
import { freezeCovers, incidentActiveFrom, incidentCovers, isIncidentActive } from './freezeCoverage';
import { compileGlobSet } from '../paths/globMatcher';
import type { GlobSet } from '../paths/globMatcher';
import type { Enforcement, EntryOrigin, Freeze, Incident, LiveOrigin, Manifest, Override, SystemDef } from '../model';
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
 */

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

/** A `Freeze-Override:` commit trailer. */
export interface OverrideTrailer {
  readonly reason: string;
  /** Default `commit trailer` (e.g. pass the commit author). */
  readonly approvedBy?: string;
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
 * A bound on the work of listing occurrences: at most `maxTotal` windows over all freezes of one
 * answer (and at most `maxPerFreeze` of one freeze). Shared by the freezes of one timeline, so
 * the total is bounded however many freezes there are.
 */
export class OccurrenceBudget {
  private used = 0;
  /** Freeze ids whose occurrences were cut short. */
  readonly truncated: string[] = [];

  constructor(readonly maxTotal: number, readonly maxPerFreeze: number = maxTotal) {}

  get remaining(): number {
    return Math.max(0, this.maxTotal - this.used);
  }

  get exhausted(): boolean {
    return this.used >= this.maxTotal;
  }

  /** Takes one window; false when the budget is spent. */
  take(): boolean {
    if (this.used >= this.maxTotal) return false;
    this.used++;
    return true;
  }

  cut(id: string): void {
    if (!this.truncated.includes(id)) this.truncated.push(id);
  }
}

/**
 * The windows of a freeze that overlap `[from, to)`, in order (an invalid freeze: the whole range,
 * in force until fixed). Stops when the budget is spent, and then names the freeze in
 * `budget.truncated` if it had more.
 */
export function freezeOccurrences(freeze: Freeze, from: number, to: number, budget: OccurrenceBudget): Window[] {
  const windows: Window[] = [];
  if (to <= from) return windows;
  if (freeze.invalid) {
    if (budget.take()) windows.push({ start: from, end: to });
    else budget.cut(freeze.id);
    return windows;
  }
  const more = (at: number): Window | undefined => {
    const next = nextFreezeWindow(freeze, at, to - at - 1);
    return next && next.start < to ? next : undefined;
  };
  let current = freezeWindowAt(freeze, from);
  let cursor = from;
  if (!current) current = more(from);
  // nextFreezeWindow skips start firings inside the current window, as the evaluator does.
  while (current) {
    if (windows.length >= budget.maxPerFreeze || !budget.take()) {
      budget.cut(freeze.id);
      break;
    }
    windows.push(current);
    cursor = Math.max(current.start, from);
    current = more(cursor);
  }
  return windows;
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

/**
 * Whether a `Freeze-Override:` trailer lets a block through. A freeze: any trailer with a reason.
 * An incident-freeze: only a trailer that names the incident id, so that overriding a freeze never
 * silences an incident by accident.
 */
export function trailerReleases(target: Pick<FreezeTarget, 'kind' | 'id'>, trailer: OverrideTrailer): boolean {
  if (target.kind === 'freeze') return trailer.reason.trim() !== '';
  // Ids are case-sensitive: `inc-1` in a trailer does not name `INC-1`.
  const id = target.id;
  const text = trailer.reason;
  for (let at = text.indexOf(id); at !== -1; at = text.indexOf(id, at + 1)) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + id.length] ?? '';
    if (!/[\p{L}\p{N}_-]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return true;
  }
  return false;
}

/**
 * The `Freeze-Override:` trailer of a commit message being written (the editor's commit box), read
 * as git reads trailers closely enough for a warning: a `Freeze-Override: <reason>` line in the
 * last paragraph, key case-insensitive, comment lines ignored. The hook asks git itself.
 */
export function overrideTrailerOf(message: string): OverrideTrailer | undefined {
  const paragraphs = message.split('\n').filter((line) => !line.startsWith('#')).join('\n').trim().split(/\n\s*\n/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  for (const line of last.split('\n')) {
    const match = /^freeze-override\s*:\s*(\S.*)$/i.exec(line.trim());
    if (match) return { reason: match[1].trim() };
  }
  return undefined;
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
