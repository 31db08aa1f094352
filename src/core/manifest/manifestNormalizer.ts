import { Cron } from 'croner';
import { didYouMean } from './didYouMean';
import { globError, type GlobError } from '../paths/globMatcher';
import type { FileSections } from './manifestEntries';
import type { FreezeEntry } from './manifestSchema';
import type { Enforcement, Freeze, Incident, Manifest, Milestone, Override, Project, SystemDef } from '../model';
import type { ProblemSeverity, Range, SourceLocation } from '../problem';
import type { ProblemSink } from './problemSink';
import { normalizeSources } from './sourceConfig';
import { isValidTimeZone, parseDue, parseInstant, timeNeedsZone } from '../time/timeZone';
import type { YamlLocator, YamlPath } from './yamlLocator';

/** What the normaliser asks of a locator. */
export type SourceLocator = Pick<YamlLocator, 'valueRange' | 'keyRange' | 'entryRange'>;

/** One manifest file, read entry by entry. */
export interface ManifestSource {
  readonly file: string;
  readonly locator: SourceLocator;
  readonly sections: FileSections;
  /** True for the root file (`ops.yaml`), the only one whose `timezone` and `hooks` count. */
  readonly root: boolean;
}

type RangeKind = 'value' | 'key' | 'entry';

/** Added to the root `invalid-timezone` error: what an unusable manifest zone does until fixed. */
const rootZoneConsequence = '; until it is fixed, freezes and incident-freezes whose times are read in it are treated as in force, '
  + 'overrides whose `expires` is read in it are ignored, and other times are read in UTC';

const timeExamples = 'a time such as 2026-12-20, 2026-12-20 18:00 or 2026-12-20T18:00:00+01:00';

/** The root `timezone` when it is written but cannot be used, and where it is written. */
interface BrokenZone {
  /** As written and quoted (`"America/New_Yrok"`); empty when it is not text. */
  readonly shown: string;
  /** `ops.yaml:2:11` */
  readonly at: string;
}

/**
 * Merges the sources (systems maps merged, lists concatenated in file order) into a `Manifest`
 * and reports what the schema cannot see: duplicate ids, unknown references, times, zones, cron,
 * globs, freeze windows and dependency cycles. Problems stay with their entry: a freeze or an
 * incident that freezes is kept, marked invalid (in force); an override that is wrong is left out;
 * informative entries keep what reads.
 */
export class ManifestNormalizer {
  private zone = 'UTC';
  /**
   * Set when the root `timezone` is written but unusable (unknown, or not text). Times that need it
   * cannot be read then: the freezes and incident-freezes they belong to are invalid (in force), the
   * overrides ignored. It is never silently UTC for them; informative times are read in UTC.
   */
  private brokenZone: BrokenZone | undefined;
  private readonly systemIds = new Map<string, SourceLocation>();
  private readonly tiers = new Set<string>();
  private readonly freezeIds = new Map<string, SourceLocation>();

  constructor(private readonly sink: ProblemSink) {}

  normalize(sources: readonly ManifestSource[]): Manifest {
    const root = sources[0];
    const rootSections = root.sections;
    this.zone = 'UTC';
    this.brokenZone = undefined;
    const written = rootSections.timezone;
    if (written !== undefined || rootSections.timezoneUnreadable) {
      const zone = written === undefined ? undefined : this.checkZone(root, ['timezone'], written, rootZoneConsequence);
      if (zone === undefined) {
        const start = this.range(root, ['timezone'], 'value').start;
        this.brokenZone = { shown: written === undefined ? '' : ` "${written}"`, at: `${root.file}:${start.line + 1}:${start.column + 1}` };
      }
      this.zone = zone ?? 'UTC';
    }
    const systems = sources.flatMap((source) => this.systems(source));
    this.checkDependencies(sources, systems);
    const freezes = sources.flatMap((source) => this.freezes(source));
    const overrides = sources.flatMap((source) => this.overrides(source));
    const incidents = sources.flatMap((source) => this.incidents(source));
    const projects = sources.flatMap((source) => this.projects(source));
    const live = normalizeSources(rootSections.sources ?? [], {
      file: root.file, locator: root.locator, sink: this.sink,
      systemHint: (id) => this.isKnown(this.systemIds, id) || this.idHint(id, this.systemIds, 'system'),
    });
    return {
      version: 1,
      timezone: this.zone,
      systems,
      freezes,
      overrides,
      incidents,
      projects,
      hooks: { strict: rootSections.strict, ...(rootSections.live ? { live: true } : {}) },
      ...(live.length > 0 ? { sources: live } : {}),
      files: sources.map((source) => source.file),
    };
  }

  // ---- sections -------------------------------------------------------------------------------

  private systems(source: ManifestSource): SystemDef[] {
    const result: SystemDef[] = [];
    for (const { value: entry, path } of source.sections.systems) {
      const id = entry.id;
      const location = this.location(source, path, 'entry');
      if (this.duplicate(this.systemIds, id, 'system', source, () => this.range(source, path, 'key'), location)) {
        continue;
      }
      // A path glob that is wrong matches nothing; an exclude that is wrong would take files out
      // of freezes by accident, so one bad exclude drops them all until fixed.
      const paths = this.checkGlobs(source, [...path, 'paths'], entry.paths);
      const exclude = this.checkGlobs(source, [...path, 'exclude'], entry.exclude);
      const tier = entry.tier === undefined ? undefined : String(entry.tier);
      if (tier !== undefined) {
        this.tiers.add(tier);
      }
      const title = entry.title ?? id;
      const kept = exclude.length === entry.exclude.length ? exclude : [];
      // Written out rather than through `defined`: deleting a key slows every later read of the object.
      const system: SystemDef = tier === undefined
        ? { id, title, paths, exclude: kept, owners: entry.owners, dependsOn: entry.dependsOn, source: location }
        : { id, title, paths, exclude: kept, owners: entry.owners, tier, dependsOn: entry.dependsOn, source: location };
      result.push(entry.oncall === undefined ? system : { ...system, oncall: entry.oncall });
    }
    return result;
  }

  private freezes(source: ManifestSource): Freeze[] {
    return source.sections.freezes.map(({ value: entry, path, invalid: schemaError }) => {
      const location = this.location(source, path, 'entry');
      const checked = this.sink.capture(() => {
        this.duplicate(this.freezeIds, entry.id, 'freeze', source, () => this.range(source, [...path, 'id'], 'value'), location);
        const zone = entry.timezone === undefined ? this.zone : (this.checkZone(source, [...path, 'timezone'], entry.timezone) ?? this.zone);
        // Without a zone of its own, a freeze's wall-clock times and cron are read in the manifest's.
        const readZone = entry.timezone === undefined ? this.readableZone() : zone;
        const systems = entry.systems === '*' ? ['*'] : this.knownSystems(source, [...path, 'systems'], entry.systems);
        const tiers = entry.tiers.map(String);
        tiers.forEach((tier, i) => {
          if (!this.tiers.has(tier)) {
            this.report(source, 'warning', 'unknown-tier', `no system has tier \`${tier}\``, [...path, 'tiers', i], 'value');
          }
        });
        if (entry.systems !== '*' && entry.systems.length === 0 && tiers.length === 0) {
          this.report(source, 'warning', 'freeze-covers-nothing', `freeze \`${entry.id}\` lists no systems and no tiers, so it covers nothing`, [...path, 'id'], 'value');
        }
        const exempt = this.checkGlobs(source, [...path, 'exempt'], entry.exempt);
        if (readZone === undefined && !schemaError) {
          this.checkZoneDependency(source, path, [['start', entry.start], ['end', entry.end], ['schedule', entry.schedule?.start]],
            `freeze \`${entry.id}\` is treated as in force until fixed`);
        }
        const window = schemaError ? {} : this.freezeWindow(source, path, entry, readZone);
        return { zone, systems, tiers, exempt, window };
      });
      const { zone, systems, tiers, exempt, window } = checked.value;
      const invalid = schemaError ?? checked.errors[0];
      if (invalid) {
        // In force at every instant, over the scope that reads (every system when none does), no
        // exemptions. A tier no system has reads as nothing: `systems: [ghost], tiers: [9]` is every system.
        const scoped = systems.length > 0 || tiers.some((tier) => this.tiers.has(tier));
        return defined({
          id: entry.id, title: entry.title ?? entry.id, reason: entry.reason, systems: scoped ? systems : ['*'], tiers,
          timezone: zone, exempt: [], enforcement: entry.enforcement, source: location, invalid,
        });
      }
      return defined({
        id: entry.id,
        title: entry.title ?? entry.id,
        reason: entry.reason,
        systems,
        tiers,
        ...window,
        timezone: zone,
        exempt,
        enforcement: entry.enforcement,
        source: location,
      });
    });
  }

  private freezeWindow(
    source: ManifestSource,
    path: YamlPath,
    entry: FreezeEntry,
    /** Undefined when the zone the times are read in is unusable (see `brokenZone`). */
    zone: string | undefined,
  ): Pick<Freeze, 'start' | 'end' | 'startText' | 'endText' | 'schedule'> {
    const hasAbsolute = entry.start !== undefined || entry.end !== undefined;
    if (hasAbsolute && entry.schedule) {
      this.report(source, 'error', 'freeze-window-conflict', 'a freeze has either `start`/`end` or `schedule`, not both', [...path, 'schedule'], 'key');
    } else if (!hasAbsolute && !entry.schedule) {
      this.report(source, 'error', 'freeze-window-missing', `freeze \`${entry.id}\` needs \`start\` and \`end\`, or a \`schedule\``, [...path, 'id'], 'value');
    } else if (hasAbsolute && (entry.start === undefined || entry.end === undefined)) {
      const present = entry.start === undefined ? 'end' : 'start';
      const missing = present === 'start' ? 'end' : 'start';
      this.report(source, 'error', 'freeze-window-incomplete', `\`${present}\` needs \`${missing}\` too`, [...path, present], 'key');
    }
    if (entry.schedule) {
      this.checkCron(source, [...path, 'schedule', 'start'], entry.schedule.start);
      this.checkCron(source, [...path, 'schedule', 'end'], entry.schedule.end);
    }
    const start = this.time(source, [...path, 'start'], entry.start, zone);
    const end = this.time(source, [...path, 'end'], entry.end, zone);
    if (start !== undefined && end !== undefined && start === end) {
      this.report(source, 'warning', 'empty-window', `\`end\` equals \`start\`: freeze \`${entry.id}\` has an empty window and never applies`, [...path, 'end'], 'value');
    } else {
      this.checkOrder(source, [...path, 'end'], start, end, '`end` must be after `start`');
    }
    return {
      start,
      end,
      startText: entry.start,
      endText: entry.end,
      schedule: entry.schedule ? { start: entry.schedule.start, end: entry.schedule.end } : undefined,
    };
  }

  private overrides(source: ManifestSource): Override[] {
    return source.sections.overrides.flatMap(({ value: entry, path }) => {
      const checked = this.sink.capture(() => {
        if (!this.isKnown(this.freezeIds, entry.freeze)) {
          this.report(source, 'error', 'unknown-freeze', `unknown freeze \`${entry.freeze}\`${this.idHint(entry.freeze, this.freezeIds, 'freeze')}`, [...path, 'freeze'], 'value');
        }
        this.checkGlobs(source, [...path, 'paths'], entry.paths);
        const zone = this.readableZone();
        if (zone === undefined) {
          this.checkZoneDependency(source, path, [['expires', entry.expires]], 'the override is ignored until fixed');
        }
        return this.time(source, [...path, 'expires'], entry.expires, zone);
      });
      // An override can only take protection away: one that is wrong is ignored until fixed.
      if (checked.errors.length > 0) {
        return [];
      }
      return [defined({
        freeze: entry.freeze,
        paths: entry.paths,
        reason: entry.reason,
        approvedBy: entry.approvedBy,
        expires: checked.value,
        expiresText: entry.expires,
        source: this.location(source, path, 'entry'),
      })];
    });
  }

  private readonly incidentIds = new Map<string, SourceLocation>();

  private incidents(source: ManifestSource): Incident[] {
    return source.sections.incidents.flatMap(({ value: entry, path, invalid: schemaError }) => {
      const location = this.location(source, path, 'entry');
      const checked = this.sink.capture(() => {
        const duplicate = this.duplicate(this.incidentIds, entry.id, 'incident', source, () => this.range(source, [...path, 'id'], 'value'), location);
        const systems = this.knownSystems(source, [...path, 'systems'], entry.systems);
        // An incident that freezes cannot have its times read in an unusable zone (it is then
        // invalid, in force); one that only informs reads them in UTC, as the top-level error says.
        const zone = incidentFreeze(entry.freeze) ? this.readableZone() : this.zone;
        if (zone === undefined && !schemaError) {
          this.checkZoneDependency(source, path, [['started', entry.started], ['resolved', entry.resolved]],
            `incident \`${entry.id}\` is treated as an active freeze until fixed`);
        }
        const started = this.time(source, [...path, 'started'], entry.started, zone);
        const resolved = this.time(source, [...path, 'resolved'], entry.resolved, zone);
        this.checkOrder(source, [...path, 'resolved'], started, resolved, '`resolved` must not be before `started`', true);
        return { duplicate, systems, started, resolved };
      });
      const { duplicate, systems, started, resolved } = checked.value;
      const invalid = schemaError ?? checked.errors[0];
      const freeze = incidentFreeze(entry.freeze);
      if (invalid && !freeze) {
        // An incident that only informs keeps what reads; a second one with the same id is left out.
        if (duplicate) {
          return [];
        }
      }
      const scope = invalid && freeze && !entry.systems.includes('*') && systems.length === 0 ? ['*'] : systems;
      return [defined({
        id: entry.id,
        title: entry.title ?? entry.id,
        severity: entry.severity,
        status: invalid && freeze && entry.status === 'resolved' ? 'investigating' : entry.status,
        systems: entry.systems.includes('*') ? ['*'] : scope,
        started,
        startedText: started === undefined ? undefined : entry.started,
        resolved,
        resolvedText: resolved === undefined ? undefined : entry.resolved,
        commander: entry.commander,
        url: entry.url,
        freeze,
        source: location,
        invalid: freeze ? invalid : undefined,
      })];
    });
  }

  private readonly projectIds = new Map<string, SourceLocation>();

  private projects(source: ManifestSource): Project[] {
    return source.sections.projects.flatMap(({ value: entry, path }) => {
      const location = this.location(source, path, 'entry');
      if (this.duplicate(this.projectIds, entry.id, 'project', source, () => this.range(source, [...path, 'id'], 'value'), location)) {
        return [];
      }
      const systems = this.knownSystems(source, [...path, 'systems'], entry.systems);
      const milestoneIds = new Map<string, SourceLocation>();
      const milestones = entry.milestones.flatMap((milestone, i): Milestone[] => {
        const mpath = [...path, 'milestones', i];
        const mlocation = this.location(source, mpath, 'entry');
        if (this.duplicate(milestoneIds, milestone.id, `milestone of project \`${entry.id}\``, source, () => this.range(source, [...mpath, 'id'], 'value'), mlocation)) {
          return [];
        }
        const due = this.due(source, [...mpath, 'due'], milestone.due);
        return [defined({
          id: milestone.id,
          title: milestone.title ?? milestone.id,
          due,
          dueText: due === undefined ? undefined : milestone.due,
          status: milestone.status,
          owner: milestone.owner,
          systems: this.knownSystems(source, [...mpath, 'systems'], milestone.systems),
          source: mlocation,
        })];
      });
      return [defined({
        id: entry.id,
        title: entry.title ?? entry.id,
        goal: entry.goal,
        owner: entry.owner,
        systems,
        milestones,
        source: location,
      })];
    });
  }

  // ---- checks ---------------------------------------------------------------------------------

  private checkDependencies(sources: readonly ManifestSource[], systems: readonly SystemDef[]): void {
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
  private knownSystems(source: ManifestSource, path: YamlPath, ids: readonly string[]): string[] {
    return ids.filter((id, index) => {
      if (this.isKnown(this.systemIds, id)) {
        return true;
      }
      this.report(source, 'error', 'unknown-system', `unknown system \`${id}\`${this.idHint(id, this.systemIds, 'system')}`, [...path, index], 'value');
      return false;
    });
  }

  /** The valid globs; each invalid one is reported. */
  private checkGlobs(source: ManifestSource, path: YamlPath, patterns: readonly string[]): string[] {
    return patterns.filter((pattern, index) => this.checkGlob(source, path, index, pattern));
  }

  /**
   * Whether a glob is usable; if not, a located problem: `invalid-glob`, or the limit it passes
   * (`glob-too-long`, `glob-too-many-wildcards`, `glob-too-many-alternatives`).
   */
  private checkGlob(source: ManifestSource, listPath: YamlPath, index: number, pattern: string): boolean {
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

  private checkZone(source: ManifestSource, path: YamlPath, zone: string, consequence = ''): string | undefined {
    if (isValidTimeZone(zone)) {
      return zone;
    }
    const hint = this.hint(zone, supportedZones());
    this.report(source, 'error', 'invalid-timezone', `unknown time zone "${zone}": expected an IANA name such as Europe/Berlin or UTC${hint}${consequence}`, path, 'value');
    return undefined;
  }

  /** The manifest's zone, or undefined when the root `timezone` is written but unusable. */
  private readableZone(): string | undefined {
    return this.brokenZone ? undefined : this.zone;
  }

  /**
   * With the root `timezone` unusable, the first of an entry's `fields` whose text needs a zone (a
   * wall-clock time, or a cron `schedule`) gets a `time-in-invalid-zone` error, which makes the entry
   * invalid. A time written with an offset needs no zone: it stays valid.
   */
  private checkZoneDependency(source: ManifestSource, path: YamlPath, fields: readonly (readonly [string, string | undefined])[], consequence: string): void {
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

  private checkCron(source: ManifestSource, path: YamlPath, expression: string): void {
    const error = cronErrors.get(expression, cronError);
    if (error !== undefined) {
      this.report(source, 'error', 'invalid-cron', `invalid cron expression "${expression}": ${error}`, path, 'value');
    }
  }

  private checkOrder(source: ManifestSource, path: YamlPath, start: number | undefined, end: number | undefined, message: string, allowEqual = false): void {
    if (start !== undefined && end !== undefined && (allowEqual ? end < start : end <= start)) {
      this.report(source, 'error', 'end-before-start', message, path, 'value');
    }
  }

  /** `zone` undefined: the zone is unusable, so only a time with an offset reads (the caller reports the others). */
  private time(source: ManifestSource, path: YamlPath, text: string | undefined, zone: string | undefined): number | undefined {
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

  private due(source: ManifestSource, path: YamlPath, text: string | undefined): number | undefined {
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
  private duplicate(
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
  private isKnown(ids: ReadonlyMap<string, SourceLocation>, id: string): boolean {
    const key = normalFormC(id);
    return ids.has(key) && (this.spellings.get(key) ?? key) === id;
  }

  /** How each id was first written, by its normal form. */
  private readonly spellings = new Map<string, string>();

  /** A hint for an unknown id: the same id in another Unicode normalisation, or a close spelling. */
  private idHint(id: string, ids: ReadonlyMap<string, SourceLocation>, what: string): string {
    const key = normalFormC(id);
    if (ids.has(key)) {
      return `; it differs from the ${what} \`${this.spellings.get(key) ?? key}\` only in Unicode normalisation (the same letters typed as different code points): write them the same way`;
    }
    return this.hint(id, [...ids.keys()].map((known) => this.spellings.get(known) ?? known));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private hint(word: string, candidates: Iterable<string>): string {
    const suggestion = didYouMean(word, candidates);
    return suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`;
  }

  private report(source: ManifestSource, severity: ProblemSeverity, code: string, message: string, path: YamlPath, kind: RangeKind): void {
    this.sink.add(severity, code, message, source.file, this.range(source, path, kind));
  }

  private range(source: ManifestSource, path: YamlPath, kind: RangeKind): Range {
    if (kind === 'key') {
      return source.locator.keyRange(path);
    }
    return kind === 'entry' ? source.locator.entryRange(path) : source.locator.valueRange(path);
  }

  private location(source: ManifestSource, path: YamlPath, kind: RangeKind): SourceLocation {
    return { file: source.file, range: this.range(source, path, kind) };
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

function incidentFreeze(value: Enforcement | boolean | undefined): Enforcement | undefined {
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

/**
 * Every cycle of `dependsOn` edges once, as `[a, b, …, a]` starting at its smallest id.
 * Iterative depth-first search, so long chains cannot overflow the stack.
 */
function findCycles(systems: readonly SystemDef[]): string[][] {
  const edges = new Map(systems.map((system) => [system.id, system.dependsOn]));
  const state = new Map<string, 'open' | 'done'>();
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const start of edges.keys()) {
    if (state.has(start)) {
      continue;
    }
    const path: string[] = [start];
    const next: number[] = [0];
    state.set(start, 'open');
    while (path.length > 0) {
      const id = path[path.length - 1];
      const targets = edges.get(id) ?? [];
      const i = next[next.length - 1]++;
      if (i >= targets.length) {
        state.set(id, 'done');
        path.pop();
        next.pop();
        continue;
      }
      const target = targets[i];
      if (!edges.has(target)) {
        continue;
      }
      if (state.get(target) === 'open') {
        const cycle = rotateToSmallest(path.slice(path.indexOf(target)));
        const key = cycle.join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...cycle, cycle[0]]);
        }
      } else if (!state.has(target)) {
        state.set(target, 'open');
        path.push(target);
        next.push(0);
      }
    }
  }
  return cycles;
}

/** `a → b → a`; a long cycle shows its first ids and how many it skips. */
function cycleText(cycle: readonly string[]): string {
  const shown = 8;
  if (cycle.length <= shown + 2) {
    return cycle.join(' → ');
  }
  const skipped = cycle.length - shown - 1;
  return [...cycle.slice(0, shown), `… ${skipped} more …`, cycle[cycle.length - 1]].join(' → ');
}

function rotateToSmallest(cycle: string[]): string[] {
  let smallest = 0;
  cycle.forEach((id, index) => {
    if (id < cycle[smallest]) {
      smallest = index;
    }
  });
  return [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
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
function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) {
      delete value[key];
    }
  }
  return value;
}
