import type * as FeatureChunk from './featureChunk';

/**
 * The write actions' edit engine and the manifest proposal, loaded on first use. In the bundled
 * extension this require is of `dist/extension-features.js` (esbuild.js, `lazyBundles`).
 */
let chunk: typeof FeatureChunk | undefined;

export function lazyFeatures(): typeof FeatureChunk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  chunk ??= require('./featureChunk') as typeof FeatureChunk;
  return chunk;
}
