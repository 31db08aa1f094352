import * as assert from 'node:assert';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import {
  freezeSchema, incidentSchema, milestoneSchema, overrideSchema, projectHeadSchema, systemSchema,
} from '../../../../src/core/manifest/manifestSchema';
import { quickParse, undecided } from '../../../../src/core/manifest/quickCheck';

const schemas = { systemSchema, freezeSchema, overrideSchema, incidentSchema, milestoneSchema, projectHeadSchema };

/** Values an entry's field may hold: the right kinds, the wrong kinds and the edge cases. */
const fieldValue = fc.oneof(
  fc.constantFrom('', 'a', '*', 'block', 'warn', 'sev1', 'resolved', 'done', 'planned', '0 18 * * 5', 'x'),
  fc.integer({ min: -2, max: 3 }),
  fc.constantFrom(1.5, Number.NaN, Number.POSITIVE_INFINITY, true, false, null),
  fc.array(fc.oneof(fc.constantFrom('', 'a', '*', 'b/c'), fc.integer({ min: 0, max: 2 }), fc.constant(null)), { maxLength: 3 }),
  fc.constant({ start: '0 18 * * 5', end: '0 6 * * 1' }),
  fc.constant({ start: 'x' }),
  fc.constant(new Date(0)),
);

/** An entry that fits, for each schema: the generated entries start from it and change some fields. */
const fitting: Record<string, Record<string, unknown>> = {
  systemSchema: { paths: ['a/'] },
  freezeSchema: { id: 'f' },
  overrideSchema: { freeze: 'f', reason: 'why', approvedBy: 'cab' },
  incidentSchema: { id: 'i', severity: 'sev1', status: 'resolved' },
  milestoneSchema: { id: 'm' },
  projectHeadSchema: { id: 'p' },
};

function entryOf(name: string, schema: z.ZodMiniObject) {
  const keys = [...Object.keys(schema.shape), 'unknownKey'];
  const changed = fc.tuple(fc.dictionary(fc.constantFrom(...keys), fieldValue, { maxKeys: 3 }), fc.subarray(keys, { maxLength: 2 }))
    .map(([fields, removed]) => {
      const entry: Record<string, unknown> = { ...fitting[name], ...fields };
      for (const key of removed) {
        delete entry[key];
      }
      return entry;
    });
  return fc.oneof(changed, fc.dictionary(fc.constantFrom(...keys), fieldValue, { maxKeys: keys.length }), fc.constantFrom(null, 'text', 3, [] as unknown[]));
}

describe('quickCheck', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`answers as zod does, or leaves it to zod: ${name}`, () => {
      let decided = 0;
      fc.assert(
        fc.property(entryOf(name, schema), (item) => {
          const quick = quickParse(schema, item);
          if (quick === undecided) {
            return;
          }
          decided++;
          const parsed = schema.safeParse(item);
          assert.ok(parsed.success, `zod refuses what the quick check accepts: ${JSON.stringify(item)}`);
          assert.deepStrictEqual(quick, parsed.data);
          assert.strictEqual(JSON.stringify(quick), JSON.stringify(parsed.data));
        }),
        { numRuns: 3000, seed: 7 },
      );
      assert.ok(decided > 0 || name === 'projectHeadSchema', 'the quick check decided nothing');
    });
  }

  it('decides a typical system, and hands out fresh defaults', () => {
    const first = quickParse(systemSchema, { title: 'Payments', paths: ['services/payments/'], tier: 1 }) as { exclude: string[] };
    assert.deepStrictEqual(first, { title: 'Payments', paths: ['services/payments/'], exclude: [], owners: [], tier: 1, dependsOn: [] });
    const second = quickParse(systemSchema, { paths: ['a/'] }) as { exclude: string[] };
    assert.notStrictEqual(first.exclude, second.exclude);
  });

  it('leaves every entry that does not fit to zod', () => {
    assert.strictEqual(quickParse(systemSchema, { paths: [''] }), undecided);
    assert.strictEqual(quickParse(systemSchema, { paths: ['a/'], tier: Number.POSITIVE_INFINITY }), undecided);
    assert.strictEqual(quickParse(freezeSchema, { systems: '*' }), undecided);
    assert.strictEqual(quickParse(systemSchema, { paths: ['a/'], extra: 1 }), undecided);
  });
});
