import type { Enforcement, Freeze, Incident, LiveSource, Manifest, Severity } from '../model';

/**
 * What one live source said at one instant, mapped into the model: incidents (with `live` set) and
 * maintenance freezes. Everything in here came from the network: text is cleaned of control
 * characters and cut to a length; links are kept only when they are http(s); ids are reduced to
 * safe characters. The views and the CLI still escape it for the place they show it.
 */
export interface SourceSnapshot {
  readonly source: string;
  /** When the data was fetched (epoch ms). */
  readonly fetchedAt: number;
  readonly incidents: readonly Incident[];
  readonly freezes: readonly Freeze[];
  /** Parts of the response that did not fit, each located (`<path> <json path>: why`); the rest was read. */
  readonly problems: readonly string[];
}

/** The manifest with the sources' incidents and freezes added: every rule then sees them (one evaluator). */
export function withLiveData(manifest: Manifest, snapshots: readonly SourceSnapshot[]): Manifest {
  if (snapshots.length === 0) {
    return manifest;
  }
  const taken = new Set(manifest.incidents.map((incident) => incident.id));
  const freezeIds = new Set(manifest.freezes.map((freeze) => freeze.id));
  const incidents = snapshots.flatMap((snapshot) => snapshot.incidents).filter((incident) => !taken.has(incident.id) && taken.add(incident.id));
  const freezes = snapshots.flatMap((snapshot) => snapshot.freezes).filter((freeze) => !freezeIds.has(freeze.id) && freezeIds.add(freeze.id));
  return { ...manifest, incidents: [...manifest.incidents, ...incidents], freezes: [...manifest.freezes, ...freezes] };
}

// ---- shared helpers for the type mappers ------------------------------------------------------

/** Collects located problems about one response, at most a few (a hostile response must not flood). */
export class ResponseProblems {
  readonly list: string[] = [];
  constructor(private readonly where: string) {}

  add(path: string, message: string): void {
    if (this.list.length < 20) {
      this.list.push(`${this.where} ${path}: ${message}`);
    }
  }
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Text from the network: control and bidi-override characters removed, whitespace collapsed, cut to `max` characters. */
export function cleanText(value: unknown, max = 200): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') {
    return undefined;
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A remote id reduced to letters, digits, `_`, `.` and `-` (at most 64): safe in ids, trailers and tree item ids. */
export function cleanId(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
  const id = text?.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 64);
  return id === undefined || id === '' ? undefined : id;
}

/** A remote incident: the object and its cleaned id, or undefined (with the problem noted) when either is missing. */
export function remoteIncident(item: unknown, path: string, problems: ResponseProblems): { readonly item: Json; readonly remoteId: string } | undefined {
  if (!isObject(item)) {
    problems.add(path, 'expected an incident object');
    return undefined;
  }
  const remoteId = cleanId(item.id);
  if (remoteId === undefined) {
    problems.add(`${path}.id`, 'missing incident id');
    return undefined;
  }
  return { item, remoteId };
}

/** An http(s) link, or undefined. */
export function cleanLink(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) {
    return undefined;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** An ISO-8601 instant from the network, or undefined. */
export function instant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return undefined;
  }
  const at = Date.parse(value);
  return Number.isFinite(at) ? at : undefined;
}

export function severityOf(source: LiveSource, keys: readonly (string | undefined)[], fallback: Severity): Severity {
  for (const key of keys) {
    const found = key === undefined ? undefined : source.severity.get(key.trim().toLowerCase());
    if (found) {
      return found;
    }
  }
  return fallback;
}

export function freezeOf(source: LiveSource, severity: Severity): Enforcement | undefined {
  return source.freeze[severity];
}

/** System ids a remote component or service maps to (exact name first, then case-insensitive). */
export function systemsOfRemote(source: LiveSource, names: readonly (string | undefined)[]): string[] {
  const systems = new Set<string>();
  for (const name of names) {
    if (name === undefined) continue;
    const exact = source.mapping.filter((entry) => entry.remote === name);
    const matches = exact.length > 0 ? exact : source.mapping.filter((entry) => entry.remote.trim().toLowerCase() === name.trim().toLowerCase());
    matches.forEach((entry) => entry.systems.forEach((id) => systems.add(id)));
  }
  return [...systems];
}
