import { isMap, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { didYouMean } from '../manifest/didYouMean';
import { freezeWindowAt } from '../time/freezeClock';
import type { Freeze, IncidentStatus, Manifest, MilestoneStatus, Severity } from '../model';
import { parseManifest } from '../manifest/manifestParser';
import type { Problem } from '../problem';
import { localTimeText, parseDuration, resolveTime } from './editTime';
import type { WrittenTime } from './editTime';
import { hasRadarCode } from '../radarError';
import { applySplices, editFail, YamlFile } from './yamlSplice';
import type { EditValue, Splice } from './yamlSplice';

/**
 * The write actions on a manifest (declare, update and resolve incidents; freeze now, end or
 * extend a freeze; approve an override; set a milestone's status) as minimal edits of the file
 * that holds the section. Pure: the texts, the clock reading and the base folder are passed in.
 * Every result is re-read with the parser and refused when it has a problem the original did not
 * (fail closed); the entry an action touches must itself be free of errors.
 */

export interface ManifestTexts {
  /** Repository-relative path of the root manifest file. */
  readonly rootFile: string;
  /** The manifest's base folder (repository-relative, `''` for the root): includes are relative to it. */
  readonly baseDir: string;
  /** Texts of the manifest files, by repository-relative path; a file not here is read as missing. */
  readonly files: ReadonlyMap<string, string>;
  /**
   * Why a file the manifest includes, and which is not in `files`, exists but cannot be read (a
   * symbolic link out of the repository, no permission, not UTF-8); undefined when it does not exist.
   * An entry is never appended elsewhere while an include that may hold its section cannot be read.
   */
  readonly unreadable?: (file: string) => string | undefined;
}

export interface FileEdit {
  readonly file: string;
  readonly before: string;
  readonly after: string;
  readonly splices: readonly Splice[];
}

export type ActionName =
  | 'incident-declare' | 'incident-update' | 'incident-resolve'
  | 'freeze-now' | 'freeze-end' | 'freeze-extend' | 'override-add' | 'milestone-set';

export interface EditResult {
  readonly action: ActionName;
  /** The id of the entry written (for a milestone `PROJECT/MILESTONE`). */
  readonly id: string;
  /** The file edited. */
  readonly file: string;
  /** The fields written, as written. */
  readonly fields: Readonly<Record<string, EditValue>>;
  readonly edits: readonly FileEdit[];
  /** What a reader should know, e.g. that a recurring freeze was ended by an override. */
  readonly note?: string;
}

export type ActionOutcome = { readonly ok: true; readonly result: EditResult } | { readonly ok: false; readonly error: string };

export type ManifestAction =
  | { readonly kind: 'incident-declare'; readonly severity: string; readonly systems: readonly string[]; readonly title: string; readonly freeze?: string; readonly commander?: string; readonly url?: string; readonly id?: string; readonly at?: string }
  | { readonly kind: 'incident-update'; readonly id: string; readonly status?: string; readonly severity?: string; readonly title?: string; readonly commander?: string; readonly url?: string }
  | { readonly kind: 'incident-resolve'; readonly id: string; readonly at?: string }
  | { readonly kind: 'freeze-now'; readonly systems?: readonly string[]; readonly tiers?: readonly string[]; readonly all?: boolean; readonly for?: string; readonly until?: string; readonly warn?: boolean; readonly reason: string; readonly id?: string; readonly at?: string }
  | { readonly kind: 'freeze-end'; readonly id: string; readonly at?: string; readonly approvedBy?: string; readonly reason?: string }
  | { readonly kind: 'freeze-extend'; readonly id: string; readonly until: string }
  | { readonly kind: 'override-add'; readonly freeze: string; readonly paths?: readonly string[]; readonly approvedBy: string; readonly reason: string; readonly expires?: string; readonly at?: string }
  | { readonly kind: 'milestone-set'; readonly project: string; readonly milestone: string; readonly status: string };

const severities: readonly Severity[] = ['sev1', 'sev2', 'sev3', 'sev4'];
const statuses: readonly IncidentStatus[] = ['investigating', 'identified', 'monitoring', 'resolved'];
const milestoneStatuses: readonly MilestoneStatus[] = ['planned', 'in-progress', 'done', 'blocked'];

/** Runs one action. Never throws: a refusal is `{ ok: false, error }` with a message that says why. */
export function runManifestAction(texts: ManifestTexts, action: ManifestAction, now: number): ActionOutcome {
  try {
    return { ok: true, result: new ActionRunner(texts, now).run(action) };
  } catch (error) {
    if (hasRadarCode(error, 'edit')) return { ok: false, error: error.message };
    throw error;
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const lower = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(lower)) editFail(`${what} must be one of ${allowed.join(', ')}, not '${value}'`);
  return lower as T;
}

function nonEmpty(value: string | undefined, what: string): string {
  if (value === undefined || value.trim() === '') editFail(`${what} must not be empty`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) editFail(`${what} must not contain control characters`);
  return value.trim();
}

/** The next id after the highest with the same prefix: `INC-2043` after `INC-2041` and `INC-2042`; zero padding is kept. */
export function nextId(existing: readonly string[], prefix: string, fallbackWidth = 1): string {
  let highest = 0;
  let width = fallbackWidth;
  for (const id of existing) {
    if (!id.startsWith(prefix)) continue;
    const digits = id.slice(prefix.length);
    if (!/^\d+$/.test(digits)) continue;
    const number = Number(digits);
    if (number >= highest) {
      highest = number;
      width = digits.length;
    }
  }
  return `${prefix}${String(highest + 1).padStart(width, '0')}`;
}

/** The prefix most incident ids use (`INC-`), from the last one that ends in a number. */
function incidentPrefix(ids: readonly string[]): string {
  for (let i = ids.length - 1; i >= 0; i--) {
    const match = /^(.*?)(\d+)$/.exec(ids[i]);
    if (match) return match[1];
  }
  return 'INC-';
}

class ActionRunner {
  private readonly before: { manifest?: Manifest; problems: Problem[] };
  private readonly parsed = new Map<string, YamlFile>();
  /** Files the manifest names (includes) that were not among the texts. */
  private readonly missing = new Set<string>();

  constructor(
    private readonly texts: ManifestTexts,
    private readonly now: number,
  ) {
    this.before = this.parse(texts.files, this.missing);
    if (!this.before.manifest) {
      const first = this.before.problems.find((p) => p.severity === 'error');
      editFail(`the manifest cannot be read${first ? ` (${first.file}:${first.range.start.line + 1}:${first.range.start.column + 1}: ${first.message})` : ''}; fix it first`);
    }
  }

  private get manifest(): Manifest {
    return this.before.manifest as Manifest;
  }

  private parse(files: ReadonlyMap<string, string>, missing?: Set<string>): { manifest?: Manifest; problems: Problem[] } {
    const read = (file: string): string | undefined => {
      const text = files.get(file);
      if (text === undefined) missing?.add(file);
      return text;
    };
    const result = parseManifest(this.texts.rootFile, read, { baseDir: this.texts.baseDir });
    return result.manifest ? { manifest: result.manifest, problems: result.problems } : { problems: result.problems };
  }

  private yaml(file: string): YamlFile {
    let parsed = this.parsed.get(file);
    if (!parsed) {
      const text = this.texts.files.get(file) ?? editFail(`${file} is not loaded`);
      parsed = new YamlFile(file, text);
      if (parsed.hasSyntaxErrors) editFail(`${file} has YAML syntax errors; fix them first (change-radar validate)`);
      this.parsed.set(file, parsed);
    }
    return parsed;
  }

  /**
   * The file that holds a list section: the first with entries in it, else the first that has the
   * key, else the root file. Refused while an included file cannot be read: it may be the one that
   * holds the section, and a second list elsewhere is not what its author meant.
   */
  private sectionFile(section: string): string {
    for (const file of this.missing) {
      const reason = this.texts.unreadable?.(file);
      if (reason !== undefined) {
        editFail(`the included file ${file} ${reason}; it may hold \`${section}:\`, so the entry is not written anywhere else. Fix it first (change-radar validate); nothing was written`);
      }
    }
    const files = this.manifest.files;
    const holding = files.filter((file) => {
      const yaml = this.yaml(file);
      return isMap(yaml.doc.contents) && yaml.pair(yaml.doc.contents, section) !== undefined;
    });
    const withEntries = holding.find((file) => {
      const value = this.yaml(file).value(this.yaml(file).root(), section);
      return value !== undefined && isSeq(value) && value.items.length > 0;
    });
    return withEntries ?? holding[0] ?? this.texts.rootFile;
  }

  /** The entry's map node, refusing when the parser reported an error inside it. */
  private entry(file: string, section: string, id: string, what: string): { yaml: YamlFile; map: YAMLMap } {
    const yaml = this.yaml(file);
    const map = yaml.findEntry(section, id) ?? editFail(`${what} \`${id}\` was not found in ${file}`);
    this.refuseErrorsInside(yaml, map, `${what} \`${id}\``);
    return { yaml, map };
  }

  private refuseErrorsInside(yaml: YamlFile, node: Node, what: string): void {
    const range = node.range ?? [0, 0];
    const first = yaml.lineOf(range[0]) - 1;
    const last = yaml.lineOf(Math.max(range[0], yaml.contentEnd(node) - 1)) - 1;
    const inside = this.before.problems.find((p) => p.severity === 'error' && p.file === yaml.file && p.range.start.line >= first && p.range.start.line <= last);
    if (inside) {
      editFail(`${what} has an error (${inside.file}:${inside.range.start.line + 1}:${inside.range.start.column + 1}: ${inside.message}); fix it first`);
    }
  }

  /** Ids of a list section in every file, including entries the parser had to leave out. */
  private rawIds(section: string): string[] {
    return this.manifest.files.flatMap((file) => (this.texts.files.has(file) ? new YamlFile(file, this.texts.files.get(file) ?? '').ids(section) : []));
  }

  private knownSystems(ids: readonly string[]): string[] {
    const known = new Set(this.manifest.systems.map((s) => s.id));
    const cleaned = ids.map((id) => id.trim()).filter((id) => id !== '');
    for (const id of cleaned) {
      if (!known.has(id.normalize('NFC'))) {
        const hint = didYouMean(id, known);
        editFail(`unknown system \`${id}\`${hint !== undefined ? `; did you mean \`${hint}\`?` : ''} (known: ${[...known].join(', ') || 'none'})`);
      }
    }
    return [...new Set(cleaned)];
  }

  private time(text: string | undefined, zone: string, what: string): WrittenTime {
    return resolveTime(text, this.now, zone, what);
  }

  /** Applies the splices, re-reads the manifest and refuses a result with problems the original did not have. */
  private finish(result: Omit<EditResult, 'edits'>, splices: ReadonlyMap<string, Splice[]>): EditResult {
    const files = new Map(this.texts.files);
    const edits: FileEdit[] = [];
    for (const [file, list] of splices) {
      const before = this.texts.files.get(file) ?? '';
      const after = applySplices(before, list);
      files.set(file, after);
      edits.push({ file, before, after, splices: list });
    }
    const after = this.parse(files);
    const count = (problems: readonly Problem[]): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const p of problems) if (p.severity !== 'info') counts.set(`${p.code}\u0000${p.file}`, (counts.get(`${p.code}\u0000${p.file}`) ?? 0) + 1);
      return counts;
    };
    const was = count(this.before.problems);
    const is = count(after.problems);
    const added = after.problems.filter((p) => p.severity !== 'info' && (is.get(`${p.code}\u0000${p.file}`) ?? 0) > (was.get(`${p.code}\u0000${p.file}`) ?? 0));
    if (!after.manifest || added.length > 0) {
      const first = added[0] ?? after.problems[0];
      editFail(`the edit would make the manifest ${first ? `report ${first.severity} ${first.code} (${first.file}:${first.range.start.line + 1}:${first.range.start.column + 1}: ${first.message})` : 'unreadable'}; nothing was written`);
    }
    return { ...result, edits };
  }

  run(action: ManifestAction): EditResult {
    switch (action.kind) {
      case 'incident-declare': return this.declare(action);
      case 'incident-update': return this.update(action);
      case 'incident-resolve': return this.resolve(action);
      case 'freeze-now': return this.freezeNow(action);
      case 'freeze-end': return this.freezeEnd(action);
      case 'freeze-extend': return this.freezeExtend(action);
      case 'override-add': return this.overrideAdd(action);
      case 'milestone-set': return this.milestoneSet(action);
    }
  }

  private declare(action: Extract<ManifestAction, { kind: 'incident-declare' }>): EditResult {
    const severity = oneOf(action.severity, severities, '--severity');
    const title = nonEmpty(action.title, '--title');
    if (action.systems.length === 0) editFail('--systems must name at least one system');
    const systems = this.knownSystems(action.systems);
    const freeze = action.freeze === undefined ? undefined : oneOf(action.freeze, ['block', 'warn'] as const, '--freeze');
    const ids = [...this.manifest.incidents.map((i) => i.id), ...this.rawIds('incidents')];
    const id = action.id !== undefined ? nonEmpty(action.id, '--id') : nextId(ids, incidentPrefix(ids));
    if (ids.includes(id)) editFail(`incident \`${id}\` already exists; choose another --id`);
    const started = this.time(action.at, this.manifest.timezone, '--at');
    const fields: [string, EditValue][] = [
      ['id', id], ['title', title], ['severity', severity], ['status', 'investigating'], ['systems', systems], ['started', started.text],
      ...(action.commander !== undefined ? [['commander', nonEmpty(action.commander, '--commander')] as [string, EditValue]] : []),
      ...(action.url !== undefined ? [['url', nonEmpty(action.url, '--url')] as [string, EditValue]] : []),
      ...(freeze !== undefined ? [['freeze', freeze] as [string, EditValue]] : []),
    ];
    const file = this.sectionFile('incidents');
    const splice = this.yaml(file).appendToSection('incidents', fields);
    return this.finish({ action: 'incident-declare', id, file, fields: Object.fromEntries(fields) }, new Map([[file, [splice]]]));
  }

  private incidentFile(id: string): string {
    const incident = this.manifest.incidents.find((i) => i.id === id.normalize('NFC'));
    if (!incident) {
      const hint = didYouMean(id, this.manifest.incidents.map((i) => i.id));
      editFail(`unknown incident \`${id}\`${hint !== undefined ? `; did you mean \`${hint}\`?` : ''}`);
    }
    return incident.source.file;
  }

  private update(action: Extract<ManifestAction, { kind: 'incident-update' }>): EditResult {
    const file = this.incidentFile(action.id);
    const { yaml, map } = this.entry(file, 'incidents', action.id, 'incident');
    const fields: [string, string][] = [];
    if (action.status !== undefined) {
      const status = oneOf(action.status, statuses, '--status');
      if (status === 'resolved') editFail(`use \`incident resolve ${action.id}\` to resolve an incident (it also writes when)`);
      fields.push(['status', status]);
    }
    if (action.severity !== undefined) fields.push(['severity', oneOf(action.severity, severities, '--severity')]);
    if (action.title !== undefined) fields.push(['title', nonEmpty(action.title, '--title')]);
    if (action.commander !== undefined) fields.push(['commander', nonEmpty(action.commander, '--commander')]);
    if (action.url !== undefined) fields.push(['url', nonEmpty(action.url, '--url')]);
    if (fields.length === 0) editFail('nothing to update: give --status, --severity, --title, --commander or --url');
    const order = ['id', 'title', 'severity', 'status', 'systems', 'started', 'resolved', 'commander', 'url'];
    const splices = fields.map(([key, value]) => yaml.setScalar(map, key, value, order.slice(0, order.indexOf(key))));
    return this.finish({ action: 'incident-update', id: action.id, file, fields: Object.fromEntries(fields) }, new Map([[file, splices]]));
  }

  private resolve(action: Extract<ManifestAction, { kind: 'incident-resolve' }>): EditResult {
    const file = this.incidentFile(action.id);
    const incident = this.manifest.incidents.find((i) => i.id === action.id.normalize('NFC'));
    if (incident?.status === 'resolved') editFail(`incident \`${action.id}\` is already resolved`);
    const { yaml, map } = this.entry(file, 'incidents', action.id, 'incident');
    const resolved = this.time(action.at, this.manifest.timezone, '--at');
    if (incident?.started !== undefined && resolved.at < incident.started) {
      editFail(`--at ${resolved.text} is before the incident started (${incident.startedText ?? localTimeText(incident.started, this.manifest.timezone)})`);
    }
    const splices = [
      yaml.setScalar(map, 'status', 'resolved', ['id', 'title', 'severity']),
      yaml.setScalar(map, 'resolved', resolved.text, ['id', 'title', 'severity', 'status', 'systems', 'started']),
    ];
    return this.finish({ action: 'incident-resolve', id: action.id, file, fields: { status: 'resolved', resolved: resolved.text } }, new Map([[file, splices]]));
  }

  private freezeNow(action: Extract<ManifestAction, { kind: 'freeze-now' }>): EditResult {
    const scopes = [action.all === true, (action.systems?.length ?? 0) > 0, (action.tiers?.length ?? 0) > 0].filter(Boolean).length;
    if (scopes === 0) editFail('say what to freeze: --systems a,b, --tiers 1 or --all');
    if (action.all === true && scopes > 1) editFail('--all already covers every system; drop --systems and --tiers');
    if ((action.for === undefined) === (action.until === undefined)) editFail('give exactly one of --for DURATION and --until TIME');
    const reason = nonEmpty(action.reason, '--reason');
    const zone = this.manifest.timezone;
    const start = this.time(action.at, zone, '--at');
    const end = action.for !== undefined
      ? (() => { const at = start.at + parseDuration(action.for); return { at, text: localTimeText(at, zone) }; })()
      : this.time(action.until, zone, '--until');
    if (end.at <= start.at) editFail(`the freeze would end (${end.text}) before it starts (${start.text})`);
    const systems = action.systems !== undefined && action.systems.length > 0 ? this.knownSystems(action.systems) : [];
    const tiers = (action.tiers ?? []).map((t) => t.trim()).filter((t) => t !== '');
    const knownTiers = new Set(this.manifest.systems.flatMap((s) => (s.tier !== undefined ? [s.tier] : [])));
    for (const tier of tiers) if (!knownTiers.has(tier)) editFail(`no system has tier \`${tier}\` (tiers: ${[...knownTiers].join(', ') || 'none'})`);
    const existing = [...this.manifest.freezes.map((f) => f.id), ...this.rawIds('freezes')];
    const id = action.id !== undefined ? nonEmpty(action.id, '--id') : nextId(existing, `freeze-${start.text.slice(0, 10)}-`);
    if (existing.includes(id)) editFail(`freeze \`${id}\` already exists; choose another --id`);
    const fields: [string, EditValue][] = [
      ['id', id], ['reason', reason],
      ...(action.all === true ? [['systems', ['*']] as [string, EditValue]] : []),
      ...(systems.length > 0 ? [['systems', systems] as [string, EditValue]] : []),
      ...(tiers.length > 0 ? [['tiers', tiers] as [string, EditValue]] : []),
      ['start', start.text], ['end', end.text],
      ...(action.warn === true ? [['enforcement', 'warn'] as [string, EditValue]] : []),
    ];
    const file = this.sectionFile('freezes');
    const splice = this.yaml(file).appendToSection('freezes', fields);
    return this.finish({ action: 'freeze-now', id, file, fields: Object.fromEntries(fields) }, new Map([[file, [splice]]]));
  }

  private freeze(id: string): Freeze {
    const freeze = this.manifest.freezes.find((f) => f.id === id.normalize('NFC'));
    if (!freeze) {
      const hint = didYouMean(id, this.manifest.freezes.map((f) => f.id));
      editFail(`unknown freeze \`${id}\`${hint !== undefined ? `; did you mean \`${hint}\`?` : ''}`);
    }
    if (freeze.invalid) {
      editFail(`freeze \`${id}\` has an error (${freeze.invalid.file}:${freeze.invalid.range.start.line + 1}:${freeze.invalid.range.start.column + 1}: ${freeze.invalid.message}); fix it first`);
    }
    return freeze;
  }

  private freezeEnd(action: Extract<ManifestAction, { kind: 'freeze-end' }>): EditResult {
    const freeze = this.freeze(action.id);
    const end = this.time(action.at, freeze.timezone, '--at');
    if (freeze.schedule) return this.endOccurrence(freeze, end, action);
    if (freeze.start !== undefined && end.at < freeze.start) {
      editFail(`--at ${end.text} is before freeze \`${freeze.id}\` starts (${freeze.startText ?? ''}); an end before the start is not allowed`);
    }
    if (freeze.end !== undefined && freeze.end <= end.at) editFail(`freeze \`${freeze.id}\` already ended (${freeze.endText ?? ''})`);
    const { yaml, map } = this.entry(freeze.source.file, 'freezes', freeze.id, 'freeze');
    const splice = yaml.setScalar(map, 'end', end.text, ['id', 'title', 'reason', 'systems', 'tiers', 'start']);
    return this.finish({ action: 'freeze-end', id: freeze.id, file: freeze.source.file, fields: { end: end.text } }, new Map([[freeze.source.file, [splice]]]));
  }

  /**
   * A recurring freeze keeps its schedule: ending it early writes an approved override of the
   * current window, for every file the freeze covers, expiring when that window would have ended.
   * The next window applies as usual.
   */
  private endOccurrence(freeze: Freeze, at: WrittenTime, action: Extract<ManifestAction, { kind: 'freeze-end' }>): EditResult {
    const window = freezeWindowAt(freeze, at.at) ?? editFail(`recurring freeze \`${freeze.id}\` is not in a window at ${at.text}; there is nothing to end`);
    if (action.approvedBy === undefined) {
      editFail(`freeze \`${freeze.id}\` is recurring: ending its current window writes an approved override, so give --approved-by (and --reason)`);
    }
    // Overrides are read in the manifest's zone, whatever the freeze's own zone.
    const expires = localTimeText(window.end, this.manifest.timezone);
    const result = this.overrideAdd({
      kind: 'override-add', freeze: freeze.id, approvedBy: action.approvedBy,
      reason: action.reason ?? `freeze ended early at ${at.text}`, expires,
      ...(action.at !== undefined ? { at: action.at } : {}),
    });
    return { ...result, action: 'freeze-end', note: `recurring freeze \`${freeze.id}\` keeps its schedule: an override lifts the current window until ${expires}` };
  }

  private freezeExtend(action: Extract<ManifestAction, { kind: 'freeze-extend' }>): EditResult {
    const freeze = this.freeze(action.id);
    if (freeze.schedule) {
      editFail(`freeze \`${freeze.id}\` is recurring: its windows come from its schedule. Extend one window with \`freeze now\` (a one-off freeze), or edit the schedule`);
    }
    const until = this.time(action.until, freeze.timezone, '--until');
    if (freeze.end !== undefined && until.at <= freeze.end) {
      editFail(`--until ${until.text} does not extend freeze \`${freeze.id}\` (it ends ${freeze.endText ?? ''}); use \`freeze end\` to end it earlier`);
    }
    const { yaml, map } = this.entry(freeze.source.file, 'freezes', freeze.id, 'freeze');
    const splice = yaml.setScalar(map, 'end', until.text, ['id', 'title', 'reason', 'systems', 'tiers', 'start']);
    return this.finish({ action: 'freeze-extend', id: freeze.id, file: freeze.source.file, fields: { end: until.text } }, new Map([[freeze.source.file, [splice]]]));
  }

  private overrideAdd(action: Extract<ManifestAction, { kind: 'override-add' }>): EditResult {
    const freeze = this.freeze(action.freeze);
    const approvedBy = nonEmpty(action.approvedBy, '--approved-by');
    const reason = nonEmpty(action.reason, '--reason');
    const base = this.texts.baseDir;
    if (action.paths !== undefined && !action.paths.some((p) => p.trim() !== '')) {
      // `--paths ""` would otherwise approve an override of every file the freeze covers.
      editFail('--paths names no path; give the globs the override covers (leave --paths out to cover every file the freeze covers)');
    }
    const paths = (action.paths ?? []).map((p) => p.trim()).filter((p) => p !== '').map((p) => {
      if (base === '') return p;
      if (!p.startsWith(`${base}/`)) editFail(`path \`${p}\` is outside the manifest's folder ${base}/`);
      return p.slice(base.length + 1);
    });
    const expires = action.expires !== undefined ? this.time(action.expires, this.manifest.timezone, '--expires') : undefined;
    if (expires !== undefined && expires.at <= this.time(action.at, this.manifest.timezone, '--at').at) editFail(`--expires ${expires.text} is already past`);
    const fields: [string, EditValue][] = [
      ['freeze', freeze.id],
      ...(paths.length > 0 ? [['paths', paths] as [string, EditValue]] : []),
      ['reason', reason], ['approvedBy', approvedBy],
      ...(expires !== undefined ? [['expires', expires.text] as [string, EditValue]] : []),
    ];
    const file = this.sectionFile('overrides');
    const splice = this.yaml(file).appendToSection('overrides', fields);
    return this.finish({ action: 'override-add', id: freeze.id, file, fields: Object.fromEntries(fields) }, new Map([[file, [splice]]]));
  }

  private milestoneSet(action: Extract<ManifestAction, { kind: 'milestone-set' }>): EditResult {
    const status = oneOf(action.status, milestoneStatuses, '--status');
    const project = this.manifest.projects.find((p) => p.id === action.project.normalize('NFC'));
    if (!project) {
      const hint = didYouMean(action.project, this.manifest.projects.map((p) => p.id));
      editFail(`unknown project \`${action.project}\`${hint !== undefined ? `; did you mean \`${hint}\`?` : ''}`);
    }
    if (!project.milestones.some((m) => m.id === action.milestone.normalize('NFC'))) {
      const hint = didYouMean(action.milestone, project.milestones.map((m) => m.id));
      editFail(`project \`${project.id}\` has no milestone \`${action.milestone}\`${hint !== undefined ? `; did you mean \`${hint}\`?` : ''}`);
    }
    const file = project.source.file;
    const { yaml, map } = this.entry(file, 'projects', project.id, 'project');
    const milestones = yaml.value(map, 'milestones');
    const milestone = (milestones && isSeq(milestones) ? yaml.findIn(milestones, action.milestone) : undefined)
      ?? editFail(`milestone \`${action.milestone}\` was not found in ${file}`);
    const splice = yaml.setScalar(milestone, 'status', status, ['id', 'title', 'due']);
    const id = `${project.id}/${action.milestone}`;
    return this.finish({ action: 'milestone-set', id, file, fields: { status } }, new Map([[file, [splice]]]));
  }
}
