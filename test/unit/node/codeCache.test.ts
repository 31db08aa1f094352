import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { codeCacheFile, readCodeCache } from '../../../src/node/codeCache';

// The V8 code cache of the CLI's bundles (src/node/codeCache.ts), on small real modules in a
// throwaway folder: what is written, when it is used, and that a damaged, foreign or unwritable cache
// changes nothing but speed. The built CLI's use of it is in test/cli/codeCache.test.ts.

const main = `#!/usr/bin/env node
"use strict";
const helper = require('./helper.js');
exports.answer = helper.twice(21);
exports.where = [__filename, __dirname, typeof module.exports, require('node:path').sep];
exports.lazy = () => require('./helper.js').twice(2);
`;
const helper = `exports.twice = function twice(n) { return n * 2; };\n`;

function folder(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-code-cache-')));
  fs.writeFileSync(path.join(dir, 'main.js'), main);
  fs.writeFileSync(path.join(dir, 'helper.js'), helper);
  fs.writeFileSync(path.join(dir, 'other.js'), 'exports.other = 1;\n');
  return dir;
}

/** src/node/codeCache.ts built for plain node, so each load below is a process of its own, as each CLI run is. */
let built = '';

/**
 * Loads `main.js` of `dir` in a new node process through a cache for main.js and helper.js (as
 * dist/cli.js does), the cache written as that process exits unless `flush` is false; returns the
 * module's exports and which bundles' compiled code came from the cache. (In one process V8 would
 * answer a second compile of the same text from its own memory, whatever the cache held.)
 */
function load(dir: string, flush = true): { exports: { answer: number; where: unknown[]; lazy: number }; used: Record<string, boolean> } {
  const script = `
    const { installCodeCache } = require(${JSON.stringify(built)});
    const cache = installCodeCache(${JSON.stringify(dir)}, ['main.js', 'helper.js']);
    const main = require(${JSON.stringify(path.join(dir, 'main.js'))});
    require(${JSON.stringify(path.join(dir, 'other.js'))});
    process.stdout.write(JSON.stringify({ exports: { ...main, lazy: main.lazy() }, used: Object.fromEntries(cache.used) }));
    if (${flush}) process.once('exit', () => cache.flush());`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.strictEqual(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as ReturnType<typeof load>;
}

const cacheFiles = (dir: string): string[] => fs.readdirSync(dir).filter((name) => name.endsWith('.v8cache')).sort();
const fileOf = (dir: string, name: string): string => codeCacheFile(path.join(dir, name), fs.readFileSync(path.join(dir, name), 'utf8'));

describe('V8 code cache of the CLI bundles (src/node/codeCache.ts)', () => {
  before(() => {
    built = path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-code-cache-build-'))), 'codeCache.js');
    esbuild.buildSync({ entryPoints: [path.join(__dirname, '../../../src/node/codeCache.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: built, logLevel: 'warning' });
  });

  it('a module loaded through it behaves as one Node loads: exports, __filename, __dirname, relative require, a #! line', () => {
    const dir = folder();
    const first = load(dir);
    assert.strictEqual(first.exports.answer, 42);
    assert.deepStrictEqual(first.exports.where, [path.join(dir, 'main.js'), dir, 'object', path.sep]);
    assert.strictEqual(first.exports.lazy, 4);
  });

  it('the first run compiles and writes one file per bundle after the run; the next run uses them and writes nothing', () => {
    const dir = folder();
    const unflushed = load(dir, false);
    assert.deepStrictEqual(unflushed.used, { 'main.js': false, 'helper.js': false }, 'other.js is not a bundle: compiled as Node does');
    assert.deepStrictEqual(cacheFiles(dir), [], 'nothing is written but when the run ends');
    load(dir);
    assert.deepStrictEqual(cacheFiles(dir), [path.basename(fileOf(dir, 'helper.js')), path.basename(fileOf(dir, 'main.js'))].sort());
    const stamps = cacheFiles(dir).map((name) => fs.statSync(path.join(dir, name)).mtimeMs);
    const second = load(dir);
    assert.deepStrictEqual(second.used, { 'main.js': true, 'helper.js': true });
    assert.strictEqual(second.exports.answer, 42);
    assert.deepStrictEqual(cacheFiles(dir).map((name) => fs.statSync(path.join(dir, name)).mtimeMs), stamps, 'not written again');
  });

  it('a damaged file fails its checksum: not handed to V8, compiled afresh and written again', () => {
    const dir = folder();
    load(dir);
    const file = fileOf(dir, 'main.js');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(file, bytes);
    assert.strictEqual(readCodeCache(file), undefined);
    const again = load(dir);
    assert.deepStrictEqual(again.used, { 'main.js': false, 'helper.js': true });
    assert.strictEqual(again.exports.answer, 42);
    assert.ok(readCodeCache(file) !== undefined, 'rewritten whole');
    fs.writeFileSync(file, bytes.subarray(0, 20));
    assert.strictEqual(readCodeCache(file), undefined, 'a truncated file is not read');
  });

  it('compiled code of another text at this name is refused by V8 (cachedDataRejected), and replaced', () => {
    const dir = folder();
    load(dir);
    // helper.js's compiled code, with a valid checksum, where main.js's belongs.
    fs.copyFileSync(fileOf(dir, 'helper.js'), fileOf(dir, 'main.js'));
    const again = load(dir);
    assert.deepStrictEqual(again.used, { 'main.js': false, 'helper.js': true });
    assert.strictEqual(again.exports.answer, 42);
    assert.deepStrictEqual(load(dir).used, { 'main.js': true, 'helper.js': true });
  });

  it('a bundle whose text changed gets a new file and the old text\'s files go; another runtime\'s file of the current text stays', () => {
    const dir = folder();
    load(dir);
    const before = fileOf(dir, 'helper.js');
    const otherRuntime = (file: string): string => file.replace(/\.[0-9a-f]{8}\.v8cache$/, '.0badc0de.v8cache');
    fs.copyFileSync(before, otherRuntime(before));
    fs.writeFileSync(path.join(dir, 'helper.js'), helper.replace('n * 2', '2 * n'));
    const after = fileOf(dir, 'helper.js');
    // As if VS Code's Electron had run this build's hooks too.
    fs.copyFileSync(before, otherRuntime(after));
    const run = load(dir);
    assert.deepStrictEqual(run.used, { 'main.js': true, 'helper.js': false });
    assert.notStrictEqual(after, before);
    assert.ok(!fs.existsSync(before) && !fs.existsSync(otherRuntime(before)), 'the old text\'s files are gone, for every runtime');
    assert.ok(fs.existsSync(after) && fs.existsSync(otherRuntime(after)), 'the current text\'s are kept, for every runtime');
    assert.strictEqual(cacheFiles(dir).length, 3);
  });

  it('something other than a regular file at the cache\'s place is not read, and a write that fails is no error: the run compiles as without the cache', () => {
    const dir = folder();
    fs.mkdirSync(fileOf(dir, 'main.js'));
    const run = load(dir);
    assert.deepStrictEqual(run.used, { 'main.js': false, 'helper.js': false });
    assert.ok(fs.statSync(fileOf(dir, 'main.js')).isDirectory());
    assert.ok(readCodeCache(fileOf(dir, 'helper.js')) !== undefined, 'the other bundle is kept');
    assert.deepStrictEqual(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')), [], 'no temporary file is left');
  });
});
