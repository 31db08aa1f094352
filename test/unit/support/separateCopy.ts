/**
 * A second, separately evaluated copy of the module at `file` (a path from `require.resolve`), as a
 * second bundle of the extension or CLI holds: for checks that must not rely on `instanceof`.
 */
export function separateCopy<T>(file: string): T {
  const cached = require.cache[file];
  delete require.cache[file];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as T;
  } finally {
    if (cached !== undefined) require.cache[file] = cached;
  }
}
