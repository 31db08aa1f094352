// The environment of an npm that provisioning runs under the downloaded Node 24.
//
// Started from `npm start`, `npm test` or `npx`, this process carries the outer npm's run-script
// variables: `npm_config_user_agent` names the outer Node (node/v20…), `npm_node_execpath` and
// `NODE` point at it, `npm_config_node_gyp` at the outer npm's node-gyp, and so on. A child npm
// inherits them, and code-server's postinstall reads the Node major from the user agent and stops
// with "requires node v24". So the child starts from the parent's environment minus everything an
// npm run adds, plus exactly what the install needs. NODE_OPTIONS and NODE_PATH go too: a loader
// or module path set for the outer Node has no business in a native build under another.

/** Variables npm's run-script sets for the script it runs (and npx/npm exec alike). */
const runScriptNames = new Set(['npm_execpath', 'npm_node_execpath', 'npm_command', 'INIT_CWD', 'NODE', 'NODE_OPTIONS', 'NODE_PATH', 'COLOR']);
const runScriptPrefixes = ['npm_lifecycle_', 'npm_package_'];

/**
 * npm settings kept from the parent because they say how to reach the registry (a mirror, a proxy,
 * a CA, credentials in a user config), which is the same for every Node. Everything else in
 * `npm_config_*` (user agent, node-gyp, nodedir, prefix, allow-scripts…) describes the outer npm.
 */
const keptNpmConfig = /^npm_config_(registry|@[^:]+:registry|\/\/.+|proxy|https_proxy|http_proxy|noproxy|no_proxy|cafile|ca|cert|key|strict_ssl|userconfig|globalconfig|cache|maxsockets|fetch_retries|fetch_retry_mintimeout|fetch_retry_maxtimeout|fetch_timeout|offline|prefer_offline|prefer_online)$/i;

/** True for a variable an outer npm run (or npx) set that must not reach the child npm. */
function isInheritedNpmVariable(name) {
  if (runScriptNames.has(name)) return true;
  if (runScriptPrefixes.some((prefix) => name.startsWith(prefix))) return true;
  if (/^npm_config_/i.test(name)) return !keptNpmConfig.test(name);
  return false;
}

/**
 * The environment for an npm child under the Node in `nodeBinDir`: the parent's minus every
 * inherited npm variable, with `nodeBinDir` first on PATH (npm, node-gyp and install scripts that
 * run `node` find that Node), then `set` on top.
 * @param {Readonly<Record<string, string | undefined>>} parentEnv
 * @param {{ nodeBinDir: string, set?: Readonly<Record<string, string>> }} options
 * @returns {Record<string, string>}
 */
function npmChildEnv(parentEnv, { nodeBinDir, set = {} }) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [name, value] of Object.entries(parentEnv)) {
    if (value === undefined || isInheritedNpmVariable(name)) continue;
    env[name] = value;
  }
  const pathKey = Object.keys(env).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH';
  // The outer npm put its node_modules/.bin folders and its node-gyp shim first on PATH; leave them out.
  const inherited = (env[pathKey] ?? '').split(':').filter((dir) => dir !== '' && !/[\\/]node_modules[\\/]\.bin$/.test(dir) && !/[\\/]node-gyp-bin$/.test(dir));
  env[pathKey] = [nodeBinDir, ...inherited].join(':');
  return { ...env, ...set };
}

module.exports = { npmChildEnv, isInheritedNpmVariable };
