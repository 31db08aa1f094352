import type { ChangeModel } from '../evaluate/engine';
import { FreezeEvaluation, freezeTimingAt } from '../evaluate/freezeEvaluator';
import { incidentCovers, isIncidentActive } from '../evaluate/freezeCoverage';
import type { Enforcement, Freeze, Incident, SystemDef } from '../model';
import { formatInZone } from '../time/timeZone';
import { englishInsightPhrases } from './insightPhrases';
import type { InsightPhrases } from './insightPhrases';

/**
 * The facts hover and CodeLens show for a system or a freeze of the manifest being edited: one
 * facts function each, both surfaces write from it (so the lens above an id and the hover on it
 * never disagree). Freezes are asked of the evaluator; files are counted by {@link filesPerSystem}.
 * Pure: the model, the tracked file list and the instant come in.
 */
export interface SystemFacts {
  readonly system: SystemDef;
  /** Tracked files in the system; undefined when the file list is not known (e.g. untrusted workspace). */
  readonly files?: number;
  /** Freezes (and incident-freezes) in force on it now, by title and id. */
  readonly activeFreezes: readonly { readonly id: string; readonly title: string; readonly kind: 'freeze' | 'incident'; readonly enforcement: Enforcement }[];
  readonly activeIncidents: readonly Incident[];
  /** Systems that depend on it directly. */
  readonly dependents: readonly string[];
}

/** Tracked files per system id, counted once per file list. */
export function filesPerSystem(model: ChangeModel, files: readonly string[], ignore: readonly string[] = []): Map<string, number> {
  const skip = new Set(ignore);
  const counts = new Map<string, number>();
  for (const file of files) {
    if (skip.has(file)) continue;
    for (const id of new Set(model.systemsOf(file).map((m) => m.system))) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Pass `evaluation` (`FreezeEvaluation.at(model, at, 0)`) when asking for many systems at one instant. */
export function systemFacts(
  model: ChangeModel, id: string, at: number, counts?: ReadonlyMap<string, number>, evaluation = FreezeEvaluation.at(model, at, 0),
): SystemFacts | undefined {
  const system = model.systems.get(id);
  if (system === undefined) return undefined;
  return {
    system,
    ...(counts !== undefined ? { files: counts.get(id) ?? 0 } : {}),
    activeFreezes: evaluation.activeOn(id).map(({ target }) => ({ id: target.id, title: target.title, kind: target.kind, enforcement: target.enforcement })),
    activeIncidents: model.manifest.incidents.filter((incident) => !incident.fromBase && isIncidentActive(incident, at) && incidentCovers(incident, id)),
    dependents: model.graph.directDependents(id),
  };
}

/** `412 files · 2 freezes active · 3 dependents` */
export function systemLensText(facts: SystemFacts, phrases: InsightPhrases = englishInsightPhrases): string {
  return [
    facts.files !== undefined ? phrases.files(facts.files) : undefined,
    phrases.freezesActive(facts.activeFreezes.length),
    facts.activeIncidents.length > 0 ? phrases.incidentsOpen(facts.activeIncidents.length) : undefined,
    phrases.dependents(facts.dependents.length),
  ].filter((part) => part !== undefined).join(' · ');
}

export type FreezeState =
  | { readonly state: 'invalid' }
  | { readonly state: 'active'; readonly until?: number }
  | { readonly state: 'next'; readonly start: number; readonly end: number }
  | { readonly state: 'none' };

/** The evaluator's timing of a freeze, within its one look-ahead. */
function freezeState(freeze: Freeze, at: number): FreezeState {
  const timing = freezeTimingAt(freeze, at);
  switch (timing.state) {
    case 'invalid': return { state: 'invalid' };
    case 'active': return { state: 'active', ...(Number.isFinite(timing.end) ? { until: timing.end } : {}) };
    case 'upcoming': return { state: 'next', start: timing.start, end: timing.end };
    case 'none': return { state: 'none' };
  }
}

/**
 * The hover's lines for a system (Markdown-escaped by `escape`), from the same facts as its lens:
 * title and id, owners, tracked files, freezes in force, open incidents, dependents.
 */
export function systemHoverLines(facts: SystemFacts, escape: (text: string) => string, phrases: InsightPhrases = englishInsightPhrases): string[] {
  const lines = [`**${escape(facts.system.title)}** \`${escape(facts.system.id)}\``];
  if (facts.system.owners.length > 0) lines.push(phrases.owners(facts.system.owners.map(escape).join(', ')));
  lines.push(phrases.trackedFiles(facts.files));
  lines.push(phrases.freezesInForce(facts.activeFreezes.length > 0
    ? facts.activeFreezes.map((f) => phrases.freezeInForce(escape(f.title), f.kind, f.enforcement)).join('; ')
    : undefined));
  if (facts.activeIncidents.length > 0) lines.push(phrases.openIncidents(facts.activeIncidents.map((i) => `${escape(i.id)} ${escape(i.title)} (${i.severity})`).join('; ')));
  lines.push(phrases.dependentsList(facts.dependents.length > 0 ? facts.dependents.map(escape).join(', ') : undefined));
  return lines;
}

/** The hover's lines for a freeze: title and id, reason, and the same line as its lens. */
export function freezeHoverLines(freeze: Freeze, at: number, escape: (text: string) => string, phrases: InsightPhrases = englishInsightPhrases): string[] {
  return [
    `**${escape(freeze.title)}** \`${escape(freeze.id)}\``,
    ...(freeze.reason !== undefined ? [escape(freeze.reason)] : []),
    escape(freezeLensText(freeze, at, phrases)),
  ];
}

/** `in force until 2027-01-04 09:00 CET · block` / `next: 2026-12-11 17:00 CET – … · block` / `not in force (ended, or nothing within a year)` */
export function freezeLensText(freeze: Freeze, at: number, phrases: InsightPhrases = englishInsightPhrases): string {
  const state = freezeState(freeze, at);
  switch (state.state) {
    case 'invalid': return phrases.freezeInvalid();
    case 'active': return phrases.freezeActive(state.until !== undefined ? formatInZone(state.until, freeze.timezone) : undefined, freeze.enforcement);
    case 'next': return phrases.freezeNext(formatInZone(state.start, freeze.timezone), formatInZone(state.end, freeze.timezone), freeze.enforcement);
    case 'none': return phrases.freezeNone();
  }
}
