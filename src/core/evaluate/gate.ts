import { FreezeEvaluation, invalidText, lookAheadMs } from './freezeEvaluator';
import type { FreezeRules, TimedTarget } from './freezeEvaluator';
import type { Enforcement } from '../model';

/**
 * The deploy gate's answer (`change-radar gate`, `check --window`): whether a block freeze (or an
 * incident acting as one) applies to some systems or files at an instant or at any moment of a
 * window, until when the blocked stretch lasts, and when the next open stretch of at least a given
 * length starts. Pure; time is passed in.
 *
 * Nothing here reads a freeze's window: the range is walked from one answer of the evaluator to the
 * next (`FreezeEvaluation.at` and its `validUntil`, the first instant at which any answer may
 * change), and each stretch is judged exactly as `check --at` judges that instant — the same
 * scope, exemptions, overrides (valid at that instant) and invalid-means-in-force. Windows are
 * half-open: a freeze applies from its start up to, not including, its end.
 */

/** What is judged: files (each with the systems its path belongs to), or whole systems. */
export interface GateSubject {
  /** A repository path: exemptions and path-limited overrides apply to it. Absent: the whole system(s). */
  readonly path?: string;
  readonly systems: readonly string[];
}

export interface GateQuery {
  /** Start of the range (inclusive). */
  readonly from: number;
  /** End of the range (exclusive); equal to `from` for one instant (`--at`). */
  readonly to: number;
  readonly subjects: readonly GateSubject[];
  /** The shortest open stretch that counts as "open" (`--min-open`). */
  readonly minOpenMs: number;
  /** How far past the range next-open is looked for (default the evaluator's look-ahead, 366 days). */
  readonly searchMs?: number;
  /** At most this many evaluated stretches (bounds the work of a freeze firing every minute). */
  readonly maxSteps?: number;
}

/** A freeze occurrence (or an incident-freeze) that overlaps the range. */
export interface GateHit {
  readonly id: string;
  readonly kind: 'freeze' | 'incident';
  readonly title: string;
  readonly reason?: string;
  readonly enforcement: Enforcement;
  /** The freeze's zone (an incident's: the manifest's). */
  readonly timezone: string;
  /** How it applies to the subjects: `block`, `warn`, or `released` (every held subject let through by an override or exempt). */
  readonly effect: 'block' | 'warn' | 'released';
  /** The occurrence: start (absent: an incident without a start time, or an invalid entry) and end (absent: until resolved or fixed). */
  readonly start?: number;
  readonly end?: number;
  /** The part of the range it overlaps (for an instant: the instant). */
  readonly overlap: { readonly start: number; readonly end: number };
  /** The subjects' systems it covers. */
  readonly systems: readonly string[];
  /** The located error of an invalid entry (in force until fixed). */
  readonly invalid?: string;
}

export interface GateAnswer {
  readonly from: number;
  readonly to: number;
  /** A block freeze applies at `from` or at some moment of the range. */
  readonly frozen: boolean;
  /** Ids of the block freezes (and incident-freezes) that apply in the range, in the order met. */
  readonly frozenBy: readonly string[];
  /**
   * The end of the first blocked stretch that overlaps the range (the instant it opens again);
   * undefined when nothing blocks, or when it never ends by itself (`indefinite`).
   */
  readonly until?: number;
  /** Ids of block targets met after the range that keep its blocked stretch going (they decide `until`). */
  readonly continuedBy: readonly string[];
  /** The blocked stretch lasts until the manifest changes (an invalid entry, an incident-freeze until resolved), or past the search. */
  readonly indefinite: boolean;
  /** A target that never ends by itself (an invalid entry, an incident-freeze) blocks at or after `from`: nothing opens after it. */
  readonly endless: boolean;
  /** The first instant, at or after `from`, from which nothing blocks for at least `minOpenMs`; undefined when none within the search. */
  readonly nextOpen?: number;
  readonly minOpenMs: number;
  /** Block hits first, then warnings and releases, each in the order met. */
  readonly hits: readonly GateHit[];
  /** How far the walk went (the end of the search, or where the step budget ran out). */
  readonly searchedTo: number;
}

const defaultMaxSteps = 20_000;

interface Stretch {
  readonly at: number;
  /** Where the answer may change next (Infinity: never within the look-ahead). */
  readonly next: number;
  readonly blocking: readonly TimedTarget[];
  readonly effects: ReadonlyMap<TimedTarget, GateHit['effect']>;
}

/** The gate's answer for `query` under `rules`. */
export function gateAnswer(rules: FreezeRules, query: GateQuery): GateAnswer {
  const { from, to, subjects, minOpenMs } = query;
  const scope = [...new Set(subjects.flatMap((s) => s.systems))];
  const searchEnd = Math.max(from, to) + (query.searchMs ?? lookAheadMs);
  const maxSteps = query.maxSteps ?? defaultMaxSteps;
  const inRange = (at: number): boolean => at === from || at < to;

  const hits = new Map<string, GateHit>();
  const order: string[] = [];
  let frozenSeen = false;
  let until: number | undefined;
  let untilOpen = false; // the first blocked stretch has been met and is still going
  const continuedBy = new Set<string>();
  let endlessSeen = false; // a target in force that never ends by itself has been met
  let openStart: number | undefined;
  let nextOpen: number | undefined;
  let at = from;
  let steps = 0;

  while (steps++ < maxSteps) {
    const stretch = judgeAt(rules, at, subjects, scope);
    if (inRange(at)) {
      for (const [timed, effect] of stretch.effects) note(hits, order, timed, effect, from, to, scope);
    }
    if (stretch.blocking.length > 0) {
      if (!inRange(at) && untilOpen) for (const { target } of stretch.blocking) continuedBy.add(target.id);
      if (inRange(at) && !frozenSeen) {
        frozenSeen = true;
        untilOpen = true;
      }
      openStart = undefined;
      // An invalid entry or an incident-freeze lasts until the manifest changes: nothing opens after it.
      if (stretch.blocking.some(({ timing }) => timing.end === undefined)) endlessSeen = true;
    } else {
      if (untilOpen) {
        until = at;
        untilOpen = false;
      }
      openStart ??= at;
      if (nextOpen === undefined && stretch.next - openStart >= minOpenMs) nextOpen = openStart;
    }
    const next = stretch.next;
    if (!Number.isFinite(next)) {
      at = searchEnd;
      break;
    }
    // Past the range, walk on only while the end of the blocked stretch or the next open one is unknown.
    const needed = inRange(next) || (!endlessSeen && (untilOpen || nextOpen === undefined));
    if (!needed || next > searchEnd) {
      at = Math.min(next, searchEnd);
      break;
    }
    at = next;
  }
  const all = order.map((key) => hits.get(key)).filter((hit): hit is GateHit => hit !== undefined);
  const blocks = all.filter((hit) => hit.effect === 'block');
  return {
    from, to,
    frozen: blocks.length > 0,
    frozenBy: [...new Set(blocks.map((hit) => hit.id))],
    ...(until !== undefined ? { until } : {}),
    continuedBy: [...continuedBy].filter((id) => !blocks.some((hit) => hit.id === id)),
    indefinite: blocks.length > 0 && untilOpen,
    endless: endlessSeen,
    ...(nextOpen !== undefined ? { nextOpen } : {}),
    minOpenMs,
    hits: [...blocks, ...all.filter((hit) => hit.effect !== 'block')],
    searchedTo: at,
  };
}

/**
 * How the subjects stand at one instant, as `check --at` decides it: each active target that covers
 * a subject's systems holds it (a file: unless exempt or let through by an override valid then; a
 * whole system: unless an override without paths lets every file through), by its enforcement.
 */
function judgeAt(rules: FreezeRules, at: number, subjects: readonly GateSubject[], scope: readonly string[]): Stretch {
  const evaluation = FreezeEvaluation.at(rules, at, 0, scope);
  const effects = new Map<TimedTarget, GateHit['effect']>();
  const blocking: TimedTarget[] = [];
  for (const timed of evaluation.targets) {
    if (!timed.timing.active) continue;
    let effect: GateHit['effect'] | undefined;
    for (const subject of subjects) {
      if (!subject.systems.some((id) => timed.target.covers(id))) continue;
      const decided = subject.path !== undefined
        ? evaluation.decide(timed, subject.path).effect
        : evaluation.overridesOf(timed).some((o) => o.paths === undefined) ? 'released' : timed.target.enforcement;
      const held = decided === 'exempt' ? 'released' : decided;
      effect = strongest(effect, held);
    }
    if (effect === undefined) continue;
    effects.set(timed, effect);
    if (effect === 'block') blocking.push(timed);
  }
  return { at, next: evaluation.validUntil ?? Infinity, blocking, effects };
}

function strongest(a: GateHit['effect'] | undefined, b: GateHit['effect']): GateHit['effect'] {
  const rank = { released: 0, warn: 1, block: 2 } as const;
  return a === undefined || rank[b] > rank[a] ? b : a;
}

function note(hits: Map<string, GateHit>, order: string[], timed: TimedTarget, effect: GateHit['effect'], from: number, to: number, scope: readonly string[]): void {
  const { target, timing } = timed;
  const key = `${target.kind}\u0000${target.id}\u0000${timing.start ?? ''}`;
  const known = hits.get(key);
  if (known !== undefined) {
    if (strongest(known.effect, effect) !== known.effect) hits.set(key, { ...known, effect });
    return;
  }
  const overlapStart = Math.max(from, timing.start ?? from);
  const overlapEnd = to <= from ? from : Math.min(to, timing.end ?? to);
  hits.set(key, {
    id: target.id, kind: target.kind, title: target.title,
    ...(target.reason !== undefined ? { reason: target.reason } : {}),
    enforcement: target.enforcement, timezone: target.timezone, effect,
    ...(timing.start !== undefined ? { start: timing.start } : {}),
    ...(timing.end !== undefined ? { end: timing.end } : {}),
    overlap: { start: overlapStart, end: overlapEnd },
    systems: scope.filter((id) => target.covers(id)),
    ...(target.invalid !== undefined ? { invalid: invalidText(target.invalid) } : {}),
  });
  order.push(key);
}
