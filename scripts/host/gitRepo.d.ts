// Types for gitRepo.js, so TypeScript suites (in the extension host and in Node) can use it.
export interface FixtureCommit {
  readonly message: string;
  readonly files: Readonly<Record<string, string>>;
  /** ISO date for author and committer. */
  readonly date?: string;
}
export interface CreateGitRepoOptions {
  readonly dir?: string;
  readonly commits?: readonly FixtureCommit[];
  /** Written after the commits and left uncommitted. */
  readonly files?: Readonly<Record<string, string>>;
  /** Stage `files` (git add) instead of leaving them untracked/modified. */
  readonly stage?: boolean;
}
export function git(cwd: string, args: readonly string[], env?: Readonly<Record<string, string>>): string;
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void;
export function stageFiles(dir: string, paths: readonly string[]): void;
export function commitAll(dir: string, message: string, date?: string): string;
export function createGitRepo(options?: CreateGitRepoOptions): string;
export function createFixtureWorkspace(options?: { readonly dir?: string; readonly source?: string }): string;
export function fixtureSourceDir(): string;
export function listFiles(dir: string): string[];
