import * as fs from 'node:fs';

/**
 * Reads a file only when it is a regular file no larger than a limit: a FIFO, a device
 * (`/dev/zero`), a socket or a directory is refused without reading it, so no read can hang or run
 * without end. The file is opened non-blocking (opening a FIFO with no writer would otherwise wait
 * for one) and checked with fstat on the open descriptor, so what is read is what was checked.
 */

export type RegularFileRead =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly problem: 'unreadable' | 'not-regular' | 'too-large'; readonly reason: string };

/** What kind of file a non-regular file is, for messages. */
function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function errorReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'operation not permitted', EISDIR: 'a directory',
    ENXIO: 'not a regular file', ELOOP: 'too many symbolic links', ENOTDIR: 'a file is in the way of a folder',
  };
  return code !== undefined ? `${reasons[code] ?? 'cannot be read'} (${code})` : 'cannot be read';
}

function notRegular(stat: fs.Stats): RegularFileRead {
  return { ok: false, problem: 'not-regular', reason: `not a regular file (${kindOf(stat)})` };
}

function tooLarge(maxBytes: number): RegularFileRead {
  return { ok: false, problem: 'too-large', reason: `larger than ${maxBytes} bytes` };
}

/**
 * The bytes of `file` when it is a regular file of at most `maxBytes` bytes (symbolic links
 * followed unless `noFollow`); otherwise why not. Never throws, never blocks on a FIFO or device.
 */
export function readRegularFile(file: string, maxBytes: number, options: { readonly noFollow?: boolean } = {}): RegularFileRead {
  try {
    // A first look without opening: a device is not even opened (opening some has effects).
    const before = options.noFollow === true ? fs.lstatSync(file) : fs.statSync(file);
    if (!before.isFile()) return notRegular(before);
    if (before.size > maxBytes) return tooLarge(maxBytes);
  } catch (error) {
    return { ok: false, problem: 'unreadable', reason: errorReason(error) };
  }
  const flags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (options.noFollow === true ? (fs.constants.O_NOFOLLOW ?? 0) : 0);
  let fd: number;
  try {
    fd = fs.openSync(file, flags);
  } catch (error) {
    return { ok: false, problem: 'unreadable', reason: errorReason(error) };
  }
  try {
    // The file may have been replaced between the look and the open: what counts is what is open.
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return notRegular(stat);
    if (stat.size > maxBytes) return tooLarge(maxBytes);
    // Read at most one byte past the limit, so a file that grows while read is caught, not read on.
    let buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return tooLarge(maxBytes);
        const grown = Buffer.alloc(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, problem: 'unreadable', reason: errorReason(error) };
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // nothing more to do
    }
  }
}
