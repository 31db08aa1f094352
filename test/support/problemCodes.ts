import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The problem codes Change Radar can report, found by scanning the sources that report them, and
 * the codes docs/manifest.md documents. test/unit/core/manifest/manifestParser.test.ts holds the
 * parser's codes and the Problem codes table to each other; test/unit/vscode/codeDocs.test.ts holds
 * every reported code (loader and editor ones too) to an anchor the Problems panel links to.
 */

const root = path.resolve(__dirname, '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

/** The codes a set of sources writes as a problem's code, in the ways the core writes them. */
function scan(files: readonly string[]): Set<string> {
  const sources = files.map(read).join('\n');
  return new Set(
    [...sources.matchAll(/'(?:error|warning|info)', '([a-z0-9-]+)'|error\('([a-z-]+)'|report\(reader, '([a-z-]+)'|code: '([a-z-]+)'|return '([a-z]+-[a-z-]+)'|\? '([a-z]+-[a-z-]+)' : '([a-z]+-[a-z-]+)'|'(glob-too-[a-z-]+)'|code \?\? '([a-z-]+)'|problemAt\('([a-z-]+)'|Code = '([a-z-]+)'/g)]
      .flatMap((match) => match.slice(1).filter((code): code is string => code !== undefined)),
  );
}

/** Every code the parser (src/core) reports: the Problem codes table of docs/manifest.md. */
export function parserProblemCodes(): Set<string> {
  return scan(['manifest/manifestFile', 'manifest/fileLimits', 'manifest/yamlValue', 'manifest/schemaProblems', 'manifest/manifestEntries', 'manifest/manifestParser', 'manifest/manifestNormalizer', 'manifest/normalizerChecks', 'manifest/extendsLoader', 'manifest/problemSink', 'paths/globMatcher']
    .map((name) => `src/core/${name}.ts`));
}

/** Every code a manifest problem can carry where the extension shows it: the parser's, the loader's (finding and reading files, `extends:`) and the editor's own. */
export function manifestProblemCodes(): Set<string> {
  return new Set([...parserProblemCodes(), ...scan(['src/node/manifestLoader.ts', 'src/node/extends/extendsStore.ts', 'src/vscode/model/repositoryModel.ts', 'src/vscode/model/extendsFetcher.ts'])]);
}

/** The codes of docs/manifest.md's Problem codes table (the first cell of each row, after its anchor). */
export function documentedParserCodes(): Set<string> {
  const docs = read('docs/manifest.md');
  const table = docs.slice(docs.indexOf('## Problem codes'));
  return new Set([...table.matchAll(/^\| (?:<a id="[a-z0-9-]+"><\/a>)?`([a-z0-9-]+)` \|/gm)].map((match) => match[1]));
}

/** The anchors (`<a id="…">`) of a markdown file under docs/. */
export function docsAnchors(file: string): Set<string> {
  return new Set([...read(path.join('docs', file)).matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1]));
}
