// The write path under pressure, on real repositories: parallel writers, symbolic links, a BOM,
// mixed line endings and an unreadable include. Whatever happens, nothing a user wrote is lost.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath } from './support/buildCli';
import { cleanEnv, TempRepo } from './support/tempRepo';

interface Exit {
  readonly code: number;
  readonly stderr: string;
}

/** `node dist/cli.js ...args` as a child process that runs alongside others. */
function cliAsync(r: TempRepo, args: readonly string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: r.dir, env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

const baseManifest = [
  'version: 1',
  'timezone: UTC',
  'systems:',
  '  api: { paths: [api/] }',
  'freezes:',
  '  - id: standing',
  '    systems: [api]',
  '    start: 2026-01-01 00:00',
  '    end: 2026-01-02 00:00',
  '',
].join('\n');

/** The reasons of the freezes written by this test (`reason: rN-M`), as written in the file. */
function writtenReasons(text: string): string[] {
  return [...text.matchAll(/reason: (r\d+-\d+)/g)].map((m) => m[1]);
}

describe('write actions: concurrent writers', () => {
  it('parallel `freeze now` runs: every run that exits 0 has its freeze in the file, none is lost', async function () {
    this.timeout(300_000);
    const r = TempRepo.withCommit({ 'ops.yaml': baseManifest, 'api/a.ts': '' });
    const rounds = 6;
    const parallel = 4;
    const exits: { reason: string; exit: Exit }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const runs = Array.from({ length: parallel }, (_, i) => `r${round}-${i + 1}`).map(async (reason) => ({
        reason, exit: await cliAsync(r, ['freeze', 'now', '--systems', 'api', '--for', '1h', '--reason', reason]),
      }));
      exits.push(...await Promise.all(runs));
    }
    const text = r.read('ops.yaml');
    const written = writtenReasons(text);
    const succeeded = exits.filter((e) => e.exit.code === 0).map((e) => e.reason);
    for (const e of exits) {
      assert.ok(e.exit.code === 0 || (e.exit.code === 2 && /changed while the edit was prepared|is being written/.test(e.exit.stderr)), `${e.reason}: exit ${e.exit.code}: ${e.exit.stderr}`);
    }
    assert.deepStrictEqual([...written].sort(), [...succeeded].sort(), 'the freezes in the file are exactly those of the runs that exited 0');
    // A run loses the race only to another run's write, and each round has parallel - 1 others: the
    // retries on the fresh text (up to 5) always end in a write.
    assert.strictEqual(succeeded.length, rounds * parallel, `every run wrote its freeze: ${exits.filter((e) => e.exit.code !== 0).map((e) => `${e.reason}: ${e.exit.stderr}`).join('; ')}`);
    assert.strictEqual(new Set(written).size, written.length, 'no freeze written twice');
    const ids = [...text.matchAll(/id: (freeze-\S+)/g)].map((m) => m[1]);
    assert.strictEqual(new Set(ids).size, ids.length, 'every freeze id is unique');
    assert.strictEqual(r.cli(['validate']).code, 0, 'the manifest is valid afterwards');
  });
});

/** Runs a write action that must be refused: exit 2, the message, and every listed file byte for byte as before. */
function refusedWrite(r: TempRepo, args: readonly string[], message: RegExp, files: readonly string[] = ['ops.yaml']): void {
  const before = files.map((file) => fs.readFileSync(r.path(file)));
  const result = r.cli(args);
  assert.strictEqual(result.code, 2, `${args.join(' ')} should exit 2: ${result.stdout}${result.stderr}`);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  files.forEach((file, index) => assert.deepStrictEqual(fs.readFileSync(r.path(file)), before[index], `${file} is untouched`));
}

describe('write actions: symbolic links', () => {
  it('a manifest linked to a file inside the repository is written there; the link stays', () => {
    const r = TempRepo.withCommit({ 'config/ops.yaml': baseManifest, 'api/a.ts': '' });
    fs.symlinkSync('config/ops.yaml', r.path('ops.yaml'));
    const result = r.cli(['freeze', 'now', '--systems', 'api', '--for', '1h', '--reason', 'linked']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.ok(fs.lstatSync(r.path('ops.yaml')).isSymbolicLink());
    assert.deepStrictEqual(writtenReasons(r.read('config/ops.yaml')), []);
    assert.match(r.read('config/ops.yaml'), /reason: linked/);
  });

  it('a manifest or an include linked out of the repository (or nowhere) is never written through', () => {
    const r = TempRepo.withCommit({ 'api/a.ts': '' });
    const outside = path.join(path.dirname(r.dir), `${path.basename(r.dir)}-victim.yaml`);
    fs.writeFileSync(outside, baseManifest);
    try {
      fs.symlinkSync(outside, r.path('ops.yaml'));
      refusedWrite(r, ['freeze', 'now', '--systems', 'api', '--for', '1h', '--reason', 'x'], /outside the repository/, []);
      assert.strictEqual(fs.readFileSync(outside, 'utf8'), baseManifest);
      fs.rmSync(r.path('ops.yaml'));
      fs.symlinkSync('../nowhere.yaml', r.path('ops.yaml'));
      refusedWrite(r, ['freeze', 'now', '--systems', 'api', '--for', '1h', '--reason', 'x'], /does not exist/, []);
      assert.ok(!fs.existsSync(path.join(path.dirname(r.dir), 'nowhere.yaml')));
      // The include that holds the incidents leads out of the repository.
      fs.rmSync(r.path('ops.yaml'));
      fs.writeFileSync(r.path('ops.yaml'), `${baseManifest}include: [ops/incidents.yaml]\n`);
      fs.mkdirSync(r.path('ops'));
      fs.writeFileSync(outside, 'incidents: []\n');
      fs.symlinkSync(outside, r.path('ops/incidents.yaml'));
      refusedWrite(r, ['incident', 'declare', '--severity', 'sev2', '--systems', 'api', '--title', 'x'],
        /the included file ops\/incidents\.yaml is a symbolic link to '.*', outside the repository.*; it may hold `incidents:`/);
      assert.strictEqual(fs.readFileSync(outside, 'utf8'), 'incidents: []\n');
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });
});

describe('write actions: what the file already is', () => {
  it('a manifest with a UTF-8 byte-order mark is edited, and keeps the mark', () => {
    const r = TempRepo.withCommit({ 'ops.yaml': `\uFEFF${baseManifest}`, 'api/a.ts': '' });
    assert.strictEqual(r.cli(['validate']).code, 0);
    const result = r.cli(['freeze', 'now', '--systems', 'api', '--for', '1h', '--reason', 'bom', '--at', '2026-12-02 10:00']);
    assert.strictEqual(result.code, 0, result.stderr);
    const bytes = fs.readFileSync(r.path('ops.yaml'));
    assert.deepStrictEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    assert.strictEqual(bytes.toString('utf8'), `\uFEFF${baseManifest}  - id: freeze-2026-12-02-1\n    reason: bom\n    systems: [api]\n    start: 2026-12-02 10:00\n    end: 2026-12-02 11:00\n`);
    assert.strictEqual(r.cli(['validate']).code, 0);
  });

  it('one stray CRLF line in an LF file: the new entry is LF, like the rest', () => {
    const r = TempRepo.withCommit({ 'ops.yaml': baseManifest.replace('timezone: UTC\n', 'timezone: UTC\r\n'), 'api/a.ts': '' });
    const result = r.cli(['freeze', 'now', '--systems', 'api', '--for', '1h', '--reason', 'eol', '--at', '2026-12-02 10:00']);
    assert.strictEqual(result.code, 0, result.stderr);
    const text = r.read('ops.yaml');
    assert.strictEqual(text.split('\r\n').length - 1, 1, 'only the stray line is CRLF');
    assert.ok(text.endsWith('  - id: freeze-2026-12-02-1\n    reason: eol\n    systems: [api]\n    start: 2026-12-02 10:00\n    end: 2026-12-02 11:00\n'));
  });

  it('override add --paths naming no path is refused (it would lift the whole freeze)', () => {
    const r = TempRepo.withCommit({ 'ops.yaml': baseManifest, 'api/a.ts': '' });
    for (const paths of ['', ',', ' , ']) {
      refusedWrite(r, ['override', 'add', '--freeze', 'standing', '--paths', paths, '--approved-by', 'cto', '--reason', 'x'], /--paths names no path/);
    }
  });

  it('incident declare with an include that cannot be read: refused, naming it; no new incidents: section', () => {
    const r = TempRepo.withCommit({
      'ops.yaml': `${baseManifest}include: [ops/incidents.yaml]\n`,
      'api/a.ts': '',
    });
    fs.mkdirSync(r.path('ops'));
    fs.writeFileSync(r.path('ops/incidents.yaml'), Buffer.from([0x69, 0x6e, 0x63, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    refusedWrite(r, ['incident', 'declare', '--severity', 'sev1', '--systems', 'api', '--title', 'down'],
      /the included file ops\/incidents\.yaml is not UTF-8 text.*; it may hold `incidents:`, so the entry is not written anywhere else/, ['ops.yaml', 'ops/incidents.yaml']);
  });
});
