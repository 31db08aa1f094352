import { escapeText, escapeTextDeep } from '../report/escape';
import type { HookInstallResult, HookStatus, HookUninstallResult } from '../node/hookInstaller';
import { isWarmHook } from '../node/hookScript';

/** Text output of `change-radar hook install|uninstall|status`. */

function managerLine(target: HookInstallResult['target']): string {
  return target.manager !== undefined ? `hook manager: ${target.manager.name} (${target.manager.evidence})\n` : '';
}

export function formatHookInstallText(raw: HookInstallResult): string {
  // Paths and hook-manager evidence come from the repository and the environment: escaped.
  const result = { ...escapeTextDeep(raw), snippet: raw.snippet?.split('\n').map(escapeText).join('\n') };
  const warnings = result.warnings.map((w) => `warning: ${w}\n`).join('');
  if (result.mode === 'manual') {
    return `${managerLine(result.target)}`
      + `change-radar wrote nothing: ${result.target.manager?.name ?? 'a hook manager'} owns the hooks of this repository.\n`
      + 'Add these lines to its configuration:\n\n'
      + (result.snippet ?? '')
      + warnings;
  }
  return `hooks folder: ${result.target.hooksDir}\n` + result.changes.map((c) => `  ${c.message}\n`).join('') + warnings;
}

export function formatHookUninstallText(raw: HookUninstallResult): string {
  const result = escapeTextDeep(raw);
  return `hooks folder: ${result.target.hooksDir}\n` + result.changes.map((c) => `  ${c.message}\n`).join('');
}

export function formatHookStatusText(raw: HookStatus): string {
  const status = escapeTextDeep(raw);
  const lines = [`hooks folder: ${status.hooksDir}`];
  if (status.manager !== undefined) lines.push(`hook manager: ${status.manager.name} (${status.manager.evidence}); install prints a snippet instead of writing`);
  for (const hook of status.hooks) {
    const version = hook.version !== undefined ? ` (change-radar ${hook.version})` : '';
    const detail = hook.detail !== undefined ? `: ${hook.detail}` : '';
    const chained = hook.chainedPath !== undefined ? `; runs the previous hook first (${hook.chainedPath})` : '';
    // Hooks installed before the warm hooks existed lack them: say what they would add.
    const optional = hook.state === 'absent' && isWarmHook(hook.hook) ? ' (optional: reads the manifest ahead after a pull or checkout; `change-radar hook install` adds it)' : '';
    lines.push(`  ${hook.hook}: ${hook.state}${version}${detail}${chained}${optional}`);
  }
  return lines.join('\n') + '\n';
}
