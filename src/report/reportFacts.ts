import { formatInKnownZone } from '../core/time/timeZone';
import type { FreezeReport, ImpactReport, MilestoneReport } from '../core/evaluate/report';

/**
 * Small derived facts over the report types that every output format needs, so text, markdown
 * and GitHub annotations say the same thing.
 */

/** Files of a freeze that no override (manifest entry or trailer) lets through. */
export function unoverriddenFiles(freeze: FreezeReport): string[] {
  const overridden = new Set(freeze.overrides.flatMap((o) => o.files));
  return freeze.files.filter((file) => !overridden.has(file));
}

function warningFreezes(report: ImpactReport): FreezeReport[] {
  return report.freezes.filter((f) => displayEffect(f) === 'warn');
}

export type DisplayEffect = 'block' | 'warn' | 'overridden' | 'none';

/**
 * How a freeze reads to a person. The engine reports a block that an override (or trailer) fully
 * lets through as effect `warn` or `none` with `overridden`; people should see "overridden".
 */
export function displayEffect(freeze: FreezeReport): DisplayEffect {
  if (freeze.effect === 'block') return 'block';
  const fullyOverridden = freeze.overridden && unoverriddenFiles(freeze).length === 0;
  if (fullyOverridden && (freeze.effect === 'none' || freeze.enforcement === 'block')) return 'overridden';
  return freeze.effect;
}

/** Not active now, starting within the horizon. */
export function upcomingFreezes(freezes: readonly FreezeReport[]): FreezeReport[] {
  return freezes.filter((f) => !f.active);
}

/** `2026-12-20T00:00:00.000Z` → `2026-12-20 00:00Z`: short, unambiguous, still UTC. */
export function shortInstant(iso: string | undefined): string {
  if (iso === undefined) return '?';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?Z$/.exec(iso);
  if (match === null) return iso;
  const seconds = match[3] ?? '';
  const keepSeconds = seconds !== '' && !/^:00(\.0+)?$/.test(seconds);
  return `${match[1]} ${match[2]}${keepSeconds ? seconds : ''}Z`;
}

/** An instant as wall-clock time in the freeze's own zone (how the manifest wrote it), UTC as fallback. */
function inZone(iso: string | undefined, zone: string): string {
  const at = iso === undefined ? Number.NaN : Date.parse(iso);
  return (Number.isNaN(at) ? undefined : formatInKnownZone(at, zone)) ?? shortInstant(iso);
}

export function windowText(freeze: FreezeReport): string {
  if (freeze.invalid !== undefined) return 'in force until fixed';
  if (freeze.start === undefined && freeze.end === undefined) return 'while active';
  const end = freeze.end === undefined ? 'until resolved' : inZone(freeze.end, freeze.timezone);
  return `${inZone(freeze.start, freeze.timezone)} → ${end}`;
}

/**
 * The sentence every format prints for a freeze whose manifest entry is wrong, e.g.
 * "freeze `F2` is invalid (ops.yaml:12:5: `end` must be after `start`); treated as in force until fixed".
 */
export function invalidNote(freeze: FreezeReport): string | undefined {
  if (freeze.invalid === undefined) return undefined;
  return `${freeze.kind === 'incident' ? 'incident' : 'freeze'} \`${freeze.id}\` is invalid (${freeze.invalid}); treated as in force until fixed`;
}

/**
 * ` (from acme-policy@3f2c1ab)` for an entry of an extended (organisation) manifest: its `extends:`
 * id and the first 7 characters of its pin; empty for the repository's own. Not escaped.
 */
export function originNote(entry: { readonly origin?: { readonly extends: string; readonly ref: string } }): string {
  return entry.origin === undefined ? '' : ` (from ${entry.origin.extends}@${entry.origin.ref.slice(0, 7)})`;
}

/** "as before this change: …" for a freeze the change removes or edits, which still applies to it. */
export function fromBaseNote(freeze: FreezeReport): string | undefined {
  return freeze.fromBase ? 'as before this change: the change removes or edits this freeze, and it still applies to the change' : undefined;
}

/** The headline of a change that edits the manifest, e.g. "This change edits the manifest (ops.yaml)". */
export function manifestChangeHeadline(report: ImpactReport): string | undefined {
  const change = report.manifestChange;
  if (change === undefined) return undefined;
  return `This change edits the manifest (${change.files.join(', ')})${change.edits.length === 0 ? ', with no effect on its entries' : ':'}`;
}

export function milestoneName(milestone: MilestoneReport): string {
  return `${milestone.project}/${milestone.id}`;
}

export const overrideHint =
  'To go ahead anyway, add a `Freeze-Override: <reason>` trailer to the commit message (it stays in history as the audit trail), '
  + 'or get an approved `overrides:` entry into the manifest.';

/** The overall verdict in a word. */
export function verdict(report: ImpactReport): 'blocked' | 'warning' | 'clear' {
  if (report.blocked) return 'blocked';
  const warns = warningFreezes(report).length > 0 || report.incidents.length > 0 || report.milestones.some((m) => m.risks.length > 0);
  return warns ? 'warning' : 'clear';
}
