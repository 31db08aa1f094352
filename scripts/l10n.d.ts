/** Types of scripts/l10n.js for the TypeScript tests. */
/** `key`: the bundle key (the message, or `<other>/one` for a `tn()` call's `one` form); `message`: the English text. */
export interface ExtractedMessage { readonly key: string; readonly message: string; readonly where: string }
export function extractFrom(fileName: string, text: string): { messages: ExtractedMessage[]; plurals: Array<{ other: string; where: string }>; problems: string[] };
export function extract(files?: string[]): { bundle: Record<string, string>; plurals: Set<string>; problems: string[] };
export function check(dir?: string): string[];
export function compare(name: string, english: Record<string, unknown>, translated: Record<string, unknown>, plural?: { plurals: Set<string>; language: string }): string[];
