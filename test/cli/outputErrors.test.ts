import * as assert from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { cliPath } from './support/buildCli';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { cleanEnv, TempRepo } from './support/tempRepo';

/** Output that cannot be written is never a stack trace: one line and exit 2, or, for a closed pipe, silence. */
describe('stdout that cannot be written', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
  });

  it('> /dev/full (ENOSPC): one line on stderr, exit 2, for a command and for --help', function () {
    if (!fs.existsSync('/dev/full')) this.skip();
    for (const args of [['check', 'services/checkout/pay.ts'], ['status', '--format', 'json'], ['--help']]) {
      const full = fs.openSync('/dev/full', 'w');
      try {
        const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: repo.dir, env: cleanEnv(), stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 20_000 });
        assert.strictEqual(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
        assert.strictEqual(result.stderr, 'change-radar: cannot write the output: no space left on the device (ENOSPC)\n', args.join(' '));
      } finally {
        fs.closeSync(full);
      }
    }
  });

  it('a reader that went away (EPIPE): no message, and the exit code is still the verdict', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, 'check', 'services/checkout/pay.ts'], { cwd: repo.dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      // Closed before the CLI has even started: its first write fails with EPIPE.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.code, 1, 'blocked, as the report it could not print said');
  });
});
