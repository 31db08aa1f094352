import { parseArgs } from 'node:util';
import type { ProposalSource } from '../core/adopt/proposal';
import { proposalSources } from '../core/adopt/proposal';
import { defaultDepth } from '../core/history/incidentChanges';
import { parseInstant } from '../core/time/timeZone';
import { parseEditCommand } from './editArgs';
import type { EditCall } from './editArgs';

/**
 * Command-line parsing: argv in, a typed call (or an error message) out. Pure, so every rule is
 * unit-tested without running a command. node:util's parseArgs does the tokenising; this file
 * owns which options each command takes and what their values may be.
 */

export type OutputFormat = 'text' | 'json' | 'markdown' | 'github' | 'ics';
export type HookAction = 'install' | 'uninstall' | 'status';
export type HookName = 'pre-commit' | 'commit-msg';

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
}

export type CliCall =
  | { readonly command: 'check'; readonly paths: readonly string[]; readonly staged: boolean; readonly base?: string; readonly head?: string; readonly messageFile?: string; readonly options: CommonOptions }
  | { readonly command: 'explain'; readonly path: string; readonly options: CommonOptions }
  | { readonly command: 'status'; readonly options: CommonOptions }
  | { readonly command: 'validate'; readonly options: CommonOptions }
  | { readonly command: 'calendar'; readonly from?: string; readonly to?: string; readonly systems?: readonly string[]; readonly options: CommonOptions }
  | { readonly command: 'hook'; readonly action: HookAction; readonly strict: boolean; readonly options: CommonOptions }
  | { readonly command: 'hook-run'; readonly hook: HookName; readonly messageFile?: string; readonly strict: boolean; readonly options: CommonOptions }
  | { readonly command: 'init'; readonly from?: readonly ProposalSource[]; readonly write: boolean; readonly force: boolean; readonly options: CommonOptions }
  | { readonly command: 'coverage'; readonly failUnder?: number; readonly options: CommonOptions }
  | ChangesCall
  | { readonly command: 'help'; readonly topic?: string }
  | { readonly command: 'version' }
  | EditCall;

export type ParseResult = { readonly ok: true; readonly call: CliCall } | { readonly ok: false; readonly error: string; readonly topic?: string };

type OptionSpec = { type: 'string' | 'boolean'; short?: string };

const common: Record<string, OptionSpec> = {
  cwd: { type: 'string', short: 'C' },
  help: { type: 'boolean', short: 'h' },
};
const manifest: Record<string, OptionSpec> = { manifest: { type: 'string', short: 'm' } };
const timing: Record<string, OptionSpec> = { at: { type: 'string' }, horizon: { type: 'string' } };
const format: Record<string, OptionSpec> = { format: { type: 'string', short: 'f' } };
const live: Record<string, OptionSpec> = { live: { type: 'boolean' }, 'live-timeout': { type: 'string' } };

const formatsOf: Record<string, readonly OutputFormat[]> = {
  check: ['text', 'json', 'markdown', 'github'],
  explain: ['text', 'json', 'markdown'],
  status: ['text', 'json', 'markdown'],
  validate: ['text', 'json', 'github'],
  hook: ['text', 'json'],
  'hook-run': ['text'],
  calendar: ['ics', 'json', 'text'],
  init: ['text', 'json'],
  coverage: ['text', 'json'],
  changes: ['text', 'json', 'markdown'],
};

/** The format a command writes when `--format` is not given. */
const defaultFormatOf: Record<string, OutputFormat> = { calendar: 'ics' };

const commandNames = ['check', 'explain', 'status', 'validate', 'calendar', 'hook', 'incident', 'freeze', 'override', 'milestone', 'init', 'coverage', 'changes'] as const;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

interface Tokens {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function tokenize(args: readonly string[], options: Record<string, OptionSpec>): Tokens {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    // node's messages are good ("Unknown option '--x'"); drop its hint about `--` for positionals.
    const message = error instanceof Error ? error.message : String(error);
    return fail(message.split('. To specify a positional')[0] ?? message);
  }
}

function stringValue(values: Tokens['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function parseFormat(command: string, text: string | undefined): OutputFormat {
  const allowed = formatsOf[command] ?? ['text'];
  if (text === undefined) return defaultFormatOf[command] ?? 'text';
  if (!(allowed as readonly string[]).includes(text)) {
    fail(`--format must be one of ${allowed.join(', ')} for ${command}, not '${text}'`);
  }
  return text as OutputFormat;
}

/** `--horizon DAYS`: a non-negative number of days (fractions allowed, e.g. 0.5). */
function parseHorizon(text: string): number {
  const days = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(days) || days > 3660) {
    fail(`--horizon expects a number of days between 0 and 3660, not '${text}'`);
  }
  return days;
}

function parseAt(text: string, option = '--at'): string {
  // The manifest's zone is not known yet; UTC is enough to reject text that is no time at all.
  if (parseInstant(text, 'UTC') === undefined) {
    fail(`${option} expects an ISO-8601 time such as 2026-12-24T10:00:00Z, not '${text}'`);
  }
  return text;
}

function commonOptions(command: string, values: Tokens['values']): CommonOptions {
  const cwd = stringValue(values, 'cwd');
  const manifestPath = stringValue(values, 'manifest');
  const at = stringValue(values, 'at');
  const horizon = stringValue(values, 'horizon');
  return {
    ...(cwd !== undefined ? { cwd } : {}),
    ...(manifestPath !== undefined ? { manifest: manifestPath } : {}),
    ...(at !== undefined ? { at: parseAt(at) } : {}),
    ...(horizon !== undefined ? { horizonDays: parseHorizon(horizon) } : {}),
    format: parseFormat(command, stringValue(values, 'format')),
    ...liveOptions(values),
  };
}

/** `--live` and `--live-timeout SECONDS` (a positive number up to 60; needs --live). */
function liveOptions(values: Tokens['values']): Pick<CommonOptions, 'live' | 'liveTimeoutMs'> {
  const timeout = stringValue(values, 'live-timeout');
  if (timeout !== undefined && values.live !== true) fail('--live-timeout needs --live');
  const seconds = timeout !== undefined && /^\d+(\.\d+)?$/.test(timeout.trim()) ? Number(timeout) : Number.NaN;
  if (timeout !== undefined && !(seconds > 0 && seconds <= 60)) fail(`--live-timeout expects seconds between 0 and 60, not '${timeout}'`);
  return {
    ...(values.live === true ? { live: true } : {}),
    ...(timeout !== undefined ? { liveTimeoutMs: Math.round(seconds * 1000) } : {}),
  };
}

function noExtraPositionals(command: string, positionals: readonly string[], allowed: number): void {
  if (positionals.length > allowed) {
    fail(`${command} takes ${allowed === 0 ? 'no arguments' : `at most ${allowed} argument(s)`}, got '${positionals.slice(allowed).join(' ')}'`);
  }
}

function parseCheck(args: readonly string[]): CliCall {
  const tokens = tokenize(args, {
    ...common, ...manifest, ...timing, ...format, ...live,
    staged: { type: 'boolean' }, base: { type: 'string' }, head: { type: 'string' }, 'message-file': { type: 'string' },
  });
  if (tokens.values.help === true) return { command: 'help', topic: 'check' };
  const base = stringValue(tokens.values, 'base');
  const head = stringValue(tokens.values, 'head');
  const messageFile = stringValue(tokens.values, 'message-file');
  if (head !== undefined && base === undefined) fail('--head needs --base');
  // Each names a different change set: refuse the pair rather than silently use one of them.
  if (tokens.values.staged === true && base !== undefined) fail('--staged and --base name different change sets; give one of them');
  return {
    command: 'check',
    paths: tokens.positionals,
    staged: tokens.values.staged === true,
    ...(base !== undefined ? { base } : {}),
    ...(head !== undefined ? { head } : {}),
    ...(messageFile !== undefined ? { messageFile } : {}),
    options: commonOptions('check', tokens.values),
  };
}

function parseExplain(args: readonly string[]): CliCall {
  const tokens = tokenize(args, { ...common, ...manifest, ...timing, ...format, ...live });
  if (tokens.values.help === true) return { command: 'help', topic: 'explain' };
  const [target] = tokens.positionals;
  if (target === undefined || target === '') fail('explain needs a PATH');
  noExtraPositionals('explain', tokens.positionals, 1);
  return { command: 'explain', path: target, options: commonOptions('explain', tokens.values) };
}

function parseSimple(command: 'status' | 'validate', args: readonly string[]): CliCall {
  const specs = command === 'status' ? { ...common, ...manifest, ...timing, ...format, ...live } : { ...common, ...manifest, ...format };
  const tokens = tokenize(args, specs);
  if (tokens.values.help === true) return { command: 'help', topic: command };
  noExtraPositionals(command, tokens.positionals, 0);
  return { command, options: commonOptions(command, tokens.values) };
}

function parseHook(args: readonly string[]): CliCall {
  const tokens = tokenize(args, { ...common, ...format, ...manifest, ...timing, strict: { type: 'boolean' } });
  if (tokens.values.help === true) return { command: 'help', topic: 'hook' };
  const [action, ...rest] = tokens.positionals;
  const strict = tokens.values.strict === true;
  if (action === 'run') {
    const [hook, messageFile] = rest;
    if (hook !== 'pre-commit' && hook !== 'commit-msg') fail(`hook run expects pre-commit or commit-msg, not '${hook ?? ''}'`);
    if (hook === 'commit-msg' && messageFile === undefined) fail('hook run commit-msg needs the commit message file');
    noExtraPositionals('hook run', rest, hook === 'commit-msg' ? 2 : 1);
    return {
      command: 'hook-run', hook, strict,
      ...(messageFile !== undefined ? { messageFile } : {}),
      options: commonOptions('hook-run', tokens.values),
    };
  }
  if (action !== 'install' && action !== 'uninstall' && action !== 'status') {
    fail(`hook expects install, uninstall or status, not '${action ?? ''}'`);
  }
  noExtraPositionals(`hook ${action}`, rest, 0);
  return { command: 'hook', action, strict, options: commonOptions('hook', tokens.values) };
}

/** `calendar [--from TIME] [--to TIME] [--systems a,b]`: times are checked here, read in the manifest's zone later. */
function parseCalendar(args: readonly string[]): CliCall {
  const tokens = tokenize(args, { ...common, ...manifest, ...format, at: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, systems: { type: 'string' } });
  if (tokens.values.help === true) return { command: 'help', topic: 'calendar' };
  noExtraPositionals('calendar', tokens.positionals, 0);
  const from = stringValue(tokens.values, 'from');
  const to = stringValue(tokens.values, 'to');
  const systemsText = stringValue(tokens.values, 'systems');
  const systems = systemsText?.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (systemsText !== undefined && (systems === undefined || systems.length === 0)) fail(`--systems expects system ids separated by commas, not '${systemsText}'`);
  return {
    command: 'calendar',
    ...(from !== undefined ? { from: parseAt(from, '--from') } : {}),
    ...(to !== undefined ? { to: parseAt(to, '--to') } : {}),
    ...(systems !== undefined ? { systems } : {}),
    options: commonOptions('calendar', tokens.values),
  };
}

/** `init [--from codeowners,backstage,workspaces] [--write] [--force] [-m FILE]`. */
function parseInit(args: readonly string[]): CliCall {
  const tokens = tokenize(args, { ...common, ...manifest, ...format, from: { type: 'string' }, write: { type: 'boolean' }, force: { type: 'boolean' } });
  if (tokens.values.help === true) return { command: 'help', topic: 'init' };
  noExtraPositionals('init', tokens.positionals, 0);
  const fromText = stringValue(tokens.values, 'from');
  const from = fromText?.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (from !== undefined) {
    const unknown = from.find((item) => !(proposalSources as readonly string[]).includes(item));
    if (unknown !== undefined || from.length === 0) fail(`--from expects a comma-separated list of ${proposalSources.join(', ')}, not '${fromText ?? ''}'`);
  }
  const force = tokens.values.force === true;
  const write = tokens.values.write === true;
  if (force && !write) fail('--force needs --write');
  return { command: 'init', ...(from !== undefined ? { from: [...new Set(from)] as ProposalSource[] } : {}), write, force, options: commonOptions('init', tokens.values) };
}

/** `coverage [--fail-under SHARE] [-m FILE] [-f text|json]`; SHARE from 0 to 1. */
function parseCoverage(args: readonly string[]): CliCall {
  const tokens = tokenize(args, { ...common, ...manifest, ...format, 'fail-under': { type: 'string' } });
  if (tokens.values.help === true) return { command: 'help', topic: 'coverage' };
  noExtraPositionals('coverage', tokens.positionals, 0);
  const text = stringValue(tokens.values, 'fail-under');
  const share = text !== undefined && /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(text.trim()) ? Number(text) : undefined;
  if (text !== undefined && share === undefined) fail(`--fail-under expects a share between 0 and 1 (e.g. 0.9), not '${text}'`);
  return { command: 'coverage', ...(share !== undefined ? { failUnder: share } : {}), options: commonOptions('coverage', tokens.values) };
}

/** `change-radar changes`: what changed before an incident, or on systems (src/cli/changesCommand.ts). */
export interface ChangesCall {
  readonly command: 'changes';
  readonly incident?: string;
  readonly systems?: readonly string[];
  /** `--since` as written: a duration (`24h`) or a time, read later in the manifest's zone. */
  readonly since?: string;
  readonly until?: string;
  readonly depth: number;
  readonly allRefs: boolean;
  readonly options: CommonOptions;
}

/** `changes (--incident ID | --systems a,b) [--since DURATION|TIME] [--until TIME] [--depth N] [--all-refs]`. */
function parseChanges(args: readonly string[]): CliCall {
  const tokens = tokenize(args, {
    ...common, ...manifest, ...format, at: { type: 'string' }, incident: { type: 'string' }, systems: { type: 'string' },
    since: { type: 'string' }, until: { type: 'string' }, depth: { type: 'string' }, 'all-refs': { type: 'boolean' },
  });
  if (tokens.values.help === true) return { command: 'help', topic: 'changes' };
  noExtraPositionals('changes', tokens.positionals, 0);
  const incident = stringValue(tokens.values, 'incident');
  const systemsText = stringValue(tokens.values, 'systems');
  const systems = systemsText?.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (systemsText !== undefined && (systems === undefined || systems.length === 0)) fail(`--systems expects system ids separated by commas, not '${systemsText}'`);
  if ((incident === undefined) === (systems === undefined)) fail('changes needs one of --incident ID or --systems a,b');
  if (incident === '') fail('--incident needs an incident id');
  const since = stringValue(tokens.values, 'since');
  if (since !== undefined && !/^(\d+(\.\d+)?[mhdwMHDW])+$/.test(since.trim())) parseAt(since, '--since');
  const until = stringValue(tokens.values, 'until');
  const depthText = stringValue(tokens.values, 'depth');
  const depth = depthText === undefined ? defaultDepth : /^\d{1,2}$/.test(depthText.trim()) ? Number(depthText) : fail(`--depth expects a whole number from 0 to 99, not '${depthText}'`);
  return {
    command: 'changes',
    ...(incident !== undefined ? { incident } : {}),
    ...(systems !== undefined ? { systems: [...new Set(systems)] } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until: parseAt(until, '--until') } : {}),
    depth, allRefs: tokens.values['all-refs'] === true,
    options: commonOptions('changes', tokens.values),
  };
}

/** `-C a -C b` is `a/b`, as in git: each relative `-C` is taken relative to the one before. */
function joinDirs(first: string | undefined, second: string | undefined): string | undefined {
  if (first === undefined || second === undefined) return second ?? first;
  return second.startsWith('/') || /^[A-Za-z]:[\\/]/.test(second) ? second : `${first.replace(/[\\/]+$/, '')}/${second}`;
}

/** Options that may also come before the command (passed on to it), and whether each takes a value. */
const leadingOptions: Record<string, boolean> = {
  '-m': true, '--manifest': true, '-f': true, '--format': true, '--at': true, '--horizon': true, '--live': false, '--live-timeout': true,
};

/** The name of an option token (`--at=x` → `--at`, `-mx` → `-m`), when it is one of `leadingOptions`. */
function leadingOption(arg: string): { name: string; inline: boolean } | undefined {
  const eq = arg.indexOf('=');
  if (arg.startsWith('--') && eq > 0 && leadingOptions[arg.slice(0, eq)] === true) return { name: arg.slice(0, eq), inline: true };
  if (arg in leadingOptions) return { name: arg, inline: false };
  if (/^-[mf]./.test(arg)) return { name: arg.slice(0, 2), inline: true };
  return undefined;
}

/**
 * Options given before the command, as in `git -C dir status`: `-C DIR`, `-CDIR`, `--cwd DIR`,
 * `--cwd=DIR`, any number of times; and the options most commands share (`-m`, `-f`, `--at`,
 * `--horizon`, `--live`, `--live-timeout`), which are passed on to the command as if written after
 * it. Any other option before the command is an error saying where it goes. Returns the combined
 * directory, the options to pass on, and the rest of argv (from the command on).
 */
function globalOptions(argv: readonly string[]): { cwd?: string; moved: readonly string[]; rest: readonly string[] } {
  let cwd: string | undefined;
  const moved: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    let value: string | undefined;
    if (arg === '-C' || arg === '--cwd') {
      value = argv[i + 1];
      if (value === undefined || value === '') fail(`${arg} needs a directory`);
      i++;
    } else if (arg.startsWith('--cwd=')) {
      value = arg.slice('--cwd='.length);
    } else if (arg.startsWith('-C') && arg.length > 2) {
      value = arg.slice(2);
    } else {
      const option = leadingOption(arg);
      if (option === undefined) break;
      moved.push(arg);
      if (!option.inline && leadingOptions[option.name] === true) {
        const next = argv[i + 1];
        if (next === undefined) fail(`${arg} needs a value`);
        moved.push(next);
        i++;
      }
      continue;
    }
    if (value === '') fail(`${arg} needs a directory`);
    cwd = joinDirs(cwd, value);
  }
  const command = argv[i];
  const helpOrVersion = command === undefined || ['help', '--help', '-h', 'version', '--version', '-V'].includes(command);
  if (moved.length > 0 && command === undefined) fail(`${moved.join(' ')}: a command goes first or after them, e.g. change-radar check ${moved.join(' ')}`);
  if (command !== undefined && command.startsWith('-') && !helpOrVersion) {
    const known = argv.slice(i + 1).find((word) => (commandNames as readonly string[]).includes(word));
    fail(`options go after the command: change-radar ${known ?? 'check'} ${command} …`);
  }
  return { ...(cwd !== undefined ? { cwd } : {}), moved: helpOrVersion ? [] : moved, rest: argv.slice(i) };
}

/**
 * argv from the command on, with the options given before the command passed on right after the
 * command word (after the verb of a write action: `incident declare`), so that the same option
 * written after the command wins, and nothing lands after a `--`.
 */
function withMovedOptions(rest: readonly string[], moved: readonly string[]): readonly string[] {
  if (moved.length === 0) return rest;
  const [command, verb] = rest;
  const withVerb = ['incident', 'freeze', 'override', 'milestone'].includes(command ?? '') && verb !== undefined && !verb.startsWith('-');
  const at = withVerb ? 2 : 1;
  return [...rest.slice(0, at), ...moved, ...rest.slice(at)];
}

function withGlobalCwd(call: CliCall, cwd: string | undefined): CliCall {
  if (call.command === 'edit') {
    const combined = joinDirs(cwd, call.cwd);
    return combined === undefined ? call : { ...call, cwd: combined };
  }
  if (cwd === undefined || !('options' in call)) return call;
  const combined = joinDirs(cwd, call.options.cwd);
  return { ...call, options: { ...call.options, ...(combined !== undefined ? { cwd: combined } : {}) } };
}

/** Parses `argv` (without node and script). Never throws. */
export function parseCliArgs(argv: readonly string[]): ParseResult {
  let global: { cwd?: string; moved: readonly string[]; rest: readonly string[] };
  try {
    global = globalOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, error: error.message };
    throw error;
  }
  const result = parseCommand(withMovedOptions(global.rest, global.moved));
  return result.ok ? { ok: true, call: withGlobalCwd(result.call, global.cwd) } : result;
}

function parseCommand(argv: readonly string[]): ParseResult {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined: case 'help': case '--help': case '-h':
        if (args[0] !== undefined && !(commandNames as readonly string[]).includes(args[0])) {
          return { ok: false, error: `no help on '${args[0]}'; topics: ${commandNames.join(', ')}` };
        }
        return { ok: true, call: { command: 'help', ...(args[0] !== undefined ? { topic: args[0] } : {}) } };
      case 'version': case '--version': case '-V':
        return { ok: true, call: { command: 'version' } };
      case 'check': return { ok: true, call: parseCheck(args) };
      case 'explain': return { ok: true, call: parseExplain(args) };
      case 'status': case 'validate': return { ok: true, call: parseSimple(command, args) };
      case 'hook': return { ok: true, call: parseHook(args) };
      case 'incident': case 'freeze': case 'override': case 'milestone': return parseEditCommand(command, args);
      case 'calendar': return { ok: true, call: parseCalendar(args) };
      case 'init': return { ok: true, call: parseInit(args) };
      case 'coverage': return { ok: true, call: parseCoverage(args) };
      case 'changes': return { ok: true, call: parseChanges(args) };
      default:
        return { ok: false, error: `unknown command '${command}'; expected one of ${commandNames.join(', ')}` };
    }
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, error: error.message, ...(command !== undefined ? { topic: command } : {}) };
    throw error;
  }
}
