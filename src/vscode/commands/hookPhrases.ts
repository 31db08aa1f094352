import type { HookPhrases } from '../../node/hookPhrases';
import { t } from '../base/l10n';

/** What Install / Uninstall Git Hooks did to each hook, in the display language (node/hookPhrases.ts has the CLI's English). */
export const localHookPhrases: HookPhrases = {
  installed: (hook) => t('{0}: installed', hook),
  chained: (hook, chainedName) => t('{0}: installed; the existing hook now runs first from {1}', hook, chainedName),
  updated: (hook) => t('{0}: updated', hook),
  unchanged: (hook) => t('{0}: already installed', hook),
  conflict: (hook, file, chained) => t('{hook}: both {file} and {chained} exist; move one of them away and run install again', { hook, file, chained }),
  removed: (hook) => t('{0}: removed', hook),
  restored: (hook) => t('{0}: removed; the previous hook is back in place', hook),
  absent: (hook) => t('{0}: was not installed', hook),
  foreignKept: (hook) => t('{0}: not ours, left alone', hook),
};
