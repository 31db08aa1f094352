import type { CalendarCall } from '../calendarCommand';
import { formatOption, manifestOption, parseAt, stringValue, usageFail } from './argValues';
import { defineCommand, inMainBundle } from './commandSpec';

/**
 * `change-radar calendar [--from TIME] [--to TIME] [--systems a,b]`: times are checked here, read
 * in the manifest's zone later. The handler reads the manifest in the entry bundle and writes the
 * feed with cli-extra.js's calendar writer.
 */
export const calendarCommand = defineCommand<CalendarCall>({
  name: 'calendar',
  group: 'command',
  synopsis: 'calendar',
  summary: 'freezes, incidents and milestones as an iCalendar feed (or json, text)',
  options: { ...manifestOption, ...formatOption, at: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, systems: { type: 'string' } },
  formats: ['ics', 'json', 'text'],
  defaultFormat: 'ics',
  arguments: { max: 0 },
  build: ({ values }, common) => {
    const from = stringValue(values, 'from');
    const to = stringValue(values, 'to');
    const systemsText = stringValue(values, 'systems');
    const systems = systemsText?.split(',').map((id) => id.trim()).filter((id) => id !== '');
    if (systemsText !== undefined && (systems === undefined || systems.length === 0)) usageFail(`--systems expects system ids separated by commas, not '${systemsText}'`);
    return {
      command: 'calendar',
      ...(from !== undefined ? { from: parseAt(from, '--from') } : {}),
      ...(to !== undefined ? { to: parseAt(to, '--to') } : {}),
      ...(systems !== undefined ? { systems } : {}),
      options: common(),
    };
  },
  help: `Usage: change-radar calendar [--from TIME] [--to TIME] [--at TIME] [--systems a,b] [-f ics|json|text] [-m FILE] [-C DIR]

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
  handler: inMainBundle(async () => (await import('../reportCommands')).calendar),
});
