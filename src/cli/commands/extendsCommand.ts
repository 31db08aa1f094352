import { defineCommand, inExtraBundle } from './commandSpec';

/** `extends update|fetch`: its own arguments, parsed by its handler. */
export interface ExtendsCall {
  readonly command: 'extends';
  readonly args: readonly string[];
}

/**
 * `change-radar extends update|fetch`: reviewable bumps of the pins of extended (organisation)
 * manifests, and filling their cache. Its arguments are parsed by its handler (extendsCommand.ts,
 * in cli-extra.js); here only the word and the help.
 */
export const extendsCommand = defineCommand<ExtendsCall>({
  name: 'extends',
  group: 'command',
  synopsis: 'extends update|fetch',
  summary: 'bump the pin of an extended (organisation) manifest; fill its cache',
  parse: (args) => (args.includes('--help') || args.includes('-h') ? { ok: true, call: { command: 'help', topic: 'extends' } } : { ok: true, call: { command: 'extends', args } }),
  help: `Usage: change-radar extends update [ID] [--ref BRANCH] [--dry-run] [-m FILE] [-C DIR]
       change-radar extends fetch [-m FILE] [-C DIR]

update: resolves BRANCH (default: the remote's default branch) of each \`git:\` entry (or only ID),
        rewrites only its \`ref:\` (a \`url:\` entry: its \`sha256:\`), every other byte kept, and fetches.
        --dry-run prints the diff instead of writing.
fetch:  fills the cache (.git/change-radar/extends) with every pinned extended manifest, verified.
Exit codes: 0 done, 2 an entry could not be resolved, fetched or verified, or wrong call.

Every command that reads the manifest fetches a pinned entry missing from the cache; --offline
(or CHANGE_RADAR_OFFLINE=1) forbids it.
`,
  handler: inExtraBundle('runExtends'),
});
