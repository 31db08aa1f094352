import * as assert from 'node:assert';
import fc from 'fast-check';
import { findCycles } from '../../../../src/core/manifest/dependencyCycles';
import type { SystemDef } from '../../../../src/core/model';

/**
 * The reference: the search as first written, over Maps of ids (kept here to hold the numbered
 * search to it). Every cycle of `dependsOn` edges the depth-first search meets, once, from its
 * smallest id.
 */
function searchedCycles(systems: readonly SystemDef[]): string[][] {
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

function rotateToSmallest(cycle: string[]): string[] {
  let smallest = 0;
  cycle.forEach((id, index) => {
    if (id < cycle[smallest]) {
      smallest = index;
    }
  });
  return [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
}

const system = (id: string, dependsOn: string[]): SystemDef =>
  ({ id, title: id, paths: [], exclude: [], owners: [], dependsOn, source: { file: 'ops.yaml', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } } } });

describe('dependency cycles (the normaliser\'s dependency-cycle warning)', () => {
  it('finds each cycle once, from its smallest id, and ignores unknown targets', () => {
    const systems = [system('b', ['c', 'ghost']), system('c', ['a']), system('a', ['b']), system('x', ['x']), system('y', ['z']), system('z', ['y'])];
    assert.deepStrictEqual(findCycles(systems), [['a', 'b', 'c', 'a'], ['x', 'x'], ['y', 'z', 'y']]);
  });

  it('property: the same cycles, in the same order, as the search over Maps (repeated ids: the last entry\'s edges)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const systemArbitrary = fc.tuple(fc.constantFrom(...ids), fc.array(fc.constantFrom(...ids, 'ghost'), { maxLength: 4 }))
      .map(([id, dependsOn]) => system(id, dependsOn));
    fc.assert(
      fc.property(fc.array(systemArbitrary, { maxLength: 10 }), (systems) => {
        assert.deepStrictEqual(findCycles(systems), searchedCycles(systems));
      }),
      { numRuns: 2000 },
    );
  });

  it('a chain of 100,000 systems does not overflow the stack', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => system(`s${i}`, i === 0 ? [] : [`s${i - 1}`]));
    chain[0] = system('s0', ['s99999']);
    const [cycle] = findCycles(chain);
    assert.strictEqual(cycle.length, 100_001);
    assert.strictEqual(cycle[0], 's0');
  });
});
