import type { CliIo } from '../cliIo';
import type * as ExtraCommands from '../extraCommands';
import type { CommonOptions, OptionTable, OutputFormat, Tokens } from './argValues';

/**
 * How a CLI command is described: once, in one module under src/cli/commands/, listed in
 * registry.ts. Parsing (parseArgs.ts), `change-radar help [topic]` and `--help` (usage.ts) and
 * dispatch (runCli.ts) are derived from these descriptions; none of them names a command.
 */

export interface HelpCall {
  readonly command: 'help';
  readonly topic?: string;
}

export interface VersionCall {
  readonly command: 'version';
}

/** What a command's handler does with its parsed call: the exit code. */
export type Handler<C> = (call: C, io: CliIo) => Promise<number>;

/**
 * Where a command's code lives. `main`: the entry bundle `dist/cli.js` (what a commit may run;
 * loaded on first use, so `--help` evaluates none of it). `extra`: `dist/cli-extra.js`, required
 * only when the command runs (esbuild.js, `lazyBundles`); its handler is an export of
 * src/cli/extraCommands.ts.
 */
export interface CommandHandler<C> {
  readonly bundle: 'main' | 'extra';
  readonly run: Handler<C>;
}

interface CommandBase<C> {
  /** The command word (`change-radar NAME`), also its help topic. */
  readonly name: string;
  /** Where the overview lists it: the commands, or the write actions. */
  readonly group: 'command' | 'write';
  /** The overview's left column (`check [PATH...]`) and its one-line summary. */
  readonly synopsis: string;
  readonly summary: string;
  /** `change-radar help NAME` and `change-radar NAME --help`. */
  readonly help: string;
  /** True when the command's first argument is a verb (`incident declare`): options given before the command go after it. */
  readonly takesVerb?: boolean;
  /** Which parsed calls this command runs; default: those whose `command` is `name`. */
  readonly owns?: (call: { readonly command: string; readonly topic?: unknown }) => boolean;
  readonly handler: CommandHandler<C>;
}

/** A command whose options are a table: the generic parser tokenises, answers `--help` and checks arguments. */
export interface DeclaredCommand<C> extends CommandBase<C> {
  /** Its options beyond `-C/--cwd` and `-h/--help` (which every command takes). */
  readonly options: OptionTable;
  /** The values `--format` may take, and the one used without it (default `text`). */
  readonly formats: readonly OutputFormat[];
  readonly defaultFormat?: OutputFormat;
  /** Positional arguments: `required` names the first when it must be given; `max` bounds them (checked first). */
  readonly arguments?: { readonly required?: string; readonly max?: number };
  /**
   * The call, from the tokens; throws a usage error (argValues.ts, `usageFail`) for a value that
   * breaks a rule. `common()` checks the shared options (call it last, as every command does, so
   * the command's own errors come first); its arguments override the formats and the name in errors.
   */
  readonly build: (tokens: Tokens, common: (formats?: readonly OutputFormat[], label?: string) => CommonOptions) => C;
}

/** A command with its own parser (the write actions: a verb, then options that depend on it). */
export interface SelfParsedCommand<C> extends CommandBase<C> {
  readonly parse: (args: readonly string[]) =>
    | { readonly ok: true; readonly call: C | HelpCall }
    | { readonly ok: false; readonly error: string; readonly topic?: string };
}

export type CommandSpec<C> = DeclaredCommand<C> | SelfParsedCommand<C>;

/** A command's description, typed by its call (the identity: it is there for the type). */
export function defineCommand<C>(spec: CommandSpec<C>): CommandSpec<C> {
  return spec;
}

/** The call type of a command description. */
export type CallOf<S> = S extends CommandSpec<infer C> ? C : never;

/** A handler in the entry bundle, loaded (not evaluated before) the command runs. */
export function inMainBundle<C>(load: () => Promise<Handler<C>>): CommandHandler<C> {
  return { bundle: 'main', run: async (call, io) => (await load())(call, io) };
}

type ExtraExports = typeof ExtraCommands;

/** A handler exported by src/cli/extraCommands.ts (`runInit`), run from `dist/cli-extra.js`. */
export function inExtraBundle<C>(name: keyof ExtraExports): CommandHandler<C> {
  return { bundle: 'extra', run: (call, io) => (extraBundle()[name] as unknown as Handler<C>)(call, io) };
}

/**
 * The commands a commit never runs, loaded on first use: in the bundled CLI this require is of
 * `dist/cli-extra.js` (esbuild.js, `lazyBundles`), so the hooks neither read nor evaluate them.
 */
export function extraBundle(): ExtraExports {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../extraCommands') as ExtraExports;
}
