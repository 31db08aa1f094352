import type { CoverageCall } from '../coverageCommand';
import { formatOption, manifestOption, stringValue, usageFail } from './argValues';
import { defineCommand, inExtraBundle } from './commandSpec';

/** `change-radar coverage [--fail-under SHARE] [-m FILE] [-f text|json]`; SHARE from 0 to 1. */
export const coverageCommand = defineCommand<CoverageCall>({
  name: 'coverage',
  group: 'command',
  synopsis: 'coverage',
  summary: "how much of the repository the manifest's systems cover",
  options: { ...manifestOption, ...formatOption, 'fail-under': { type: 'string' } },
  formats: ['text', 'json'],
  arguments: { max: 0 },
  build: ({ values }, common) => {
    const text = stringValue(values, 'fail-under');
    const share = text !== undefined && /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(text.trim()) ? Number(text) : undefined;
    if (text !== undefined && share === undefined) usageFail(`--fail-under expects a share between 0 and 1 (e.g. 0.9), not '${text}'`);
    return { command: 'coverage', ...(share !== undefined ? { failUnder: share } : {}), options: common() };
  },
  help: `Usage: change-radar coverage [--fail-under SHARE] [-m FILE] [-f text|json] [-C DIR]

The share of tracked files (the manifest's own files left out) that belong to at least one
system, the largest uncovered folders, globs that match no tracked file, and files claimed by
several systems. Exit 0, or 1 when the share is below --fail-under (0 to 1, e.g. 0.9).
`,
  handler: inExtraBundle('runCoverage'),
});
