import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Disagreement } from '../context';
import type { Sample } from '../measure';
import { summarize } from '../measure';

/**
 * The editor's re-parse after an edit (issue 24, item 6), in a fresh node process over the production
 * parser bundle (`dist/cli-parser.js`, the parser `extension-features.js` holds too): the parse at
 * activation (the process's first, cold), then `edits` parses of the manifest with one freeze given a
 * new title each time — what the extension host does when `ops.yaml` is saved. Only the parse is
 * timed (not the model, the views or the editor's own work around it).
 */
const script = `
const fs = require('fs');
const path = require('path');
const { parseManifest } = require(process.argv[1]);
const original = fs.readFileSync(process.argv[2], 'utf8');
const edits = Number(process.argv[3]);
// Included files, read from disk by the first parse and held after it, as the editor holds them.
const files = new Map();
const read = (file) => {
  if (!files.has(file)) {
    try { files.set(file, fs.readFileSync(path.join(path.dirname(process.argv[2]), file), 'utf8')); } catch { files.set(file, undefined); }
  }
  return files.get(file);
};
const time = (text) => {
  const started = process.hrtime.bigint();
  const result = parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? text : read(file)));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.manifest === undefined) throw new Error('no manifest');
  return ms;
};
const activation = time(original);
const times = [];
for (let edit = 0; edit < edits; edit++) times.push(time(original.replace(/^( +title: "Freeze )[^"\\n]*"$/m, '$1edited ' + edit + '"')));
process.stdout.write(JSON.stringify({ activation, times }));
`;

export function editorReparse(parserBundle: string, manifest: string, edits: number, processes: number): { activation: Sample; edit: Sample; afterFive?: Sample } {
  if (!fs.existsSync(parserBundle)) throw new Disagreement(`case 11: no parser bundle at ${parserBundle}`);
  const activation: number[] = [];
  const edit: number[] = [];
  const afterFive: number[] = [];
  for (let round = 0; round < processes; round++) {
    const result = spawnSync(process.execPath, ['-e', script, path.resolve(parserBundle), manifest, String(edits)], { encoding: 'utf8' });
    if (result.status !== 0) throw new Disagreement(`case 11: the re-parse run failed: ${result.stderr.slice(-500)}`);
    const measured = JSON.parse(result.stdout) as { activation: number; times: number[] };
    activation.push(measured.activation);
    edit.push(measured.times[0]);
    afterFive.push(...measured.times.slice(5));
  }
  return { activation: summarize(activation), edit: summarize(edit), ...(afterFive.length > 0 ? { afterFive: summarize(afterFive) } : {}) };
}
