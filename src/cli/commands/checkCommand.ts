import type { CheckCall } from '../reportCommands';
import { formatOption, liveOptions, manifestOption, stringValue, timingOptions, usageFail } from './argValues';
import { defineCommand, inMainBundle } from './commandSpec';
import { readWindow } from '../gateArgs';

/** `change-radar check [PATH...] [--staged] [--base REF [--head REF]]`: may this change ship. */
export const checkCommand = defineCommand<CheckCall>({
  name: 'check',
  group: 'command',
  synopsis: 'check [PATH...]',
  summary: 'what a change touches, impacts and is blocked by (exit 1 when blocked)',
  options: {
    ...manifestOption, ...timingOptions, ...formatOption, ...liveOptions,
    staged: { type: 'boolean' }, base: { type: 'string' }, head: { type: 'string' }, 'message-file': { type: 'string' }, window: { type: 'string' },
  },
  formats: ['text', 'json', 'markdown', 'github'],
  build: ({ values, positionals }, common) => {
    const base = stringValue(values, 'base');
    const head = stringValue(values, 'head');
    const messageFile = stringValue(values, 'message-file');
    if (head !== undefined && base === undefined) usageFail('--head needs --base');
    // Each names a different change set: refuse the pair rather than silently use one of them.
    if (values.staged === true && base !== undefined) usageFail('--staged and --base name different change sets; give one of them');
    const windowText = stringValue(values, 'window');
    const window = windowText !== undefined ? readWindow(windowText) : undefined;
    if (window !== undefined && 'error' in window) usageFail(window.error);
    if (window !== undefined && values.at !== undefined) usageFail('--at and --window name different times; give one of them');
    return {
      command: 'check',
      paths: positionals,
      staged: values.staged === true,
      ...(base !== undefined ? { base } : {}),
      ...(head !== undefined ? { head } : {}),
      ...(messageFile !== undefined ? { messageFile } : {}),
      ...(window !== undefined ? { window: window.window } : {}),
      options: common(),
    };
  },
  help: `Usage: change-radar check [PATH...] [--staged] [--base REF [--head REF]] [options]

The change set, first that applies: the PATHs given (a directory: every tracked file below it,
and the directory itself); --staged (the index against HEAD); --base/--head (the diff from the
merge-base of the two, head defaulting to HEAD); otherwise staged + unstaged + untracked files.
A rename counts both its old and new path. A change that edits the manifest is judged by the
manifest before it too: it cannot lift a freeze for itself, and the edit is summarised.

Options:
      --staged             staged changes only (not with --base)
      --base REF           compare with the merge-base of REF and --head
      --head REF           default HEAD
      --message-file FILE  honour a Freeze-Override: trailer in this commit message file
      --window START/END   a change planned for that window: every freeze occurrence that
                           overlaps it, with the overlap; exit 1 when a block freeze does
                           (END: a time or a duration such as 2h; not with --at)
      --at TIME            evaluate at this ISO-8601 instant (default: now)
      --horizon DAYS       report freezes starting within DAYS (default: 7)
      --live               include what the manifest's sources (Statuspage, PagerDuty) report now
      --live-timeout SECS  network budget per source (default: 5); a failing source is a warning
  -m, --manifest FILE      the manifest (default: the nearest ops.yaml or .github/ops.yaml, walking up)
  -f, --format FORMAT      text | json | markdown | github
  -C, --cwd DIR            run as if started in DIR

Exit codes: 0 nothing blocks (warnings allowed), 1 blocked (even when the manifest has errors:
invalid freezes are in force), 2 manifest errors with nothing blocking, or wrong call.
`,
  handler: inMainBundle(async () => (await import('../reportCommands')).check),
});
