import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SystemDef } from '../../../src/core/model';
import { PathIndex } from '../../../src/core/paths/pathIndex';
import { decodeValue, encodeValue } from '../../../src/node/cacheEncoding';
import { scannedLookups } from '../../../src/core/paths/patternScan';
import { gitDirOf, ManifestCache, ValueCache } from '../../../src/node/manifestCache';
import { buildAtOncePatterns, cachedPathIndex } from '../../../src/node/pathIndexCache';
import { loadManifest } from '../../../src/node/manifestLoader';

// The parsed-manifest cache, on real files in a real git repository (git init in a temp dir).

const rootText = `version: 1
include: [ops/more.yaml, ops/later.yaml]
systems:
  web:
    title: Web
    paths: [web/]
freezes:
  - id: quiet
    title: Quiet
    systems: [web]
    start: 2026-12-20
    end: 2026-12-27
`;
const moreText = `systems:
  api:
    title: API
    paths: [api/]
`;

function write(dir: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

function cacheFiles(dir: string): string[] {
  const cacheDir = path.join(dir, '.git', 'change-radar');
  return fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).map((name) => path.join(cacheDir, name)) : [];
}

type EntryValue = { manifest: { systems: Array<{ title: string }> } };

/** The cache entries under .git/change-radar whose names start with `name`. */
function entriesNamed(dir: string, name: string): string[] {
  return cacheFiles(dir).filter((file) => path.basename(file).startsWith(`${name}-`));
}

/** Rewrites a cache entry's body through `edit`, with a correct checksum (what a cache hit would serve). */
function editEntry<T = EntryValue>(dir: string, edit: (value: T) => void, name = 'manifest'): void {
  const [file] = entriesNamed(dir, name);
  const bytes = fs.readFileSync(file);
  const first = bytes.indexOf(0x0a);
  const second = bytes.indexOf(0x0a, first + 1);
  const value = decodeValue(bytes.toString('utf8', second + 1)) as T;
  edit(value);
  const rest = `${bytes.toString('utf8', first + 1, second)}\n${encodeValue(value)}`;
  fs.writeFileSync(file, `${createHash('sha256').update(rest).digest('hex')}\n${rest}`);
}

describe('manifest cache', () => {
  let dir: string;
  const build = 'test-build-1';
  const load = (cacheBuild = build): ReturnType<typeof loadManifest> =>
    loadManifest(dir, { codeowners: false, cache: ManifestCache.forRepo(dir, cacheBuild) });
  const titles = (loaded: ReturnType<typeof loadManifest>): string[] => (loaded.manifest?.systems ?? []).map((s) => s.title);

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cr-cache-')));
    execFileSync('git', ['init', '-q', dir]);
    write(dir, 'ops.yaml', rootText);
    write(dir, 'ops/more.yaml', moreText);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the git directory of a work tree, also through a .git file (linked work trees)', () => {
    assert.strictEqual(gitDirOf(dir), path.join(dir, '.git'));
    const linked = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-cache-linked-'));
    try {
      fs.writeFileSync(path.join(linked, '.git'), `gitdir: ${path.join(dir, '.git')}\n`);
      assert.strictEqual(gitDirOf(linked), path.join(dir, '.git'));
      fs.writeFileSync(path.join(linked, '.git'), 'not a pointer\n');
      assert.strictEqual(gitDirOf(linked), undefined);
    } finally {
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });

  it('gives the same manifest and problems as a load without the cache, first and second time', () => {
    const plain = loadManifest(dir, { codeowners: false });
    assert.ok(plain.problems.some((p) => p.code === 'include-not-found'), 'the missing include is a problem');
    const first = load();
    assert.strictEqual(entriesNamed(dir, 'manifest').length, 1, 'one manifest entry written under .git/change-radar');
    const second = load();
    assert.deepStrictEqual(first, plain);
    assert.deepStrictEqual(second, plain);
  });

  it('reads back Maps and Sets exactly (a live source\'s severity map), so a hit behaves like a miss', () => {
    write(dir, 'ops.yaml', `${rootText}sources:
  - id: pd
    type: pagerduty
    token: env:PD_TOKEN
    services: { PPAY001: web }
    severity: { P1: sev1 }
`);
    const plain = loadManifest(dir, { codeowners: false });
    assert.ok(plain.manifest?.sources?.some((source) => source.severity instanceof Map), 'the parsed source holds a Map');
    load();
    const second = load();
    assert.deepStrictEqual(second, plain);
  });

  it('serves the entry while every file reads the same, and rebuilds when the root file changes', () => {
    load();
    editEntry(dir, (value) => { value.manifest.systems[0].title = 'From the cache'; });
    assert.deepStrictEqual(titles(load()), ['From the cache', 'API'], 'an unchanged manifest is not parsed again');
    write(dir, 'ops.yaml', rootText.replace('title: Web', 'title: Web site'));
    assert.deepStrictEqual(titles(load()), ['Web site', 'API']);
  });

  it('rebuilds when an included file changes, or a missing include appears', () => {
    load();
    editEntry(dir, (value) => { value.manifest.systems[0].title = 'Stale'; });
    write(dir, 'ops/more.yaml', moreText.replace('title: API', 'title: Public API'));
    assert.deepStrictEqual(titles(load()), ['Web', 'Public API']);
    editEntry(dir, (value) => { value.manifest.systems[0].title = 'Stale'; });
    write(dir, 'ops/later.yaml', 'systems:\n  jobs:\n    title: Jobs\n    paths: [jobs/]\n');
    const loaded = load();
    assert.deepStrictEqual(titles(loaded), ['Web', 'Public API', 'Jobs']);
    assert.ok(!loaded.problems.some((p) => p.code === 'include-not-found'));
  });

  it('ignores an entry written by another build', () => {
    load();
    editEntry(dir, (value) => { value.manifest.systems[0].title = 'Other build'; });
    assert.deepStrictEqual(titles(load('test-build-2')), ['Web', 'API']);
  });

  it('keeps one entry per build, so two builds used in turn both hit; another build\'s entry unused for a day is removed', () => {
    load();
    load('test-build-2');
    assert.strictEqual(entriesNamed(dir, 'manifest').length, 2, 'an entry for each build');
    for (const file of entriesNamed(dir, 'manifest')) {
      const bytes = fs.readFileSync(file, 'utf8');
      const rest = bytes.slice(bytes.indexOf('\n') + 1).replace(/"title":"Web"/, '"title":"Cached"');
      fs.writeFileSync(file, `${createHash('sha256').update(rest).digest('hex')}\n${rest}`);
    }
    assert.deepStrictEqual(titles(load()), ['Cached', 'API'], 'build 1 is served its own entry');
    assert.deepStrictEqual(titles(load('test-build-2')), ['Cached', 'API'], 'and build 2 its own');
    const old = (Date.now() - 2 * 24 * 60 * 60 * 1000) / 1000;
    for (const file of entriesNamed(dir, 'manifest')) fs.utimesSync(file, old, old);
    write(dir, 'ops/more.yaml', `${moreText}\n`);
    load('test-build-3');
    assert.strictEqual(entriesNamed(dir, 'manifest').length, 1, 'the old builds\' entries went when build 3 wrote its own');
  });

  it('refuses a stale entry by its header, without hashing its body; checks the body of an entry it serves', () => {
    const cache = new ManifestCache({ dir: path.join(dir, '.git', 'change-radar'), build: 'b1' });
    const problems = Array.from({ length: 2_000 }, (_, i) => ({ severity: 'warning' as const, code: 'c', message: `problem ${i}`, file: 'ops.yaml', range: { start: { line: i, column: 0 }, end: { line: i, column: 1 } } }));
    assert.ok(cache.set('k', [['ops.yaml', 'h1', null]], { problems }));
    // The module object manifestCache.ts calls createHash through (patched for this test only).
    const crypto = createRequire(__filename)('node:crypto') as { createHash: typeof createHash };
    const original = crypto.createHash;
    let hashed = 0;
    crypto.createHash = ((algorithm: string) => {
      const hash = original(algorithm);
      const update = hash.update.bind(hash);
      hash.update = (data: string | Uint8Array) => {
        hashed += data.length;
        return update(data);
      };
      return hash;
    });
    try {
      assert.strictEqual(cache.get('k', () => ({ hash: 'h2', reason: null })), undefined, 'stale');
      assert.ok(hashed < 1_000, `a stale entry hashed ${hashed} bytes`);
      assert.strictEqual(cache.get('k', () => ({ hash: 'h1', reason: null }))?.problems.length, 2_000, 'served');
      assert.ok(hashed > 100_000, `a served entry's body is checked (${hashed} bytes hashed)`);
    } finally {
      crypto.createHash = original;
    }
  });

  it('ignores a corrupt or truncated entry and writes a good one again', () => {
    load();
    const [file] = entriesNamed(dir, 'manifest');
    const good = fs.readFileSync(file, 'utf8');
    for (const broken of [good.slice(0, good.length >> 1), good.replace('"Web"', '"Wxb"'), '', 'not json\n{}', '\0\0\0']) {
      fs.writeFileSync(file, broken);
      assert.deepStrictEqual(titles(load()), ['Web', 'API'], JSON.stringify(broken.slice(0, 40)));
      assert.strictEqual(fs.readFileSync(file, 'utf8'), good, 'rewritten');
    }
  });

  it('falls back to the normal parse when the cache cannot be written or read', () => {
    fs.writeFileSync(path.join(dir, '.git', 'change-radar'), 'a file where the cache directory should be');
    assert.deepStrictEqual(titles(load()), ['Web', 'API']);
    assert.deepStrictEqual(titles(load()), ['Web', 'API']);
  });

  it('is keyed by the bytes read: a change that reads as the same text (a byte order mark) still rebuilds', () => {
    load();
    editEntry(dir, (value) => { value.manifest.systems[0].title = 'Stale'; });
    write(dir, 'ops/more.yaml', `\uFEFF${moreText}`);
    assert.deepStrictEqual(titles(load()), ['Web', 'API']);
  });

  it('serves an entry only for the key it was written for (another root file or option is another entry)', () => {
    load();
    const [file] = entriesNamed(dir, 'manifest');
    const other = JSON.stringify({ rootFile: 'ops.yaml', baseDir: '', maxBytes: 1000 });
    const cache = ManifestCache.forRepo(dir, build)!;
    // The entry copied to the name of another key: its header still names its own key.
    fs.copyFileSync(file, path.join(path.dirname(file), `manifest-${createHash('sha256').update(other).digest('hex').slice(0, 32)}-${createHash('sha256').update(build).digest('hex').slice(0, 8)}.json`));
    const probe = (): { hash: null; reason: null } => ({ hash: null, reason: null });
    assert.strictEqual(cache.get(other, probe), undefined);
    assert.ok(cache.get(JSON.stringify({ rootFile: 'ops.yaml', baseDir: '', maxBytes: null }), probe) === undefined, 'and not when a file it read is gone');
  });

  it('is not used without the option (validate), and writes nothing', () => {
    loadManifest(dir, { codeowners: false });
    assert.deepStrictEqual(cacheFiles(dir), []);
  });
});

describe('cache encoding', () => {
  const roundTrip = (value: unknown): unknown => decodeValue(encodeValue(value));

  it('reads back plain JSON values as JSON would', () => {
    const value = { a: 1, b: 'two', c: [1, null, { d: true }], e: undefined, f: [undefined], g: '\n"\u2028' };
    assert.deepStrictEqual(roundTrip(value), JSON.parse(JSON.stringify(value)));
    for (const plain of [null, 0, 'text', [], {}]) assert.deepStrictEqual(roundTrip(plain), plain);
  });

  it('reads back Maps and Sets wherever they are, also inside each other', () => {
    const value = {
      severity: new Map([['p1', 'sev1'], ['p2', 'sev2']]),
      list: [{ ids: new Set(['a', 'b']) }, new Set()],
      nested: new Map<string, unknown>([['inner', new Map([['x', new Set([1, 2])]])], ['plain', { k: [new Map()] }]]),
      top: new Set([new Map([['k', 'v']])]),
    };
    const back = roundTrip(value) as typeof value;
    assert.deepStrictEqual(back, value);
    assert.ok(back.severity instanceof Map && (back.list[0] as { ids: unknown }).ids instanceof Set && back.top instanceof Set);
    assert.deepStrictEqual(roundTrip(new Map([['k', new Set([1])]])), new Map([['k', new Set([1])]]));
  });

  it('refuses text that is not an encoding (a corrupt body is never half read)', () => {
    const good = encodeValue({ m: new Map([['k', 1]]) });
    for (const bad of ['', 'null', '{}', '[1]', good.slice(0, -1), '{"revive":[["m","m"]],"value":{"m":{}}}',
      '{"revive":[["m","x","y"]],"value":{}}', '{"revive":[["q","m"]],"value":{"m":[]}}', '{"revive":[["m","m"]],"value":{"m":[[1]]}}']) {
      assert.throws(() => decodeValue(bad), Error, bad);
    }
  });
});

describe('cached CODEOWNERS', () => {
  let dir: string;
  const build = 'test-build-1';
  const owners = '* @org/all\n/docs/ @org/docs\n*.md @org/writers\nsrc/{a,b}/ @org/braces\n!bad @x\nservices/**/api/ @org/api\n';
  const paths = ['README.md', 'docs/a.md', 'docs/deep/x.ts', 'src/{a,b}/x.ts', 'src/a/x.ts', 'services/pay/api/x.go', 'bad', 'other'];
  const load = (): ReturnType<typeof loadManifest> => loadManifest(dir, { cache: ManifestCache.forRepo(dir, build) });
  const answers = (loaded: ReturnType<typeof loadManifest>): unknown =>
    ({ owners: paths.map((p) => loaded.codeowners?.ownersOf(p)), problems: loaded.codeownersProblems, file: loaded.codeownersFile });

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cr-owners-')));
    execFileSync('git', ['init', '-q', dir]);
    write(dir, 'ops.yaml', rootText);
    write(dir, 'ops/more.yaml', moreText);
    write(dir, '.github/CODEOWNERS', owners);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers as the parsed file, from the entry it stores, and rebuilds when the file changes or the entry is corrupt', () => {
    const plain = answers(loadManifest(dir));
    assert.deepStrictEqual(answers(load()), plain);
    assert.strictEqual(entriesNamed(dir, 'codeowners').length, 1);
    assert.deepStrictEqual(answers(load()), plain, 'restored');
    editEntry<{ snapshot: { rules: Array<[number, string, string[]]> } }>(dir, (value) => { value.snapshot.rules[0][2] = ['@stale']; }, 'codeowners');
    assert.deepStrictEqual((load().codeowners?.ownersOf('other'))?.owners, ['@stale'], 'served while the file is unchanged');
    write(dir, '.github/CODEOWNERS', owners.replace('* @org/all', '* @org/everyone'));
    assert.deepStrictEqual(load().codeowners?.ownersOf('other')?.owners, ['@org/everyone'], 'a changed file is parsed again');
    const [file] = entriesNamed(dir, 'codeowners');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('@org/docs', '@org/dxcs'));
    assert.deepStrictEqual(load().codeowners?.ownersOf('docs/a.md')?.owners, ['@org/writers'], 'corrupt entry ignored');
    assert.deepStrictEqual(load().codeowners?.ownersOf('docs/x.ts')?.owners, ['@org/docs']);
  });

  it('a CODEOWNERS that cannot be read is reported each time, never served from an entry', () => {
    load();
    fs.writeFileSync(path.join(dir, '.github', 'CODEOWNERS'), Buffer.from([0x2a, 0x20, 0xff, 0x0a]));
    const loaded = load();
    assert.strictEqual(loaded.codeowners, undefined);
    assert.ok(loaded.codeownersProblems.some((p) => p.code === 'codeowners-unreadable'));
  });
});

describe('cached path index', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cr-index-')));
    execFileSync('git', ['init', '-q', dir]);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const system = (id: string, paths: string[], exclude: string[] = []): SystemDef =>
    ({ id, title: id, paths, exclude, owners: [], dependsOn: [], source: { file: 'ops.yaml', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } } } });
  const systems = [system('web', ['web/', '**/*.css']), system('api', ['services/api-?/'], ['**/*.md'])];
  const paths = ['web/a.ts', 'x/y.css', 'services/api-1/main.go', 'services/api-1/README.md', 'other'];
  const answers = (index: ReturnType<typeof cachedPathIndex>): unknown => paths.map((p) => index.match(p));

  /** Counts PathIndex.build calls while `body` runs. */
  const countingBuilds = (body: (builds: () => number) => void): void => {
    const built = Object.getOwnPropertyDescriptor(PathIndex, 'build')!;
    let builds = 0;
    Object.defineProperty(PathIndex, 'build', {
      ...built,
      value: (entries: Parameters<typeof PathIndex.build>[0]) => {
        builds++;
        return (built.value as typeof PathIndex.build)(entries);
      },
    });
    try {
      body(() => builds);
    } finally {
      Object.defineProperty(PathIndex, 'build', built);
    }
  };

  it(`beyond ${buildAtOncePatterns.toLocaleString('en')} patterns, a run of few lookups scans and stores nothing; past ${scannedLookups} lookups it builds and stores the index, which the next run restores`, () => {
    const cache = ValueCache.forRepo(dir, 'b1');
    const large = Array.from({ length: buildAtOncePatterns / 2 + 1 }, (_, i) => system(`s${i}`, [`services/s${i}/`, '*.md'], i === 7 ? ['**/*.md'] : []));
    const reference = PathIndex.build(large.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })));
    const probes = ['services/s7/README.md', 'services/s7/main.go', 'services/s4242/x.md', 'other/y.go'];
    countingBuilds((builds) => {
      const scanning = cachedPathIndex(large, cache);
      for (const probe of probes) assert.deepStrictEqual(scanning.match(probe), reference.match(probe), probe);
      assert.strictEqual(builds(), 0, 'scanned');
      assert.strictEqual(entriesNamed(dir, 'index').length, 0, 'nothing stored');
      for (let i = 0; i < scannedLookups; i++) scanning.match(probes[i % probes.length]);
      assert.strictEqual(builds(), 1, 'built once the lookups passed scannedLookups');
      assert.strictEqual(entriesNamed(dir, 'index').length, 1, 'and stored');
      for (const probe of probes) assert.deepStrictEqual(scanning.match(probe), reference.match(probe), `${probe} from the index`);
      const next = cachedPathIndex(large, cache);
      for (const probe of probes) assert.deepStrictEqual(next.match(probe), reference.match(probe), `${probe} restored`);
      assert.strictEqual(builds(), 1, 'the next run restored the stored index');
    });
  });

  it('up to that many patterns, a missing index is built and stored at once; without a cache the lookup scans and stores nothing', () => {
    countingBuilds((builds) => {
      assert.deepStrictEqual(answers(cachedPathIndex(systems, undefined)), answers(PathIndex.build(systems.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })))));
      assert.strictEqual(builds(), 1, 'only the reference was built');
      assert.ok(!fs.existsSync(path.join(dir, '.git', 'change-radar')), 'nothing stored without a cache');
      cachedPathIndex(systems, ValueCache.forRepo(dir, 'b1'));
      assert.strictEqual(builds(), 2, 'built at once');
      assert.strictEqual(entriesNamed(dir, 'index').length, 1, 'and stored');
    });
  });

  it('answers as a built index, from the snapshot it stores, and rebuilds for other systems or a corrupt snapshot', () => {
    const cache = ValueCache.forRepo(dir, 'b1');
    const expected = answers(PathIndex.build(systems.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude }))));
    assert.deepStrictEqual(answers(cachedPathIndex(systems, cache)), expected);
    const files = fs.readdirSync(path.join(dir, '.git', 'change-radar'));
    assert.strictEqual(files.length, 1);
    assert.deepStrictEqual(answers(cachedPathIndex(systems, cache)), expected, 'restored');
    const changed = [systems[0], system('api', ['services/api-??/'])];
    assert.deepStrictEqual(answers(cachedPathIndex(changed, cache)),
      answers(PathIndex.build(changed.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })))), 'other systems: another entry');
    const file = path.join(dir, '.git', 'change-radar', files[0]);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"p', '"s'));
    assert.deepStrictEqual(answers(cachedPathIndex(systems, cache)), expected, 'corrupt snapshot ignored');
  });

  it('systems served by the manifest cache find their index by the entry\'s digest; a manifest edit replaces the index', () => {
    write(dir, 'ops.yaml', 'version: 1\nsystems:\n  web:\n    title: Web\n    paths: [web/]\n');
    const loadSystems = (): SystemDef[] => [...(loadManifest(dir, { codeowners: false, cache: ManifestCache.forRepo(dir, 'b1') }).manifest?.systems ?? [])];
    const index = ValueCache.forRepo(dir, 'b1');
    const first = loadManifest(dir, { codeowners: false, cache: ManifestCache.forRepo(dir, 'b1') }).manifest!.systems;
    assert.deepStrictEqual(cachedPathIndex(first, index).match('web/a'), [{ system: 'web', pattern: 'web/' }]);
    const second = loadManifest(dir, { codeowners: false, cache: ManifestCache.forRepo(dir, 'b1') }).manifest!.systems;
    assert.deepStrictEqual(cachedPathIndex(second, index).match('web/a'), [{ system: 'web', pattern: 'web/' }], 'restored for the served systems');
    write(dir, 'ops.yaml', 'version: 1\nsystems:\n  web:\n    title: Web\n    paths: [site/]\n');
    const edited = loadManifest(dir, { codeowners: false, cache: ManifestCache.forRepo(dir, 'b1') }).manifest!.systems;
    assert.deepStrictEqual(cachedPathIndex(edited, index).match('web/a'), []);
    assert.deepStrictEqual(cachedPathIndex(edited, index).match('site/a'), [{ system: 'web', pattern: 'site/' }]);
    assert.strictEqual(entriesNamed(dir, 'index').length, 1, 'the edited manifest\'s index replaced the old one');
    // A copy of the served systems (not the array the cache handed out) is keyed by its content.
    assert.deepStrictEqual(cachedPathIndex(loadSystems(), index).match('site/a'), [{ system: 'web', pattern: 'site/' }]);
  });

  it('a manifest edit that leaves the systems\' paths alone (a new freeze) restores the index the old manifest stored, without building one', () => {
    const load = (): readonly SystemDef[] => loadManifest(dir, { codeowners: false, cache: ManifestCache.forRepo(dir, 'b1') }).manifest!.systems;
    const index = ValueCache.forRepo(dir, 'b1');
    write(dir, 'ops.yaml', 'version: 1\nsystems:\n  web:\n    title: Web\n    paths: [web/]\n');
    assert.deepStrictEqual(cachedPathIndex(load(), index).match('web/a'), [{ system: 'web', pattern: 'web/' }]);
    write(dir, 'ops.yaml', 'version: 1\nsystems:\n  web:\n    title: Web site\n    paths: [web/]\nfreezes:\n  - id: f1\n    systems: [web]\n    start: 2026-12-01\n    end: 2026-12-02\n');
    countingBuilds((builds) => {
      const edited = load();
      assert.strictEqual(edited[0].title, 'Web site', 'the manifest itself was parsed again');
      assert.deepStrictEqual(cachedPathIndex(edited, index).match('web/a'), [{ system: 'web', pattern: 'web/' }]);
      assert.strictEqual(builds(), 0, 'restored from the snapshot the first manifest stored');
      write(dir, 'ops.yaml', 'version: 1\nsystems:\n  web:\n    title: Web site\n    paths: [web/, site/]\n');
      assert.deepStrictEqual(cachedPathIndex(load(), index).match('site/a'), [{ system: 'web', pattern: 'site/' }]);
      assert.strictEqual(builds(), 1, 'other paths: built again');
    });
  });
});
