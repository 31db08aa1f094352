import type { Incident, IncidentStatus, LiveSource } from '../model';
import type { SourceSnapshot } from './liveData';
import {
  cleanLink, cleanText, freezeOf, isObject, instant, remoteIncident, ResponseProblems, severityOf, systemsOfRemote,
} from './liveData';

/**
 * PagerDuty REST API v2: `GET {url}/incidents?statuses[]=triggered&statuses[]=acknowledged`, paged
 * with `limit`/`offset`, `more: true` while pages remain. Each incident's `service.id` is matched
 * against `services:`; `priority.summary` (e.g. `P1`) then `urgency` (`high`/`low`) pick the
 * severity through the source's map: priority wins when both map. triggered → investigating,
 * acknowledged → identified.
 */

const pagerDutyPageSize = 100;
/** Most pages read: 10 × 100 incidents. A source reporting more is cut, with a problem. */
export const pagerDutyMaxPages = 10;

/** The request path of one page. */
export function pagerDutyPath(offset: number): string {
  return `/incidents?statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&limit=${pagerDutyPageSize}&offset=${offset}`;
}

export interface PagerDutyPage {
  readonly incidents: readonly unknown[];
  /** The offset of the next page, when `more` says there is one. */
  readonly next?: number;
  readonly problems: readonly string[];
}

/** One page's incidents and where the next starts. */
export function readPagerDutyPage(payload: unknown, offset: number): PagerDutyPage {
  const problems = new ResponseProblems(`/incidents (offset ${offset})`);
  if (!isObject(payload)) {
    problems.add('(root)', 'expected a JSON object');
    return { incidents: [], problems: problems.list };
  }
  const incidents = Array.isArray(payload.incidents) ? payload.incidents : [];
  if (!Array.isArray(payload.incidents)) {
    problems.add('incidents', 'expected a list');
  }
  if (payload.more === true) {
    const step = typeof payload.limit === 'number' && payload.limit > 0 ? payload.limit : incidents.length;
    const pageOffset = typeof payload.offset === 'number' ? payload.offset : offset;
    if (step > 0) {
      return { incidents, next: pageOffset + step, problems: problems.list };
    }
    problems.add('more', 'says more pages follow, but the page is empty; stopped');
  }
  return { incidents, problems: problems.list };
}

const statuses: Readonly<Record<string, IncidentStatus>> = { triggered: 'investigating', acknowledged: 'identified' };

/** The incidents of every page read, mapped. `pageProblems` are the problems of reading the pages. */
export function mapPagerDuty(source: LiveSource, incidents: readonly unknown[], fetchedAt: number, pageProblems: readonly string[] = []): SourceSnapshot {
  const problems = new ResponseProblems('/incidents');
  const seen = new Set<string>();
  const mapped = incidents.flatMap((entry, index): Incident[] => {
    const path = `incidents[${index}]`;
    const remote = remoteIncident(entry, path, problems);
    if (remote === undefined) {
      return [];
    }
    const { item, remoteId } = remote;
    if (seen.has(remoteId)) {
      return []; // pages can overlap when incidents move between requests
    }
    seen.add(remoteId);
    const status = typeof item.status === 'string' ? statuses[item.status] : undefined;
    if (!status) {
      if (item.status !== 'resolved') {
        problems.add(`${path}.status`, 'unknown status; the incident is left out');
      }
      return [];
    }
    const service = isObject(item.service) && typeof item.service.id === 'string' ? item.service.id : undefined;
    const systems = systemsOfRemote(source, [service]);
    if (systems.length === 0) {
      return [];
    }
    const priority = isObject(item.priority) && typeof item.priority.summary === 'string' ? item.priority.summary
      : isObject(item.priority) && typeof item.priority.name === 'string' ? item.priority.name : undefined;
    const urgency = typeof item.urgency === 'string' ? item.urgency : undefined;
    const severity = severityOf(source, [priority, urgency], 'sev3');
    const freeze = freezeOf(source, severity);
    const started = instant(item.created_at);
    const number = typeof item.incident_number === 'number' && Number.isSafeInteger(item.incident_number) ? `#${item.incident_number} ` : '';
    const commander = firstAssignee(item.assignments);
    const url = cleanLink(item.html_url);
    return [{
      id: `${source.id}:${remoteId}`,
      title: cleanText(`${number}${typeof item.title === 'string' ? item.title : (typeof item.summary === 'string' ? item.summary : remoteId)}`) ?? remoteId,
      severity,
      status,
      systems,
      ...(started !== undefined ? { started, startedText: new Date(started).toISOString() } : {}),
      ...(commander !== undefined ? { commander } : {}),
      ...(url !== undefined ? { url } : {}),
      ...(freeze ? { freeze } : {}),
      source: source.source,
      live: { source: source.id, fetchedAt },
      ...(source.origin !== undefined ? { origin: source.origin } : {}),
    }];
  });
  return { source: source.id, fetchedAt, incidents: mapped, freezes: [], problems: [...pageProblems, ...problems.list] };
}

function firstAssignee(assignments: unknown): string | undefined {
  if (!Array.isArray(assignments)) {
    return undefined;
  }
  const first: unknown = assignments[0];
  return isObject(first) && isObject(first.assignee) ? cleanText(first.assignee.summary, 80) : undefined;
}
