import * as z from 'zod';

/**
 * Just enough zod introspection to follow a path through the manifest schema: which keys a
 * mapping allows, and what a value at a path was expected to be (for messages).
 */

type Schema = z.ZodType;

/** Strips optional/default wrappers: what is left says what a present value must be. */
export function unwrapSchema(schema: Schema): Schema {
  let current: Schema = schema;
  for (let hops = 0; hops < 10; hops++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
      current = current.unwrap() as Schema;
    } else {
      break;
    }
  }
  return current;
}

/** The schema of one step down: a key of an object or record, an index of an array. */
export function childSchema(schema: Schema, segment: string | number): Schema | undefined {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, Schema>;
    return Object.prototype.hasOwnProperty.call(shape, segment) ? shape[String(segment)] : undefined;
  }
  if (inner instanceof z.ZodRecord) {
    return inner.valueType as Schema;
  }
  if (inner instanceof z.ZodArray) {
    return typeof segment === 'number' ? (inner.element as Schema) : undefined;
  }
  if (inner instanceof z.ZodUnion) {
    // A path through a union (freeze `systems: "*" | [ids]`) follows the member that has the step.
    for (const option of inner.options as readonly Schema[]) {
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
  const inner = unwrapSchema(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : undefined;
}

/** "one of sev1, sev2, sev3, sev4", "a list", "a string or a number" … */
export function expectedText(schema: Schema | undefined): string {
  if (!schema) {
    return 'a valid value';
  }
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodEnum) {
    return `one of ${(inner.options as readonly unknown[]).map(String).join(', ')}`;
  }
  if (inner instanceof z.ZodLiteral) {
    return [...(inner.values as Set<unknown>)].map((value) => JSON.stringify(value)).join(' or ');
  }
  if (inner instanceof z.ZodUnion) {
    return (inner.options as readonly Schema[]).map(expectedText).join(' or ');
  }
  if (inner instanceof z.ZodString) {
    return 'a string';
  }
  if (inner instanceof z.ZodNumber) {
    return 'a number';
  }
  if (inner instanceof z.ZodBoolean) {
    return 'true or false';
  }
  if (inner instanceof z.ZodArray) {
    return `a list of ${plural(expectedText(inner.element as Schema))}`;
  }
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord) {
    return 'a mapping';
  }
  return 'a valid value';
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
