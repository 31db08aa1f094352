import type { ChangedCommit, ChangeWindow } from '../../core/history/incidentChanges';
import { changeWindow, defaultDepth, pathspecsOf, scopeSystems, sortCommits } from '../../core/history/incidentChanges';
import type { Incident, SystemDef } from '../../core/model';
import { PathIndex } from '../../core/paths/pathIndex';
import { openGit } from '../../node/gitChanges';
import { commitsTouching } from '../../node/history/gitHistory';

/**
 * The editor's "what changed before this incident?": the same steps as `change-radar changes`
 * (src/cli/changesCommand.ts) — window, scope through `dependsOn`, pathspecs, one `git log`
 * (node/history/gitHistory.ts `commitsTouching`), sorting into systems — run when a row is
 * expanded or the command asks, never on activation, and kept per incident and HEAD.
 */

export type IncidentRef = Pick<Incident, 'id' | 'systems' | 'started' | 'resolved'>;

export interface IncidentChanges {
  readonly window: ChangeWindow;
  readonly commits: readonly ChangedCommit[];
  /** `origin`'s URL, for pull-request links; undefined without one. */
  readonly remote?: string;
}

/** A file a commit changes against its first parent: `A`dded, `M`odified, `D`eleted (type changes read as `M`). */
export interface CommitFile {
  readonly status: 'A' | 'M' | 'D';
  readonly path: string;
}

export class IncidentHistory {
  /** By folder + incident: the newest answer only (a new HEAD replaces it), so the cache stays as small as the incident list. */
  private readonly cache = new Map<string, { readonly key: string; readonly answer: Promise<IncidentChanges> }>();
  /** Commit count of the last answer per folder + incident, for the row's `(N)` before it is expanded again. */
  private readonly counts = new Map<string, number>();

  /** The incident's changes in `root`'s repository; errors (no git, not a repository) reject with git's message. */
  async changes(root: string, systems: readonly SystemDef[], incident: IncidentRef, now: number): Promise<IncidentChanges> {
    const git = openGit(root);
    // Empty on an unborn branch (no history yet); rejects outside a repository.
    const head = (await git.raw(['rev-parse', '-q', '--verify', 'HEAD'])).trim();
    const roots = incident.systems.includes('*') ? systems.map((s) => s.id) : incident.systems;
    const scope = scopeSystems(systems, roots, defaultDepth);
    const inScope = new Set(scope.map((s) => s.id));
    const scoped = systems.filter((s) => inScope.has(s.id));
    // An open incident's window ends now; the cache keeps it until HEAD (or the incident, or the systems) change.
    const key = JSON.stringify([root, incident.id, incident.started, incident.resolved, head, scope, scoped.map((s) => [s.paths, s.exclude])]);
    const slot = `${root}\0${incident.id}`;
    let answer = this.cache.get(slot)?.key === key ? this.cache.get(slot)?.answer : undefined;
    if (answer === undefined) {
      const computing = this.compute(root, scope, scoped, incident, now, head);
      answer = computing;
      this.cache.set(slot, { key, answer: computing });
      computing.catch(() => {
        if (this.cache.get(slot)?.answer === computing) this.cache.delete(slot);
      });
    }
    const result = await answer;
    this.counts.set(`${root}\0${incident.id}`, result.commits.length);
    return result;
  }

  /** How many commits the last answer for this incident listed, if it was asked. */
  lastCount(root: string, incidentId: string): number | undefined {
    return this.counts.get(`${root}\0${incidentId}`);
  }

  private async compute(root: string, scope: ReturnType<typeof scopeSystems>, scoped: readonly SystemDef[], incident: IncidentRef, now: number, head: string): Promise<IncidentChanges> {
    const window = changeWindow({ incident, now });
    if (typeof window === 'string') throw new Error(window);
    const git = openGit(root);
    const [raw, remote] = await Promise.all([
      head === '' ? Promise.resolve([]) : commitsTouching(root, { from: window.from, to: window.to, pathspecs: pathspecsOf(scoped), head }, git),
      git.raw(['config', '--get', 'remote.origin.url']).then((out) => out.trim(), () => ''),
    ]);
    const index = PathIndex.build(scoped.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })));
    const commits = sortCommits(raw, scope, (path) => index.match(path), window, incident.started);
    return { window, commits, ...(remote !== '' ? { remote } : {}) };
  }
}

/** The files `sha` changes against its first parent (the empty tree for a root commit), for its diff. */
export async function commitFiles(root: string, sha: string): Promise<CommitFile[]> {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) throw new Error(`not a commit id: ${sha}`);
  const out = await openGit(root).raw(['-c', 'core.quotePath=false', 'diff-tree', '-r', '-z', '--no-commit-id', '--name-status', '--no-renames', '--root', '--diff-merges=first-parent', sha]);
  const fields = out.split('\0').filter((f) => f !== '');
  const files: CommitFile[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const letter = (fields[i] ?? '').charAt(0);
    const path = fields[i + 1] ?? '';
    files.push({ status: letter === 'A' ? 'A' : letter === 'D' ? 'D' : 'M', path });
  }
  return files;
}
