import { parseArgs } from 'node:util';
import { RadarError } from '../../core/radarError';
import { parseInstant } from '../../core/time/timeZone';

/**
 * What the commands' descriptions (commandSpec.ts) are made of: option tables, the options most
 * commands share, and the rules their values follow. Pure: argv in, values or a usage error out.
 */

export type OutputFormat = 'text' | 'json' | 'markdown' | 'github' | 'ics';

export interface CommonOptions {
  readonly cwd?: string;
  readonly manifest?: string;
  /** `--at` as written; read in the manifest's zone when it has no offset. */
  readonly at?: string;
  readonly horizonDays?: number;
  readonly format: OutputFormat;
  /** `--live`: read the manifest's live sources too (check, explain, status). */
  readonly live?: boolean;
  /** `--live-timeout SECONDS`, in ms. */
  readonly liveTimeoutMs?: number;
  /** `--offline`: never fetch an extended manifest (`extends:`); as `CHANGE_RADAR_OFFLINE=1`. */
  readonly offline?: boolean;
}

/** One option: `string` takes a value, `boolean` is a switch; `short` is its one-letter form. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** Every command takes these (the generic parser adds them). */
export const commonOptionTable: OptionTable = { cwd: { type: 'string', short: 'C' }, help: { type: 'boolean', short: 'h' } };
/** `-m FILE`, and `--offline` (never fetch an extended manifest, as `CHANGE_RADAR_OFFLINE=1`) with it: both say how the manifest is read. */
export const manifestOption: OptionTable = { manifest: { type: 'string', short: 'm' }, offline: { type: 'boolean' } };
export const timingOptions: OptionTable = { at: { type: 'string' }, horizon: { type: 'string' } };
export const formatOption: OptionTable = { format: { type: 'string', short: 'f' } };
export const liveOptions: OptionTable = { live: { type: 'boolean' }, 'live-timeout': { type: 'string' } };

/** A command line that does not parse: exit 2 with `Run 'change-radar help TOPIC'`. */
export function usageFail(message: string): never {
  throw new RadarError('usage', message);
}

export interface Tokens {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

export function tokenize(args: readonly string[], options: OptionTable): Tokens {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { ...options }, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    // node's messages are good ("Unknown option '--x'"); drop its hint about `--` for positionals.
    const message = error instanceof Error ? error.message : String(error);
    return usageFail(message.split('. To specify a positional')[0] ?? message);
  }
}

export function stringValue(values: Tokens['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--format`, one of `allowed` (named `command` in the error); `fallback` when not given. */
function parseFormat(command: string, text: string | undefined, allowed: readonly OutputFormat[], fallback: OutputFormat): OutputFormat {
  if (text === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(text)) {
    usageFail(`--format must be one of ${allowed.join(', ')} for ${command}, not '${text}'`);
  }
  return text as OutputFormat;
}

/** `--horizon DAYS`: a non-negative number of days (fractions allowed, e.g. 0.5). */
function parseHorizon(text: string): number {
  const days = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(days) || days > 3660) {
    usageFail(`--horizon expects a number of days between 0 and 3660, not '${text}'`);
  }
  return days;
}

/** An ISO-8601 time (`--at`, `--from`, `--to`), kept as written: it is read in the manifest's zone later. */
export function parseAt(text: string, option = '--at'): string {
  // The manifest's zone is not known yet; UTC is enough to reject text that is no time at all.
  if (parseInstant(text, 'UTC') === undefined) {
    usageFail(`${option} expects an ISO-8601 time such as 2026-12-24T10:00:00Z, not '${text}'`);
  }
  return text;
}

/** The options most commands share, checked; `--format` against `formats` (named `command` in errors). */
export function commonOptions(command: string, values: Tokens['values'], formats: readonly OutputFormat[], defaultFormat: OutputFormat): CommonOptions {
  const cwd = stringValue(values, 'cwd');
  const manifestPath = stringValue(values, 'manifest');
  const at = stringValue(values, 'at');
  const horizon = stringValue(values, 'horizon');
  return {
    ...(cwd !== undefined ? { cwd } : {}),
    ...(manifestPath !== undefined ? { manifest: manifestPath } : {}),
    ...(at !== undefined ? { at: parseAt(at) } : {}),
    ...(horizon !== undefined ? { horizonDays: parseHorizon(horizon) } : {}),
    format: parseFormat(command, stringValue(values, 'format'), formats, defaultFormat),
    ...liveValues(values),
    ...(values.offline === true ? { offline: true } : {}),
  };
}

/** `--live` and `--live-timeout SECONDS` (a positive number up to 60; needs --live). */
function liveValues(values: Tokens['values']): Pick<CommonOptions, 'live' | 'liveTimeoutMs'> {
  const timeout = stringValue(values, 'live-timeout');
  if (timeout !== undefined && values.live !== true) usageFail('--live-timeout needs --live');
  const seconds = timeout !== undefined && /^\d+(\.\d+)?$/.test(timeout.trim()) ? Number(timeout) : Number.NaN;
  if (timeout !== undefined && !(seconds > 0 && seconds <= 60)) usageFail(`--live-timeout expects seconds between 0 and 60, not '${timeout}'`);
  return {
    ...(values.live === true ? { live: true } : {}),
    ...(timeout !== undefined ? { liveTimeoutMs: Math.round(seconds * 1000) } : {}),
  };
}

/** `COMMAND takes no arguments` / `at most N argument(s)` when more than `allowed` positionals are given. */
export function noExtraPositionals(command: string, positionals: readonly string[], allowed: number): void {
  if (positionals.length > allowed) {
    usageFail(`${command} takes ${allowed === 0 ? 'no arguments' : `at most ${allowed} argument(s)`}, got '${positionals.slice(allowed).join(' ')}'`);
  }
}
