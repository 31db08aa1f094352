import type { Proposal, ProposedSystem } from './proposal';
import { commentText, yamlList, yamlString } from './yamlText';

/** The proposal as a commented `ops.yaml`. Every value from the repository is escaped. */
export function renderProposal(proposal: Proposal): string {
  const lines: string[] = [
    '# Change Radar manifest proposed by `change-radar init`. Review it before committing:',
    '# the systems, ids and titles are guesses from what the repository already says.',
    '# Format: docs/manifest.md of Change Radar; `change-radar coverage` shows what the systems miss.',
  ];
  for (const source of proposal.sources) {
    const from = source.inputs.length === 0 ? 'nothing found' : source.inputs.slice(0, 5).join(', ') + (source.inputs.length > 5 ? `, and ${source.inputs.length - 5} more` : '');
    lines.push(commentText(`# From ${source.source}: ${source.systems.length} system(s) (${from}).`));
  }
  lines.push('version: 1', 'timezone: UTC');
  if (proposal.systems.length === 0) {
    lines.push('systems: {}');
  } else {
    lines.push('systems:');
    for (const system of proposal.systems) lines.push(...renderSystem(system));
  }
  lines.push('freezes: []', '');
  return lines.join('\n');
}

function renderSystem(system: ProposedSystem): string[] {
  const lines = system.comments.map((comment) => `  # ${commentText(comment)}`);
  lines.push(`  ${yamlString(system.id)}:`);
  lines.push(`    title: ${yamlString(system.title)}`);
  lines.push(`    paths:${yamlList(system.paths, '      ')}`);
  if (system.exclude.length > 0) lines.push(`    exclude:${yamlList(system.exclude, '      ')}`);
  if (system.owners.length > 0) lines.push(`    owners:${yamlList(system.owners, '      ')}`);
  if (system.tier !== undefined) lines.push(`    tier: ${yamlString(system.tier)}`);
  if (system.dependsOn.length > 0) lines.push(`    dependsOn:${yamlList(system.dependsOn, '      ')}`);
  return lines;
}
