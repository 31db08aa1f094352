import { didYouMean } from '../core/manifest/didYouMean';
import type { ChangeModel } from '../core/evaluate/engine';
import { buildTimeline, timelineRange } from '../core/evaluate/timeline';
import { parseInstant } from '../core/time/timeZone';
import { formatCalendarIcs, formatCalendarText, timelineJson, truncationNote } from './formatCalendar';
import type { CommonOptions } from './commands/argValues';

/**
 * `change-radar calendar`: the timeline model of src/core/evaluate/timeline.ts written as an iCalendar feed,
 * JSON or text. Loaded on demand by runCli, so that the iCalendar library is initialised only when
 * this command runs (the git hooks start the CLI on every commit).
 */

const DAY = 86_400_000;
/** Default range around `--at` and the longest range: the timeline's, as the editor's timeline has them. */
const { backMs: defaultBackMs, aheadMs: defaultAheadMs, maxMs: maxRangeMs } = timelineRange;

/** `change-radar calendar [--from TIME] [--to TIME] [--systems a,b]`. */
export interface CalendarCall {
  readonly command: 'calendar';
  readonly from?: string;
  readonly to?: string;
  readonly systems?: readonly string[];
  readonly options: CommonOptions;
}

interface Stream {
  write(text: string): unknown;
}

/**
 * Writes the calendar; returns an error message for a wrong call (nothing is written then). The
 * occurrences are bounded in all (timeline.ts `defaultMaxTotalOccurrences`): when cut short, the
 * output says so, and so does `err` (stderr).
 */
export function writeCalendar(call: CalendarCall, model: ChangeModel, at: number, out: Stream, err?: Stream): string | undefined {
  const zone = model.manifest.timezone;
  const read = (text: string | undefined, option: string, fallback: number): number | string => {
    if (text === undefined) return fallback;
    return parseInstant(text, zone) ?? `${option}: not a time: ${text}`;
  };
  const from = read(call.from, '--from', at - defaultBackMs);
  if (typeof from === 'string') return from;
  const to = read(call.to, '--to', (call.from !== undefined ? from : at) + defaultAheadMs + (call.from !== undefined ? defaultBackMs : 0));
  if (typeof to === 'string') return to;
  if (to <= from) return `--to must be later than --from (${new Date(from).toISOString()} – ${new Date(to).toISOString()})`;
  if (to - from > maxRangeMs) return `the range is longer than ${maxRangeMs / DAY} days; give a shorter --from/--to`;
  let systems: Set<string> | undefined;
  if (call.systems !== undefined) {
    const known = model.manifest.systems.map((s) => s.id);
    for (const id of call.systems) {
      if (!known.includes(id)) {
        const hint = didYouMean(id, known);
        return `--systems: no system '${id}' in the manifest${hint !== undefined ? ` (did you mean '${hint}'?)` : ''}`;
      }
    }
    systems = new Set(call.systems);
  }
  const timeline = buildTimeline(model, { from, to, now: at, ...(systems ? { systems } : {}) });
  switch (call.options.format) {
    case 'json': out.write(JSON.stringify(timelineJson(timeline), null, 2) + '\n'); break;
    case 'text': out.write(formatCalendarText(timeline)); break;
    default: out.write(formatCalendarIcs(timeline));
  }
  const note = truncationNote(timeline);
  if (note !== undefined) err?.write(`change-radar calendar: ${note}\n`);
  return undefined;
}
