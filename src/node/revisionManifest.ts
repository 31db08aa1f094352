import { execFileSync } from 'node:child_process';
import type { ParseManifestResult } from '../core/manifest/manifestParser';
import { manifestParser } from './lazyParser';

/**
 * The manifest as a commit has it (read with `git show REV:PATH`, includes too), for judging a
 * change by the manifest before it as well as after it. Synchronous, because the parser reads
 * synchronously; only used when a change edits manifest files, so the few processes are rare.
 */
export interface RevisionManifest extends ParseManifestResult {
  readonly rootFile: string;
}

/** A reader of repository-relative files at `revision`; undefined when the file is not there. */
export function revisionFileReader(repoRoot: string, revision: string): (file: string) => string | undefined {
  return (file) => {
    if (file === '' || file.startsWith('/') || file.includes('\0') || file.split('/').includes('..')) return undefined;
    try {
      return execFileSync('git', ['show', `${revision}:${file}`], {
        cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024,
      });
    } catch {
      return undefined;
    }
  };
}

/** The first of `candidates` that exists at `revision`, parsed; undefined when none does. */
export function loadManifestAtRevision(repoRoot: string, revision: string, candidates: readonly string[]): RevisionManifest | undefined {
  const read = revisionFileReader(repoRoot, revision);
  for (const rootFile of candidates) {
    const text = read(rootFile);
    if (text === undefined) continue;
    const result = manifestParser().parseManifest(rootFile, (file) => (file === rootFile ? text : read(file)));
    return { ...result, rootFile };
  }
  return undefined;
}
