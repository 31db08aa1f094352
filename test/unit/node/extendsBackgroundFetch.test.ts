// The editor's background fetch of extended (organisation) manifests (ExtendsStore.fetchInBackground):
// a real bare repository over file://, a real consumer repository, and a local HTTP server; nothing mocked.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExtendsSpec } from '../../../src/core/manifest/extendsSpec';
import { ExtendsStore } from '../../../src/node/extends/extendsStore';

const policy = 'version: 1\nfreezes:\n  - id: org-freeze\n    title: Organisation freeze\n    systems: ["*"]\n    start: 2026-12-01T00:00:00Z\n    end: 2026-12-31T00:00:00Z\n';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
}

describe('ExtendsStore.fetchInBackground (the editor fetch)', function () {
  this.timeout(30_000);
  let dir: string;
  let consumer: string;
  let spec: ExtendsSpec;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-extasync-'));
    const work = path.join(dir, 'work');
    fs.mkdirSync(work);
    git(work, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(work, 'ops.yaml'), policy);
    git(work, 'add', 'ops.yaml');
    git(work, 'commit', '-q', '-m', 'policy');
    const pin = git(work, 'rev-parse', 'HEAD').trim();
    git(dir, 'clone', '-q', '--bare', work, 'policy.git');
    spec = { id: 'acme-policy', kind: 'git', location: `file://${path.join(dir, 'policy.git')}`, path: 'ops.yaml', pin };
  });

  beforeEach(() => {
    consumer = fs.mkdtempSync(path.join(dir, 'consumer-'));
    git(consumer, 'init', '-q');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The cache folders of the consumer that hold a `content` file. */
  function cachedContents(): string[] {
    const root = path.join(consumer, '.git', 'change-radar', 'extends');
    return fs.existsSync(root) ? fs.readdirSync(root).map((name) => path.join(root, name, 'content')).filter((file) => fs.existsSync(file)) : [];
  }

  it('fetches a pin that is not cached, stores it, and the offline read then serves it verified', async () => {
    const unfetched: ExtendsSpec[] = [];
    const offline = ExtendsStore.forRepo(consumer, { fetch: false, onUnfetched: (s) => unfetched.push(s) });
    const before = offline.read(spec);
    assert.ok('code' in before && before.code === 'extends-unavailable', JSON.stringify(before));
    assert.deepStrictEqual(unfetched, [spec], 'the offline read names the pin it left unread');

    const read = await ExtendsStore.forRepo(consumer, { fetch: true }).fetchInBackground(spec);
    assert.deepStrictEqual(read, { text: policy });
    assert.strictEqual(cachedContents().length, 1);
    const after: ExtendsSpec[] = [];
    assert.deepStrictEqual(ExtendsStore.forRepo(consumer, { fetch: false, onUnfetched: (s) => after.push(s) }).read(spec), { text: policy });
    assert.deepStrictEqual(after, [], 'a cached, verifying pin is not reported as unfetched');
  });

  it('replaces a tampered cache entry with the verified bytes, never serving the tampered ones', async () => {
    await ExtendsStore.forRepo(consumer, { fetch: true }).fetchInBackground(spec);
    const [content] = cachedContents();
    assert.ok(content !== undefined);
    const tampered = policy.replace('systems: ["*"]', 'systems: []');
    fs.writeFileSync(content, tampered);
    const unfetched: ExtendsSpec[] = [];
    const offline = ExtendsStore.forRepo(consumer, { fetch: false, onUnfetched: (s) => unfetched.push(s) }).read(spec);
    assert.ok('code' in offline && offline.code === 'extends-tampered', JSON.stringify(offline));
    assert.deepStrictEqual(unfetched, [spec]);

    const read = await ExtendsStore.forRepo(consumer, { fetch: true }).fetchInBackground(spec);
    assert.deepStrictEqual(read, { text: policy });
    assert.strictEqual(fs.readFileSync(content, 'utf8'), policy);
  });

  it('fails with a located reason when the pinned commit does not exist, and caches nothing', async () => {
    const missing = { ...spec, pin: 'f'.repeat(40) };
    const read = await ExtendsStore.forRepo(consumer, { fetch: true }).fetchInBackground(missing);
    assert.ok('code' in read && read.code === 'extends-unavailable', JSON.stringify(read));
    assert.match(read.reason, /names commit f{40}, which file:\/\/.*policy\.git does not have/);
    assert.deepStrictEqual(cachedContents(), []);
  });

  it('fails when the remote cannot be reached', async () => {
    const gone = { ...spec, location: `file://${path.join(dir, 'no-such.git')}` };
    const read = await ExtendsStore.forRepo(consumer, { fetch: true }).fetchInBackground(gone);
    assert.ok('code' in read && read.code === 'extends-unavailable', JSON.stringify(read));
    assert.match(read.reason, /could not be fetched from file:\/\//);
  });

  describe('url:', () => {
    let server: http.Server;
    let release: () => void = () => undefined;
    let requests = 0;
    let body = policy;
    let base: string;

    before(async () => {
      server = http.createServer((_request, response) => {
        requests += 1;
        // Held until the test releases it: a fetch that blocked this process would never get an answer.
        const gate = new Promise<void>((resolve) => { release = resolve; });
        void gate.then(() => response.end(body));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const urlSpec = (pinned: string): ExtendsSpec => ({ id: 'acme-url', kind: 'url', location: `${base}/ops.yaml`, path: `${base}/ops.yaml`, pin: createHash('sha256').update(pinned).digest('hex') });

    it('does not block the process while the server is slow, and verifies what lands', async () => {
      requests = 0;
      body = policy;
      const pending = ExtendsStore.forRepo(consumer, { fetch: true }).fetchInBackground(urlSpec(policy));
      let settled = false;
      void pending.then(() => { settled = true; });
      // This process keeps running (its own HTTP server answers requests) while the fetch waits.
      while (requests === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.strictEqual(settled, false);
      release();
      assert.deepStrictEqual(await pending, { text: policy });
      assert.strictEqual(cachedContents().length, 1);
    });

    it('refuses bytes that do not hash to the pin (extends-tampered) and caches nothing', async () => {
      requests = 0;
      body = policy.replace('systems: ["*"]', 'systems: []');
      const pending = ExtendsStore.forRepo(consumer, { fetch: true }).fetchInBackground(urlSpec(policy));
      while (requests === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      release();
      const read = await pending;
      assert.ok('code' in read && read.code === 'extends-tampered', JSON.stringify(read));
      assert.deepStrictEqual(cachedContents(), []);
    });
  });
});
