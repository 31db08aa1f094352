// Packs the CLI as a published-shape npm package: out/cli-package/ holds the bundled CLI (cli.js,
// the cli-main.js it runs and the two bundles loaded on demand: every runtime dependency inside,
// nothing to install), a package.json whose
// `bin` is `change-radar`, the README and the licence; `npm pack` turns it into
// out/change-radar-<version>.tgz, which `npx --package <tgz> change-radar` and
// `npm install -g <tgz>` run without a checkout of this repository.
// Usage: node scripts/packCli.js   (prints the tarball's path)
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { buildCli, cliFiles } = require('../esbuild');

const root = path.resolve(__dirname, '..');

async function packCli() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const stage = path.join(root, 'out', 'cli-package');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  await buildCli(stage, { production: true, logLevel: 'warning' });
  fs.chmodSync(path.join(stage, 'cli.js'), 0o755);
  const pkg = {
    name: manifest.name,
    version: manifest.version,
    description: 'Change freezes, incidents and milestones at commit time and in CI: the change-radar command line.',
    license: manifest.license,
    bin: { 'change-radar': 'cli.js' },
    files: [...cliFiles, 'README.md', 'LICENSE'],
    engines: { node: manifest.engines.node },
    keywords: manifest.keywords,
  };
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
  fs.writeFileSync(path.join(stage, 'README.md'), [
    '# change-radar', '',
    'The command line of Change Radar: which systems a change touches, the change freezes, incidents and',
    'milestones involved, and git hooks that refuse commits into a frozen system.', '',
    '```sh', 'npx change-radar init          # propose ops.yaml from CODEOWNERS, Backstage, workspaces',
    'npx change-radar check --staged', 'npx change-radar hook install', '```', '',
    'Documentation: docs/cli.md in the Change Radar repository.', '',
  ].join('\n'));
  const out = path.join(root, 'out');
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: stage, encoding: 'utf8' }).trim().split('\n').pop();
  return path.join(out, name);
}

module.exports = { packCli };

if (require.main === module) {
  packCli().then((tarball) => console.log(tarball), (error) => {
    console.error(error);
    process.exit(1);
  });
}
