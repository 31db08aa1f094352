import * as path from 'node:path';

/**
 * The lines that say what `hook install` / `hook uninstall` did to each hook, as functions of their
 * facts. The CLI prints `englishHookPhrases` (the installer's `message`); the extension words the
 * same facts in its display language (src/vscode/commands/hookPhrases.ts) through {@link hookChangeText}.
 */

export type InstallAction = 'installed' | 'chained' | 'updated' | 'unchanged' | 'conflict';
export type UninstallAction = 'removed' | 'restored' | 'absent' | 'foreign-kept';

/** What install or uninstall did to one hook file. */
export interface HookChangeFacts {
  readonly hook: string;
  readonly path: string;
  readonly action: InstallAction | UninstallAction;
  readonly chainedPath?: string;
}

export interface HookPhrases {
  installed(hook: string): string;
  /** Installed; the hook that was there runs first, from `chainedName` (a file name in the hooks folder). */
  chained(hook: string, chainedName: string): string;
  updated(hook: string): string;
  unchanged(hook: string): string;
  /** Both `file` and `chained` exist: nothing written. */
  conflict(hook: string, file: string, chained: string): string;
  removed(hook: string): string;
  restored(hook: string): string;
  absent(hook: string): string;
  foreignKept(hook: string): string;
}

const englishHookPhrases: HookPhrases = {
  installed: (hook) => `${hook}: installed`,
  chained: (hook, chainedName) => `${hook}: installed; the existing hook now runs first from ${chainedName}`,
  updated: (hook) => `${hook}: updated`,
  unchanged: (hook) => `${hook}: already installed`,
  conflict: (hook, file, chained) => `${hook}: both ${file} and ${chained} exist; move one of them away and run install again`,
  removed: (hook) => `${hook}: removed`,
  restored: (hook) => `${hook}: removed; the previous hook is back in place`,
  absent: (hook) => `${hook}: was not installed`,
  foreignKept: (hook) => `${hook}: not ours, left alone`,
};

/** The line for one hook's change, in `phrases`. */
export function hookChangeText(change: HookChangeFacts, phrases: HookPhrases = englishHookPhrases): string {
  const chained = change.chainedPath ?? '';
  switch (change.action) {
    case 'installed': return phrases.installed(change.hook);
    case 'chained': return phrases.chained(change.hook, path.basename(chained));
    case 'updated': return phrases.updated(change.hook);
    case 'unchanged': return phrases.unchanged(change.hook);
    case 'conflict': return phrases.conflict(change.hook, change.path, chained);
    case 'removed': return phrases.removed(change.hook);
    case 'restored': return phrases.restored(change.hook);
    case 'absent': return phrases.absent(change.hook);
    case 'foreign-kept': return phrases.foreignKept(change.hook);
  }
}
