import type * as z from 'zod/mini';

/**
 * A quick first look at a manifest entry, read from the zod schema's definition: for the plain
 * shapes entries have (strict objects of strings, numbers, booleans, literals, enums, lists, unions,
 * optional fields and defaults) it answers what zod's `safeParse` would, without zod's per-value
 * machinery — thousands of systems are checked on every parse. It answers only when sure: a value
 * it accepts gets exactly zod's output (same keys, same order, defaults filled in); anything it
 * cannot decide, and every value that does not fit, goes to zod, so every problem still comes from
 * the schema itself.
 */

/** Not decided here: ask zod. */
export const undecided: unique symbol = Symbol('undecided');

/** Certainly does not fit. */
const rejected: unique symbol = Symbol('rejected');

/** The output when the value fits, else `rejected` or `undecided` (no object per answer: entries hold thousands of values). */
type Check = (input: unknown) => unknown;

type Def = z.core.$ZodTypeDef & {
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly check: string; readonly minimum?: number } } }[];
  readonly innerType?: z.core.$ZodType;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly catchall?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
  readonly defaultValue?: unknown;
};

const compiled = new WeakMap<z.core.$ZodType, Check>();

/**
 * zod's output for `input` when it certainly fits `schema`; `undecided` otherwise (it may not fit,
 * or this check cannot tell): then zod must be asked.
 */
export function quickParse(schema: z.core.$ZodType, input: unknown): unknown {
  let check = compiled.get(schema);
  if (!check) {
    check = compile(schema);
    compiled.set(schema, check);
  }
  const verdict = check(input);
  return verdict === rejected ? undecided : verdict;
}

const askZod: Check = () => undecided;

function compile(schema: z.core.$ZodType): Check {
  const def = schema._zod.def as Def;
  const lengthAtLeast = minimumLength(def);
  if (lengthAtLeast === undefined) {
    return askZod;
  }
  switch (def.type) {
    case 'string':
      return (input) => (typeof input !== 'string' || input.length < lengthAtLeast ? rejected : input);
    case 'number':
      // zod refuses NaN and ±Infinity too.
      return lengthAtLeast > 0 ? askZod : (input) => (typeof input !== 'number' || !Number.isFinite(input) ? rejected : input);
    case 'boolean':
      return lengthAtLeast > 0 ? askZod : (input) => (typeof input !== 'boolean' ? rejected : input);
    case 'literal':
    case 'enum': {
      const allowed = def.type === 'literal' ? def.values ?? [] : Object.values(def.entries ?? {});
      if (lengthAtLeast > 0 || !allowed.every((value) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
        return askZod;
      }
      return (input) => (allowed.includes(input as string | number | boolean) && !Number.isNaN(input) ? input : rejected);
    }
    case 'array':
      return def.element && lengthAtLeast === 0 ? arrayCheck(def.element) : askZod;
    case 'union':
      return def.options && lengthAtLeast === 0 ? unionCheck(def.options) : askZod;
    case 'object':
      return def.shape && lengthAtLeast === 0 && def.catchall?._zod.def.type === 'never' ? strictObjectCheck(def.shape) : askZod;
    default:
      return askZod;
  }
}

/** The least length a string must have (0 without a check); undefined when the schema has other checks. */
function minimumLength(def: Def): number | undefined {
  let least = 0;
  for (const check of def.checks ?? []) {
    const { check: kind, minimum } = check._zod.def;
    if (kind === 'min_length' && def.type === 'string' && typeof minimum === 'number') {
      least = Math.max(least, minimum);
    } else if (kind !== 'describe') {
      return undefined;
    }
  }
  return least;
}

function checkOf(schema: z.core.$ZodType): Check {
  let check = compiled.get(schema);
  if (!check) {
    check = compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

function arrayCheck(elementSchema: z.core.$ZodType): Check {
  return (input) => {
    if (!Array.isArray(input)) {
      return rejected;
    }
    const element = checkOf(elementSchema);
    const output: unknown[] = new Array(input.length);
    let decided = true;
    for (let i = 0; i < input.length; i++) {
      const verdict = element(input[i]);
      if (verdict === rejected) {
        return rejected;
      }
      if (verdict === undecided) {
        decided = false;
      } else {
        output[i] = verdict;
      }
    }
    return decided ? output : undecided;
  };
}

/** zod takes the first member that fits: each one before it must certainly not fit. */
function unionCheck(options: readonly z.core.$ZodType[]): Check {
  return (input) => {
    for (const option of options) {
      const verdict = checkOf(option)(input);
      if (verdict !== rejected) {
        return verdict;
      }
    }
    return rejected;
  };
}

/** How an absent key is treated, by the wrapper around the field's schema. */
type Field = { readonly key: string; readonly absent: 'omit' | 'default' | 'ask'; readonly schema: z.core.$ZodType; readonly wrapper?: Def };

function strictObjectCheck(shape: Readonly<Record<string, z.core.$ZodType>>): Check {
  let fields: Field[] | undefined;
  let known: Set<string> | undefined;
  return (input) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      return rejected;
    }
    const prototype: unknown = Object.getPrototypeOf(input);
    if (prototype !== Object.prototype && prototype !== null) {
      return undecided;
    }
    fields ??= Object.keys(shape).map((key) => fieldOf(key, shape[key]));
    known ??= new Set(Object.keys(shape));
    const record = input as Record<string, unknown>;
    for (const key in record) {
      if (!known.has(key) || record[key] === undefined) {
        return undecided;
      }
    }
    const output: Record<string, unknown> = {};
    for (const field of fields) {
      const value = record[field.key];
      if (value === undefined) {
        if (field.absent === 'ask') {
          return undecided;
        }
        if (field.absent === 'default') {
          // The getter hands out a fresh copy each time, as zod reads it.
          output[field.key] = field.wrapper!.defaultValue;
        }
        continue;
      }
      const verdict = checkOf(field.schema)(value);
      if (verdict === rejected || verdict === undecided) {
        return verdict;
      }
      output[field.key] = verdict;
    }
    return output;
  };
}

/**
 * A field of a strict object: `optional(x)` leaves an absent key out, `_default(x, d)` fills in d;
 * any other absent field (or wrapper with checks of its own) is left to zod.
 */
function fieldOf(key: string, schema: z.core.$ZodType): Field {
  const def = schema._zod.def as Def;
  if (minimumLength(def) !== 0 || !def.innerType) {
    return { key, absent: 'ask', schema };
  }
  const inner = def.innerType._zod.def as Def;
  if (def.type === 'optional' && inner.type !== 'default' && inner.type !== 'optional') {
    return { key, absent: 'omit', schema: def.innerType };
  }
  if (def.type === 'default') {
    return { key, absent: 'default', schema: def.innerType, wrapper: def };
  }
  return { key, absent: 'ask', schema };
}
