import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { plainValue, unusual } from '../../../../src/core/manifest/yamlValue';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** The value yaml's own `toJS` builds, as the general path reads it. */
function viaToJs(text: string): unknown {
  return parseDocument(text, { uniqueKeys: false, logLevel: 'error' }).toJS({ maxAliasCount: 100 });
}

function viaPlain(text: string, limit = 64): unknown {
  const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'error' });
  return plainValue(doc.contents ?? null, 1, limit);
}

/** Same value, same key order, same prototypes. */
function assertSameValue(text: string): void {
  const plain = viaPlain(text);
  if (plain === unusual) {
    return;
  }
  const expected = viaToJs(text);
  assert.deepStrictEqual(plain, expected, text);
  assert.strictEqual(JSON.stringify(plain), JSON.stringify(expected), text);
}

describe('manifestFile: the one-pass value', () => {
  it('builds what toJS builds for the example and fixture manifests', () => {
    const files = ['examples/ops.yaml', 'examples/ops/incidents.yaml', 'test/fixtures/workspace/ops.yaml', 'test/fixtures/hostile/ops.yaml'];
    for (const file of files) {
      const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
      assert.notStrictEqual(viaPlain(text), unusual, file);
      assertSameValue(text);
    }
  });

  it('builds what toJS builds for generated documents, block and flow', () => {
    const key = fc.oneof(fc.constantFrom('id', 'paths', 'a', '1', 'true', '', ' x', 'null', '<<'), fc.string({ maxLength: 6 }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('list'), tie('map')),
      leaf: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(value.node, fc.boolean(), (generated, flow) => {
        assertSameValue(stringify(generated, { collectionStyle: flow ? 'flow' : 'block' }));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves aliases, duplicate keys, merge keys, tagged collections, odd keys and deep nesting to the general path', () => {
    const cases = [
      'a: &x 1\nb: *x\n',
      'a: 1\na: 2\n',
      'a: 1\n"a": 2\n',
      '1: a\n"1": b\n',
      '<<: { a: 1 }\n',
      '__proto__: 1\n',
      's: !!set { a, b }\n',
      'o: !!omap [ a: 1 ]\n',
      '? [a]\n: 1\n',
      'null: 1\n',
      '%YAML 1.1\n---\n<<: { a: 1 }\n',
    ];
    for (const text of cases) {
      assert.strictEqual(viaPlain(text), unusual, text);
    }
    assert.strictEqual(viaPlain('a: { b: { c: 1 } }\n', 2), unusual);
    assert.notStrictEqual(viaPlain('a: { b: { c: 1 } }\n', 3), unusual);
  });
});
