// Types for markdownCommands.js, used by the TypeScript tests.
export interface MarkdownCommand {
  readonly line: number;
  readonly text: string;
}
export interface MarkdownBlock {
  readonly line: number;
  readonly cwd?: string;
  readonly commands: readonly MarkdownCommand[];
}
export function markdownBlocks(markdown: string, tag: string): MarkdownBlock[];
export function requiredCommands(markdown: string, tag: string, file: string): string[];
