// One long step of the first-run install (apt, Node 24, code-server), shown as progress instead of
// a raw log: what is being installed, time elapsed, roughly how long is left (from the typical
// duration), and the latest line of its output. The full output goes to a log file; on failure the
// error says which step failed, what to do about it, and where the tail of the log was saved.
const fs = require('node:fs');
const { spawnGroup, killGroup } = require('./processes');

/** `75` → `1m15s`, `8` → `8s`. */
function formatSeconds(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** What to say about the time left after `elapsed` seconds of a step that typically takes `typical`. */
function timeLeftText(elapsed, typical) {
  if (!typical) return '';
  const left = typical - elapsed;
  if (left > 5) return `, about ${formatSeconds(left)} left`;
  return ', taking longer than usual';
}

/** Known causes, found in a failed step's output, with what to do about each. First match wins. */
const diagnoses = [
  {
    pattern: /requires node v?\d+|engine "node" is incompatible|Unsupported engine/i,
    advice: 'The install ran under the wrong Node version. Provisioning runs npm under the downloaded Node 24 with a clean environment; '
      + 'if you start it from a wrapper that sets NODE_OPTIONS or npm_config_* variables, run `node scripts/provisionHost.js` directly and report the output.',
  },
  {
    pattern: /krb5|gssapi/i,
    advice: 'A native module needs the Kerberos headers: install the Debian packages with `{apt}` (as root), then run the command again.',
  },
  {
    pattern: /gyp ERR!|make: \*\*\*|not found: make|g\+\+: not found|cc: not found|Python is not set|find Python/i,
    advice: 'Compiling native modules failed: install the build tools with `{apt}` (as root), then run the command again.',
  },
  {
    pattern: /ENOSPC|no space left/i,
    advice: 'The disk is full. The host needs about 850 MB in {cacheDir}; free some space and run the command again.',
  },
  {
    pattern: /ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ECONNREFUSED|network|socket hang up|E40[34]|E5\d\d/i,
    advice: 'The npm registry could not be reached. Check the network (or the registry/proxy settings in ~/.npmrc) and run the command again.',
  },
  {
    pattern: /Could not get lock|dpkg was interrupted|Unable to locate package/i,
    advice: 'apt could not install the packages. Run `{apt}` yourself as root and read its message, then run the command again.',
  },
];

/** The advice for a failed step's output, with `{apt}` and `{cacheDir}` filled in. */
function diagnose(output, { aptLine, cacheDir }) {
  const found = diagnoses.find((entry) => entry.pattern.test(output));
  const advice = found?.advice
    ?? 'Run the same command again (a second try often gets past a flaky download). If it fails the same way, delete {cacheDir} '
      + 'and try once more; docs/testing.md ("The offline VS Code host") lists what the install needs.';
  return advice.replaceAll('{apt}', aptLine).replaceAll('{cacheDir}', cacheDir);
}

class StepError extends Error {
  constructor(message, { step, tailFile }) {
    super(message);
    this.step = step;
    this.tailFile = tailFile;
  }
}

/** The last `count` non-empty lines of a text. */
function lastLines(text, count) {
  return text.split(/\r?\n|\r/).map((line) => line.trimEnd()).filter((line) => line !== '').slice(-count);
}

/**
 * Runs `command args` as one step, output into `logFile` (appended), progress on `out`.
 * @param {{ label: string, what: string, command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv,
 *   typicalSeconds?: number, timeoutMs: number, logFile: string, tailFile: string, aptLine: string, cacheDir: string,
 *   out?: NodeJS.WriteStream, tickMs?: number, now?: () => number }} step
 * @returns {Promise<number>} the seconds it took
 */
function runStep(step) {
  const out = step.out ?? process.stdout;
  const now = step.now ?? Date.now;
  const started = now();
  const elapsed = () => (now() - started) / 1000;
  const typical = step.typicalSeconds ? ` (usually about ${formatSeconds(step.typicalSeconds)})` : '';
  out.write(`[provision] ${step.label}: ${step.what}${typical}\n`);
  fs.appendFileSync(step.logFile, `\n=== ${new Date().toISOString()} ${step.label}: ${step.command} ${step.args.join(' ')}\n`);
  const log = fs.openSync(step.logFile, 'a');
  let output = '';
  let latest = '';
  // A terminal gets one line rewritten in place; a log (CI) gets a line every 30 s.
  const live = Boolean(out.isTTY);
  const tickMs = step.tickMs ?? (live ? 1000 : 30_000);
  let shown = false;
  const tick = () => {
    const detail = latest ? ` — ${latest.length > 70 ? `${latest.slice(0, 67)}...` : latest}` : '';
    const line = `[provision]   ${formatSeconds(elapsed())} elapsed${timeLeftText(elapsed(), step.typicalSeconds)}${detail}`;
    if (live) {
      out.write(`\r\x1b[K${line.slice(0, (out.columns || 120) - 1)}`);
      shown = true;
    } else {
      out.write(`${line}\n`);
    }
  };
  return new Promise((resolve, reject) => {
    const child = spawnGroup(step.command, step.args, { cwd: step.cwd, env: step.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (chunk) => {
      const text = chunk.toString();
      fs.writeSync(log, text);
      output = (output + text).slice(-200_000);
      latest = lastLines(text, 1)[0] ?? latest;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const ticker = setInterval(tick, tickMs);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGKILL');
    }, step.timeoutMs);
    let finished = false;
    const finish = (failure) => {
      if (finished) return;
      finished = true;
      clearInterval(ticker);
      clearTimeout(timer);
      fs.closeSync(log);
      if (shown) out.write('\r\x1b[K');
      if (!failure) {
        out.write(`[provision]   done in ${formatSeconds(elapsed())}\n`);
        resolve(elapsed());
        return;
      }
      const tail = lastLines(output, 60);
      fs.writeFileSync(step.tailFile, `${step.label} failed: ${failure}\ncommand: ${step.command} ${step.args.join(' ')}\ncwd: ${step.cwd ?? process.cwd()}\n\n${tail.join('\n')}\n`);
      reject(new StepError([
        `${step.label} failed after ${formatSeconds(elapsed())}: ${failure}.`,
        `What to do: ${diagnose(output, step)}`,
        `The last ${tail.length} lines of its output are in ${step.tailFile} (the whole log: ${step.logFile}).`,
        ...(tail.length > 0 ? ['Last lines:', ...tail.slice(-5).map((line) => `  ${line}`)] : []),
      ].join('\n'), { step: step.label, tailFile: step.tailFile }));
    };
    child.on('error', (error) => finish(`could not start ${step.command} (${error.message})`));
    child.on('close', (code, signal) => {
      if (timedOut) finish(`did not finish within ${formatSeconds(step.timeoutMs / 1000)} and was stopped`);
      else if (code === 0) finish(undefined);
      else finish(signal ? `stopped by ${signal}` : `exit code ${code}`);
    });
  });
}

module.exports = { runStep, StepError, diagnose, formatSeconds, timeLeftText };
