/**
 * The timeline's lanes and their sub-rows, computed on the host so the webview only draws: the
 * lanes of each grouping (per system, by tier, by project; all systems, or only those of the
 * current change), and in each lane which sub-row every bar goes to, so that bars that overlap in
 * time (a weekend freeze inside the holiday freeze, a month-end close beside both) are stacked
 * instead of drawn over each other. Pure: unit-tested without VS Code.
 */

/**
 * A half-open time interval `[start, end)`; an empty one (an instant, still drawn as a thin bar)
 * takes 1 ms. `group` keeps one freeze's occurrences together.
 */
export interface StackInterval {
  readonly start: number;
  readonly end: number;
  readonly group?: string;
}

export interface Stacking {
  /** The sub-row of each interval, in the order given. */
  readonly rows: readonly number[];
  /** How many sub-rows are used (0 for no intervals). */
  readonly count: number;
}

/**
 * Greedy interval partitioning: intervals in order of start (ties in the order given) each go to a
 * free sub-row — the one their group used last when it is free, else the lowest free one — and a
 * new sub-row is opened only when every sub-row is busy at that start. Then every open sub-row
 * holds an interval containing that instant, so the count is the largest number of intervals that
 * overlap at one instant: the fewest sub-rows possible. No two intervals in one sub-row overlap.
 */
export function stackIntervals(intervals: readonly StackInterval[]): Stacking {
  const order = intervals.map((_, index) => index).sort((a, b) => intervals[a].start - intervals[b].start || a - b);
  const rows = new Array<number>(intervals.length).fill(0);
  /** The end of the last interval in each sub-row. */
  const busyUntil: number[] = [];
  const lastRowOf = new Map<string, number>();
  for (const index of order) {
    const { start, group } = intervals[index];
    const end = Math.max(intervals[index].end, start + 1);
    const preferred = group !== undefined ? lastRowOf.get(group) : undefined;
    let row = preferred !== undefined && busyUntil[preferred] <= start ? preferred : busyUntil.findIndex((until) => until <= start);
    if (row < 0) row = busyUntil.push(end) - 1;
    busyUntil[row] = end;
    rows[index] = row;
    if (group !== undefined) lastRowOf.set(group, row);
  }
  return { rows, count: busyUntil.length };
}

/** What the lanes need of an item (a subset of the view model's TimelineItem). */
export interface LaneItem {
  readonly kind: 'freeze' | 'incident' | 'milestone';
  readonly id: string;
  readonly start?: number;
  readonly end: number;
  readonly systems: readonly string[];
  readonly ongoing: boolean;
}

export interface LaneSystem {
  readonly id: string;
  readonly title: string;
  readonly tier?: string;
  readonly projects: readonly string[];
}

export interface TimelineLane {
  readonly key: string;
  /**
   * The system's title, the tier or the project id; '' for the lane of systems without a tier or
   * project. The webview names the lane from it with the panel's (translated) strings.
   */
  readonly name: string;
  /** The systems in the lane, for the lane's hover. */
  readonly title: string;
  readonly systems: readonly string[];
  /** Indices (into the folder's items) of the items drawn in this lane, in item order. */
  readonly items: readonly number[];
  /** The sub-row of each of `items` (freeze bars and incident bars are stacked separately; milestones 0). */
  readonly rows: readonly number[];
  /** Sub-rows of freeze bars (at least 1, so every lane starts alike) and of incident bars (0 when it has none). */
  readonly freezeRows: number;
  readonly incidentRows: number;
}

export type LaneGrouping = 'system' | 'tier' | 'project';

export type TimelineLaneSets = Readonly<Record<LaneGrouping, readonly TimelineLane[]>>;

interface LaneDraft {
  readonly key: string;
  readonly name: string;
  readonly systems: readonly string[];
}

/** The lanes of one grouping, in the order they are shown (as the webview drew them before). */
function laneDrafts(systems: readonly LaneSystem[], grouping: LaneGrouping): LaneDraft[] {
  if (grouping === 'system') return systems.map((s) => ({ key: `system:${s.id}`, name: s.title, systems: [s.id] }));
  const groups = new Map<string, string[]>();
  for (const s of systems) {
    const names = grouping === 'tier' ? [s.tier ?? ''] : s.projects.length > 0 ? s.projects : [''];
    for (const name of names) groups.set(name, [...(groups.get(name) ?? []), s.id]);
  }
  const named = [...groups.entries()];
  // Tiers in numeric-aware order, projects in manifest order; the group without one last.
  const sorted = grouping === 'tier'
    ? named.sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, undefined, { numeric: true })))
    : [...named.filter(([name]) => name !== ''), ...named.filter(([name]) => name === '')];
  return sorted.map(([name, ids]) => ({
    key: `${grouping}:${name}`,
    name,
    systems: ids,
  }));
}

/** A bar's interval for stacking: an unknown start is the range start; an ongoing bar is open-ended (it grows with now). */
function intervalOf(item: LaneItem, from: number): StackInterval {
  return { start: item.start ?? from, end: item.ongoing ? Number.POSITIVE_INFINITY : item.end, group: item.id };
}

function laneOf(draft: LaneDraft, items: readonly LaneItem[], from: number): TimelineLane {
  const wanted = new Set(draft.systems);
  const onLane = items.flatMap((item, index) => (item.systems.some((id) => wanted.has(id)) ? [index] : []));
  const rows = new Array<number>(onLane.length).fill(0);
  const counts = { freeze: 0, incident: 0 };
  for (const kind of ['freeze', 'incident'] as const) {
    const positions = onLane.flatMap((index, position) => (items[index].kind === kind ? [position] : []));
    const stacking = stackIntervals(positions.map((position) => intervalOf(items[onLane[position]], from)));
    positions.forEach((position, n) => {
      rows[position] = stacking.rows[n];
    });
    counts[kind] = stacking.count;
  }
  return {
    key: draft.key, name: draft.name, title: draft.systems.join(', '), systems: draft.systems, items: onLane, rows,
    freezeRows: Math.max(1, counts.freeze), incidentRows: counts.incident,
  };
}

/** The lanes of a folder for every grouping, over `systems` (all of the folder's, or only those of the current change). */
export function timelineLanes(systems: readonly LaneSystem[], items: readonly LaneItem[], from: number): TimelineLaneSets {
  const lanes = (grouping: LaneGrouping): TimelineLane[] => laneDrafts(systems, grouping).map((draft) => laneOf(draft, items, from));
  return { system: lanes('system'), tier: lanes('tier'), project: lanes('project') };
}
