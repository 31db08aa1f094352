import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Commands, ContextKeys, Settings, Views, itemOnlyCommands, timelineViewType, viewContainerId,
} from '../../src/vscode/constants';
import { manifestFileNames } from '../../src/core/manifest/manifestLocations';

/** package.json `contributes` against src/vscode/constants.ts, both ways, and against the code. */

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
const contributes = pkg.contributes;

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

describe('package.json contributions', () => {
  describe('commands', () => {
    it('declares exactly the command ids of constants.ts', () => {
      assert.deepStrictEqual(sorted(contributes.commands.map((c) => c.command)), sorted(Object.values(Commands)));
    });

    it('gives every command the "Change Radar" category and a codicon', () => {
      const bad = contributes.commands.filter((c) => c.category !== 'Change Radar' || !/^\$\([a-z-]+\)$/.test(c.icon ?? ''));
      assert.deepStrictEqual(bad.map((c) => c.command), []);
    });

    it('registers every command somewhere in src/vscode', () => {
      const unregistered = Object.keys(Commands).filter((key) => !new RegExp(`registerCommand\\(\\s*Commands\\.${key}\\b`).test(code));
      assert.deepStrictEqual(unregistered, []);
    });

    it('hides exactly the item-only commands from the palette', () => {
      const hidden = contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command);
      assert.deepStrictEqual(sorted(hidden), sorted(itemOnlyCommands));
    });

    it('uses only declared commands in menus and welcome links', () => {
      const declared = new Set(contributes.commands.map((c) => c.command));
      const inMenus = Object.values(contributes.menus).flat().map((m) => m.command);
      const inWelcome = contributes.viewsWelcome.flatMap((w) => [...w.contents.matchAll(/command:(changeRadar\.[\w.]+)/g)].map((m) => m[1]));
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
  });

  describe('context keys', () => {
    it('uses only known changeRadar.* context keys (or view ids) in when-clauses', () => {
      const known = new Set<string>([...Object.values(ContextKeys), ...Object.values(Views)]);
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
