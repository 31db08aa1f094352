import { isSeq } from 'yaml';
import { didYouMean } from '../manifest/didYouMean';
import { freezeDeclaration, freezeWindowInForce } from '../evaluate/freezeEvaluator';
import type { Freeze } from '../model';
import { enforcements, incidentStatuses, milestoneStatuses, severities, tiersInUse } from '../manifest/manifestVocabulary';
import { localTimeText, parseDuration } from './editTime';
import type { WrittenTime } from './editTime';
import { EditSession, problemFacts } from './editSession';
import type { EditResult, ManifestTexts } from './editSession';
import { editFail, editRefusalOf } from './editRefusal';
import type { EditField, EditRefusal } from './editRefusal';
import type { EditValue } from './yamlSplice';

/**
 * The write actions on a manifest (declare, update and resolve incidents; freeze now, end or
 * extend a freeze; approve an override; set a milestone's status) as minimal edits of the file
 * that holds the section. Pure: the texts, the clock reading and the base folder are passed in.
 * Every result is re-read with the parser and refused when it has a problem the original did not
 * (fail closed); the entry an action touches must itself be free of errors. The manifest being
 * edited (reading, locating, the re-check) is an EditSession (editSession.ts).
 */

export type { EditResult, ManifestTexts } from './editSession';

/**
 * What an action did, or why not: `error` is the CLI's English, `refusal` the code and facts each
 * face words for itself (plain data: it crosses from the features bundle to the extension intact).
 */
export type ActionOutcome = { readonly ok: true; readonly result: EditResult } | { readonly ok: false; readonly error: string; readonly refusal: EditRefusal };

export type ManifestAction =
  | { readonly kind: 'incident-declare'; readonly severity: string; readonly systems: readonly string[]; readonly title: string; readonly freeze?: string; readonly commander?: string; readonly url?: string; readonly id?: string; readonly at?: string }
  | { readonly kind: 'incident-update'; readonly id: string; readonly status?: string; readonly severity?: string; readonly title?: string; readonly commander?: string; readonly url?: string }
  | { readonly kind: 'incident-resolve'; readonly id: string; readonly at?: string }
  | { readonly kind: 'freeze-now'; readonly systems?: readonly string[]; readonly tiers?: readonly string[]; readonly all?: boolean; readonly for?: string; readonly until?: string; readonly warn?: boolean; readonly reason: string; readonly title?: string; readonly id?: string; readonly at?: string }
  | { readonly kind: 'freeze-end'; readonly id: string; readonly at?: string; readonly approvedBy?: string; readonly reason?: string }
  | { readonly kind: 'freeze-extend'; readonly id: string; readonly until: string }
  | { readonly kind: 'override-add'; readonly freeze: string; readonly paths?: readonly string[]; readonly approvedBy: string; readonly reason: string; readonly expires?: string; readonly at?: string }
  | { readonly kind: 'milestone-set'; readonly project: string; readonly milestone: string; readonly status: string };

/** Runs one action. Never throws for a refusal: it is `{ ok: false, error, refusal }`, the message and the code with its facts. */
export function runManifestAction(texts: ManifestTexts, action: ManifestAction, now: number): ActionOutcome {
  try {
    return { ok: true, result: new ActionRunner(texts, now).run(action) };
  } catch (error) {
    const refusal = editRefusalOf(error);
    if (refusal !== undefined) return { ok: false, error: (error as Error).message, refusal };
    throw error;
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], field: EditField): T {
  const lower = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(lower)) editFail({ code: 'not-one-of', field, value, allowed });
  return lower as T;
}

function nonEmpty(value: string | undefined, field: EditField): string {
  if (value === undefined || value.trim() === '') editFail({ code: 'empty', field });
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) editFail({ code: 'control-characters', field });
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

class ActionRunner extends EditSession {

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
    const severity = oneOf(action.severity, severities, 'severity');
    const title = nonEmpty(action.title, 'title');
    if (action.systems.length === 0) editFail({ code: 'no-systems' });
    const systems = this.knownSystems(action.systems);
    const freeze = action.freeze === undefined ? undefined : oneOf(action.freeze, enforcements, 'freeze');
    const ids = [...this.manifest.incidents.map((i) => i.id), ...this.rawIds('incidents')];
    const id = action.id !== undefined ? nonEmpty(action.id, 'id') : nextId(ids, incidentPrefix(ids));
    if (ids.includes(id)) editFail({ code: 'id-taken', kind: 'incident', id });
    const started = this.time(action.at, this.manifest.timezone, 'at');
    const fields: [string, EditValue][] = [
      ['id', id], ['title', title], ['severity', severity], ['status', 'investigating'], ['systems', systems], ['started', started.text],
      ...(action.commander !== undefined ? [['commander', nonEmpty(action.commander, 'commander')] as [string, EditValue]] : []),
      ...(action.url !== undefined ? [['url', nonEmpty(action.url, 'url')] as [string, EditValue]] : []),
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
      editFail({ code: 'unknown-entry', kind: 'incident', id, hint });
    }
    return incident.source.file;
  }

  private update(action: Extract<ManifestAction, { kind: 'incident-update' }>): EditResult {
    const file = this.incidentFile(action.id);
    const { yaml, map } = this.entry(file, 'incidents', action.id, 'incident');
    const fields: [string, string][] = [];
    if (action.status !== undefined) {
      const status = oneOf(action.status, incidentStatuses, 'status');
      if (status === 'resolved') editFail({ code: 'resolve-via-status', id: action.id });
      fields.push(['status', status]);
    }
    if (action.severity !== undefined) fields.push(['severity', oneOf(action.severity, severities, 'severity')]);
    if (action.title !== undefined) fields.push(['title', nonEmpty(action.title, 'title')]);
    if (action.commander !== undefined) fields.push(['commander', nonEmpty(action.commander, 'commander')]);
    if (action.url !== undefined) fields.push(['url', nonEmpty(action.url, 'url')]);
    if (fields.length === 0) editFail({ code: 'nothing-to-update' });
    const order = ['id', 'title', 'severity', 'status', 'systems', 'started', 'resolved', 'commander', 'url'];
    const splices = fields.map(([key, value]) => yaml.setScalar(map, key, value, order.slice(0, order.indexOf(key))));
    return this.finish({ action: 'incident-update', id: action.id, file, fields: Object.fromEntries(fields) }, new Map([[file, splices]]));
  }

  private resolve(action: Extract<ManifestAction, { kind: 'incident-resolve' }>): EditResult {
    const file = this.incidentFile(action.id);
    const incident = this.manifest.incidents.find((i) => i.id === action.id.normalize('NFC'));
    if (incident?.status === 'resolved') editFail({ code: 'already-resolved', id: action.id });
    const { yaml, map } = this.entry(file, 'incidents', action.id, 'incident');
    const resolved = this.time(action.at, this.manifest.timezone, 'at');
    if (incident?.started !== undefined && resolved.at < incident.started) {
      editFail({ code: 'resolved-before-start', at: resolved.text, started: incident.startedText ?? localTimeText(incident.started, this.manifest.timezone) });
    }
    const splices = [
      yaml.setScalar(map, 'status', 'resolved', ['id', 'title', 'severity']),
      yaml.setScalar(map, 'resolved', resolved.text, ['id', 'title', 'severity', 'status', 'systems', 'started']),
    ];
    return this.finish({ action: 'incident-resolve', id: action.id, file, fields: { status: 'resolved', resolved: resolved.text } }, new Map([[file, splices]]));
  }

  private freezeNow(action: Extract<ManifestAction, { kind: 'freeze-now' }>): EditResult {
    const scopes = [action.all === true, (action.systems?.length ?? 0) > 0, (action.tiers?.length ?? 0) > 0].filter(Boolean).length;
    if (scopes === 0) editFail({ code: 'no-freeze-scope' });
    if (action.all === true && scopes > 1) editFail({ code: 'all-with-scope' });
    if ((action.for === undefined) === (action.until === undefined)) editFail({ code: 'duration-or-until' });
    const reason = nonEmpty(action.reason, 'reason');
    const title = action.title !== undefined ? nonEmpty(action.title, 'title') : undefined;
    const zone = this.manifest.timezone;
    const start = this.time(action.at, zone, 'at');
    const end = action.for !== undefined
      ? (() => { const at = start.at + parseDuration(action.for); return { at, text: localTimeText(at, zone) }; })()
      : this.time(action.until, zone, 'until');
    if (end.at <= start.at) editFail({ code: 'freeze-ends-before-start', start: start.text, end: end.text });
    const systems = action.systems !== undefined && action.systems.length > 0 ? this.knownSystems(action.systems) : [];
    const tiers = (action.tiers ?? []).map((t) => t.trim()).filter((t) => t !== '');
    const knownTiers = new Set(tiersInUse(this.manifest.systems));
    for (const tier of tiers) if (!knownTiers.has(tier)) editFail({ code: 'unknown-tier', tier, known: [...knownTiers] });
    const existing = [...this.manifest.freezes.map((f) => f.id), ...this.rawIds('freezes')];
    const id = action.id !== undefined ? nonEmpty(action.id, 'id') : nextId(existing, `freeze-${start.text.slice(0, 10)}-`);
    if (existing.includes(id)) editFail({ code: 'id-taken', kind: 'freeze', id });
    const fields: [string, EditValue][] = [
      ['id', id], ...(title !== undefined ? [['title', title] as [string, EditValue]] : []), ['reason', reason],
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
      editFail({ code: 'unknown-entry', kind: 'freeze', id, hint });
    }
    if (freeze.invalid) {
      editFail({ code: 'entry-has-error', kind: 'freeze', id, problem: problemFacts(freeze.invalid) });
    }
    return freeze;
  }

  private freezeEnd(action: Extract<ManifestAction, { kind: 'freeze-end' }>): EditResult {
    const freeze = this.freeze(action.id);
    const end = this.time(action.at, freeze.timezone, 'at');
    const declared = freezeDeclaration(freeze);
    if (declared.kind === 'recurring') return this.endOccurrence(freeze, end, action);
    if (declared.start !== undefined && end.at < declared.start) {
      editFail({ code: 'end-before-freeze-start', id: freeze.id, at: end.text, start: declared.startText ?? '' });
    }
    if (declared.end !== undefined && declared.end <= end.at) editFail({ code: 'freeze-already-ended', id: freeze.id, end: declared.endText ?? '' });
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
    const window = freezeWindowInForce(freeze, at.at) ?? editFail({ code: 'recurring-not-in-window', id: freeze.id, at: at.text });
    if (action.approvedBy === undefined) {
      editFail({ code: 'recurring-needs-approver', id: freeze.id });
    }
    // Overrides are read in the manifest's zone, whatever the freeze's own zone.
    const expires = localTimeText(window.end, this.manifest.timezone);
    const result = this.overrideAdd({
      kind: 'override-add', freeze: freeze.id, approvedBy: action.approvedBy,
      reason: action.reason ?? `freeze ended early at ${at.text}`, expires,
      ...(action.at !== undefined ? { at: action.at } : {}),
    });
    return {
      ...result, action: 'freeze-end', lifted: { id: freeze.id, until: expires },
      note: `recurring freeze \`${freeze.id}\` keeps its schedule: an override lifts the current window until ${expires}`,
    };
  }

  private freezeExtend(action: Extract<ManifestAction, { kind: 'freeze-extend' }>): EditResult {
    const freeze = this.freeze(action.id);
    const declared = freezeDeclaration(freeze);
    if (declared.kind === 'recurring') {
      editFail({ code: 'recurring-not-extendable', id: freeze.id });
    }
    const until = this.time(action.until, freeze.timezone, 'until');
    if (declared.end !== undefined && until.at <= declared.end) {
      editFail({ code: 'extend-not-later', id: freeze.id, until: until.text, end: declared.endText ?? '' });
    }
    const { yaml, map } = this.entry(freeze.source.file, 'freezes', freeze.id, 'freeze');
    const splice = yaml.setScalar(map, 'end', until.text, ['id', 'title', 'reason', 'systems', 'tiers', 'start']);
    return this.finish({ action: 'freeze-extend', id: freeze.id, file: freeze.source.file, fields: { end: until.text } }, new Map([[freeze.source.file, [splice]]]));
  }

  private overrideAdd(action: Extract<ManifestAction, { kind: 'override-add' }>): EditResult {
    const freeze = this.freeze(action.freeze);
    const approvedBy = nonEmpty(action.approvedBy, 'approved-by');
    const reason = nonEmpty(action.reason, 'reason');
    const base = this.texts.baseDir;
    if (action.paths !== undefined && !action.paths.some((p) => p.trim() !== '')) {
      // `--paths ""` would otherwise approve an override of every file the freeze covers.
      editFail({ code: 'override-no-paths' });
    }
    const paths = (action.paths ?? []).map((p) => p.trim()).filter((p) => p !== '').map((p) => {
      if (base === '') return p;
      if (!p.startsWith(`${base}/`)) editFail({ code: 'path-outside-folder', path: p, base });
      return p.slice(base.length + 1);
    });
    const expires = action.expires !== undefined ? this.time(action.expires, this.manifest.timezone, 'expires') : undefined;
    if (expires !== undefined && expires.at <= this.time(action.at, this.manifest.timezone, 'at').at) editFail({ code: 'expires-past', expires: expires.text });
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
    const status = oneOf(action.status, milestoneStatuses, 'status');
    const project = this.manifest.projects.find((p) => p.id === action.project.normalize('NFC'));
    if (!project) {
      const hint = didYouMean(action.project, this.manifest.projects.map((p) => p.id));
      editFail({ code: 'unknown-entry', kind: 'project', id: action.project, hint });
    }
    if (!project.milestones.some((m) => m.id === action.milestone.normalize('NFC'))) {
      const hint = didYouMean(action.milestone, project.milestones.map((m) => m.id));
      editFail({ code: 'unknown-milestone', project: project.id, id: action.milestone, hint });
    }
    const file = project.source.file;
    const { yaml, map } = this.entry(file, 'projects', project.id, 'project');
    const milestones = yaml.value(map, 'milestones');
    const milestone = (milestones && isSeq(milestones) ? yaml.findIn(milestones, action.milestone) : undefined)
      ?? editFail({ code: 'milestone-not-found', id: action.milestone, file });
    const splice = yaml.setScalar(milestone, 'status', status, ['id', 'title', 'due']);
    const id = `${project.id}/${action.milestone}`;
    return this.finish({ action: 'milestone-set', id, file, fields: { status } }, new Map([[file, [splice]]]));
  }
}
