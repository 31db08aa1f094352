import { severities } from '../manifest/manifestVocabulary';
import type { Freeze, Incident, Severity, SystemDef } from '../model';

/**
 * An incident is active at `at` from its `started` (when given; else from always) until its
 * status is `resolved`, whatever its `resolved` time says. The freeze evaluator's rule: every
 * surface asks through it (an incident-freeze is in force exactly while active, or while invalid).
 */
export function isIncidentActive(incident: Incident, at: number): boolean {
  const from = incidentActiveFrom(incident);
  return incident.status !== 'resolved' && (from === undefined || from <= at);
}

/**
 * When an incident becomes active: its `started`. A live source's incident is active as the source
 * reports it (unresolved when fetched): its remote start time never hides it (a remote clock ahead
 * of ours, or the instant of a run taken just before the fetch).
 */
export function incidentActiveFrom(incident: Incident): number | undefined {
  return incident.live !== undefined ? undefined : incident.started;
}

/** sev1 first: sort key for "worst first". */
export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}

/** Whether a freeze covers a system: by id, by `'*'`, or by the system's tier. */
export function freezeCovers(freeze: Pick<Freeze, 'systems' | 'tiers'>, id: string, system?: SystemDef): boolean {
  if (freeze.systems.includes('*') || freeze.systems.includes(id)) {
    return true;
  }
  return system?.tier !== undefined && freeze.tiers.includes(system.tier);
}

/** Whether an incident's systems include `id` (`'*'` is honoured as in freezes). */
export function incidentCovers(incident: Incident, id: string): boolean {
  return incident.systems.includes('*') || incident.systems.includes(id);
}

/** Owners and commanders are compared without a leading `@` and case-insensitively. */
export function samePerson(a: string, b: string): boolean {
  const norm = (name: string) => name.trim().replace(/^@/, '').toLowerCase();
  return norm(a) === norm(b);
}
