import type * as z from 'zod/mini';
import { didYouMean } from './didYouMean';
import type { ProblemSink } from './problemSink';
import { describeValue, expectedText, knownKeys, schemaAt, unwrapSchema } from './schemaWalk';
import type { YamlLocator, YamlPath } from './yamlLocator';

/**
 * A manifest file's value checked against the schema's shape, as located problems: unknown keys
 * (reported as warnings and removed, with a "did you mean"), and zod's issues turned into
 * `missing-key`, `invalid-value`, `wrong-type` at the key or value they are about.
 */

/** Keys allowed only in the root file; in an included file they get their own message. */
const rootOnlyKeys = new Set(['timezone', 'hooks']);

export function unknownKeyMessage(key: string, allowed: readonly string[], atRoot: boolean): string {
  if (atRoot && rootOnlyKeys.has(key)) {
    return `\`${key}\` is only read in the root manifest; it is ignored in an included file`;
  }
  const suggestion = didYouMean(key, allowed);
  const hint = suggestion ? `did you mean \`${suggestion}\`?` : `expected one of ${allowed.join(', ')}`;
  return `unknown key \`${key}\` (ignored): ${hint}`;
}

/**
 * Walks the value along the schema; calls `report` for each key the schema does not know and
 * deletes it. `path` is the way down to `value`, pushed and popped in place (copied when reported).
 */
export function removeUnknownKeys(
  schema: z.ZodMiniType,
  value: unknown,
  path: (string | number)[],
  report: (path: YamlPath, key: string, allowed: readonly string[]) => void,
): void {
  if (value === null || typeof value !== 'object') {
    return;
  }
  const walk = schemaWalkOf(schema);
  if (Array.isArray(value)) {
    const element = walk.element;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const child = element ?? walk.child(index);
      if (child && item !== null && typeof item === 'object') {
        path.push(index);
        removeUnknownKeys(child, item, path, report);
        path.pop();
      }
    }
    return;
  }
  const record = value as Record<string, unknown>;
  const allowed = walk.allowed;
  for (const key of Object.keys(record)) {
    if (allowed && !allowed.includes(key)) {
      report([...path], key, allowed);
      delete record[key];
      continue;
    }
    const item = record[key];
    if (item === null || typeof item !== 'object') {
      continue;
    }
    const child = walk.child(key);
    if (child) {
      path.push(key);
      removeUnknownKeys(child, item, path, report);
      path.pop();
    }
  }
}

interface SchemaWalk {
  readonly allowed: readonly string[] | undefined;
  /** The schema of every item, when the schema is a list. */
  readonly element: z.ZodMiniType | undefined;
  child(segment: string | number): z.ZodMiniType | undefined;
}

const schemaWalks = new WeakMap<z.ZodMiniType, SchemaWalk>();

/** `knownKeys` and `schemaAt` answers per schema, looked up once: large manifests ask them thousands of times. */
function schemaWalkOf(schema: z.ZodMiniType): SchemaWalk {
  let walk = schemaWalks.get(schema);
  if (!walk) {
    const children = new Map<string | number, z.ZodMiniType | undefined>();
    const def = unwrapSchema(schema)._zod.def as { type: string; valueType?: z.ZodMiniType };
    // A record's values share one schema: its keys (system ids) need no lookup each.
    const values = def.type === 'record' ? def.valueType : undefined;
    walk = {
      allowed: knownKeys(schema),
      element: def.type === 'array' ? schemaAt(schema, [0]) : undefined,
      child(segment) {
        if (values) {
          return values;
        }
        if (children.has(segment)) {
          return children.get(segment);
        }
        const child = schemaAt(schema, [segment]);
        // Field names repeat; record keys and list indexes are unbounded, so only some are kept.
        if (children.size < 256) {
          children.set(segment, child);
        }
        return child;
      },
    };
    schemaWalks.set(schema, walk);
  }
  return walk;
}

type Issue = z.core.$ZodIssue;

export function reportIssues(
  issues: readonly Issue[],
  prefix: readonly PropertyKey[],
  schema: z.ZodMiniType,
  raw: unknown,
  locator: Pick<YamlLocator, 'ownerRange' | 'valueRange' | 'keyRange'>,
  file: string,
  sink: ProblemSink,
): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path].filter((segment): segment is string | number => typeof segment !== 'symbol');
    const value = valueAt(raw, path);
    const expected = expectedText(schemaAt(schema, path));
    if (issue.code === 'invalid_union' && value !== undefined) {
      const branch = matchingBranch(issue.errors);
      if (branch) {
        reportIssues(branch, path, schema, raw, locator, file, sink);
        continue;
      }
    }
    if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
      const key = String(path[path.length - 1]);
      sink.add('error', 'missing-key', `missing \`${key}\`: expected ${expected}`, file, locator.ownerRange(path.slice(0, -1)));
    } else if (issue.code === 'invalid_value') {
      sink.add('error', 'invalid-value', `expected ${expected}, got ${describeValue(value)}`, file, locator.valueRange(path));
    } else if (issue.code === 'too_small' && typeof value === 'string') {
      const message = path[path.length - 1] === 'id'
        ? 'the id is empty: give the entry a short unique id (letters, digits, `-`), e.g. `holiday-2026`'
        : 'expected a non-empty string';
      sink.add('error', 'invalid-value', message, file, locator.valueRange(path));
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        sink.add('warning', 'unknown-key', `unknown key \`${key}\` (ignored)`, file, locator.keyRange([...path, key]));
      }
    } else if (issue.code === 'invalid_key') {
      sink.add('error', 'invalid-value', `invalid key: ${issue.message}`, file, locator.valueRange(path));
    } else if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      sink.add('error', 'wrong-type', `expected ${expected}, got ${describeValue(value)}`, file, locator.valueRange(path));
    } else {
      sink.add('error', 'invalid-value', issue.message, file, locator.valueRange(path));
    }
  }
}

/**
 * In a union (`"*"` or a list of ids; `block`/`warn` or a boolean) the member whose type matched
 * has issues only below the value; those say more than "expected X or Y".
 */
function matchingBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  return branches.find((issues) => issues.length > 0 && issues.every((issue) => issue.path.length > 0));
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
