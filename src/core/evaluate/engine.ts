import type { Codeowners } from '../paths/codeowners';
import { incidentCovers, isIncidentActive, severityRank } from './freezeCoverage';
import { compileFreezeRules, defaultHorizonDays, FreezeEvaluation, horizonMsOfDays, invalidText } from './freezeEvaluator';
import type { FreezeRules, FreezeTarget, OverrideTrailer, Release, TimedTarget } from './freezeEvaluator';
import { ImpactGraph } from './impactGraph';
import type { Dependent } from './impactGraph';
import { milestoneRisks } from './milestoneRisk';
import type { RiskPhrases } from './riskPhrases';
import type { Incident, Manifest, Override } from '../model';
import type { SystemsByPath } from '../paths/pathIndex';
import { ScanningLookup } from '../paths/patternScan';
import type {
  FileReport, FreezeReport, ImpactReport, IncidentReport, OverrideUse,
  OnCallReport, PathExplanation, PatternMatch, StatusReport, SystemReport,
} from './report';

/** Default look-ahead for upcoming freezes (and freeze risks of milestones): 7 days. */

/** The manifest compiled for repeated questions: build it once per manifest, ask many times. */
export interface ChangeModel extends FreezeRules {
  readonly index: SystemsByPath;
  readonly graph: ImpactGraph;
  readonly codeowners?: CodeownersLookup;
  /** Systems a path belongs to, with the pattern that put it there (manifest order). Index only: cheap enough for every save. */
  systemsOf(path: string): PatternMatch[];
}

/** What the engine asks of CODEOWNERS (the editor passes one that parses the file on first use). */
export type CodeownersLookup = Pick<Codeowners, 'ownersOf'>;

export interface CompileOptions {
  readonly codeowners?: CodeownersLookup;
  /** The path index of exactly `manifest.systems` (e.g. restored from a cache); built when absent. */
  readonly pathIndex?: SystemsByPath;
}

export interface AnalyzeOptions {
  /** How far ahead upcoming freezes are reported. Default {@link defaultHorizonDays} days. */
  readonly horizonMs?: number;
  /**
   * A `Freeze-Override:` commit trailer: lets the files held by block freezes through (and those
   * held by an incident-freeze when it names the incident id), reported as an override with origin
   * `trailer`. `approvedBy` defaults to `commit trailer` (e.g. pass the commit author).
   */
  readonly trailerOverride?: OverrideTrailer;
  /** The sentences of milestone risks; English by default (the editor passes its display language's). */
  readonly riskPhrases?: RiskPhrases;
}

export interface StatusOptions {
  readonly horizonMs?: number;
  readonly riskPhrases?: RiskPhrases;
}

export function compileModel(manifest: Manifest, options: CompileOptions = {}): ChangeModel {
  const index = options.pathIndex ?? new ScanningLookup(manifest.systems.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })));
  const systems = new Map(manifest.systems.map((s) => [s.id, s]));
  return {
    ...compileFreezeRules(manifest, systems),
    index,
    graph: ImpactGraph.build(manifest.systems),
    codeowners: options.codeowners,
    systemsOf: (path) => index.match(path),
  };
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const iso = (at: number | undefined): string | undefined => (at === undefined ? undefined : new Date(at).toISOString());

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

function overrideUse(release: Release, files: string[]): OverrideUse {
  const expires = iso(release.override?.expires);
  return {
    reason: release.reason, approvedBy: release.approvedBy, ...(expires !== undefined ? { expires } : {}), files, origin: release.origin,
    ...(release.override?.addedByChange ? { addedByChange: true } : {}),
  };
}

/** The report fields every freeze report shares. */
function freezeFacts({ target, timing }: TimedTarget): Omit<FreezeReport, 'systems' | 'files' | 'overridden' | 'overrides' | 'effect'> {
  return {
    id: target.id, title: target.title, reason: target.reason, kind: target.kind, enforcement: target.enforcement,
    active: timing.active, start: iso(timing.start), end: iso(timing.end), timezone: target.timezone, source: target.source,
    ...(target.invalid ? { invalid: invalidText(target.invalid) } : {}),
    ...(target.fromBase ? { fromBase: true } : {}),
    ...(target.live ? { live: { source: target.live.source, fetchedAt: iso(target.live.fetchedAt)! } } : {}),
    ...(target.origin ? { origin: target.origin } : {}),
  };
}

function incidentReport(incident: Incident, systems: readonly string[]): IncidentReport {
  return {
    id: incident.id, title: incident.title, severity: incident.severity, status: incident.status, systems,
    started: iso(incident.started), commander: incident.commander, url: incident.url, source: incident.source,
    ...(incident.live ? { live: { source: incident.live.source, fetchedAt: iso(incident.live.fetchedAt)! } } : {}),
    ...(incident.origin ? { origin: incident.origin } : {}),
  };
}

/** Active incidents on `systems` (all systems when undefined), worst severity first, then manifest order. */
function incidentReports(model: ChangeModel, at: number, systems?: readonly string[]): IncidentReport[] {
  return model.manifest.incidents
    .filter((incident) => isIncidentActive(incident, at) && !incident.fromBase)
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
 * How one freeze applies to a change, as the evaluator decides file by file. Exempt files are out
 * of the freeze altogether: they neither count as touched nor make dependents impacted. Touched,
 * covered files follow the enforcement unless released; covered systems reached only through
 * `dependsOn` warn. Returns undefined when the freeze covers none of the change's systems.
 */
function evaluateFreeze(change: Change, evaluation: FreezeEvaluation, timed: TimedTarget, trailer: OverrideTrailer | undefined): FreezeReport | undefined {
  const { target, timing } = timed;
  const systems = change.systemIds.filter((id) => target.covers(id));
  if (systems.length === 0) {
    return undefined;
  }
  const kept = change.files.filter((file) => !target.isExempt(file.path));
  const files = kept.filter((file) => file.systems.some((id) => target.covers(id))).map((file) => file.path);

  const released = new Map<Override | 'trailer', { release: Release; files: string[] }>();
  const remaining: string[] = [];
  for (const path of files) {
    const decision = evaluation.decide(timed, path, trailer);
    if (decision.release) {
      const key = decision.release.override ?? 'trailer';
      const entry = released.get(key) ?? { release: decision.release, files: [] };
      entry.files.push(path);
      released.set(key, entry);
    } else {
      remaining.push(path);
    }
  }
  const manifestReleases = [...released.entries()].filter(([key]) => key !== 'trailer').map(([, value]) => value);
  const trailerRelease = released.get('trailer');
  const overrides = [...manifestReleases, ...(trailerRelease ? [trailerRelease] : [])].map(({ release, files: through }) => overrideUse(release, through));

  let effect: FreezeReport['effect'] = 'none';
  if (timing.active && remaining.length > 0) {
    effect = target.enforcement;
  } else if (timing.active && trailerRelease) {
    // A trailer turns the block into a warning: the commit passes, the report still says why.
    effect = 'warn';
  } else if (timing.active && impactedCovered(change, target, kept)) {
    effect = 'warn';
  }
  return { ...freezeFacts(timed), systems, files, overridden: overrides.length > 0, overrides, effect };
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
    id, title: system?.title ?? id, touched: via.length === 0, via, owners: system?.owners ?? [], tier: system?.tier, oncall: system?.oncall,
  };
}

/** `{ oncall }` of the systems that have an `oncall:`, in the order given; `{}` when none has. */
function onCallOf(model: ChangeModel, ids: readonly string[]): { oncall?: OnCallReport[] } {
  const oncall = ids.flatMap((id): OnCallReport[] => {
    const text = model.systems.get(id)?.oncall;
    return text === undefined ? [] : [{ system: id, oncall: text }];
  });
  return oncall.length > 0 ? { oncall } : {};
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
  const horizonMs = options.horizonMs ?? horizonMsOfDays(defaultHorizonDays);
  const change = describeChange(model, paths, at);
  const files = change.files.map((file) => fileReport(model, file));
  // Only the freezes on the change's systems can apply to it: no other window is computed.
  const evaluation = FreezeEvaluation.at(model, at, horizonMs, change.systemIds);
  const freezes = evaluation.targets
    .map((timed) => evaluateFreeze(change, evaluation, timed, options.trailerOverride))
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
    incidents: incidentReports(model, at, change.systemIds),
    milestones: milestoneRisks(model.manifest, at, inChange, model.systems, options.riskPhrases),
    owners: unique([...ownersOf(model, change.touched), ...files.flatMap((file) => file.codeowners)]),
    ...onCallOf(model, change.touched),
  };
}

// ---------------------------------------------------------------------------------------------
// explainPath and statusReport

export interface ExplainOptions extends AnalyzeOptions {
  /** For a directory: the files below it, explained together with the directory itself. */
  readonly below?: readonly string[];
}

/** `change-radar explain PATH`: the analysis of a one-file change (or of a directory and the files below it), seen from the path. */
export function explainPath(model: ChangeModel, path: string, at: number, options: ExplainOptions = {}): PathExplanation {
  const report = analyzeChange(model, [path, ...(options.below ?? [])], at, options);
  const matches = unique(report.files.flatMap((file) => file.matches.map((match) => JSON.stringify([match.system, match.pattern]))))
    .map((key) => JSON.parse(key) as [string, string])
    .map(([system, pattern]): PatternMatch => ({ system, pattern }));
  const systems = unique(matches.map((match) => match.system));
  const own = report.files.find((file) => file.path === path) ?? report.files[0];
  return {
    path,
    matches,
    dependents: report.systems.filter((system) => !system.touched),
    freezes: report.freezes,
    incidents: report.incidents,
    milestones: report.milestones,
    systemOwners: ownersOf(model, systems),
    ...onCallOf(model, systems),
    codeowners: own?.codeowners ?? [],
    codeownersLine: own?.codeownersLine,
  };
}

/**
 * The whole manifest at `at`. Freezes list every system they cover (manifest order), no files,
 * effect `none`; their `overrides` are the unexpired ones (files empty), `overridden` when any.
 */
export function statusReport(model: ChangeModel, at: number, options: StatusOptions = {}): StatusReport {
  const horizonMs = options.horizonMs ?? horizonMsOfDays(defaultHorizonDays);
  const allIds = model.manifest.systems.map((s) => s.id);
  const evaluation = FreezeEvaluation.at(model, at, horizonMs);
  const freezes = evaluation.targets.map((timed): FreezeReport => {
    const overrides = evaluation.overridesOf(timed).map(({ override }) => overrideUse({ origin: 'manifest', reason: override.reason, approvedBy: override.approvedBy, override }, []));
    return {
      ...freezeFacts(timed), systems: allIds.filter((id) => timed.target.covers(id)), files: [], overridden: overrides.length > 0, overrides, effect: 'none',
    };
  });
  return {
    at: new Date(at).toISOString(),
    incidents: incidentReports(model, at),
    freezes,
    milestonesAtRisk: milestoneRisks(model.manifest, at, undefined, undefined, options.riskPhrases),
  };
}
