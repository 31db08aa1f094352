import type { Freeze, Incident, Severity, SystemDef } from '../model';

/**
 * An incident is active at `at` from its `started` (when given; else from always) until its
 * status is `resolved`, whatever its `resolved` time says. The freeze evaluator's rule: every
 * surface asks through it (an incident-freeze is in force exactly while active, or while invalid).
 */
export function isIncidentActive(incident: Incident, at: number): boolean {
  return incident.status !== 'resolved' && (incident.started === undefined || incident.started <= at);
}

/** sev1 first: sort key for "worst first". */
export function severityRank(severity: Severity): number {
  return ['sev1', 'sev2', 'sev3', 'sev4'].indexOf(severity);
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
