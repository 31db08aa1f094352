// Hover and tooltip Markdown is shown in an untrusted MarkdownString (no command links, no HTML);
// every manifest string in it still goes through report/escape.ts.
export { escapeMarkdown, markdownLink, safeHttpUrl } from '../../../report/escape';
import { markdownCode } from '../../../report/escape';

/** An inline code span that no backtick inside can close. */
export function codeSpan(text: string): string {
  return markdownCode(text);
}

/** `- **label:** value` lines for the rows whose value is present. */
export function fieldLines(fields: ReadonlyArray<readonly [string, string | undefined]>): string[] {
  return fields.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `- **${k}:** ${v}`);
}
