import * as l10n from '@vscode/l10n';
import type { L10nReplacement, l10nJsonFormat } from '@vscode/l10n';
import { defaultLocale } from '../../report/timeText';

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

/*
 * The display language's locale, for dates (`Intl.DateTimeFormat`): activation stores
 * `vscode.env.language` beside the bundle, for both bundles' copies of this module. Without it
 * (plain Node, the tests) dates read as the CLI's, in en-US.
 */
const localeKey = Symbol.for('change-radar.l10n.locale');
type WithLocale = { [localeKey]?: string };

/** The locale dates are written and spoken in: the display language when Intl knows it, else en-US. */
export function displayLocale(): string {
  return (globalThis as WithLocale)[localeKey] ?? defaultLocale;
}

/** Stores the display language (`vscode.env.language`, e.g. `de`, `pt-br`); English, unknown or undefined means en-US. */
export function useDisplayLanguage(language: string | undefined): void {
  let locale: string | undefined;
  try {
    locale = language === undefined || /^en(-us)?$/i.test(language) ? undefined : Intl.DateTimeFormat.supportedLocalesOf([language])[0];
  } catch {
    // Not a well-formed language tag (e.g. the pseudo-locale `qps-ploc`): dates stay en-US.
    locale = undefined;
  }
  (globalThis as WithLocale)[localeKey] = locale;
}
