/** The body encoding of the manifest cache's entries (manifestCache.ts). */

/** Where a Map or Set was in an encoded value: its kind, then the keys leading to it. */
type Revival = [kind: 'm' | 's', ...path: Array<string | number>];

/**
 * JSON that keeps Maps and Sets (e.g. a live source's severity map): a cached parse must read back
 * exactly as it was parsed, or a cache hit would behave differently from a miss. A Map is written
 * as its entries and a Set as its values, and the body lists where they were, innermost first, so
 * that reading it back is a plain `JSON.parse` (no reviver called for every value) and a few fixes.
 * Otherwise the value reads back as `JSON.parse(JSON.stringify(value))` would give it.
 */
export function encodeValue(value: unknown): string {
  const revive: Revival[] = [];
  const trail: Array<string | number> = [];
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (v instanceof Map) {
      let i = 0;
      for (const [key, item] of v as Map<unknown, unknown>) {
        trail.push(i, 0);
        visit(key);
        trail[trail.length - 1] = 1;
        visit(item);
        trail.length -= 2;
        i++;
      }
      revive.push(['m', ...trail]);
    } else if (v instanceof Set) {
      let i = 0;
      for (const item of v as Set<unknown>) {
        trail.push(i++);
        visit(item);
        trail.pop();
      }
      revive.push(['s', ...trail]);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        trail.push(i);
        visit(v[i]);
        trail.pop();
      }
    } else if (typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      for (const key of Object.keys(v)) {
        trail.push(key);
        visit((v as Record<string, unknown>)[key]);
        trail.pop();
      }
    }
  };
  visit(value);
  const replacer = revive.length === 0 ? undefined : (_key: string, v: unknown): unknown => {
    if (v instanceof Map) return [...(v as Map<unknown, unknown>).entries()];
    if (v instanceof Set) return [...(v as Set<unknown>)];
    return v;
  };
  return `{"revive":${JSON.stringify(revive)},"value":${JSON.stringify(value, replacer) ?? 'null'}}`;
}

/**
 * `encodeValue` of a value that holds no Map or Set, without walking it to find them (a kept
 * manifest file: ~25,000 entries). decodeValue reads it back; a Map or Set in it would read back as
 * what JSON makes of it, so only callers that know their value is plain data use it.
 */
export function encodePlain(value: unknown): string {
  return `{"revive":[],"value":${JSON.stringify(value) ?? 'null'}}`;
}

/** The value `encodeValue` wrote. Throws when the text is not such an encoding. */
export function decodeValue(text: string): unknown {
  const body = JSON.parse(text) as { revive?: unknown; value?: unknown } | null;
  if (body === null || typeof body !== 'object' || !Array.isArray(body.revive) || !('value' in body)) throw new Error('not an encoded value');
  const holder: { value: unknown } = { value: body.value };
  for (const revival of body.revive as unknown[]) {
    if (!Array.isArray(revival) || (revival[0] !== 'm' && revival[0] !== 's')) throw new Error('bad revival');
    let parent: Record<string | number, unknown> = holder;
    let key: string | number = 'value';
    for (let i = 1; i < revival.length; i++) {
      const next = parent[key];
      const step: unknown = revival[i];
      if (next === null || typeof next !== 'object' || (typeof step !== 'string' && typeof step !== 'number')) throw new Error('bad revival path');
      parent = next as Record<string | number, unknown>;
      key = step;
    }
    const items = parent[key];
    if (!Array.isArray(items)) throw new Error('bad revival target');
    if (revival[0] === 's') {
      parent[key] = new Set(items);
    } else {
      if (!items.every((entry) => Array.isArray(entry) && entry.length === 2)) throw new Error('bad map entries');
      parent[key] = new Map(items as Array<[unknown, unknown]>);
    }
  }
  return holder.value;
}
