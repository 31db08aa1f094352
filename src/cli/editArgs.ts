import { parseArgs } from 'node:util';
import type { ManifestAction } from '../core/edit/manifestActions';
import { hasRadarCode } from '../core/radarError';
import { usageFail } from './commands/argValues';

/**
 * Command-line parsing of the write actions (`incident`, `freeze`, `override`, `milestone`): argv
 * in, a `ManifestAction` (or a usage error) out. Pure. Values are checked by the core action
 * (against the manifest); here only the shape of the call is.
 */

export const editCommandNames = ['incident', 'freeze', 'override', 'milestone'] as const;
export type EditCommandName = (typeof editCommandNames)[number];

export interface EditCall {
  readonly command: 'edit';
  readonly topic: EditCommandName;
  readonly action: ManifestAction;
  readonly dryRun: boolean;
  readonly cwd?: string;
  readonly manifest?: string;
  readonly format: 'text' | 'json';
}

export type EditParse =
  | { readonly ok: true; readonly call: EditCall | { readonly command: 'help'; readonly topic: string } }
  | { readonly ok: false; readonly error: string; readonly topic: string };

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const shared: Spec = {
  cwd: { type: 'string', short: 'C' },
  manifest: { type: 'string', short: 'm' },
  format: { type: 'string', short: 'f' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

function fail(message: string): never {
  return usageFail(message);
}

const list = (text: string | undefined): string[] | undefined =>
  text === undefined ? undefined : text.split(',').map((item) => item.trim()).filter((item) => item !== '');

function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The action of `change-radar <topic> <verb> ...`. */
function actionOf(topic: EditCommandName, verb: string | undefined, positionals: readonly string[], v: Record<string, string | boolean | undefined>): ManifestAction {
  const s = (name: string): string | undefined => (typeof v[name] === 'string' ? v[name] : undefined);
  const required = (name: string): string => s(name) ?? fail(`${topic} ${verb ?? ''} needs --${name}`);
  const one = (what: string): string => {
    if (positionals.length !== 1 || positionals[0] === '') fail(`${topic} ${verb ?? ''} needs one ${what}${positionals.length > 1 ? `, got '${positionals.join(' ')}'` : ''}`);
    return positionals[0];
  };
  const none = (): void => {
    if (positionals.length > 0) fail(`${topic} ${verb ?? ''} takes no arguments, got '${positionals.join(' ')}'`);
  };
  switch (`${topic} ${verb ?? ''}`) {
    case 'incident declare':
      none();
      return defined({
        kind: 'incident-declare', severity: required('severity'), systems: list(required('systems')) ?? [], title: required('title'),
        freeze: s('freeze'), commander: s('commander'), url: s('url'), id: s('id'), at: s('at'),
      });
    case 'incident update':
      return defined({ kind: 'incident-update', id: one('incident ID'), status: s('status'), severity: s('severity'), title: s('title'), commander: s('commander'), url: s('url') });
    case 'incident resolve':
      return defined({ kind: 'incident-resolve', id: one('incident ID'), at: s('at') });
    case 'freeze now':
      none();
      return defined({
        kind: 'freeze-now', systems: list(s('systems')), tiers: list(s('tiers')), all: v.all === true ? true : undefined,
        for: s('for'), until: s('until'), warn: v.warn === true ? true : undefined, reason: required('reason'), title: s('title'), id: s('id'), at: s('at'),
      });
    case 'freeze end':
      return defined({ kind: 'freeze-end', id: one('freeze ID'), at: s('at'), approvedBy: s('approved-by'), reason: s('reason') });
    case 'freeze extend':
      return { kind: 'freeze-extend', id: one('freeze ID'), until: required('until') };
    case 'override add':
      none();
      return defined({
        kind: 'override-add', freeze: required('freeze'), paths: list(s('paths')), approvedBy: required('approved-by'), reason: required('reason'),
        expires: s('expires'), at: s('at'),
      });
    case 'milestone set': {
      const target = one('PROJECT/MILESTONE');
      const slash = target.lastIndexOf('/');
      if (slash <= 0 || slash === target.length - 1) fail(`milestone set expects PROJECT/MILESTONE, not '${target}'`);
      return { kind: 'milestone-set', project: target.slice(0, slash), milestone: target.slice(slash + 1), status: required('status') };
    }
    default: {
      const verbs: Record<EditCommandName, string> = { incident: 'declare, update or resolve', freeze: 'now, end or extend', override: 'add', milestone: 'set' };
      return fail(`${topic} expects ${verbs[topic]}, not '${verb ?? ''}'`);
    }
  }
}

const optionsOf: Record<string, Spec> = {
  'incident declare': { severity: { type: 'string' }, systems: { type: 'string' }, title: { type: 'string' }, freeze: { type: 'string' }, commander: { type: 'string' }, url: { type: 'string' }, id: { type: 'string' }, at: { type: 'string' } },
  'incident update': { status: { type: 'string' }, severity: { type: 'string' }, title: { type: 'string' }, commander: { type: 'string' }, url: { type: 'string' } },
  'incident resolve': { at: { type: 'string' } },
  'freeze now': { systems: { type: 'string' }, tiers: { type: 'string' }, all: { type: 'boolean' }, for: { type: 'string' }, until: { type: 'string' }, warn: { type: 'boolean' }, reason: { type: 'string' }, title: { type: 'string' }, id: { type: 'string' }, at: { type: 'string' } },
  'freeze end': { at: { type: 'string' }, 'approved-by': { type: 'string' }, reason: { type: 'string' } },
  'freeze extend': { until: { type: 'string' } },
  'override add': { freeze: { type: 'string' }, paths: { type: 'string' }, 'approved-by': { type: 'string' }, reason: { type: 'string' }, expires: { type: 'string' }, at: { type: 'string' } },
  'milestone set': { status: { type: 'string' } },
};

/** Parses `change-radar <topic> ...` (argv after the topic). Never throws. */
export function parseEditCommand(topic: EditCommandName, args: readonly string[]): EditParse {
  try {
    const verb = args[0] !== undefined && !args[0].startsWith('-') ? args[0] : undefined;
    const rest = verb === undefined ? args : args.slice(1);
    const specific = optionsOf[`${topic} ${verb ?? ''}`] ?? {};
    let values: Record<string, string | boolean | undefined>;
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({ args: [...rest], options: { ...shared, ...specific }, allowPositionals: true, strict: true }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(message.split('. To specify a positional')[0] ?? message);
    }
    if (values.help === true || verb === undefined) {
      if (values.help === true || args.length === 0) return { ok: true, call: { command: 'help', topic } };
    }
    const action = actionOf(topic, verb, positionals, values);
    const format = typeof values.format === 'string' ? values.format : 'text';
    if (format !== 'text' && format !== 'json') fail(`--format must be one of text, json for ${topic}, not '${format}'`);
    const cwd = typeof values.cwd === 'string' ? values.cwd : undefined;
    const manifest = typeof values.manifest === 'string' ? values.manifest : undefined;
    return {
      ok: true,
      call: { command: 'edit', topic, action, dryRun: values['dry-run'] === true, format, ...(cwd !== undefined ? { cwd } : {}), ...(manifest !== undefined ? { manifest } : {}) },
    };
  } catch (error) {
    if (hasRadarCode(error, 'usage')) return { ok: false, error: error.message, topic };
    throw error;
  }
}
