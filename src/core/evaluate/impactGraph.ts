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

  private position(id: string | undefined): number {
    return id === undefined ? -1 : this.order.get(id) ?? -1;
  }

  private sorted(ids: string[]): string[] {
    return ids.sort((a, b) => this.position(a) - this.position(b));
  }
}
