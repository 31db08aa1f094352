import type { ValidateCall } from '../reportCommands';
import { formatOption, manifestOption } from './argValues';
import { defineCommand, inMainBundle } from './commandSpec';

/** `change-radar validate`: every problem of the manifest. */
export const validateCommand = defineCommand<ValidateCall>({
  name: 'validate',
  group: 'command',
  synopsis: 'validate',
  summary: 'check the manifest; every problem with its location',
  options: { ...manifestOption, ...formatOption },
  formats: ['text', 'json', 'github'],
  arguments: { max: 0 },
  build: (_tokens, common) => ({ command: 'validate', options: common() }),
  help: `Usage: change-radar validate [-m FILE] [-f text|json|github] [-C DIR]

Every problem in the manifest (and its includes, and CODEOWNERS) as file:line:col: severity code: message.
Exit 0 when the manifest is valid (warnings allowed), 2 when it has errors.
`,
  handler: inMainBundle(async () => (await import('../reportCommands')).validate),
});
