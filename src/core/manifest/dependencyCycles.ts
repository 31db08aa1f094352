import type { SystemDef } from '../model';

// Cycles of `dependsOn` edges, for the normaliser's `dependency-cycle` warning.

/**
 * Every cycle of `dependsOn` edges once, as `[a, b, …, a]` starting at its smallest id.
 * Iterative depth-first search, so long chains cannot overflow the stack.
 */
export function findCycles(systems: readonly SystemDef[]): string[][] {
  // Systems by number, in the order their ids first appear; the edges of the last entry of an id.
  const numberOf = new Map<string, number>();
  const ids: string[] = [];
  const dependsOn: Array<readonly string[]> = [];
  for (const system of systems) {
    let number = numberOf.get(system.id);
    if (number === undefined) {
      number = ids.length;
      numberOf.set(system.id, number);
      ids.push(system.id);
    }
    dependsOn[number] = system.dependsOn;
  }
  // The edges to known systems, in order, as one flat list: system n's run from first[n] to first[n + 1].
  const first = new Int32Array(ids.length + 1);
  const flat: number[] = [];
  for (let n = 0; n < ids.length; n++) {
    first[n] = flat.length;
    for (const target of dependsOn[n]) {
      const number = numberOf.get(target);
      if (number !== undefined) flat.push(number);
    }
  }
  first[ids.length] = flat.length;
  const open = 1;
  const done = 2;
  const state = new Uint8Array(ids.length);
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (let start = 0; start < ids.length; start++) {
    if (state[start] !== 0) {
      continue;
    }
    const path: number[] = [start];
    const next: number[] = [first[start]];
    state[start] = open;
    while (path.length > 0) {
      const n = path[path.length - 1];
      const edge = next[next.length - 1]++;
      if (edge >= first[n + 1]) {
        state[n] = done;
        path.pop();
        next.pop();
        continue;
      }
      const target = flat[edge];
      if (state[target] === open) {
        const cycle = rotateToSmallest(path.slice(path.indexOf(target)).map((k) => ids[k]));
        const key = cycle.join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...cycle, cycle[0]]);
        }
      } else if (state[target] === 0) {
        state[target] = open;
        path.push(target);
        next.push(first[target]);
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
