import type * as ParserChunk from './parserChunk';

/**
 * The manifest parser (with yaml and zod behind it) loaded on first use. A command that finds the
 * manifest in the cache (node/manifestCache.ts), and `--help`, never load those libraries, which
 * is a good part of a commit hook's start-up. In the CLI bundles this require is of
 * `dist/cli-parser.js` (esbuild.js, `lazyBundles`); in the extension it is of `dist/extension-features.js`, which exports the same parser.
 */
let chunk: typeof ParserChunk | undefined;

function parserChunk(): typeof ParserChunk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  chunk ??= require('./parserChunk') as typeof ParserChunk;
  return chunk;
}

export function manifestParser(): Pick<typeof ParserChunk, 'parseManifest'> {
  return parserChunk();
}
