import { incidentCovers, isIncidentActive } from './freezeCoverage';
import { FreezeEvaluation, invalidText } from './freezeEvaluator';
import type { FreezeTarget, OverrideTrailer, TimedTarget } from './freezeEvaluator';
import { formatInZone } from '../time/timeZone';
import type { ChangeModel } from './engine';
import type { Enforcement, Incident } from '../model';
import type { SourceLocation } from '../problem';
import type { PatternMatch } from './report';

/**
 * Per-file warnings: what the editor shows on a file that is saved (or staged) while a freeze or an
 * incident concerns it. The work is split so the save path stays an index lookup:
 * `WarningSlice.build` does everything that depends only on the model and the instant (once per
 * manifest load and per time boundary); `slice.warningsFor(path)` is a `systemsOf` lookup plus map
 * reads.
 */

export type FileWarningCode = 'freeze-block' | 'freeze-warn' | 'freeze-overridden' | 'freeze-impacted' | 'incident-active';
export type FileWarningSeverity = 'error' | 'warning' | 'info';

/** What put a warning on a file: a freeze, or an incident (which may itself act as a freeze). */
export interface WarningCause {
  readonly kind: 'freeze' | 'incident';
  readonly id: string;
  readonly title: string;
}

export interface FileWarning {
  readonly severity: FileWarningSeverity;
  /** Stable: docs, code actions and tests rely on it (see docs/warnings.md). */
  readonly code: FileWarningCode;
  readonly message: string;
  readonly cause: WarningCause;
  /** The freeze or incident entry in the manifest. */
  readonly ruleRef: SourceLocation;
  /** Where to show it in the file: the first line, which needs no scrolling. */
  readonly range: { readonly line: number };
  /** The file's systems that brought the cause in (touched systems). */
  readonly systems: readonly string[];
  /** The patterns that put the file in those systems. */
  readonly matches: readonly PatternMatch[];
  /** For `freeze-impacted`: the dependency chain from the file's system to the frozen one. */
  readonly via: readonly string[];
  readonly owners: readonly string[];
  /** For freezes: the enforcement as declared, before overrides. */
  readonly enforcement?: Enforcement;
}

interface FrozenDependent {
  readonly timed: TimedTarget;
  /** The dependent system the freeze covers. */
  readonly id: string;
  /** From the file's system to `id`, both included. */
  readonly via: readonly string[];
}

export class WarningSlice {
  private readonly frozenDependentsCache = new Map<string, readonly FrozenDependent[]>();

  private constructor(
    private readonly model: ChangeModel,
    /** What applies at the slice's instant: the evaluator decides, the slice only words it. */
    private readonly evaluation: FreezeEvaluation,
    private readonly incidentsBySystem: ReadonlyMap<string, readonly Incident[]>,
  ) {}

  /** The instant the slice was built for. */
  get at(): number {
    return this.evaluation.at;
  }

  /**
   * The first instant at which the answers may change (a freeze starts or ends, an override
   * expires); `undefined` when nothing is scheduled within the look-ahead.
   */
  get validUntil(): number | undefined {
    return this.evaluation.validUntil;
  }

  static build(model: ChangeModel, at: number): WarningSlice {
    const manifest = model.manifest;
    const incidentsBySystem = new Map<string, Incident[]>();
    for (const incident of manifest.incidents.filter((incident) => isIncidentActive(incident, at))) {
      for (const system of manifest.systems) {
        if (incidentCovers(incident, system.id)) push(incidentsBySystem, system.id, incident);
      }
    }
    return new WarningSlice(model, FreezeEvaluation.at(model, at, 0), incidentsBySystem);
  }

  /**
   * The warnings for one repository-relative path, errors first. With the `Freeze-Override:`
   * trailer of a commit being written, the files it lets through read as overridden.
   */
  warningsFor(path: string, trailer?: OverrideTrailer): FileWarning[] {
    const matches = this.model.systemsOf(path);
    if (matches.length === 0) return [];
    const touched = unique(matches.map((match) => match.system));
    const warnings = [
      ...this.directFreezeWarnings(path, touched, matches, trailer),
      ...this.impactedFreezeWarnings(path, touched, matches),
      ...this.incidentWarnings(path, touched, matches),
    ];
    return warnings.sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
  }

  /** The strongest active freeze directly on the path (for explorer decorations), without building messages. */
  freezeOn(path: string): { enforcement: Enforcement; causes: readonly WarningCause[]; systems: readonly string[] } | undefined {
    let enforcement: Enforcement | undefined;
    const causes: WarningCause[] = [];
    const systems: string[] = [];
    for (const match of this.model.systemsOf(path)) {
      for (const timed of this.evaluation.activeOn(match.system)) {
        const { effect } = this.evaluation.decide(timed, path);
        // Released by an override: a block freeze still tints the file as a warning; a warn freeze not at all.
        const shown: Enforcement | undefined = effect === 'block' || effect === 'warn' ? effect
          : effect === 'released' && timed.target.enforcement === 'block' ? 'warn' : undefined;
        if (!shown) continue;
        const cause = causeOf(timed);
        if (!causes.some((known) => known.id === cause.id && known.kind === cause.kind)) causes.push(cause);
        if (!systems.includes(match.system)) systems.push(match.system);
        if (shown === 'block') enforcement = 'block';
        else enforcement ??= 'warn';
      }
    }
    return enforcement ? { enforcement, causes, systems } : undefined;
  }

  /** True when nothing is active at all: callers can skip work (and clear everything). */
  get isQuiet(): boolean {
    return !this.evaluation.targets.some((timed) => timed.timing.active) && this.incidentsBySystem.size === 0;
  }

  private directFreezeWarnings(path: string, touched: readonly string[], matches: readonly PatternMatch[], trailer?: OverrideTrailer): FileWarning[] {
    const warnings: FileWarning[] = [];
    for (const [timed, systems] of groupBySystem(touched, (system) => this.evaluation.activeOn(system))) {
      const decision = this.evaluation.decide(timed, path, trailer);
      if (decision.effect === 'exempt') continue;
      const { target } = timed;
      const override = decision.release?.override;
      const byTrailer = decision.release?.origin === 'trailer' ? decision.release : undefined;
      const code: FileWarningCode = decision.effect === 'released' ? 'freeze-overridden'
        : decision.effect === 'block' ? 'freeze-block' : 'freeze-warn';
      const systemMatches = matches.filter((match) => systems.includes(match.system));
      const owners = this.ownersOf(systems, path);
      const message = [
        invalidLine(target),
        `${describeCause(causeOf(timed))} freezes ${listSystems(systems)} (${target.enforcement}, ${windowTextOf(timed)})`,
        `: this file is in ${systems.length === 1 ? 'it' : 'them'} by ${listPatterns(systemMatches)}.`,
        target.reason && target.kind === 'freeze' ? ` Reason: ${target.reason}.` : '',
        target.kind === 'incident' ? ` Reason: ${target.reason}.` : '',
        code === 'freeze-block' ? ` Commits are blocked; an emergency change needs a "Freeze-Override: <reason>" trailer${target.kind === 'incident' ? ` naming ${target.id}` : ''}.` : '',
        override ? ` Overridden: ${override.reason} (approved by ${override.approvedBy}${override.expiresText ? `, until ${override.expiresText}` : ''}).` : '',
        byTrailer ? ` Overridden by the commit's Freeze-Override trailer: ${byTrailer.reason}.` : '',
        tellLine(owners), this.onCallLine(systems),
      ].join('');
      // An override on a warn freeze leaves nothing to warn about: it is shown as information only.
      const severity: FileWarningSeverity = code === 'freeze-block' ? 'error'
        : code === 'freeze-overridden' && target.enforcement === 'warn' ? 'info' : 'warning';
      warnings.push({
        severity, code, message, cause: causeOf(timed), ruleRef: target.source,
        range: firstLine, systems, matches: systemMatches, via: [], owners, enforcement: target.enforcement,
      });
    }
    return warnings;
  }

  private impactedFreezeWarnings(path: string, touched: readonly string[], matches: readonly PatternMatch[]): FileWarning[] {
    const seen = new Set<string>(touched.flatMap((system) => this.evaluation.activeOn(system)
      .filter((timed) => !timed.target.isExempt(path)).map(causeKey)));
    const warnings: FileWarning[] = [];
    for (const system of touched) {
      for (const { timed, id, via } of this.frozenDependentsOf(system)) {
        const key = causeKey(timed);
        if (seen.has(key)) continue;
        seen.add(key);
        const systemMatches = matches.filter((match) => match.system === system);
        const owners = this.ownersOf([id, system]);
        const message = [
          invalidLine(timed.target),
          `${describeCause(causeOf(timed))} freezes system ${id} (${timed.target.enforcement}, ${windowTextOf(timed)})`,
          `; ${id} depends on this file's system (${via.join(' → ')}), and the file is in ${system} by ${listPatterns(systemMatches)}.`,
          timed.target.reason ? ` Reason: ${timed.target.reason}.` : '',
          tellLine(owners), this.onCallLine([id, system]),
        ].join('');
        warnings.push({
          severity: 'warning', code: 'freeze-impacted', message, cause: causeOf(timed), ruleRef: timed.target.source, range: firstLine,
          systems: [system], matches: systemMatches, via, owners, enforcement: timed.target.enforcement,
        });
      }
    }
    return warnings;
  }

  /**
   * For each active freeze on a transitive dependent of `system`, the nearest such dependent and the
   * chain to it. Breadth first with parent links, so a long `dependsOn` chain costs O(systems), not
   * a chain array per dependent; memoised per slice.
   */
  private frozenDependentsOf(system: string): readonly FrozenDependent[] {
    const cached = this.frozenDependentsCache.get(system);
    if (cached) return cached;
    const parent = new Map<string, string>([[system, system]]);
    const found = new Map<string, FrozenDependent>();
    let layer = [system];
    while (layer.length > 0) {
      const next: string[] = [];
      for (const current of layer) {
        for (const dependent of this.model.graph.directDependents(current)) {
          if (parent.has(dependent)) continue;
          parent.set(dependent, current);
          next.push(dependent);
          for (const timed of this.evaluation.activeOn(dependent)) {
            if (!found.has(causeKey(timed))) found.set(causeKey(timed), { timed, id: dependent, via: chainTo(dependent, parent) });
          }
        }
      }
      layer = next;
    }
    const result = [...found.values()];
    this.frozenDependentsCache.set(system, result);
    return result;
  }

  private incidentWarnings(path: string, touched: readonly string[], matches: readonly PatternMatch[]): FileWarning[] {
    const warnings: FileWarning[] = [];
    for (const [incident, systems] of groupBySystem(touched, (system) => this.incidentsBySystem.get(system))) {
      const systemMatches = matches.filter((match) => systems.includes(match.system));
      const owners = unique([...(incident.commander ? [incident.commander] : []), ...this.ownersOf(systems, path)]);
      const message = [
        `Incident ${incident.id} "${incident.title}" (${incident.severity}, ${incident.status}) is open on ${listSystems(systems)}`,
        `: this file is in it by ${listPatterns(systemMatches)}.`,
        incident.commander ? ` Commander: ${incident.commander}.` : '',
        tellLine(owners), this.onCallLine(systems),
      ].join('');
      warnings.push({
        severity: 'info', code: 'incident-active', message, cause: { kind: 'incident', id: incident.id, title: incident.title },
        ruleRef: incident.source, range: firstLine, systems, matches: systemMatches, via: [], owners,
      });
    }
    return warnings;
  }

  /** ` On call now: payments: Ana Silva.` for the systems with an `oncall:` (static, or from a live source); empty when none has. */
  private onCallLine(systems: readonly string[]): string {
    const calls = unique(systems).flatMap((id) => {
      const text = this.model.systems.get(id)?.oncall;
      return text === undefined ? [] : [`${id}: ${text}`];
    });
    return calls.length > 0 ? ` On call now: ${calls.join('; ')}.` : '';
  }

  /** System owners, then the CODEOWNERS owners of the file when the repository has that file. */
  private ownersOf(systems: readonly string[], path?: string): string[] {
    const codeowners = path === undefined ? [] : this.model.codeowners?.ownersOf(path).owners ?? [];
    return unique([...systems.flatMap((system) => this.model.systems.get(system)?.owners ?? []), ...codeowners]);
  }
}

const firstLine = { line: 0 } as const;
const severityRank: Record<FileWarningSeverity, number> = { error: 0, warning: 1, info: 2 };

function causeOf({ target }: TimedTarget): WarningCause {
  return { kind: target.kind, id: target.id, title: target.title };
}

function windowTextOf({ target, timing }: TimedTarget): string {
  if (target.invalid) return 'in force until fixed';
  if (target.kind === 'incident') return 'until the incident is resolved';
  return timing.start !== undefined && timing.end !== undefined
    ? `${formatInZone(timing.start, target.timezone)} – ${formatInZone(timing.end, target.timezone)}`
    : 'while active';
}

/** The first words of every warning about an entry that is wrong. */
function invalidLine(target: FreezeTarget): string {
  return target.invalid
    ? `${target.kind === 'freeze' ? 'Freeze' : 'Incident'} ${target.id} is invalid (${invalidText(target.invalid)}); treated as in force until fixed. `
    : '';
}

function chainTo(id: string, parent: ReadonlyMap<string, string>): string[] {
  const chain = [id];
  for (let current = id; parent.get(current) !== current;) {
    current = parent.get(current) ?? current;
    chain.unshift(current);
  }
  return chain;
}

/** Groups the entries found on each system by entry, keeping the systems each one was found on. */
function groupBySystem<T>(systems: readonly string[], lookup: (system: string) => readonly T[] | undefined): Map<T, string[]> {
  const grouped = new Map<T, string[]>();
  for (const system of systems) {
    for (const entry of lookup(system) ?? []) push(grouped, entry, system);
  }
  return grouped;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function causeKey({ target }: TimedTarget): string {
  return `${target.kind}:${target.id}`;
}

/** The subject of a warning's first sentence, `… freezes system ledger (block, …)`, for a freeze and an incident alike. */
function describeCause(cause: WarningCause): string {
  const title = cause.title !== cause.id ? ` "${cause.title}"` : '';
  return cause.kind === 'freeze' ? `Freeze ${cause.id}${title}` : `Incident ${cause.id}${title}`;
}

function listSystems(systems: readonly string[]): string {
  return systems.length === 1 ? `system ${systems[0]}` : `systems ${systems.join(', ')}`;
}

function listPatterns(matches: readonly PatternMatch[]): string {
  const oneSystem = new Set(matches.map((match) => match.system)).size === 1;
  const patterns = matches.map((match) => (oneSystem ? `"${match.pattern}"` : `"${match.pattern}" (${match.system})`));
  return `${patterns.length === 1 ? 'pattern' : 'patterns'} ${patterns.join(', ')}`;
}

function tellLine(owners: readonly string[]): string {
  return owners.length > 0 ? ` Tell: ${owners.join(', ')}.` : '';
}
