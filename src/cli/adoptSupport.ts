import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CoverageReport } from '../core/adopt/coverage';
import type { RepoSnapshot } from '../core/adopt/proposal';
import { findRepoRoot, trackedFilesUnder } from '../node/gitChanges';
import { RadarError } from '../core/radarError';

/** What `init` and `coverage` share: the repository, its tracked files, and how a coverage summary reads. */

export class AdoptError extends RadarError {
  constructor(message: string) {
    super('adopt', message);
  }
}

/** Text from the repository, safe for a terminal: control characters (escape sequences) shown, not sent. */
export function terminalText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being neutralised
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function repositoryOf(cwdOption: string | undefined, ioCwd: string): Promise<{ cwd: string; root: string }> {
  const dir = path.resolve(ioCwd, cwdOption ?? '.');
  let cwd: string;
  try {
    cwd = fs.realpathSync(dir);
  } catch {
    throw new AdoptError(`--cwd: no such directory: ${dir}`);
  }
  const root = await findRepoRoot(cwd);
  if (root === undefined) throw new AdoptError(`not a git repository: ${cwd} (the tracked files are what is covered)`);
  return { cwd, root };
}

const maxInputBytes = 2 * 1024 * 1024;

/** The tracked files, and a reader that reads only regular tracked files (no symlinks out of the repository) up to 2 MiB. */
export async function snapshotOf(root: string): Promise<RepoSnapshot> {
  const files = await trackedFilesUnder(root, '');
  const tracked = new Set(files);
  return {
    files,
    read: (file) => {
      if (!tracked.has(file)) return undefined;
      try {
        const absolute = path.join(root, ...file.split('/'));
        const stat = fs.lstatSync(absolute);
        if (!stat.isFile() || stat.size > maxInputBytes) return undefined;
        return fs.readFileSync(absolute, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

export function percent(share: number): string {
  return `${(Math.floor(share * 1000) / 10).toFixed(1)}%`;
}

/** The coverage report as text lines (repository text escaped for the terminal). */
export function coverageLines(report: CoverageReport, ignoredNote: string): string[] {
  const lines = [`Coverage: ${percent(report.share)} (${report.covered} of ${report.files} tracked files belong to a system${ignoredNote})`];
  if (report.uncoveredFolders.length > 0) {
    lines.push('Largest uncovered folders:');
    for (const folder of report.uncoveredFolders) {
      const name = folder.folder === '' ? '(repository root)' : `${terminalText(folder.folder)}/`;
      lines.push(`  ${name}  ${folder.files} file(s)${folder.whole ? '' : ' directly in it (the folder is partly covered)'}`);
    }
  }
  if (report.unmatchedGlobs.length > 0) {
    lines.push('Globs that match no tracked file:');
    for (const glob of report.unmatchedGlobs) {
      const where = glob.source !== undefined ? `${terminalText(glob.source.file)}:${glob.source.range.start.line + 1}:${glob.source.range.start.column + 1}: ` : '';
      lines.push(`  ${where}system ${terminalText(glob.system)}, ${glob.field}[${glob.index}]: ${terminalText(glob.glob)}`);
    }
  }
  if (report.sharedCount > 0) {
    lines.push(`Files claimed by several systems: ${report.sharedCount}`);
    for (const shared of report.shared) lines.push(`  ${terminalText(shared.path)}: ${shared.systems.map(terminalText).join(', ')}`);
    if (report.sharedCount > report.shared.length) lines.push(`  … and ${report.sharedCount - report.shared.length} more`);
  }
  return lines;
}
