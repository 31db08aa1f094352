import { Parser } from 'commonmark';
import type { Node, NodeType } from 'commonmark';

/**
 * Markdown as a reader sees it, through the CommonMark reference implementation (commonmark.js):
 * the element types in document order, and the text of every paragraph/heading/item as rendered
 * (escapes and entities resolved). The tests compare this, not the raw bytes.
 */
export interface RenderedMarkdown {
  /** Every node type entered, in document order (`document`, `heading`, `paragraph`, `text`, `strong`, …). */
  readonly types: readonly NodeType[];
  /** The text of each block that holds inline content (paragraph, heading), soft breaks as `\n`. */
  readonly blocks: readonly string[];
  /** Destinations of links and images. */
  readonly destinations: readonly string[];
  /** The text inside each `strong` element. */
  readonly strong: readonly string[];
  /** Raw HTML the renderer would pass through, inline or as blocks. */
  readonly html: readonly string[];
  /** All text, blocks joined by newlines. */
  readonly text: string;
}

export function renderMarkdown(markdown: string): RenderedMarkdown {
  const root: Node = new Parser().parse(markdown);
  const types: NodeType[] = [];
  const blocks: string[] = [];
  const destinations: string[] = [];
  const html: string[] = [];
  const strong: string[] = [];
  let inStrong: string | undefined;
  let current: string | undefined;
  const walker = root.walker();
  for (let event = walker.next(); event !== null; event = walker.next()) {
    const { node, entering } = event;
    const holdsInline = node.type === 'paragraph' || node.type === 'heading';
    if (holdsInline) {
      if (entering) {
        current = '';
      } else {
        blocks.push(current ?? '');
        current = undefined;
      }
    }
    if (node.type === 'strong') {
      if (entering) {
        inStrong = '';
      } else {
        strong.push(inStrong ?? '');
        inStrong = undefined;
      }
    }
    if (!entering) continue;
    types.push(node.type);
    if (node.type === 'link' || node.type === 'image') destinations.push(node.destination ?? '');
    if (node.type === 'html_inline' || node.type === 'html_block') html.push(node.literal ?? '');
    if (current !== undefined) {
      if (node.type === 'text' || node.type === 'code' || node.type === 'html_inline') current += node.literal ?? '';
      if (inStrong !== undefined && (node.type === 'text' || node.type === 'code')) inStrong += node.literal ?? '';
      if (node.type === 'softbreak' || node.type === 'linebreak') current += '\n';
    }
  }
  return { types, blocks, destinations, strong, html, text: blocks.join('\n') };
}
