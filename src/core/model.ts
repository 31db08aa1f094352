import type { Problem, SourceLocation } from './problem';

/**
 * The validated, normalised manifest. All instants are epoch milliseconds (UTC); the text they came
 * from is kept beside them for display. Lists keep the order of the file(s).
 */
export interface Manifest {
  readonly version: 1;
  /** IANA zone that times without an offset are read in. Default `UTC`. */
  readonly timezone: string;
  readonly systems: readonly SystemDef[];
  readonly freezes: readonly Freeze[];
  readonly overrides: readonly Override[];
  readonly incidents: readonly Incident[];
  readonly projects: readonly Project[];
  readonly hooks: HookSettings;
  /** Live incident sources (`sources:` of the root file and of extended files); see docs/sources.md. Absent or empty: none. */
  readonly sources?: readonly LiveSource[];
  /** Repository-relative paths of every manifest file read (the root file first, then includes). */
  readonly files: readonly string[];
}

export interface HookSettings {
  /** When true, an invalid manifest blocks commits. Default false; a value that cannot be read counts as true. */
  readonly strict: boolean;
  /** `hooks.live`: hooks read live sources too (within a short network budget). Default false. */
  readonly live?: boolean;
}

/** Where a live source's incidents and freezes come from, as the manifest configures it (see src/core/sources). */
export interface LiveSource {
  readonly id: string;
  readonly type: 'statuspage' | 'pagerduty';
  /** Base URL without a trailing slash: `https:`, or `http:` on localhost/127.0.0.1 only. */
  readonly url: string;
  /** Name of the environment variable (CLI) holding the token; the editor keeps tokens in SecretStorage. */
  readonly tokenEnv?: string;
  /** Remote component (Statuspage) or service (PagerDuty) → system ids. */
  readonly mapping: readonly { readonly remote: string; readonly systems: readonly string[] }[];
  /** An in-progress maintenance on a mapped component acts as a freeze of this enforcement. */
  readonly maintenanceAsFreeze?: Enforcement;
  /** Source incidents of these severities act as freezes. */
  readonly freeze: Readonly<Partial<Record<Severity, Enforcement>>>;
  /** Remote impact/priority/urgency (lower case) → severity: the documented defaults overlaid by the manifest's map. */
  readonly severity: ReadonlyMap<string, Severity>;
  readonly source: SourceLocation;
  /** Set on a source of an extended (organisation) manifest; its incidents and freezes carry it too. */
  readonly origin?: EntryOrigin;
  /**
   * An extended source only: the origin (`https://host[:port]`) the repository's `allowTokens` lets
   * its `tokenEnv` go to. An extended source without it is never given a token (sourceFetcher.ts).
   */
  readonly tokenOrigin?: string;
}

/** Set on incidents and freezes that came from a live source rather than the manifest text. */
export interface LiveOrigin {
  /** The `sources:` id. */
  readonly source: string;
  /** When the data was fetched (epoch ms). */
  readonly fetchedAt: number;
}

/** Set on every entry that came from an extended (organisation) manifest (`extends:`). */
export interface EntryOrigin {
  /** The `extends:` id. */
  readonly extends: string;
  /** The pin: the full commit id (`git:`) or the sha256 (`url:`). */
  readonly ref: string;
  /** The file in the extended repository (`git:`), or the URL (`url:`). */
  readonly file: string;
  /** 1-based line of the entry in that file. */
  readonly line: number;
}

export type Tier = string;

export interface SystemDef {
  readonly id: string;
  readonly title: string;
  /** gitignore-style globs, relative to the repository root. */
  readonly paths: readonly string[];
  readonly exclude: readonly string[];
  readonly owners: readonly string[];
  /** Normalised to a string (`tier: 1` and `tier: "1"` are the same tier). */
  readonly tier?: Tier;
  readonly dependsOn: readonly string[];
  /** `deploy.argocd`: the Argo CD applications (names or globs) that ship this system; absent: the system id. */
  readonly deploy?: { readonly argocd?: readonly string[] };
  /** `tags:` as written (freezes and incidents may select systems by tag). */
  readonly tags?: readonly string[];
  /** `oncall:`: who is on call, free text or a URL, as written (shown beside the owners to tell). */
  readonly oncall?: string;
  readonly source: SourceLocation;
}

export type Enforcement = 'block' | 'warn';

export interface CronSchedule {
  /** Five-field cron expression (minute hour day-of-month month day-of-week). */
  readonly start: string;
  readonly end: string;
}

export interface Freeze {
  readonly id: string;
  readonly title: string;
  readonly reason?: string;
  /** System ids; `'*'` means every system. */
  readonly systems: readonly string[];
  readonly tiers: readonly Tier[];
  /** Absolute window: start inclusive, end exclusive (epoch ms). Absent for recurring freezes. */
  readonly start?: number;
  readonly end?: number;
  readonly startText?: string;
  readonly endText?: string;
  readonly schedule?: CronSchedule;
  /** Effective zone: the freeze's own `timezone`, else the manifest's. */
  readonly timezone: string;
  readonly exempt: readonly string[];
  readonly enforcement: Enforcement;
  readonly source: SourceLocation;
  /**
   * Set when the entry is wrong (the first error found in it). An invalid freeze is in force at
   * every instant, over the scope that could be read (every system when none could), without
   * exemptions: an error in the manifest may add protection, never remove it.
   */
  readonly invalid?: Problem;
  /** Set on a freeze as the base of a change had it, kept because the change removes or edits it. */
  readonly fromBase?: boolean;
  /** Set on a freeze made from a live source's maintenance window. */
  readonly live?: LiveOrigin;
  /** Where an entry of an extended (organisation) manifest came from. */
  readonly origin?: EntryOrigin;
}

export interface Override {
  readonly freeze: string;
  /** gitignore-style globs; empty means every file the freeze covers. */
  readonly paths: readonly string[];
  readonly reason: string;
  readonly approvedBy: string;
  /** Epoch ms; absent means it never expires. */
  readonly expires?: number;
  readonly expiresText?: string;
  readonly source: SourceLocation;
  /** Set when the change being judged adds this override: honoured, and said prominently. */
  readonly addedByChange?: boolean;
  /** Where an entry of an extended (organisation) manifest came from. */
  readonly origin?: EntryOrigin;
}

export type Severity = 'sev1' | 'sev2' | 'sev3' | 'sev4';
export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface Incident {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: IncidentStatus;
  readonly systems: readonly string[];
  readonly started?: number;
  readonly startedText?: string;
  readonly resolved?: number;
  readonly resolvedText?: string;
  readonly commander?: string;
  readonly url?: string;
  /** When set, the incident acts as a freeze of this enforcement on its systems while active. */
  readonly freeze?: Enforcement;
  readonly source: SourceLocation;
  /**
   * Set when the entry is wrong. Only incidents with `freeze:` are kept when wrong: they act as an
   * active freeze over the systems that could be read (`'*'`, every system, when none could).
   */
  readonly invalid?: Problem;
  /** Set on an incident-freeze as the base of a change had it, kept because the change resolves, removes or edits it. */
  readonly fromBase?: boolean;
  /** Set on an incident reported by a live source (not written in the manifest). */
  readonly live?: LiveOrigin;
  /** Where an entry of an extended (organisation) manifest came from. */
  readonly origin?: EntryOrigin;
}

export type MilestoneStatus = 'planned' | 'in-progress' | 'done' | 'blocked';

export interface Milestone {
  readonly id: string;
  readonly title: string;
  /** Epoch ms. A date-only `due` is the end of that day (23:59:59.999) in the manifest zone. */
  readonly due?: number;
  readonly dueText?: string;
  readonly status: MilestoneStatus;
  readonly owner?: string;
  /** The milestone's own systems; when empty the project's systems apply. */
  readonly systems: readonly string[];
  readonly source: SourceLocation;
}

export interface Project {
  readonly id: string;
  readonly title: string;
  readonly goal?: string;
  readonly owner?: string;
  readonly systems: readonly string[];
  readonly milestones: readonly Milestone[];
  readonly source: SourceLocation;
  /** Where an entry of an extended (organisation) manifest came from. */
  readonly origin?: EntryOrigin;
}
