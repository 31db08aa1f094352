import { isAlias, isCollection, isPair, isScalar, Pair, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Range } from '../problem';
import type { FileLimits } from './fileLimits';
import type { ProblemSink } from './problemSink';
import type { YamlLocator } from './yamlLocator';

/**
 * The value of a parsed manifest file (manifestFile.ts): built in one pass over the YAML tree in
 * the common case (`plainValue`), else by yaml's `toJS` with what made the tree unusual reported
 * (`generalValue`: too deep, duplicate keys, a bare `*`, aliases expanding too much).
 */

const startOfFile: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

/** What `plainValue` returns when the document needs the general path. */
export const unusual: unique symbol = Symbol('unusual');

/**
 * The value yaml's `toJS` builds (scalars as composed, mappings as objects, lists as arrays),
 * built directly, or `unusual` when the tree holds anything else: an alias, a duplicate key, a
 * collection deeper than `limit`, a key that is not a string, number or boolean scalar (or
 * is `<<` or `__proto__`), a tagged collection (`!!set`, `!!omap`, …).
 */
export function plainValue(node: unknown, depth: number, limit: number): unknown {
  // Classes tested with instanceof: cheaper than yaml's isScalar/isMap, which read a symbol-keyed
  // property of every node; anything unexpected is `unusual` and the general path decides.
  if (node === null) {
    return null;
  }
  if (node instanceof Scalar) {
    return node.value;
  }
  if (depth > limit) {
    return unusual;
  }
  if (node instanceof YAMLMap) {
    if (node.constructor !== YAMLMap) {
      return unusual;
    }
    const map: Record<string, unknown> = {};
    const items = node.items as unknown[];
    for (let i = 0; i < items.length; i++) {
      const pair = items[i];
      if (!(pair instanceof Pair) || !(pair.key instanceof Scalar) || (pair.key as { addToJSMap?: unknown }).addToJSMap !== undefined) {
        return unusual;
      }
      const keyValue: unknown = pair.key.value;
      // As `checkTree` compares keys (their text), so that a duplicate is never missed here.
      const key = typeof keyValue === 'string' ? keyValue : typeof keyValue === 'number' || typeof keyValue === 'boolean' ? String(keyValue) : undefined;
      // Values are never undefined here, so only a defined one can be a duplicate (or inherited).
      if (key === undefined || key === '<<' || key === '__proto__' || (map[key] !== undefined && Object.prototype.hasOwnProperty.call(map, key))) {
        return unusual;
      }
      const value = plainValue(pair.value ?? null, depth + 1, limit);
      if (value === unusual) {
        return unusual;
      }
      map[key] = value;
    }
    return map;
  }
  if (node instanceof YAMLSeq) {
    if (node.constructor !== YAMLSeq) {
      return unusual;
    }
    const items = node.items as unknown[];
    const list: unknown[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = plainValue(items[i], depth + 1, limit);
      if (item === unusual) {
        return unusual;
      }
      list[i] = item;
    }
    return list;
  }
  return unusual;
}

/**
 * The value of a document `plainValue` could not build, with what made it unusual reported: too
 * deep, duplicate keys, a bare `*` alias read as the text "*", aliases expanding too much.
 * `unusual` when the file cannot be read further.
 */
export function generalValue(
  doc: Document,
  file: string,
  sink: ProblemSink,
  locator: YamlLocator,
  limits: FileLimits,
  error: (code: string, message: string, offset: number, range: Range) => void,
): unknown {
  const shape = checkTree(doc.contents ?? undefined, limits.maxDepth);
  if (shape.tooDeep) {
    sink.add('error', 'too-deep', `nesting deeper than ${limits.maxDepth} levels`, file, locator.nodeRange(shape.tooDeep) ?? startOfFile);
    return unusual;
  }
  for (const key of shape.duplicateKeys) {
    const where = locator.nodeRange(key) ?? startOfFile;
    error('duplicate-key', `duplicate key \`${String((key as { value?: unknown }).value)}\`: keys of a mapping must be unique`, key.range?.[0] ?? 0, where);
  }
  // A bare `*` is an alias to nothing: read it as the text "*" (it was reported above), so that the
  // entry it is in keeps the scope its author meant.
  visit(doc, {
    Alias(_key, node) {
      return node.source === '' ? doc.createNode('*') : undefined;
    },
  });
  try {
    return doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (thrown) {
    const alias = findFirstAlias(doc.contents ?? undefined);
    const message = thrown instanceof ReferenceError
      ? `aliases expand too much (more than ${limits.maxAliases} expansions); write the values out`
      : `cannot build the value: ${String(thrown)}`;
    sink.add('error', 'too-many-aliases', message, file, locator.nodeRange(alias) ?? startOfFile);
    return unusual;
  }
}

interface TreeShape {
  /** The first collection nested deeper than the limit. */
  readonly tooDeep?: Node;
  /** Keys that repeat an earlier key of the same mapping. */
  readonly duplicateKeys: Node[];
}

/** One iterative pass over the tree (aliases not followed): nesting depth and duplicate keys. */
function checkTree(root: Node | undefined, limit: number): TreeShape {
  const duplicateKeys: Node[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) {
      continue;
    }
    if (depth > limit) {
      return { tooDeep: node, duplicateKeys };
    }
    const keys = new Set<string>();
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const key = isScalar(item.key) ? String(item.key.value) : undefined;
        if (key !== undefined && keys.has(key)) {
          duplicateKeys.push(item.key as Node);
        }
        if (key !== undefined) {
          keys.add(key);
        }
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  duplicateKeys.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return { duplicateKeys };
}

function findFirstAlias(root: Node | undefined): Node | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      return node;
    }
    if (isCollection(node)) {
      for (const item of [...(node.items as unknown[])].reverse()) {
        stack.push(...(isPair(item) ? [item.value, item.key] : [item]));
      }
    }
  }
  return undefined;
}
