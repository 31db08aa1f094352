// The write path under pressure, on real repositories: parallel writers, symbolic links, a BOM,
// mixed line endings and an unreadable include. Whatever happens, nothing a user wrote is lost.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
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
