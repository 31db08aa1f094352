import type { StatusCall } from '../reportCommands';
import { formatOption, liveOptions, manifestOption, timingOptions } from './argValues';
import { defineCommand, inMainBundle } from './commandSpec';

/** `change-radar status`: what is going on now. */
export const statusCommand = defineCommand<StatusCall>({
  name: 'status',
  group: 'command',
  synopsis: 'status',
  summary: 'active incidents, active and upcoming freezes, milestones at risk',
  options: { ...manifestOption, ...timingOptions, ...formatOption, ...liveOptions },
  formats: ['text', 'json', 'markdown'],
  arguments: { max: 0 },
  build: (_tokens, common) => ({ command: 'status', options: common() }),
  help: `Usage: change-radar status [--at TIME] [--horizon DAYS] [--live [--live-timeout SECS]] [-m FILE] [-f text|json|markdown] [-C DIR]

Active incidents, active and upcoming freezes, and milestones at risk with their reasons.
`,
  handler: inMainBundle(async () => (await import('../reportCommands')).status),
});
