import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manifestFileSchema, manifestJsonSchema, manifestJsonSchemaText } from '../../../../src/core/manifest/manifestSchema';

type JsonObject = { [key: string]: unknown };

/** Every `properties` entry in the schema, with its dotted path. */
function properties(schema: unknown, at = ''): [string, JsonObject][] {
  if (schema === null || typeof schema !== 'object') {
    return [];
  }
  const result: [string, JsonObject][] = [];
  for (const [key, value] of Object.entries(schema as JsonObject)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, child] of Object.entries(value as JsonObject)) {
        result.push([`${at}${name}`, child as JsonObject], ...properties(child, `${at}${name}.`));
      }
    } else if (key !== 'default') {
      result.push(...properties(value, at));
    }
  }
  return result;
}

describe('manifestSchema', () => {
  it('the committed schemas/ops.schema.json is up to date (npm run schema)', () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../../../../schemas/ops.schema.json'), 'utf8');
    assert.strictEqual(committed, manifestJsonSchemaText());
  });

  it('identifies itself for YAML editors', () => {
    const schema = manifestJsonSchema();
    assert.deepStrictEqual(
      [schema.$schema, schema.$id, schema.title, schema.required],
      ['http://json-schema.org/draft-07/schema#', 'urn:change-radar:schema:ops:v1', 'Change Radar manifest (ops.yaml)', ['version']],
    );
  });

  it('describes every field', () => {
    const undescribed = properties(manifestJsonSchema())
      .filter(([, child]) => typeof child.description !== 'string' || child.description.length === 0)
      .map(([name]) => name);
    assert.deepStrictEqual(undescribed, []);
  });

  it('has the section and field names of manifest v1', () => {
    const names = properties(manifestJsonSchema()).map(([name]) => name);
    for (const name of ['version', 'timezone', 'include', 'hooks.strict', 'systems', 'freezes.id', 'freezes.schedule.start', 'freezes.enforcement',
      'overrides.approvedBy', 'incidents.severity', 'incidents.freeze', 'projects.milestones.due', 'projects.milestones.status']) {
      assert.ok(names.includes(name), name);
    }
  });

  it('forbids unknown keys for editors (the parser only warns)', () => {
    assert.strictEqual(manifestJsonSchema().additionalProperties, false);
  });

  it('documents defaults: block enforcement and planned milestones', () => {
    const schema = manifestJsonSchema() as { properties: { freezes: { items: { properties: { enforcement: { default: unknown } } } } } };
    assert.strictEqual(schema.properties.freezes.items.properties.enforcement.default, 'block');
    const parsed = manifestFileSchema.parse({ version: 1, freezes: [{ id: 'f' }], projects: [{ id: 'p', milestones: [{ id: 'm' }] }] });
    assert.deepStrictEqual([parsed.freezes[0].enforcement, parsed.projects[0].milestones[0].status, parsed.timezone], ['block', 'planned', 'UTC']);
  });

  it('accepts a tier as a string or a number and incident freeze as a boolean', () => {
    const parsed = manifestFileSchema.safeParse({ version: 1, systems: { a: { paths: ['a/'], tier: 1 } }, incidents: [{ id: 'i', severity: 'sev1', status: 'resolved', freeze: true }] });
    assert.strictEqual(parsed.success, true);
  });
});
