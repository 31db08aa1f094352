import { parseArgs } from 'node:util';
import { parseInstant } from '../core/time/timeZone';

/**
 * Command-line parsing of `change-radar gate` and of the planned window of `check --window`:
 * argv in, a typed call (or a usage error) out. Pure. Times are checked here for shape and read in
 * the manifest's zone by the command.
 */

export type GateFormat = 'text' | 'json' | 'env';

export interface GateCall {
  readonly command: 'gate';
  /** `--systems a,b`, or the PATHs given (one of the two). */
  readonly systems?: readonly string[];
  readonly paths: readonly string[];
  /** `--window START/END` as written. */
  readonly window?: PlannedWindow;
  /** `--min-open DURATION`, in ms (default 30 minutes). */
  readonly minOpenMs: number;
  readonly output: GateFormat;
  /** The options the commands share (`format` is the report format of problems: `text` or `json`). */
  readonly options: {
    readonly cwd?: string;
    readonly manifest?: string;
    readonly at?: string;
    readonly format: 'text' | 'json';
    readonly live?: boolean;
    readonly liveTimeoutMs?: number;
  };
}

/** A planned window: its start and its end (an instant, or a duration after the start), as written. */
export interface PlannedWindow {
  readonly start: string;
  readonly end: string;
}

export type GateParse =
  | { readonly ok: true; readonly call: GateCall | { readonly command: 'help'; readonly topic: 'gate' } }
  | { readonly ok: false; readonly error: string; readonly topic: 'gate' };

class GateUsageError extends Error {}

function fail(message: string): never {
  throw new GateUsageError(message);
}

const defaultMinOpenMs = 30 * 60_000;
const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `30m`, `2h`, `1d12h`, `0`: a duration in ms (0 allowed). */
export function parseGateDuration(text: string, option: string): number {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  if (!/^(\d+[smhdw])+$/.test(trimmed)) fail(`${option} expects a duration such as 30m, 2h or 1d12h, not '${text}'`);
  let total = 0;
  for (const [, count, unit] of trimmed.matchAll(/(\d+)([smhdw])/g)) total += Number(count) * (units[unit ?? ''] ?? 0);
  if (total > 366 * units.d) fail(`${option} must be at most 366 days, not '${text}'`);
  return total;
}

function checkTime(text: string, option: string): string {
  if (parseInstant(text, 'UTC') === undefined) fail(`${option} expects an ISO-8601 time such as 2026-12-24T10:00:00Z, not '${text}'`);
  return text;
}

/**
 * `--window START/END`: two ISO-8601 times, or a time and a duration (`2026-12-24T10:00/2h`).
 * The end must be later than the start; that is checked once both are read in the manifest's zone.
 */
function parseWindow(text: string, option = '--window'): PlannedWindow {
  const parts = text.split('/');
  if (parts.length !== 2 || parts[0]?.trim() === '' || parts[1]?.trim() === '') {
    fail(`${option} expects START/END (e.g. 2026-12-24T10:00Z/2026-12-24T12:00Z or 2026-12-24T10:00Z/2h), not '${text}'`);
  }
  const [start = '', end = ''] = parts.map((part) => part.trim());
  checkTime(start, `${option} start`);
  if (/^(\d+[smhdw])+$/.test(end)) parseGateDuration(end, `${option} duration`);
  else checkTime(end, `${option} end`);
  return { start, end };
}

/** `--window` of `check`: the window, or the usage error to report. */
export function readWindow(text: string): { readonly window: PlannedWindow } | { readonly error: string } {
  try {
    return { window: parseWindow(text) };
  } catch (error) {
    if (error instanceof GateUsageError) return { error: error.message };
    throw error;
  }
}

/** `gate (--systems a,b | PATHS…) [--at T | --window START/END] [--min-open D] [-f text|json|env] [-m FILE] [-C DIR] [--live]`. */
export function parseGateCommand(args: readonly string[]): GateParse {
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: [...args], allowPositionals: true, strict: true,
        options: {
          cwd: { type: 'string', short: 'C' }, manifest: { type: 'string', short: 'm' }, format: { type: 'string', short: 'f' },
          help: { type: 'boolean', short: 'h' }, at: { type: 'string' }, window: { type: 'string' }, systems: { type: 'string' },
          'min-open': { type: 'string' }, live: { type: 'boolean' }, 'live-timeout': { type: 'string' },
        },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(message.split('. To specify a positional')[0] ?? message);
    }
    const values = parsed.values as Record<string, string | boolean | undefined>;
    const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
    if (values.help === true) return { ok: true, call: { command: 'help', topic: 'gate' } };
    const systemsText = text('systems');
    const systems = systemsText?.split(',').map((id) => id.trim()).filter((id) => id !== '');
    if (systemsText !== undefined && (systems === undefined || systems.length === 0)) fail(`--systems expects system ids separated by commas, not '${systemsText}'`);
    const paths = parsed.positionals;
    if (systems !== undefined && paths.length > 0) fail('give --systems or PATHs, not both');
    if (systems === undefined && paths.length === 0) fail('gate needs --systems a,b or PATHs');
    const at = text('at');
    const windowText = text('window');
    if (at !== undefined && windowText !== undefined) fail('--at and --window name different times; give one of them');
    const format = text('format') ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'env') fail(`--format must be one of text, json, env for gate, not '${format}'`);
    const timeout = text('live-timeout');
    if (timeout !== undefined && values.live !== true) fail('--live-timeout needs --live');
    const seconds = timeout !== undefined && /^\d+(\.\d+)?$/.test(timeout.trim()) ? Number(timeout) : Number.NaN;
    if (timeout !== undefined && !(seconds > 0 && seconds <= 60)) fail(`--live-timeout expects seconds between 0 and 60, not '${timeout}'`);
    const minOpen = text('min-open');
    const cwd = text('cwd');
    const manifest = text('manifest');
    return {
      ok: true,
      call: {
        command: 'gate',
        ...(systems !== undefined ? { systems: [...new Set(systems)] } : {}),
        paths,
        ...(windowText !== undefined ? { window: parseWindow(windowText) } : {}),
        minOpenMs: minOpen !== undefined ? parseGateDuration(minOpen, '--min-open') : defaultMinOpenMs,
        output: format,
        options: {
          ...(cwd !== undefined ? { cwd } : {}),
          ...(manifest !== undefined ? { manifest } : {}),
          ...(at !== undefined ? { at: checkTime(at, '--at') } : {}),
          // Problems of the manifest: JSON for a JSON report, text otherwise (env output is for shells).
          format: format === 'json' ? 'json' : 'text',
          ...(values.live === true ? { live: true } : {}),
          ...(timeout !== undefined ? { liveTimeoutMs: Math.round(seconds * 1000) } : {}),
        },
      },
    };
  } catch (error) {
    if (error instanceof GateUsageError) return { ok: false, error: error.message, topic: 'gate' };
    throw error;
  }
}
