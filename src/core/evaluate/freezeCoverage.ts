import type { Freeze, Incident, Severity, SystemDef } from '../model';

/** Incidents are active until resolved, whatever their `resolved` time says. */
export function isIncidentActive(incident: Incident): boolean {
  return incident.status !== 'resolved';
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
