import * as assert from 'node:assert';
import { parseManifest } from '../../../src/core/manifest/manifestParser';
import { starterManifest } from '../../../src/vscode/commands/starterManifest';
import { groupByFolder, node } from '../../../src/vscode/views/viewModel/viewNode';

const rows = [node({ id: 'a', label: 'A', children: [node({ id: 'a/b', label: 'B' })] })];

describe('viewNode', () => {
  it('shows a single folder without a folder row, stamping its key on every row', () => {
    const grouped = groupByFolder('v', [{ folder: 'file:///one', name: 'one', nodes: rows }]);
    assert.deepStrictEqual([grouped[0].id, grouped[0].folder, grouped[0].children[0].folder], ['a', 'file:///one', 'file:///one']);
  });

  it('groups by folder when there are several, keeping ids unique', () => {
    const grouped = groupByFolder('v', [
      { folder: 'file:///one', name: 'one', nodes: rows },
      { folder: 'file:///two', name: 'two', nodes: rows },
    ]);
    assert.deepStrictEqual(grouped.map((g) => [g.label, g.children[0].id]), [['one', 'file:///one#a'], ['two', 'file:///two#a']]);
  });

  it('makes repeated ids unique (a manifest with errors keeps a duplicated freeze, in force)', () => {
    const grouped = groupByFolder('v', [{ folder: 'file:///one', name: 'one', nodes: [...rows, ...rows] }]);
    assert.deepStrictEqual(grouped.flatMap((g) => [g.id, ...g.children.map((c) => c.id)]), ['a', 'a/b', 'a~2', 'a/b~2']);
  });
});

describe('starterManifest', () => {
  it('parses without any problem', () => {
    const result = parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? starterManifest : undefined));
    assert.deepStrictEqual([result.problems, result.manifest?.systems.map((s) => s.id)], [[], ['web']]);
  });
});
