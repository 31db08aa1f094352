/*
 * Where a diagnostic's code is documented: the Problems panel shows `diagnostic.code` as a link
 * when it is `{ value, target }`. Manifest problems (parser, loader, `extends:`) link to their row
 * of docs/manifest.md (`#problem-<code>`), save warnings to theirs in docs/warnings.md
 * (`#warning-<code>`). The documentation is the repository's on GitHub, where `npm run package`
 * points the Marketplace page's relative links too (`--baseContentUrl`); a unit test holds both,
 * and package.json's `repository`, to this address and every code the core reports to an anchor.
 * Plain data (no `vscode`): the diagnostics turn the address into a `vscode.Uri`.
 */

export const docsBaseUrl = 'https://github.com/change-radar/change-radar/blob/main/docs/';

/** The documentation of a manifest problem's code: `…/docs/manifest.md#problem-invalid-cron`. */
export function problemCodeDocs(code: string): string {
  return `${docsBaseUrl}manifest.md#problem-${code}`;
}

/** The documentation of a save warning's code: `…/docs/warnings.md#warning-freeze-block`. */
export function warningCodeDocs(code: string): string {
  return `${docsBaseUrl}warnings.md#warning-${code}`;
}

/** A diagnostic's code as written (`freeze-block`), whether it is plain or a `{ value, target }` link. */
export function diagnosticCodeValue(code: string | number | { readonly value: string | number } | undefined): string | number | undefined {
  return typeof code === 'object' ? code.value : code;
}
