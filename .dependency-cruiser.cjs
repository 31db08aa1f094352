// dependency-cruiser: which folder of src/ may import which, and no import cycles between files
// (docs/architecture.md, "The arrows point down"). `npm run lint` runs it (`lint:deps`). It judges
// resolved paths, so `import type`, re-exports and `require()` count as much as `import`.
// Which *modules* a layer may use (vscode, fs, child_process, …) and `process` / `Date.now()` are
// ESLint's part (eslint.config.mjs).

/** The lazily loaded bundles' entries (esbuild.js, `lazyBundles`), each required by its loader inside a function. */
const lazyChunks = '^src/(node/parserChunk|cli/extraCommands|vscode/base/featureChunk)[.]ts$';

/** `src/core/<folder>` may import core only from itself, `allowed` and the vocabulary (model.ts, problem.ts). */
function coreFolder(folder, allowed) {
  const own = [folder, ...allowed].map((name) => `${name}/`).join('|');
  return {
    name: `core-${folder}-downward`,
    comment: `src/core/${folder} may import ${allowed.length > 0 ? `${allowed.join(', ')}, ` : ''}core/model.ts and core/problem.ts only: arrows point down.`,
    severity: 'error',
    from: { path: `^src/core/${folder}/` },
    to: { path: '^src/core/', pathNot: `^src/core/(${own}|(model|problem)[.]ts$)` },
  };
}

/** A folder of src/vscode that must not import the folders beside or after it. */
function vscodeFolder(folder, after, message = `src/vscode/${folder} must not import ${after.join(', ')}: arrows point down.`) {
  return {
    name: `vscode-${folder.replace(/\//g, '-')}-downward`,
    comment: message,
    severity: 'error',
    from: { path: `^src/vscode/${folder}/` },
    to: { path: `^src/vscode/(${after.join('|')})(/|[.]ts$)` },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'No import cycles between files (type-only imports included). A cycle through a lazily loaded ' +
        "bundle's entry does not count: its loader requires it inside a function, after every module has loaded.",
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { pathNot: lazyChunks } },
    },
    {
      name: 'lazy-chunk-required-lazily',
      comment:
        "A lazily loaded bundle's entry is only require()d by its loader (lazyParser.ts, runCli.ts, " +
        'lazyFeatures.ts) or imported as a type: a value import would load it with the entry bundle.',
      severity: 'error',
      from: {},
      to: { path: lazyChunks, dependencyTypesNot: ['require', 'type-only'] },
    },
    {
      name: 'entries-imported-by-nobody',
      comment: 'src/extension.ts and src/cli/main.ts are entries; src/vscode/changeRadar.ts is the wiring only extension.ts builds.',
      severity: 'error',
      from: { pathNot: '^src/extension[.]ts$' },
      to: { path: '^src/(extension[.]ts|cli/main[.]ts|vscode/changeRadar[.]ts)$' },
    },

    // src/core depends on nothing outside src/core; inside it the arrows point down:
    // model.ts, problem.ts (the vocabulary) ← time, paths ← manifest ← sources ← evaluate ← edit, adopt, language.
    {
      name: 'core-only-core',
      comment: 'src/core is pure: it depends on nothing outside src/core.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'core-vocabulary',
      comment: 'core/model.ts and core/problem.ts are the vocabulary: they import no core folder.',
      severity: 'error',
      from: { path: '^src/core/(model|problem)[.]ts$' },
      to: { path: '^src/core/[^/]+/' },
    },
    coreFolder('time', []),
    coreFolder('paths', []),
    coreFolder('manifest', ['time', 'paths']),
    coreFolder('sources', ['manifest', 'time', 'paths']),
    coreFolder('evaluate', ['manifest', 'sources', 'time', 'paths']),
    // edit, adopt, language: all of core (core-only-core keeps them inside it).

    // extension → vscode → report / node → core
    {
      name: 'report-only-core',
      comment: 'src/report is pure formatting on src/core: the CLI and the extension use it, not the other way round.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/', pathNot: '^src/(core|report)/' },
    },
    {
      name: 'node-only-core',
      comment: 'src/node sits on src/core only (beside src/report).',
      severity: 'error',
      from: { path: '^src/node/' },
      to: { path: '^src/', pathNot: '^src/(core|node)/' },
    },
    {
      name: 'cli-not-vscode',
      comment: 'src/cli uses core, node and report; only src/vscode and src/extension.ts are the extension.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(vscode/|extension[.]ts$)' },
    },
    {
      name: 'vscode-not-cli',
      comment: 'The extension uses src/report for shared formatting, never the CLI.',
      severity: 'error',
      from: { path: '^src/vscode/' },
      to: { path: '^src/cli/' },
    },

    // Inside src/vscode: base ← model ← views, warnings ← commands, language.
    // (constants.ts and settings.ts sit below model, services.ts above it, changeRadar.ts on top.)
    vscodeFolder('base', ['model', 'views', 'warnings', 'commands', 'language', 'services', 'changeRadar']),
    vscodeFolder('model', ['views', 'warnings', 'commands', 'language', 'services', 'changeRadar']),
    vscodeFolder('views', ['warnings', 'commands', 'language']),
    vscodeFolder('warnings', ['views', 'commands', 'language']),
    {
      name: 'vscode-viewModel-plain-data',
      comment: 'View models are plain data over core, report and model types, tested in plain Node (ESLint keeps vscode out). They word their rows through base/l10n.ts, which needs no vscode.',
      severity: 'error',
      from: { path: '^src/vscode/views/viewModel/' },
      // base/l10n.ts is the exception: `t` needs no vscode (it is how view models localise their text).
      to: { path: '^src/vscode/(base/|views/[^/]+[.]ts$|services[.]ts$)', pathNot: '^src/vscode/base/l10n[.]ts$' },
    },
  ],
  options: {
    includeOnly: '^src/',
    moduleSystems: ['cjs', 'es6'],
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
