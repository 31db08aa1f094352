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
