import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tiersInUse } from '../../../../src/core/manifest/manifestVocabulary';
import { parseManifest } from '../../../../src/core/manifest/manifestParser';
import { system } from '../../manifestFactory';

describe('tiersInUse', () => {
  it('offers numeric tiers ascending, then named ones, each once', () => {
    const systems = ['2', '1', 'platform', '10', '3', 'edge', '1'].map((tier, index) => system({ id: `s${index}`, tier }));
    assert.deepEqual(tiersInUse([...systems, system({ id: 'none' })]), ['1', '2', '3', '10', 'edge', 'platform']);
  });

  it('on the examples\' manifest: 1, 2, 3, platform (not "2, 1, 3, platform" as the systems list them)', () => {
    const root = path.join(__dirname, '..', '..', '..', '..', 'examples');
    const result = parseManifest('ops.yaml', (file) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : undefined));
    assert.deepEqual(tiersInUse(result.manifest?.systems ?? []), ['1', '2', '3', 'platform']);
  });
});
