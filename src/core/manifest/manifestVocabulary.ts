import type { Enforcement, Freeze, Incident, IncidentStatus, MilestoneStatus, Project, Severity, SystemDef } from '../model';

/**
 * The manifest's vocabulary, one table that every consumer reads (issue 24): the values of the
 * closed fields (severity, statuses, enforcement) with what each means, and for each kind of entry
 * the fields the semantic manifest diff compares and how base protection merges them. The schema
 * (manifestSchema.ts), the write actions and their prompts, completion, the diff and base
 * protection (manifestChange.ts) all read it; a unit test (test/unit/core/manifest/manifestVocabulary.test.ts)
 * checks each consumer's list against it. docs/architecture.md ("Adding a field to freezes")
 * walks through a change to it.
 */

/** Every value of a closed field once, in order: a table missing a value of the model's union (or with one more) does not compile. */
function valuesOf<T extends string>(meaning: Readonly<Record<T, string>>): readonly [T, ...T[]] {
  return Object.keys(meaning) as unknown as [T, ...T[]];
}

/** `severity:` of incidents, worst first. */
export const severityMeaning = {
  sev1: 'the worst',
  sev2: 'severe',
  sev3: 'moderate',
  sev4: 'the least severe',
} as const satisfies Record<Severity, string>;
export const severities = valuesOf<Severity>(severityMeaning);

/** `status:` of incidents: active until `resolved`. */
export const incidentStatusMeaning = {
  investigating: 'active: the cause is being looked for',
  identified: 'active: the cause is known',
  monitoring: 'active: a fix is being watched',
  resolved: 'no longer active',
} as const satisfies Record<IncidentStatus, string>;
export const incidentStatuses = valuesOf<IncidentStatus>(incidentStatusMeaning);

/** `status:` of milestones. */
export const milestoneStatusMeaning = {
  planned: 'not started',
  'in-progress': 'under way',
  done: 'delivered',
  blocked: 'held up',
} as const satisfies Record<MilestoneStatus, string>;
export const milestoneStatuses = valuesOf<MilestoneStatus>(milestoneStatusMeaning);

/** `enforcement:` of freezes, `freeze:` of incidents and live sources. */
export const enforcementMeaning = {
  block: 'commits touching them are stopped',
  warn: 'commits are warned',
} as const satisfies Record<Enforcement, string>;
export const enforcements = valuesOf<Enforcement>(enforcementMeaning);

/** Which closed list the value of a key holds, by section (`*`: any section); for completion. */
export const closedValuesByKey: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '*': { enforcement: enforcements, severity: severities },
  incidents: { status: incidentStatuses, freeze: [...enforcements, 'true', 'false'] },
  projects: { status: milestoneStatuses },
};

// ---------------------------------------------------------------------------------------------
// Entries: what the semantic diff compares and how base protection merges.

/** One field of an entry kind. */
export interface EntryField<E> {
  /** As written in ops.yaml; the diff names it ("end 2027-01-03 → 2026-12-22"). */
  readonly name: string;
  /** What the diff compares and shows: a property of the normalised entry (the text as written, for times), or a projection. */
  readonly compare: keyof E | ((entry: E) => unknown);
  /**
   * When a change edits the entry, how base protection merges this field: `union` (both sides'
   * values, the kept side's first) or `intersection` (the kept side's values the other side has too);
   * absent: the kept side's value.
   */
  readonly merge?: 'union' | 'intersection';
}

/** How an entry kind is compared and merged. */
export interface EntryVocabulary<E> {
  /**
   * Which side's entry base protection keeps when a change edits it: `base` (the change cannot
   * weaken it for itself; freezes, incident-freezes) or `head` (systems: the head's, with the
   * merges of its fields).
   */
  readonly keep: 'base' | 'head';
  readonly fields: readonly EntryField<E>[];
  /**
   * The schema's other fields: the diff does not detail them (a change to one still marks the
   * entry changed, and is judged like any other). Every field of the schema is in `fields` or here
   * (a unit test checks it), so a new field is a decision, not an oversight.
   */
  readonly unlisted: readonly string[];
}

export const systemVocabulary: EntryVocabulary<SystemDef> = {
  keep: 'head',
  fields: [
    { name: 'paths', compare: 'paths', merge: 'union' },
    { name: 'exclude', compare: 'exclude', merge: 'intersection' },
    { name: 'tier', compare: 'tier' },
    { name: 'dependsOn', compare: 'dependsOn' },
    { name: 'owners', compare: 'owners' },
    // An organisation freeze may select systems by tag: a change cannot drop a tag to leave one.
    { name: 'tags', compare: 'tags', merge: 'union' },
  ],
  // deploy: where the exports send a system's freezes (export argocd); oncall: who to tell. Neither protects.
  unlisted: ['title', 'deploy', 'oncall'],
};

export const freezeVocabulary: EntryVocabulary<Freeze> = {
  keep: 'base',
  fields: [
    { name: 'start', compare: 'startText' },
    { name: 'end', compare: 'endText' },
    { name: 'schedule', compare: 'schedule' },
    { name: 'systems', compare: 'systems' },
    { name: 'tiers', compare: 'tiers' },
    { name: 'enforcement', compare: 'enforcement' },
    // An exemption the change adds is honoured (and reported): the change may narrow, not widen, what it must not touch.
    { name: 'exempt', compare: 'exempt', merge: 'union' },
    { name: 'timezone', compare: 'timezone' },
  ],
  // overrideApprovers: read only in an extended (organisation) file, where the repository cannot edit it.
  // tags: resolved into `systems` by the normaliser (the diff compares those).
  unlisted: ['id', 'title', 'reason', 'overrideApprovers', 'tags'],
};

export const incidentVocabulary: EntryVocabulary<Incident> = {
  keep: 'base',
  fields: [
    { name: 'status', compare: 'status' },
    { name: 'severity', compare: 'severity' },
    { name: 'systems', compare: 'systems' },
    { name: 'freeze', compare: 'freeze' },
  ],
  // tags: resolved into `systems` by the normaliser (the diff compares those).
  unlisted: ['id', 'title', 'started', 'resolved', 'commander', 'url', 'tags'],
};

export const projectVocabulary: EntryVocabulary<Project> = {
  keep: 'head',
  fields: [
    { name: 'systems', compare: 'systems' },
    { name: 'milestones', compare: (project) => project.milestones.map((m) => m.id) },
  ],
  unlisted: ['id', 'title', 'goal', 'owner'],
};

/** The value of a field the diff compares. */
export function comparedValue<E>(field: EntryField<E>, entry: E): unknown {
  return typeof field.compare === 'function' ? field.compare(entry) : entry[field.compare];
}

/**
 * An entry a change edits, merged as its vocabulary says: the kept side's entry, with the `union`
 * and `intersection` fields merged with the other side's (`mergeFields: false`: the kept side's
 * entry as it is, e.g. an invalid freeze, whose exemptions never apply).
 */
export function mergedEntry<E extends object>(vocabulary: EntryVocabulary<E>, base: E, head: E, mergeFields = true): E {
  const [kept, other] = vocabulary.keep === 'base' ? [base, head] : [head, base];
  if (!mergeFields) return kept;
  const merged = { ...kept } as Record<string, unknown>;
  for (const field of vocabulary.fields) {
    if (field.merge === undefined || typeof field.compare === 'function') continue;
    const ours = kept[field.compare] as readonly unknown[] | undefined;
    const theirs = other[field.compare] as readonly unknown[] | undefined;
    if (ours === undefined && theirs === undefined) continue; // an optional list neither side has
    merged[field.compare as string] = field.merge === 'union' ? [...new Set([...(ours ?? []), ...(theirs ?? [])])] : (ours ?? []).filter((value) => (theirs ?? []).includes(value));
  }
  return merged as E;
}

/**
 * The tiers the systems use, each once, in the order a person reads them: numeric tiers ascending
 * (`1`, `2`, `10`), then named ones alphabetically (`platform`). Write prompts and completion offer them so.
 */
export function tiersInUse(systems: readonly SystemDef[]): string[] {
  const tiers = [...new Set(systems.flatMap((s) => (s.tier !== undefined ? [s.tier] : [])))];
  const numeric = (tier: string): boolean => /^[0-9]+$/.test(tier);
  return tiers.sort((a, b) => {
    if (numeric(a) && numeric(b)) return Number(a) - Number(b) || a.localeCompare(b);
    if (numeric(a) !== numeric(b)) return numeric(a) ? -1 : 1;
    return a.localeCompare(b);
  });
}
