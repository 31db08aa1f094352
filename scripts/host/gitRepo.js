// Throwaway git repositories for tests and the demo: real `git init -b main`, real commits.
// Used by the harness (Node), by suites inside the extension host, and by `npm start`.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

/** The project root: the nearest folder above this file (or its bundle in out/) with our package.json. */
function findRepoRoot(start = __dirname) {
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'change-radar') return dir;
    } catch {
      // No package.json here: keep walking up.
    }
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..', '..');
  }
}
const repoRoot = findRepoRoot();

/** Runs git in `cwd` with a fixed identity and no user config; returns trimmed stdout. */
function git(cwd, args, env = {}) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: os.devNull,
      GIT_AUTHOR_NAME: 'Change Radar Tests',
      GIT_AUTHOR_EMAIL: 'tests@change-radar.invalid',
      GIT_COMMITTER_NAME: 'Change Radar Tests',
      GIT_COMMITTER_EMAIL: 'tests@change-radar.invalid',
      ...env,
    },
  }).trim();
}

/** Writes files (path relative to `dir` → content), creating folders. */
function writeFiles(dir, files) {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** Stages the given paths (relative to the repo). */
function stageFiles(dir, paths) {
  git(dir, ['add', '--', ...paths]);
}

/** Stages everything and commits; `date` (ISO) pins author and committer time. Returns the commit id. */
function commitAll(dir, message, date) {
  git(dir, ['add', '-A']);
  const env = date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {};
  git(dir, ['-c', 'commit.gpgsign=false', 'commit', '--no-verify', '--allow-empty', '-m', message], env);
  return git(dir, ['rev-parse', 'HEAD']);
}

/**
 * Creates a git repository. `commits` are applied in order, each a set of files and a message;
 * `files` are written afterwards and left uncommitted (`stage: true` stages them).
 * Without `dir`, a fresh folder under the OS temp dir is used.
 */
function createGitRepo(options = {}) {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-repo-'));
  fs.mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  for (const commit of options.commits ?? []) {
    writeFiles(dir, commit.files);
    commitAll(dir, commit.message, commit.date);
  }
  if (options.files) {
    writeFiles(dir, options.files);
    if (options.stage) stageFiles(dir, Object.keys(options.files));
  }
  return dir;
}

/** Every file under `dir` (relative paths, '/' separators), skipping .git. */
function listFiles(dir, prefix = '') {
  const result = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) result.push(...listFiles(dir, relative));
    else if (entry.isFile()) result.push(relative);
  }
  return result.sort();
}

/**
 * The folder test workspaces are copied from: test/fixtures/workspace, a manifest the tests assert
 * on. The demo (`npm start`) passes examples/ instead, so editing the demo never breaks a test.
 */
function fixtureSourceDir() {
  return path.join(repoRoot, 'test', 'fixtures', 'workspace');
}

/**
 * A repository with history made from the fixture source: first the manifest (and README),
 * then the rest of the files, then a small edit, each as its own dated commit.
 */
function createFixtureWorkspace(options = {}) {
  const source = options.source ?? fixtureSourceDir();
  const read = (relative) => fs.readFileSync(path.join(source, relative), 'utf8');
  const all = listFiles(source);
  const first = all.filter((file) => file === 'ops.yaml' || /^README/i.test(file));
  const rest = all.filter((file) => !first.includes(file));
  const pick = (files) => Object.fromEntries(files.map((file) => [file, read(file)]));
  return createGitRepo({
    dir: options.dir,
    commits: [
      { message: 'Add the ops manifest', files: pick(first), date: '2026-01-05T10:00:00Z' },
      { message: 'Add the services', files: pick(rest), date: '2026-01-06T10:00:00Z' },
      { message: 'Add notes', files: { 'NOTES.md': 'This repository was made by Change Radar test and demo scripts.\n' }, date: '2026-01-07T10:00:00Z' },
    ],
  });
}

module.exports = { git, writeFiles, stageFiles, commitAll, createGitRepo, createFixtureWorkspace, fixtureSourceDir, listFiles };
