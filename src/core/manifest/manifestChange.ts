import type { Freeze, Incident, Manifest, Override, SystemDef } from '../model';
import { comparedValue, freezeVocabulary, incidentVocabulary, mergedEntry, projectVocabulary, systemVocabulary } from './manifestVocabulary';
import type { EntryVocabulary } from './manifestVocabulary';

/**
 * A change that edits the manifest is judged by the manifest before it **and** after it: a freeze
 * that the change removes, shortens or narrows still applies to that change, while an override or
 * an exemption the change adds is honoured and reported as "added by this change". Reviewers get a
 * summary of what the edit means ("this change lifts the holiday freeze").
 */

export type EntryKind = 'system' | 'freeze' | 'override' | 'incident' | 'project';

export interface ManifestEdit {
  readonly kind: EntryKind;
  /** The entry's id; for an override, the freeze it names. */
  readonly id: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** For `changed`: what changed, e.g. "end 2027-01-03 → 2026-12-22". */
  readonly details: readonly string[];
  /** A sentence for people, e.g. "freeze `holiday` removed: it still applies to this change". */
  readonly message: string;
}

/** What is kept of an entry for comparison: everything but where it was written. */
function comparable(value: object): string {
  return JSON.stringify(value, (key, inner: unknown) => (key === 'source' || key === 'origin' || key === 'invalid' || key === 'fromBase' || key === 'addedByChange' ? undefined : inner));
}

function overrideKey(override: Override): string {
  return comparable({ ...override, expires: undefined });
}

/** Every difference between two manifests, entry by entry (manifest order: systems, freezes, overrides, incidents, projects). */
export function diffManifests(base: Manifest | undefined, head: Manifest | undefined): ManifestEdit[] {
  const edits: ManifestEdit[] = [];
  edits.push(...diffById('system', base?.systems ?? [], head?.systems ?? [], systemVocabulary));
  edits.push(...diffById('freeze', base?.freezes ?? [], head?.freezes ?? [], freezeVocabulary));
  const baseOverrides = new Set((base?.overrides ?? []).map(overrideKey));
  const headOverrides = new Set((head?.overrides ?? []).map(overrideKey));
  for (const override of head?.overrides ?? []) {
    if (!baseOverrides.has(overrideKey(override))) {
      edits.push(edit('override', override.freeze, 'added', [`${override.reason} (approved by ${override.approvedBy})`]));
    }
  }
  for (const override of base?.overrides ?? []) {
    if (!headOverrides.has(overrideKey(override))) edits.push(edit('override', override.freeze, 'removed', [override.reason]));
  }
  edits.push(...diffById('incident', base?.incidents ?? [], head?.incidents ?? [], incidentVocabulary));
  edits.push(...diffById('project', base?.projects ?? [], head?.projects ?? [], projectVocabulary));
  return edits;
}

function diffById<T extends { readonly id: string }>(
  kind: EntryKind,
  base: readonly T[],
  head: readonly T[],
  vocabulary: EntryVocabulary<T>,
): ManifestEdit[] {
  const before = new Map(base.map((entry) => [entry.id, entry]));
  const after = new Map(head.map((entry) => [entry.id, entry]));
  const edits: ManifestEdit[] = [];
  for (const entry of head) {
    const old = before.get(entry.id);
    if (!old) {
      edits.push(edit(kind, entry.id, 'added', []));
    } else if (comparable(old) !== comparable(entry)) {
      edits.push(edit(kind, entry.id, 'changed', details(vocabulary, old, entry)));
    }
  }
  for (const entry of base) {
    if (!after.has(entry.id)) edits.push(edit(kind, entry.id, 'removed', []));
  }
  return edits;
}

function edit(kind: EntryKind, id: string, change: ManifestEdit['change'], details: string[]): ManifestEdit {
  const name = kind === 'override' ? `override of freeze \`${id}\`` : `${kind} \`${id}\``;
  const protective = kind === 'freeze' || kind === 'incident';
  let message = `${name} ${change}`;
  if (protective && change === 'removed') message += ': this change lifts it; it still applies to this change';
  if (kind === 'freeze' && change === 'changed') message += ' (as before the change, it still applies to this change)';
  if (kind === 'override' && change === 'added') message += ' by this change: it is honoured, check that it was approved';
  if (details.length > 0) message += ` — ${details.join('; ')}`;
  return { kind, id, change, details, message };
}

function field(name: string, before: unknown, after: unknown): string[] {
  const show = (value: unknown): string => {
    if (value === undefined) return '(none)';
    if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  return show(before) === show(after) ? [] : [`${name} ${show(before)} → ${show(after)}`];
}

/** What changed in an entry, field by field as its vocabulary lists them (manifestVocabulary.ts). */
function details<T>(vocabulary: EntryVocabulary<T>, before: T, after: T): string[] {
  return vocabulary.fields.flatMap((f) => field(f.name, comparedValue(f, before), comparedValue(f, after)));
}

/**
 * The manifest a change is judged by: the head's, plus every protection of the base that the head
 * removes or edits, so that a change cannot lift a freeze for itself.
 * - Freezes and incident-freezes of the base that the head removes or edits are kept as the base
 *   had them (`fromBase`), with the head's added exemptions honoured.
 * - Systems keep the base's paths too, and only the excludes both sides have.
 * - Overrides are the head's; those the base did not have are marked `addedByChange`.
 * Without a head manifest (the change deletes it) the base's protections all stay.
 */
export function withBaseProtection(head: Manifest | undefined, base: Manifest): Manifest {
  const current = head ?? { ...base, freezes: [], overrides: [], incidents: [], projects: [], systems: [] };
  const headSystems = new Map(current.systems.map((system) => [system.id, system]));
  // The base's system of each id (the first, as a search in order finds): one lookup per head system,
  // not a search of the base's list, which took minutes at 150,000 systems.
  const baseSystems = new Map<string, SystemDef>();
  for (const system of base.systems) {
    if (!baseSystems.has(system.id)) baseSystems.set(system.id, system);
  }
  const systems = current.systems.map((system) => {
    const old = baseSystems.get(system.id);
    if (!old) return system;
    return mergedEntry(systemVocabulary, old, system);
  });
  for (const system of base.systems) {
    if (!headSystems.has(system.id)) systems.push(system);
  }
  const headFreezes = new Map(current.freezes.map((freeze) => [freeze.id, freeze]));
  const keptFreezes = base.freezes.flatMap((freeze): Freeze[] => {
    const now = headFreezes.get(freeze.id);
    if (now && comparable(now) === comparable(freeze)) return [];
    // The head's added exemptions are honoured, never an invalid freeze's (it has none).
    return [{ ...(now ? mergedEntry(freezeVocabulary, freeze, now, !freeze.invalid) : freeze), fromBase: true }];
  });
  const headIncidents = new Map(current.incidents.map((incident) => [incident.id, incident]));
  const keptIncidents = base.incidents.flatMap((incident): Incident[] => {
    if (!incident.freeze || (incident.status === 'resolved' && !incident.invalid)) return [];
    const now = headIncidents.get(incident.id);
    if (now && comparable(now) === comparable(incident)) return [];
    return [{ ...(now ? mergedEntry(incidentVocabulary, incident, now) : incident), fromBase: true }];
  });
  const baseOverrides = new Set(base.overrides.map(overrideKey));
  return {
    ...current,
    // Strict hooks stay strict for the change that would turn them off.
    hooks: { ...current.hooks, strict: current.hooks.strict || base.hooks.strict },
    systems,
    freezes: [...current.freezes, ...keptFreezes],
    overrides: current.overrides.map((override) => (baseOverrides.has(overrideKey(override)) ? override : { ...override, addedByChange: true })),
    incidents: [...current.incidents, ...keptIncidents],
  };
}
