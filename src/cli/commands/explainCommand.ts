import type { ExplainCall } from '../reportCommands';
import { formatOption, liveOptions, manifestOption, timingOptions } from './argValues';
import { defineCommand, inMainBundle } from './commandSpec';

/** `change-radar explain PATH`: why a path belongs to its systems. */
export const explainCommand = defineCommand<ExplainCall>({
  name: 'explain',
  group: 'command',
  synopsis: 'explain PATH',
  summary: 'why a path belongs to its systems, and what touches them',
  options: { ...manifestOption, ...timingOptions, ...formatOption, ...liveOptions },
  formats: ['text', 'json', 'markdown'],
  arguments: { required: 'PATH', max: 1 },
  build: ({ positionals }, common) => ({ command: 'explain', path: positionals[0] ?? '', options: common() }),
  help: `Usage: change-radar explain PATH [--at TIME] [--horizon DAYS] [--live [--live-timeout SECS]] [-m FILE] [-f text|json|markdown] [-C DIR]

Which systems own PATH (a directory: it and every tracked file below it) and by which pattern, what depends on them, which freezes, incidents and
milestones touch them, and who owns it (system owners and CODEOWNERS).
`,
  handler: inMainBundle(async () => (await import('../reportCommands')).explain),
});
