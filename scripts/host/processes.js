// Child processes that can always be ended: each runs in its own process group, and
// ending it signals the whole group (code-server starts helpers of its own).
const { spawn } = require('node:child_process');
const net = require('node:net');

/** Every group we started and that has not exited yet. */
const liveGroups = new Set();

/** Starts `command` as the leader of a new process group. */
function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  liveGroups.add(child);
  child.once('exit', () => liveGroups.delete(child));
  return child;
}

/** SIGKILLs every group still alive; runs at exit, so an interrupted start-up leaves nothing behind. */
function killAllGroups() {
  for (const child of liveGroups) killGroup(child, 'SIGKILL');
  liveGroups.clear();
}
process.on('exit', killAllGroups);

/** Signals the child's whole process group; a group that is already gone is fine. */
function killGroup(child, signal = 'SIGTERM') {
  if (!child || child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group has already exited.
  }
}

/** SIGTERM the group, then SIGKILL whatever is left after `graceMs`. */
async function stopGroup(child, graceMs = 3000) {
  if (!child || child.pid === undefined) return;
  killGroup(child, 'SIGTERM');
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));
  let timer;
  await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(resolve, graceMs); })]);
  clearTimeout(timer);
  killGroup(child, 'SIGKILL');
}

/**
 * Runs a command to completion with a hard time limit; rejects with a message that says
 * what ran and why it failed. Output goes to the terminal unless `quiet`.
 */
function runCommand(command, args, { timeoutMs, cwd, env, quiet = false, label = command } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, { cwd, env, stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'] });
    let output = '';
    child.stdout?.on('data', (chunk) => { output += chunk; });
    child.stderr?.on('data', (chunk) => { output += chunk; });
    const timer = timeoutMs ? setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`${label} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped.${tail(output)}`));
    }, timeoutMs) : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${label} could not start: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${label} failed (${signal ? `signal ${signal}` : `exit code ${code}`}).${tail(output)}`));
    });
  });
}

function tail(output) {
  const text = output.trim();
  return text ? `\n--- last output ---\n${text.split('\n').slice(-30).join('\n')}` : '';
}

/** A free TCP port on the loopback interface, chosen by the kernel. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = { spawnGroup, killGroup, killAllGroups, stopGroup, runCommand, freePort };
