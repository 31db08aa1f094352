import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { TempRepo } from './support/tempRepo';

/** The pulled manifest: a block freeze over `free`, which the clone's manifest leaves alone. */
const pulledManifest = `${alwaysManifest}  - id: pulled
    title: Pulled freeze
    systems: [free]
    start: 2000-01-01T00:00:00Z
    end: 2100-01-01T00:00:00Z
    enforcement: block
`;

/**
 * The warm hooks (post-merge, post-checkout, post-rewrite): after git changed HEAD, the manifest
 * for the next commit is read in the background, so that commit finds it parsed. Real pulls and
 * checkouts in real clones. A parse ends by writing the manifest's cache entry anew (a new file,
 * renamed into place), so a commit that leaves every entry as the warm run wrote it (same inode,
 * same time) judged from the cache.
 */
describe('the warm hooks read the manifest for the next commit after a pull or a checkout', function () {
  this.timeout(90_000);
  let upstream: TempRepo;
  let clone: TempRepo;
  const cache = (): string => path.join(clone.path('.git'), 'change-radar');
  /** The manifest entries of the cache, each as its inode and time. */
  const entries = (): Map<string, string> => new Map(fs.readdirSync(cache()).filter((file) => file.startsWith('manifest-'))
    .map((file) => [file, `${fs.statSync(path.join(cache(), file)).ino}:${fs.statSync(path.join(cache(), file)).mtimeMs}`]));

  beforeEach(() => {
    upstream = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
    clone = TempRepo.cloneOf(upstream);
    const install = clone.cli(['hook', 'install']);
    assert.strictEqual(install.code, 0, install.stderr);
    assert.match(install.stdout, /post-merge: installed\n {2}post-checkout: installed\n {2}post-rewrite: installed/);
    upstream.write({ 'ops.yaml': pulledManifest });
    upstream.git('commit', '-q', '-am', 'freeze free');
  });

  /** Waits for the background run to have kept the manifest (and to have ended): with the pulled freeze, or without. */
  async function warmed(pulled: boolean): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const files = fs.existsSync(cache()) ? fs.readdirSync(cache()) : [];
      const kept = files.some((file) => file.startsWith('manifest-') && fs.readFileSync(path.join(cache(), file), 'utf8').includes('Pulled freeze') === pulled);
      if (kept && !files.includes('warm.lock')) return;
      if (Date.now() > deadline) assert.fail(`no warm run kept the manifest ${pulled ? 'with' : 'without'} the pulled freeze: ${files.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  function commitFree(): ReturnType<TempRepo['tryGit']> {
    clone.write({ 'free/a.txt': 'changed\n' });
    clone.git('add', 'free/a.txt');
    return clone.tryGit(['commit', '-q', '-m', 'free change']);
  }

  it('after `git pull`, the next commit is judged by the pulled manifest without parsing it', async () => {
    const pull = clone.tryGit(['pull', '-q', '--no-rebase']);
    assert.strictEqual(pull.code, 0, pull.stderr);
    assert.strictEqual(pull.stderr, '', 'the warm hook prints nothing');
    await warmed(true);
    const kept = entries();
    const head = clone.head();
    const commit = commitFree();
    assert.notStrictEqual(commit.code, 0, commit.stderr);
    assert.match(commit.stderr, /commit blocked by a change freeze[\s\S]*Pulled freeze/);
    assert.strictEqual(clone.head(), head);
    assert.deepStrictEqual(entries(), kept, 'the commit parsed nothing: every entry is as the warm run left it');
  });

  it('without it (CHANGE_RADAR_SKIP=1 on the pull), the same commit has to parse', () => {
    const pull = clone.tryGit(['pull', '-q', '--no-rebase'], { CHANGE_RADAR_SKIP: '1' });
    assert.strictEqual(pull.code, 0, pull.stderr);
    const before = fs.existsSync(cache()) ? entries() : new Map<string, string>();
    const commit = commitFree();
    assert.match(commit.stderr, /commit blocked by a change freeze[\s\S]*Pulled freeze/);
    assert.notDeepStrictEqual(entries(), before, 'the commit parsed the pulled manifest and wrote its entry');
  });

  it('after `git pull --rebase` over a local commit, and after a checkout', async () => {
    clone.write({ 'docs/local.md': 'local\n' });
    clone.git('add', 'docs/local.md');
    assert.strictEqual(clone.tryGit(['commit', '-q', '-m', 'local docs']).code, 0);
    const pull = clone.tryGit(['pull', '-q', '--rebase']);
    assert.strictEqual(pull.code, 0, pull.stderr);
    await warmed(true);
    // Back to a commit without the freeze: post-checkout reads that one.
    const checkout = clone.tryGit(['checkout', '-q', 'HEAD~2']);
    assert.strictEqual(checkout.code, 0, checkout.stderr);
    await warmed(false);
    const kept = entries();
    const commit = commitFree();
    assert.strictEqual(commit.code, 0, commit.stderr);
    assert.deepStrictEqual(entries(), kept);
  });

  it('a hook that was there before runs first, and its exit status stays git\'s (post-checkout)', () => {
    const hooks = clone.path('.git/hooks');
    fs.writeFileSync(path.join(hooks, 'post-checkout.change-radar-chained'), '#!/bin/sh\necho "theirs $3" >&2\nexit 3\n', { mode: 0o755 });
    const checkout = clone.tryGit(['checkout', '-q', '-b', 'side']);
    // git reports a failing post-checkout hook as its own failure (exit 1).
    assert.strictEqual(checkout.code, 1, checkout.stderr);
    assert.strictEqual(checkout.stderr, 'theirs 1\n');
    fs.writeFileSync(path.join(hooks, 'post-checkout.change-radar-chained'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const clean = clone.tryGit(['checkout', '-q', 'main']);
    assert.strictEqual(clean.code, 0, clean.stderr);
    assert.strictEqual(clean.stderr, '');
  });
});
