/** Help texts, one per command. docs/cli.md is the long form. */

const overview = `change-radar — change freezes, incidents and milestones, at commit time and in CI

Usage: change-radar [-C DIR] <command> [options]

Commands:
  check [PATH...]          what a change touches, impacts and is blocked by (exit 1 when blocked)
  explain PATH             why a path belongs to its systems, and what touches them
  status                   active incidents, active and upcoming freezes, milestones at risk
  validate                 check the manifest; every problem with its location
  calendar                 freezes, incidents and milestones as an iCalendar feed (or json, text)
  hook install|uninstall|status
                           the git hooks (pre-commit and commit-msg)
  init [--write]           propose ops.yaml from CODEOWNERS, Backstage catalogs, workspaces
  coverage                 how much of the repository the manifest's systems cover
  changes --incident ID    what changed before an incident (or --systems a,b): commits by system

Write actions (edit the manifest in place, keeping everything else byte for byte;
--dry-run prints the diff instead, --format json prints the entry written):
  incident declare|update|resolve
                           declare an incident, change its status, resolve it
  freeze now|end|extend    freeze systems now, end a freeze early, extend it
  override add             approve an exception to a freeze
  milestone set P/M        set a milestone's status

Common options (-C, -m, --at, --horizon, --live, --live-timeout and -f also before the command):
  -C, --cwd DIR            run as if started in DIR (before or after the command, as in git)
  -m, --manifest FILE      the manifest (default: the nearest ops.yaml or .github/ops.yaml
                           from the working directory up to the repository root)
      --at TIME            evaluate at this ISO-8601 instant (default: now)
      --horizon DAYS       report freezes starting within DAYS (default: 7)
      --live               check, explain, status: include the manifest's live sources
      --live-timeout SECS  network budget per live source (default: 5)
  -f, --format FORMAT      text | json | markdown | github | ics (per command)
  -h, --help               help for a command

Exit codes: 0 nothing blocks, 1 a block freeze applies (even when the manifest has errors),
2 manifest errors (nothing blocks) or wrong call.
Run 'change-radar help <command>' for a command's options. Docs: docs/cli.md
`;

const editCommon = `
Every write action: times without an offset are read and written in the manifest's zone as
YYYY-MM-DD HH:mm; the result is validated (an edit that adds a problem is refused) and written
atomically. Bad input exits 2 and writes nothing.

Options:
      --dry-run            print the change as a unified diff; write nothing (exit 0)
  -f, --format FORMAT      text | json (json: the entry written: action, id, file, fields)
  -m, --manifest FILE      the manifest (default: the nearest ops.yaml or .github/ops.yaml)
  -C, --cwd DIR            run as if started in DIR
`;

const topics: Record<string, string> = {
  check: `Usage: change-radar check [PATH...] [--staged] [--base REF [--head REF]] [options]

The change set, first that applies: the PATHs given (a directory: every tracked file below it,
and the directory itself); --staged (the index against HEAD); --base/--head (the diff from the
merge-base of the two, head defaulting to HEAD); otherwise staged + unstaged + untracked files.
A rename counts both its old and new path. A change that edits the manifest is judged by the
manifest before it too: it cannot lift a freeze for itself, and the edit is summarised.

Options:
      --staged             staged changes only (not with --base)
      --base REF           compare with the merge-base of REF and --head
      --head REF           default HEAD
      --message-file FILE  honour a Freeze-Override: trailer in this commit message file
      --at TIME            evaluate at this ISO-8601 instant (default: now)
      --horizon DAYS       report freezes starting within DAYS (default: 7)
      --live               include what the manifest's sources (Statuspage, PagerDuty) report now
      --live-timeout SECS  network budget per source (default: 5); a failing source is a warning
  -m, --manifest FILE      the manifest (default: the nearest ops.yaml or .github/ops.yaml, walking up)
  -f, --format FORMAT      text | json | markdown | github
  -C, --cwd DIR            run as if started in DIR

Exit codes: 0 nothing blocks (warnings allowed), 1 blocked (even when the manifest has errors:
invalid freezes are in force), 2 manifest errors with nothing blocking, or wrong call.
`,
  explain: `Usage: change-radar explain PATH [--at TIME] [--horizon DAYS] [--live [--live-timeout SECS]] [-m FILE] [-f text|json|markdown] [-C DIR]

Which systems own PATH (a directory: it and every tracked file below it) and by which pattern, what depends on them, which freezes, incidents and
milestones touch them, and who owns it (system owners and CODEOWNERS).
`,
  status: `Usage: change-radar status [--at TIME] [--horizon DAYS] [--live [--live-timeout SECS]] [-m FILE] [-f text|json|markdown] [-C DIR]

Active incidents, active and upcoming freezes, and milestones at risk with their reasons.
`,
  validate: `Usage: change-radar validate [-m FILE] [-f text|json|github] [-C DIR]

Every problem in the manifest (and its includes, and CODEOWNERS) as file:line:col: severity code: message.
Exit 0 when the manifest is valid (warnings allowed), 2 when it has errors.
`,
  calendar: `Usage: change-radar calendar [--from TIME] [--to TIME] [--at TIME] [--systems a,b] [-f ics|json|text] [-m FILE] [-C DIR]

The change calendar: one event per freeze occurrence overlapping [from, to) (recurring freezes
expanded in their own zone, written as UTC instants), incidents from started to resolved (or to
--at while active), milestones as all-day events on their due date with at-risk reasons.
Invalid freezes show over the whole range, treated as in force. UIDs come from the entry id and
the occurrence start only, so a re-imported feed updates instead of duplicating.

Options:
      --from TIME          range start (default: 14 days before --at)
      --to TIME            range end, exclusive (default: 56 days after --at)
      --at TIME            now: where active incidents end and milestone risks are judged
      --systems a,b        only entries on these systems
  -f, --format FORMAT      ics (default, RFC 5545) | json | text
  -m, --manifest FILE      the manifest (default: the nearest ops.yaml or .github/ops.yaml, walking up)
  -C, --cwd DIR            run as if started in DIR

Times without an offset are read in the manifest's zone. Exit 0, or 2 for manifest errors
(the feed is still written, invalid freezes in force) or a wrong call.
`,
  changes: `Usage: change-radar changes (--incident ID | --systems a,b) [--since DURATION|TIME] [--until TIME]
                              [--depth N] [--all-refs] [--at TIME] [-f text|json|markdown] [-m FILE] [-C DIR]

The commits on HEAD's first-parent history (--all-refs: every ref's) that touch the incident's
systems, or the systems given, and the systems they depend on (dependsOn, up to --depth edges),
newest first. Each says why it is listed (touches ledger (payments depends on ledger)), its pull
request (Merge pull request #N, or a (#N) subject suffix), its Freeze-Override: trailer (marked
override) and how long before the incident's start it was committed.

Options:
      --incident ID        the incident (resolved ones too): its systems and its start
      --systems a,b        these systems instead of an incident's
      --since DURATION     look back this long before the start (default 72h; 90m, 3d, 1w)
      --since TIME         or from this time
      --until TIME         up to this time (default: the incident's resolution, or now)
      --depth N            dependsOn edges followed from the systems (default 2; 0: none)
      --all-refs           every ref's first-parent history instead of HEAD's
      --at TIME            now (default: the clock)
  -f, --format FORMAT      text | json | markdown

Times without an offset are read in the manifest's zone. Exit 0; 2 for a wrong call, an unknown
incident or system, or manifest errors (the answer is still printed).
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
  incident: `Usage: change-radar incident declare --severity SEV --systems a,b --title TEXT [--freeze block|warn]
                                [--commander X] [--url U] [--id ID] [--at TIME]
       change-radar incident update ID [--status STATUS] [--severity SEV] [--title T] [--commander X] [--url U]
       change-radar incident resolve ID [--at TIME]

declare  appends an incident (status investigating, started --at, default now) to the file that
         holds \`incidents\`; the id is the next after the highest with the same prefix (INC-2043).
update   sets fields of an incident (status: investigating, identified, monitoring).
resolve  writes status: resolved and resolved: --at (not before started).
${editCommon}`,
  freeze: `Usage: change-radar freeze now (--systems a,b | --tiers 1,2 | --all) (--for 4h | --until TIME) [--warn]
                            --reason TEXT [--id ID] [--at TIME]
       change-radar freeze end ID [--at TIME] [--approved-by X] [--reason TEXT]
       change-radar freeze extend ID --until TIME

now      appends a freeze from --at (default now) for a duration (30m, 4h, 1d12h, 2w) or until a
         time; block unless --warn. The id is like freeze-2026-12-02-1.
end      sets the freeze's end to --at (an end before its start is refused). A recurring freeze
         keeps its schedule: its current window is lifted by an approved override (needs
         --approved-by) that expires when the window would have ended.
extend   sets a later end. A recurring freeze cannot be extended (add a freeze with 'freeze now').
${editCommon}`,
  override: `Usage: change-radar override add --freeze ID [--paths g1,g2] --approved-by X --reason TEXT [--expires TIME]

Approves an exception to a freeze: for the paths given (globs; default every file the freeze
covers), until --expires (default never).
${editCommon}`,
  milestone: `Usage: change-radar milestone set PROJECT/MILESTONE --status planned|in-progress|done|blocked
${editCommon}`,
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
