import { defaultDepth } from '../../core/history/incidentChanges';
import type { CommonOptions } from './argValues';
import { formatOption, manifestOption, parseAt, stringValue, usageFail } from './argValues';
import { defineCommand, inExtraBundle } from './commandSpec';

/** `change-radar changes`: what changed before an incident, or on systems (src/cli/changesCommand.ts). */
export interface ChangesCall {
  readonly command: 'changes';
  readonly incident?: string;
  readonly systems?: readonly string[];
  /** `--since` as written: a duration (`24h`) or a time, read later in the manifest's zone. */
  readonly since?: string;
  readonly until?: string;
  readonly depth: number;
  readonly allRefs: boolean;
  readonly options: CommonOptions;
}

/** `changes (--incident ID | --systems a,b) [--since DURATION|TIME] [--until TIME] [--depth N] [--all-refs]`: history work, in cli-extra.js. */
export const changesCommand = defineCommand<ChangesCall>({
  name: 'changes',
  group: 'command',
  synopsis: 'changes --incident ID',
  summary: 'what changed before an incident (or --systems a,b): commits by system',
  options: {
    ...manifestOption, ...formatOption, at: { type: 'string' }, incident: { type: 'string' }, systems: { type: 'string' },
    since: { type: 'string' }, until: { type: 'string' }, depth: { type: 'string' }, 'all-refs': { type: 'boolean' },
  },
  formats: ['text', 'json', 'markdown'],
  arguments: { max: 0 },
  build: ({ values }, common) => {
    const incident = stringValue(values, 'incident');
    const systemsText = stringValue(values, 'systems');
    const systems = systemsText?.split(',').map((id) => id.trim()).filter((id) => id !== '');
    if (systemsText !== undefined && (systems === undefined || systems.length === 0)) usageFail(`--systems expects system ids separated by commas, not '${systemsText}'`);
    if ((incident === undefined) === (systems === undefined)) usageFail('changes needs one of --incident ID or --systems a,b');
    if (incident === '') usageFail('--incident needs an incident id');
    const since = stringValue(values, 'since');
    if (since !== undefined && !/^(\d+(\.\d+)?[mhdwMHDW])+$/.test(since.trim())) parseAt(since, '--since');
    const until = stringValue(values, 'until');
    const depthText = stringValue(values, 'depth');
    const depth = depthText === undefined ? defaultDepth : /^\d{1,2}$/.test(depthText.trim()) ? Number(depthText) : usageFail(`--depth expects a whole number from 0 to 99, not '${depthText}'`);
    return {
      command: 'changes',
      ...(incident !== undefined ? { incident } : {}),
      ...(systems !== undefined ? { systems: [...new Set(systems)] } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until: parseAt(until, '--until') } : {}),
      depth, allRefs: values['all-refs'] === true,
      options: common(),
    };
  },
  help: `Usage: change-radar changes (--incident ID | --systems a,b) [--since DURATION|TIME] [--until TIME]
                              [--depth N] [--all-refs] [--at TIME] [-f text|json|markdown] [-m FILE] [-C DIR]

The commits on HEAD's first-parent history (--all-refs: every ref's) that touch the incident's
systems, or the systems given, and the systems they depend on (dependsOn, up to --depth edges),
newest first. Each says why it is listed (touches ledger (payments depends on ledger)), its pull
request (Merge pull request #N, or a (#N) subject suffix), its Freeze-Override: trailer (marked
override) and how long before the incident's start it was committed.

Options:
      --incident ID        the incident (resolved ones too): its systems and its start
      --systems a,b        these systems instead of an incident's
      --since DURATION     look back this long before the start (default 72h; 90m, 3d, 1w)
      --since TIME         or from this time
      --until TIME         up to this time (default: the incident's resolution, or now)
      --depth N            dependsOn edges followed from the systems (default 2; 0: none)
      --all-refs           every ref's first-parent history instead of HEAD's
      --at TIME            now (default: the clock)
  -f, --format FORMAT      text | json | markdown

Times without an offset are read in the manifest's zone. Exit 0; 2 for a wrong call, an unknown
incident or system, or manifest errors (the answer is still printed).
`,
  handler: inExtraBundle('runChanges'),
});
