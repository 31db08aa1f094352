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

/*
 * Messages that depend on a count: `tn(count, { one, other }, …args)`. The English source gives the
 * two forms English has; a translation keys every form by the `other` message, `other` itself for
 * its `other` category and `<other>/<category>` for the rest (`{0} files/one`, `{0} files/few`,
 * `{0} files/many`), one key for each category its language has (Intl.PluralRules). The key is the
 * one @vscode/l10n gives `{ message: other, comment: category }`. `scripts/l10n.js` writes the English
 * `/one` keys and checks that a translation's category keys are exactly its language's categories.
 * Counts pick their category by the display language's rules when a bundle is loaded, by English
 * rules when not (the text is English then); a category the bundle lacks reads as its `other`.
 */

/** The English forms of a message that depends on a count: `one` (1) and `other` (0, 2, 3, …). Both name the count as a placeholder (`{0} file`, never `1 file`): in other languages `one` also covers 21 or 0. */
export interface PluralForms {
  readonly one: string;
  readonly other: string;
}

const pluralRulesByLocale = new Map<string, Intl.PluralRules>();

function pluralRules(locale: string): Intl.PluralRules {
  let rules = pluralRulesByLocale.get(locale);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale);
    pluralRulesByLocale.set(locale, rules);
  }
  return rules;
}

function bundleMessage(bundle: l10nJsonFormat, key: string): string | undefined {
  const entry = Object.prototype.hasOwnProperty.call(bundle, key) ? bundle[key] : undefined;
  const message = typeof entry === 'string' ? entry : entry?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/** `{0}` and `{name}` filled in as @vscode/l10n does (an unknown placeholder stays as written). */
function fill(template: string, args: L10nReplacement[] | [Record<string, L10nReplacement>]): string {
  const [first] = args;
  const values: Record<string, L10nReplacement> = args.length === 1 && typeof first === 'object' ? first : Object.fromEntries(args.map((value, index) => [String(index), value as L10nReplacement]));
  return template.replace(/{([^}]+)}/g, (match, name: string) => {
    const value = values[name];
    return value === undefined ? match : String(value);
  });
}

/**
 * The form of `forms` that `count` takes in the display language, its placeholders filled in:
 * `tn(n, { one: '{0} file', other: '{0} files' }, n)`. The count is not a placeholder by itself:
 * pass it among `args` where the message shows it.
 */
export function tn(count: number, forms: PluralForms, ...args: L10nReplacement[] | [Record<string, L10nReplacement>]): string {
  const bundle = (globalThis as WithBundle)[bundleKey];
  const other = bundle === undefined ? undefined : bundleMessage(bundle, forms.other);
  if (bundle === undefined || other === undefined) {
    return fill(pluralRules('en').select(count) === 'one' ? forms.one : forms.other, args);
  }
  const category = pluralRules(displayLocale()).select(count);
  return fill((category === 'other' ? undefined : bundleMessage(bundle, `${forms.other}/${category}`)) ?? other, args);
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
