import { freezeWindowAt, nextFreezeWindow } from './freezeClock';
import { freezeCovers, incidentCovers, isIncidentActive } from './freezeCoverage';
import { formatInZone } from './timeZone';
import type { ChangeModel, CompiledOverride } from './engine';
import type { Enforcement, Freeze, Incident, Override } from './model';
import type { SourceLocation } from './problem';
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

/** A freeze (or an incident acting as one) that is active for the whole slice. */
interface ActiveFreeze {
  readonly cause: WarningCause;
  readonly enforcement: Enforcement;
  readonly reason?: string;
  readonly windowText: string;
  readonly source: SourceLocation;
  readonly isExempt: (path: string) => boolean;
  readonly overrides: readonly ActiveOverride[];
}

interface FrozenDependent {
  readonly freeze: ActiveFreeze;
  /** The dependent system the freeze covers. */
  readonly id: string;
  /** From the file's system to `id`, both included. */
  readonly via: readonly string[];
}

interface ActiveOverride {
  readonly override: Override;
  readonly covers: (path: string) => boolean;
}

/** Day length caps how far ahead the slice looks for the next freeze start (and so how long a timer runs). */
const lookAheadMs = 31 * 24 * 60 * 60 * 1000;

export class WarningSlice {
  private readonly frozenDependentsCache = new Map<string, readonly FrozenDependent[]>();

  private constructor(
    private readonly model: ChangeModel,
    /** The instant the slice was built for. */
    readonly at: number,
    /**
     * The first instant at which the answers may change (a freeze starts or ends, an override
     * expires); `undefined` when nothing is scheduled within the look-ahead.
     */
    readonly validUntil: number | undefined,
    private readonly freezesBySystem: ReadonlyMap<string, readonly ActiveFreeze[]>,
    private readonly incidentsBySystem: ReadonlyMap<string, readonly Incident[]>,
  ) {}

  static build(model: ChangeModel, at: number): WarningSlice {
    const manifest = model.manifest;
    const freezesBySystem = new Map<string, ActiveFreeze[]>();
    const incidentsBySystem = new Map<string, Incident[]>();
    let validUntil: number | undefined;
    const boundary = (instant: number | undefined): void => {
      if (instant !== undefined && instant > at && (validUntil === undefined || instant < validUntil)) validUntil = instant;
    };

    for (const freeze of manifest.freezes) {
      const window = freezeWindowAt(freeze, at);
      if (!window) {
        boundary(nextFreezeWindow(freeze, at, lookAheadMs)?.start);
        continue;
      }
      boundary(window.end);
      const overrides = activeOverrides(model, freeze.id, at);
      for (const active of overrides) boundary(active.override.expires);
      const entry = activeFreeze(model, freeze, window, overrides);
      for (const system of manifest.systems) {
        if (freezeCovers(freeze, system.id, system)) push(freezesBySystem, system.id, entry);
      }
    }

    // Incidents change by status (a manifest edit), not by the clock: they set no boundary.
    for (const incident of manifest.incidents.filter(isIncidentActive)) {
      const asFreeze = incident.freeze ? incidentFreeze(model, incident, incident.freeze, at) : undefined;
      for (const system of manifest.systems) {
        if (!incidentCovers(incident, system.id)) continue;
        push(incidentsBySystem, system.id, incident);
        if (asFreeze) push(freezesBySystem, system.id, asFreeze);
      }
    }

    return new WarningSlice(model, at, validUntil, freezesBySystem, incidentsBySystem);
  }

  /** The warnings for one repository-relative path, errors first. */
  warningsFor(path: string): FileWarning[] {
    const matches = this.model.systemsOf(path);
    if (matches.length === 0) return [];
    const touched = unique(matches.map((match) => match.system));
    const warnings = [
      ...this.directFreezeWarnings(path, touched, matches),
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
      for (const freeze of this.freezesBySystem.get(match.system) ?? []) {
        if (freeze.isExempt(path)) continue;
        if (!causes.some((cause) => cause.id === freeze.cause.id && cause.kind === freeze.cause.kind)) causes.push(freeze.cause);
        if (!systems.includes(match.system)) systems.push(match.system);
        if (freeze.enforcement === 'block') enforcement = 'block';
        else enforcement ??= 'warn';
      }
    }
    return enforcement ? { enforcement, causes, systems } : undefined;
  }

  /** True when nothing is active at all: callers can skip work (and clear everything). */
  get isQuiet(): boolean {
    return this.freezesBySystem.size === 0 && this.incidentsBySystem.size === 0;
  }

  private directFreezeWarnings(path: string, touched: readonly string[], matches: readonly PatternMatch[]): FileWarning[] {
    const warnings: FileWarning[] = [];
    for (const [freeze, systems] of groupBySystem(touched, (system) => this.freezesBySystem.get(system))) {
      if (freeze.isExempt(path)) continue;
      const override = freeze.overrides.find((active) => active.covers(path))?.override;
      const code: FileWarningCode = override && freeze.enforcement === 'block' ? 'freeze-overridden'
        : freeze.enforcement === 'block' ? 'freeze-block' : 'freeze-warn';
      const systemMatches = matches.filter((match) => systems.includes(match.system));
      const owners = this.ownersOf(systems, path);
      const message = [
        `${describeCause(freeze.cause)} (${freeze.enforcement}, ${freeze.windowText}) covers ${listSystems(systems)}`,
        `: this file is in it by ${listPatterns(systemMatches)}.`,
        freeze.reason ? ` Reason: ${freeze.reason}.` : '',
        code === 'freeze-block' ? ' Commits are blocked; an emergency change needs a "Freeze-Override: <reason>" trailer.' : '',
        override ? ` Overridden: ${override.reason} (approved by ${override.approvedBy}${override.expiresText ? `, until ${override.expiresText}` : ''}).` : '',
        tellLine(owners),
      ].join('');
      warnings.push({
        severity: code === 'freeze-block' ? 'error' : 'warning', code, message, cause: freeze.cause, ruleRef: freeze.source,
        range: firstLine, systems, matches: systemMatches, via: [], owners, enforcement: freeze.enforcement,
      });
    }
    return warnings;
  }

  private impactedFreezeWarnings(path: string, touched: readonly string[], matches: readonly PatternMatch[]): FileWarning[] {
    const seen = new Set<string>(touched.flatMap((system) => (this.freezesBySystem.get(system) ?? [])
      .filter((freeze) => !freeze.isExempt(path)).map(causeKey)));
    const warnings: FileWarning[] = [];
    for (const system of touched) {
      for (const { freeze, id, via } of this.frozenDependentsOf(system)) {
        const key = causeKey(freeze);
        if (seen.has(key)) continue;
        seen.add(key);
        const systemMatches = matches.filter((match) => match.system === system);
        const owners = this.ownersOf([id, system]);
        const message = [
          `${describeCause(freeze.cause)} (${freeze.enforcement}, ${freeze.windowText}) covers ${id}, which depends on this file's system`,
          ` (${via.join(' → ')}); the file is in ${system} by ${listPatterns(systemMatches)}.`,
          freeze.reason ? ` Reason: ${freeze.reason}.` : '',
          tellLine(owners),
        ].join('');
        warnings.push({
          severity: 'warning', code: 'freeze-impacted', message, cause: freeze.cause, ruleRef: freeze.source, range: firstLine,
          systems: [system], matches: systemMatches, via, owners, enforcement: freeze.enforcement,
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
          for (const freeze of this.freezesBySystem.get(dependent) ?? []) {
            if (!found.has(causeKey(freeze))) found.set(causeKey(freeze), { freeze, id: dependent, via: chainTo(dependent, parent) });
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
        tellLine(owners),
      ].join('');
      warnings.push({
        severity: 'info', code: 'incident-active', message, cause: { kind: 'incident', id: incident.id, title: incident.title },
        ruleRef: incident.source, range: firstLine, systems, matches: systemMatches, via: [], owners,
      });
    }
    return warnings;
  }

  /** System owners, then the CODEOWNERS owners of the file when the repository has that file. */
  private ownersOf(systems: readonly string[], path?: string): string[] {
    const codeowners = path === undefined ? [] : this.model.codeowners?.ownersOf(path).owners ?? [];
    return unique([...systems.flatMap((system) => this.model.systems.get(system)?.owners ?? []), ...codeowners]);
  }
}

const firstLine = { line: 0 } as const;
const severityRank: Record<FileWarningSeverity, number> = { error: 0, warning: 1, info: 2 };

function activeFreeze(model: ChangeModel, freeze: Freeze, window: { start: number; end: number }, overrides: readonly ActiveOverride[]): ActiveFreeze {
  const exempt = model.exempt.get(freeze);
  return {
    cause: { kind: 'freeze', id: freeze.id, title: freeze.title },
    enforcement: freeze.enforcement,
    ...(freeze.reason !== undefined ? { reason: freeze.reason } : {}),
    windowText: `${formatInZone(window.start, freeze.timezone)} – ${formatInZone(window.end, freeze.timezone)}`,
    source: freeze.source,
    isExempt: (path) => exempt?.match(path) !== undefined,
    overrides,
  };
}

function incidentFreeze(model: ChangeModel, incident: Incident, enforcement: Enforcement, at: number): ActiveFreeze {
  return {
    cause: { kind: 'incident', id: incident.id, title: incident.title },
    enforcement,
    reason: `incident ${incident.id} (${incident.severity}, ${incident.status})`,
    windowText: 'until the incident is resolved',
    source: incident.source,
    isExempt: () => false,
    overrides: activeOverrides(model, incident.id, at),
  };
}

function activeOverrides(model: ChangeModel, freezeId: string, at: number): ActiveOverride[] {
  return (model.overrides.get(freezeId) ?? [])
    .filter(({ override }) => override.expires === undefined || override.expires > at)
    .map((compiled: CompiledOverride) => ({
      override: compiled.override,
      covers: (path: string) => compiled.paths === undefined || compiled.paths.match(path) !== undefined,
    }));
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

function causeKey(freeze: ActiveFreeze): string {
  return `${freeze.cause.kind}:${freeze.cause.id}`;
}

function describeCause(cause: WarningCause): string {
  return cause.kind === 'freeze' ? `Freeze ${cause.id} "${cause.title}"` : `Incident ${cause.id} "${cause.title}" freezes changes`;
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
