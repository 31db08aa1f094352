/** What the graph needs from a system: its id and the ids it depends on. */
export interface GraphNode {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

/** A system reached through `dependsOn` from a changed one. */
export interface Dependent {
  readonly id: string;
  /** Shortest chain from a source system to this one, both included: `['checkout', 'cart', 'web']`. */
  readonly via: readonly string[];
}

/**
 * The reverse `dependsOn` graph: if `web` dependsOn `checkout`, a change to checkout impacts web.
 * Edges to unknown ids and self-edges are ignored (the parser reports them). Every walk keeps a
 * visited set, so cycles are harmless.
 */
export class ImpactGraph {
  /** Manifest position of each id, for stable ordering. */
  private readonly order = new Map<string, number>();
  /** id → ids of systems that depend on it, in manifest order. */
  private readonly dependents = new Map<string, string[]>();
  /** id → ids it depends on (known ids only), in declaration order: made when first asked (cycles only). */
  private forward: Map<string, string[]> | undefined;

  private constructor(private readonly nodes: readonly GraphNode[]) {
    nodes.forEach((node, index) => {
      if (!this.order.has(node.id)) {
        this.order.set(node.id, index);
      }
    });
    // Lists only for systems with edges (most have none): an absent list reads as empty.
    this.edges((node, target) => ImpactGraph.listOf(this.dependents, target).push(node.id));
  }

  /** Calls `visit` for every edge from a node to a known id other than itself, each target once per node, in manifest then declaration order. */
  private edges(visit: (node: GraphNode, target: string) => void): void {
    for (const node of this.nodes) {
      const targets = node.dependsOn;
      if (targets.length === 0) {
        continue;
      }
      for (const target of targets.length === 1 ? targets : new Set(targets)) {
        if (target !== node.id && this.order.has(target)) {
          visit(node, target);
        }
      }
    }
  }

  private get dependencies(): Map<string, string[]> {
    if (this.forward === undefined) {
      const forward = new Map<string, string[]>();
      this.edges((node, target) => ImpactGraph.listOf(forward, node.id).push(target));
      this.forward = forward;
    }
    return this.forward;
  }

  private static listOf(map: Map<string, string[]>, id: string): string[] {
    let list = map.get(id);
    if (list === undefined) {
      list = [];
      map.set(id, list);
    }
    return list;
  }

  static build(nodes: readonly GraphNode[]): ImpactGraph {
    return new ImpactGraph(nodes);
  }

  /** Systems that depend on `id` directly (known ids only, no self-edges), in manifest order. */
  directDependents(id: string): readonly string[] {
    return this.dependents.get(id) ?? [];
  }

  /**
   * Every transitive dependent of `ids` (the sources themselves excluded), each with the shortest
   * chain from a source. Breadth-first, one layer at a time: results come by chain length, then
   * manifest order; when two chains are equally short, the one through the earlier system (in
   * manifest order) wins.
   */
  dependentsOf(ids: Iterable<string>): Dependent[] {
    const chains = new Map<string, readonly string[]>();
    for (const id of ids) {
      if (this.order.has(id)) {
        chains.set(id, [id]);
      }
    }
    const result: Dependent[] = [];
    let layer = this.sorted([...chains.keys()]);
    while (layer.length > 0) {
      const next: string[] = [];
      for (const id of layer) {
        const chain = chains.get(id) ?? [id];
        for (const dependent of this.dependents.get(id) ?? []) {
          if (!chains.has(dependent)) {
            chains.set(dependent, [...chain, dependent]);
            next.push(dependent);
          }
        }
      }
      layer = this.sorted(next);
      for (const id of layer) {
        result.push({ id, via: chains.get(id) ?? [id] });
      }
    }
    return result;
  }

  /**
   * One cycle per strongly connected component that has one, as the ids along `dependsOn` edges
   * starting at the component's first system in manifest order: `['a', 'b']` means a dependsOn b
   * and b dependsOn a. Components come in manifest order of their first system.
   */
  findCycles(): string[][] {
    return this.components()
      .filter((component) => component.length > 1)
      .map((component) => this.cycleThrough(component))
      .sort((a, b) => this.position(a[0]) - this.position(b[0]));
  }

  private position(id: string | undefined): number {
    return id === undefined ? -1 : this.order.get(id) ?? -1;
  }

  private sorted(ids: string[]): string[] {
    return ids.sort((a, b) => this.position(a) - this.position(b));
  }

  /** Shortest cycle from the component's first member back to itself, staying inside it. */
  private cycleThrough(component: readonly string[]): string[] {
    const members = new Set(component);
    const [first] = this.sorted([...component]);
    const previous = new Map<string, string>();
    const queue = [first];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      for (const target of this.dependencies.get(id) ?? []) {
        if (target === first) {
          const path = [id];
          for (let at = previous.get(id); at !== undefined; at = previous.get(at)) {
            path.push(at);
          }
          return path.reverse();
        }
        if (members.has(target) && !previous.has(target)) {
          previous.set(target, id);
          queue.push(target);
        }
      }
    }
    return [first];
  }

  /** Tarjan's strongly connected components, iterative so deep chains cannot overflow the stack. */
  private components(): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const result: string[][] = [];
    let counter = 0;
    for (const root of this.order.keys()) {
      if (index.has(root)) {
        continue;
      }
      const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
      index.set(root, counter);
      low.set(root, counter++);
      stack.push(root);
      onStack.add(root);
      while (work.length > 0) {
        const frame = work[work.length - 1];
        const targets = this.dependencies.get(frame.id) ?? [];
        if (frame.next < targets.length) {
          const target = targets[frame.next++];
          if (!index.has(target)) {
            index.set(target, counter);
            low.set(target, counter++);
            stack.push(target);
            onStack.add(target);
            work.push({ id: target, next: 0 });
          } else if (onStack.has(target)) {
            low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(target) ?? 0));
          }
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) {
          low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
        }
        if (low.get(frame.id) === index.get(frame.id)) {
          const component: string[] = [];
          let member: string | undefined;
          do {
            member = stack.pop();
            if (member !== undefined) {
              onStack.delete(member);
              component.push(member);
            }
          } while (member !== undefined && member !== frame.id);
          result.push(component);
        }
      }
    }
    return result;
  }
}
