import { parseArgs } from 'node:util';
import { parseInstant } from '../core/time/timeZone';

/**
 * Command-line parsing of `change-radar export argocd|gitlab`: argv in, a typed call (or a usage
 * error) out. Pure.
 */

export interface ExportCall {
  readonly command: 'export';
  readonly target: 'argocd' | 'gitlab';
  /** `--days N`: the horizon (default 30, at most 365). */
  readonly days: number;
  readonly output: 'yaml' | 'json';
  readonly options: { readonly cwd?: string; readonly manifest?: string; readonly at?: string; readonly format: 'text' | 'json' };
}

export type ExportParse =
  | { readonly ok: true; readonly call: ExportCall | { readonly command: 'help'; readonly topic: 'export' } }
  | { readonly ok: false; readonly error: string; readonly topic: 'export' };

/** Longest horizon: a month-and-day cron fires again a year later, so the horizon stays shorter than a year. */
const maxDays = 365;

/** `export argocd|gitlab [--days N] [--at T] [-f yaml|json] [-m FILE] [-C DIR]`. */
export function parseExportCommand(args: readonly string[]): ExportParse {
  const failed = (error: string): ExportParse => ({ ok: false, error, topic: 'export' });
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args], allowPositionals: true, strict: true,
      options: {
        cwd: { type: 'string', short: 'C' }, manifest: { type: 'string', short: 'm' }, format: { type: 'string', short: 'f' },
        help: { type: 'boolean', short: 'h' }, at: { type: 'string' }, days: { type: 'string' },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failed(message.split('. To specify a positional')[0] ?? message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  if (values.help === true) return { ok: true, call: { command: 'help', topic: 'export' } };
  const [target, ...rest] = parsed.positionals;
  if (target !== 'argocd' && target !== 'gitlab') return failed(`export expects argocd or gitlab, not '${target ?? ''}'`);
  if (rest.length > 0) return failed(`export ${target} takes no further arguments, got '${rest.join(' ')}'`);
  const daysText = text('days');
  const days = daysText === undefined ? 30 : /^\d+$/.test(daysText.trim()) ? Number(daysText) : Number.NaN;
  if (!(days >= 1 && days <= maxDays)) return failed(`--days expects a whole number of days from 1 to ${maxDays} (a month-and-day cron repeats after a year), not '${daysText ?? ''}'`);
  const format = text('format') ?? (target === 'argocd' ? 'yaml' : 'json');
  const allowed = target === 'argocd' ? ['yaml', 'json'] : ['json'];
  if (!allowed.includes(format)) return failed(`--format must be one of ${allowed.join(', ')} for export ${target}, not '${format}'`);
  const at = text('at');
  if (at !== undefined && parseInstant(at, 'UTC') === undefined) return failed(`--at expects an ISO-8601 time such as 2026-12-24T10:00:00Z, not '${at}'`);
  const cwd = text('cwd');
  const manifest = text('manifest');
  return {
    ok: true,
    call: {
      command: 'export', target, days, output: format as 'yaml' | 'json',
      options: { ...(cwd !== undefined ? { cwd } : {}), ...(manifest !== undefined ? { manifest } : {}), ...(at !== undefined ? { at } : {}), format: 'text' },
    },
  };
}
