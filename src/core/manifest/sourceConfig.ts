import * as z from 'zod/mini';
import type { LoadedFile } from './manifestFile';
import { reportIssues } from './schemaProblems';
import { liveSourceSchema } from './manifestSchema';
import type { LiveSourceEntry } from './manifestSchema';
import type { Enforcement, EntryOrigin, LiveSource, Severity } from '../model';
import type { SourceLocation } from '../problem';
import type { ProblemSink } from './problemSink';
import { describeValue } from './schemaWalk';
import type { YamlLocator, YamlPath } from './yamlLocator';
import { originLabel } from './extendsSpec';
import type { TokenGrant } from './extendsSpec';

/**
 * `sources:` in the root manifest and in extended (organisation) manifests: live incident sources mapped to systems. Checked entry by
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

/** Reads `sources:` of the root file (or of an extended file). Never puts a token value into a problem message. */
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

/** A token grant's origin (`https://host[:port]`, no path), or why it is not one. */
export function checkTokenOrigin(text: string): { origin: string } | { error: string } {
  const checked = checkSourceUrl(text);
  if ('error' in checked) {
    return checked;
  }
  const origin = new URL(checked.url).origin;
  return checked.url === origin ? { origin } : { error: `\`${text}\` has a path: give the origin only (scheme, host and port), e.g. https://api.pagerduty.com` };
}

/** What the normaliser lends to check references. */
export interface SourceChecks {
  readonly sink: ProblemSink;
  /** Whether a system id is defined; else a hint to add to the message (`''` when none). */
  readonly systemHint: (id: string) => true | string;
}

/** One manifest file's sources, as the normaliser hands them over (a ManifestSource). */
export interface SourcesOfFile {
  readonly file: string;
  readonly locator: Pick<YamlLocator, 'valueRange' | 'keyRange' | 'entryRange'>;
  readonly sections: { readonly sources?: readonly SourceEntryRead[] };
  /** Set for an extended file: the origin of its entries, and the repository's grants for its sources. */
  readonly extended?: { readonly origin: Omit<EntryOrigin, 'line'>; readonly tokenGrants: readonly TokenGrant[] };
}

/** Where a source id was first written, and whether by an extended file. */
interface FirstId {
  readonly at: string;
  readonly extended: boolean;
}

/**
 * The sources of the root file and of the extended files, normalised: URLs checked, references to
 * systems checked, maps merged with defaults. `files`: extended files first, then the repository's
 * own, so that a repository source with an extended one's id is the one reported (`extends-conflict`).
 * An extended source maps only the systems this repository has (one mapping none does not apply
 * here) and gets a token only as its `allowTokens` grant says (`extends-token-not-allowed`).
 */
export function normalizeSources(files: readonly SourcesOfFile[], checks: SourceChecks): LiveSource[] {
  const ids = new Map<string, FirstId>();
  return files.flatMap((file) => (file.sections.sources ?? []).flatMap(({ value, path }) => {
    const source = normalizeSource(file, value, path, checks, ids);
    return source === undefined ? [] : [source];
  }));
}

function normalizeSource(file: SourcesOfFile, entry: LiveSourceEntry, path: YamlPath, checks: SourceChecks, ids: Map<string, FirstId>): LiveSource | undefined {
  const { locator, extended } = file;
  const sink = checks.sink;
  const range = (sub: YamlPath, kind: 'value' | 'key' = 'value') => (kind === 'key' ? locator.keyRange([...path, ...sub]) : locator.valueRange([...path, ...sub]));
  const first = ids.get(entry.id);
  if (first !== undefined && first.extended && extended === undefined) {
    sink.add('error', 'extends-conflict', `source id \`${entry.id}\` is already defined by an extended manifest (${first.at}): `
      + 'a repository entry cannot replace or weaken it, the extended entry stays in force; rename or remove this one', file.file, range(['id']));
    return undefined;
  }
  if (first !== undefined) {
    sink.add('error', 'duplicate-id', `duplicate source id \`${entry.id}\` (first defined at ${first.at})`, file.file, range(['id']));
    return undefined;
  }
  ids.set(entry.id, { at: `${file.file}:${locator.entryRange(path).start.line + 1}`, extended: extended !== undefined });
  const errors = sink.capture(() => {
    const urlText = entry.url ?? defaultSourceUrl[entry.type];
    let url: string | undefined;
    if (urlText === undefined) {
      sink.add('error', 'missing-key', `missing \`url\`: a ${entry.type} source needs the base URL of the status page, e.g. https://status.example.com`, file.file, locator.entryRange(path));
    } else {
      const checked = checkSourceUrl(urlText);
      if ('error' in checked) {
        sink.add('error', 'insecure-url', `source URL ${checked.error}`, file.file, range(['url']));
      } else {
        url = checked.url;
      }
    }
    const mapKey = entry.type === 'statuspage' ? 'components' : 'services';
    const otherKey = entry.type === 'statuspage' ? 'services' : 'components';
    if (entry[otherKey] !== undefined) {
      sink.add('warning', 'unused-key', `\`${otherKey}\` is not read by a ${entry.type} source: use \`${mapKey}\``, file.file, range([otherKey], 'key'));
    }
    if (entry.type === 'pagerduty' && entry.maintenanceAsFreeze !== undefined) {
      sink.add('warning', 'unused-key', '`maintenanceAsFreeze` is read by statuspage sources only', file.file, range(['maintenanceAsFreeze'], 'key'));
    }
    const mapping: { remote: string; systems: string[] }[] = [];
    for (const [remote, refs] of Object.entries(entry[mapKey] ?? {})) {
      const list = typeof refs === 'string' ? [refs] : refs;
      const systems = list.filter((id, i) => {
        const known = checks.systemHint(id);
        // An extended file names systems of many repositories: one this repository lacks just does not apply.
        if (known !== true && extended === undefined) {
          sink.add('error', 'unknown-system', `unknown system \`${id}\`${known}`, file.file, range(typeof refs === 'string' ? [mapKey, remote] : [mapKey, remote, i]));
        }
        return known === true;
      });
      if (extended === undefined || systems.length > 0) {
        mapping.push({ remote, systems });
      }
    }
    if (mapping.length === 0 && extended === undefined) {
      sink.add('warning', 'source-maps-nothing', `source \`${entry.id}\` maps no ${mapKey} to systems, so nothing it reports is shown`, file.file, range(['id']));
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
  // An extended source on none of this repository's systems does not concern it: not even fetched.
  if (url === undefined || (extended !== undefined && mapping.length === 0)) {
    return undefined;
  }
  const location: SourceLocation = { file: file.file, range: locator.entryRange(path) };
  const common = {
    id: entry.id, type: entry.type, url, mapping, ...(entry.maintenanceAsFreeze ? { maintenanceAsFreeze: entry.maintenanceAsFreeze } : {}), freeze, severity, source: location,
  };
  const tokenEnv = entry.token === undefined ? undefined : tokenPattern.exec(entry.token)?.[1];
  if (extended === undefined) {
    return { ...common, ...(tokenEnv !== undefined ? { tokenEnv } : {}) };
  }
  const origin = { ...extended.origin, line: location.range.start.line + 1 };
  if (tokenEnv === undefined) {
    return { ...common, origin };
  }
  const to = new URL(url).origin;
  if (extended.tokenGrants.some((grant) => grant.env === tokenEnv && grant.origin === to)) {
    return { ...common, origin, tokenEnv, tokenOrigin: to };
  }
  // Fail safe: a repository's secret goes only where the repository itself said it may go.
  const needsToken = entry.type === 'pagerduty';
  sink.add('warning', 'extends-token-not-allowed', `source \`${entry.id}\` of the extended manifest ${originLabel(extended.origin)} names the token \`env:${tokenEnv}\` for ${to}, `
    + `which the repository does not allow: the token is not sent${needsToken ? ' and the source, which needs one, is not read (its incidents are not checked)' : '; the source is read without it'}. `
    + `If you trust ${to} with it, add \`allowTokens: [{ env: ${tokenEnv}, origin: ${to} }]\` to that \`extends:\` entry in the repository's manifest`,
  file.file, range(['token']));
  return needsToken ? undefined : { ...common, origin };
}
