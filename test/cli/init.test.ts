// change-radar init and coverage on real git repositories: the OpenTelemetry Collector's real
// CODEOWNERS and file list, a Backstage-style multi-entity catalog, and an npm/pnpm workspace.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCodeowners } from '../../src/core/paths/codeowners';
import { parseManifest } from '../../src/core/manifest/manifestParser';
import { PathIndex } from '../../src/core/paths/pathIndex';
import { TempRepo, tempDir } from './support/tempRepo';

const corpus = path.resolve(__dirname, '..', 'fixtures', 'otel-collector');

function manifestOf(text: string): NonNullable<ReturnType<typeof parseManifest>['manifest']> {
  const parsed = parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? text : undefined));
  assert.deepStrictEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
  assert.ok(parsed.manifest);
  return parsed.manifest;
}

const catalogRepo = {
  'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shop\nspec:\n  owner: group:default/shop\n',
  'services/cart/catalog-info.yaml': [
    'apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', '  name: cart', 'spec:', '  type: service', '  owner: group:default/checkout', '  system: shop',
    '  dependsOn: [component:default/pricing, resource:default/cart-db]', '---', 'apiVersion: backstage.io/v1alpha1', 'kind: Resource', 'metadata:', '  name: cart-db',
    'spec:', '  type: database', '  owner: group:default/dba', '  system: shop', '',
  ].join('\n'),
  'services/cart/main.go': 'package main\n',
  'services/pricing/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: pricing\n  labels:\n    tier: "1"\nspec:\n  owner: pricing-team\n  system: shop\n',
  'services/pricing/rules.ts': 'export {};\n',
  'docs/README.md': '# docs\n',
};

const workspaceRepo = {
  'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }, null, 2),
  'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n',
  'packages/ui/package.json': JSON.stringify({ name: '@shop/ui' }),
  'packages/ui/index.ts': '',
  'apps/web/package.json': JSON.stringify({ name: '@shop/web', dependencies: { '@shop/ui': 'workspace:*' } }),
  'apps/web/page.tsx': '',
};

describe('change-radar init', () => {
  it('proposes exact systems for the OpenTelemetry Collector: owners agree with CODEOWNERS on every tracked file', function () {
    this.timeout(120_000);
    const codeownersText = fs.readFileSync(path.join(corpus, 'CODEOWNERS'), 'utf8');
    const paths = fs.readFileSync(path.join(corpus, 'paths.txt'), 'utf8').split('\n').filter((line) => line !== '');
    const repo = TempRepo.init();
    for (const file of paths) {
      fs.mkdirSync(path.dirname(repo.path(file)), { recursive: true });
      fs.writeFileSync(repo.path(file), file === '.github/CODEOWNERS' ? codeownersText : '');
    }
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'corpus');
    const shown = repo.cli(['init']);
    assert.strictEqual(shown.code, 0, shown.stderr);
    assert.match(shown.stderr, /codeowners: \d+ system\(s\) from \.github\/CODEOWNERS/);
    assert.match(shown.stderr, /Coverage: /);
    assert.ok(!fs.existsSync(repo.path('ops.yaml')), 'without --write nothing is written');
    const written = repo.cli(['init', '--write']);
    assert.strictEqual(written.code, 0, written.stderr);
    assert.strictEqual(repo.read('ops.yaml'), shown.stdout, 'what was shown is what is written');
    assert.strictEqual(repo.cli(['validate']).code, 0);

    const manifest = manifestOf(repo.read('ops.yaml'));
    const { codeowners } = parseCodeowners(codeownersText, '.github/CODEOWNERS');
    const index = PathIndex.build(manifest.systems.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })));
    const owners = new Map(manifest.systems.map((s) => [s.id, s.owners]));
    const wrong = paths.filter((file) => {
      const expected = [...new Set(codeowners.ownersOf(file).owners)].sort().join(' ');
      const actual = [...new Set(index.match(file).flatMap((m) => owners.get(m.system) ?? []))].sort().join(' ');
      return expected !== actual;
    });
    assert.deepStrictEqual(wrong, []);
    // The coverage command agrees: every file CODEOWNERS owns is in a system.
    const coverage = JSON.parse(repo.cli(['coverage', '--format', 'json']).stdout) as { covered: number; files: number };
    const owned = paths.filter((file) => codeowners.ownersOf(file).owners.length > 0).length;
    assert.strictEqual(coverage.covered, owned);
  });

  it('reads a Backstage catalog: a system per Component and Resource, with owners as written and dependsOn', () => {
    const repo = TempRepo.withCommit(catalogRepo);
    const result = repo.cli(['init', '--from', 'backstage', '--format', 'json']);
    assert.strictEqual(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { manifest: string; sources: { source: string; systems: string[] }[]; coverage: { covered: number; files: number } };
    assert.deepStrictEqual(json.sources.map((s) => [s.source, [...s.systems].sort()]), [['backstage', ['cart', 'cart-db', 'pricing']]]);
    const manifest = manifestOf(json.manifest);
    const cart = manifest.systems.find((s) => s.id === 'cart');
    assert.deepStrictEqual(cart?.owners, ['group:default/checkout']);
    assert.deepStrictEqual(cart?.dependsOn, ['pricing', 'cart-db']);
    assert.strictEqual(cart?.title, 'shop: cart');
    assert.strictEqual(manifest.systems.find((s) => s.id === 'pricing')?.tier, '1');
    // catalog-info.yaml at the root and docs/ are not in any system.
    assert.strictEqual(json.coverage.files - json.coverage.covered, 2);
  });

  it('reads npm and pnpm workspaces; the root is not a system', () => {
    const repo = TempRepo.withCommit(workspaceRepo);
    const result = repo.cli(['init', '--from', 'workspaces']);
    assert.strictEqual(result.code, 0, result.stderr);
    const manifest = manifestOf(result.stdout);
    assert.deepStrictEqual(manifest.systems.map((s) => [s.id, s.paths, s.dependsOn]), [
      ['web', ['/apps/web/'], ['ui']],
      ['ui', ['/packages/ui/'], []],
    ]);
  });

  it('never overwrites without --force: exit 2 and the file untouched; --force replaces it', () => {
    const repo = TempRepo.withCommit({ ...workspaceRepo, 'ops.yaml': 'version: 1\n# mine\n' });
    const refused = repo.cli(['init', '--write']);
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, /ops\.yaml exists; not overwritten \(use --force/);
    assert.strictEqual(repo.read('ops.yaml'), 'version: 1\n# mine\n');
    const forced = repo.cli(['init', '--write', '--force']);
    assert.strictEqual(forced.code, 0, forced.stderr);
    assert.match(repo.read('ops.yaml'), /"ui":/);
    assert.match(forced.stdout, /Wrote ops\.yaml \(replaced\)/);
  });

  it('never writes through a symbolic link out of the repository or to nowhere; one inside writes its target', () => {
    const repo = TempRepo.init();
    const outside = path.join(path.dirname(repo.dir), `${path.basename(repo.dir)}-victim.txt`);
    const missing = path.join(path.dirname(repo.dir), `${path.basename(repo.dir)}-new.txt`);
    fs.writeFileSync(outside, 'victim\n');
    try {
      fs.symlinkSync(`../${path.basename(outside)}`, repo.path('ops.yaml'));
      repo.git('add', '-A');
      repo.git('commit', '-q', '-m', 'a link out');
      const forced = repo.cli(['init', '--write', '--force']);
      assert.strictEqual(forced.code, 2, forced.stdout);
      assert.match(forced.stderr, /^change-radar: ops\.yaml is a symbolic link to '\.\.\/.*-victim\.txt', outside the repository.*nothing was written\n$/);
      assert.strictEqual(fs.readFileSync(outside, 'utf8'), 'victim\n');

      fs.rmSync(repo.path('ops.yaml'));
      fs.symlinkSync(`../${path.basename(missing)}`, repo.path('ops.yaml'));
      for (const args of [['init', '--write'], ['init', '--write', '--force']]) {
        const dangling = repo.cli(args);
        assert.strictEqual(dangling.code, 2, dangling.stdout);
        assert.match(dangling.stderr, /ops\.yaml (exists; not overwritten|is a symbolic link to '.*-new\.txt', which does not exist)/);
        assert.ok(!fs.existsSync(missing), `${args.join(' ')} created no file outside the repository`);
      }

      fs.rmSync(repo.path('ops.yaml'));
      fs.mkdirSync(repo.path('config'));
      fs.writeFileSync(repo.path('config/ops.yaml'), 'old\n');
      fs.symlinkSync('config/ops.yaml', repo.path('ops.yaml'));
      const inside = repo.cli(['init', '--write', '--force']);
      assert.strictEqual(inside.code, 0, inside.stderr);
      assert.ok(fs.lstatSync(repo.path('ops.yaml')).isSymbolicLink(), 'the link stays');
      assert.match(fs.readFileSync(repo.path('config/ops.yaml'), 'utf8'), /^# Change Radar manifest proposed by `change-radar init`/);
    } finally {
      fs.rmSync(outside, { force: true });
      fs.rmSync(missing, { force: true });
    }
  });

  it('writes .github/ops.yaml with -m, and refuses other places', () => {
    const repo = TempRepo.withCommit(workspaceRepo);
    assert.strictEqual(repo.cli(['init', '--write', '-m', '.github/ops.yaml']).code, 0);
    assert.ok(fs.existsSync(repo.path('.github/ops.yaml')));
    const other = repo.cli(['init', '-m', 'sub/ops.yaml']);
    assert.strictEqual(other.code, 2);
    assert.match(other.stderr, /init writes a manifest for the whole repository/);
  });

  it('says what is wrong with the call, and outside a repository', () => {
    const repo = TempRepo.withCommit(workspaceRepo);
    const from = repo.cli(['init', '--from', 'codeowners,jira']);
    assert.strictEqual(from.code, 2);
    assert.match(from.stderr, /--from expects a comma-separated list of codeowners, backstage, workspaces, not 'codeowners,jira'/);
    assert.match(repo.cli(['init', '--force']).stderr, /--force needs --write/);
    const outside = TempRepo.init().cli(['init', '-C', tempDir()]);
    assert.strictEqual(outside.code, 2);
    assert.match(outside.stderr, /not a git repository/);
  });

  it('keeps hostile text from the repository out of the terminal and the YAML structure', () => {
    const repo = TempRepo.withCommit({
      'CODEOWNERS': '/x/ @a\n/never/\u001b[31m @b\n',
      'x/1': '',
      'x/catalog-info.yaml': 'kind: Component\nmetadata:\n  name: "evil\\nname: injected"\n  title: "a\\u001b[2Jb"\nspec:\n  owner: "x\\"]\\n  - y"\n',
    });
    const result = repo.cli(['init']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.ok(!result.stderr.includes('\u001b'), 'no escape sequence reaches the terminal');
    const manifest = manifestOf(result.stdout);
    assert.deepStrictEqual(manifest.systems.map((s) => s.id).sort(), ['evil-name-injected', 'x']);
    assert.deepStrictEqual(manifest.systems.find((s) => s.id === 'evil-name-injected')?.owners, ['x"]\n  - y']);
  });
});

describe('change-radar coverage', () => {
  const manifest = `version: 1
systems:
  cart:
    paths: [services/cart/, services/mobile/]
  pricing:
    paths: [services/pricing/, "**/*.go"]
`;

  it('reports the share, the largest uncovered folders, globs that match nothing (located) and shared files', () => {
    const repo = TempRepo.withCommit({ ...catalogRepo, 'ops.yaml': manifest });
    const text = repo.cli(['coverage']);
    assert.strictEqual(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Coverage: 66\.6% \(4 of 6 tracked files belong to a system; ops\.yaml left out\)/);
    assert.match(text.stdout, /docs\/ {2}1 file\(s\)/);
    assert.match(text.stdout, /ops\.yaml:4:29: system cart, paths\[1\]: services\/mobile\//);
    assert.match(text.stdout, /Files claimed by several systems: 1\n {2}services\/cart\/main\.go: cart, pricing/);
    const json = JSON.parse(repo.cli(['coverage', '-f', 'json']).stdout) as { share: number; unmatchedGlobs: { glob: string }[] };
    assert.strictEqual(json.share, 4 / 6);
    assert.deepStrictEqual(json.unmatchedGlobs.map((g) => g.glob), ['services/mobile/']);
  });

  it('exits 1 below --fail-under and 0 at or above it; a bad share is a wrong call', () => {
    const repo = TempRepo.withCommit({ ...catalogRepo, 'ops.yaml': manifest });
    assert.strictEqual(repo.cli(['coverage', '--fail-under', '0.7']).code, 1);
    assert.match(repo.cli(['coverage', '--fail-under', '0.7']).stdout, /Below --fail-under 70\.0%/);
    assert.strictEqual(repo.cli(['coverage', '--fail-under', '0.6']).code, 0);
    const bad = repo.cli(['coverage', '--fail-under', '90%']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--fail-under expects a share between 0 and 1/);
  });

  it('exits 2 with the located problem when there is no manifest', () => {
    const repo = TempRepo.withCommit(catalogRepo);
    const result = repo.cli(['coverage']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /manifest-not-found/);
  });
});
