import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnose, formatSeconds, runStep, StepError, timeLeftText } from '../../../scripts/host/runStep';

const context = { aptLine: 'apt-get update && apt-get install -y libkrb5-dev', cacheDir: '/repo/.vscode-test' };

describe('first-run progress (runStep)', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-step-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  function collector(): { text: () => string; write: (chunk: string) => boolean } {
    let text = '';
    return { text: () => text, write: (chunk: string) => { text += chunk; return true; } };
  }

  function step(script: string, out: { write: (chunk: string) => boolean }): Promise<number> {
    return runStep({
      label: '[2/3] code-server 4.139.1', what: 'downloading code-server', command: 'sh', args: ['-c', script], typicalSeconds: 240, timeoutMs: 20_000,
      logFile: path.join(dir, 'provision.log'), tailFile: path.join(dir, 'provision-failure.log'), tickMs: 40, out, ...context,
    });
  }

  it('formats durations and the time left', () => {
    assert.strictEqual(formatSeconds(8), '8s');
    assert.strictEqual(formatSeconds(75), '1m15s');
    assert.strictEqual(timeLeftText(60, 240), ', about 3m00s left');
    assert.strictEqual(timeLeftText(250, 240), ', taking longer than usual');
    assert.strictEqual(timeLeftText(10, undefined), '');
  });

  it('shows what is installed, the elapsed time with the time left and the latest output line, then "done"; the log has it all', async () => {
    const out = collector();
    await step('echo "added 12 packages"; sleep 0.4; echo "compiling kerberos"; sleep 0.4', out);
    assert.match(out.text(), /^\[provision\] \[2\/3\] code-server 4\.139\.1: downloading code-server \(usually about 4m00s\)\n/);
    assert.match(out.text(), /\[provision\] {3}0s elapsed, about 4m00s left — (added 12 packages|compiling kerberos)\n/);
    assert.match(out.text(), /\[provision\] {3}done in \ds\n$/);
    assert.doesNotMatch(out.text(), /^added 12 packages$/m, 'the raw output is not echoed');
    const log = fs.readFileSync(path.join(dir, 'provision.log'), 'utf8');
    assert.match(log, /added 12 packages\ncompiling kerberos\n/);
  });

  it('a failure says which step failed and what to do, and saves the tail of the log to a file', async () => {
    const out = collector();
    const noisy = Array.from({ length: 100 }, (_, i) => `echo "noise ${i}"`).join('; ');
    const error = await step(`${noisy}; echo "gyp ERR! build error" >&2; exit 3`, out).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof StepError, String(error));
    const message = error.message;
    assert.match(message, /^\[2\/3\] code-server 4\.139\.1 failed after \ds: exit code 3\./);
    assert.match(message, /What to do: Compiling native modules failed: install the build tools with `apt-get update && apt-get install -y libkrb5-dev`/);
    assert.match(message, new RegExp(`last 60 lines of its output are in ${path.join(dir, 'provision-failure.log').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.ok(message.split('\n').length < 15, 'a short message, not a dump');
    const tail = fs.readFileSync(path.join(dir, 'provision-failure.log'), 'utf8');
    assert.match(tail, /gyp ERR! build error/);
    assert.doesNotMatch(tail, /noise 0\n/);
  });

  it('a command that cannot start is a located failure too', async () => {
    const error = await runStep({
      label: 'step', what: 'x', command: path.join(dir, 'missing-binary'), args: [], timeoutMs: 5000,
      logFile: path.join(dir, 'p.log'), tailFile: path.join(dir, 'f.log'), out: collector(), ...context,
    }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof StepError);
    assert.match(error.message, /^step failed after \ds: (could not start|exit code)/);
  });

  it('diagnoses the usual causes', () => {
    assert.match(diagnose('code-server requires node v24, found v20', context), /wrong Node version/);
    assert.match(diagnose('Package krb5-gssapi was not found', context), /Kerberos headers: install the Debian packages with `apt-get update/);
    assert.match(diagnose('npm ERR! code ENOTFOUND registry.npmjs.org', context), /npm registry could not be reached/);
    assert.match(diagnose('ENOSPC: no space left on device', context), /disk is full.*\/repo\/\.vscode-test/);
    assert.match(diagnose('something else entirely', context), /Run the same command again.*delete \/repo\/\.vscode-test/);
  });
});
