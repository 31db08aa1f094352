import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isMap, isScalar, isSeq } from 'yaml';
import { applySplices, YamlFile } from '../core/edit/yamlSplice';
import { hasRadarCode, RadarError } from '../core/radarError';
import type { Splice } from '../core/edit/yamlSplice';
import { git, gitRemote } from '../node/extends/extendsStore';
import { findRepoRoot } from '../node/gitChanges';
import { hasErrors, loadManifest } from '../node/manifestLoader';
import { writeFileAtomic } from '../node/atomicWrite';
import { formatProblems, sortProblems } from '../report/formatProblems';
import { escapeText } from '../report/escape';
import type { CliIo } from './cliIo';
import { usage } from './usage';
import type { ExtendsCall } from './commands/extendsCommand';
import { unifiedDiff } from './unifiedDiff';

/**
 * `change-radar extends update [ID] [--ref BRANCH] [--dry-run]` and `change-radar extends fetch`:
 * reviewable bumps of the pins of extended (organisation) manifests, and filling their cache (for CI
 * images). Self-contained: its own arguments, loaded with the commands a commit never runs.
 */


function fail(message: string): never {
  throw new RadarError('call', message);
}

export async function runExtends(call: ExtendsCall, io: CliIo): Promise<number> {
  try {
    const [action, ...rest] = call.args;
    const { values, positionals } = tokenize(rest);
    if (values.help === true || action === undefined || action === 'help') {
      io.stdout.write(usage('extends'));
      return action === undefined ? 2 : 0;
    }
    const cwd = path.resolve(io.cwd, typeof values.cwd === 'string' ? values.cwd : '.');
    const root = (await findRepoRoot(cwd)) ?? fail(`not a git repository: ${cwd}`);
    const manifestPath = typeof values.manifest === 'string' ? values.manifest : undefined;
    if (action === 'fetch') {
      if (positionals.length > 0 || values.ref !== undefined || values['dry-run'] !== undefined) fail('extends fetch takes no arguments but -m and -C');
      return fetchAll(root, cwd, manifestPath, io);
    }
    if (action !== 'update') fail(`unknown extends action '${action}'; expected update or fetch`);
    if (positionals.length > 1) fail(`extends update takes at most one ID, got '${positionals.join(' ')}'`);
    return await update(root, cwd, manifestPath, {
      ...(positionals[0] !== undefined ? { id: positionals[0] } : {}),
      ...(typeof values.ref === 'string' ? { ref: values.ref } : {}),
      dryRun: values['dry-run'] === true,
    }, io);
  } catch (error) {
    if (hasRadarCode(error, 'call', 'edit')) {
      io.stderr.write(`change-radar: ${escapeText(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}

function tokenize(args: readonly string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({
      args: [...args], allowPositionals: true, strict: true,
      options: {
        cwd: { type: 'string', short: 'C' }, manifest: { type: 'string', short: 'm' }, help: { type: 'boolean', short: 'h' },
        ref: { type: 'string' }, 'dry-run': { type: 'boolean' },
      },
    });
  } catch (error) {
    return fail((error instanceof Error ? error.message : String(error)).split('. To specify a positional')[0] ?? 'bad arguments');
  }
}

/** Loads the manifest with fetching allowed and the parse cache bypassed, so every pin is read (and fetched when missing). */
function fetchAll(root: string, cwd: string, manifestPath: string | undefined, io: CliIo): number {
  const loaded = loadManifest(root, { cwd, codeowners: false, offline: false, ...(manifestPath !== undefined ? { manifestPath } : {}) });
  const problems = sortProblems(loaded.problems.filter((problem) => problem.code.startsWith('extends-') || problem.code === 'manifest-not-found'));
  io.stderr.write(formatProblems(problems));
  if (hasErrors(problems)) return 2;
  const origins = new Map<string, string>();
  for (const entry of [...(loaded.manifest?.freezes ?? []), ...(loaded.manifest?.incidents ?? []), ...(loaded.manifest?.projects ?? [])]) {
    if (entry.origin !== undefined) origins.set(entry.origin.extends, entry.origin.ref);
  }
  io.stdout.write(`extended manifests cached and verified${origins.size > 0 ? `: ${[...origins].map(([id, ref]) => escapeText(`${id}@${ref.slice(0, 7)}`)).join(', ')}` : ''}\n`);
  return 0;
}

interface UpdateOptions {
  readonly id?: string;
  readonly ref?: string;
  readonly dryRun: boolean;
}

async function update(root: string, cwd: string, manifestPath: string | undefined, options: UpdateOptions, io: CliIo): Promise<number> {
  const loaded = loadManifest(root, { cwd, codeowners: false, offline: true, ...(manifestPath !== undefined ? { manifestPath } : {}) });
  const rootFile = loaded.rootFile ?? fail('no manifest found (expected ops.yaml or .github/ops.yaml)');
  const file = path.join(root, rootFile);
  const text = fs.readFileSync(file, 'utf8');
  const yaml = new YamlFile(rootFile, text);
  const list = yaml.value(yaml.root(), 'extends');
  if (list === undefined || !isSeq(list)) fail(`${rootFile} has no \`extends:\` list`);
  const splices: Splice[] = [];
  const bumped: string[] = [];
  let matched = false;
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const idNode = yaml.value(item, 'id');
    const id = isScalar(idNode) ? String(idNode.value) : undefined;
    if (id === undefined || (options.id !== undefined && id !== options.id)) continue;
    matched = true;
    const gitNode = yaml.value(item, 'git');
    const urlNode = yaml.value(item, 'url');
    if (isScalar(gitNode)) {
      const remote = gitRemote(String(gitNode.value), root);
      const commit = resolveBranch(remote, options.ref);
      const current = yaml.value(item, 'ref');
      if (!isScalar(current) || String(current.value) !== commit) splices.push(yaml.setScalar(item, 'ref', commit, ['path', 'git']));
      bumped.push(`${id}: ${isScalar(current) ? String(current.value).slice(0, 12) : '(none)'} → ${commit.slice(0, 12)} (${options.ref ?? 'default branch'})`);
    } else if (isScalar(urlNode)) {
      if (options.ref !== undefined) fail(`\`${id}\` is a \`url:\` entry: --ref applies to \`git:\` entries only`);
      const digest = await urlDigest(String(urlNode.value), yaml, item, io);
      const current = yaml.value(item, 'sha256');
      if (!isScalar(current) || String(current.value) !== digest) splices.push(yaml.setScalar(item, 'sha256', digest, ['url']));
      bumped.push(`${id}: sha256 ${isScalar(current) ? String(current.value).slice(0, 12) : '(none)'} → ${digest.slice(0, 12)}`);
    }
  }
  if (!matched) fail(options.id !== undefined ? `no extends entry with id \`${options.id}\` in ${rootFile}` : `${rootFile} has no extends entries`);
  const next = applySplices(text, splices);
  io.stderr.write(bumped.map((line) => `${escapeText(line)}\n`).join(''));
  if (options.dryRun) {
    io.stdout.write(unifiedDiff(rootFile, text, next));
    return 0;
  }
  if (next !== text) await writeFileAtomic(file, next, { root });
  // Fetch what the manifest now pins: the bump is verified before anyone commits it.
  return fetchAll(root, cwd, manifestPath, io);
}

/** The commit `branch` (default: the remote's default branch, its HEAD) points to. */
function resolveBranch(remote: string, branch: string | undefined): string {
  const ref = branch === undefined ? 'HEAD' : branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
  const listed = git(['ls-remote', '--', remote, ref]);
  if (listed.error !== undefined) fail(`cannot list ${remote}: ${listed.error}`);
  const line = listed.stdout.split('\n').find((row) => row.endsWith(`\t${ref}`));
  const commit = line?.split('\t')[0];
  if (commit === undefined || !/^[0-9a-f]{40}$/.test(commit)) fail(`${remote} has no ${branch === undefined ? 'default branch' : `branch ${branch}`}`);
  return commit;
}

/** The sha256 of what the URL serves now. */
async function urlDigest(url: string, yaml: YamlFile, item: Parameters<YamlFile['value']>[0], io: CliIo): Promise<string> {
  const tokenNode = yaml.value(item, 'token');
  const tokenEnv = isScalar(tokenNode) ? String(tokenNode.value).replace(/^env:/, '') : undefined;
  const token = tokenEnv === undefined ? undefined : io.env[tokenEnv];
  if (!/^https:\/\//i.test(url) && !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/i.test(url)) {
    fail(`${url}: expected an https: URL (http: only for localhost or 127.0.0.1)`);
  }
  try {
    const response = await fetch(url, { redirect: 'error', headers: token !== undefined && token !== '' ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(20_000) });
    if (!response.ok) fail(`${url} answered HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return createHash('sha256').update(bytes).digest('hex');
  } catch (error) {
    if (hasRadarCode(error, 'call')) throw error;
    return fail(`cannot fetch ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
