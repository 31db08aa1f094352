/** Types of scripts/l10n.js for the TypeScript tests. */
export interface ExtractedMessage { readonly message: string; readonly where: string }
export function extractFrom(fileName: string, text: string): { messages: ExtractedMessage[]; problems: string[] };
export function extract(files?: string[]): { bundle: Record<string, string>; problems: string[] };
export function check(): string[];
export function compare(name: string, english: Record<string, unknown>, translated: Record<string, unknown>): string[];
