/**
 * A proposed manifest: what `change-radar init` (and "Create Manifest…") build from what a
 * repository already knows. Pure: the repository comes in as its tracked file list and a reader.
 */

export type ProposalSource = 'codeowners' | 'backstage' | 'workspaces';

export const proposalSources: readonly ProposalSource[] = ['codeowners', 'backstage', 'workspaces'];

/** The repository as the builders see it: tracked files (repository-relative, `/`) and their text. */
export interface RepoSnapshot {
  readonly files: readonly string[];
  /** The text of a tracked file; undefined when it cannot be read. */
  read(path: string): string | undefined;
}

export interface ProposedSystem {
  readonly id: string;
  readonly title: string;
  readonly paths: readonly string[];
  readonly exclude: readonly string[];
  readonly owners: readonly string[];
  readonly tier?: string;
  readonly dependsOn: readonly string[];
  /** Where the system came from, one line each; written as comments above it. */
  readonly comments: readonly string[];
}

/** A note about an input: a located problem (file, 1-based line) or what was left out and why. */
export interface ProposalNote {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

export interface SourceProposal {
  readonly source: ProposalSource;
  /** The files the systems were read from. */
  readonly inputs: readonly string[];
  readonly systems: readonly ProposedSystem[];
  readonly notes: readonly ProposalNote[];
}

export interface Proposal {
  readonly sources: readonly SourceProposal[];
  /** Every system, ids unique across sources (a clash gets a source prefix). */
  readonly systems: readonly ProposedSystem[];
}

/** `Payments API` → `payments-api`: lower case letters, digits, `.`, `_` and `-`. */
export function toSystemId(text: string): string {
  const id = text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return id === '' ? 'system' : id.slice(0, 80);
}

/** Hands out ids unique within one set: `api`, `api-2`, `api-3`… */
export class IdAllocator {
  private readonly used = new Set<string>();

  constructor(taken: Iterable<string> = []) {
    for (const id of taken) this.used.add(id);
  }

  has(id: string): boolean {
    return this.used.has(id);
  }

  take(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.used.has(id); n++) id = `${wanted}-${n}`;
    this.used.add(id);
    return id;
  }
}

/**
 * A glob (manifest syntax) matching exactly one repository path: anchored, with the characters
 * globs give a meaning to put in one-character classes.
 */
export function literalGlob(path: string): string {
  return `/${path.replace(/[*?[\]{}]/g, (char) => (char === ']' ? ']' : `[${char}]`)).replace(/\\/g, '?')}`;
}

/** The folder of a repository path (`''` for the root). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** A glob for everything in a folder (`''`: the whole repository). */
export function folderGlob(folder: string): string {
  return folder === '' ? '**' : `${literalGlob(folder)}/`;
}

/**
 * Puts the sources together: systems keep their source's ids unless another source already used
 * the id, then it gets the source as a prefix (`backstage-ledger`); `dependsOn` follows the rename.
 * Owners are never merged across sources.
 */
export function combineProposals(sources: readonly SourceProposal[]): Proposal {
  const ids = new IdAllocator();
  const systems: ProposedSystem[] = [];
  const renamed: SourceProposal[] = [];
  for (const source of sources) {
    const rename = new Map<string, string>();
    for (const system of source.systems) {
      rename.set(system.id, ids.take(ids.has(system.id) ? `${source.source}-${system.id}` : system.id));
    }
    const own = source.systems.map((system) => ({
      ...system,
      id: rename.get(system.id) ?? system.id,
      dependsOn: system.dependsOn.map((dep) => rename.get(dep) ?? dep),
    }));
    systems.push(...own);
    renamed.push({ ...source, systems: own });
  }
  return { sources: renamed, systems };
}
