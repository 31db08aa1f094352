import type { ChangeModel } from '../evaluate/engine';
import { FreezeEvaluation, freezeTimingAt } from '../evaluate/freezeEvaluator';
import { incidentCovers, isIncidentActive } from '../evaluate/freezeCoverage';
import type { Freeze, Incident, SystemDef } from '../model';
import { formatInZone } from '../time/timeZone';

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
  readonly activeFreezes: readonly { readonly id: string; readonly title: string; readonly kind: 'freeze' | 'incident'; readonly enforcement: string }[];
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

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `412 files · 2 freezes active · 3 dependents` */
export function systemLensText(facts: SystemFacts): string {
  return [
    facts.files !== undefined ? plural(facts.files, 'file') : undefined,
    `${plural(facts.activeFreezes.length, 'freeze')} active`,
    facts.activeIncidents.length > 0 ? `${plural(facts.activeIncidents.length, 'incident')} open` : undefined,
    plural(facts.dependents.length, 'dependent'),
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
export function systemHoverLines(facts: SystemFacts, escape: (text: string) => string): string[] {
  const lines = [`**${escape(facts.system.title)}** \`${escape(facts.system.id)}\``];
  if (facts.system.owners.length > 0) lines.push(`Owners: ${facts.system.owners.map(escape).join(', ')}`);
  lines.push(facts.files !== undefined ? `Tracked files: ${facts.files}` : 'Tracked files: unknown (no git in this workspace)');
  lines.push(facts.activeFreezes.length > 0
    ? `Freezes in force: ${facts.activeFreezes.map((f) => `${escape(f.title)} (${f.kind === 'incident' ? 'incident, ' : ''}${f.enforcement})`).join('; ')}`
    : 'No freeze in force');
  if (facts.activeIncidents.length > 0) lines.push(`Open incidents: ${facts.activeIncidents.map((i) => `${escape(i.id)} ${escape(i.title)} (${i.severity})`).join('; ')}`);
  lines.push(facts.dependents.length > 0 ? `Dependents: ${facts.dependents.map(escape).join(', ')}` : 'No system depends on it');
  return lines;
}

/** The hover's lines for a freeze: title and id, reason, and the same line as its lens. */
export function freezeHoverLines(freeze: Freeze, at: number, escape: (text: string) => string): string[] {
  return [
    `**${escape(freeze.title)}** \`${escape(freeze.id)}\``,
    ...(freeze.reason !== undefined ? [escape(freeze.reason)] : []),
    escape(freezeLensText(freeze, at)),
  ];
}

/** `in force until 2027-01-04 09:00 CET` / `next: 2026-12-11 17:00 CET` / `not in force (ended or beyond a year)` */
export function freezeLensText(freeze: Freeze, at: number): string {
  const state = freezeState(freeze, at);
  switch (state.state) {
    case 'invalid': return 'invalid: in force until fixed';
    case 'active': return state.until !== undefined ? `in force until ${formatInZone(state.until, freeze.timezone)} · ${freeze.enforcement}` : `in force · ${freeze.enforcement}`;
    case 'next': return `next: ${formatInZone(state.start, freeze.timezone)} – ${formatInZone(state.end, freeze.timezone)} · ${freeze.enforcement}`;
    case 'none': return 'not in force (ended, or nothing within a year)';
  }
}
