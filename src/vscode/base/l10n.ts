import * as l10n from '@vscode/l10n';
import type { L10nReplacement, l10nJsonFormat } from '@vscode/l10n';

/*
 * Every user-facing string of the extension goes through `t` (the CLI keeps English). The view
 * models are plain modules tested in Node without VS Code, so they cannot call `vscode.l10n.t`:
 * they call this `t`, which reads the bundle VS Code loaded for the display language. The bundle
 * is kept on `globalThis` because the extension is two bundles (extension.js and the lazily loaded
 * extension-features.js), each with its own copy of this module; activation stores it once.
 * Without a bundle (English, or plain Node), `t` returns the message with its arguments filled in.
 */

const bundleKey = Symbol.for('change-radar.l10n.bundle');
type WithBundle = { [bundleKey]?: l10nJsonFormat };

let configuredWith: l10nJsonFormat | undefined;

/** The message in the display language, `{0}`-style or `{name}`-style placeholders filled in. */
export function t(message: string, ...args: L10nReplacement[] | [Record<string, L10nReplacement>]): string {
  const bundle = (globalThis as WithBundle)[bundleKey];
  if (bundle !== configuredWith) {
    configuredWith = bundle;
    l10n.config({ contents: bundle ?? {} });
  }
  if (args.length === 1 && typeof args[0] === 'object') {
    return l10n.t(message, args[0]);
  }
  return l10n.t(message, ...(args as L10nReplacement[]));
}

/** Stores the bundle VS Code loaded (`vscode.l10n.bundle`; undefined for English) for every copy of `t`. */
export function useL10nBundle(bundle: l10nJsonFormat | undefined): void {
  (globalThis as WithBundle)[bundleKey] = bundle;
}
