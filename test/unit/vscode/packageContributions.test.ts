import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Commands, ContextKeys, Settings, Views, itemOnlyCommands, timelineViewType, viewContainerId,
} from '../../../src/vscode/constants';
import { manifestFileNames } from '../../../src/core/manifest/manifestLocations';
import { editorCommands } from '../../../src/vscode/commands/editorCommands';
import type { CommandTargets } from '../../../src/vscode/commands/editorCommands';
import type * as RegisterModule from '../../../src/vscode/commands/registerEditorCommands';

/** Runs `load` with `require(name)` answering `fake` (MOCK: the real 'vscode' module exists only inside the VS Code host). */
function withModule<T>(name: string, fake: unknown, load: () => T): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = Module._load;
  Module._load = (request: string, ...rest: unknown[]) => (request === name ? fake : original(request, ...rest));
  try {
    return load();
  } finally {
    Module._load = original;
  }
}

/** package.json `contributes` against src/vscode/constants.ts, both ways, and against the code. */

const root = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
const contributes = pkg.contributes;
/** A contribution string as the English host shows it: `%key%` resolved through package.nls.json. */
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const english = (text: string | undefined) => text?.replace(/^%([\w.-]+)%$/, (whole, key: string) => nls[key] ?? whole);

interface PackageJson {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string } };
  contributes: {
    viewsContainers: { activitybar: Array<{ id: string; icon: string }> };
    views: Record<string, Array<{ id: string; icon?: string }>>;
    viewsWelcome: Array<{ view: string; contents: string; when?: string }>;
    commands: Array<{ command: string; title: string; category?: string; icon?: string; enablement?: string }>;
    menus: Record<string, Array<{ command: string; when?: string; group?: string }>>;
    configuration: { properties: Record<string, { markdownDescription?: string; description?: string }> };
    yamlValidation: Array<{ fileMatch: string[]; url: string }>;
  };
}

const sorted = (values: Iterable<string>) => [...values].sort();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}
const codeFiles = sourceFiles(path.join(root, 'src', 'vscode')).filter((f) => !f.endsWith('constants.ts'));
const code = codeFiles.map((f) => fs.readFileSync(f, 'utf8')).join('\n');

function whenClauses(): string[] {
  const menus = Object.values(contributes.menus).flat().map((m) => m.when ?? '');
  const welcome = contributes.viewsWelcome.map((w) => w.when ?? '');
  const enablement = contributes.commands.map((c) => c.enablement ?? '');
  return [...menus, ...welcome, ...enablement];
}

/**
 * A when-clause as VS Code reads it, for the keys given (others are false): `!`, `&&`, `||` and
 * parentheses, `&&` binding tighter than `||`.
 */
function whenHolds(when: string | undefined, context: Readonly<Record<string, boolean>>): boolean {
  const tokens = (when ?? 'true').match(/\(|\)|&&|\|\||!|[^\s()!&|]+/g) ?? [];
  let at = 0;
  const atom = (): boolean => {
    const token = tokens[at++];
    if (token === '!') return !atom();
    if (token === '(') {
      const value = or();
      assert.strictEqual(tokens[at++], ')', when);
      return value;
    }
    assert.ok(token !== undefined && /^[\w.-]+$/.test(token), `cannot read ${when}`);
    return token === 'true' || context[token] === true;
  };
  const and = (): boolean => {
    let value = atom();
    while (tokens[at] === '&&') {
      at++;
      value = atom() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (tokens[at] === '||') {
      at++;
      value = and() || value;
    }
    return value;
  };
  const value = or();
  assert.strictEqual(at, tokens.length, `cannot read ${when}`);
  return value;
}

describe('package.json contributions', () => {
  describe('commands', () => {
    it('declares exactly the command ids of constants.ts', () => {
      assert.deepStrictEqual(sorted(contributes.commands.map((c) => c.command)), sorted(Object.values(Commands)));
    });

    it('gives every command the "Change Radar" category and a codicon', () => {
      const bad = contributes.commands.filter((c) => english(c.category) !== 'Change Radar' || !/^\$\([a-z-]+\)$/.test(c.icon ?? ''));
      assert.deepStrictEqual(bad.map((c) => c.command), []);
    });

    it('has one entry per command in the editor command table, in package.json order', () => {
      assert.deepStrictEqual(editorCommands.map((c) => c.id), contributes.commands.map((c) => c.command));
    });

    it('gives each command the title package.json gives it', () => {
      const titles = new Map(contributes.commands.map((c) => [c.command, english(c.title)]));
      assert.deepStrictEqual(editorCommands.filter((c) => titles.get(c.id) !== c.title).map((c) => `${c.id}: '${c.title}' vs '${titles.get(c.id) ?? ''}'`), []);
    });

    it('needs a trusted workspace exactly where package.json enables the command only when trusted', () => {
      const enabledWhenTrusted = new Set(contributes.commands.filter((c) => c.enablement === 'isWorkspaceTrusted').map((c) => c.command));
      assert.deepStrictEqual(sorted(editorCommands.filter((c) => c.needsTrust).map((c) => c.id)), sorted(enabledWhenTrusted));
    });

    it('marks exactly the item-only commands of constants.ts as item-only', () => {
      assert.deepStrictEqual(sorted(editorCommands.filter((c) => c.itemOnly).map((c) => c.id)), sorted(itemOnlyCommands));
    });

    it('registers commands only through the table (no registerCommand elsewhere in src/vscode)', () => {
      const elsewhere = codeFiles.filter((f) => !f.endsWith('registerEditorCommands.ts') && /registerCommand\(/.test(fs.readFileSync(f, 'utf8')));
      assert.deepStrictEqual(elsewhere.map((f) => path.relative(root, f)), []);
    });

    it('registers every entry of the table with VS Code, each running its own handler', () => {
      const registered = new Map<string, (...args: unknown[]) => unknown>();
      const calls: string[] = [];
      const recorder = new Proxy({}, { get: (_target, feature) => new Proxy(() => undefined, {
        get: (_f, method) => (...args: unknown[]) => { calls.push(`${String(feature)}.${String(method)}(${args.map((a) => JSON.stringify(a)).join(',')})`); return Promise.resolve(); },
        apply: (_f, _this, args: unknown[]) => { calls.push(`${String(feature)}(${args.map((a) => JSON.stringify(a)).join(',')})`); return Promise.resolve(); },
      }) });
      const fakeVscode = { commands: { registerCommand: (id: string, run: (...args: unknown[]) => unknown) => { registered.set(id, run); return { dispose: () => undefined }; } } };
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded while 'vscode' is answered by the fake
      const disposables = withModule('vscode', fakeVscode, () => (require('../../../src/vscode/commands/registerEditorCommands') as typeof RegisterModule).registerEditorCommands(recorder as CommandTargets));
      assert.strictEqual(disposables.length, editorCommands.length);
      assert.deepStrictEqual([...registered.keys()], editorCommands.map((c) => c.id));
      void registered.get(Commands.approveOverride)?.('f1', true);
      void registered.get(Commands.showResolvedIncidents)?.();
      void registered.get(Commands.copyOverrideTrailer)?.('freeze-1');
      assert.deepStrictEqual(calls, ['writes.approveOverride("f1",true)', 'incidents.setShowResolved(true)', 'copyOverrideTrailer("freeze-1")']);
    });

    it('hides exactly the item-only commands from the palette', () => {
      const hidden = contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command);
      assert.deepStrictEqual(sorted(hidden), sorted(itemOnlyCommands));
    });

    it('uses only declared commands in menus and welcome links', () => {
      const declared = new Set(contributes.commands.map((c) => c.command));
      const inMenus = Object.values(contributes.menus).flat().map((m) => m.command);
      const inWelcome = contributes.viewsWelcome.flatMap((w) => [...(english(w.contents) ?? '').matchAll(/command:(changeRadar\.[\w.]+)/g)].map((m) => m[1]));
      assert.deepStrictEqual([...inMenus, ...inWelcome].filter((id) => !declared.has(id)), []);
    });

    it('puts view toolbar buttons in navigation@N groups or named overflow groups', () => {
      const bad = contributes.menus['view/title'].filter((m) => !/^(navigation|\d+_[a-z]+)@\d+$/.test(m.group ?? ''));
      assert.deepStrictEqual(bad, []);
    });
  });

  describe('views', () => {
    it('declares exactly the view ids of constants.ts in the Change Radar container', () => {
      assert.deepStrictEqual(Object.keys(contributes.views), [viewContainerId]);
      assert.deepStrictEqual(sorted(contributes.views[viewContainerId].map((v) => v.id)), sorted(Object.values(Views)));
    });

    it('has an activity-bar icon file that exists', () => {
      const [container] = contributes.viewsContainers.activitybar;
      assert.strictEqual(container.id, viewContainerId);
      assert.ok(fs.existsSync(path.join(root, container.icon)), container.icon);
    });

    it('offers welcome content on every view', () => {
      const withWelcome = new Set(contributes.viewsWelcome.map((w) => w.view));
      assert.deepStrictEqual(Object.values(Views).filter((id) => !withWelcome.has(id)), []);
    });

    it('writes welcome texts without backticks (welcome content is not Markdown beyond links), in English and German', () => {
      const german = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.de.json'), 'utf8')) as Record<string, string>;
      const keys = contributes.viewsWelcome.map((w) => /^%([\w.-]+)%$/.exec(w.contents)?.[1] ?? assert.fail(`${w.view}: not a %key%`));
      const ticked = [...new Set(keys)].flatMap((key) => [['en', nls[key]], ['de', german[key]]].filter(([, text]) => text === undefined || text.includes('`')).map(([lang]) => `${lang} ${key}`));
      assert.deepStrictEqual(ticked, []);
    });

    it('without a manifest, shows Create Manifest in exactly one view: the first one visible in the container', () => {
      const create = '(command:changeRadar.createManifest)';
      for (const [container, views] of Object.entries(contributes.views)) {
        const ids = views.map((v) => v.id);
        // Every combination of shown (expanded) views, in a trusted and an untrusted workspace.
        for (let mask = 1; mask < 2 ** ids.length; mask++) {
          for (const trusted of [true, false]) {
            const shown = ids.filter((_, i) => (mask & (1 << i)) !== 0);
            const context: Record<string, boolean> = { 'changeRadar.loaded': true, 'changeRadar.hasManifest': false, isWorkspaceTrusted: trusted };
            for (const id of ids) context[`view.${id}.visible`] = shown.includes(id);
            const welcomes = contributes.viewsWelcome.filter((w) => shown.includes(w.view) && whenHolds(w.when, context));
            const withButton = welcomes.filter((w) => (english(w.contents) ?? '').includes(create)).map((w) => w.view);
            const where = `${container}, shown ${shown.join(' ')}${trusted ? '' : ', untrusted'}`;
            if (trusted || shown[0] !== 'changeRadar.impact') assert.deepStrictEqual(withButton, [shown[0]], where);
            else assert.deepStrictEqual(withButton, [], where);
            // One no-manifest welcome per shown view (the impact view says it needs trust instead).
            for (const id of shown) assert.strictEqual(welcomes.filter((w) => w.view === id).length, 1, `${where}: ${id}`);
          }
        }
      }
    });
  });

  describe('context keys', () => {
    it('uses only known changeRadar.* context keys (or view ids) in when-clauses', () => {
      // `view.<id>.visible`: VS Code's key for a view shown and expanded.
      const known = new Set<string>([...Object.values(ContextKeys), ...Object.values(Views), ...Object.values(Views).map((id) => `${id}.visible`)]);
      const used = whenClauses().flatMap((w) => [...w.matchAll(/\bchangeRadar\.[A-Za-z.]+[A-Za-z]/g)].map((m) => m[0]));
      assert.deepStrictEqual(used.filter((key) => !known.has(key)), []);
    });

    it('uses every context key of constants.ts in some when-clause and sets it in code', () => {
      const clauses = whenClauses().join('\n');
      const unused = Object.values(ContextKeys).filter((key) => !clauses.includes(key));
      const unset = Object.keys(ContextKeys).filter((key) => !new RegExp(`ContextKeys\\.${key}\\b`).test(code));
      assert.deepStrictEqual({ unused, unset }, { unused: [], unset: [] });
    });
  });

  describe('settings', () => {
    it('declares exactly the settings of constants.ts', () => {
      assert.deepStrictEqual(sorted(Object.keys(contributes.configuration.properties)), sorted(Object.values(Settings)));
    });

    it('describes every setting with a markdownDescription', () => {
      const bad = Object.entries(contributes.configuration.properties).filter(([, p]) => !p.markdownDescription);
      assert.deepStrictEqual(bad.map(([key]) => key), []);
    });

    it('reads every setting somewhere in src/vscode', () => {
      const unread = Object.keys(Settings).filter((key) => !new RegExp(`Settings\\.${key}\\b`).test(code));
      assert.deepStrictEqual(unread, []);
    });
  });

  describe('activation, trust and schema', () => {
    it('activates on every default manifest location (and to restore the timeline) and never on *', () => {
      assert.deepStrictEqual(
        sorted(pkg.activationEvents),
        sorted([...manifestFileNames.map((p) => `workspaceContains:${p}`), `onWebviewPanel:${timelineViewType}`]),
      );
    });

    it('supports untrusted workspaces in a limited way', () => {
      assert.strictEqual(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    });

    it('points yamlValidation at the generated JSON Schema for ops.yaml', () => {
      assert.deepStrictEqual(contributes.yamlValidation, [{ fileMatch: ['ops.yaml', '.github/ops.yaml'], url: './schemas/ops.schema.json' }]);
    });

    it('ships the JSON Schema file that yamlValidation points at', () => {
      assert.ok(fs.existsSync(path.join(root, 'schemas', 'ops.schema.json')), 'schemas/ops.schema.json (npm run schema)');
    });
  });
});
