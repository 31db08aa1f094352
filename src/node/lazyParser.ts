import type * as ManifestParser from '../core/manifest/manifestParser';
import type * as Yaml from 'yaml';

/**
 * The manifest parser (with yaml and zod behind it) loaded on first use. A command that finds the
 * manifest in the cache (node/manifestCache.ts), and `--help`, never evaluate those libraries, which
 * is a good part of a commit hook's start-up. The bundler keeps a `require`d module unevaluated until
 * the call.
 */
let parser: typeof ManifestParser | undefined;
let yaml: typeof Yaml | undefined;

export function manifestParser(): typeof ManifestParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= require('../core/manifest/manifestParser') as typeof ManifestParser;
  return parser;
}

export function yamlLibrary(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yaml ??= require('yaml') as typeof Yaml;
  return yaml;
}
