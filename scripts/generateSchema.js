// Writes schemas/ops.schema.json from the zod schema in src/core/manifest/manifestSchema.ts.
// `npm run schema`; `--check` exits 1 when the committed file is stale (a unit test checks it too).
'use strict';
require('tsx/cjs');
const fs = require('node:fs');
const path = require('node:path');
const { manifestJsonSchemaText } = require('../src/core/manifest/manifestSchema');

const target = path.join(__dirname, '..', 'schemas', 'ops.schema.json');
const text = manifestJsonSchemaText();

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error('schemas/ops.schema.json is stale: run `npm run schema`');
    process.exit(1);
  }
  console.log('schemas/ops.schema.json is up to date');
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
