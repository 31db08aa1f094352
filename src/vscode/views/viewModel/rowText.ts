import { escapeMarkdown } from './markdownText';

/**
 * How much of a tree row a person sees at the default sidebar width, and the texts that make the
 * decisive words fit: the state first, then the name (shortened when the row would be cut), with
 * the detail in the tooltip.
 *
 * The budget: the sidebar opens 300 px wide. A top-level row spends about 46 px before its text
 * (8 px padding, 16 px twistie, 16 px icon, 6 px gap) and the scroll bar takes up to 10 px, which
 * leaves ~244 px; the workbench font (13 px) averages ~6.3 px per character of English text, so
 * about 38 characters of label, a space and description are seen. Each nesting level indents 8 px
 * more (`workbench.tree.indent`), a little over one character: one character less per level.
 * A multi-root workspace adds a folder row above everything (one level more).
 */
const topLevelRowBudget = 38;

/** Characters of `label description` seen at nesting `depth` (0 for a top-level row). */
export function rowBudget(depth: number): number {
  return topLevelRowBudget - depth;
}

/**
 * `text` cut to at most `max` characters at a word boundary, with `…` when cut (never below a
 * 8 characters: a name is not cut to nothing, even past the budget).
 */
export function shorten(text: string, max: number): string {
  const room = Math.max(max, 8);
  if (text.length <= room) return text;
  const cut = text.slice(0, room - 1);
  const space = cut.lastIndexOf(' ');
  const word = space >= room / 3 ? cut.slice(0, space) : cut;
  return `${word.replace(/[\s,;:·(–-]+$/u, '')}…`;
}

/**
 * A row's label, `State: name`, with the name shortened so that label and description fit the
 * budget at `depth`. The full name belongs in the row's tooltip.
 */
export function stateLabel(state: string, name: string, description: string | undefined, depth: number): string {
  const fixed = state.length + 2 + (description !== undefined && description !== '' ? description.length + 1 : 0);
  return `${state}: ${shorten(name, rowBudget(depth) - fixed)}`;
}

/** A name shortened so that it and `description` fit the budget at `depth` (rows without a state). */
export function fittedName(name: string, description: string | undefined, depth: number): string {
  return shorten(name, rowBudget(depth) - (description !== undefined && description !== '' ? description.length + 1 : 0));
}

/** The parts of a row `fitRows` reads and may shorten (a `ViewNode`, without importing it). */
interface FittableRow<Row> {
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly accessibility?: string;
  readonly children: readonly Row[];
}

/**
 * Rows moved `depth` levels down (a multi-root workspace puts them under a folder row): each row's
 * label shortened, at a word boundary, where label and description no longer fit the budget at its
 * new depth. A leading `State: ` (up to 20 characters, as `stateLabel` writes it, or `On call now: `)
 * is kept whole and only the name after it is shortened, as `stateLabel` does. A shortened row keeps
 * its whole text for the hover and the screen reader (`tooltip` and `accessibility`, when it had none
 * of its own).
 */
export function fitRows<Row extends FittableRow<Row>>(rows: readonly Row[], depth: number): Row[] {
  return rows.map((row) => {
    const children = fitRows(row.children, depth + 1);
    const description = row.description !== undefined && row.description !== '' ? row.description : undefined;
    const room = rowBudget(depth) - (description !== undefined ? description.length + 1 : 0);
    if (row.label.length <= room) return { ...row, children };
    const whole = description !== undefined ? `${row.label}, ${description}` : row.label;
    const state = /^[^:]{1,20}: /u.exec(row.label)?.[0] ?? '';
    return {
      ...row,
      label: `${state}${shorten(row.label.slice(state.length), room - state.length)}`,
      tooltip: row.tooltip ?? escapeMarkdown(row.label),
      accessibility: row.accessibility ?? whole,
      children,
    };
  });
}
