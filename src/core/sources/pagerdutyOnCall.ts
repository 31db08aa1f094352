import type { LiveSource, Manifest } from '../model';
import { formatInZone } from '../time/timeZone';
import { cleanId, cleanText, instant, isObject, ResponseProblems } from './liveData';

/**
 * Who is on call now, from PagerDuty: each mapped service's escalation policy
 * (`GET /services/{id}`), then who is on call for those policies (`GET /oncalls?escalation_policy_ids[]=…`,
 * paged like `/incidents`), level 1 first. The result replaces a system's static `oncall:` text
 * for display only: on-call never decides whether a change may ship. Everything here came from the
 * network: names are cleaned and cut like any live text, and escaped again where shown.
 */

const pageSize = 100;
/** Most `/oncalls` pages read (10 × 100 entries). */
export const onCallMaxPages = 10;
/** Most people shown per system (the lowest levels first). */
const shownPerSystem = 3;

/** `GET /services/{id}`: the path of one mapped service (the id made URL-safe). */
export function pagerDutyServicePath(service: string): string {
  return `/services/${encodeURIComponent(service)}`;
}

/** The escalation policy id of a `GET /services/{id}` answer; undefined (with a problem) when it has none. */
export function escalationPolicyOf(payload: unknown, service: string, problems: string[]): string | undefined {
  const where = new ResponseProblems(pagerDutyServicePath(service));
  const policy = isObject(payload) && isObject(payload.service) && isObject(payload.service.escalation_policy)
    ? cleanId(payload.service.escalation_policy.id) : undefined;
  if (policy === undefined) where.add('service.escalation_policy.id', 'expected an id; no one on call is shown for this service');
  problems.push(...where.list);
  return policy;
}

/** `GET /oncalls` for these policies, one page. */
export function pagerDutyOnCallPath(policies: readonly string[], offset: number): string {
  const ids = policies.map((id) => `escalation_policy_ids%5B%5D=${encodeURIComponent(id)}`).join('&');
  return `/oncalls?${ids}&limit=${pageSize}&offset=${offset}`;
}

export interface OnCallPage {
  readonly oncalls: readonly unknown[];
  /** The offset of the next page, when `more` says there is one. */
  readonly next?: number;
  readonly problems: readonly string[];
}

export function readOnCallPage(payload: unknown, offset: number): OnCallPage {
  const problems = new ResponseProblems(`/oncalls (offset ${offset})`);
  if (!isObject(payload) || !Array.isArray(payload.oncalls)) {
    problems.add('oncalls', 'expected a list');
    return { oncalls: [], problems: problems.list };
  }
  const oncalls = payload.oncalls;
  if (payload.more === true) {
    const step = typeof payload.limit === 'number' && payload.limit > 0 ? payload.limit : oncalls.length;
    const start = typeof payload.offset === 'number' ? payload.offset : offset;
    if (step > 0) return { oncalls, next: start + step, problems: problems.list };
    problems.add('more', 'says more pages follow, but the page is empty; stopped');
  }
  return { oncalls, problems: problems.list };
}

/** One person on call for a system. */
export interface OnCallEntry {
  readonly name: string;
  readonly level: number;
  /** When this shift ends (epoch ms); absent when it does not (permanently on call). */
  readonly until?: number;
}

/** What one PagerDuty source says about who is on call, per system id. */
export interface OnCallSnapshot {
  readonly source: string;
  readonly fetchedAt: number;
  readonly systems: ReadonlyMap<string, readonly OnCallEntry[]>;
  readonly problems: readonly string[];
}

/**
 * The on-call entries of `policyOf` (service id → policy id) mapped to the source's systems:
 * for each system, the people of its services' policies, lowest escalation level first, then
 * earliest end, each person once (at their lowest level).
 */
export function mapOnCalls(source: LiveSource, policyOf: ReadonlyMap<string, string>, oncalls: readonly unknown[], fetchedAt: number, problems: readonly string[] = []): OnCallSnapshot {
  const where = new ResponseProblems('/oncalls');
  const byPolicy = new Map<string, OnCallEntry[]>();
  oncalls.forEach((item, index) => {
    if (!isObject(item)) {
      where.add(`oncalls[${index}]`, 'expected an object');
      return;
    }
    const policy = isObject(item.escalation_policy) ? cleanId(item.escalation_policy.id) : undefined;
    const name = isObject(item.user) ? cleanText(item.user.summary ?? item.user.name, 80) : undefined;
    const level = typeof item.escalation_level === 'number' && Number.isSafeInteger(item.escalation_level) && item.escalation_level > 0 ? item.escalation_level : undefined;
    if (policy === undefined || name === undefined || level === undefined) {
      where.add(`oncalls[${index}]`, 'expected escalation_policy.id, user.summary and escalation_level; left out');
      return;
    }
    const until = instant(item.end);
    const list = byPolicy.get(policy) ?? [];
    list.push({ name, level, ...(until !== undefined ? { until } : {}) });
    byPolicy.set(policy, list);
  });
  const systems = new Map<string, OnCallEntry[]>();
  for (const { remote, systems: ids } of source.mapping) {
    const policy = policyOf.get(remote);
    const entries = policy === undefined ? [] : byPolicy.get(policy) ?? [];
    for (const id of ids) systems.set(id, [...(systems.get(id) ?? []), ...entries]);
  }
  for (const [id, entries] of systems) {
    const sorted = [...entries].sort((a, b) => a.level - b.level || (a.until ?? Infinity) - (b.until ?? Infinity));
    const seen = new Set<string>();
    systems.set(id, sorted.filter((entry) => !seen.has(entry.name) && Boolean(seen.add(entry.name))));
  }
  return { source: source.id, fetchedAt, systems, problems: [...problems, ...where.list] };
}

/** `Ana Silva (level 1, until 18:00 CET); Bo Chen (level 2)`: the shift's end in the manifest's zone. */
export function onCallText(entries: readonly OnCallEntry[], zone: string): string {
  return entries.slice(0, shownPerSystem).map((entry) => {
    const until = entry.until === undefined ? '' : `, until ${formatInZone(entry.until, zone)}`;
    return `${entry.name} (level ${entry.level}${until})`;
  }).join('; ');
}

/**
 * The manifest with each system that a source knows someone on call for showing them in its
 * `oncall` (the static `oncall:` text is the fallback where no source says). Display only.
 */
export function withOnCall(manifest: Manifest, snapshots: readonly OnCallSnapshot[]): Manifest {
  const texts = new Map<string, string>();
  for (const snapshot of snapshots) {
    for (const [id, entries] of snapshot.systems) {
      if (entries.length > 0 && !texts.has(id)) texts.set(id, onCallText(entries, manifest.timezone));
    }
  }
  if (texts.size === 0) return manifest;
  return { ...manifest, systems: manifest.systems.map((system) => {
    const text = texts.get(system.id);
    return text === undefined ? system : { ...system, oncall: text };
  }) };
}
