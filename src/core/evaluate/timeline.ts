import type { Window } from '../time/freezeClock';
import { incidentCovers, isIncidentActive } from './freezeCoverage';
import { freezeDeclaration, freezeOccurrences, invalidText, OccurrenceBudget, targetOfFreeze, targetOfIncident, unexpiredOverrides } from './freezeEvaluator';
import type { FreezeRules, FreezeTarget } from './freezeEvaluator';
import type { PatternMatch } from './report';
import { milestoneRisks, milestoneSystems } from './milestoneRisk';
import type { RiskPhrases } from './riskPhrases';
import type { CronSchedule, Enforcement, IncidentStatus, MilestoneStatus, Severity } from '../model';
import type { SourceLocation } from '../problem';
import type { MilestoneRisk } from './report';
import { dateInZone } from '../time/timeZone';

/**
 * The change calendar: what happens to the systems between two instants — every freeze window
 * (recurring freezes expanded occurrence by occurrence, in the freeze's own zone), every incident
 * from its start to its resolution (or now), every dated milestone with its risks. Pure: the
 * instants are passed in. The freeze windows come from the freeze clock and the scope, overrides and
 * "invalid means in force" from the evaluator, so the timeline and the calendar feed show what the
 * hook and the views decide.
 */

export interface TimelineQuery {
  /** Start of the range, inclusive (epoch ms). */
  readonly from: number;
  /** End of the range, exclusive. */
  readonly to: number;
  /** The present: where active incidents end and which milestone risks apply. */
  readonly now: number;
  /** Only entries on at least one of these systems (and only these lanes). */
  readonly systems?: ReadonlySet<string>;
  /** At most this many occurrences of one recurring freeze (default {@link defaultMaxOccurrences}). */
  readonly maxOccurrences?: number;
  /** At most this many freeze occurrences in all (default {@link defaultMaxTotalOccurrences}): bounds the work and the output. */
  readonly maxTotal?: number;
  /** The sentences of milestone risks; English by default (the editor passes its display language's). */
  readonly riskPhrases?: RiskPhrases;
}

/**
 * The one default range of a timeline, for `change-radar calendar` and the timeline webview alike:
 * two weeks back and eight weeks ahead of now, and at most about three years (bounds the work).
 */
export const timelineRange = { backMs: 14 * 86_400_000, aheadMs: 56 * 86_400_000, maxMs: 1100 * 86_400_000 } as const;

const defaultMaxOccurrences = 1000;
/**
 * The total bound: 19 freezes firing every two minutes over ten weeks would otherwise be ~19,000
 * events (and 400 of them, minutes of cron work). Each occurrence costs a few cron evaluations
 * (about 3 ms with croner), so 1000 in all keeps the worst case to a few seconds.
 */
const defaultMaxTotalOccurrences = 1000;

export interface TimelineSystem {
  readonly id: string;
  readonly title: string;
  readonly tier?: string;
  readonly owners: readonly string[];
  /** Projects whose milestones or own systems include this one (manifest order). */
  readonly projects: readonly string[];
  readonly source: SourceLocation;
}

/** The part of a freeze occurrence that an approved override lets (some) files through. */
export interface TimelineOverride {
  readonly reason: string;
  readonly approvedBy: string;
  readonly expires?: number;
  /** Globs the override is limited to; empty: every file the freeze covers. */
  readonly paths: readonly string[];
  /** True when the override covers only some files (`paths`). */
  readonly partial: boolean;
  /**
   * The covered systems the override reaches: every covered system when it has no `paths` (then it
   * covers their whole scope); else the systems its paths lead into (all covered systems when a
   * glob has no literal folder to say where).
   */
  readonly systems: readonly string[];
  readonly start: number;
  readonly end: number;
  readonly source: SourceLocation;
}

export interface TimelineFreeze {
  readonly kind: 'freeze';
  readonly id: string;
  /** `id@2026-12-18T16:00:00.000Z`, or `id@invalid`: stable across ranges (calendar UIDs, DOM ids). */
  readonly occurrence: string;
  readonly title: string;
  readonly reason?: string;
  readonly enforcement: Enforcement;
  readonly timezone: string;
  readonly schedule?: CronSchedule;
  /** Start of the occurrence (inclusive) and end (exclusive). An invalid freeze spans the range. */
  readonly start: number;
  readonly end: number;
  /** Set when the entry is wrong: it is then treated as in force at every instant (the located error). */
  readonly invalid?: string;
  /** `now` is inside this occurrence. */
  readonly active: boolean;
  /** Covered systems (manifest order). */
  readonly systems: readonly string[];
  readonly owners: readonly string[];
  readonly exempt: readonly string[];
  readonly overrides: readonly TimelineOverride[];
  readonly source: SourceLocation;
}

export interface TimelineIncident {
  readonly kind: 'incident';
  readonly id: string;
  readonly occurrence: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: IncidentStatus;
  readonly systems: readonly string[];
  /** `started`; undefined when the manifest gives none (then the bar starts at the range). */
  readonly start?: number;
  /** `resolved`, or now while the incident is active. */
  readonly end: number;
  readonly ongoing: boolean;
  readonly commander?: string;
  readonly url?: string;
  /** Acts as a freeze of this enforcement while active. */
  readonly freeze?: Enforcement;
  readonly invalid?: string;
  readonly owners: readonly string[];
  readonly source: SourceLocation;
}

export interface TimelineMilestone {
  readonly kind: 'milestone';
  readonly project: string;
  readonly projectTitle: string;
  readonly id: string;
  readonly occurrence: string;
  readonly title: string;
  /** The due instant (a date-only due is the end of that day in the manifest's zone). */
  readonly due: number;
  readonly dueText?: string;
  /** The due date in the manifest's zone, `YYYY-MM-DD`. */
  readonly date: string;
  readonly dateOnly: boolean;
  readonly status: MilestoneStatus;
  readonly owner?: string;
  readonly systems: readonly string[];
  readonly atRisk: boolean;
  readonly risks: readonly MilestoneRisk[];
  readonly source: SourceLocation;
}

export interface Timeline {
  readonly from: number;
  readonly to: number;
  readonly now: number;
  /** The manifest's zone (milestone dates). */
  readonly timezone: string;
  readonly systems: readonly TimelineSystem[];
  /** By start, then manifest order. */
  readonly freezes: readonly TimelineFreeze[];
  readonly incidents: readonly TimelineIncident[];
  /** By due instant, then manifest order. */
  readonly milestones: readonly TimelineMilestone[];
  /** Ids of freezes with more occurrences in the range than listed (the per-freeze or the total bound). */
  readonly truncated: readonly string[];
  /** The bounds applied: occurrences per freeze and in all. */
  readonly limits: { readonly perFreeze: number; readonly total: number };
}

const isoKey = (at: number): string => new Date(at).toISOString();

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** The timeline of `rules.manifest` over `[query.from, query.to)`. */
export function buildTimeline(rules: FreezeRules, query: TimelineQuery): Timeline {
  const { manifest } = rules;
  const { from, to, now } = query;
  const wanted = query.systems;
  const onWanted = (ids: readonly string[]): boolean => wanted === undefined || ids.some((id) => wanted.has(id));
  const allIds = manifest.systems.map((s) => s.id);
  const ownersOf = (ids: readonly string[]): string[] => unique(ids.flatMap((id) => rules.systems.get(id)?.owners ?? []));
  const coveredBy = (target: FreezeTarget): string[] => allIds.filter((id) => target.covers(id));

  const projectsOf = new Map<string, string[]>();
  for (const project of manifest.projects) {
    const ids = new Set([...project.systems, ...project.milestones.flatMap((m) => milestoneSystems(project, m))]);
    for (const id of ids) projectsOf.set(id, unique([...(projectsOf.get(id) ?? []), project.id]));
  }
  const systems: TimelineSystem[] = manifest.systems
    .filter((s) => wanted === undefined || wanted.has(s.id))
    .map((s) => ({
      id: s.id, title: s.title, ...(s.tier !== undefined ? { tier: s.tier } : {}), owners: s.owners, projects: projectsOf.get(s.id) ?? [], source: s.source,
    }));

  const freezes: { entry: TimelineFreeze; order: number }[] = [];
  const limits = { perFreeze: query.maxOccurrences ?? defaultMaxOccurrences, total: query.maxTotal ?? defaultMaxTotalOccurrences };
  const budget = new OccurrenceBudget(limits.total, limits.perFreeze);
  // The path index, when the rules are a compiled model (they are for every caller): where override paths lead.
  const indexed = rules as Partial<{ systemsOf(path: string): PatternMatch[] }>;
  const systemsOf = typeof indexed.systemsOf === 'function' ? (path: string): PatternMatch[] => indexed.systemsOf?.(path) ?? [] : undefined;
  manifest.freezes.forEach((freeze, order) => {
    if (freeze.fromBase) return;
    const target = targetOfFreeze(rules, freeze);
    const covered = coveredBy(target);
    if (!onWanted(covered)) return;
    const declared = freezeDeclaration(freeze);
    const common = {
      kind: 'freeze' as const, id: freeze.id, title: freeze.title, ...(freeze.reason !== undefined ? { reason: freeze.reason } : {}),
      enforcement: freeze.enforcement, timezone: freeze.timezone, ...(declared.kind === 'recurring' ? { schedule: declared.schedule } : {}),
      systems: covered, owners: ownersOf(covered), exempt: freeze.invalid ? [] : freeze.exempt, source: freeze.source,
    };
    const overridesFor = (window: Window): TimelineOverride[] => unexpiredOverrides(rules, target, window.start).map(({ override }) => ({
      reason: override.reason, approvedBy: override.approvedBy, ...(override.expires !== undefined ? { expires: override.expires } : {}),
      paths: override.paths, partial: override.paths.length > 0, systems: reachedSystems(override.paths, covered, systemsOf),
      start: window.start, end: Math.min(window.end, override.expires ?? window.end), source: override.source,
    }));
    // The evaluator lists the occurrences (an invalid freeze: the whole range, in force until fixed).
    for (const window of freezeOccurrences(freeze, from, to, budget)) {
      const occurrence = freeze.invalid ? `${freeze.id}@invalid` : `${freeze.id}@${isoKey(window.start)}`;
      freezes.push({
        order,
        entry: {
          ...common, occurrence, start: window.start, end: window.end,
          ...(freeze.invalid ? { invalid: invalidText(freeze.invalid) } : {}),
          active: window.start <= now && now < window.end, overrides: overridesFor(window),
        },
      });
    }
  });
  freezes.sort((a, b) => a.entry.start - b.entry.start || a.order - b.order);

  const incidents: TimelineIncident[] = [];
  for (const incident of manifest.incidents) {
    if (incident.fromBase) continue;
    // Active from `started` (when given) until resolved, as the evaluator decides.
    const ongoing = incident.invalid !== undefined || isIncidentActive(incident, now);
    const covered = incident.systems.includes('*') ? allIds : allIds.filter((id) => incidentCovers(incident, id));
    const listed = incident.systems.filter((id) => id !== '*' && !covered.includes(id));
    const ids = [...covered, ...listed];
    if (!onWanted(ids)) continue;
    // An invalid incident-freeze is in force at every instant until fixed: the whole range, as an invalid freeze.
    const invalid = incident.invalid !== undefined;
    const start = invalid ? from : incident.started;
    const end = invalid ? to : ongoing ? Math.max(now, start ?? now) : incident.resolved ?? start;
    if (end === undefined) continue;
    // Overlaps [from, to): an incident with no start time shows only while it is ongoing.
    if (start === undefined ? !(ongoing && now >= from && now < to) : !(start < to && (end > from || (end === start && start >= from)))) continue;
    const target = incident.freeze ? targetOfIncident(rules, incident, incident.freeze) : undefined;
    incidents.push({
      kind: 'incident', id: incident.id, occurrence: `${incident.id}@${invalid ? 'invalid' : start === undefined ? 'unknown' : isoKey(start)}`,
      title: incident.title, severity: incident.severity, status: incident.status, systems: ids,
      ...(start !== undefined ? { start } : {}), end, ongoing,
      ...(incident.commander !== undefined ? { commander: incident.commander } : {}),
      ...(incident.url !== undefined ? { url: incident.url } : {}),
      ...(target ? { freeze: target.enforcement } : {}),
      ...(incident.invalid ? { invalid: invalidText(incident.invalid) } : {}),
      owners: ownersOf(covered), source: incident.source,
    });
  }
  incidents.sort((a, b) => (a.start ?? from) - (b.start ?? from));

  const risks = new Map(milestoneRisks(manifest, now, undefined, undefined, query.riskPhrases).map((report) => [`${report.project}\u0000${report.id}`, report.risks]));
  const milestones: TimelineMilestone[] = [];
  for (const project of manifest.projects) {
    for (const milestone of project.milestones) {
      const due = milestone.due;
      if (due === undefined || due < from || due >= to) continue;
      const ids = milestoneSystems(project, milestone);
      if (!onWanted(ids)) continue;
      const found = risks.get(`${project.id}\u0000${milestone.id}`) ?? [];
      const dateOnly = milestone.dueText !== undefined && /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(milestone.dueText);
      const owner = milestone.owner ?? project.owner;
      milestones.push({
        kind: 'milestone', project: project.id, projectTitle: project.title, id: milestone.id,
        occurrence: `${project.id}/${milestone.id}@${isoKey(due)}`, title: milestone.title, due,
        ...(milestone.dueText !== undefined ? { dueText: milestone.dueText } : {}),
        date: dateOnly && milestone.dueText !== undefined ? milestone.dueText.trim() : dateInZone(due, manifest.timezone), dateOnly,
        status: milestone.status, ...(owner !== undefined ? { owner } : {}), systems: ids,
        atRisk: found.length > 0, risks: found, source: milestone.source,
      });
    }
  }
  milestones.sort((a, b) => a.due - b.due);

  return { from, to, now, timezone: manifest.timezone, systems, freezes: freezes.map((f) => f.entry), incidents, milestones, truncated: budget.truncated, limits };
}

/**
 * The covered systems an override's paths reach: each glob's literal leading folders (up to the
 * first wildcard) are looked up in the path index; a glob without one (e.g. `*.md`), or one that
 * leads into none of the covered systems, may reach any of them.
 */
function reachedSystems(paths: readonly string[], covered: readonly string[], systemsOf: ((path: string) => PatternMatch[]) | undefined): string[] {
  if (paths.length === 0 || systemsOf === undefined) return [...covered];
  const reached = new Set<string>();
  for (const glob of paths) {
    const trimmed = glob.replace(/^\//, '');
    const anchored = glob.startsWith('/') || trimmed.replace(/\/$/, '').includes('/');
    const literal: string[] = [];
    for (const segment of trimmed.split('/')) {
      if (segment === '' || /[*?[{\\!]/.test(segment)) break;
      literal.push(segment);
    }
    const ids = anchored && literal.length > 0
      ? systemsOf(`${literal.join('/')}/change-radar-probe`).map((m) => m.system).filter((id) => covered.includes(id))
      : [];
    for (const id of ids.length > 0 ? ids : covered) reached.add(id);
  }
  return covered.filter((id) => reached.has(id));
}
