// Bundles the extension (loaded by VS Code) and the CLI (run by git hooks and CI), each as an entry
// bundle plus bundles of their own for what only some runs need (docs/architecture.md, "Bundles").
// `node esbuild.js [--production] [--watch]`; scripts/packCli.js and the CLI tests build through
// `buildCli` below, so every build of the CLI has the same shape.
const path = require('node:path');
const esbuild = require('esbuild');

const root = __dirname;

/**
 * Modules loaded on first use from a bundle of their own, next to the bundle that needs them. The
 * source requires them inside a function (`require('./parserChunk')`); in a bundle that is not the
 * module's own, that require becomes `require('./cli-parser.js')`, so the entry bundle neither
 * holds nor evaluates them. Each lazy bundle is self-contained (it repeats the few core modules it
 * shares with the entry), and only plain data crosses between bundles.
 */
const lazyBundles = {
  // The located manifest parser with yaml and zod: a hook whose manifest is in the cache never loads it.
  'src/node/parserChunk.ts': 'cli-parser.js',
  // Commands a commit never runs: write actions, calendar, init, coverage.
  'src/cli/extraCommands.ts': 'cli-extra.js',
  // The extension's parser, language-feature text index, write actions and manifest proposal: all
  // that needs yaml or zod, loaded on first use (a window on a cached manifest may never need it).
  'src/vscode/base/featureChunk.ts': 'extension-features.js',
};

/** The files of the CLI, entry first: what the hooks' copy in `.git/change-radar/` must hold. */
const cliFiles = ['cli.js', 'cli-main.js', 'cli-parser.js', 'cli-extra.js'];

/**
 * Rewrites a require of one of `lazy` (keys of `lazyBundles`) to its bundle; `served` maps further
 * modules to a lazy bundle of this build that exports the same (the extension's
 * `extension-features.js` serves the node loader's `parserChunk` require).
 */
function lazyBundlePlugin(ownEntry, lazy, served = {}) {
  const byPath = new Map([
    ...lazy.map((source) => [path.join(root, source).replace(/\.ts$/, ''), lazyBundles[source]]),
    ...Object.entries(served).map(([source, file]) => [path.join(root, source).replace(/\.ts$/, ''), file]),
  ]);
  return {
    name: 'lazy-bundles',
    setup(build) {
      build.onResolve({ filter: /(parserChunk|extraCommands|featureChunk)$/ }, (args) => {
        const target = path.resolve(args.resolveDir, args.path);
        const file = byPath.get(target);
        if (file === undefined || path.join(root, ownEntry).replace(/\.ts$/, '') === target) return undefined;
        return { path: `./${file}`, external: true };
      });
    },
  };
}

function options(entry, outfile, { production, lazy, served, extra = {} }) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    logLevel: 'info',
    entryPoints: [path.join(root, entry)],
    outfile,
    plugins: [lazyBundlePlugin(entry, lazy, served)],
    ...extra,
  };
}

/**
 * The CLI's bundles, written to `outdir`. cli.js is the one to run: a few lines that keep V8's
 * compiled code of the others beside them (src/node/codeCache.ts) and run cli-main.js.
 */
function cliBuilds(outdir, { production = false, logLevel = 'info' } = {}) {
  const shebang = { banner: { js: '#!/usr/bin/env node' }, logLevel };
  const lazy = ['src/node/parserChunk.ts', 'src/cli/extraCommands.ts'];
  return [
    options('src/cli/boot.ts', path.join(outdir, 'cli.js'), { production, lazy: [], extra: shebang }),
    options('src/cli/main.ts', path.join(outdir, 'cli-main.js'), { production, lazy, extra: { logLevel } }),
    options('src/node/parserChunk.ts', path.join(outdir, 'cli-parser.js'), { production, lazy, extra: { logLevel } }),
    options('src/cli/extraCommands.ts', path.join(outdir, 'cli-extra.js'), { production, lazy, extra: { logLevel } }),
  ];
}

function extensionBuilds(outdir, { production = false } = {}) {
  const vscode = { external: ['vscode'] };
  const lazy = ['src/vscode/base/featureChunk.ts'];
  // The node manifest loader (the commit warning reads the index through it) parses with the
  // extension's own parser bundle, which exports `parseManifest` as cli-parser.js does.
  const served = { 'src/node/parserChunk.ts': 'extension-features.js' };
  return [
    options('src/extension.ts', path.join(outdir, 'extension.js'), { production, lazy, served, extra: vscode }),
    options('src/vscode/base/featureChunk.ts', path.join(outdir, 'extension-features.js'), { production, lazy, extra: vscode }),
  ];
}

async function buildCli(outdir, settings) {
  await Promise.all(cliBuilds(outdir, settings).map((build) => esbuild.build(build)));
}

async function main() {
  const production = process.argv.includes('--production');
  const watch = process.argv.includes('--watch');
  const dist = path.join(root, 'dist');
  const builds = [...extensionBuilds(dist, { production }), ...cliBuilds(dist, { production })];
  if (watch) {
    for (const build of builds) {
      const ctx = await esbuild.context(build);
      await ctx.watch();
    }
    return;
  }
  await Promise.all(builds.map((build) => esbuild.build(build)));
}

module.exports = { buildCli, cliFiles, lazyBundles };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
