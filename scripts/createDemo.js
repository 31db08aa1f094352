#!/usr/bin/env node
// Creates the demo repository for `npm start` in the ignored .demo/ folder: the files of
// examples/ as a real git repository with a few commits, plus one uncommitted edit so the
// Change Impact view has something to show. Reused when present; `--reset` makes it anew.
const fs = require('node:fs');
const path = require('node:path');
const { hostConfig } = require('./host/hostConfig');
const { createFixtureWorkspace, listFiles, git } = require('./host/gitRepo');

const demoDir = path.join(hostConfig.repoRoot, '.demo');

function createDemo({ reset = false } = {}) {
  if (!reset && fs.existsSync(path.join(demoDir, '.git'))) return { dir: demoDir, created: false };
  fs.rmSync(demoDir, { recursive: true, force: true });
  const source = path.join(hostConfig.repoRoot, 'examples');
  createFixtureWorkspace({ dir: demoDir, source });
  // One edit in progress, in checkout (tier 1, in upcoming freezes, on the checkout-v2 milestones),
  // so the demo shows a change's impact; else the first service file.
  const files = listFiles(demoDir);
  const edited = files.find((file) => file === 'services/checkout/src/api.ts') ?? files.find((file) => /^services\/.+\.(ts|js|go|py|java)$/.test(file));
  if (edited) fs.appendFileSync(path.join(demoDir, edited), '\n// Work in progress (Change Radar demo)\n');
  return { dir: demoDir, created: true, source, edited, commits: Number(git(demoDir, ['rev-list', '--count', 'HEAD'])) };
}

if (require.main === module) {
  const result = createDemo({ reset: process.argv.includes('--reset') });
  console.log(result.created
    ? `demo repository created in ${result.dir} from ${path.relative(hostConfig.repoRoot, result.source)} (${result.commits} commits${result.edited ? `, ${result.edited} edited` : ''})`
    : `demo repository already present in ${result.dir} (--reset makes it anew)`);
}

module.exports = { createDemo, demoDir };
