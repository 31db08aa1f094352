import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureCoverage } from '../core/adopt/coverage';
import type { UnmatchedGlob } from '../core/adopt/coverage';
import { indexManifestText } from '../core/language/manifestSymbols';
import { loadManifest } from '../node/manifestLoader';
import { formatProblems, sortProblems } from '../report/formatProblems';
import type { CommonOptions } from './commands/argValues';
import type { CliIo } from './cliIo';
import { hasRadarCode } from '../core/radarError';
import { coverageLines, percent, repositoryOf, snapshotOf } from './adoptSupport';

/**
 * `change-radar coverage`: what the manifest misses. Exit 0, or 1 when the share is below
 * `--fail-under`; 2 when there is no manifest to measure (or a wrong call).
 */
/** `change-radar coverage [--fail-under SHARE]`. */
export interface CoverageCall {
  readonly command: 'coverage';
  readonly failUnder?: number;
  readonly options: CommonOptions;
}

export async function runCoverage(call: CoverageCall, io: CliIo): Promise<number> {
  let repository: { cwd: string; root: string };
  try {
    repository = await repositoryOf(call.options.cwd, io.cwd);
  } catch (error) {
    if (hasRadarCode(error, 'adopt')) {
      io.stderr.write(`change-radar: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { cwd, root } = repository;
  const loaded = loadManifest(root, { cwd, codeowners: false, ...(call.options.manifest !== undefined ? { manifestPath: call.options.manifest } : {}) });
  io.stderr.write(formatProblems(sortProblems(loaded.problems)));
  const manifest = loaded.manifest;
  if (manifest === undefined) return 2;
  const { files } = await snapshotOf(root);
  const measured = measureCoverage(manifest.systems, files, { ignore: manifest.files });
  const report = { ...measured, unmatchedGlobs: locateGlobs(root, manifest.files, measured.unmatchedGlobs) };
  const below = call.failUnder !== undefined && report.share < call.failUnder;
  if (call.options.format === 'json') {
    io.stdout.write(JSON.stringify({ ...report, manifestFiles: manifest.files, ...(call.failUnder !== undefined ? { failUnder: call.failUnder, below } : {}) }, null, 2) + '\n');
  } else {
    const lines = coverageLines(report, `; ${manifest.files.join(', ')} left out`);
    if (below) lines.push(`Below --fail-under ${percent(call.failUnder ?? 0)}.`);
    io.stdout.write(lines.join('\n') + '\n');
  }
  return below ? 1 : 0;
}

/** Each unmatched glob located on its own token where the file says it as written (else at its system). */
function locateGlobs(root: string, manifestFiles: readonly string[], globs: readonly UnmatchedGlob[]): UnmatchedGlob[] {
  if (globs.length === 0) return [];
  const where = new Map<string, UnmatchedGlob['source']>();
  for (const file of manifestFiles) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(root, ...file.split('/')), 'utf8');
    } catch {
      continue;
    }
    for (const glob of indexManifestText(text).globs) {
      const key = `${glob.owner}\u0000${glob.field}\u0000${glob.glob}`;
      if (!where.has(key)) where.set(key, { file, range: glob.range });
    }
  }
  return globs.map((glob) => {
    const source = where.get(`${glob.system}\u0000${glob.field}\u0000${glob.glob}`);
    return source !== undefined ? { ...glob, source } : glob;
  });
}
