// The workspace of the multi-root integration run: two real git repositories, `alpha` and `beta`,
// each with its own ops.yaml, and a .code-workspace file listing both (opened with ?workspace=).
// multiRoot.test.ts asserts on exactly these manifests.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createGitRepo } = require('../../../scripts/host/gitRepo');

const alphaManifest = `version: 1
timezone: UTC
systems:
  payments:
    title: Payments
    paths: [services/payments/]
    owners: ["@acme/payments"]
incidents:
  - id: INC-7
    title: Card payments failing
    severity: sev1
    status: investigating
    systems: [payments]
    started: 2026-12-05 09:00
freezes:
  - id: audit
    title: Audit window
    systems: [payments]
    start: 2026-12-04 00:00
    end: 2026-12-06 00:00
    enforcement: warn
`;

const betaManifest = `version: 1
timezone: UTC
systems:
  search:
    title: Search
    paths: [services/search/]
    owners: ["@acme/search"]
incidents:
  - id: INC-9
    title: Search results stale
    severity: sev2
    status: investigating
    systems: [search]
    started: 2026-12-05 10:00
freezes:
  - id: reindex
    title: Reindex freeze
    systems: [search]
    start: 2026-12-01 00:00
    end: 2026-12-10 00:00
    enforcement: block
`;

/** Commits in the 72 h before each folder's incident (2026-12-05): what its changes row lists, and one in no system. */
const recentCommits = {
  payments: [
    { message: 'Retry declined card charges', files: { 'services/payments/retry.ts': 'export const retries = 3;\n' }, date: '2026-12-04T20:00:00Z' },
    { message: 'Update the readme', files: { 'README.md': '# alpha\n' }, date: '2026-12-04T21:00:00Z' },
  ],
  search: [
    { message: 'Shorten the search cache TTL', files: { 'services/search/cache.ts': 'export const ttl = 30;\n' }, date: '2026-12-04T22:00:00Z' },
  ],
};

function repo(dir, manifest, service) {
  return createGitRepo({
    dir,
    commits: [
      { message: 'Add the ops manifest', files: { 'ops.yaml': manifest }, date: '2026-01-05T10:00:00Z' },
      { message: `Add ${service}`, files: { [`services/${service}/index.ts`]: `export const name = '${service}';\n` }, date: '2026-01-06T10:00:00Z' },
      ...recentCommits[service],
    ],
  });
}

/** Creates the two repositories and the workspace file under a fresh temp folder; returns their paths. */
function createMultiRootWorkspace() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-multi-root-'));
  const alpha = repo(path.join(root, 'alpha'), alphaManifest, 'payments');
  const beta = repo(path.join(root, 'beta'), betaManifest, 'search');
  const workspaceFile = path.join(root, 'multi.code-workspace');
  fs.writeFileSync(workspaceFile, `${JSON.stringify({ folders: [{ path: alpha }, { path: beta }], settings: {} }, null, 2)}\n`);
  return { root, alpha, beta, workspaceFile };
}

module.exports = { createMultiRootWorkspace, alphaManifest, betaManifest };
