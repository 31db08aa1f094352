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

  it('a kept file unused for 30 days is removed after a parse; one still included is touched when recalled and stays', () => {
    const cacheDir = path.join(dir, '.git', 'change-radar');
    const load = (title: string, includes: readonly string[]): ReturnType<typeof loadManifest> => {
      fs.writeFileSync(path.join(dir, 'ops.yaml'), root(title).replace('include: [ops/systems.yaml]', `include: [${includes.join(', ')}]`));
      return loadManifest(dir, { codeowners: false, cache: ManifestCache.forRepo(dir, 'b1') });
    };
    fs.writeFileSync(path.join(dir, 'ops', 'more.yaml'), 'systems:\n  more:\n    title: More\n    paths: [more/]\n');
    for (const title of ['One', 'Two', 'Three']) load(title, ['ops/systems.yaml', 'ops/more.yaml']);
    assert.strictEqual(fileEntries().length, 2);
    // ops/more.yaml is no longer included; both entries were last used 40 days ago.
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    for (const name of fileEntries()) fs.utimesSync(path.join(cacheDir, name), longAgo, longAgo);
    const before = fileEntries();
    const loaded = load('Four', ['ops/systems.yaml']);
    assert.ok(loaded.manifest?.systems.some((system) => system.id === 'api'), 'parsed with the kept file');
    const after = fileEntries();
    assert.strictEqual(after.length, 1, 'the entry of the file no longer included is gone');
    assert.ok(before.includes(after[0]));
    assert.ok(Date.now() - fs.statSync(path.join(cacheDir, after[0])).mtimeMs < 60_000, 'the one recalled was touched');
    assert.ok(kept(), 'and is still kept: the next pull recalls it');
    // Entries of other names (the manifest's own, the index) are left alone.
    assert.ok(fs.readdirSync(cacheDir).some((name) => name.startsWith('manifest-')));
  });

  it('ValueCache.sweep removes only entries of its name older than the limit, of any build, and never throws', () => {
    const cacheDir = path.join(dir, '.git', 'change-radar');
    const mine = new ValueCache({ dir: cacheDir, build: 'b1' });
    const other = new ValueCache({ dir: cacheDir, build: 'b2' });
    mine.set('file', 'k', { a: 1 }, 'a.yaml');
    other.set('file', 'k', { a: 1 }, 'old.yaml');
    mine.set('index', 'k', { a: 1 }, 'x');
    const longAgo = new Date(Date.now() - 10_000);
    for (const name of fs.readdirSync(cacheDir)) fs.utimesSync(path.join(cacheDir, name), longAgo, longAgo);
    mine.touch('file', 'a.yaml');
    mine.sweep('file', 5_000);
    assert.deepStrictEqual(mine.get('file', 'k', 'a.yaml'), { a: 1 }, 'touched: kept');
    assert.strictEqual(other.get('file', 'k', 'old.yaml'), undefined, 'another build\'s old entry: removed');
    assert.deepStrictEqual(mine.get('index', 'k', 'x'), { a: 1 }, 'another name: kept');
    new ValueCache({ dir: path.join(dir, 'missing'), build: 'b1' }).sweep('file', 0);
    new ValueCache({ dir: path.join(dir, 'missing'), build: 'b1' }).touch('file', 'a.yaml');
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
