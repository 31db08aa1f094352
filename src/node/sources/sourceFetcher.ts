import type { LiveSource } from '../../core/model';
import { hasRadarCode, RadarError } from '../../core/radarError';
import { cleanText } from '../../core/sources/liveData';
import type { SourceSnapshot } from '../../core/sources/liveData';
import { mapPagerDuty, pagerDutyMaxPages, pagerDutyPath, readPagerDutyPage } from '../../core/sources/pagerduty';
import { mapStatuspage, statuspagePaths } from '../../core/sources/statuspage';
import {
  escalationPolicyOf, mapOnCalls, onCallMaxPages, pagerDutyOnCallPath, pagerDutyServicePath, readOnCallPage,
} from '../../core/sources/pagerdutyOnCall';
import type { OnCallSnapshot } from '../../core/sources/pagerdutyOnCall';

/**
 * Fetches live sources over the network (global `fetch`, in Node and in the extension host) and
 * maps what they say into snapshots. Never throws: each source ends as a snapshot or as an error
 * naming why, so one failing source never hides the others. Every response is size-limited and
 * the whole source (all its requests, pages and a rate-limit wait) shares one time budget.
 * Redirects are not followed (a token must never travel to another host). A token never appears
 * in a result: it goes into one request header and is scrubbed from any error text and from every
 * string of a response (a service may echo it).
 */

export interface FetchSourcesOptions {
  /** Time budget per source, all its requests together (ms). */
  readonly timeoutMs: number;
  /** Largest response body read (bytes). Default 2 MB. */
  readonly maxBytes?: number;
  /** The token of a source, or undefined (CLI: the environment variable it names; editor: SecretStorage). */
  readonly tokenOf: (source: LiveSource) => string | undefined | Promise<string | undefined>;
  /** The clock (epoch ms). */
  readonly now: () => number;
  /** The manifest zone (maintenance freezes carry it). */
  readonly timezone: string;
  /** Aborts every request at once (e.g. the editor closes). */
  readonly signal?: AbortSignal;
}

export type SourceResult =
  | { readonly ok: true; readonly source: string; readonly snapshot: SourceSnapshot }
  | { readonly ok: false; readonly source: string; readonly error: string; readonly at: number };

const defaultMaxBytes = 2 * 1024 * 1024;

/** All sources in parallel; results in manifest order. */
export function fetchSources(sources: readonly LiveSource[], options: FetchSourcesOptions): Promise<SourceResult[]> {
  return Promise.all(sources.map((source) => fetchSource(source, options)));
}

class SourceError extends RadarError {
  constructor(message: string) {
    super('live-source', message);
  }
}

export async function fetchSource(source: LiveSource, options: FetchSourcesOptions): Promise<SourceResult> {
  let token: string | undefined;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  const timer = setTimeout(() => controller.abort(), Math.max(0, options.timeoutMs));
  const deadline = options.now() + options.timeoutMs;
  try {
    token = mayHaveToken(source) ? (await options.tokenOf(source)) || undefined : undefined;
    const get = (path: string) => getJson(source, path, token, controller.signal, options.maxBytes ?? defaultMaxBytes, deadline, options.now);
    let snapshot: SourceSnapshot;
    if (source.type === 'statuspage') {
      const [incidents, maintenances] = await Promise.all([
        get(statuspagePaths.incidents),
        source.maintenanceAsFreeze ? get(statuspagePaths.maintenances) : Promise.resolve(undefined),
      ]);
      snapshot = mapStatuspage(source, { incidents, maintenances }, options.now(), options.timezone);
    } else {
      if (token === undefined) {
        throw new SourceError(source.tokenEnv
          ? `no token: set the environment variable ${source.tokenEnv} (in the editor: Change Radar: Set Token for Source…)`
          : 'no token: add `token: env:NAME` to the source (in the editor: Change Radar: Set Token for Source…)');
      }
      const incidents: unknown[] = [];
      const problems: string[] = [];
      let offset: number | undefined = 0;
      for (let pages = 0; offset !== undefined; pages++) {
        if (pages >= pagerDutyMaxPages) {
          problems.push(`/incidents: more than ${pagerDutyMaxPages} pages; the rest was not read`);
          break;
        }
        const page = readPagerDutyPage(await get(pagerDutyPath(offset)), offset);
        incidents.push(...page.incidents);
        problems.push(...page.problems);
        offset = page.next !== undefined && page.next > offset ? page.next : undefined;
      }
      snapshot = mapPagerDuty(source, incidents, options.now(), problems);
    }
    return { ok: true, source: source.id, snapshot };
  } catch (error) {
    return { ok: false, source: source.id, error: scrub(failureText(error, controller.signal.aborted, options), token), at: options.now() };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

export type OnCallResult =
  | { readonly ok: true; readonly source: string; readonly snapshot: OnCallSnapshot }
  | { readonly ok: false; readonly source: string; readonly error: string; readonly at: number };

/**
 * Who is on call now, for every PagerDuty source (others have no on-call): the escalation policy
 * of each mapped service (`GET /services/{id}`, in parallel), then `GET /oncalls` for those
 * policies, paged. The same rules as `fetchSource`: one time budget per source, size limits, no
 * redirects, the token in one header and never in a result. A service whose policy cannot be
 * read is a problem of the snapshot (the rest is shown); never throws.
 */
export function fetchOnCalls(sources: readonly LiveSource[], options: FetchSourcesOptions): Promise<OnCallResult[]> {
  return Promise.all(sources.filter((source) => source.type === 'pagerduty').map((source) => fetchOnCall(source, options)));
}

async function fetchOnCall(source: LiveSource, options: FetchSourcesOptions): Promise<OnCallResult> {
  let token: string | undefined;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  const timer = setTimeout(() => controller.abort(), Math.max(0, options.timeoutMs));
  const deadline = options.now() + options.timeoutMs;
  try {
    token = mayHaveToken(source) ? (await options.tokenOf(source)) || undefined : undefined;
    if (token === undefined) throw new SourceError('no token');
    const get = (path: string) => getJson(source, path, token, controller.signal, options.maxBytes ?? defaultMaxBytes, deadline, options.now);
    const problems: string[] = [];
    const services = [...new Set(source.mapping.map((entry) => entry.remote))];
    const policies = await Promise.all(services.map(async (service) => [service, escalationPolicyOf(await get(pagerDutyServicePath(service)), service, problems)] as const));
    const policyOf = new Map(policies.flatMap(([service, policy]) => (policy === undefined ? [] : [[service, policy] as const])));
    const oncalls: unknown[] = [];
    const ids = [...new Set(policyOf.values())];
    let offset: number | undefined = ids.length > 0 ? 0 : undefined;
    for (let pages = 0; offset !== undefined; pages++) {
      if (pages >= onCallMaxPages) {
        problems.push(`/oncalls: more than ${onCallMaxPages} pages; the rest was not read`);
        break;
      }
      const page = readOnCallPage(await get(pagerDutyOnCallPath(ids, offset)), offset);
      oncalls.push(...page.oncalls);
      problems.push(...page.problems);
      offset = page.next !== undefined && page.next > offset ? page.next : undefined;
    }
    return { ok: true, source: source.id, snapshot: mapOnCalls(source, policyOf, oncalls, options.now(), problems) };
  } catch (error) {
    return { ok: false, source: source.id, error: scrub(failureText(error, controller.signal.aborted, options), token), at: options.now() };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Whether a source's token may be asked for and sent. A source of an extended (organisation)
 * manifest may have one only when the repository's `allowTokens` let its `tokenEnv` go to exactly
 * its origin (the normaliser sets `tokenOrigin` then); checked here again so that no caller (CLI,
 * hooks, editor) can hand a repository's secret to an origin an organisation file chose.
 */
function mayHaveToken(source: LiveSource): boolean {
  return source.origin === undefined
    || (source.tokenEnv !== undefined && source.tokenOrigin !== undefined && source.tokenOrigin === originOf(source.url));
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Why a request failed: cancelled, out of time (the budget's abort, not a source error), or the error's own text. */
function failureText(error: unknown, aborted: boolean, options: { readonly signal?: AbortSignal; readonly timeoutMs: number }): string {
  if (aborted && !hasRadarCode(error, 'live-source')) return options.signal?.aborted ? 'cancelled' : `no answer within ${formatMs(options.timeoutMs)} (timed out)`;
  return error instanceof Error ? error.message : String(error);
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Text without the token: every occurrence replaced by `***`. The one place a token is taken out of text. */
function withoutToken(text: string, token: string | undefined): string {
  return token ? text.split(token).join('***') : text;
}

/** Error text fit to show: the token never, hostile characters cleaned. */
function scrub(message: string, token: string | undefined): string {
  return cleanText(withoutToken(message, token), 300) ?? 'failed';
}

/**
 * A parsed response with the token taken out of every string in it (values and keys), before any
 * of it is mapped, cut short or shown: a service that echoes the token (in an incident title, an
 * error message) must not put it on a terminal or in a report.
 */
function scrubResponse(value: unknown, token: string | undefined): unknown {
  if (!token) return value;
  if (typeof value === 'string') return withoutToken(value, token);
  if (Array.isArray(value)) return value.map((item) => scrubResponse(item, token));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [withoutToken(key, token), scrubResponse(item, token)]));
  }
  return value;
}

const retryLimit = 2;

async function getJson(
  source: LiveSource, path: string, token: string | undefined, signal: AbortSignal, maxBytes: number, deadline: number, now: () => number,
): Promise<unknown> {
  const url = `${source.url}${path}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (source.type === 'pagerduty') {
    headers.accept = 'application/vnd.pagerduty+json;version=2';
    if (token !== undefined) headers.authorization = `Token token=${token}`;
  }
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { headers, signal, redirect: 'manual' });
    } catch (error) {
      if (signal.aborted) throw error;
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      throw new SourceError(`${path}: cannot connect (${cause})`);
    }
    if (response.status === 429) {
      await response.body?.cancel().catch(() => undefined);
      const wait = retryAfterMs(response.headers.get('retry-after'), now());
      const left = deadline - now();
      if (attempt < retryLimit && wait !== undefined && wait < left) {
        await sleep(wait, signal);
        continue;
      }
      const after = wait === undefined ? '' : `; it asks to retry after ${formatMs(Math.ceil(wait / 1000) * 1000)}`;
      throw new SourceError(`${path}: rate-limited (HTTP 429)${after}`);
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw new SourceError(`${path}: redirected (HTTP ${response.status}); redirects are not followed, set the source url to where it points`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const hint = response.status === 401 || response.status === 403 ? ': check the token' : '';
      throw new SourceError(`${path}: HTTP ${response.status}${hint}`);
    }
    const body = await readLimited(response, maxBytes, path);
    try {
      return scrubResponse(JSON.parse(body), token);
    } catch (error) {
      const detail = error instanceof SyntaxError ? error.message : 'not JSON';
      throw new SourceError(`${path}: malformed JSON (${detail})`);
    }
  }
}

async function readLimited(response: Response, maxBytes: number, path: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new SourceError(`${path}: response too large (${declared} bytes, limit ${maxBytes})`);
  }
  if (!response.body) {
    return '';
  }
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new SourceError(`${path}: response too large (over ${maxBytes} bytes)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `Retry-After`: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, at: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - at) : undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
