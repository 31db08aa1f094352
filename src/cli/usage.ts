/** Help texts, one per command. docs/cli.md is the long form. */

const overview = `change-radar — change freezes, incidents and milestones, at commit time and in CI

Usage: change-radar [-C DIR] <command> [options]

Commands:
  check [PATH...]          what a change touches, impacts and is blocked by (exit 1 when blocked)
  explain PATH             why a path belongs to its systems, and what touches them
  status                   active incidents, active and upcoming freezes, milestones at risk
  validate                 check the manifest; every problem with its location
  hook install|uninstall|status
                           the git hooks (pre-commit and commit-msg)
  init [--write]           propose ops.yaml from CODEOWNERS, Backstage catalogs, workspaces
  coverage                 how much of the repository the manifest's systems cover

Common options:
  -C, --cwd DIR            run as if started in DIR (before or after the command, as in git)
  -m, --manifest FILE      the manifest (default: the nearest ops.yaml or .github/ops.yaml
                           from the working directory up to the repository root)
      --at TIME            evaluate at this ISO-8601 instant (default: now)
      --horizon DAYS       report freezes starting within DAYS (default: 7)
  -f, --format FORMAT      text | json | markdown | github (per command)
  -h, --help               help for a command

Exit codes: 0 nothing blocks, 1 a block freeze applies (even when the manifest has errors),
2 manifest errors (nothing blocks) or wrong call.
Run 'change-radar help <command>' for a command's options. Docs: docs/cli.md
`;

const topics: Record<string, string> = {
  check: `Usage: change-radar check [PATH...] [--staged] [--base REF [--head REF]] [options]

The change set, first that applies: the PATHs given (a directory: every tracked file below it,
and the directory itself); --staged (the index against HEAD); --base/--head (the diff from the
merge-base of the two, head defaulting to HEAD); otherwise staged + unstaged + untracked files.
A rename counts both its old and new path. A change that edits the manifest is judged by the
manifest before it too: it cannot lift a freeze for itself, and the edit is summarised.

Options:
      --staged             staged changes only
      --base REF           compare with the merge-base of REF and --head
      --head REF           default HEAD
      --message-file FILE  honour a Freeze-Override: trailer in this commit message file
      --at TIME            evaluate at this ISO-8601 instant (default: now)
      --horizon DAYS       report freezes starting within DAYS (default: 7)
  -m, --manifest FILE      the manifest (default: the nearest ops.yaml or .github/ops.yaml, walking up)
  -f, --format FORMAT      text | json | markdown | github
  -C, --cwd DIR            run as if started in DIR

Exit codes: 0 nothing blocks (warnings allowed), 1 blocked (even when the manifest has errors:
invalid freezes are in force), 2 manifest errors with nothing blocking, or wrong call.
`,
  explain: `Usage: change-radar explain PATH [--at TIME] [--horizon DAYS] [-m FILE] [-f text|json|markdown] [-C DIR]

Which systems own PATH (a directory: it and every tracked file below it) and by which pattern, what depends on them, which freezes, incidents and
milestones touch them, and who owns it (system owners and CODEOWNERS).
`,
  status: `Usage: change-radar status [--at TIME] [--horizon DAYS] [-m FILE] [-f text|json|markdown] [-C DIR]

Active incidents, active and upcoming freezes, and milestones at risk with their reasons.
`,
  validate: `Usage: change-radar validate [-m FILE] [-f text|json|github] [-C DIR]

Every problem in the manifest (and its includes, and CODEOWNERS) as file:line:col: severity code: message.
Exit 0 when the manifest is valid (warnings allowed), 2 when it has errors.
`,
  hook: `Usage: change-radar hook install|uninstall|status [--strict] [-f text|json] [-C DIR]

install    add the pre-commit and commit-msg hooks. An existing hook is kept and run first;
           where a hook manager (husky, lefthook, pre-commit, a versioned core.hooksPath)
           owns the hooks, prints the lines to add instead. --strict makes any commit
           fail while the manifest has errors.
uninstall  remove them and restore whatever was there before, byte for byte.
status     what is installed where.

A commit touching a system under a block freeze is refused unless its message has a
'Freeze-Override: <reason>' trailer. CHANGE_RADAR_SKIP=1 skips the check (with a warning).
`,
  init: `Usage: change-radar init [--from codeowners,backstage,workspaces] [--write [--force]] [-m FILE] [-f text|json] [-C DIR]

Proposes a manifest from what the repository already says (default: every source found):
  codeowners   CODEOWNERS (.github/, root or docs/): for every tracked file the proposal's owners
               are the owners GitHub gives it; systems of one team are merged where that stays exact
  backstage    catalog-info.yaml files: a system per Component and Resource (owner, system, tier
               from the change-radar.dev/tier annotation or the tier label, dependsOn)
  workspaces   npm/yarn/pnpm workspaces, Lerna, Nx projects, Cargo members, go.work modules
Systems from different sources stay apart (a clashing id gets the source as prefix).
Without --write: the proposal on stdout, a summary (sources, notes, coverage) on stderr.
      --write              write it (ops.yaml at the repository root, or -m .github/ops.yaml)
      --force              with --write: replace an existing file (otherwise exit 2, untouched)
`,
  coverage: `Usage: change-radar coverage [--fail-under SHARE] [-m FILE] [-f text|json] [-C DIR]

The share of tracked files (the manifest's own files left out) that belong to at least one
system, the largest uncovered folders, globs that match no tracked file, and files claimed by
several systems. Exit 0, or 1 when the share is below --fail-under (0 to 1, e.g. 0.9).
`,
};

export function usage(topic?: string): string {
  return (topic !== undefined ? topics[topic] : undefined) ?? overview;
}
