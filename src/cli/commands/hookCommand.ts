import type { HookCall, HookRunCall } from '../hookRunCommand';
import { formatOption, manifestOption, noExtraPositionals, timingOptions, usageFail } from './argValues';
import { defineCommand, inMainBundle } from './commandSpec';
import { isWarmHook } from '../../node/hookScript';

/**
 * `change-radar hook install|uninstall|status [--strict]`, and `hook run pre-commit|commit-msg
 * [FILE]` and `hook run post-merge|post-checkout|post-rewrite [ARGS]`, what the installed hooks run
 * (the commit path: entry bundle only).
 */
export const hookCommand = defineCommand<HookCall | HookRunCall>({
  name: 'hook',
  group: 'command',
  synopsis: 'hook install|uninstall|status',
  summary: 'the git hooks (pre-commit and commit-msg, and three that read ahead)',
  options: { ...formatOption, ...manifestOption, ...timingOptions, strict: { type: 'boolean' } },
  formats: ['text', 'json'],
  owns: (call) => call.command === 'hook' || call.command === 'hook-run',
  build: ({ values, positionals }, common) => {
    const [action, ...rest] = positionals;
    const strict = values.strict === true;
    if (action === 'run') {
      const [hook, messageFile] = rest;
      if (hook !== undefined && isWarmHook(hook)) {
        // git passes these hooks their own arguments (revisions, flags): they change nothing here.
        noExtraPositionals('hook run', rest, 4);
        return { command: 'hook-run', hook, strict, options: common(['text'], 'hook-run') };
      }
      if (hook !== 'pre-commit' && hook !== 'commit-msg') usageFail(`hook run expects pre-commit, commit-msg, post-merge, post-checkout or post-rewrite, not '${hook ?? ''}'`);
      if (hook === 'commit-msg' && messageFile === undefined) usageFail('hook run commit-msg needs the commit message file');
      noExtraPositionals('hook run', rest, hook === 'commit-msg' ? 2 : 1);
      return {
        command: 'hook-run', hook, strict,
        ...(messageFile !== undefined ? { messageFile } : {}),
        options: common(['text'], 'hook-run'),
      };
    }
    if (action !== 'install' && action !== 'uninstall' && action !== 'status') {
      usageFail(`hook expects install, uninstall or status, not '${action ?? ''}'`);
    }
    noExtraPositionals(`hook ${action}`, rest, 0);
    return { command: 'hook', action, strict, options: common() };
  },
  help: `Usage: change-radar hook install|uninstall|status [--strict] [-f text|json] [-C DIR]

install    add the pre-commit and commit-msg hooks, and the post-merge, post-checkout and
           post-rewrite hooks that read the manifest in the background after a pull or a
           checkout (so the next commit finds it parsed). An existing hook is kept and run
           first; where a hook manager (husky, lefthook, pre-commit, a versioned
           core.hooksPath) owns the hooks, prints the lines to add instead. --strict makes
           any commit fail while the manifest has errors.
uninstall  remove them and restore whatever was there before, byte for byte.
status     what is installed where.

A commit touching a system under a block freeze is refused unless its message has a
'Freeze-Override: <reason>' trailer. CHANGE_RADAR_SKIP=1 skips the check (with a warning).
`,
  handler: inMainBundle(async () => {
    const { hook, hookRun } = await import('../hookRunCommand');
    return (call: HookCall | HookRunCall, io) => (call.command === 'hook-run' ? hookRun(call, io) : hook(call, io));
  }),
});
