import type { FreezeEntry } from './manifestSchema';
import type { EntryOrigin, Freeze, Incident, Manifest, Milestone, Override, Project, SystemDef } from '../model';
import type { SourceLocation } from '../problem';
import { defined, incidentFreeze, NormalizerChecks } from './normalizerChecks';
import type { ManifestSource } from './normalizerChecks';
import { normalizeSources } from './sourceConfig';
import type { YamlPath } from './yamlLocator';

/** Added to the root `invalid-timezone` error: what an unusable manifest zone does until fixed. */
const rootZoneConsequence = '; until it is fixed, freezes and incident-freezes whose times are read in it are treated as in force, '
  + 'overrides whose `expires` is read in it are ignored, and other times are read in UTC';


/**
 * Merges the sources (systems maps merged, lists concatenated in file order) into a `Manifest`
 * and reports what the schema cannot see: duplicate ids, unknown references, times, zones, cron,
 * globs, freeze windows and dependency cycles. Problems stay with their entry: a freeze or an
 * incident that freezes is kept, marked invalid (in force); an override that is wrong is left out;
 * informative entries keep what reads.
 */
export class ManifestNormalizer extends NormalizerChecks {

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
    // Systems are the repository's own; an extended file's entries come first, so that a repository
    // entry with the same id is the one reported (`extends-conflict`) and the extended one stays.
    const own = sources.filter((source) => source.extended === undefined);
    const layered = [...sources.filter((source) => source.extended !== undefined), ...own];
    const systems = own.flatMap((source) => this.systems(source));
    this.checkDependencies(own, systems);
    const freezes = layered.flatMap((source) => this.inZoneOf(source, () => this.freezes(source)));
    const overrides = layered.flatMap((source) => this.inZoneOf(source, () => this.overrides(source)));
    const incidents = layered.flatMap((source) => this.inZoneOf(source, () => this.incidents(source)));
    const projects = layered.flatMap((source) => this.inZoneOf(source, () => this.projects(source)));
    const live = normalizeSources(layered, {
      sink: this.sink,
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
      files: own.map((source) => source.file),
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
      let full: SystemDef = entry.deploy?.argocd !== undefined ? { ...system, deploy: { argocd: entry.deploy.argocd } } : system;
      if (entry.tags !== undefined && entry.tags.length > 0) {
        entry.tags.forEach((tag) => this.systemTags.set(tag, [...(this.systemTags.get(tag) ?? []), id]));
        full = { ...full, tags: entry.tags };
      }
      if (entry.oncall !== undefined) full = { ...full, oncall: entry.oncall };
      result.push(full);
    }
    return result;
  }

  private freezes(source: ManifestSource): Freeze[] {
    return source.sections.freezes.flatMap(({ value: entry, path, invalid: schemaError }): Freeze[] => {
      const location = this.location(source, path, 'entry');
      const checked = this.sink.capture(() => {
        this.duplicate(this.freezeIds, entry.id, 'freeze', source, () => this.range(source, [...path, 'id'], 'value'), location);
        const zone = entry.timezone === undefined ? this.zone : (this.checkZone(source, [...path, 'timezone'], entry.timezone) ?? this.zone);
        // Without a zone of its own, a freeze's wall-clock times and cron are read in the manifest's.
        const readZone = entry.timezone === undefined ? this.readableZone() : zone;
        const named = entry.systems === '*' ? ['*'] : this.knownSystems(source, [...path, 'systems'], entry.systems);
        const systems = this.withTagged(source, [...path, 'tags'], named, entry.tags);
        const tiers = entry.tiers.map(String);
        tiers.forEach((tier, i) => {
          if (!this.tiers.has(tier) && source.extended === undefined) {
            this.report(source, 'warning', 'unknown-tier', `no system has tier \`${tier}\``, [...path, 'tiers', i], 'value');
          }
        });
        if (entry.systems !== '*' && entry.systems.length === 0 && tiers.length === 0 && (entry.tags ?? []).length === 0) {
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
      const origin = this.originOf(source, location);
      if (source.extended !== undefined) {
        this.approvers.set(entry.id, new Set([...source.extended.overrideApprovers, ...(entry.overrideApprovers ?? [])]));
        // An organisation freeze that selects none of this repository's systems does not apply here.
        if (!invalid && systems.length === 0 && !tiers.some((tier) => this.tiers.has(tier))) {
          return [];
        }
      }
      if (invalid) {
        // In force at every instant, over the scope that reads (every system when none does), no
        // exemptions. A tier no system has reads as nothing: `systems: [ghost], tiers: [9]` is every system.
        const scoped = systems.length > 0 || tiers.some((tier) => this.tiers.has(tier));
        return [defined({
          id: entry.id, title: entry.title ?? entry.id, reason: entry.reason, systems: scoped ? systems : ['*'], tiers,
          timezone: zone, exempt: [], enforcement: entry.enforcement, source: location, invalid, origin,
        })];
      }
      return [defined({
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
        origin,
      })];
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
      if (source.extended !== undefined && !this.isKnown(this.freezeIds, entry.freeze)) {
        // An organisation override of a freeze this repository does not have does not apply here.
        return [];
      }
      const approvers = source.extended === undefined ? this.approvers.get(entry.freeze) : undefined;
      if (approvers !== undefined && !approvers.has(entry.approvedBy)) {
        const shown = approvers.size === 0 ? 'it names none' : `it names ${[...approvers].map((who) => `\`${who}\``).join(', ')}`;
        this.report(source, 'warning', 'override-not-allowed', `override of the extended freeze \`${entry.freeze}\` is ignored: \`${entry.approvedBy}\` is not in its \`overrideApprovers\` (${shown})`,
          [...path, 'approvedBy'], 'value');
        return [];
      }
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
        ...this.originField(source, path),
      })];
    });
  }

  private readonly incidentIds = new Map<string, SourceLocation>();

  private incidents(source: ManifestSource): Incident[] {
    return source.sections.incidents.flatMap(({ value: entry, path, invalid: schemaError }) => {
      const location = this.location(source, path, 'entry');
      const checked = this.sink.capture(() => {
        const duplicate = this.duplicate(this.incidentIds, entry.id, 'incident', source, () => this.range(source, [...path, 'id'], 'value'), location);
        const systems = this.withTagged(source, [...path, 'tags'], this.knownSystems(source, [...path, 'systems'], entry.systems), entry.tags);
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
      // An organisation incident on none of this repository's systems does not concern it.
      const selected = entry.systems.length > 0 || (entry.tags ?? []).length > 0;
      if (source.extended !== undefined && !invalid && selected && systems.length === 0) {
        return [];
      }
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
        origin: this.originOf(source, location),
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
        origin: this.originOf(source, location),
      })];
    });
  }


  // ---- layering (extends) ---------------------------------------------------------------------

  /** An extended file's zone, checked once (undefined: unusable, reported). */
  private readonly extendedZones = new Map<ManifestSource, string | undefined>();
  /** Tag → ids of the systems that carry it. */
  private readonly systemTags = new Map<string, string[]>();
  /** Extended freeze id → who may approve a repository's override of it (`overrideApprovers`). */
  private readonly approvers = new Map<string, ReadonlySet<string>>();

  /** `ids` plus the systems carrying one of `tags`; a tag no system has is a warning in the repository's own file. */
  private withTagged(source: ManifestSource, path: YamlPath, ids: readonly string[], tags: readonly string[] | undefined): string[] {
    if (tags === undefined || tags.length === 0 || ids.includes('*')) {
      return [...ids];
    }
    const result = new Set(ids);
    tags.forEach((tag, i) => {
      const tagged = this.systemTags.get(tag);
      if (tagged === undefined && source.extended === undefined) {
        this.report(source, 'warning', 'unknown-tag', `no system has tag \`${tag}\``, [...path, i], 'value');
      }
      tagged?.forEach((id) => result.add(id));
    });
    return [...result];
  }

  /** `source` (and `origin` for an extended file's entry) of the entry at `path`. */
  private originField(source: ManifestSource, path: YamlPath): { source: SourceLocation; origin?: EntryOrigin } {
    const location = this.location(source, path, 'entry');
    const origin = this.originOf(source, location);
    return origin === undefined ? { source: location } : { source: location, origin };
  }

  /**
   * Runs `read` with an extended file's own `timezone` as the zone its times are read in (an
   * unusable one is reported there, and its times then fail closed as for the root's).
   */
  private inZoneOf<T>(source: ManifestSource, read: () => T): T {
    if (source.extended === undefined) {
      return read();
    }
    const saved = { zone: this.zone, broken: this.brokenZone };
    const written = source.sections.timezone;
    if (!this.extendedZones.has(source)) {
      this.extendedZones.set(source, written === undefined ? 'UTC' : this.checkZone(source, ['timezone'], written));
    }
    const zone = this.extendedZones.get(source);
    this.zone = zone ?? 'UTC';
    this.brokenZone = zone === undefined ? { shown: ` "${written ?? ''}"`, at: source.file } : undefined;
    try {
      return read();
    } finally {
      this.zone = saved.zone;
      this.brokenZone = saved.broken;
    }
  }
}
