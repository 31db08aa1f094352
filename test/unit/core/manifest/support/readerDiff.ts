import * as assert from 'node:assert';
import { LineCounter, parseDocument } from 'yaml';
import { loadManifestFile } from '../../../../../src/core/manifest/manifestFile';
import { defaultLimits } from '../../../../../src/core/manifest/fileLimits';
import { parseManifest } from '../../../../../src/core/manifest/manifestParser';
import { manifestFileSchema } from '../../../../../src/core/manifest/manifestSchema';
import { ProblemSink } from '../../../../../src/core/manifest/problemSink';
import { SpanLocator } from '../../../../../src/core/manifest/yamlSpans';
import { readSubset } from '../../../../../src/core/manifest/yamlSubset';
import { YamlLocator } from '../../../../../src/core/manifest/yamlLocator';
import type { ManifestLocator, YamlPath } from '../../../../../src/core/manifest/yamlLocator';

/*
 * The differential check of the subset reader (yamlSubset.ts) against the yaml library: for one
 * text, both readers through loadManifestFile and parseManifest, and every range the locators give.
 */

type YamlReader = 'subset' | 'library';

/** Every path into `value` (maps by key, lists by index), plus a few that lead nowhere. */
export function pathsOf(value: unknown, limit = 5000): YamlPath[] {
  const paths: YamlPath[] = [[]];
  const walk = (node: unknown, path: YamlPath): void => {
    if (paths.length > limit) {
      return;
    }
    paths.push([...path, 'no-such-key'], [...path, 0], [...path, 7]);
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        paths.push([...path, index]);
        walk(item, [...path, index]);
      });
      paths.push([...path, node.length], [...path, -1], [...path, '0']);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        paths.push([...path, key]);
        if (/^\d+$/.test(key)) {
          paths.push([...path, Number(key)]);
        }
        walk(item, [...path, key]);
      }
    }
  };
  walk(value, []);
  return paths;
}

function rangesOf(locator: ManifestLocator, paths: readonly YamlPath[]): unknown[] {
  return [locator.rootRange(), ...paths.map((path) => [
    path, locator.valueRange(path), locator.keyRange(path), locator.ownerRange(path), locator.entryRange(path),
  ])];
}

function loadWith(reader: YamlReader, text: string) {
  const sink = new ProblemSink(100_000);
  const loaded = loadManifestFile('ops.yaml', text, manifestFileSchema, sink, { ...defaultLimits, reader });
  return { loaded, problems: sink.list('ops.yaml') };
}

/**
 * Asserts that the two readers agree on `text`; returns whether the subset reader read it (the
 * library read it otherwise, and the agreement is then trivially true for the value).
 */
export function assertReadersAgree(text: string): boolean {
  const read = readSubset(text, defaultLimits.maxDepth);
  const accepted = read !== undefined;
  if (read) {
    // The whole tree, before unknown keys are removed: every value and every range.
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    assert.deepStrictEqual(doc.errors, [], `the subset reader read a text with syntax errors: ${JSON.stringify(text)}`);
    const expected: unknown = doc.toJS({ maxAliasCount: 100 });
    assert.deepStrictEqual(read.value, expected, `values differ for ${JSON.stringify(text)}`);
    assert.strictEqual(JSON.stringify(read.value), JSON.stringify(expected), `key order differs for ${JSON.stringify(text)}`);
    const paths = pathsOf(expected);
    assert.deepStrictEqual(rangesOf(new SpanLocator(read.spans, text), paths), rangesOf(new YamlLocator(doc, lines, text), paths), `ranges differ for ${JSON.stringify(text)}`);
  }
  const library = loadWith('library', text);
  const subset = loadWith('subset', text);
  assert.deepStrictEqual(subset.problems, library.problems, `problems differ for ${JSON.stringify(text)}`);
  assert.deepStrictEqual(subset.loaded?.raw, library.loaded?.raw, `values differ for ${JSON.stringify(text)}`);
  assert.strictEqual(JSON.stringify(subset.loaded?.raw), JSON.stringify(library.loaded?.raw), `key order differs for ${JSON.stringify(text)}`);
  if (library.loaded && subset.loaded) {
    assert.strictEqual(subset.loaded.locator instanceof SpanLocator, accepted);
    const paths = pathsOf(library.loaded.raw);
    assert.deepStrictEqual(rangesOf(subset.loaded.locator, paths), rangesOf(library.loaded.locator, paths), `ranges differ for ${JSON.stringify(text)}`);
    for (const offset of [0, 1, text.length >> 1, text.length - 1, text.length]) {
      if (offset >= 0) {
        assert.deepStrictEqual(subset.loaded.locator.position(offset), library.loaded.locator.position(offset), `position ${offset} differs for ${JSON.stringify(text)}`);
      }
    }
  }
  const readFile = (file: string): string | undefined => (file === 'ops.yaml' ? text : undefined);
  const parsedLibrary = parseManifest('ops.yaml', readFile, { yamlReader: 'library' });
  const parsedSubset = parseManifest('ops.yaml', readFile, { yamlReader: 'subset' });
  assert.deepStrictEqual(parsedSubset, parsedLibrary, `parseManifest differs for ${JSON.stringify(text)}`);
  return accepted;
}
