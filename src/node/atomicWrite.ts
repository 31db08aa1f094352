import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file changed on disk between reading it and writing the edit. */
export class ConcurrentChangeError extends Error {}

/**
 * Writes `text` to `file` atomically: a temporary file next to it (same permissions), then a
 * rename over the original, so that a reader sees the old text or the new one, never half. When
 * `expected` is given and the file no longer holds it, nothing is written.
 */
export function writeFileAtomic(file: string, text: string, expected?: string): void {
  const real = fs.realpathSync(file);
  if (expected !== undefined && fs.readFileSync(real, 'utf8') !== expected) {
    throw new ConcurrentChangeError(`${file} changed since it was read; nothing was written`);
  }
  const mode = fs.statSync(real).mode & 0o7777;
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.change-radar-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, text, { mode, flag: 'wx' });
    fs.renameSync(temp, real);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
