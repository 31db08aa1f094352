import type { Freeze, Incident, IncidentStatus, LiveSource } from '../model';
import type { SourceSnapshot } from './liveData';
import {
  cleanId, cleanLink, cleanText, freezeOf, instant, isObject, remoteIncident, ResponseProblems, severityOf, systemsOfRemote,
} from './liveData';

/**
 * Statuspage public API v2: `GET {url}/api/v2/incidents/unresolved.json` (`{ page, incidents: [...] }`)
 * and `GET {url}/api/v2/scheduled-maintenances/active.json` (`{ page, scheduled_maintenances: [...] }`).
 * Incidents: `impact` (critical/major/minor/none) → severity through the source's map; `status`
 * investigating/identified/monitoring kept, resolved/postmortem dropped. Affected components are
 * matched by name (then id) against `components:`; an incident on no mapped component is left out.
 * Maintenances `in_progress`/`verifying` on a mapped component act as a freeze when
 * `maintenanceAsFreeze` says so.
 */

export const statuspagePaths = {
  incidents: '/api/v2/incidents/unresolved.json',
  maintenances: '/api/v2/scheduled-maintenances/active.json',
} as const;

/** How long an in-progress maintenance whose scheduled end has passed is still taken as in force after a fetch. */
const overrunMs = 60 * 60 * 1000;

const activeStatuses: Readonly<Record<string, IncidentStatus>> = {
  investigating: 'investigating', identified: 'identified', monitoring: 'monitoring',
};

export interface StatuspageResponses {
  /** The parsed JSON of unresolved.json. */
  readonly incidents: unknown;
  /** The parsed JSON of active.json; undefined when not fetched. */
  readonly maintenances?: unknown;
}

export function mapStatuspage(source: LiveSource, responses: StatuspageResponses, fetchedAt: number, timezone: string): SourceSnapshot {
  const incidentProblems = new ResponseProblems(statuspagePaths.incidents);
  const incidents = listOf(responses.incidents, 'incidents', incidentProblems)
    .flatMap((item, index) => statuspageIncident(source, item, `incidents[${index}]`, incidentProblems, fetchedAt));
  const maintenanceProblems = new ResponseProblems(statuspagePaths.maintenances);
  const freezes = responses.maintenances === undefined || !source.maintenanceAsFreeze
    ? []
    : listOf(responses.maintenances, 'scheduled_maintenances', maintenanceProblems)
      .flatMap((item, index) => maintenanceFreeze(source, item, `scheduled_maintenances[${index}]`, maintenanceProblems, fetchedAt, timezone));
  return { source: source.id, fetchedAt, incidents, freezes, problems: [...incidentProblems.list, ...maintenanceProblems.list] };
}

function listOf(payload: unknown, key: string, problems: ResponseProblems): unknown[] {
  if (!isObject(payload)) {
    problems.add('(root)', 'expected a JSON object');
    return [];
  }
  const list = payload[key];
  if (!Array.isArray(list)) {
    problems.add(key, 'expected a list');
    return [];
  }
  return list;
}

function componentNames(item: Record<string, unknown>, path: string, problems: ResponseProblems): string[] {
  const components = item.components;
  if (components === undefined || components === null) {
    return [];
  }
  if (!Array.isArray(components)) {
    problems.add(`${path}.components`, 'expected a list');
    return [];
  }
  return components.flatMap((component) => (isObject(component)
    ? [typeof component.name === 'string' ? component.name : undefined, typeof component.id === 'string' ? component.id : undefined]
    : [])).filter((name): name is string => name !== undefined);
}

function statuspageIncident(source: LiveSource, entry: unknown, path: string, problems: ResponseProblems, fetchedAt: number): Incident[] {
  const remote = remoteIncident(entry, path, problems);
  if (remote === undefined) {
    return [];
  }
  const { item, remoteId } = remote;
  const status = typeof item.status === 'string' ? activeStatuses[item.status] : undefined;
  if (!status) {
    // resolved, postmortem (or something unknown): not an active incident.
    if (item.status !== 'resolved' && item.status !== 'postmortem') {
      problems.add(`${path}.status`, 'unknown status; the incident is read as investigating');
    } else {
      return [];
    }
  }
  const systems = systemsOfRemote(source, componentNames(item, path, problems));
  if (systems.length === 0) {
    return [];
  }
  const impact = typeof item.impact === 'string' ? item.impact : undefined;
  const severity = severityOf(source, [impact], 'sev2');
  const freeze = freezeOf(source, severity);
  const started = instant(item.started_at) ?? instant(item.created_at);
  const url = cleanLink(item.shortlink) ?? `${source.url}/incidents/${encodeURIComponent(remoteId)}`;
  return [{
    id: `${source.id}:${remoteId}`,
    title: cleanText(item.name) ?? remoteId,
    severity,
    status: status ?? 'investigating',
    systems,
    ...(started !== undefined ? { started, startedText: new Date(started).toISOString() } : {}),
    url,
    ...(freeze ? { freeze } : {}),
    source: source.source,
    live: { source: source.id, fetchedAt },
    ...(source.origin !== undefined ? { origin: source.origin } : {}),
  }];
}

function maintenanceFreeze(source: LiveSource, item: unknown, path: string, problems: ResponseProblems, fetchedAt: number, timezone: string): Freeze[] {
  if (!isObject(item)) {
    problems.add(path, 'expected a maintenance object');
    return [];
  }
  const remoteId = cleanId(item.id);
  if (remoteId === undefined) {
    problems.add(`${path}.id`, 'missing maintenance id');
    return [];
  }
  if (item.status !== 'in_progress' && item.status !== 'verifying') {
    return [];
  }
  const systems = systemsOfRemote(source, componentNames(item, path, problems));
  if (systems.length === 0 || !source.maintenanceAsFreeze) {
    return [];
  }
  const start = Math.min(instant(item.started_at) ?? instant(item.scheduled_for) ?? fetchedAt, fetchedAt);
  const until = instant(item.scheduled_until);
  // In progress by the source's word: in force at least a while after the fetch, even past its planned end.
  const end = until !== undefined && until > fetchedAt ? until : fetchedAt + overrunMs;
  const title = cleanText(item.name) ?? remoteId;
  return [{
    id: `${source.id}:${remoteId}`,
    title,
    reason: `maintenance in progress (${source.id})`,
    systems,
    tiers: [],
    start,
    end,
    startText: new Date(start).toISOString(),
    endText: new Date(end).toISOString(),
    timezone,
    exempt: [],
    enforcement: source.maintenanceAsFreeze,
    source: source.source,
    live: { source: source.id, fetchedAt },
    ...(source.origin !== undefined ? { origin: source.origin } : {}),
  }];
}
