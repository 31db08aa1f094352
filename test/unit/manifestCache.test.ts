import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SystemDef } from '../../src/core/model';
import { PathIndex } from '../../src/core/paths/pathIndex';
import { cachedPathIndex, gitDirOf, ManifestCache, ValueCache } from '../../src/node/manifestCache';
import { loadManifest } from '../../src/node/manifestLoader';

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

/** Rewrites the one cache entry through `edit`, with a correct checksum (what a cache hit would serve). */
function editEntry(dir: string, edit: (body: { result: { manifest: { systems: Array<{ title: string }> } } }) => void): void {
  const [file] = cacheFiles(dir);
  const text = fs.readFileSync(file, 'utf8');
  const body = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { result: { manifest: { systems: Array<{ title: string }> } } };
  edit(body);
  const bodyText = JSON.stringify(body);
  fs.writeFileSync(file, `${createHash('sha256').update(bodyText).digest('hex')}\n${bodyText}`);
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
    assert.strictEqual(cacheFiles(dir).length, 1, 'one entry written under .git/change-radar');
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
    editEntry(dir, (body) => { body.result.manifest.systems[0].title = 'From the cache'; });
    assert.deepStrictEqual(titles(load()), ['From the cache', 'API'], 'an unchanged manifest is not parsed again');
    write(dir, 'ops.yaml', rootText.replace('title: Web', 'title: Web site'));
    assert.deepStrictEqual(titles(load()), ['Web site', 'API']);
  });

  it('rebuilds when an included file changes, or a missing include appears', () => {
    load();
    editEntry(dir, (body) => { body.result.manifest.systems[0].title = 'Stale'; });
    write(dir, 'ops/more.yaml', moreText.replace('title: API', 'title: Public API'));
    assert.deepStrictEqual(titles(load()), ['Web', 'Public API']);
    editEntry(dir, (body) => { body.result.manifest.systems[0].title = 'Stale'; });
    write(dir, 'ops/later.yaml', 'systems:\n  jobs:\n    title: Jobs\n    paths: [jobs/]\n');
    const loaded = load();
    assert.deepStrictEqual(titles(loaded), ['Web', 'Public API', 'Jobs']);
    assert.ok(!loaded.problems.some((p) => p.code === 'include-not-found'));
  });

  it('ignores an entry written by another build', () => {
    load();
    editEntry(dir, (body) => { body.result.manifest.systems[0].title = 'Other build'; });
    assert.deepStrictEqual(titles(load('test-build-2')), ['Web', 'API']);
  });

  it('ignores a corrupt or truncated entry and writes a good one again', () => {
    load();
    const [file] = cacheFiles(dir);
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

  it('is not used without the option (validate), and writes nothing', () => {
    loadManifest(dir, { codeowners: false });
    assert.deepStrictEqual(cacheFiles(dir), []);
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
});
