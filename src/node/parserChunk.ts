/**
 * What `dist/cli-parser.js` holds: the located manifest parser, with yaml and zod behind it. The
 * CLI loads it through lazyParser.ts only when it has to parse (a cache miss, `validate`, a
 * manifest at a revision), so a commit whose manifest is in the cache never reads this bundle.
 * Everything it returns is plain data.
 */
import { parseManifest as parseWithOptions } from '../core/manifest/manifestParser';

/**
 * The core's parseManifest, with one bench and diagnostic switch from the environment
 * (docs/benchmarks.md): `CHANGE_RADAR_YAML=library` reads every manifest file with the yaml library
 * alone, as before the subset reader, unless the caller chose a reader.
 */
export const parseManifest: typeof parseWithOptions = (rootFile, readFile, options = {}) =>
  parseWithOptions(rootFile, readFile, process.env.CHANGE_RADAR_YAML === 'library' && options.yamlReader === undefined ? { ...options, yamlReader: 'library' } : options);
