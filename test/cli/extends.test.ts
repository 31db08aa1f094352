// `extends:` end to end: an organisation repository served as a real bare repository over file://
// (and a URL from a local HTTP server started here), consumer repositories that extend it, real
// commits through the installed hooks, `check`, `check --base`, and `change-radar extends`.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { ImpactReport } from '../../src/core/evaluate/report';
import { cliPath } from './support/buildCli';
import { cleanEnv, run, TempRepo, tempDir } from './support/tempRepo';
import type { RunResult } from './support/tempRepo';

const orgPolicy = `version: 1
timezone: UTC
overrideApprovers: ["@cab"]
freezes:
  - id: pci-freeze
    title: PCI quarter close
    reason: auditors on site
    tags: [pci]
    start: 2020-01-01T00:00:00Z
    end: 2099-01-01T00:00:00Z
  - id: tier1-freeze
    title: Tier 1 holiday freeze
    tiers: [1]
    start: 2020-01-01T00:00:00Z
    end: 2099-01-01T00:00:00Z
`;

/** The organisation lifts the PCI freeze in its next commit. */
const orgPolicyLifted = orgPolicy.replace(/ {2}- id: pci-freeze[\s\S]*?end: 2099-01-01T00:00:00Z\n/, '');

interface Org {
  readonly url: string;
  readonly first: string;
  readonly second: string;
}

/** A bare organisation repository with two commits: the freeze, then the freeze lifted. */
function organisation(): Org {
  const work = TempRepo.withCommit({ 'ops.yaml': orgPolicy });
  const first = work.head();
  work.write({ 'ops.yaml': orgPolicyLifted });
  work.git('commit', '-q', '-am', 'lift the PCI freeze');
  const second = work.head();
  const bare = path.join(tempDir('change-radar-org-'), 'ops-policy.git');
  assert.strictEqual(run('git', ['clone', '-q', '--bare', work.dir, bare], work.dir, cleanEnv()).code, 0);
  return { url: `file://${bare}`, first, second };
}

function consumerManifest(org: Org, ref: string, systems: string, extra = ''): string {
  return `version: 1
# the organisation's policy, pinned
extends:
  - id: acme-policy
    git: ${org.url}   # the org repo
    ref: ${ref}
systems:
${systems}${extra}`;
}

const paymentsSystems = `  payments:
    paths: [services/payments/]
    tags: [pci]
  docs:
    paths: [docs/]
`;

const ledgerSystems = `  ledger:
    paths: [ledger/]
    tier: 1
  web:
    paths: [web/]
`;

function consumer(manifest: string, files: Record<string, string>): TempRepo {
  const repo = TempRepo.withCommit({ 'ops.yaml': manifest, ...files });
  return repo;
}

/** The cached copy of the one extended manifest of `repo`. */
function cachedContent(repo: TempRepo): string {
  const dir = path.join(repo.dir, '.git', 'change-radar', 'extends');
  const entry = fs.readdirSync(dir).find((name) => name !== 'git');
  assert.ok(entry !== undefined, 'an entry is cached');
  return path.join(dir, entry, 'content');
}

function json(result: RunResult): ImpactReport {
  return JSON.parse(result.stdout) as ImpactReport;
}

describe('extends: an organisation manifest', function () {
  this.timeout(60_000);
  let org: Org;

  before(() => {
    org = organisation();
  });

  it('blocks real commits in two repositories with different systems, by tag and by tier, naming the origin', () => {
    const a = consumer(consumerManifest(org, org.first, paymentsSystems), { 'services/payments/a.ts': '1\n', 'docs/a.md': 'x\n' });
    const b = consumer(consumerManifest(org, org.first, ledgerSystems), { 'ledger/a.ts': '1\n', 'web/a.ts': '1\n' });
    for (const [repo, file] of [[a, 'services/payments/a.ts'], [b, 'ledger/a.ts']] as const) {
      assert.strictEqual(repo.cli(['hook', 'install']).code, 0);
      repo.write({ [file]: '2\n' });
      repo.git('add', file);
      const commit = repo.tryGit(['commit', '-q', '-m', 'change']);
      assert.notStrictEqual(commit.code, 0, commit.stderr);
      assert.match(commit.stderr, /BLOCK freeze \S*(pci-freeze|tier1-freeze)\S* "(PCI quarter close|Tier 1 holiday freeze)" \(from acme-policy@[0-9a-f]{7}\)/);
      assert.ok(commit.stderr.includes(`acme-policy@${org.first.slice(0, 7)}`), commit.stderr);
    }
    // A file no organisation freeze selects commits.
    a.write({ 'docs/a.md': 'y\n' });
    a.git('add', 'docs/a.md');
    a.git('reset', '-q', '--', 'services/payments/a.ts');
    assert.strictEqual(a.tryGit(['commit', '-q', '-m', 'docs']).code, 0);
    // JSON carries the origin with the full pin and the 1-based line in the organisation file.
    const report = json(a.cli(['check', 'services/payments/a.ts', '--format', 'json']));
    assert.deepStrictEqual(report.freezes.map((freeze) => [freeze.id, freeze.origin]), [
      ['pci-freeze', { extends: 'acme-policy', ref: org.first, file: 'ops.yaml', line: 5 }],
    ]);
    const markdown = a.cli(['check', 'services/payments/a.ts', '--format', 'markdown']);
    assert.match(markdown.stdout, /\*\*pci-freeze\*\* PCI quarter close \(from acme-policy@[0-9a-f]{7}\)/);
  });

  it('reports a repository entry with an extended id (extends-conflict, exit 2) and keeps the extended freeze', () => {
    const repo = consumer(consumerManifest(org, org.first, paymentsSystems, `freezes:
  - id: pci-freeze
    systems: [docs]
    start: 2020-01-01T00:00:00Z
    end: 2020-01-02T00:00:00Z
`), { 'services/payments/a.ts': '1\n' });
    const validate = repo.cli(['validate']);
    assert.strictEqual(validate.code, 2);
    assert.match(validate.stdout + validate.stderr, /ops\.yaml:14:9: error extends-conflict/);
    const check = repo.cli(['check', 'services/payments/a.ts', '--format', 'json']);
    assert.strictEqual(check.code, 1);
    assert.ok(json(check).freezes.some((freeze) => freeze.id === 'pci-freeze' && freeze.origin !== undefined && freeze.effect === 'block'));
  });

  it('honours an override approved by an organisation approver, and ignores one by anybody else', () => {
    const override = (who: string): string => `overrides:
  - freeze: pci-freeze
    paths: [services/payments/]
    reason: emergency fix
    approvedBy: "${who}"
`;
    const approved = consumer(consumerManifest(org, org.first, paymentsSystems, override('@cab')), { 'services/payments/a.ts': '1\n' });
    const ok = approved.cli(['check', 'services/payments/a.ts']);
    assert.strictEqual(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /OVERRIDDEN freeze pci-freeze/);
    const self = consumer(consumerManifest(org, org.first, paymentsSystems, override('@me')), { 'services/payments/a.ts': '1\n' });
    const blocked = self.cli(['check', 'services/payments/a.ts']);
    assert.strictEqual(blocked.code, 1);
    assert.match(blocked.stderr, /warning override-not-allowed: override of the extended freeze `pci-freeze` is ignored: `@me` is not in its `overrideApprovers`/);
  });

  it('offline: without a cache the located error says what could not be checked (exit 2, strict hooks refuse); with a cache it works', () => {
    const repo = consumer(consumerManifest(org, org.first, paymentsSystems), { 'services/payments/a.ts': '1\n', 'docs/a.md': 'x\n' });
    const offline = repo.cli(['check', 'docs/a.md'], { env: { CHANGE_RADAR_OFFLINE: '1' } });
    assert.strictEqual(offline.code, 2);
    assert.match(offline.stderr, /ops\.yaml:4:5: error extends-unavailable: extended manifest unavailable: `acme-policy` .* is not in the cache and fetching is off.*the freezes, incidents and overrides of acme-policy@[0-9a-f]{7} could not be checked/);
    assert.strictEqual(repo.cli(['check', 'docs/a.md', '--offline']).code, 2);
    // A strict hook refuses the commit; a non-strict one warns and lets it through.
    assert.strictEqual(repo.cli(['hook', 'install', '--strict']).code, 0);
    repo.write({ 'docs/a.md': 'y\n' });
    repo.git('add', 'docs/a.md');
    const strict = repo.tryGit(['commit', '-q', '-m', 'docs'], { CHANGE_RADAR_OFFLINE: '1' });
    assert.notStrictEqual(strict.code, 0);
    assert.match(strict.stderr, /extends-unavailable/);
    assert.strictEqual(repo.cli(['hook', 'install']).code, 0);
    const lenient = repo.tryGit(['commit', '-q', '-m', 'docs'], { CHANGE_RADAR_OFFLINE: '1' });
    assert.strictEqual(lenient.code, 0, lenient.stderr);
    assert.match(lenient.stderr, /extends-unavailable/);
    // `extends fetch` fills the cache; offline then judges with the organisation's freeze.
    const fetched = repo.cli(['extends', 'fetch']);
    assert.strictEqual(fetched.code, 0, fetched.stderr);
    assert.match(fetched.stdout, new RegExp(`acme-policy@${org.first.slice(0, 7)}`));
    const cached = repo.cli(['check', 'services/payments/a.ts'], { env: { CHANGE_RADAR_OFFLINE: '1' } });
    assert.strictEqual(cached.code, 1, cached.stderr);
    assert.match(cached.stdout, /\(from acme-policy@/);
  });

  it('never uses a tampered cache: offline it is extends-tampered (exit 2); online it is fetched again', () => {
    const repo = consumer(consumerManifest(org, org.first, paymentsSystems), { 'services/payments/a.ts': '1\n' });
    assert.strictEqual(repo.cli(['check', 'services/payments/a.ts']).code, 1);
    const content = cachedContent(repo);
    fs.writeFileSync(content, orgPolicyLifted);
    const offline = repo.cli(['check', 'services/payments/a.ts'], { env: { CHANGE_RADAR_OFFLINE: '1' } });
    assert.strictEqual(offline.code, 2, offline.stdout);
    assert.match(offline.stderr, /error extends-tampered: extended manifest does not verify/);
    assert.doesNotMatch(offline.stdout, /pci-freeze/);
    const online = repo.cli(['check', 'services/payments/a.ts']);
    assert.strictEqual(online.code, 1, online.stderr);
    assert.strictEqual(fs.readFileSync(content, 'utf8'), orgPolicy);
  });

  it('extends update rewrites only the ref, byte for byte, and --dry-run writes nothing', () => {
    const manifest = consumerManifest(org, org.first, paymentsSystems).replace('\n', '\r\n');
    const repo = consumer(manifest, {});
    const dry = repo.cli(['extends', 'update', '--dry-run']);
    assert.strictEqual(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, new RegExp(`-    ref: ${org.first}`));
    assert.strictEqual(repo.read('ops.yaml'), manifest);
    const updated = repo.cli(['extends', 'update', 'acme-policy']);
    assert.strictEqual(updated.code, 0, updated.stderr);
    assert.strictEqual(repo.read('ops.yaml'), manifest.replace(org.first, org.second));
    const pinned = repo.cli(['extends', 'update', '--ref', 'main']);
    assert.strictEqual(pinned.code, 0);
    assert.strictEqual(repo.read('ops.yaml'), manifest.replace(org.first, org.second));
    const unknown = repo.cli(['extends', 'update', 'nope']);
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /no extends entry with id `nope`/);
  });

  it('check --base: a pull request that bumps the pin to a commit lifting the freeze is still blocked', () => {
    const repo = consumer(consumerManifest(org, org.first, paymentsSystems), { 'services/payments/a.ts': '1\n' });
    repo.git('checkout', '-q', '-b', 'bump');
    assert.strictEqual(repo.cli(['extends', 'update']).code, 0);
    repo.write({ 'services/payments/a.ts': '2\n' });
    repo.git('commit', '-q', '-am', 'bump the policy and change payments');
    const check = repo.cli(['check', '--base', 'main', '--format', 'json']);
    assert.strictEqual(check.code, 1, check.stderr);
    const report = json(check);
    assert.ok(report.freezes.some((freeze) => freeze.id === 'pci-freeze' && freeze.fromBase === true && freeze.effect === 'block'));
    assert.deepStrictEqual(report.manifestChange?.edits.map((edit) => `${edit.kind} ${edit.id} ${edit.change}`), ['freeze pci-freeze removed']);
    // The head alone (a check without the base) no longer has the freeze.
    assert.strictEqual(repo.cli(['check', 'services/payments/a.ts']).code, 0);
  });

  describe('url:', () => {
    let server: http.Server;
    let base: string;
    let served = orgPolicy;

    before(async () => {
      server = http.createServer((request, response) => {
        if (request.url === '/holidays.yaml') {
          response.writeHead(200, { 'content-type': 'text/yaml' });
          response.end(served);
        } else {
          response.writeHead(404);
          response.end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    /** The CLI as a child process run asynchronously, so that the server in this process can answer it. */
    function cliAsync(repo: TempRepo, args: readonly string[]): Promise<RunResult> {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const child = spawn(process.execPath, [cliPath, ...args], { cwd: repo.dir, env: cleanEnv() });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
        child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
      });
    }

    const urlManifest = (sha: string): string => `version: 1
extends:
  - id: holidays
    url: ${base}/holidays.yaml
    sha256: ${sha}
systems:
${paymentsSystems}`;

    it('verifies the sha256 of what the URL serves: the pinned bytes judge, any other bytes are extends-tampered', async () => {
      served = orgPolicy;
      const good = consumer(urlManifest(createHash('sha256').update(orgPolicy).digest('hex')), { 'services/payments/a.ts': '1\n' });
      const blocked = await cliAsync(good, ['check', 'services/payments/a.ts']);
      assert.strictEqual(blocked.code, 1, blocked.stderr);
      assert.match(blocked.stdout, /pci-freeze.*\(from holidays@[0-9a-f]{7}\)/);
      const wrong = consumer(urlManifest('ab'.repeat(32)), { 'services/payments/a.ts': '1\n' });
      const tampered = await cliAsync(wrong, ['check', 'services/payments/a.ts']);
      assert.strictEqual(tampered.code, 2);
      assert.match(tampered.stderr, /error extends-tampered: .*is served with sha256 [0-9a-f]{64}, not the pinned one/);
      // `extends update` pins what is served now.
      served = orgPolicyLifted;
      const update = await cliAsync(wrong, ['extends', 'update', 'holidays']);
      assert.strictEqual(update.code, 0, update.stderr);
      assert.strictEqual(wrong.read('ops.yaml'), urlManifest(createHash('sha256').update(orgPolicyLifted).digest('hex')));
      assert.strictEqual((await cliAsync(wrong, ['check', 'services/payments/a.ts'])).code, 0);
    });
  });
});
