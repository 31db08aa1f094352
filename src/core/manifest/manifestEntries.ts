import * as z from 'zod/mini';
import type { LoadedFile } from './manifestFile';
import { entryKey } from './manifestFile';
import { reportIssues } from './schemaProblems';
import {
  freezeSchema, incidentSchema, milestoneSchema, overrideSchema, projectHeadSchema, systemSchema,
} from './manifestSchema';
import type { FreezeEntry, IncidentEntry, MilestoneEntry, OverrideEntry, ProjectEntry, SystemEntry } from './manifestSchema';
import type { Problem } from '../problem';
import { quickParse, undecided } from './quickCheck';
import type { ProblemSink } from './problemSink';
import { describeValue } from './schemaWalk';
import type { YamlPath } from './yamlLocator';
import { readSourceEntries } from './sourceConfig';
import type { SourceEntryRead } from './sourceConfig';

/**
 * The sections of one manifest file, checked entry by entry against the schema: one bad entry
 * never hides the others. What happens to an entry that does not fit depends on what it could do
 * (see "When the manifest is wrong" in docs/manifest.md): the normaliser decides; this module only
 * reads what can still be read and remembers the first error of each entry.
 */

/** One section entry: the value read (defaults filled in, unreadable fields replaced), where it is, and why it is invalid. */
export interface Entry<T> {
  readonly value: T;
  readonly path: YamlPath;
  /** The first error inside the entry (syntax or schema); absent when it fit. */
  readonly invalid?: Problem;
}

export interface FileSections {
  readonly version: boolean;
  readonly timezone?: string;
  /** True when the root file writes a `timezone` that is not text (reported): no zone can be read from it. */
  readonly timezoneUnreadable?: boolean;
  /** `hooks.strict` as read; an unreadable value counts as strict. */
  readonly strict: boolean;
  readonly include: readonly string[];
  readonly systems: readonly Entry<SystemEntry & { readonly id: string }>[];
  readonly freezes: readonly Entry<FreezeEntry>[];
  readonly overrides: readonly Entry<OverrideEntry>[];
  readonly incidents: readonly Entry<IncidentEntry & { readonly hasFreeze: boolean }>[];
  readonly projects: readonly Entry<ProjectEntry>[];
  /** `sources:` entries that fit (root file only). */
  readonly sources?: readonly SourceEntryRead[];
  /** `hooks.live` as read (root file only). */
  readonly live?: boolean;
}

interface Reader {
  readonly loaded: LoadedFile;
  readonly raw: Record<string, unknown>;
  readonly schema: z.ZodMiniType;
  readonly sink: ProblemSink;
}

const yes = new Set(['yes', 'y', 'on', 'true']);
const no = new Set(['no', 'n', 'off', 'false']);

export function readSections(loaded: LoadedFile, schema: z.ZodMiniType, sink: ProblemSink, root: boolean): FileSections {
  const raw = loaded.raw ?? {};
  const reader: Reader = { loaded, raw, schema, sink };
  const version = raw.version === 1;
  if (root ? !version : raw.version !== undefined && !version) {
    const message = raw.version === undefined
      ? 'missing `version`: expected 1'
      : `expected \`version: 1\`, got ${describeValue(raw.version)}`;
    sink.add('error', raw.version === undefined ? 'missing-key' : 'invalid-value', message, loaded.file,
      raw.version === undefined ? loaded.locator.rootRange() : loaded.locator.valueRange(['version']));
  }
  let timezone: string | undefined;
  let timezoneUnreadable = false;
  if (raw.timezone !== undefined && root) {
    if (typeof raw.timezone === 'string') {
      timezone = raw.timezone;
    } else {
      timezoneUnreadable = true;
      report(reader, 'wrong-type', `expected an IANA time zone name such as Europe/Berlin, got ${describeValue(raw.timezone)}`, ['timezone']);
    }
  }
  return {
    version,
    timezone,
    ...(timezoneUnreadable ? { timezoneUnreadable } : {}),
    strict: root ? readStrict(reader) : false,
    include: readInclude(reader),
    systems: readSystems(reader),
    freezes: list(reader, 'freezes').map((item, index) => readFreeze(reader, item, index)),
    overrides: list(reader, 'overrides').flatMap((item, index) => {
      const read = readEntry(reader, overrideSchema, item, ['overrides', index]);
      // An override can only take protection away: one that does not fit is ignored until fixed.
      return read.invalid || !read.value ? [] : [{ value: read.value, path: ['overrides', index] }];
    }),
    incidents: list(reader, 'incidents').flatMap((item, index) => readIncident(reader, item, index)),
    projects: list(reader, 'projects').flatMap((item, index) => readProject(reader, item, index)),
    ...(root ? { sources: readSourceEntries(loaded, sink), live: readLive(reader) } : {}),
  };
}

function report(reader: Reader, code: string, message: string, path: YamlPath): void {
  reader.sink.add('error', code, message, reader.loaded.file, reader.loaded.locator.valueRange(path));
}

/**
 * `hooks.strict`: a boolean. `yes`/`on` (YAML 1.1 booleans, which YAML 1.2 reads as text) are
 * accepted with a warning; anything else that cannot be read counts as strict, the safe reading.
 */
function readStrict(reader: Reader): boolean {
  const hooks = reader.raw.hooks;
  if (hooks === undefined) {
    return false;
  }
  if (hooks === null || typeof hooks !== 'object' || Array.isArray(hooks)) {
    report(reader, 'wrong-type', `expected a mapping such as \`hooks: { strict: true }\`, got ${describeValue(hooks)}; hooks are treated as strict until fixed`, ['hooks']);
    return true;
  }
  const strict = (hooks as Record<string, unknown>).strict;
  if (strict === undefined || typeof strict === 'boolean') {
    return strict === true;
  }
  const text = typeof strict === 'string' ? strict.trim().toLowerCase() : undefined;
  if (typeof strict === 'string' && text !== undefined && (yes.has(text) || no.has(text))) {
    const value = yes.has(text);
    reader.sink.add('warning', 'yaml11-boolean', `\`${strict}\` is read as ${value}: write \`strict: ${value}\` (YAML 1.2 reads \`${strict}\` as text)`,
      reader.loaded.file, reader.loaded.locator.valueRange(['hooks', 'strict']));
    return value;
  }
  report(reader, 'wrong-type', `expected true or false, got ${describeValue(strict)}; hooks are treated as strict until fixed`, ['hooks', 'strict']);
  return true;
}

/** `hooks.live`: only `true` turns it on; anything else is reported and read as off (hooks stay offline). */
function readLive(reader: Reader): boolean {
  const hooks = reader.raw.hooks;
  const live = hooks !== null && typeof hooks === 'object' && !Array.isArray(hooks) ? (hooks as Record<string, unknown>).live : undefined;
  if (live === undefined || typeof live === 'boolean') {
    return live === true;
  }
  report(reader, 'wrong-type', `expected true or false, got ${describeValue(live)}; hooks do not read live sources until fixed`, ['hooks', 'live']);
  return false;
}

function readInclude(reader: Reader): string[] {
  const include = reader.raw.include;
  if (include === undefined) {
    return [];
  }
  if (!Array.isArray(include)) {
    report(reader, 'wrong-type', `expected a list of file paths, got ${describeValue(include)}`, ['include']);
    return [];
  }
  return include.flatMap((item, index) => {
    if (typeof item === 'string' && item.length > 0) {
      return [item];
    }
    report(reader, 'wrong-type', `expected a file path, got ${describeValue(item)}`, ['include', index]);
    return [];
  });
}

/** The items of a list section; a section that is not a list is reported and read as empty. */
function list(reader: Reader, section: string): unknown[] {
  const value = reader.raw[section];
  if (value === undefined) {
    return [];
  }
  if (Array.isArray(value)) {
    return value;
  }
  report(reader, 'wrong-type', `expected a list of ${section} (each item starting with \`- \`), got ${describeValue(value)}`, [section]);
  // Whatever freezes were meant cannot be read: one invalid freeze over every system stands in for them.
  return section === 'freezes' ? [{ id: 'freezes', systems: '*' }] : [];
}

/**
 * Checks one entry. Returns the parsed value when it fits, otherwise each field that still parses
 * on its own (defaults for the rest) in `partial`, with the first error in `invalid`.
 */
function readEntry<S extends z.ZodMiniObject>(
  reader: Reader,
  schema: S,
  item: unknown,
  path: YamlPath,
): { value?: z.output<S>; partial: Partial<z.output<S>>; invalid?: Problem } {
  const syntax = reader.loaded.entryErrors.size === 0 ? undefined : reader.loaded.entryErrors.get(entryKey(String(path[0]), path[1]));
  if (syntax === undefined) {
    const quick = quickParse(schema, item);
    if (quick !== undecided) {
      const value = quick as z.output<S>;
      return { value, partial: value };
    }
  }
  const { value: result, errors } = reader.sink.capture(() => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      reportIssues(parsed.error.issues, path, reader.schema, reader.raw, reader.loaded.locator, reader.loaded.file, reader.sink);
    }
    return parsed;
  });
  const invalid = syntax ?? errors[0] ?? (result.success ? undefined : {
    severity: 'error', code: 'invalid-value', message: 'entry does not fit the schema', file: reader.loaded.file,
    range: reader.loaded.locator.valueRange(path),
  });
  if (result.success && !invalid) {
    return { value: result.data, partial: result.data };
  }
  return { ...(result.success ? { value: result.data } : {}), partial: salvage(schema, item), ...(invalid ? { invalid } : {}) };
}

/** Each field of `item` that parses on its own, and the defaults of the others. */
function salvage<S extends z.ZodMiniObject>(schema: S, item: unknown): Partial<z.output<S>> {
  const source = item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
  const result: Record<string, unknown> = {};
  const shape: Readonly<Record<string, z.core.$ZodType>> = schema.shape;
  for (const [key, field] of Object.entries(shape)) {
    const parsed = z.safeParse(field, source[key]);
    if (parsed.success) {
      if (parsed.data !== undefined) {
        result[key] = parsed.data;
      }
    } else {
      const fallback = z.safeParse(field, undefined);
      if (fallback.success && fallback.data !== undefined) {
        result[key] = fallback.data;
      }
    }
  }
  return result as Partial<z.output<S>>;
}

function stringItems(value: unknown): string[] {
  if (typeof value === 'string' && value.length > 0) {
    return [value];
  }
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.length > 0) : [];
}

/** Case and spelling variants people write for enumerations: `SEV1`, `Sev 1`, `Investigating`. */
function normalizeEnums(item: unknown, fields: readonly string[]): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return item;
  }
  const copy = { ...(item as Record<string, unknown>) };
  for (const field of fields) {
    const value = copy[field];
    if (typeof value === 'string') {
      const lower = value.trim().toLowerCase();
      copy[field] = field === 'severity' ? lower.replace(/^sev[\s_-]*([1-4])$/, 'sev$1') : lower.replace(/[\s_]+/g, '-');
    }
  }
  return copy;
}

function readSystems(reader: Reader): Entry<SystemEntry & { id: string }>[] {
  const systems = reader.raw.systems;
  if (systems === undefined) {
    return [];
  }
  if (systems === null || typeof systems !== 'object' || Array.isArray(systems)) {
    report(reader, 'wrong-type', `expected a mapping of systems by id, got ${describeValue(systems)}`, ['systems']);
    return [];
  }
  return Object.entries(systems as Record<string, unknown>).map(([id, item]) => {
    const path = ['systems', id];
    const read = readEntry(reader, systemSchema, item, path);
    if (!read.invalid && read.value) {
      return { value: { ...read.value, id }, path };
    }
    const raw = (item ?? {}) as Record<string, unknown>;
    const partial = read.partial;
    // Paths put files under freezes: keep every one that reads. Excludes take files out: keep none.
    const value: SystemEntry & { id: string } = {
      id,
      ...(partial.title !== undefined ? { title: partial.title } : {}),
      paths: stringItems(raw.paths),
      exclude: [],
      owners: stringItems(raw.owners),
      ...(partial.tier !== undefined ? { tier: partial.tier } : {}),
      dependsOn: stringItems(raw.dependsOn),
      ...(partial.oncall !== undefined ? { oncall: partial.oncall } : {}),
    };
    return { value, path, ...(read.invalid ? { invalid: read.invalid } : {}) };
  });
}

/** The scope of a freeze as written: `"*"`, ids, or a list holding `"*"`. */
function freezeSystems(value: unknown): FreezeEntry['systems'] {
  if (value === '*' || (Array.isArray(value) && value.includes('*'))) {
    return '*';
  }
  return stringItems(value);
}

function readFreeze(reader: Reader, item: unknown, index: number): Entry<FreezeEntry> {
  const path = ['freezes', index];
  const normalized = normalizeEnums(item, ['enforcement']);
  const read = readEntry(reader, freezeSchema, normalized, path);
  if (!read.invalid && read.value) {
    return { value: { ...read.value, systems: freezeSystems(read.value.systems) }, path };
  }
  // A freeze can only add protection: it stays, in force, over whatever scope can still be read.
  const raw = (normalized ?? {}) as Record<string, unknown>;
  const systems = freezeSystems(raw.systems);
  const tiers = Array.isArray(raw.tiers) ? raw.tiers.filter((tier): tier is string | number => typeof tier === 'string' || typeof tier === 'number') : [];
  const scoped = systems === '*' || systems.length > 0 || tiers.length > 0;
  const value: FreezeEntry = {
    ...read.partial,
    id: typeof raw.id === 'string' && raw.id !== '' ? raw.id : `freezes[${index}]`,
    systems: scoped ? systems : '*',
    tiers,
    exempt: [],
    enforcement: read.partial.enforcement ?? 'block',
  };
  return { value, path, invalid: read.invalid! };
}

function readIncident(reader: Reader, item: unknown, index: number): Entry<IncidentEntry & { hasFreeze: boolean }>[] {
  const path = ['incidents', index];
  const normalized = normalizeEnums(item, ['severity', 'status', 'freeze']);
  const raw = (normalized !== null && typeof normalized === 'object' ? normalized : {}) as Record<string, unknown>;
  const hasFreeze = raw.freeze !== undefined && raw.freeze !== false && raw.freeze !== null;
  const read = readEntry(reader, incidentSchema, normalized, path);
  if (!read.invalid && read.value) {
    return [{ value: { ...read.value, hasFreeze }, path }];
  }
  if (!hasFreeze) {
    // Without `freeze:` an incident only informs: one that does not fit is reported and left out.
    return [];
  }
  // An incident that freezes can only add protection: it stays, active, over what can be read.
  const systems = stringItems(raw.systems);
  const value: IncidentEntry & { hasFreeze: boolean } = {
    ...read.partial,
    id: typeof raw.id === 'string' && raw.id !== '' ? raw.id : `incidents[${index}]`,
    severity: read.partial.severity ?? 'sev1',
    status: read.partial.status !== undefined && read.partial.status !== 'resolved' ? read.partial.status : 'investigating',
    systems: systems.length > 0 ? systems : ['*'],
    freeze: raw.freeze === 'warn' ? 'warn' : 'block',
    hasFreeze,
  };
  return [{ value, path, invalid: read.invalid! }];
}

function readProject(reader: Reader, item: unknown, index: number): Entry<ProjectEntry>[] {
  const path = ['projects', index];
  const raw = (item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {}) as Record<string, unknown>;
  const rawMilestones = raw.milestones;
  const read = readEntry(reader, projectHeadSchema, { ...raw, milestones: undefined }, path);
  const id = read.value?.id ?? read.partial.id;
  if (id === undefined) {
    return [];
  }
  let milestones: MilestoneEntry[] = [];
  if (Array.isArray(rawMilestones)) {
    milestones = rawMilestones.flatMap((milestone, i) => {
      const mread = readEntry(reader, milestoneSchema, normalizeEnums(milestone, ['status']), [...path, 'milestones', i]);
      // A milestone only informs: kept when its id reads, with the fields that read.
      if (mread.value) {
        return [mread.value];
      }
      return mread.partial.id !== undefined ? [{ ...mread.partial, id: mread.partial.id, status: mread.partial.status ?? 'planned', systems: mread.partial.systems ?? [] }] : [];
    });
  } else if (rawMilestones !== undefined) {
    report(reader, 'wrong-type', `expected a list of milestones, got ${describeValue(rawMilestones)}`, [...path, 'milestones']);
  }
  const base = read.value ?? read.partial;
  const value: ProjectEntry = {
    ...base,
    id,
    systems: read.value?.systems ?? stringItems(raw.systems),
    milestones,
  };
  return [{ value, path, ...(read.invalid ? { invalid: read.invalid } : {}) }];
}
