/**
 * One output-sanitising function per place text is shown. Everything that comes from the manifest,
 * CODEOWNERS, git or the environment goes through the function for its format before it is shown:
 *
 * - `escapeText`: terminals and logs. C0/C1 control characters, DEL, line/paragraph separators and
 *   Unicode bidi controls become visible escapes (`\x1b`, `\n`, `\u202e`), so no manifest string
 *   can move the cursor, clear the screen, start a new line (a CI workflow command) or reorder text.
 * - `escapeMarkdown`, `markdownCode`, `markdownLink`: Markdown for pull requests and VS Code hovers.
 *   Context-aware: a character is backslash-escaped only where CommonMark (or GFM: tables,
 *   strikethrough, autolinks) would read it as markup there, so no emphasis, link, HTML, heading,
 *   list or table cell can start, and `INC-4` stays `INC-4`; code spans get a fence longer than
 *   any backtick run inside; only http: and https: URLs become links.
 * - `escapeJson`: JSON.stringify, plus `\u` escapes for what it leaves raw (DEL, C1, U+2028/2029,
 *   bidi controls).
 * - `escapeIcons`: manifest text inside VS Code labels that render `$(name)` as an icon (status bar,
 *   quick picks): `$(` is made literal with a backslash, so manifest text cannot draw icons.
 * - `escapeLabel`: a whole label made of manifest text: `escapeText` and `escapeIcons`.
 * The `github` format has its own escaping (formatGithub.ts), as the workflow-command syntax needs.
 */

/** Characters never shown raw: C0, DEL, C1, line/paragraph separators, bidi embeddings/overrides/isolates/marks. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to find
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

const unsafeAboveC0 = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  const named_ = named[char];
  if (named_ !== undefined) {
    return named_;
  }
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Plain text for a terminal or a log: one line, nothing the terminal would act on. */
export function escapeText(text: string): string {
  return text.replace(unsafe, visible);
}

/** Manifest text inside a VS Code label that renders `$(name)` icons: the icon syntax made literal. */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** A VS Code label (status bar, quick pick) made of manifest text: plain text, and no `$(icon)` syntax. */
export function escapeLabel(text: string): string {
  return escapeIcons(escapeText(text));
}

/** Every string in a value (objects, arrays) escaped with `escapeText`; other values kept. */
export function escapeTextDeep<T>(value: T): T {
  return mapStrings(value, escapeText) as T;
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') {
    return map(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => mapStrings(item, map));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = mapStrings(item, map);
    }
    return out;
  }
  return value;
}

/** A character that CommonMark counts as whitespace or as punctuation next to an emphasis run. */
const whitespace = /\s/u;
const punctuation = /[\p{P}\p{S}]/u;

/**
 * Whether the run of `*` or `_` at `start..end` (exclusive) could open or close emphasis
 * (CommonMark's flanking rules). The text's own start and end count as unknown neighbours (the
 * caller may put `**` or a letter there), so a run touching them is always escaped.
 */
function emphasisCapable(text: string, start: number, end: number): boolean {
  if (start === 0 || end === text.length) return true;
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  if (whitespace.test(before) && whitespace.test(after)) return false;
  if (text[start] === '_' && !whitespace.test(before) && !punctuation.test(before) && !whitespace.test(after) && !punctuation.test(after)) {
    return false;
  }
  return true;
}

/** Block syntax a line may start with: heading, quote, list item, thematic break, setext underline, table. */
function escapeLineStart(text: string): string {
  const ordered = /^(\d{1,9})([.)])(?=\s|$)/.exec(text);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${text.slice(ordered[0].length)}`;
  if (/^(#{1,6}(?=\s|$)|>|=+\s*$|[-+](?=\s|$)|-+\s*$)/.test(text)) return `\\${text}`;
  // Leading spaces would be dropped, indent the text into a code block, or stop a `**` before them from opening.
  return text.replace(/^ +/, (spaces) => '&#32;'.repeat(spaces.length));
}

/**
 * Text inside Markdown (a paragraph, a list item, a heading or a GFM table cell, also at the start
 * of a line): renders literally, one line, no HTML, link, emphasis, heading or list. Only what would
 * change the rendering at its position is escaped, so ids such as `INC-4`, `snake_case`,
 * `2026-12-24 10:00` and `@acme/storefront` stay readable in the raw text a reviewer sees.
 */
export function escapeMarkdown(text: string): string {
  const line = escapeText(text);
  let out = '';
  let index = 0;
  while (index < line.length) {
    const char = line[index] ?? '';
    if (char === '*' || char === '_') {
      let end = index;
      while (line[end] === char) end++;
      const run = line.slice(index, end);
      out += emphasisCapable(line, index, end) ? run.replace(/./g, (c) => `\\${c}`) : run;
      index = end;
      continue;
    }
    out += escapeInline(line, index, char);
    index++;
  }
  // Trailing spaces would be dropped, make a hard line break, or stop a `**` after them from closing;
  // in a heading, a trailing ` #` would be read as its closing sequence and dropped.
  return escapeLineStart(out).replace(/(?<=\s)#+$/, (hashes) => `\\${hashes}`).replace(/ +$/, (spaces) => '&#32;'.repeat(spaces.length));
}

/** One character of inline text: escaped when it could start markup at this position. */
function escapeInline(line: string, index: number, char: string): string {
  switch (char) {
    // Code spans, links and images, footnotes, tables, strikethrough, math, and the backslash itself.
    case '\\': case '`': case '[': case ']': case '|': case '~': case '$':
      return `\\${char}`;
    // HTML and autolinks.
    case '<':
      return '\\<';
    // An entity or numeric character reference (`&lt;`, `&#60;`).
    case '&':
      return /^&(#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{0,31});/.test(line.slice(index)) ? '\\&' : char;
    // GFM's extended autolinks (`https://…`, `www.…`) and GitHub's emoji shortcodes (`:rocket:`).
    case ':':
      return line.startsWith('//', index + 1) || /^:(?=[\w+-]*[a-z])[\w+-]+:/i.test(line.slice(index)) ? '\\:' : char;
    case '.':
      return /(^|[^\w.])www$/i.test(line.slice(0, index)) ? '\\.' : char;
    default:
      return char;
  }
}

/**
 * A Markdown code span that no backtick inside can close: the fence is one longer than the longest
 * run inside, padded with a space when the text starts or ends with a backtick. Control characters
 * are shown escaped. `inTable`: `|` becomes `\|`, which GFM unescapes inside table cells.
 */
export function markdownCode(text: string, options: { inTable?: boolean } = {}): string {
  if (text === '') {
    return '` `';
  }
  let body = escapeText(text);
  if (options.inTable === true) {
    body = body.replace(/\|/g, '\\|');
  }
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** The URL when it is a well-formed http: or https: URL (normalised), else undefined. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '') {
    return undefined;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Markdown link when the URL is http(s), else the label followed by the URL as code (never a
 * link: `javascript:`, `command:`, `file:` and the like are shown, not followed).
 */
export function markdownLink(label: string, url: string, options: { inTable?: boolean } = {}): string {
  const safe = safeHttpUrl(url);
  if (safe === undefined) {
    return `${escapeMarkdown(label)} (${markdownCode(url, options)})`;
  }
  // Parentheses, brackets, pipes and angle brackets would end or break the destination or a table cell.
  const destination = safe.replace(/[()<>[\]|\\` ]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(label)}](${destination})`;
}

/** JSON with no raw control character, separator or bidi control (all as `\u` escapes). */
export function escapeJson(value: unknown, indent = 2): string {
  // JSON.stringify already escapes C0 inside strings; the layout's own newlines stay.
  return JSON.stringify(value, null, indent).replace(unsafeAboveC0, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
