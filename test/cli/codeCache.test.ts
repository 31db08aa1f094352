import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { cliBundleFiles } from '../../src/node/hookScript';
import { cliPath } from './support/buildCli';
import { cleanEnv, run, tempDir, TempRepo } from './support/tempRepo';

/** V8's compiled code of the built CLI's bundles, kept beside them (src/node/codeCache.ts), through real runs of a copy of the build. */
describe('the code cache of the CLI bundles', () => {
  let repo: TempRepo;
  let dist: string;
  const caches = (): Map<string, number> => new Map(fs.readdirSync(dist).filter((name) => name.endsWith('.v8cache')).map((name) => [name, fs.statSync(path.join(dist, name)).mtimeMs]));
  const bundlesCached = (): string[] => [...caches().keys()].map((name) => name.replace(/\.[0-9a-f]{16}\.[0-9a-f]{8}\.v8cache$/, '')).sort();
  const cli = (args: readonly string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } =>
    run(process.execPath, [path.join(dist, 'cli.js'), ...args], repo.path('.'), cleanEnv(env));

  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
    dist = tempDir('change-radar-dist-');
    for (const file of cliBundleFiles) fs.copyFileSync(path.join(path.dirname(cliPath), file), path.join(dist, file));
  });

  it('a run keeps the compiled code of each bundle it loaded; the next run uses it, writes nothing and answers the same', () => {
    const check = ['check', '--at', '2026-12-24T10:00Z', 'services/checkout/pay.ts'];
    const first = cli(check, { CHANGE_RADAR_NO_CACHE: '1' });
    assert.strictEqual(first.code, 1, first.stderr);
    assert.deepStrictEqual(bundlesCached(), ['cli-main.js', 'cli-parser.js'], 'cli.js compiles itself (a few lines); cli-extra.js was not loaded');
    const written = caches();
    const second = cli(check, { CHANGE_RADAR_NO_CACHE: '1' });
    assert.strictEqual(second.stdout, first.stdout);
    assert.strictEqual(second.code, 1);
    assert.deepStrictEqual(caches(), written, 'used as it was: not refused, not written again');
    const calendar = cli(['calendar', '--format', 'json', '--at', '2026-12-24T10:00Z']);
    assert.strictEqual(calendar.code, 0, calendar.stderr);
    assert.deepStrictEqual(bundlesCached(), ['cli-extra.js', 'cli-main.js', 'cli-parser.js']);
  });

  it('a damaged cache changes nothing but speed: the same answer, and the file is written again', () => {
    // Without the manifest cache, so that each run loads the parser.
    const args = ['validate', '--format', 'json'];
    const first = cli(args, { CHANGE_RADAR_NO_CACHE: '1' });
    const [name] = [...caches().keys()].filter((file) => file.startsWith('cli-parser.js.'));
    const file = path.join(dist, name);
    const bytes = fs.readFileSync(file);
    bytes.fill(7, 100, 400);
    fs.writeFileSync(file, bytes);
    const again = cli(args, { CHANGE_RADAR_NO_CACHE: '1' });
    assert.strictEqual(again.stdout, first.stdout);
    assert.strictEqual(again.code, first.code);
    assert.notDeepStrictEqual(fs.readFileSync(file), bytes, 'replaced by a good copy');
  });

  it('CHANGE_RADAR_NO_CODE_CACHE=1 turns it off: nothing written, the same answer', () => {
    const args = ['check', '--at', '2026-12-24T10:00Z', 'services/checkout/pay.ts'];
    const off = cli(args, { CHANGE_RADAR_NO_CODE_CACHE: '1' });
    assert.deepStrictEqual([...caches().keys()], []);
    assert.strictEqual(cli(args).stdout, off.stdout);
  });

  it('a bundle folder that cannot be written to is no error', () => {
    // Where each cache file would go, a directory: the write fails as it would in a read-only install.
    const args = ['validate'];
    const first = cli(args, { CHANGE_RADAR_NO_CACHE: '1' });
    const names = [...caches().keys()];
    for (const name of names) {
      fs.rmSync(path.join(dist, name));
      fs.mkdirSync(path.join(dist, name));
    }
    const blocked = cli(args, { CHANGE_RADAR_NO_CACHE: '1' });
    assert.strictEqual(blocked.code, first.code, blocked.stderr);
    assert.strictEqual(blocked.stdout, first.stdout);
    assert.strictEqual(blocked.stderr, '');
    for (const name of names) assert.ok(fs.statSync(path.join(dist, name)).isDirectory());
  });
});
