import * as path from 'node:path';
import { gateHooks, hookCommandLine, managedHooks, shellQuote, warmHooks } from './hookScript';
import type { HookCommand, ManagedHook } from './hookScript';

/** Who owns a repository's hooks, when a manager does (see hookInstaller.ts, `detectHookManager`). */
export type HookManagerName = 'husky' | 'lefthook' | 'pre-commit' | 'core.hooksPath';

/**
 * The exact lines to add where a hook manager owns the hooks: the two commit hooks, then the warm
 * hooks (optional, said so), each as the hook files of ours would run them.
 */
export function hookManagerSnippet(name: HookManagerName | undefined, folder: string, command: HookCommand): string {
  if (name === 'lefthook') {
    return [
      '# lefthook-local.yml (machine-specific paths, so the local file rather than the shared config)',
      ...managedHooks.flatMap((hook) => [
        ...(hook === warmHooks[0] ? [optionalWarmHooks] : []),
        `${hook}:`,
        '  commands:',
        '    change-radar:',
        `      run: ${JSON.stringify(hookCommandLine(hook, command, '{1}'))}`,
      ]),
      '',
    ].join('\n');
  }
  if (name === 'pre-commit') {
    // The framework runs `entry` without a shell; the warm hook's background run needs one.
    const entry = (hook: ManagedHook): string => {
      const line = hookCommandLine(hook, command, '');
      return JSON.stringify(hook === 'post-merge' ? `sh -c ${shellQuote(line)}` : line.replace(/^ELECTRON_RUN_AS_NODE=1 /, ''));
    };
    return [
      '# .pre-commit-config.yaml, under `repos:`',
      '  - repo: local',
      '    hooks:',
      '      - id: change-radar',
      '        name: change-radar (freezes, incidents)',
      `        entry: ${entry('pre-commit')}`,
      '        language: system',
      '        pass_filenames: false',
      '        always_run: true',
      '        stages: [pre-commit]',
      '      - id: change-radar-commit-msg',
      '        name: change-radar (Freeze-Override trailer)',
      `        entry: ${entry('commit-msg')}`,
      '        language: system',
      '        always_run: true',
      '        stages: [commit-msg]',
      `      ${optionalWarmHooks}`,
      '      - id: change-radar-warm',
      '        name: change-radar (reads the manifest for the next commit)',
      `        entry: ${entry('post-merge')}`,
      '        language: system',
      '        pass_filenames: false',
      '        always_run: true',
      `        stages: [${warmHooks.join(', ')}]`,
      `# then: pre-commit install ${managedHooks.map((hook) => `--hook-type ${hook}`).join(' ')}`,
      '',
    ].join('\n');
  }
  const file = name === 'husky' ? '.husky' : folder;
  const line = (hook: ManagedHook): string[] => [`# ${file}/${hook}`, hookCommandLine(hook, command, '"$1"')];
  return [...gateHooks.flatMap(line), optionalWarmHooks, ...warmHooks.flatMap(line), ''].join('\n');
}

const optionalWarmHooks = '# Optional: after a pull or checkout, read the manifest for the next commit in the background.';

/** Where the hook files of a folder-based manager are, as the snippet names them. */
export function snippetFolder(repoRoot: string, hooksDir: string): string {
  return path.relative(repoRoot, hooksDir) || hooksDir;
}
