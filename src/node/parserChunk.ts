/**
 * What `dist/cli-parser.js` holds: the located manifest parser, with yaml and zod behind it. The
 * CLI loads it through lazyParser.ts only when it has to parse (a cache miss, `validate`, a
 * manifest at a revision), so a commit whose manifest is in the cache never reads this bundle.
 * Everything it returns is plain data.
 */
export { parseManifest } from '../core/manifest/manifestParser';

import { useYamlReader } from '../core/manifest/manifestFile';

// A bench and diagnostic switch (docs/benchmarks.md): `CHANGE_RADAR_YAML=library` reads every
// manifest file with the yaml library alone, as before the subset reader.
if (process.env.CHANGE_RADAR_YAML === 'library') {
  useYamlReader('library');
}
