import { Cron } from 'croner';
import { didYouMean } from './didYouMean';
import { globError, type GlobError } from '../paths/globMatcher';
import type { FileSections } from './manifestEntries';
import type { Enforcement, EntryOrigin, SystemDef } from '../model';
import type { ProblemSeverity, Range, SourceLocation } from '../problem';
import type { ProblemSink } from './problemSink';
import { isValidTimeZone, parseDue, parseInstant, timeNeedsZone } from '../time/timeZone';
import type { YamlLocator, YamlPath } from './yamlLocator';
import type { TokenGrant } from './extendsSpec';
import { cycleText, findCycles } from './dependencyCycles';

/** What the normaliser asks of a locator. */
export type SourceLocator = Pick<YamlLocator, 'valueRange' | 'keyRange' | 'entryRange'>;

/** Where the entries of an extended (organisation) manifest came from, and who may approve overrides of its freezes. */
export interface ExtendedFrom {
  readonly origin: Omit<EntryOrigin, 'line'>;
  /** The file's top-level `overrideApprovers`. */
  readonly overrideApprovers: readonly string[];
  /** The repository's `allowTokens` for the `extends:` entry this file came through (see sourceConfig.ts). */
  readonly tokenGrants: readonly TokenGrant[];
}

/** One manifest file, read entry by entry. */
export interface ManifestSource {
  readonly file: string;
  readonly locator: SourceLocator;
  readonly sections: FileSections;
  /** True for the root file (`ops.yaml`), the only one whose `timezone` and `hooks` count. */
  readonly root: boolean;
  /** Set for a file read through `extends:` (see extendsLoader.ts). */
  readonly extended?: ExtendedFrom;
}

type RangeKind = 'value' | 'key' | 'entry';

const timeExamples = 'a time such as 2026-12-20, 2026-12-20 18:00 or 2026-12-20T18:00:00+01:00';

/** The root `timezone` when it is written but cannot be used, and where it is written. */
export interface BrokenZone {
  /** As written and quoted (`"America/New_Yrok"`); empty when it is not text. */
  readonly shown: string;
  /** `ops.yaml:2:11` */
  readonly at: string;
}

/**
 * The checks the normaliser makes of every section (references, ids, times, zones, cron, globs,
 * dependency cycles), and the state they share; ManifestNormalizer reads the sections with them.
 */
export class NormalizerChecks {
  protected zone = 'UTC';
  /**
   * Set when the root `timezone` is written but unusable (unknown, or not text). Times that need it
   * cannot be read then: the freezes and incident-freezes they belong to are invalid (in force), the
   * overrides ignored. It is never silently UTC for them; informative times are read in UTC.
   */
  protected brokenZone: BrokenZone | undefined;
  protected readonly systemIds = new Map<string, SourceLocation>();
  protected readonly tiers = new Set<string>();
  protected readonly freezeIds = new Map<string, SourceLocation>();

  constructor(protected readonly sink: ProblemSink) {}

  // ---- checks ---------------------------------------------------------------------------------

  protected checkDependencies(sources: readonly ManifestSource[], systems: readonly SystemDef[]): void {
    const byFile = new Map(sources.map((source) => [source.file, source]));
    const sourceOf = (system: SystemDef): ManifestSource => byFile.get(system.source.file) ?? sources[0];
    for (const system of systems) {
      this.knownSystems(sourceOf(system), ['systems', system.id, 'dependsOn'], system.dependsOn);
    }
    const byId = new Map(systems.map((system) => [system.id, system]));
    for (const cycle of findCycles(systems)) {
      const first = byId.get(cycle[0]);
      if (first) {
        const edge = first.dependsOn.indexOf(cycle[1]);
        this.report(sourceOf(first), 'warning', 'dependency-cycle', `dependency cycle: ${cycleText(cycle)}`, ['systems', first.id, 'dependsOn', edge], 'value');
      }
    }
  }

  /** The ids that name a known system; each other one is reported. */
  protected knownSystems(source: ManifestSource, path: YamlPath, ids: readonly string[]): string[] {
    return ids.filter((id, index) => {
      if (this.isKnown(this.systemIds, id)) {
        return true;
      }
      // An extended (organisation) file names systems of many repositories: one this repository
      // does not have is not an error there, the entry just does not apply to it.
      if (source.extended !== undefined) {
        return false;
      }
      this.report(source, 'error', 'unknown-system', `unknown system \`${id}\`${this.idHint(id, this.systemIds, 'system')}`, [...path, index], 'value');
      return false;
    });
  }

  /** The valid globs; each invalid one is reported. */
  protected checkGlobs(source: ManifestSource, path: YamlPath, patterns: readonly string[]): string[] {
    return patterns.filter((pattern, index) => this.checkGlob(source, path, index, pattern));
  }

  /**
   * Whether a glob is usable; if not, a located problem: `invalid-glob`, or the limit it passes
   * (`glob-too-long`, `glob-too-many-wildcards`, `glob-too-many-alternatives`).
   */
  protected checkGlob(source: ManifestSource, listPath: YamlPath, index: number, pattern: string): boolean {
    // Checking a pattern without braces costs less than looking it up; braces may expand to many.
    const error = pattern.includes('{') ? globErrors.get(pattern, globError) : globError(pattern);
    if (error === undefined) {
      return true;
    }
    const shown = pattern.length > 80 ? `${pattern.slice(0, 60)}…` : pattern;
    const what = error.code === 'invalid-glob' ? 'invalid glob' : 'glob over a limit,';
    this.report(source, 'error', error.code, `${what} \`${shown}\`: ${error.message}`, [...listPath, index], 'value');
    return false;
  }

  protected checkZone(source: ManifestSource, path: YamlPath, zone: string, consequence = ''): string | undefined {
    if (isValidTimeZone(zone)) {
      return zone;
    }
    const hint = this.hint(zone, supportedZones());
    this.report(source, 'error', 'invalid-timezone', `unknown time zone "${zone}": expected an IANA name such as Europe/Berlin or UTC${hint}${consequence}`, path, 'value');
    return undefined;
  }

  /** The manifest's zone, or undefined when the root `timezone` is written but unusable. */
  protected readableZone(): string | undefined {
    return this.brokenZone ? undefined : this.zone;
  }

  /**
   * With the root `timezone` unusable, the first of an entry's `fields` whose text needs a zone (a
   * wall-clock time, or a cron `schedule`) gets a `time-in-invalid-zone` error, which makes the entry
   * invalid. A time written with an offset needs no zone: it stays valid.
   */
  protected checkZoneDependency(source: ManifestSource, path: YamlPath, fields: readonly (readonly [string, string | undefined])[], consequence: string): void {
    const broken = this.brokenZone;
    const field = fields.find(([key, text]) => text !== undefined && (key === 'schedule' || timeNeedsZone(text)));
    if (!broken || !field) {
      return;
    }
    const [key, text] = field;
    const what = key === 'schedule'
      ? `the \`schedule\` runs in the manifest's \`timezone\`${broken.shown} (${broken.at}), which is not a usable time zone`
      : `\`${key}: ${text}\` is read in the manifest's \`timezone\`${broken.shown} (${broken.at}), which is not a usable time zone`;
    const fix = key === 'schedule' ? 'fix that zone or give the freeze its own `timezone`' : 'fix that zone or write the time with an offset (`2026-12-07T05:00:00-05:00`)';
    this.report(source, 'error', 'time-in-invalid-zone', `${what}: ${consequence}; ${fix}`, key === 'schedule' ? [...path, 'schedule', 'start'] : [...path, key], 'value');
  }

  protected checkCron(source: ManifestSource, path: YamlPath, expression: string): void {
    const error = cronErrors.get(expression, cronError);
    if (error !== undefined) {
      this.report(source, 'error', 'invalid-cron', `invalid cron expression "${expression}": ${error}`, path, 'value');
    }
  }

  protected checkOrder(source: ManifestSource, path: YamlPath, start: number | undefined, end: number | undefined, message: string, allowEqual = false): void {
    if (start !== undefined && end !== undefined && (allowEqual ? end < start : end <= start)) {
      this.report(source, 'error', 'end-before-start', message, path, 'value');
    }
  }

  /** `zone` undefined: the zone is unusable, so only a time with an offset reads (the caller reports the others). */
  protected time(source: ManifestSource, path: YamlPath, text: string | undefined, zone: string | undefined): number | undefined {
    if (text === undefined) {
      return undefined;
    }
    if (zone === undefined && timeNeedsZone(text)) {
      return undefined;
    }
    const at = parseInstant(text, zone ?? 'UTC');
    if (at === undefined) {
      this.report(source, 'error', 'invalid-time', `expected ${timeExamples}, got "${text}"`, path, 'value');
    }
    return at;
  }

  protected due(source: ManifestSource, path: YamlPath, text: string | undefined): number | undefined {
    if (text === undefined) {
      return undefined;
    }
    const due = parseDue(text, this.zone);
    if (!due) {
      this.report(source, 'error', 'invalid-time', `expected ${timeExamples}, got "${text}"`, path, 'value');
    }
    return due?.at;
  }

  /**
   * Records the id; when it is taken, reports `duplicate-id` and returns true. Ids are compared in
   * Unicode normal form C, so `é` typed two ways is one id (and the message says why).
   */
  protected duplicate(
    ids: Map<string, SourceLocation>,
    id: string,
    what: string,
    source: ManifestSource,
    /** Where the second id is written; asked only when it is a duplicate. */
    where: () => Range,
    location: SourceLocation,
  ): boolean {
    const key = normalFormC(id);
    const first = ids.get(key);
    if (first && this.extendedEntries.has(first) && source.extended === undefined) {
      this.sink.add('error', 'extends-conflict', `${what} id \`${id}\` is already defined by an extended manifest (${first.file}:${first.range.start.line + 1}): `
        + 'a repository entry cannot replace or weaken it, the extended entry stays in force; rename or remove this one', source.file, where());
      return true;
    }
    if (first) {
      const at = `${first.file}:${first.range.start.line + 1}`;
      const spelled = [...ids.keys()].includes(id) ? '' : '; the two differ only in Unicode normalisation (the same letters typed as different code points): write them the same way';
      this.sink.add('error', 'duplicate-id', `duplicate ${what} id \`${id}\` (first defined at ${at})${spelled}`, source.file, where());
      return true;
    }
    ids.set(key, location);
    this.spellings.set(key, id);
    return false;
  }

  /** Whether `id` names a recorded id exactly as it was written. */
  protected isKnown(ids: ReadonlyMap<string, SourceLocation>, id: string): boolean {
    const key = normalFormC(id);
    return ids.has(key) && (this.spellings.get(key) ?? key) === id;
  }

  /** How each id was first written, by its normal form. */
  protected readonly spellings = new Map<string, string>();

  /** A hint for an unknown id: the same id in another Unicode normalisation, or a close spelling. */
  protected idHint(id: string, ids: ReadonlyMap<string, SourceLocation>, what: string): string {
    const key = normalFormC(id);
    if (ids.has(key)) {
      return `; it differs from the ${what} \`${this.spellings.get(key) ?? key}\` only in Unicode normalisation (the same letters typed as different code points): write them the same way`;
    }
    return this.hint(id, [...ids.keys()].map((known) => this.spellings.get(known) ?? known));
  }

  // ---- helpers --------------------------------------------------------------------------------

  protected hint(word: string, candidates: Iterable<string>): string {
    const suggestion = didYouMean(word, candidates);
    return suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`;
  }

  protected report(source: ManifestSource, severity: ProblemSeverity, code: string, message: string, path: YamlPath, kind: RangeKind): void {
    this.sink.add(severity, code, message, source.file, this.range(source, path, kind));
  }

  protected range(source: ManifestSource, path: YamlPath, kind: RangeKind): Range {
    if (kind === 'key') {
      return source.locator.keyRange(path);
    }
    return kind === 'entry' ? source.locator.entryRange(path) : source.locator.valueRange(path);
  }

  protected location(source: ManifestSource, path: YamlPath, kind: RangeKind): SourceLocation {
    const location = { file: source.file, range: this.range(source, path, kind) };
    if (source.extended !== undefined) {
      this.extendedEntries.add(location);
    }
    return location;
  }

  /** Locations of entries read from extended files (see `duplicate`). */
  private readonly extendedEntries = new WeakSet<SourceLocation>();

  /** The provenance of an entry of an extended file at `location`; undefined for the repository's own. */
  protected originOf(source: ManifestSource, location: SourceLocation): EntryOrigin | undefined {
    return source.extended === undefined ? undefined : { ...source.extended.origin, line: location.range.start.line + 1 };
  }
}

/** Results of pure checks by their text: large manifests repeat globs and cron expressions. */
class CheckCache<T = string> {
  private readonly results = new Map<string, T | undefined>();

  get(text: string, check: (text: string) => T | undefined): T | undefined {
    if (this.results.has(text)) {
      return this.results.get(text);
    }
    if (this.results.size >= 10_000) {
      this.results.clear();
    }
    const result = check(text);
    this.results.set(text, result);
    return result;
  }
}

const globErrors = new CheckCache<GlobError>();
const cronErrors = new CheckCache();

export function incidentFreeze(value: Enforcement | boolean | undefined): Enforcement | undefined {
  if (value === true) {
    return 'block';
  }
  return value === false ? undefined : value;
}

/** Why a cron expression is unusable, or undefined. Five fields only: croner would read six as seconds. */
function cronError(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  }
  try {
    const cron = new Cron(expression, { paused: true, timezone: 'UTC' });
    // A pattern like `0 0 30 2 *` parses but never fires.
    if (cron.nextRun(new Date(Date.UTC(2000, 0, 1))) === null) {
      return 'it never fires';
    }
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).replace(/^CronPattern:\s*/, '');
  }
}

let zones: readonly string[] | undefined;

function supportedZones(): readonly string[] {
  if (!zones) {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    zones = [...(intl.supportedValuesOf?.('timeZone') ?? []), 'UTC'];
  }
  return zones;
}

const notAscii = /[^\x20-\x7e]/;

/** `text.normalize('NFC')`, skipped for printable ASCII text (which it leaves as it is): ids are looked up by the thousand. */
function normalFormC(text: string): string {
  return notAscii.test(text) ? text.normalize('NFC') : text;
}

/** Drops keys whose value is undefined, so normalised entries carry only what was written. */
export function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) {
      delete value[key];
    }
  }
  return value;
}
