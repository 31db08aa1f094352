import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { cliBundleFiles } from '../../src/node/hookScript';
import { cliPath } from './support/buildCli';
import { cleanEnv, run, tempDir, TempRepo } from './support/tempRepo';

/** The parsed-manifest cache under .git/change-radar, through real commits and real CLI runs. */
describe('the parsed-manifest cache', () => {
  let repo: TempRepo;
  const cacheDir = (): string => repo.path('.git/change-radar');
  const files = (): string[] => (fs.existsSync(cacheDir()) ? fs.readdirSync(cacheDir()).filter((name) => name.endsWith('.json')) : []);
  /** Parsed-manifest entries (beside them: `index-*.json`, the path index snapshots). */
  const entries = (): string[] => files().filter((name) => name.startsWith('manifest-'));
  /** The manifest without the checkout freeze: nothing blocks a change to services/checkout. */
  const unfrozen = alwaysManifest.replace('systems: [checkout]\n    start: 2000', 'systems: [free]\n    start: 2000');

  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': unfrozen, ...baseFiles });
    const install = repo.cli(['hook', 'install']);
    assert.strictEqual(install.code, 0, install.stderr);
  });

  it('is written by the hooks, and a freeze added to the manifest afterwards blocks the next commit (never stale)', () => {
    repo.write({ 'services/checkout/pay.ts': 'one\n' });
    repo.git('add', 'services/checkout/pay.ts');
    assert.strictEqual(repo.tryGit(['commit', '-qm', 'one']).code, 0);
    assert.strictEqual(entries().length, 1, 'one cache entry under .git/change-radar');
    assert.strictEqual(files().filter((name) => name.startsWith('index-')).length, 1, 'and one path index snapshot');
    // The staged manifest now freezes checkout (the hooks read the index: the manifest the commit is made under).
    repo.write({ 'ops.yaml': alwaysManifest, 'services/checkout/pay.ts': 'two\n' });
    repo.git('add', 'ops.yaml', 'services/checkout/pay.ts');
    const blocked = repo.tryGit(['commit', '-qm', 'two']);
    assert.notStrictEqual(blocked.code, 0, 'blocked by the freeze the edited manifest adds');
    assert.match(blocked.stderr, /BLOCK freeze forever/);
  });

  it('a corrupt entry is ignored: the freeze still blocks, and the entry is written again', () => {
    repo.write({ 'ops.yaml': alwaysManifest });
    repo.git('commit', '-qam', 'freeze checkout', '-m', 'Freeze-Override: test set-up');
    // The hooks' entry for the index (beside it, the base commit's: the commit edits the manifest).
    const [entry] = entries().filter((name) => fs.readFileSync(path.join(cacheDir(), name), 'utf8').slice(0, 2000).includes('\\"source\\":\\"index\\"'));
    assert.ok(entry !== undefined, entries().join(', '));
    const file = path.join(cacheDir(), entry);
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.slice(0, 100));
    // `check --staged` reads the index, as the hooks do.
    repo.write({ 'services/checkout/pay.ts': 'changed\n' });
    repo.git('add', 'services/checkout/pay.ts');
    const run = repo.cli(['check', '--staged']);
    assert.strictEqual(run.code, 1, run.stderr);
    assert.match(run.stdout, /forever/);
    assert.strictEqual(fs.readFileSync(file, 'utf8').length, good.length, 'rewritten whole');
  });

  it('CHANGE_RADAR_NO_CACHE=1 turns it off, for validate too', () => {
    assert.strictEqual(repo.cli(['validate'], { env: { CHANGE_RADAR_NO_CACHE: '1' } }).code, 0);
    assert.deepStrictEqual(files(), []);
    const off = repo.cli(['check', '--at', '2026-12-24T10:00Z', 'services/checkout/pay.ts'], { env: { CHANGE_RADAR_NO_CACHE: '1' } });
    assert.strictEqual(off.code, 0, off.stderr);
    assert.deepStrictEqual(files(), [], 'neither the manifest nor the index is cached');
    const on = repo.cli(['check', '--at', '2026-12-24T10:00Z', 'services/checkout/pay.ts']);
    assert.strictEqual(on.code, 0, on.stderr);
    assert.strictEqual(entries().length, 1);
    assert.strictEqual(on.stdout, off.stdout, 'the same report with and without the cache');
  });

  it('validate reads through the cache: the same problems, located, from the entry as from the parse', () => {
    repo.write({ 'ops.yaml': `${unfrozen}incidents:\n  - { id: INC-1, title: Bad, severity: critical, status: open, systems: [checkout] }\n` });
    const parsed = repo.cli(['validate', '--format', 'json']);
    assert.strictEqual(parsed.code, 2, parsed.stderr);
    assert.strictEqual(entries().length, 1, 'validate wrote the entry');
    const fromCache = repo.cli(['validate', '--format', 'json']);
    assert.strictEqual(fromCache.code, 2);
    assert.strictEqual(fromCache.stdout, parsed.stdout);
    assert.match(parsed.stdout, /"line":/);
    const uncached = repo.cli(['validate', '--format', 'json'], { env: { CHANGE_RADAR_NO_CACHE: '1' } });
    assert.strictEqual(uncached.stdout, parsed.stdout);
  });

  it('a build whose parser bundle differs does not read the entry (cli-parser.js is part of the build identity); each build keeps its own', () => {
    const check = ['check', '--at', '2026-12-24T10:00Z', 'services/checkout/pay.ts'];
    assert.strictEqual(repo.cli(check).code, 0);
    const [entry] = entries();
    const before = fs.readFileSync(path.join(cacheDir(), entry), 'utf8');
    // A copy of this build whose parser differs by one comment, as after a fix in the parser alone.
    const other = tempDir('change-radar-other-build-');
    for (const file of cliBundleFiles) fs.copyFileSync(path.join(path.dirname(cliPath), file), path.join(other, file));
    fs.appendFileSync(path.join(other, 'cli-parser.js'), '\n// another parser build\n');
    const second = run(process.execPath, [path.join(other, 'cli.js'), ...check], repo.path('.'), cleanEnv());
    assert.strictEqual(second.code, 0, second.stderr);
    const after = entries();
    assert.strictEqual(after.length, 2, 'the other build wrote an entry of its own instead of reading this one');
    const otherEntry = after.find((name) => name !== entry)!;
    const buildOf = (text: string): unknown => (JSON.parse(text.split('\n')[1]) as { build: unknown }).build;
    assert.notStrictEqual(buildOf(fs.readFileSync(path.join(cacheDir(), otherEntry), 'utf8')), buildOf(before));
    assert.strictEqual(fs.readFileSync(path.join(cacheDir(), entry), 'utf8'), before, 'and left this build\'s entry alone');
    assert.strictEqual(repo.cli(check).code, 0);
    assert.strictEqual(fs.readFileSync(path.join(cacheDir(), entry), 'utf8'), before, 'which this build then reads');
  });

  it('the entry bundle a warm hook runs holds no parser: yaml, zod and the manifest schema stay in cli-parser.js', () => {
    // A value import of a parser module (as an extends helper once was) pulls zod and the schema
    // into cli-main.js: every commit then pays for evaluating them (about 25 ms) though nothing parses.
    const entry = fs.readFileSync(path.join(path.dirname(cliPath), 'cli-main.js'), 'utf8');
    const parser = fs.readFileSync(path.join(path.dirname(cliPath), 'cli-parser.js'), 'utf8');
    for (const marker of ['$ZodType', 'parseDocument', 'YAMLMap', 'Labels such as']) {
      assert.ok(!entry.includes(marker), `cli-main.js holds ${marker}`);
      assert.ok(parser.includes(marker), `cli-parser.js holds ${marker}`);
    }
  });

  it('cli-extra.js holds no copy of the parser either: it takes yaml and the manifest reader from cli-parser.js (esbuild.js, sharing)', () => {
    const extra = fs.readFileSync(path.join(path.dirname(cliPath), 'cli-extra.js'), 'utf8');
    const parser = fs.readFileSync(path.join(path.dirname(cliPath), 'cli-parser.js'), 'utf8');
    for (const marker of ['function parseDocument', 'var SubsetReader = class', 'Labels such as']) {
      assert.ok(!extra.includes(marker), `cli-extra.js holds ${marker}`);
      assert.ok(parser.includes(marker), `cli-parser.js holds ${marker}`);
    }
    assert.match(extra, /require\("\.\/cli-parser\.js"\)\.sharedModules\["node_modules\/yaml\/dist\/index\.js"\]/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chunk = require(path.join(path.dirname(cliPath), 'cli-parser.js')) as { sharedModules: Record<string, Record<string, unknown>>; parseManifest: unknown };
    assert.strictEqual(typeof chunk.parseManifest, 'function', 'and still exports the parser');
    assert.strictEqual(typeof chunk.sharedModules['node_modules/yaml/dist/index.js']?.parseDocument, 'function');
    for (const [file, exports] of Object.entries(chunk.sharedModules)) assert.ok(Object.keys(exports).length > 0, `${file} is exported with its bindings`);
  });
});
