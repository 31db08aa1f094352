import type { Codeowners } from './codeowners';
import { freezeWindowAt, nextFreezeWindow } from './freezeClock';
import type { Window } from './freezeClock';
import { freezeCovers, incidentCovers, isIncidentActive, severityRank } from './freezeCoverage';
import { compileGlobSet } from './globMatcher';
import type { GlobSet } from './globMatcher';
import { ImpactGraph } from './impactGraph';
import type { Dependent } from './impactGraph';
import { milestoneRisks } from './milestoneRisk';
import type { Enforcement, Freeze, Incident, Manifest, Override, SystemDef } from './model';
import { PathIndex } from './pathIndex';
import type { SourceLocation } from './problem';
import type {
  FileReport, FreezeReport, ImpactReport, IncidentReport, MilestoneReport, OverrideUse,
  PathExplanation, PatternMatch, StatusReport, SystemReport,
} from './report';

/** Default look-ahead for upcoming freezes (and freeze risks of milestones): 7 days. */
export const defaultHorizonMs = 7 * 24 * 3_600_000;

/** An `overrides:` entry with its path globs compiled; `paths` absent means every covered file. */
export interface CompiledOverride {
  readonly override: Override;
  readonly paths?: GlobSet;
}

/** The manifest compiled for repeated questions: build it once per manifest, ask many times. */
export interface ChangeModel {
  readonly manifest: Manifest;
  readonly index: PathIndex;
  readonly graph: ImpactGraph;
  readonly systems: ReadonlyMap<string, SystemDef>;
  readonly codeowners?: Codeowners;
  /** Compiled `exempt` globs of each freeze that has any. */
  readonly exempt: ReadonlyMap<Freeze, GlobSet>;
  /** Overrides by the freeze (or incident) id they name, in manifest order. */
  readonly overrides: ReadonlyMap<string, readonly CompiledOverride[]>;
  /** Systems a path belongs to, with the pattern that put it there (manifest order). Index only: cheap enough for every save. */
  systemsOf(path: string): PatternMatch[];
}

export interface CompileOptions {
  readonly codeowners?: Codeowners;
}

export interface AnalyzeOptions {
  /** How far ahead upcoming freezes are reported. Default {@link defaultHorizonMs}. */
  readonly horizonMs?: number;
  /**
   * A `Freeze-Override:` commit trailer: lets every blocked file through, reported as an override
   * with origin `trailer`. `approvedBy` defaults to `commit trailer` (e.g. pass the commit author).
   */
  readonly trailerOverride?: { readonly reason: string; readonly approvedBy?: string };
}

export interface StatusOptions {
  readonly horizonMs?: number;
}

export function compileModel(manifest: Manifest, options: CompileOptions = {}): ChangeModel {
  const index = PathIndex.build(manifest.systems.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })));
  const exempt = new Map<Freeze, GlobSet>();
  for (const freeze of manifest.freezes) {
    if (freeze.exempt.length > 0) {
      exempt.set(freeze, compileGlobSet(freeze.exempt));
    }
  }
  const overrides = new Map<string, CompiledOverride[]>();
  for (const override of manifest.overrides) {
    const compiled = { override, paths: override.paths.length > 0 ? compileGlobSet(override.paths) : undefined };
    overrides.set(override.freeze, [...(overrides.get(override.freeze) ?? []), compiled]);
  }
  return {
    manifest,
    index,
    graph: ImpactGraph.build(manifest.systems),
    systems: new Map(manifest.systems.map((s) => [s.id, s])),
    codeowners: options.codeowners,
    exempt,
    overrides,
    systemsOf: (path) => index.match(path),
  };
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const iso = (at: number | undefined): string | undefined => (at === undefined ? undefined : new Date(at).toISOString());

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** A freeze, or an incident acting as one, reduced to what the evaluation needs. */
interface FreezeTarget {
  readonly id: string;
  readonly title: string;
  readonly reason?: string;
  readonly kind: 'freeze' | 'incident';
  readonly enforcement: Enforcement;
  readonly timezone: string;
  readonly source: SourceLocation;
  readonly exempt?: GlobSet;
  covers(systemId: string): boolean;
}

/** When a target applies: `active` with its current window, or upcoming with its next one. */
interface Timing {
  readonly active: boolean;
  readonly start?: number;
  readonly end?: number;
  /** The instant overrides must still be valid at: now when active, the window start when upcoming. */
  readonly overridesAt: number;
}

interface TimedTarget {
  readonly target: FreezeTarget;
  readonly timing: Timing;
}

function freezeTarget(model: ChangeModel, freeze: Freeze): FreezeTarget {
  return {
    id: freeze.id, title: freeze.title, reason: freeze.reason, kind: 'freeze', enforcement: freeze.enforcement,
    timezone: freeze.timezone, source: freeze.source, exempt: model.exempt.get(freeze),
    covers: (id) => freezeCovers(freeze, id, model.systems.get(id)),
  };
}

function incidentTarget(model: ChangeModel, incident: Incident, enforcement: Enforcement): FreezeTarget {
  return {
    id: incident.id, title: incident.title, reason: `${incident.severity} incident, ${incident.status}`,
    kind: 'incident', enforcement, timezone: model.manifest.timezone, source: incident.source,
    covers: (id) => incidentCovers(incident, id),
  };
}

/**
 * Every freeze that applies at `at`: active ones first (freezes, then incident freezes, each in
 * manifest order), then freezes starting within the horizon (by start, then manifest order).
 */
function timedTargets(model: ChangeModel, at: number, horizonMs: number): TimedTarget[] {
  const active: TimedTarget[] = [];
  const upcoming: TimedTarget[] = [];
  const timing = (window: Window, isActive: boolean): Timing => ({
    active: isActive, start: window.start, end: window.end, overridesAt: isActive ? at : window.start,
  });
  for (const freeze of model.manifest.freezes) {
    const current = freezeWindowAt(freeze, at);
    const next = current ? undefined : nextFreezeWindow(freeze, at, horizonMs);
    if (current) {
      active.push({ target: freezeTarget(model, freeze), timing: timing(current, true) });
    } else if (next) {
      upcoming.push({ target: freezeTarget(model, freeze), timing: timing(next, false) });
    }
  }
  for (const incident of model.manifest.incidents) {
    if (incident.freeze && isIncidentActive(incident)) {
      active.push({
        target: incidentTarget(model, incident, incident.freeze),
        timing: { active: true, start: incident.started, overridesAt: at },
      });
    }
  }
  upcoming.sort((a, b) => (a.timing.start ?? 0) - (b.timing.start ?? 0));
  return [...active, ...upcoming];
}

function activeOverrides(model: ChangeModel, id: string, at: number): CompiledOverride[] {
  return (model.overrides.get(id) ?? []).filter(({ override }) => override.expires === undefined || override.expires > at);
}

function overrideUse(override: Override, files: string[]): OverrideUse {
  return {
    reason: override.reason, approvedBy: override.approvedBy, expires: iso(override.expires), files, origin: 'manifest',
  };
}

function incidentReport(incident: Incident, systems: readonly string[]): IncidentReport {
  return {
    id: incident.id, title: incident.title, severity: incident.severity, status: incident.status, systems,
    started: iso(incident.started), commander: incident.commander, url: incident.url, source: incident.source,
  };
}

/** Active incidents on `systems` (all systems when undefined), worst severity first, then manifest order. */
function incidentReports(model: ChangeModel, systems?: readonly string[]): IncidentReport[] {
  return model.manifest.incidents
    .filter(isIncidentActive)
    .map((incident) => incidentReport(incident, systems
      ? systems.filter((id) => incidentCovers(incident, id))
      : incident.systems))
    .filter((report) => !systems || report.systems.length > 0)
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

// ---------------------------------------------------------------------------------------------
// analyzeChange

interface FileInfo {
  readonly path: string;
  readonly matches: readonly PatternMatch[];
  readonly systems: readonly string[];
}

/** The change set once path matching and the graph walk are done. */
interface Change {
  readonly model: ChangeModel;
  readonly at: number;
  readonly files: readonly FileInfo[];
  readonly touched: readonly string[];
  readonly impacted: readonly Dependent[];
  /** Touched then impacted ids, the report's system order. */
  readonly systemIds: readonly string[];
}

function describeChange(model: ChangeModel, paths: readonly string[], at: number): Change {
  const files = unique(paths).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((path): FileInfo => {
    const matches = model.systemsOf(path);
    return { path, matches, systems: unique(matches.map((m) => m.system)) };
  });
  const touchedSet = new Set(files.flatMap((file) => file.systems));
  const touched = model.manifest.systems.map((s) => s.id).filter((id) => touchedSet.has(id));
  const impacted = model.graph.dependentsOf(touched);
  return { model, at, files, touched, impacted, systemIds: [...touched, ...impacted.map((d) => d.id)] };
}

/**
 * How one freeze applies to a change. Exempt files are out of the freeze altogether: they neither
 * count as touched nor make dependents impacted. Touched, covered files follow the enforcement;
 * covered systems reached only through `dependsOn` warn. Returns undefined when the freeze covers
 * none of the change's systems.
 */
function evaluateFreeze(change: Change, { target, timing }: TimedTarget, trailer: AnalyzeOptions['trailerOverride']): FreezeReport | undefined {
  const systems = change.systemIds.filter((id) => target.covers(id));
  if (systems.length === 0) {
    return undefined;
  }
  const { exempt } = target;
  const kept = exempt ? change.files.filter((file) => exempt.match(file.path) === undefined) : change.files;
  const files = kept.filter((file) => file.systems.some((id) => target.covers(id))).map((file) => file.path);

  const overrides: OverrideUse[] = [];
  const overridden = new Set<string>();
  for (const { override, paths } of activeOverrides(change.model, target.id, timing.overridesAt)) {
    const letThrough = files.filter((path) => !paths || paths.match(path) !== undefined);
    if (letThrough.length > 0) {
      overrides.push(overrideUse(override, letThrough));
      letThrough.forEach((path) => overridden.add(path));
    }
  }
  const remaining = files.filter((path) => !overridden.has(path));
  const blocks = timing.active && target.enforcement === 'block' && remaining.length > 0;
  if (blocks && trailer) {
    overrides.push({ reason: trailer.reason, approvedBy: trailer.approvedBy ?? 'commit trailer', files: remaining, origin: 'trailer' });
  }

  let effect: FreezeReport['effect'] = 'none';
  if (timing.active && remaining.length > 0) {
    // A trailer turns the block into a warning: the commit passes, the report still says why.
    effect = blocks && !trailer ? 'block' : 'warn';
  } else if (timing.active && impactedCovered(change, target, kept)) {
    effect = 'warn';
  }
  return {
    id: target.id, title: target.title, reason: target.reason, kind: target.kind, enforcement: target.enforcement,
    active: timing.active, start: iso(timing.start), end: iso(timing.end), timezone: target.timezone,
    systems, files, overridden: overrides.length > 0, overrides, effect, source: target.source,
  };
}

/** Whether the freeze covers a system impacted (not touched) by the non-exempt files `kept`. */
function impactedCovered(change: Change, target: FreezeTarget, kept: readonly FileInfo[]): boolean {
  const impacted = kept.length === change.files.length
    ? change.impacted
    : change.model.graph.dependentsOf(unique(kept.flatMap((file) => file.systems)));
  return impacted.some((dependent) => target.covers(dependent.id));
}

function systemReport(model: ChangeModel, id: string, via: readonly string[]): SystemReport {
  const system = model.systems.get(id);
  return {
    id, title: system?.title ?? id, touched: via.length === 0, via, owners: system?.owners ?? [], tier: system?.tier,
  };
}

function ownersOf(model: ChangeModel, ids: readonly string[]): string[] {
  return unique(ids.flatMap((id) => model.systems.get(id)?.owners ?? []));
}

function fileReport(model: ChangeModel, file: FileInfo): FileReport {
  const codeowners = model.codeowners?.ownersOf(file.path);
  return {
    path: file.path,
    systems: file.systems,
    matches: file.matches,
    owners: unique([...ownersOf(model, file.systems), ...(codeowners?.owners ?? [])]),
    codeowners: codeowners?.owners ?? [],
    codeownersLine: codeowners?.line,
  };
}

/**
 * What a change to `paths` means at `at`. Ordering (stable, relied on by the CLI's JSON):
 * - `files`: unique paths sorted by UTF-16 code units; each file's systems/matches in manifest order.
 * - `systems`: touched systems in manifest order, then impacted ones by chain length, then manifest order.
 * - `freezes`: active (freezes, then incident freezes, manifest order), then upcoming by start.
 * - `incidents`: worst severity first, then manifest order.
 * - `milestones`: by due date (undated last), then manifest order.
 * - `owners`: touched systems' owners (system order), then CODEOWNERS owners (file order), deduplicated.
 */
export function analyzeChange(model: ChangeModel, paths: readonly string[], at: number, options: AnalyzeOptions = {}): ImpactReport {
  const horizonMs = options.horizonMs ?? defaultHorizonMs;
  const change = describeChange(model, paths, at);
  const files = change.files.map((file) => fileReport(model, file));
  const freezes = timedTargets(model, at, horizonMs)
    .map((timed) => evaluateFreeze(change, timed, options.trailerOverride))
    .filter((report): report is FreezeReport => report !== undefined);
  const inChange = new Set(change.systemIds);
  return {
    at: new Date(at).toISOString(),
    blocked: freezes.some((freeze) => freeze.effect === 'block'),
    files,
    systems: [
      ...change.touched.map((id) => systemReport(model, id, [])),
      ...change.impacted.map((dependent) => systemReport(model, dependent.id, dependent.via)),
    ],
    freezes,
    incidents: incidentReports(model, change.systemIds),
    milestones: relatedMilestones(model, at, inChange),
    owners: unique([...ownersOf(model, change.touched), ...files.flatMap((file) => file.codeowners)]),
  };
}

function relatedMilestones(model: ChangeModel, at: number, systems: ReadonlySet<string>): MilestoneReport[] {
  return milestoneRisks(model.manifest, at, systems);
}

// ---------------------------------------------------------------------------------------------
// explainPath and statusReport

/** `change-radar explain PATH`: the analysis of a one-file change, seen from the path. */
export function explainPath(model: ChangeModel, path: string, at: number, options: AnalyzeOptions = {}): PathExplanation {
  const report = analyzeChange(model, [path], at, options);
  const [file] = report.files;
  return {
    path,
    matches: file.matches,
    dependents: report.systems.filter((system) => !system.touched),
    freezes: report.freezes,
    incidents: report.incidents,
    milestones: report.milestones,
    systemOwners: ownersOf(model, file.systems),
    codeowners: file.codeowners,
    codeownersLine: file.codeownersLine,
  };
}

/**
 * The whole manifest at `at`. Freezes list every system they cover (manifest order), no files,
 * effect `none`; their `overrides` are the unexpired ones (files empty), `overridden` when any.
 */
export function statusReport(model: ChangeModel, at: number, options: StatusOptions = {}): StatusReport {
  const horizonMs = options.horizonMs ?? defaultHorizonMs;
  const allIds = model.manifest.systems.map((s) => s.id);
  const freezes = timedTargets(model, at, horizonMs).map(({ target, timing }): FreezeReport => {
    const overrides = activeOverrides(model, target.id, timing.overridesAt).map(({ override }) => overrideUse(override, []));
    return {
      id: target.id, title: target.title, reason: target.reason, kind: target.kind, enforcement: target.enforcement,
      active: timing.active, start: iso(timing.start), end: iso(timing.end), timezone: target.timezone,
      systems: allIds.filter((id) => target.covers(id)), files: [], overridden: overrides.length > 0, overrides,
      effect: 'none', source: target.source,
    };
  });
  return {
    at: new Date(at).toISOString(),
    incidents: incidentReports(model),
    freezes,
    milestonesAtRisk: milestoneRisks(model.manifest, at),
  };
}
