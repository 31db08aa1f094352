// Tests of the integration harness itself (run in plain Node): it must fail loudly when a test
// fails inside the extension host, and fail in bounded time, leaving no process behind, when the
// host never starts.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const runner = path.join(repoRoot, 'scripts', 'host', 'runIntegration.js');

interface RunResult {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;
}

function runHarness(args: readonly string[], env: Readonly<Record<string, string>>): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

/** True while the process exists and is not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Processes that outlive a SIGKILL by a moment are still being torn down by the kernel: allow 5 s. */
async function stillRunningAfterGrace(pids: readonly number[]): Promise<number[]> {
  const deadline = Date.now() + 5000;
  let running = pids.filter(isRunning);
  while (running.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    running = running.filter(isRunning);
  }
  return running;
}

function explain(result: RunResult): string {
  return `exit ${result.code} after ${result.seconds.toFixed(1)} s; output:\n${result.output}`;
}

describe('integration harness', () => {
  it('fails within the start-up limit, with a clear message, when the host never starts, and ends its processes', async () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-harness-')), 'pids.json');
    const result = await runHarness([], {
      CHANGE_RADAR_CODE_SERVER_ENTRY: path.join(__dirname, 'silentHost.js'),
      CHANGE_RADAR_HOST_START_TIMEOUT_MS: '4000',
      CHANGE_RADAR_SILENT_HOST_PIDS: pidFile,
    });
    assert.strictEqual(result.code, 1, explain(result));
    assert.match(result.output, /code-server did not start within 4 s/, explain(result));
    assert.ok(result.seconds < 60, explain(result));
    const pids = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as number[];
    assert.deepStrictEqual(await stillRunningAfterGrace(pids), [], 'the fake host or its helper is still running');
  });

  it('fails the run and prints the assertion when a test fails inside the extension host', async () => {
    const result = await runHarness(['--grep', 'harness self-test'], { CHANGE_RADAR_INJECT_FAILURE: '1' });
    assert.notStrictEqual(result.code, 0, explain(result));
    assert.match(result.output, /injected failure: 1 \+ 1 is not 3/, explain(result));
    assert.match(result.output, /^0 passed, 1 failed$/m, explain(result));
    assert.match(result.output, /VS Code \d+\.\d+\.\d+/, explain(result));
  });
});
