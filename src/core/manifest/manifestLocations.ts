/**
 * Where the manifest and CODEOWNERS live: the one place that names them, for the CLI, the git hook
 * and the extension. Pure: it lists candidates; src/node/manifestDiscovery looks at the disk.
 *
 * The rule for a manifest that is not at the repository root (nested manifests for sub-projects):
 * its directory is its base. Its `paths`, `exclude`, `exempt` and override `paths` globs and its
 * `include:` paths are relative to that base, as if the base were a repository root. A manifest in a
 * `.github/` folder has the folder above as its base (`.github/ops.yaml` at the root governs the
 * whole repository). Discovery walks up from the working directory to the repository root, like
 * `.editorconfig`; in each directory `ops.yaml` comes before `.github/ops.yaml`, and the nearest wins.
 */

/** Manifest file names tried in each directory, in order. */
export const manifestFileNames: readonly string[] = ['ops.yaml', '.github/ops.yaml'];

/** Where GitHub reads CODEOWNERS, in GitHub's order: the first that exists is the one used. */
export const codeownersLocations: readonly string[] = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** Joins repository-relative `/` paths; `''` is the repository root. */
function joinRepoPath(dir: string, file: string): string {
  return dir === '' ? file : `${dir}/${file}`;
}

/** `a/b/c` → `['a/b/c', 'a/b', 'a', '']`: a directory and every one above it, up to the root (`''`). */
export function directoriesUpToRoot(relativeDir: string): string[] {
  const parts = relativeDir.split('/').filter((part) => part !== '' && part !== '.');
  const dirs: string[] = [];
  for (let length = parts.length; length >= 0; length--) {
    dirs.push(parts.slice(0, length).join('/'));
  }
  return dirs;
}

/**
 * Repository-relative manifest paths to try, in order, for a command run in `relativeDir` (the
 * working directory relative to the repository root, `''` at the root): nearest directory first.
 */
export function manifestCandidates(relativeDir: string): string[] {
  return directoriesUpToRoot(relativeDir).flatMap((dir) => manifestFileNames.map((name) => joinRepoPath(dir, name)));
}

/**
 * The base directory of a manifest file (repository-relative, `''` for the root): the directory it
 * is in, or the one above for a file directly in a `.github/` folder.
 */
export function manifestBaseDir(manifestPath: string): string {
  const parts = manifestPath.split('/');
  parts.pop();
  if (parts[parts.length - 1] === '.github') parts.pop();
  return parts.join('/');
}

/**
 * The `changeRadar.manifestPath` setting as a folder-relative `/` path, or undefined when it leaves
 * the folder (absolute, a drive letter, through `..`, or the folder itself): an untrusted
 * workspace's settings must not choose a file outside it.
 */
export function manifestSettingPath(configured: string): string | undefined {
  const relative = configured.replace(/\\/g, '/');
  if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) {
    return undefined;
  }
  const parts: string[] = [];
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.length === 0 ? undefined : parts.join('/');
}

