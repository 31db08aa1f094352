import * as assert from 'node:assert';
import { parseManifest } from '../../../src/core/manifest/manifestParser';
import type { Manifest } from '../../../src/core/model';
import { PathIndex } from '../../../src/core/paths/pathIndex';
import type { RepoSnapshot } from '../../../src/core/adopt/proposal';

/** A snapshot of in-memory files (the builders are pure; the CLI tests use real repositories). */
export function snapshot(files: Record<string, string>, extraPaths: readonly string[] = []): RepoSnapshot {
  return { files: [...new Set([...Object.keys(files), ...extraPaths])].sort(), read: (path) => files[path] };
}

/** Parses a proposal's text as the manifest parser does; fails on any error. */
export function parsedProposal(text: string): Manifest {
  const result = parseManifest('ops.yaml', (path) => (path === 'ops.yaml' ? text : undefined));
  const errors = result.problems.filter((p) => p.severity === 'error');
  assert.deepStrictEqual(errors.map((p) => `${p.range.start.line + 1}: ${p.code}: ${p.message}`), []);
  assert.ok(result.manifest);
  return result.manifest;
}

/** The systems (ids, sorted) a path belongs to under a manifest. */
export function systemsOf(manifest: Manifest): (path: string) => string[] {
  const index = PathIndex.build(manifest.systems.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })));
  return (path) => index.match(path).map((m) => m.system).sort();
}
