/** Escapes text from the manifest so that it renders literally inside Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** A link only for http(s) URLs; other schemes (command:, file:, javascript:) are never linked. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) {
    return undefined;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** `- **label:** value` lines for the rows whose value is present. */
export function fieldLines(fields: ReadonlyArray<readonly [string, string | undefined]>): string[] {
  return fields.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `- **${k}:** ${v}`);
}
