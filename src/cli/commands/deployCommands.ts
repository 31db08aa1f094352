import type { ExportCall } from '../exportArgs';
import { parseExportCommand } from '../exportArgs';
import type { GateCall } from '../gateArgs';
import { parseGateCommand } from '../gateArgs';
import { defineCommand, inExtraBundle } from './commandSpec';

/**
 * Where changes ship: `change-radar gate` (deploy pipelines) and `change-radar export argocd|gitlab`
 * (the block freezes for the engines teams already run). Each parses its own options
 * (gateArgs.ts, exportArgs.ts) and runs from cli-extra.js: a commit never loads them.
 */

export const gateCommand = defineCommand<GateCall>({
  name: 'gate',
  group: 'command',
  synopsis: 'gate --systems a,b|PATH...',
  summary: 'deploy gate: exit 1 while a block freeze applies (at --at or in --window), with until when and the next open window',
  parse: (args) => parseGateCommand(args),
  help: `Usage: change-radar gate (--systems a,b | PATH...) [--at TIME | --window START/END]
                         [--min-open DURATION] [-f text|json|env] [-m FILE] [-C DIR] [--live]

For deploy pipelines: may these systems (or the systems these paths belong to) ship at TIME
(default now), or at every moment of a window? Judged as 'check --at' judges each instant:
block freezes and incidents acting as freezes, exemptions and overrides (per path; a whole
system only by an override without paths). Windows are half-open: a freeze applies from its
start up to, not including, its end. Warn freezes are reported, never fail the gate.

Options:
      --systems a,b        the systems to gate (or give PATHs: files or directories)
      --at TIME            the instant (default now); read in the manifest's zone without an offset
      --window START/END   every moment of [START, END); END a time or a duration (2h, 1d)
      --min-open DURATION  the shortest open stretch that counts as the next open window (default 30m)
  -f, --format FORMAT      text | json | env (shell lines: CHANGE_RADAR_FROZEN=true|false,
                           CHANGE_RADAR_FROZEN_BY=ids, CHANGE_RADAR_UNTIL=ISO or empty,
                           CHANGE_RADAR_NEXT_OPEN=ISO or empty)
  -m, --manifest FILE      the manifest (default: the nearest ops.yaml or .github/ops.yaml, walking up)
  -C, --cwd DIR            run as if started in DIR
      --live               include what the manifest's live sources report now

Exit codes: 0 open, 1 frozen (even when the manifest has errors: invalid freezes are in force),
2 manifest errors with nothing blocking, or a wrong call.
`,
  handler: inExtraBundle('runGate'),
});

export const exportCommand = defineCommand<ExportCall>({
  name: 'export',
  group: 'command',
  synopsis: 'export argocd|gitlab',
  summary: 'block freezes as Argo CD sync windows or GitLab freeze periods',
  parse: (args) => parseExportCommand(args),
  help: `Usage: change-radar export argocd|gitlab [--days N] [--at TIME] [-f yaml|json] [-m FILE] [-C DIR]

argocd   the block freezes as Argo CD AppProject spec.syncWindows (kind: deny, schedule,
         duration, timeZone, applications from each system's deploy.argocd, default its id,
         manualSync: false); YAML (default) or json.
gitlab   the JSON bodies for GitLab's freeze periods API (freeze_start, freeze_end,
         cron_timezone) for the block freezes that cover every system.

A recurring freeze is one entry only when its cron reproduces every occurrence of the horizon
exactly, in elapsed time (a Berlin weekend over the end of summer time lasts an hour longer);
otherwise each occurrence is a month-and-day cron. Those have no year: the output is valid until
--at + --days (default 30, at most 365) and must be regenerated before then. What is expanded or
left out is said on stderr. Overrides and exemptions are not exported.
`,
  handler: inExtraBundle('runExport'),
});
