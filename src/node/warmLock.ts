import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * One warm run at a time per cache folder, and none lost. Git may run the warm hooks many times in
 * a row (a bisect, a script that switches branches): a run that finds another under way leaves it a
 * mark (`warm.again`) and ends, and the run under way goes again when it sees the mark, so a burst
 * of checkouts costs at most two runs and the last state of the repository is always the one read.
 * A lock left by a run that died is taken over once it is older than `staleMs`.
 */
export async function coalescedRun(folder: string, work: () => Promise<void> | void, staleMs = 120_000): Promise<'ran' | 'handed-over'> {
  const lock = path.join(folder, 'warm.lock');
  const again = path.join(folder, 'warm.again');
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch {
    // No cache folder can be made: nothing would be kept, so nothing to warm.
    return 'handed-over';
  }
  if (!take(lock, staleMs)) {
    touch(again);
    // The run under way may have ended between the two steps, without seeing the mark.
    if (!take(lock, staleMs)) return 'handed-over';
  }
  for (;;) {
    try {
      do {
        remove(again);
        await work();
      } while (fs.existsSync(again));
    } finally {
      remove(lock);
    }
    // A mark left after the last look but before the lock went: run again if no one else took it.
    if (!fs.existsSync(again) || !take(lock, staleMs)) return 'ran';
  }
}

function take(lock: string, staleMs: number): boolean {
  try {
    fs.closeSync(fs.openSync(lock, 'wx'));
    return true;
  } catch {
    try {
      if (Date.now() - fs.statSync(lock).mtimeMs <= staleMs) return false;
      remove(lock);
      fs.closeSync(fs.openSync(lock, 'wx'));
      return true;
    } catch {
      return false;
    }
  }
}

function touch(file: string): void {
  try {
    fs.writeFileSync(file, '');
  } catch {
    // Best effort: the run under way reads the repository as it is when it ends anyway.
  }
}

function remove(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone.
  }
}
