import * as path from 'node:path';

/**
 * Whether `candidate` is `root` or below it. Only a `..` path segment leaves a folder: a file named
 * `..hidden.ts` (or a folder `...`) is inside, whatever its name starts with.
 */
export function isInside(root: string, candidate: string): boolean {
  return relativeInside(root, candidate) !== undefined;
}

/** `candidate` relative to `root` with '/' separators ('' for the root itself); undefined when outside. */
export function relativeInside(root: string, candidate: string): string | undefined {
  const relative = path.relative(root, candidate);
  if (path.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${path.sep}`) || relative.startsWith('../')) {
    return undefined;
  }
  return relative.split(path.sep).join('/');
}
