import type { GraphNode } from '../evaluate/impactGraph';
import { ImpactGraph } from '../evaluate/impactGraph';
import type { Incident, SystemDef } from '../model';
import type { PatternMatch } from '../paths/pathIndex';

/**
 * "What changed before this incident?" — the pure half of `change-radar changes`: the window, the
 * systems in scope (the incident's, and what they depend on, each with the chain that explains it),
 * the pull request of a subject, the pathspecs git is asked with, and the commits git answered,
 * sorted into systems. Git itself is asked in src/node/history/gitHistory.ts.
 */

const HOUR = 3_600_000;
/** Default look-back before an incident's start. */
const defaultLookBackMs = 72 * HOUR;
/** Default depth of `dependsOn` followed from the incident's systems. */
export const defaultDepth = 2;

export interface ChangeWindow {
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, inclusive. */
  readonly to: number;
}

/** `--since`: a duration before the incident's start, or an instant. */
export type SinceOption = { readonly kind: 'duration'; readonly ms: number } | { readonly kind: 'instant'; readonly at: number };

/**
 * The window of commits to list. With an incident: from `lookBack` (default 72 h) before its start
 * to its resolution, or `now` while it is open. Without one (`--systems`): from `lookBack` before
 * `now` to `now`. `since`/`until` set the edges. An error message when the window is empty or the
 * incident has no start to count back from.
 */
export function changeWindow(options: {
  readonly incident?: Pick<Incident, 'id' | 'started' | 'resolved'>;
  readonly now: number;
  readonly since?: SinceOption;
  readonly until?: number;
}): ChangeWindow | string {
  const { incident, now, since, until } = options;
  const start = incident !== undefined ? incident.started : now;
  if (start === undefined && since?.kind !== 'instant') {
    return `incident '${incident?.id ?? ''}' has no 'started' time to count back from; give --since TIME`;
  }
  const end = until ?? (incident?.resolved !== undefined ? incident.resolved : now);
  const from = since?.kind === 'instant' ? since.at : (start ?? now) - (since?.ms ?? defaultLookBackMs);
  if (end < from) return `the window is empty: it ends (${new Date(end).toISOString()}) before it starts (${new Date(from).toISOString()})`;
  return { from, to: end };
}

/** `72h`, `90m`, `3d`, `1w`, `1d12h`: a positive duration in ms, at most a year; undefined otherwise. */
export function parseLookBack(text: string): number | undefined {
  const units: Record<string, number> = { m: 60_000, h: HOUR, d: 24 * HOUR, w: 168 * HOUR };
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?[mhdw])+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)([mhdw])/g)) total += Number(amount) * (units[unit] ?? 0);
  return total > 0 && total <= 366 * 24 * HOUR ? Math.round(total) : undefined;
}

/** A system whose changes are listed, and why. */
export interface ScopedSystem {
  readonly id: string;
  readonly relation: 'direct' | 'dependency';
  /** From an incident's system to this one along `dependsOn`: `['payments', 'ledger']`; `[id]` when direct. */
  readonly via: readonly string[];
}

/**
 * The systems in scope: `roots` (known ids, in the order given) and what they depend on, through
 * `dependsOn`, at most `depth` edges away, each with its shortest chain. The impact graph walks
 * dependents; built over the reversed edges, its walk is the walk of dependencies.
 */
export function scopeSystems(systems: readonly GraphNode[], roots: readonly string[], depth: number): ScopedSystem[] {
  const known = new Set(systems.map((s) => s.id));
  const direct = [...new Set(roots)].filter((id) => known.has(id));
  const usedBy = new Map<string, string[]>();
  for (const system of systems) {
    for (const target of system.dependsOn) {
      const list = usedBy.get(target) ?? [];
      list.push(system.id);
      usedBy.set(target, list);
    }
  }
  const reversed = ImpactGraph.build(systems.map((s) => ({ id: s.id, dependsOn: usedBy.get(s.id) ?? [] })));
  const dependencies = reversed.dependentsOf(direct).filter((d) => d.via.length - 1 <= depth);
  return [
    ...direct.map((id): ScopedSystem => ({ id, relation: 'direct', via: [id] })),
    ...dependencies.map((d): ScopedSystem => ({ id: d.id, relation: 'dependency', via: d.via })),
  ];
}

/** The pull request a subject names: `Merge pull request #N …`, or a `(#N)` suffix (a squash merge); else null. */
export function pullRequestOf(subject: string): number | null {
  const merge = /^Merge pull request #(\d{1,9})\b/.exec(subject);
  const squash = /\(#(\d{1,9})\)\s*$/.exec(subject);
  const number = merge?.[1] ?? squash?.[1];
  return number === undefined ? null : Number(number);
}

/**
 * What git is asked to limit its walk to: the literal folder (or file) each of the systems' `paths`
 * globs starts with, as `:(top,literal)` pathspecs — a superset of what the globs match, so git
 * selects the commits and JavaScript only sorts the files of those into systems (excludes
 * included: an exclude is per system, git's would apply to all). A literal prefix lets git skip
 * every tree outside it; a pathspec that starts with a wildcard (`:(glob)` and `**`) makes it walk every tree
 * of every commit, which measured 4–6 times slower than no pathspec at all (docs/benchmarks.md,
 * "changes"). So when a glob has no literal folder to start with (`*.md`, `migrations/`, a
 * glob starting with `**`), the answer is `'all'`: git lists every changed file and the sorting keeps
 * those of the systems in scope. Both forms of a non-ASCII prefix (NFC, NFD) are given, as the
 * manifest's matching compares them equal.
 */
export function pathspecsOf(systems: readonly Pick<SystemDef, 'paths'>[]): string[] | 'all' {
  const specs = new Set<string>();
  for (const system of systems) {
    for (const glob of system.paths) {
      const prefix = literalPrefix(glob);
      if (prefix === undefined) return 'all';
      for (const form of new Set([prefix, prefix.normalize('NFC'), prefix.normalize('NFD')])) specs.add(`:(top,literal)${form}`);
    }
  }
  return [...specs];
}

/**
 * The folders (or file) a glob is anchored under, up to its first segment with a wildcard, brace or
 * class: `services/checkout/` → `services/checkout`, `db/**` → `db`, `/ops.yaml` → `ops.yaml`.
 * Undefined when it has none: unanchored (no slash but a trailing one) or starting with a wildcard.
 */
function literalPrefix(glob: string): string | undefined {
  const trimmed = glob.replace(/\/+$/, '');
  // gitignore's rule: a slash at the start or in the middle anchors the glob to the root.
  if (!trimmed.includes('/')) return undefined;
  const segments = trimmed.replace(/^\/+/, '').split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (/[*?[\]{}\\]/.test(segment)) break;
    literal.push(segment);
  }
  return literal.length === 0 || literal.some((s) => s === '' || s === '.' || s === '..') ? undefined : literal.join('/');
}

/** A commit as git reports it, with the files (of the pathspecs) it changes against its first parent. */
export interface RawCommit {
  readonly sha: string;
  /** Committer date, epoch ms. */
  readonly committedAt: number;
  readonly author: string;
  readonly subject: string;
  /** The `Freeze-Override:` trailer's text, when the message carried one. */
  readonly override?: string;
  readonly files: readonly string[];
}

/** A listed commit: why it is a suspect, and how long before the incident it landed. */
export interface ChangedCommit {
  readonly sha: string;
  /** ISO-8601, UTC. */
  readonly committedAt: string;
  readonly author: string;
  readonly subject: string;
  readonly pr: number | null;
  /** System id → the commit's files in it (sorted). */
  readonly files: Readonly<Record<string, readonly string[]>>;
  /** `direct` when it touches one of the incident's (or named) systems, else `dependency`. */
  readonly relation: 'direct' | 'dependency';
  /** The chain of the closest system it touches: `['payments']`, or `['payments', 'ledger']`. */
  readonly via: readonly string[];
  readonly override: string | null;
  /** Ms from the commit to the incident's start (negative: after it started); null without an incident. */
  readonly beforeStart: number | null;
}

/**
 * The commits in `window` that touch a system in `scope`, newest first (by committer date; git's
 * order among equal dates). A commit's relation is that of the closest system it touches (direct
 * before dependency, then the shorter chain, then scope order).
 */
export function sortCommits(
  raw: readonly RawCommit[], scope: readonly ScopedSystem[], systemsOf: (path: string) => readonly PatternMatch[],
  window: ChangeWindow, started: number | undefined,
): ChangedCommit[] {
  const rank = new Map(scope.map((s, index) => [s.id, index]));
  const result: { commit: ChangedCommit; order: number }[] = [];
  raw.forEach((commit, order) => {
    if (commit.committedAt < window.from || commit.committedAt > window.to) return;
    const files = new Map<string, Set<string>>();
    for (const file of commit.files) {
      for (const match of systemsOf(file)) {
        if (!rank.has(match.system)) continue;
        const set = files.get(match.system) ?? new Set<string>();
        set.add(file);
        files.set(match.system, set);
      }
    }
    if (files.size === 0) return;
    const closest = [...files.keys()].map((id) => scope[rank.get(id) ?? 0]).sort((a, b) => closeness(a) - closeness(b) || (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0))[0];
    const ordered = [...files.keys()].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    result.push({
      order,
      commit: {
        sha: commit.sha,
        committedAt: new Date(commit.committedAt).toISOString(),
        author: commit.author,
        subject: commit.subject,
        pr: pullRequestOf(commit.subject),
        files: Object.fromEntries(ordered.map((id) => [id, [...(files.get(id) ?? [])].sort()])),
        relation: closest.relation,
        via: closest.via,
        override: commit.override ?? null,
        beforeStart: started === undefined ? null : started - commit.committedAt,
      },
    });
  });
  return result
    .sort((a, b) => Date.parse(b.commit.committedAt) - Date.parse(a.commit.committedAt) || a.order - b.order)
    .map((r) => r.commit);
}

function closeness(system: ScopedSystem): number {
  return system.relation === 'direct' ? 0 : system.via.length;
}

/**
 * The words of {@link relationText}: English by default (the CLI's `changes`); the extension passes
 * its display language's (src/vscode/views/viewModel/incidentChangesViewModel.ts).
 */
export interface RelationPhrases {
  touches(system: string): string;
  /** `chain`: the {@link dependsOn} links, joined. */
  touchesThrough(system: string, chain: string): string;
  dependsOn(dependent: string, dependency: string): string;
}

const englishRelationPhrases: RelationPhrases = {
  touches: (system) => `touches ${system}`,
  touchesThrough: (system, chain) => `touches ${system} (${chain})`,
  dependsOn: (dependent, dependency) => `${dependent} depends on ${dependency}`,
};

/** Why a commit is listed, for people: `touches payments`, `touches ledger (payments depends on ledger)`. */
export function relationText(commit: Pick<ChangedCommit, 'via'>, phrases: RelationPhrases = englishRelationPhrases): string {
  const touched = commit.via[commit.via.length - 1] ?? '';
  if (commit.via.length <= 1) return phrases.touches(touched);
  const chain = commit.via.slice(0, -1).map((id, i) => phrases.dependsOn(id, commit.via[i + 1] ?? '')).join(', ');
  return phrases.touchesThrough(touched, chain);
}
