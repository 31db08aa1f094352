import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseManifest } from '../../../src/core/manifest/manifestParser';

const root = path.resolve(__dirname, '../../..');

describe('README', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  it('shows a manifest sketch that parses without any problem', () => {
    const sketch = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(sketch, 'README has a ```yaml block');
    const result = parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? sketch : undefined));
    assert.deepStrictEqual(result.problems, []);
    assert.ok(result.manifest && result.manifest.systems.length > 0);
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?:docs|examples)\/[^)#]+)\)/g)].map((match) => match[1]);
    assert.ok(links.length > 0);
    assert.deepStrictEqual(links.filter((link) => !fs.existsSync(path.join(root, link))), []);
  });
});
