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
 * holds nor evaluates them. A lazy bundle repeats the few core modules it shares with the entry
 * (only plain data crosses between them); what it shares with another lazy bundle it may take from
 * there (`sharing` below).
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
    absWorkingDir: root,
    outfile,
    plugins: [lazyBundlePlugin(entry, lazy, served)],
    ...extra,
  };
}

/**
 * Modules a lazily loaded bundle takes from another of the same build instead of holding a copy:
 * `cli-extra.js` (the commands a commit never runs) would otherwise repeat half of `cli-parser.js`
 * (yaml, zod, croner, the manifest reader), about 260 KB. The taking bundle's imports of a module
 * the giving bundle holds anyway become `require('./cli-parser.js').sharedModules[...]`, and the
 * giving bundle exports the namespaces of exactly those modules (`sharedModules`), so it grows only
 * by the exports of theirs it had shaken off. One copy of each such module then serves both bundles
 * (module state included).
 */
const sharing = { 'src/cli/extraCommands.ts': 'src/node/parserChunk.ts' };

/** The modules (paths from the repository's root) that the bundle of `entry` holds. */
async function modulesOf(build) {
  const probe = await esbuild.build({ ...build, write: false, metafile: true, logLevel: 'silent' });
  const entry = path.relative(root, build.entryPoints[0]).split(path.sep).join('/');
  return Object.keys(probe.metafile.inputs).filter((input) => input !== entry).sort();
}

/** `build` (of a giving bundle) with an entry that also exports the namespaces of `shared`. */
function givingBuild(build, shared) {
  const entry = `./${path.relative(root, build.entryPoints[0]).split(path.sep).join('/')}`;
  const contents = [
    `export * from ${JSON.stringify(entry)};`,
    ...shared.map((file, i) => `import * as m${i} from ${JSON.stringify(`./${file}`)};`),
    `export const sharedModules = { ${shared.map((file, i) => `${JSON.stringify(file)}: m${i}`).join(', ')} };`,
  ].join('\n');
  const { entryPoints: _entry, ...rest } = build;
  return { ...rest, stdin: { contents, resolveDir: root, sourcefile: `${entry.slice(2).replace(/\.ts$/, '')}.shared.ts`, loader: 'ts' } };
}

/**
 * Makes the taking bundle's imports of `held` modules reads of the giving bundle `giverFile`'s
 * `sharedModules`; each module so taken is added to `taken`.
 */
function takingPlugin(giverFile, held, taken = new Set()) {
  return {
    name: 'shared-modules',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'shared-probe' || args.kind === 'entry-point' || args.namespace === 'shared-module') return undefined;
        const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'shared-probe' });
        if (found.errors.length > 0 || found.external || found.namespace !== 'file') return undefined;
        const file = path.relative(root, found.path).split(path.sep).join('/');
        if (!held.has(file)) return undefined;
        taken.add(file);
        return { path: file, namespace: 'shared-module' };
      });
      build.onResolve({ filter: /.*/, namespace: 'shared-module' }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`./${giverFile}`)}).sharedModules[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/**
 * The CLI's bundles, written to `outdir`. cli.js is the one to run: a few lines that keep V8's
 * compiled code of the others beside them (src/node/codeCache.ts) and run cli-main.js. With
 * `share` (every build but `--watch`, whose bundles stay whole), `sharing` applies.
 */
async function cliBuilds(outdir, { production = false, logLevel = 'info', share = true } = {}) {
  const shebang = { banner: { js: '#!/usr/bin/env node' }, logLevel };
  const lazy = ['src/node/parserChunk.ts', 'src/cli/extraCommands.ts'];
  const builds = {
    'src/cli/boot.ts': options('src/cli/boot.ts', path.join(outdir, 'cli.js'), { production, lazy: [], extra: shebang }),
    'src/cli/main.ts': options('src/cli/main.ts', path.join(outdir, 'cli-main.js'), { production, lazy, extra: { logLevel } }),
    'src/node/parserChunk.ts': options('src/node/parserChunk.ts', path.join(outdir, 'cli-parser.js'), { production, lazy, extra: { logLevel } }),
    'src/cli/extraCommands.ts': options('src/cli/extraCommands.ts', path.join(outdir, 'cli-extra.js'), { production, lazy, extra: { logLevel } }),
  };
  if (share) {
    for (const [taker, giver] of Object.entries(sharing)) {
      // What the giver holds, then which of those the taker imports (a trial build of the taker).
      const held = new Set(await modulesOf(builds[giver]));
      const taken = new Set();
      const taking = builds[taker];
      await esbuild.build({ ...taking, write: false, logLevel: 'silent', plugins: [...taking.plugins, takingPlugin(lazyBundles[giver], held, taken)] });
      const shared = [...taken].sort();
      builds[taker] = { ...taking, plugins: [...taking.plugins, takingPlugin(lazyBundles[giver], new Set(shared))] };
      builds[giver] = givingBuild(builds[giver], shared);
    }
  }
  return Object.values(builds);
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
  await Promise.all((await cliBuilds(outdir, settings)).map((build) => esbuild.build(build)));
}

async function main() {
  const production = process.argv.includes('--production');
  const watch = process.argv.includes('--watch');
  const dist = path.join(root, 'dist');
  const builds = [...extensionBuilds(dist, { production }), ...(await cliBuilds(dist, { production, share: !watch }))];
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
