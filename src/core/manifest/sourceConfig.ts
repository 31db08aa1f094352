import * as z from 'zod/mini';
import type { LoadedFile } from './manifestFile';
import { reportIssues } from './schemaProblems';
import { liveSourceSchema } from './manifestSchema';
import type { LiveSourceEntry } from './manifestSchema';
import type { Enforcement, LiveSource, Severity } from '../model';
import type { SourceLocation } from '../problem';
import type { ProblemSink } from './problemSink';
import { describeValue } from './schemaWalk';
import type { YamlLocator, YamlPath } from './yamlLocator';

/**
 * `sources:` in the root manifest: live incident sources mapped to systems. Checked entry by
 * entry; an entry that is wrong is reported (located) and left out: a source only adds
 * information and protection, so leaving a wrong one out never removes what the manifest says.
 *
 * Security rules (docs/sources.md): only `https:` URLs, or `http:` on localhost/127.0.0.1; a token
 * is named as `env:NAME`, never written literally, and an error about a literal never repeats it.
 */

export type LiveSourceType = LiveSource['type'];

/** Default base URL per type, when `url:` is absent. */
const defaultSourceUrl: Readonly<Record<LiveSourceType, string | undefined>> = {
  statuspage: undefined,
  pagerduty: 'https://api.pagerduty.com',
};

/** Documented default severity maps, keys in lower case. */
const defaultSeverities: Readonly<Record<LiveSourceType, Readonly<Record<string, Severity>>>> = {
  statuspage: { critical: 'sev1', major: 'sev2', minor: 'sev3', none: 'sev4', maintenance: 'sev4' },
  pagerduty: { p1: 'sev1', p2: 'sev2', p3: 'sev3', p4: 'sev4', p5: 'sev4', high: 'sev2', low: 'sev4' },
};

/** A `sources:` entry that fits the schema, with where it is. */
export interface SourceEntryRead {
  readonly value: LiveSourceEntry;
  readonly path: YamlPath;
}

const sectionSchema = z.strictObject({ sources: z.array(liveSourceSchema) });

const tokenPattern = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** Reads `sources:` of the root file. Never puts a token value into a problem message. */
export function readSourceEntries(loaded: LoadedFile, sink: ProblemSink): SourceEntryRead[] {
  const raw = loaded.raw?.sources;
  const locator = loaded.locator;
  const file = loaded.file;
  if (raw === undefined || raw === null) {
    return [];
  }
  if (!Array.isArray(raw)) {
    sink.add('error', 'wrong-type', `expected a list of sources (each item starting with \`- \`), got ${describeValue(raw)}`, file, locator.valueRange(['sources']));
    return [];
  }
  const result: SourceEntryRead[] = [];
  raw.forEach((item: unknown, index: number) => {
    const path: YamlPath = ['sources', index];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      sink.add('error', 'wrong-type', `expected a source mapping with \`id\`, \`type\` and \`url\`, got ${describeValue(item)}`, file, locator.valueRange(path));
      return;
    }
    const { token, ...rest } = item as Record<string, unknown>;
    const checked = sink.capture(() => {
      if (token !== undefined && !(typeof token === 'string' && tokenPattern.test(token))) {
        // Never describe the value: it may be a secret.
        sink.add('error', 'literal-token', 'a token is never written in the manifest: write `token: env:NAME` and keep the secret in that environment variable (the value written here is not repeated; if it is a real token, rotate it)',
          file, locator.valueRange([...path, 'token']));
      }
      const parsed = liveSourceSchema.safeParse(rest);
      if (!parsed.success) {
        // The token is taken out of what messages may describe.
        const redacted = { sources: raw.map((_entry: unknown, i: number) => (i === index ? rest : undefined)) };
        reportIssues(parsed.error.issues, path, sectionSchema, redacted, locator, file, sink);
      }
      return parsed;
    });
    if (checked.value.success && checked.errors.length === 0) {
      result.push({ value: { ...checked.value.data, ...(typeof token === 'string' ? { token } : {}) }, path });
    }
  });
  return result;
}

/** Why a source URL is refused, or its base (no trailing slash). */
export function checkSourceUrl(text: string): { url: string } | { error: string } {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { error: 'is not a URL: expected e.g. https://status.example.com' };
  }
  const host = parsed.hostname;
  const local = host === 'localhost' || host === '127.0.0.1';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    return { error: `uses ${parsed.protocol.replace(/:$/, '')}: only https: is allowed (http: only on localhost and 127.0.0.1)` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { error: 'carries credentials: name a token with `token: env:NAME` instead' };
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    return { error: 'has a query or fragment: give the base URL only' };
  }
  return { url: `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}` };
}

/** What the normaliser lends to check references. */
export interface SourceChecks {
  readonly file: string;
  readonly locator: Pick<YamlLocator, 'valueRange' | 'keyRange' | 'entryRange'>;
  readonly sink: ProblemSink;
  /** Whether a system id is defined; else a hint to add to the message (`''` when none). */
  readonly systemHint: (id: string) => true | string;
}

/** The sources of the root file, normalised: URLs checked, references to systems checked, maps merged with defaults. */
export function normalizeSources(entries: readonly SourceEntryRead[], checks: SourceChecks): LiveSource[] {
  const { file, locator, sink } = checks;
  const ids = new Map<string, number>();
  const result: LiveSource[] = [];
  for (const { value: entry, path } of entries) {
    const range = (sub: YamlPath, kind: 'value' | 'key' = 'value') => (kind === 'key' ? locator.keyRange([...path, ...sub]) : locator.valueRange([...path, ...sub]));
    const first = ids.get(entry.id);
    if (first !== undefined) {
      sink.add('error', 'duplicate-id', `duplicate source id \`${entry.id}\` (first defined at ${file}:${first})`, file, range(['id']));
      continue;
    }
    ids.set(entry.id, locator.entryRange(path).start.line + 1);
    const errors = sink.capture(() => {
      const urlText = entry.url ?? defaultSourceUrl[entry.type];
      let url: string | undefined;
      if (urlText === undefined) {
        sink.add('error', 'missing-key', `missing \`url\`: a ${entry.type} source needs the base URL of the status page, e.g. https://status.example.com`, file, locator.entryRange(path));
      } else {
        const checked = checkSourceUrl(urlText);
        if ('error' in checked) {
          sink.add('error', 'insecure-url', `source URL ${checked.error}`, file, range(['url']));
        } else {
          url = checked.url;
        }
      }
      const mapKey = entry.type === 'statuspage' ? 'components' : 'services';
      const otherKey = entry.type === 'statuspage' ? 'services' : 'components';
      if (entry[otherKey] !== undefined) {
        sink.add('warning', 'unused-key', `\`${otherKey}\` is not read by a ${entry.type} source: use \`${mapKey}\``, file, range([otherKey], 'key'));
      }
      if (entry.type === 'pagerduty' && entry.maintenanceAsFreeze !== undefined) {
        sink.add('warning', 'unused-key', '`maintenanceAsFreeze` is read by statuspage sources only', file, range(['maintenanceAsFreeze'], 'key'));
      }
      const mapping: { remote: string; systems: string[] }[] = [];
      for (const [remote, refs] of Object.entries(entry[mapKey] ?? {})) {
        const list = typeof refs === 'string' ? [refs] : refs;
        const systems = list.filter((id, i) => {
          const known = checks.systemHint(id);
          if (known !== true) {
            sink.add('error', 'unknown-system', `unknown system \`${id}\`${known}`, file, range(typeof refs === 'string' ? [mapKey, remote] : [mapKey, remote, i]));
          }
          return known === true;
        });
        mapping.push({ remote, systems });
      }
      if (mapping.length === 0) {
        sink.add('warning', 'source-maps-nothing', `source \`${entry.id}\` maps no ${mapKey} to systems, so nothing it reports is shown`, file, range(['id']));
      }
      const severity = new Map<string, Severity>(Object.entries(defaultSeverities[entry.type]));
      for (const [remote, sev] of Object.entries(entry.severity ?? {})) {
        severity.set(remote.trim().toLowerCase(), sev);
      }
      const freeze: Partial<Record<Severity, Enforcement>> = {};
      for (const [sev, enforcement] of Object.entries(entry.freeze ?? {}) as [Severity, Enforcement | false | undefined][]) {
        if (enforcement) {
          freeze[sev] = enforcement;
        }
      }
      return { url, mapping, severity, freeze };
    });
    const { url, mapping, severity, freeze } = errors.value;
    if (url === undefined) {
      continue;
    }
    const tokenEnv = entry.token === undefined ? undefined : tokenPattern.exec(entry.token)?.[1];
    const source: SourceLocation = { file, range: locator.entryRange(path) };
    result.push({
      id: entry.id,
      type: entry.type,
      url,
      ...(tokenEnv !== undefined ? { tokenEnv } : {}),
      mapping,
      ...(entry.maintenanceAsFreeze ? { maintenanceAsFreeze: entry.maintenanceAsFreeze } : {}),
      freeze,
      severity,
      source,
    });
  }
  return result;
}
