import type { SystemDef } from '../model';

// Cycles of `dependsOn` edges, for the normaliser's `dependency-cycle` warning.

/**
 * Every cycle of `dependsOn` edges once, as `[a, b, …, a]` starting at its smallest id.
 * Iterative depth-first search, so long chains cannot overflow the stack.
 */
export function findCycles(systems: readonly SystemDef[]): string[][] {
  const edges = new Map(systems.map((system) => [system.id, system.dependsOn]));
  const state = new Map<string, 'open' | 'done'>();
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const start of edges.keys()) {
    if (state.has(start)) {
      continue;
    }
    const path: string[] = [start];
    const next: number[] = [0];
    state.set(start, 'open');
    while (path.length > 0) {
      const id = path[path.length - 1];
      const targets = edges.get(id) ?? [];
      const i = next[next.length - 1]++;
      if (i >= targets.length) {
        state.set(id, 'done');
        path.pop();
        next.pop();
        continue;
      }
      const target = targets[i];
      if (!edges.has(target)) {
        continue;
      }
      if (state.get(target) === 'open') {
        const cycle = rotateToSmallest(path.slice(path.indexOf(target)));
        const key = cycle.join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...cycle, cycle[0]]);
        }
      } else if (!state.has(target)) {
        state.set(target, 'open');
        path.push(target);
        next.push(0);
      }
    }
  }
  return cycles;
}

/** `a → b → a`; a long cycle shows its first ids and how many it skips. */
export function cycleText(cycle: readonly string[]): string {
  const shown = 8;
  if (cycle.length <= shown + 2) {
    return cycle.join(' → ');
  }
  const skipped = cycle.length - shown - 1;
  return [...cycle.slice(0, shown), `… ${skipped} more …`, cycle[cycle.length - 1]].join(' → ');
}

function rotateToSmallest(cycle: string[]): string[] {
  let smallest = 0;
  cycle.forEach((id, index) => {
    if (id < cycle[smallest]) {
      smallest = index;
    }
  });
  return [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
}
