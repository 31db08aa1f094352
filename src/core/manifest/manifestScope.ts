import { compileShapes, globAlternatives } from '../paths/globMatcher';
import type { Freeze, Manifest, Override, SystemDef } from '../model';

/**
 * A nested manifest's globs are relative to its base directory (see manifestLocations). The engine,
 * CODEOWNERS and git all speak repository-relative paths, so the manifest is moved to the
 * repository root once, when it is loaded: every glob is rewritten to the same set of files seen
 * from the root. Everything else (reports, owners, hooks) then works unchanged.
 */

/** Characters a directory name cannot have inside a glob (the syntax has no escapes). */
const globSpecial = /[*?[\]{}!\\]/;

/** Why a base directory cannot prefix globs, or undefined when it can. */
export function baseDirProblem(baseDir: string): string | undefined {
  const bad = baseDir.split('/').find((segment) => globSpecial.test(segment));
  return bad === undefined ? undefined
    : `the manifest's folder '${bad}' has a glob character (one of * ? [ ] { } ! \\) in its name, which manifest globs cannot express: rename the folder or move the manifest`;
}

function isAnchored(alternative: string): boolean {
  return compileShapes(alternative, {})[0]?.anchored ?? true;
}

function rebaseAlternative(alternative: string, baseDir: string): string {
  const body = alternative.replace(/^\//, '');
  if (isAnchored(alternative)) return `${baseDir}/${body}`;
  return body.startsWith('**') ? `${baseDir}/${body}` : `${baseDir}/**/${body}`;
}

/**
 * The repository-relative globs matching what `pattern` matches relative to `baseDir`: anchored
 * patterns (a leading or middle slash) are prefixed, patterns that match at any depth match at any
 * depth below the base. One pattern usually; one per brace alternative when they differ in kind.
 * An invalid pattern is returned as it is (the parser has reported it).
 */
export function rebaseGlob(pattern: string, baseDir: string): string[] {
  if (baseDir === '') return [pattern];
  const alternatives = globAlternatives(pattern);
  if (alternatives === undefined) return [pattern];
  if (alternatives.length === 1) return [rebaseAlternative(pattern, baseDir)];
  const kinds = new Set(alternatives.map(isAnchored));
  const leadingSlash = alternatives.some((alternative) => alternative.startsWith('/'));
  // `{a,b}/c` → `base/{a,b}/c`; `{*.md,*.txt}` → `base/**/{*.md,*.txt}` (consecutive `**` collapse).
  if (kinds.size === 1 && !leadingSlash) return [kinds.has(true) ? `${baseDir}/${pattern}` : `${baseDir}/**/${pattern}`];
  return alternatives.map((alternative) => rebaseAlternative(alternative, baseDir));
}

function rebaseAll(patterns: readonly string[], baseDir: string): string[] {
  return patterns.flatMap((pattern) => rebaseGlob(pattern, baseDir));
}

/** The manifest with every glob made repository-relative; the same object when `baseDir` is the root. */
export function rebaseManifest(manifest: Manifest, baseDir: string): Manifest {
  if (baseDir === '') return manifest;
  return {
    ...manifest,
    systems: manifest.systems.map((system): SystemDef => ({ ...system, paths: rebaseAll(system.paths, baseDir), exclude: rebaseAll(system.exclude, baseDir) })),
    freezes: manifest.freezes.map((freeze): Freeze => ({ ...freeze, exempt: rebaseAll(freeze.exempt, baseDir) })),
    overrides: manifest.overrides.map((override): Override => ({ ...override, paths: rebaseAll(override.paths, baseDir) })),
  };
}
