import { proposeFromBackstage } from './backstageProposal';
import { proposeFromCodeowners } from './codeownersProposal';
import type { Proposal, ProposalSource, RepoSnapshot, SourceProposal } from './proposal';
import { combineProposals, proposalSources } from './proposal';
import { proposeFromWorkspaces } from './workspacesProposal';

const builders: Record<ProposalSource, (repo: RepoSnapshot) => SourceProposal> = {
  codeowners: proposeFromCodeowners,
  backstage: proposeFromBackstage,
  workspaces: proposeFromWorkspaces,
};

/**
 * The proposal from the sources asked for (default: every source), each source's systems kept
 * apart. A source asked for by name is listed even when nothing was found for it.
 */
export function proposeManifest(repo: RepoSnapshot, from?: readonly ProposalSource[]): Proposal {
  const results = (from ?? proposalSources).map((source) => builders[source](repo));
  return combineProposals(from === undefined ? results.filter((r) => r.inputs.length > 0) : results);
}

const inputNames = /(^|\/)(catalog-info\.ya?ml|package\.json|pnpm-workspace\.ya?ml|lerna\.json|nx\.json|project\.json|Cargo\.toml|go\.work|go\.mod)$/;

/** The tracked files the builders may read (so a caller with asynchronous I/O can read them first). */
export function proposalInputs(files: readonly string[]): string[] {
  return files.filter((file) => inputNames.test(file) || file === 'CODEOWNERS' || file === '.github/CODEOWNERS' || file === 'docs/CODEOWNERS');
}
