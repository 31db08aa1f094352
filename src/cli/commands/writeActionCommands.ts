import { parseEditCommand } from '../editArgs';
import type { EditCall } from '../editArgs';
import { defineCommand, inExtraBundle } from './commandSpec';

/**
 * The write actions (`incident`, `freeze`, `override`, `milestone`): each a verb and the options
 * that verb takes, parsed by editArgs.ts; run from cli-extra.js (editCommands.ts).
 */

const editCommon = `
Every write action: times without an offset are read and written in the manifest's zone as
YYYY-MM-DD HH:mm; the result is validated (an edit that adds a problem is refused) and written
atomically. Bad input exits 2 and writes nothing.

Options:
      --dry-run            print the change as a unified diff; write nothing (exit 0)
  -f, --format FORMAT      text | json (json: the entry written: action, id, file, fields)
  -m, --manifest FILE      the manifest (default: the nearest ops.yaml or .github/ops.yaml)
  -C, --cwd DIR            run as if started in DIR
`;

export const incidentCommand = defineCommand<EditCall>({
  name: 'incident',
  group: 'write',
  synopsis: 'incident declare|update|resolve',
  summary: "declare an incident, change its status, resolve it",
  takesVerb: true,
  owns: (call) => call.command === 'edit' && call.topic === 'incident',
  parse: (args) => parseEditCommand('incident', args),
  help: `Usage: change-radar incident declare --severity SEV --systems a,b --title TEXT [--freeze block|warn]
                                [--commander X] [--url U] [--id ID] [--at TIME]
       change-radar incident update ID [--status STATUS] [--severity SEV] [--title T] [--commander X] [--url U]
       change-radar incident resolve ID [--at TIME]

declare  appends an incident (status investigating, started --at, default now) to the file that
         holds \`incidents\`; the id is the next after the highest with the same prefix (INC-2043).
update   sets fields of an incident (status: investigating, identified, monitoring).
resolve  writes status: resolved and resolved: --at (not before started).
${editCommon}`,
  handler: inExtraBundle('runEdit'),
});

export const freezeCommand = defineCommand<EditCall>({
  name: 'freeze',
  group: 'write',
  synopsis: 'freeze now|end|extend',
  summary: "freeze systems now, end a freeze early, extend it",
  takesVerb: true,
  owns: (call) => call.command === 'edit' && call.topic === 'freeze',
  parse: (args) => parseEditCommand('freeze', args),
  help: `Usage: change-radar freeze now (--systems a,b | --tiers 1,2 | --all) (--for 4h | --until TIME) [--warn]
                            --reason TEXT [--title TEXT] [--id ID] [--at TIME]
       change-radar freeze end ID [--at TIME] [--approved-by X] [--reason TEXT]
       change-radar freeze extend ID --until TIME

now      appends a freeze from --at (default now) for a duration (30m, 4h, 1d12h, 2w) or until a
         time; block unless --warn. The id is like freeze-2026-12-02-1; --title names it in
         the views and warnings (without one they show the id).
end      sets the freeze's end to --at (an end before its start is refused). A recurring freeze
         keeps its schedule: its current window is lifted by an approved override (needs
         --approved-by) that expires when the window would have ended.
extend   sets a later end. A recurring freeze cannot be extended (add a freeze with 'freeze now').
${editCommon}`,
  handler: inExtraBundle('runEdit'),
});

export const overrideCommand = defineCommand<EditCall>({
  name: 'override',
  group: 'write',
  synopsis: 'override add',
  summary: "approve an exception to a freeze",
  takesVerb: true,
  owns: (call) => call.command === 'edit' && call.topic === 'override',
  parse: (args) => parseEditCommand('override', args),
  help: `Usage: change-radar override add --freeze ID [--paths g1,g2] --approved-by X --reason TEXT [--expires TIME]

Approves an exception to a freeze: for the paths given (globs; default every file the freeze
covers), until --expires (default never).
${editCommon}`,
  handler: inExtraBundle('runEdit'),
});

export const milestoneCommand = defineCommand<EditCall>({
  name: 'milestone',
  group: 'write',
  synopsis: 'milestone set P/M',
  summary: "set a milestone's status",
  takesVerb: true,
  owns: (call) => call.command === 'edit' && call.topic === 'milestone',
  parse: (args) => parseEditCommand('milestone', args),
  help: `Usage: change-radar milestone set PROJECT/MILESTONE --status planned|in-progress|done|blocked
${editCommon}`,
  handler: inExtraBundle('runEdit'),
});
