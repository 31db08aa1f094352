/**
 * The script the installed git hooks are: what it runs (node and the CLI, with fallbacks when they
 * have gone), its header (format, version, the paths recorded), and how a hook file is recognised as ours.
 */

/** The hooks that judge a commit. */
export const gateHooks = ['pre-commit', 'commit-msg'] as const;
/**
 * The hooks git runs after it changed HEAD or the index (a pull that merged or rebased, a checkout,
 * an amend): each reads the manifest for the next commit in the background (`hook run post-…`), so
 * the first commit after a pull that changed `ops.yaml` finds it parsed.
 */
export const warmHooks = ['post-merge', 'post-checkout', 'post-rewrite'] as const;
export const managedHooks = [...gateHooks, ...warmHooks] as const;
export type ManagedHook = (typeof managedHooks)[number];
export type WarmHook = (typeof warmHooks)[number];

export function isWarmHook(hook: string): hook is WarmHook {
  return (warmHooks as readonly string[]).includes(hook);
}

/** First words of the header line that marks a hook file as ours. */
const hookMarker = '# change-radar hook:';
/** Bumped when the script's shape changes, so `status` can call older scripts outdated. */
export const hookFormat = 3;
export const chainedSuffix = '.change-radar-chained';

/** Folder in the repository's git directory that holds the CLI copy hooks installed from VS Code run. */
export const cliCopyFolder = 'change-radar';

/**
 * The files of the bundled CLI, entry first: `cli.js` runs `cli-main.js`, which loads the other two
 * on demand from its own folder (esbuild.js, `cliFiles`, which a unit test keeps equal to this list).
 */
export const cliBundleFiles = ['cli.js', 'cli-main.js', 'cli-parser.js', 'cli-extra.js'] as const;

/** How the installed script runs the CLI. Absolute paths: VS Code's commit button has a minimal PATH. */
export interface HookCommand {
  readonly nodePath: string;
  readonly cliPath: string;
  /** Version of Change Radar writing the hook, recorded in its header. */
  readonly version: string;
  /** Block commits when the manifest is invalid (as `hooks.strict: true` does). */
  readonly strict?: boolean;
  /** Set `ELECTRON_RUN_AS_NODE=1`, for when `nodePath` is VS Code's Electron binary. */
  readonly electronRunAsNode?: boolean;
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line a hook (or a hook manager's config) runs for `hook`. A warm hook's line runs the
 * CLI in the background, detached from git's output, so that git (and VS Code waiting on it) never
 * waits for it.
 */
export function hookCommandLine(hook: ManagedHook, command: HookCommand, messageArg: string): string {
  const env = command.electronRunAsNode === true ? 'ELECTRON_RUN_AS_NODE=1 ' : '';
  const run = `${shellQuote(command.nodePath)} ${shellQuote(command.cliPath)} hook run ${hook}`;
  if (isWarmHook(hook)) return `(${env}${run} ${inBackground})`;
  const strict = command.strict === true ? ' --strict' : '';
  const arg = hook === 'commit-msg' ? ` ${messageArg}` : '';
  return `${env}${run}${arg}${strict}`;
}

/** Redirections and `&` of a warm run: no terminal, no pipe of git's (or of VS Code) held open. */
const inBackground = '</dev/null >/dev/null 2>&1 &';

/**
 * The full text of the hook file Change Radar installs as `hook`.
 *
 * It runs the recorded node and CLI by absolute path (VS Code's commit button has a minimal PATH).
 * When either has gone (another node version, a reinstall, a moved checkout) it looks for another,
 * in this order: node on the PATH for the recorded CLI; then, with a node, this repository's
 * `node_modules/.bin/change-radar` and the CLI copy in the git directory (`<git dir>/change-radar/cli.js`);
 * then `change-radar` on the PATH. Only when all of them fail does it give up: strict hooks (installed
 * with `--strict`, or a manifest at the top saying `strict:` other than false) refuse the commit,
 * others let it through with a warning. Either way the message says how to repair the hooks.
 */
export function renderHookScript(hook: ManagedHook, command: HookCommand): string {
  if (isWarmHook(hook)) return renderWarmScript(hook, command);
  const strict = command.strict === true ? ' --strict' : '';
  const runArgs = `hook run ${hook} "$@"${strict}`;
  return [
    '#!/bin/sh',
    `${hookMarker} ${hook} (change-radar ${command.version}, format ${hookFormat})`,
    '# Installed by `change-radar hook install`; `change-radar hook uninstall` removes it and puts back',
    `# any hook that was here before (kept meanwhile as ${hook}${chainedSuffix} and run first).`,
    '# Set CHANGE_RADAR_SKIP=1 to skip the check for one command.',
    `chained="$(dirname "$0")/${hook}${chainedSuffix}"`,
    'if [ -x "$chained" ]; then',
    '  "$chained" "$@" || exit $?',
    'fi',
    'if [ "${CHANGE_RADAR_SKIP:-}" = "1" ]; then',
    `  echo "change-radar: CHANGE_RADAR_SKIP=1 is set, skipping the ${hook} check." >&2`,
    '  exit 0',
    'fi',
    ...(command.electronRunAsNode === true ? ['ELECTRON_RUN_AS_NODE=1', 'export ELECTRON_RUN_AS_NODE'] : []),
    `node=${shellQuote(command.nodePath)}`,
    `cli=${shellQuote(command.cliPath)}`,
    'if [ -x "$node" ] && [ -f "$cli" ]; then',
    `  exec "$node" "$cli" ${runArgs}`,
    'fi',
    '# The recorded node or CLI has gone: find another (see `hook install` in docs/cli.md).',
    'found="$node"',
    '[ -x "$found" ] || found="$(command -v node 2>/dev/null)" || found=""',
    'case "$found" in /*) ;; *) found="" ;; esac',
    'if [ -n "$found" ]; then',
    '  [ -f "$cli" ] && exec "$found" "$cli" ' + runArgs,
    '  # The bin\'s `#!/usr/bin/env node` (or its shim) then finds this node.',
    '  PATH="$(dirname "$found"):$PATH"',
    '  export PATH',
    '  [ -x "$PWD/node_modules/.bin/change-radar" ] && exec "$PWD/node_modules/.bin/change-radar" ' + runArgs,
    '  gitdir="$(git rev-parse --git-common-dir 2>/dev/null)" || gitdir=""',
    `  [ -n "$gitdir" ] && [ -f "$gitdir/${cliCopyFolder}/${cliBundleFiles[0]}" ] && exec "$found" "$gitdir/${cliCopyFolder}/${cliBundleFiles[0]}" ${runArgs}`,
    'fi',
    'onpath="$(command -v change-radar 2>/dev/null)" || onpath=""',
    `case "$onpath" in /*) exec "$onpath" ${runArgs} ;; esac`,
    `strict=${command.strict === true ? 'yes' : 'no'}`,
    '# hooks.strict in the manifest, read without node: any `strict:` line not saying false counts, as readStrictFlag reads it (fail closed).',
    'for manifest in ops.yaml .github/ops.yaml; do',
    '  if [ "$strict" = no ] && [ -f "$manifest" ] && grep -Ei \'^[[:space:]]*strict:\' "$manifest" 2>/dev/null \\',
    '    | grep -Eiqv \'^[[:space:]]*strict:[[:space:]]*["\'\\\'\']?(false|no|off|n)["\'\\\'\']?[[:space:]]*(#.*)?$\'; then',
    '    strict=yes',
    '  fi',
    'done',
    `echo "change-radar: the ${hook} hook cannot run the check: $node or $cli is missing, and no other node or change-radar was found (node on PATH, node_modules/.bin/change-radar, ${cliCopyFolder}/${cliBundleFiles[0]} in the git directory, change-radar on PATH)." >&2`,
    'if [ "$strict" = yes ]; then',
    '  echo "change-radar: hooks are strict: commit refused. Repair the hooks with \'change-radar hook install\' (in a checkout: npx change-radar hook install)." >&2',
    '  exit 1',
    'fi',
    'echo "change-radar: this commit is NOT checked. Repair the hooks with \'change-radar hook install\' (in a checkout: npx change-radar hook install)." >&2',
    'exit 0',
    '',
  ].join('\n');
}

/**
 * The hook file of a warm hook: the chained hook first (its exit status is the hook's, which for
 * post-checkout becomes git's), then the CLI in the background, and nothing else. It never fails,
 * never prints and never waits: when the recorded node or CLI has gone it does nothing (the commit
 * hooks say how to repair them).
 */
function renderWarmScript(hook: WarmHook, command: HookCommand): string {
  return [
    '#!/bin/sh',
    `${hookMarker} ${hook} (change-radar ${command.version}, format ${hookFormat})`,
    '# Installed by `change-radar hook install`: reads the manifest for the next commit in the background',
    '# after git changed HEAD, so that commit finds it parsed. It never blocks git and prints nothing.',
    `# \`change-radar hook uninstall\` removes it and puts back any hook that was here before (kept meanwhile as ${hook}${chainedSuffix} and run first).`,
    `chained="$(dirname "$0")/${hook}${chainedSuffix}"`,
    'status=0',
    'if [ -x "$chained" ]; then',
    '  "$chained" "$@"',
    '  status=$?',
    'fi',
    `node=${shellQuote(command.nodePath)}`,
    `cli=${shellQuote(command.cliPath)}`,
    'if [ "${CHANGE_RADAR_SKIP:-}" != "1" ] && [ -x "$node" ] && [ -f "$cli" ]; then',
    ...(command.electronRunAsNode === true ? ['  ELECTRON_RUN_AS_NODE=1', '  export ELECTRON_RUN_AS_NODE'] : []),
    `  ("$node" "$cli" hook run ${hook} ${inBackground})`,
    'fi',
    'exit $status',
    '',
  ].join('\n');
}

export interface HookHeader {
  readonly hook: string;
  readonly version: string;
  readonly format: number;
}

/** Reads our header line; undefined for any file we did not write. */
export function parseHookHeader(text: string): HookHeader | undefined {
  const line = text.split('\n', 3)[1] ?? '';
  const match = /^# change-radar hook: (\S+) \(change-radar (\S+), format (\d+)\)$/.exec(line);
  if (match === null) return undefined;
  return { hook: match[1] ?? '', version: match[2] ?? '', format: Number(match[3]) };
}

/** The path an installed script of ours records in `variable` (`cli` or `node`), for `status`. */
export function installedPath(text: string, variable: 'cli' | 'node'): string | undefined {
  const match = new RegExp(`^${variable}='((?:[^']|'\\\\'')*)'$`, 'm').exec(text);
  return match?.[1]?.replace(/'\\''/g, "'");
}
