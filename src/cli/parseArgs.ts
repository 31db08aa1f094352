import type { CallOf, CommandSpec, HelpCall, VersionCall } from './commands/commandSpec';
import { commonOptions, commonOptionTable, formatOption, liveOptions, manifestOption, noExtraPositionals, timingOptions, tokenize, usageFail } from './commands/argValues';
import type { OptionTable } from './commands/argValues';
import { cliCommands } from './commands/registry';
import { hasRadarCode } from '../core/radarError';

/**
 * Command-line parsing: argv in, a typed call (or an error message) out. Pure, so every rule is
 * unit-tested without running a command. What each command takes is its description
 * (commands/registry.ts); this file owns only what comes before the command (`-C`, the shared
 * options given early) and the generic steps every described command goes through.
 */

/** Every call the CLI can be asked for: help, version, and each registered command's calls. */
export type CliCall = HelpCall | VersionCall | CallOf<(typeof cliCommands)[number]>;

export type ParseResult = { readonly ok: true; readonly call: CliCall } | { readonly ok: false; readonly error: string; readonly topic?: string };

/** The registered commands, each taken as running any call (a parse pairs a call only with the command that made it). */
const registered = cliCommands as unknown as readonly CommandSpec<CliCall>[];
const commandNames: readonly string[] = registered.map((command) => command.name);

function commandNamed(name: string | undefined): CommandSpec<CliCall> | undefined {
  return registered.find((command) => command.name === name);
}

/** The registered command that runs `call`. */
export function commandOf(call: CliCall): CommandSpec<CliCall> | undefined {
  return registered.find((command) => (command.owns ? command.owns(call) : command.name === call.command));
}

/** `-C a -C b` is `a/b`, as in git: each relative `-C` is taken relative to the one before. */
function joinDirs(first: string | undefined, second: string | undefined): string | undefined {
  if (first === undefined || second === undefined) return second ?? first;
  return second.startsWith('/') || /^[A-Za-z]:[\\/]/.test(second) ? second : `${first.replace(/[\\/]+$/, '')}/${second}`;
}

/** The shared options that may also come before the command (passed on to it). */
const leadingTable: OptionTable = { ...manifestOption, ...formatOption, ...timingOptions, ...liveOptions };

/** Each leading option's spellings (`--manifest`, `-m`), and whether it takes a value. */
const leadingOptions: Record<string, boolean> = Object.fromEntries(Object.entries(leadingTable).flatMap(([name, spec]): [string, boolean][] => [
  [`--${name}`, spec.type === 'string'], ...(spec.short !== undefined ? [[`-${spec.short}`, spec.type === 'string'] as [string, boolean]] : []),
]));
const leadingShorts = Object.values(leadingTable).flatMap((spec) => (spec.short !== undefined && spec.type === 'string' ? [spec.short] : []));

/** The name of an option token (`--at=x` → `--at`, `-mx` → `-m`), when it is one of `leadingOptions`. */
function leadingOption(arg: string): { name: string; inline: boolean } | undefined {
  const eq = arg.indexOf('=');
  if (arg.startsWith('--') && eq > 0 && leadingOptions[arg.slice(0, eq)] === true) return { name: arg.slice(0, eq), inline: true };
  if (arg in leadingOptions) return { name: arg, inline: false };
  if (arg.length > 2 && arg.startsWith('-') && leadingShorts.includes(arg[1])) return { name: arg.slice(0, 2), inline: true };
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
      if (value === undefined || value === '') usageFail(`${arg} needs a directory`);
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
        if (next === undefined) usageFail(`${arg} needs a value`);
        moved.push(next);
        i++;
      }
      continue;
    }
    if (value === '') usageFail(`${arg} needs a directory`);
    cwd = joinDirs(cwd, value);
  }
  const command = argv[i];
  const helpOrVersion = command === undefined || ['help', '--help', '-h', 'version', '--version', '-V'].includes(command);
  if (moved.length > 0 && command === undefined) usageFail(`${moved.join(' ')}: a command goes first or after them, e.g. change-radar check ${moved.join(' ')}`);
  if (command !== undefined && command.startsWith('-') && !helpOrVersion) {
    const known = argv.slice(i + 1).find((word) => commandNames.includes(word));
    usageFail(`options go after the command: change-radar ${known ?? 'check'} ${command} …`);
  }
  return { ...(cwd !== undefined ? { cwd } : {}), moved: helpOrVersion ? [] : moved, rest: argv.slice(i) };
}

/**
 * argv from the command on, with the options given before the command passed on right after the
 * command word (after the verb of a command that takes one: `incident declare`), so that the same
 * option written after the command wins, and nothing lands after a `--`.
 */
function withMovedOptions(rest: readonly string[], moved: readonly string[]): readonly string[] {
  if (moved.length === 0) return rest;
  const [command, verb] = rest;
  const withVerb = commandNamed(command)?.takesVerb === true && verb !== undefined && !verb.startsWith('-');
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
  return { ...call, options: { ...call.options, ...(combined !== undefined ? { cwd: combined } : {}) } } as CliCall;
}

/** Parses `argv` (without node and script). Never throws. */
export function parseCliArgs(argv: readonly string[]): ParseResult {
  let global: { cwd?: string; moved: readonly string[]; rest: readonly string[] };
  try {
    global = globalOptions(argv);
  } catch (error) {
    if (hasRadarCode(error, 'usage')) return { ok: false, error: error.message };
    throw error;
  }
  const result = parseCommand(withMovedOptions(global.rest, global.moved));
  return result.ok ? { ok: true, call: withGlobalCwd(result.call, global.cwd) } : result;
}

function parseCommand(argv: readonly string[]): ParseResult {
  const [name, ...args] = argv;
  switch (name) {
    case undefined: case 'help': case '--help': case '-h':
      if (args[0] !== undefined && !commandNames.includes(args[0])) {
        return { ok: false, error: `no help on '${args[0]}'; topics: ${commandNames.join(', ')}` };
      }
      return { ok: true, call: { command: 'help', ...(args[0] !== undefined ? { topic: args[0] } : {}) } };
    case 'version': case '--version': case '-V':
      return { ok: true, call: { command: 'version' } };
  }
  const command = commandNamed(name);
  if (command === undefined) return { ok: false, error: `unknown command '${name}'; expected one of ${commandNames.join(', ')}` };
  if ('parse' in command) return command.parse(args);
  try {
    return { ok: true, call: parseDeclared(command, args) };
  } catch (error) {
    if (hasRadarCode(error, 'usage')) return { ok: false, error: error.message, topic: command.name };
    throw error;
  }
}

/** The steps of every command with an option table: tokens, `--help`, arguments, then the command's own rules. */
function parseDeclared(command: Extract<CommandSpec<CliCall>, { build: unknown }>, args: readonly string[]): CliCall {
  const tokens = tokenize(args, { ...commonOptionTable, ...command.options });
  if (tokens.values.help === true) return { command: 'help', topic: command.name };
  const rule = command.arguments;
  if (rule?.required !== undefined && (tokens.positionals[0] === undefined || tokens.positionals[0] === '')) usageFail(`${command.name} needs a ${rule.required}`);
  if (rule?.max !== undefined) noExtraPositionals(command.name, tokens.positionals, rule.max);
  return command.build(tokens, (formats = command.formats, label = command.name) => commonOptions(label, tokens.values, formats, command.defaultFormat ?? 'text'));
}
