import { PathIndex } from '../paths/pathIndex';
import type { SourceLocation } from '../problem';

/**
 * What a manifest misses: the share of tracked files (the manifest's own files left out) that
 * belong to at least one system, the largest folders nothing covers, globs that match no tracked
 * file, and files claimed by more than one system. Pure: the file list comes in.
 */
export interface CoverageSystem {
  readonly id: string;
  readonly paths: readonly string[];
  readonly exclude: readonly string[];
  readonly source?: SourceLocation;
}

export interface UncoveredFolder {
  /** Repository-relative folder, `''` for the root. */
  readonly folder: string;
  /** Uncovered tracked files at or below it. */
  readonly files: number;
  /** True when every tracked file below it is uncovered; false for the loose files of a partly covered folder. */
  readonly whole: boolean;
}

export interface UnmatchedGlob {
  readonly system: string;
  readonly field: 'paths' | 'exclude';
  readonly glob: string;
  /** Zero-based position of the glob in its list. */
  readonly index: number;
  readonly source?: SourceLocation;
}

export interface SharedFile {
  readonly path: string;
  readonly systems: readonly string[];
}

export interface CoverageReport {
  /** 0–1; 1 when there is no file to cover. */
  readonly share: number;
  readonly files: number;
  readonly covered: number;
  readonly uncoveredFolders: readonly UncoveredFolder[];
  readonly unmatchedGlobs: readonly UnmatchedGlob[];
  /** Files claimed by several systems (up to `limit`), and how many there are in all. */
  readonly shared: readonly SharedFile[];
  readonly sharedCount: number;
}

export interface CoverageOptions {
  /** Files left out (the manifest and its includes). */
  readonly ignore?: readonly string[];
  /** How many folders and shared files to list. Default 10. */
  readonly limit?: number;
}

export function measureCoverage(systems: readonly CoverageSystem[], tracked: readonly string[], options: CoverageOptions = {}): CoverageReport {
  const limit = options.limit ?? 10;
  const files = filesToCover(tracked, options.ignore);
  const membership = PathIndex.build(systems.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })));
  const globs = new GlobUse(systems);
  const uncovered: string[] = [];
  const shared: SharedFile[] = [];
  let sharedCount = 0;
  for (const file of files) {
    const holders = [...new Set(membership.match(file).map((m) => m.system))];
    if (holders.length === 0) uncovered.push(file);
    if (holders.length > 1) {
      sharedCount++;
      if (shared.length < limit) shared.push({ path: file, systems: holders });
    }
    globs.see(file);
  }
  return {
    share: files.length === 0 ? 1 : (files.length - uncovered.length) / files.length,
    files: files.length,
    covered: files.length - uncovered.length,
    uncoveredFolders: uncoveredFolders(files, uncovered).slice(0, limit),
    unmatchedGlobs: globs.unmatched(),
    shared,
    sharedCount,
  };
}

/**
 * The `unmatchedGlobs` of `measureCoverage` alone (the same list), without the pass that files
 * every path under its systems: what the editor's warnings for globs that match nothing need.
 */
export function findUnmatchedGlobs(systems: readonly CoverageSystem[], tracked: readonly string[], options: Pick<CoverageOptions, 'ignore'> = {}): UnmatchedGlob[] {
  const globs = new GlobUse(systems);
  for (const file of filesToCover(tracked, options.ignore)) globs.see(file);
  return globs.unmatched();
}

function filesToCover(tracked: readonly string[], ignore: readonly string[] = []): string[] {
  const ignored = new Set(ignore);
  return [...new Set(tracked)].filter((file) => !ignored.has(file));
}

/** One index entry per glob (paths and exclude), to see which globs match any file at all. */
class GlobUse {
  private readonly globs: ReadonlyArray<{ readonly system: CoverageSystem; readonly field: 'paths' | 'exclude'; readonly glob: string; readonly index: number }>;
  private readonly index: PathIndex;
  private readonly matched = new Set<string>();

  constructor(systems: readonly CoverageSystem[]) {
    this.globs = systems.flatMap((system) => (['paths', 'exclude'] as const).flatMap((field) => system[field].map((glob, index) => ({ system, field, glob, index }))));
    this.index = PathIndex.build(this.globs.map((g, i) => ({ id: String(i), patterns: [g.glob], exclude: [] })));
  }

  see(file: string): void {
    for (const m of this.index.match(file)) this.matched.add(m.system);
  }

  unmatched(): UnmatchedGlob[] {
    return this.globs.flatMap((g, i) => (this.matched.has(String(i)) ? [] : [{
      system: g.system.id, field: g.field, glob: g.glob, index: g.index, ...(g.system.source !== undefined ? { source: g.system.source } : {}),
    }]));
  }
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Largest first: each uncovered file counted once, under its highest wholly uncovered folder (or its own folder). */
function uncoveredFolders(files: readonly string[], uncovered: readonly string[]): UncoveredFolder[] {
  const total = new Map<string, number>();
  const missing = new Map<string, number>();
  const count = (map: Map<string, number>, file: string): void => {
    for (let folder = parentOf(file); ; folder = parentOf(folder)) {
      map.set(folder, (map.get(folder) ?? 0) + 1);
      if (folder === '') break;
    }
  };
  for (const file of files) count(total, file);
  for (const file of uncovered) count(missing, file);
  const whole = (folder: string): boolean => (missing.get(folder) ?? 0) === total.get(folder);
  const groups = new Map<string, UncoveredFolder>();
  for (const file of uncovered) {
    let top: string | undefined;
    for (let folder = parentOf(file); ; folder = parentOf(folder)) {
      if (whole(folder)) top = folder;
      else break;
      if (folder === '') break;
    }
    const key = top ?? parentOf(file);
    const existing = groups.get(key);
    groups.set(key, { folder: key, files: (existing?.files ?? 0) + 1, whole: top !== undefined });
  }
  return [...groups.values()].sort((a, b) => b.files - a.files || a.folder.localeCompare(b.folder));
}
