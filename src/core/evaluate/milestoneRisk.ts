import { freezeCovers, incidentCovers, isIncidentActive, samePerson, severityRank } from './freezeCoverage';
import { freezeWindowInForce, incidentFreezeInForceAt, invalidText } from './freezeEvaluator';
import type { Freeze, Incident, Manifest, Milestone, Project, SystemDef } from '../model';
import type { MilestoneReport, MilestoneRisk } from './report';
import { formatInZone } from '../time/timeZone';
import { englishRiskPhrases } from './riskPhrases';
import type { RiskPhrases } from './riskPhrases';

/** "Due soon" for the `not-started` risk: due within this long and still `planned`. */
export const notStartedWithinMs = 7 * 24 * 3_600_000;

/** What every milestone is checked against, computed once per instant. */
interface RiskContext {
  readonly manifest: Manifest;
  readonly at: number;
  /** The system of an id (a table of every system, made when first needed). */
  readonly systemOf: (id: string) => SystemDef | undefined;
  /** Active incidents, worst severity first, then manifest order. */
  readonly incidents: readonly Incident[];
  readonly phrases: RiskPhrases;
}

function riskContext(manifest: Manifest, at: number, systems: ReadonlyMap<string, SystemDef> | undefined, phrases: RiskPhrases): RiskContext {
  // Active at `at` (from `started` until resolved), or an incident-freeze in force because invalid.
  const incidents = manifest.incidents
    .filter((incident) => isIncidentActive(incident, at) || incidentFreezeInForceAt(incident, at))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  let table = systems;
  return { manifest, at, systemOf: (id) => (table ??= new Map(manifest.systems.map((s) => [s.id, s]))).get(id), incidents, phrases };
}

/** The milestone's own systems, else its project's. */
export function milestoneSystems(project: Project, milestone: Milestone): readonly string[] {
  return milestone.systems.length > 0 ? milestone.systems : project.systems;
}

/**
 * Every milestone with at least one risk at `at`, as report entries: by due date (undated last),
 * then manifest order. A freeze counts when the due date falls inside one of its windows that is
 * active or still to come: a milestone due inside the holiday freeze is at risk weeks ahead, which
 * is when a plan can still move. (The horizon limits which freezes a change report lists, not this.)
 * With `onSystems`, only milestones on at least one of those systems are evaluated and returned.
 * `systems`: the manifest's systems by id, when the caller has them already. `phrases`: the
 * risks' sentences (English unless the editor passes its display language's).
 */
export function milestoneRisks(
  manifest: Manifest, at: number, onSystems?: ReadonlySet<string>, systems?: ReadonlyMap<string, SystemDef>, phrases: RiskPhrases = englishRiskPhrases,
): MilestoneReport[] {
  const context = riskContext(manifest, at, systems, phrases);
  const reports: MilestoneReport[] = [];
  for (const project of manifest.projects) {
    for (const milestone of project.milestones) {
      // A change report only wants milestones on its systems: skip the others before any window
      // is computed (a recurring freeze's window at the due date costs a cron evaluation).
      if (onSystems && !milestoneSystems(project, milestone).some((id) => onSystems.has(id))) {
        continue;
      }
      const risks = risksOf(context, project, milestone);
      if (risks.length > 0) {
        reports.push(milestoneReport(project, milestone, risks));
      }
    }
  }
  const dueKey = (report: MilestoneReport) => (report.due === undefined ? Infinity : Date.parse(report.due));
  return reports.sort((a, b) => dueKey(a) - dueKey(b));
}

function milestoneReport(project: Project, milestone: Milestone, risks: MilestoneRisk[]): MilestoneReport {
  return {
    project: project.id,
    id: milestone.id,
    title: milestone.title,
    due: milestone.due === undefined ? undefined : new Date(milestone.due).toISOString(),
    status: milestone.status,
    owner: milestone.owner ?? project.owner,
    systems: milestoneSystems(project, milestone),
    risks,
    source: milestone.source,
  };
}

/** Reasons in a fixed order: overdue, freeze, incident, owner-conflict, not-started. */
function risksOf(context: RiskContext, project: Project, milestone: Milestone): MilestoneRisk[] {
  if (milestone.status === 'done') {
    return [];
  }
  const systems = milestoneSystems(project, milestone);
  const owner = milestone.owner ?? project.owner;
  return [
    ...overdueRisks(context, milestone),
    ...freezeRisks(context, milestone, systems),
    ...incidentRisks(context, systems, owner),
    ...ownerConflictRisks(context, systems, owner),
    ...notStartedRisks(context, milestone),
  ];
}

function dueLabel(context: RiskContext, due: number): string {
  return formatInZone(due, context.manifest.timezone);
}

function overdueRisks(context: RiskContext, milestone: Milestone): MilestoneRisk[] {
  if (milestone.due === undefined || context.at <= milestone.due) {
    return [];
  }
  return [{ kind: 'overdue', message: context.phrases.overdue(dueLabel(context, milestone.due)) }];
}

function coversAny(context: RiskContext, freeze: Freeze, systems: readonly string[]): boolean {
  return systems.some((id) => freezeCovers(freeze, id, context.systemOf(id)));
}

/**
 * Freezes in force at the due instant on the milestone's systems, as the evaluator says: inside a
 * window that has not ended yet, or invalid (in force at every instant until fixed).
 */
function freezeRisks(context: RiskContext, milestone: Milestone, systems: readonly string[]): MilestoneRisk[] {
  const due = milestone.due;
  if (due === undefined) {
    return [];
  }
  const risks: MilestoneRisk[] = [];
  for (const freeze of context.manifest.freezes) {
    // Coverage first: it is cheap, and the window at `due` may need a cron evaluation.
    const window = coversAny(context, freeze, systems) ? freezeWindowInForce(freeze, due) : undefined;
    if (!window || window.end <= context.at) continue;
    const message = freeze.invalid
      ? context.phrases.freezeInvalid(freeze.id, invalidText(freeze.invalid))
      : context.phrases.dueInsideFreeze(freeze.id, formatInZone(window.start, freeze.timezone), formatInZone(window.end, freeze.timezone));
    risks.push({ kind: 'freeze', message, ref: freeze.id });
  }
  return risks;
}

const commandedBy = (incident: Incident, owner: string | undefined): boolean =>
  owner !== undefined && incident.commander !== undefined && samePerson(incident.commander, owner);

function incidentText(context: RiskContext, incident: Incident): string {
  return context.phrases.incident(incident.severity, incident.id, incident.invalid !== undefined ? incident.freeze ?? 'block' : undefined);
}

/** Active incidents on its systems; one its owner commands is said once, as the owner conflict. */
function incidentRisks(context: RiskContext, systems: readonly string[], owner: string | undefined): MilestoneRisk[] {
  return context.incidents
    .filter((incident) => systems.some((id) => incidentCovers(incident, id)) && !commandedBy(incident, owner))
    .map((incident) => ({
      kind: 'incident' as const,
      message: context.phrases.activeIncident(incidentText(context, incident), incident.title),
      ref: incident.id,
    }));
}

/** Its owner commands an active incident: one reason per incident, saying also when it is on its systems. */
function ownerConflictRisks(context: RiskContext, systems: readonly string[], owner: string | undefined): MilestoneRisk[] {
  return context.incidents
    .filter((incident) => commandedBy(incident, owner))
    .map((incident) => ({
      kind: 'owner-conflict' as const,
      message: context.phrases.ownerCommanding(owner ?? '', incidentText(context, incident), systems.some((id) => incidentCovers(incident, id)) ? incident.title : undefined),
      ref: incident.id,
    }));
}

function notStartedRisks(context: RiskContext, milestone: Milestone): MilestoneRisk[] {
  const due = milestone.due;
  if (milestone.status !== 'planned' || due === undefined || due < context.at || due - context.at > notStartedWithinMs) {
    return [];
  }
  return [{ kind: 'not-started', message: context.phrases.notStarted(dueLabel(context, due)) }];
}
