import * as assert from 'node:assert';
import { ImpactGraph } from '../../../../src/core/evaluate/impactGraph';

function node(id: string, ...dependsOn: string[]) {
  return { id, dependsOn };
}

describe('ImpactGraph', () => {
  describe('dependentsOf', () => {
    it('finds a direct dependent with a two-element chain', () => {
      const graph = ImpactGraph.build([node('checkout'), node('web', 'checkout')]);
      assert.deepStrictEqual(graph.dependentsOf(['checkout']), [{ id: 'web', via: ['checkout', 'web'] }]);
    });

    it('follows dependents transitively and explains the chain', () => {
      const graph = ImpactGraph.build([node('checkout'), node('cart', 'checkout'), node('web', 'cart')]);
      assert.deepStrictEqual(graph.dependentsOf(['checkout']), [
        { id: 'cart', via: ['checkout', 'cart'] },
        { id: 'web', via: ['checkout', 'cart', 'web'] },
      ]);
    });

    it('does not report what a system itself depends on', () => {
      const graph = ImpactGraph.build([node('ledger'), node('checkout', 'ledger')]);
      assert.deepStrictEqual(graph.dependentsOf(['checkout']), []);
    });

    it('keeps the shortest chain when several lead to a system', () => {
      const graph = ImpactGraph.build([
        node('checkout'), node('cart', 'checkout'), node('web', 'cart', 'checkout'),
      ]);
      assert.deepStrictEqual(graph.dependentsOf(['checkout']), [
        { id: 'cart', via: ['checkout', 'cart'] },
        { id: 'web', via: ['checkout', 'web'] },
      ]);
    });

    it('excludes the sources even when one depends on another', () => {
      const graph = ImpactGraph.build([node('a'), node('b', 'a'), node('c', 'b')]);
      assert.deepStrictEqual(graph.dependentsOf(['a', 'b']), [{ id: 'c', via: ['b', 'c'] }]);
    });

    it('breaks ties between equally short chains by manifest order', () => {
      const graph = ImpactGraph.build([node('x'), node('y'), node('web', 'y', 'x')]);
      assert.deepStrictEqual(graph.dependentsOf(['y', 'x']), [{ id: 'web', via: ['x', 'web'] }]);
    });

    it('orders results by chain length, then manifest order', () => {
      const graph = ImpactGraph.build([
        node('z', 'b'), node('a'), node('b', 'a'), node('c', 'a'),
      ]);
      assert.deepStrictEqual(graph.dependentsOf(['a']).map((d) => d.id), ['b', 'c', 'z']);
    });

    it('terminates on cycles and reports each system once', () => {
      const graph = ImpactGraph.build([node('a', 'c'), node('b', 'a'), node('c', 'b')]);
      assert.deepStrictEqual(graph.dependentsOf(['a']), [
        { id: 'b', via: ['a', 'b'] },
        { id: 'c', via: ['a', 'b', 'c'] },
      ]);
    });

    it('ignores unknown ids and self-edges', () => {
      const graph = ImpactGraph.build([node('a', 'a', 'ghost'), node('b', 'a')]);
      assert.deepStrictEqual(graph.dependentsOf(['a', 'ghost']), [{ id: 'b', via: ['a', 'b'] }]);
    });

    it('handles a long chain without recursion limits', () => {
      // Chains are returned whole, so output grows with depth²; 2,000 levels is far past real manifests.
      const nodes = Array.from({ length: 2_000 }, (_, i) => node(`s${i}`, ...(i > 0 ? [`s${i - 1}`] : [])));
      const dependents = ImpactGraph.build(nodes).dependentsOf(['s0']);
      assert.strictEqual(dependents.length, 1_999);
      assert.strictEqual(dependents[dependents.length - 1].via.length, 2_000);
    });
  });
});
