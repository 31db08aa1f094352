import type * as z from 'zod/mini';

/**
 * Just enough zod introspection to follow a path through the manifest schema: which keys a
 * mapping allows, and what a value at a path was expected to be (for messages). It reads each
 * schema's definition (`_zod.def`), which zod keeps the same across its classic and mini forms.
 */

type Schema = z.ZodMiniType;
type Def = z.core.$ZodTypeDef & {
  readonly innerType?: Schema;
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly valueType?: Schema;
  readonly element?: Schema;
  readonly options?: readonly Schema[];
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
};

function defOf(schema: Schema): Def {
  return schema._zod.def;
}

/** Strips optional/default wrappers: what is left says what a present value must be. */
export function unwrapSchema(schema: Schema): Schema {
  let current: Schema = schema;
  for (let hops = 0; hops < 10; hops++) {
    const def = defOf(current);
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) {
      current = def.innerType;
    } else {
      break;
    }
  }
  return current;
}

/** The schema of one step down: a key of an object or record, an index of an array. */
function childSchema(schema: Schema, segment: string | number): Schema | undefined {
  const def = defOf(unwrapSchema(schema));
  if (def.type === 'object' && def.shape) {
    return Object.prototype.hasOwnProperty.call(def.shape, segment) ? def.shape[String(segment)] : undefined;
  }
  if (def.type === 'record') {
    return def.valueType;
  }
  if (def.type === 'array') {
    return typeof segment === 'number' ? def.element : undefined;
  }
  if (def.type === 'union') {
    // A path through a union (freeze `systems: "*" | [ids]`) follows the member that has the step.
    for (const option of def.options ?? []) {
      const child = childSchema(option, segment);
      if (child) {
        return child;
      }
    }
  }
  return undefined;
}

export function schemaAt(schema: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const segment of path) {
    if (!current || typeof segment === 'symbol') {
      return undefined;
    }
    current = childSchema(current, segment);
  }
  return current;
}

/** The keys a strict object allows, or undefined when the schema is not an object. */
export function knownKeys(schema: Schema): readonly string[] | undefined {
  const def = defOf(unwrapSchema(schema));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

/** "one of sev1, sev2, sev3, sev4", "a list", "a string or a number" … */
export function expectedText(schema: Schema | undefined): string {
  if (!schema) {
    return 'a valid value';
  }
  const def = defOf(unwrapSchema(schema));
  switch (def.type) {
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).map(String).join(', ')}`;
    case 'literal':
      return (def.values ?? []).map((value) => JSON.stringify(value)).join(' or ');
    case 'union':
      return (def.options ?? []).map(expectedText).join(' or ');
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return `a list of ${plural(expectedText(def.element))}`;
    case 'object':
    case 'record':
      return 'a mapping';
    default:
      return 'a valid value';
  }
}

function plural(text: string): string {
  if (text === 'a string') {
    return 'strings';
  }
  if (text === 'a mapping') {
    return 'mappings';
  }
  return text.startsWith('one of') ? `values (${text})` : text;
}

/** A short description of a value as the YAML author wrote it, for "got …". */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value === null) {
    return 'an empty value';
  }
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (value instanceof Date) {
    return 'a date';
  }
  return 'a mapping';
}
