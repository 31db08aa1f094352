import type { Enforcement, EntryOrigin, IncidentStatus, MilestoneStatus, Severity } from '../model';

/** On incidents and freezes a live source reported: its `sources:` id and when the data was fetched (ISO-8601 UTC). */
export interface LiveMark {
  readonly source: string;
  readonly fetchedAt: string;
}
import type { ManifestEdit } from '../manifest/manifestChange';
import type { SourceLocation } from '../problem';

/**
 * What the engine answers for a change set at an instant. This is also the CLI's
 * `--format json` output (a stable interface, documented in docs/cli.md): instants are ISO-8601
 * strings in UTC; every answer carries its "why".
 */
export interface ImpactReport {
  readonly at: string;
  /** True when a `block` freeze applies to a touched file and no valid override lets it through. */
  readonly blocked: boolean;
  readonly files: readonly FileReport[];
  readonly systems: readonly SystemReport[];
  readonly freezes: readonly FreezeReport[];
  readonly incidents: readonly IncidentReport[];
  readonly milestones: readonly MilestoneReport[];
  /** Everyone to tell: owners of touched systems, then CODEOWNERS owners of the files. */
  readonly owners: readonly string[];
  /** Who is on call for the touched systems that say (`oncall:`); absent when none does. */
  readonly oncall?: readonly OnCallReport[];
  /** Present when the change edits the manifest, its includes or CODEOWNERS. */
  readonly manifestChange?: ManifestChangeReport;
}

export type { PatternMatch } from '../paths/pathIndex';
import type { PatternMatch } from '../paths/pathIndex';

export interface FileReport {
  readonly path: string;
  /** Systems the file belongs to (touched). */
  readonly systems: readonly string[];
  readonly matches: readonly PatternMatch[];
  /** System owners plus CODEOWNERS owners of this file. */
  readonly owners: readonly string[];
  readonly codeowners: readonly string[];
  /** The CODEOWNERS line that decided `codeowners` (1-based), when one did. */
  readonly codeownersLine?: number;
}

export interface SystemReport {
  readonly id: string;
  readonly title: string;
  /** True when a changed file is in the system; false when only impacted through `dependsOn`. */
  readonly touched: boolean;
  /**
   * For impacted systems, the chain from a touched system to this one, e.g.
   * `['checkout', 'cart', 'web']` (web dependsOn cart, cart dependsOn checkout). `[]` when touched.
   */
  readonly via: readonly string[];
  readonly owners: readonly string[];
  readonly tier?: string;
  /** The system's `oncall:` text, when it has one. */
  readonly oncall?: string;
}

/** Who is on call for a system (its `oncall:`), beside the owners to tell. */
export interface OnCallReport {
  readonly system: string;
  readonly oncall: string;
}

export type FreezeEffect = 'block' | 'warn' | 'none';

export interface FreezeReport {
  readonly id: string;
  readonly title: string;
  readonly reason?: string;
  /** `freeze` for an entry of `freezes`, `incident` for an incident with `freeze:` set. */
  readonly kind: 'freeze' | 'incident';
  readonly enforcement: Enforcement;
  readonly active: boolean;
  /** The current window when active, else the next one within the horizon (ISO-8601 UTC). */
  readonly start?: string;
  readonly end?: string;
  readonly timezone: string;
  /** Systems of this change (touched or impacted) that the freeze covers. */
  readonly systems: readonly string[];
  /** Changed files the freeze applies to (touched systems, not exempt). */
  readonly files: readonly string[];
  /** True when an unexpired override lets at least one covered file through. */
  readonly overridden: boolean;
  readonly overrides: readonly OverrideUse[];
  /** How the freeze applies to this change: `block` only for touched, not exempt, not overridden files of an active block freeze. */
  readonly effect: FreezeEffect;
  readonly source: SourceLocation;
  /**
   * Set when the entry is wrong: where and why (`ops.yaml:12:5: …`). An invalid freeze is in force
   * at every instant, over the scope that could be read, until fixed.
   */
  readonly invalid?: string;
  /** True for a freeze as the base of the change had it: the change removes or edits it, and it still applies to the change. */
  readonly fromBase?: boolean;
  /** Present when a live source reported it (a maintenance or an incident): `live.source` is the source id. */
  readonly live?: LiveMark;
  /** Present on an entry of an extended (organisation) manifest: `{ extends, ref, file, line }`. */
  readonly origin?: EntryOrigin;
}

export interface OverrideUse {
  readonly reason: string;
  readonly approvedBy: string;
  readonly expires?: string;
  readonly files: readonly string[];
  /** `manifest` for an `overrides:` entry, `trailer` for a `Freeze-Override:` commit trailer. */
  readonly origin: 'manifest' | 'trailer';
  /** True when the change being judged adds this override to the manifest. */
  readonly addedByChange?: boolean;
}

/** A change that edits the manifest (or its includes, or CODEOWNERS), and what the edit means. */
export interface ManifestChangeReport {
  /** The manifest and CODEOWNERS files the change edits. */
  readonly files: readonly string[];
  /** The semantic difference, entry by entry. */
  readonly edits: readonly ManifestEdit[];
}

export interface IncidentReport {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: IncidentStatus;
  /** The incident's systems that this change touches or impacts (all of them in status reports). */
  readonly systems: readonly string[];
  readonly started?: string;
  readonly commander?: string;
  readonly url?: string;
  readonly source: SourceLocation;
  /** Present when a live source reported it: `live.source` is the source id. Manifest incidents have none. */
  readonly live?: LiveMark;
  /** Present on an incident of an extended (organisation) manifest: `{ extends, ref, file, line }`. */
  readonly origin?: EntryOrigin;
}

export type RiskKind = 'overdue' | 'freeze' | 'incident' | 'owner-conflict' | 'not-started';

export interface MilestoneRisk {
  readonly kind: RiskKind;
  /** A sentence a person can read, e.g. "due inside freeze holiday-2026 (Dec 20 – Jan 3)". */
  readonly message: string;
  /** Id of the freeze or incident behind it, when there is one. */
  readonly ref?: string;
}

export interface MilestoneReport {
  readonly project: string;
  readonly id: string;
  readonly title: string;
  readonly due?: string;
  readonly status: MilestoneStatus;
  readonly owner?: string;
  readonly systems: readonly string[];
  readonly risks: readonly MilestoneRisk[];
  readonly source: SourceLocation;
}

/** `change-radar explain PATH`. */
export interface PathExplanation {
  readonly path: string;
  readonly matches: readonly PatternMatch[];
  /** Systems depending (transitively) on the path's systems, with their chains. */
  readonly dependents: readonly SystemReport[];
  readonly freezes: readonly FreezeReport[];
  readonly incidents: readonly IncidentReport[];
  readonly milestones: readonly MilestoneReport[];
  readonly systemOwners: readonly string[];
  /** Who is on call for the path's systems that say (`oncall:`); absent when none does. */
  readonly oncall?: readonly OnCallReport[];
  readonly codeowners: readonly string[];
  readonly codeownersLine?: number;
}

/** `change-radar status`: the state of the whole manifest at an instant. */
export interface StatusReport {
  readonly at: string;
  readonly incidents: readonly IncidentReport[];
  /** Active freezes first, then upcoming ones within the horizon. `files`/`effect` are empty/`none`. */
  readonly freezes: readonly FreezeReport[];
  /** Milestones with at least one risk, by due date. */
  readonly milestonesAtRisk: readonly MilestoneReport[];
}
