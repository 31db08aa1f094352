import { proposalSources } from '../../core/adopt/proposal';
import type { ProposalSource } from '../../core/adopt/proposal';
import type { InitCall } from '../initCommand';
import { formatOption, manifestOption, stringValue, usageFail } from './argValues';
import { defineCommand, inExtraBundle } from './commandSpec';

/** `change-radar init [--from codeowners,backstage,workspaces] [--write] [--force] [-m FILE]`. */
export const initCommand = defineCommand<InitCall>({
  name: 'init',
  group: 'command',
  synopsis: 'init [--write]',
  summary: 'propose ops.yaml from CODEOWNERS, Backstage catalogs, workspaces',
  options: { ...manifestOption, ...formatOption, from: { type: 'string' }, write: { type: 'boolean' }, force: { type: 'boolean' } },
  formats: ['text', 'json'],
  arguments: { max: 0 },
  build: ({ values }, common) => {
    const fromText = stringValue(values, 'from');
    const from = fromText?.split(',').map((item) => item.trim()).filter((item) => item !== '');
    if (from !== undefined) {
      const unknown = from.find((item) => !(proposalSources as readonly string[]).includes(item));
      if (unknown !== undefined || from.length === 0) usageFail(`--from expects a comma-separated list of ${proposalSources.join(', ')}, not '${fromText ?? ''}'`);
    }
    const force = values.force === true;
    const write = values.write === true;
    if (force && !write) usageFail('--force needs --write');
    return { command: 'init', ...(from !== undefined ? { from: [...new Set(from)] as ProposalSource[] } : {}), write, force, options: common() };
  },
  help: `Usage: change-radar init [--from codeowners,backstage,workspaces] [--write [--force]] [-m FILE] [-f text|json] [-C DIR]

Proposes a manifest from what the repository already says (default: every source found):
  codeowners   CODEOWNERS (.github/, root or docs/): for every tracked file the proposal's owners
               are the owners GitHub gives it; systems of one team are merged where that stays exact
  backstage    catalog-info.yaml files: a system per Component and Resource (owner, system, tier
               from the change-radar.dev/tier annotation or the tier label, dependsOn)
  workspaces   npm/yarn/pnpm workspaces, Lerna, Nx projects, Cargo members, go.work modules
Systems from different sources stay apart (a clashing id gets the source as prefix).
Without --write: the proposal on stdout, a summary (sources, notes, coverage) on stderr.
      --write              write it (ops.yaml at the repository root, or -m .github/ops.yaml)
      --force              with --write: replace an existing file (otherwise exit 2, untouched)
`,
  handler: inExtraBundle('runInit'),
});
