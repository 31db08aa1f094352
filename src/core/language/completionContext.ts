import { closedValuesByKey } from '../manifest/manifestVocabulary';

/**
 * What a completion at a position in a manifest file should offer, read from the text around it
 * (the line, the key it belongs to, the top-level section), so that it works while the file is
 * being typed and does not parse. Pure.
 */
export type CompletionWanted =
  | { readonly kind: 'system'; readonly allowStar: boolean }
  | { readonly kind: 'freeze' }
  | { readonly kind: 'tier' }
  | { readonly kind: 'values'; readonly values: readonly string[] };

export interface CompletionContext {
  readonly wanted: CompletionWanted;
  /** Columns of the word being typed (replaced by the completion). */
  readonly start: number;
  readonly end: number;
  /** The other values already in the list being typed in (not offered again). */
  readonly taken: readonly string[];
}


const indentOf = (line: string): number => line.length - line.trimStart().length;

export function completionContextAt(text: string, line: number, column: number): CompletionContext | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const current = lines[line];
  if (current === undefined) return undefined;
  const before = current.slice(0, column);
  if (/#/.test(before.replace(/"[^"]*"|'[^']*'/g, ''))) return undefined;
  const word = /[A-Za-z0-9._*-]*$/.exec(before)?.[0] ?? '';
  const after = /^[A-Za-z0-9._-]*/.exec(current.slice(column))?.[0] ?? '';
  const range = { start: column - word.length, end: column + after.length };
  let section: string | undefined;
  for (let i = line; i >= 0; i--) {
    const top = /^([A-Za-z]+):/.exec(lines[i]);
    if (top !== null) {
      section = top[1];
      break;
    }
  }
  if (section === undefined) return undefined;
  let key: string | undefined;
  let taken: string[] = [];
  // `key: value`, `key: [a, b` or `- key: value` on this line.
  const inline = /^\s*(?:-\s+)?([A-Za-z]+):\s+(?:"|')?([^#]*)$/.exec(before);
  if (inline !== null && indentOf(current) > 0) {
    const rest = inline[2];
    if (rest.includes(']')) return undefined;
    key = inline[1];
    if (rest.trimStart().startsWith('[')) {
      // A flow list: the items before the word and after it, up to `]`.
      const tail = current.slice(range.end).replace(/\].*$/, '');
      taken = [...rest.trimStart().slice(1, rest.trimStart().length - word.length).split(','), ...tail.split(',')].map(plainValue);
    }
  } else if (/^\s*-\s+["']?[A-Za-z0-9._*-]*$/.test(before)) {
    // A block list item: its key is the nearest line above, less indented, that ends with `key:`.
    const dash = indentOf(current);
    for (let i = line - 1; i >= 0; i--) {
      const candidate = lines[i];
      if (candidate.trim() === '' || candidate.trimStart().startsWith('#')) continue;
      const found = /^\s*(?:-\s+)?([A-Za-z]+):\s*$/.exec(candidate);
      if (found !== null && indentOf(candidate) <= dash) {
        key = found[1];
        taken = blockItems(lines, i, dash, line);
        break;
      }
      if (indentOf(candidate) < dash) break;
    }
  }
  if (key === undefined) return undefined;
  const wanted = wantedFor(section, key);
  return wanted !== undefined ? { wanted, ...range, taken: [...new Set(taken.filter((v) => v !== ''))] } : undefined;
}

/** A list item as written, without quotes, comment or surrounding space. */
function plainValue(item: string): string {
  return item.replace(/\s#.*$/, '').trim().replace(/^["']+|["']+$/g, '');
}

/** The items of the block list under the key on line `keyLine` (dashes at column `dash`), but the one on line `skip`. */
function blockItems(lines: readonly string[], keyLine: number, dash: number, skip: number): string[] {
  const items: string[] = [];
  for (let i = keyLine + 1; i < lines.length; i++) {
    const text = lines[i];
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const indent = indentOf(text);
    if (indent < dash || (indent === dash && !/^\s*-(\s|$)/.test(text))) break;
    if (i !== skip && indent === dash) items.push(plainValue(text.trimStart().slice(1)));
  }
  return items;
}

function wantedFor(section: string, key: string): CompletionWanted | undefined {
  if (key === 'dependsOn') return { kind: 'system', allowStar: false };
  if (key === 'systems' && section !== 'systems') return { kind: 'system', allowStar: section === 'freezes' || section === 'incidents' };
  if (key === 'freeze' && section === 'overrides') return { kind: 'freeze' };
  if (key === 'tier' || key === 'tiers') return { kind: 'tier' };
  const values = closedValuesByKey[section]?.[key] ?? closedValuesByKey['*']?.[key];
  return values !== undefined ? { kind: 'values', values } : undefined;
}
