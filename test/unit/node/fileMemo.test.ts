import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseManifest } from '../../../src/core/manifest/manifestParser';
import type { KeptFile } from '../../../src/core/manifest/manifestParser';
import { cachedFileMemo } from '../../../src/node/fileMemo';
import { ManifestCache, ValueCache } from '../../../src/node/manifestCache';
import { loadManifest } from '../../../src/node/manifestLoader';

// Included files kept in the parse cache (src/node/fileMemo.ts), on real files in a real git repository.

const included = `systems:
  api:
    title: API
    paths: [api/, "[bad"]
    colour: blue
  jobs:
    title: Jobs
    paths: [jobs/]
    dependsOn: [api, ghost]
`;

const root = (title: string): string => `version: 1
include: [ops/systems.yaml]
systems:
  web:
    title: Web
    paths: [web/]
freezes:
  - id: quiet
    title: ${title}
    systems: [web, api]
    start: 2026-12-20
    end: 2026-12-27
`;

describe('kept included files in the parse cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cr-memo-')));
    execFileSync('git', ['init', '-q', dir]);
    fs.mkdirSync(path.join(dir, 'ops'));
    fs.writeFileSync(path.join(dir, 'ops', 'systems.yaml'), included);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fileEntries = (): string[] => fs.readdirSync(path.join(dir, '.git', 'change-radar')).filter((name) => name.startsWith('file-'));
  const kept = (): boolean => fileEntries().some((name) => fs.readFileSync(path.join(dir, '.git', 'change-radar', name), 'utf8').includes('"sections"'));

  it('marks an included file the first time, keeps it the second, and recalls it after the root changed: the same manifest and problems as without the cache', () => {
    const load = (title: string, cache: boolean): ReturnType<typeof loadManifest> => {
      fs.writeFileSync(path.join(dir, 'ops.yaml'), root(title));
      return loadManifest(dir, { codeowners: false, ...(cache ? { cache: ManifestCache.forRepo(dir, 'b1') } : {}) });
    };
    const strip = (loaded: ReturnType<typeof loadManifest>): unknown => ({ manifest: loaded.manifest, problems: loaded.problems });
    for (const [step, title] of ['Quiet', 'Pulled once', 'Pulled twice', 'Pulled again'].entries()) {
      const withCache = load(title, true);
      assert.deepStrictEqual(strip(withCache), strip(load(title, false)), `step ${step}`);
      assert.ok(withCache.problems.some((p) => p.code === 'invalid-glob' && p.file === 'ops/systems.yaml'), 'the included file\'s own problems are reported');
      assert.strictEqual(kept(), step >= 1, `step ${step}: kept from the second read on`);
    }
    assert.strictEqual(fileEntries().length, 1, 'one entry per included file');
  });

  it('gives back the file as kept (span columns through base64), and nothing for other text, limits, a build or a damaged entry', () => {
    const cache = ValueCache.forRepo(dir, 'b1')!;
    const memo = cachedFileMemo(cache);
    let seen: KeptFile | undefined;
    const spy = {
      get: (file: string, text: string, variant: string) => memo.get(file, text, variant),
      set: (file: string, text: string, variant: string, kept: KeptFile) => {
        seen = kept;
        memo.set(file, text, variant, kept);
      },
    };
    const read = (file: string): string | undefined => (file === 'ops.yaml' ? root('x') : file === 'ops/systems.yaml' ? included : undefined);
    parseManifest('ops.yaml', read, { fileMemo: spy });
    parseManifest('ops.yaml', read, { fileMemo: spy });
    assert.ok(seen !== undefined);
    const variant = '5242880/64/100/subset';
    const back = memo.get('ops/systems.yaml', included, variant);
    // As JSON gives them back (an undefined field is left out), the span columns exactly.
    assert.deepStrictEqual(JSON.parse(JSON.stringify({ ...back, spans: undefined })), JSON.parse(JSON.stringify({ ...seen, spans: undefined })));
    assert.deepStrictEqual(back?.spans, seen.spans);
    assert.strictEqual(memo.get('ops/systems.yaml', `${included}\n`, variant), undefined, 'other text');
    assert.strictEqual(memo.get('ops/systems.yaml', included, '1/64/100/subset'), undefined, 'other limits');
    assert.strictEqual(cachedFileMemo(ValueCache.forRepo(dir, 'b2')!).get('ops/systems.yaml', included, variant), undefined, 'another build');
    const [entry] = fs.readdirSync(path.join(dir, '.git', 'change-radar')).filter((name) => name.startsWith('file-'));
    const file = path.join(dir, '.git', 'change-radar', entry);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"jobs"', '"j0bs"'));
    assert.strictEqual(memo.get('ops/systems.yaml', included, variant), undefined, 'damaged: the checksum fails');
  });
});
