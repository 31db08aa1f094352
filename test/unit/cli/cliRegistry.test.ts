import * as assert from 'node:assert';
import { cliCommands } from '../../../src/cli/commands/registry';
import { commandOf, parseCliArgs } from '../../../src/cli/parseArgs';
import { usage } from '../../../src/cli/usage';

/** The CLI's command registry: every command described once; parsing, help and dispatch derived from it. */

function callOf(...argv: string[]) {
  const parsed = parseCliArgs(argv);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.call;
}

describe('CLI command registry', () => {
  it('names each command once', () => {
    const names = cliCommands.map((c) => c.name);
    assert.deepStrictEqual(names.filter((name, i) => names.indexOf(name) !== i), []);
  });

  it('gives each command a help text that starts with its own usage line', () => {
    const wrong = cliCommands.filter((c) => !c.help.startsWith(`Usage: change-radar ${c.name}`)).map((c) => c.name);
    assert.deepStrictEqual(wrong, []);
  });

  it('answers help NAME, NAME --help and NAME -h with the command\'s help text', () => {
    for (const command of cliCommands) {
      assert.deepStrictEqual(callOf('help', command.name), { command: 'help', topic: command.name });
      assert.deepStrictEqual(callOf(command.name, '--help'), { command: 'help', topic: command.name });
      assert.deepStrictEqual(callOf(command.name, '-h'), { command: 'help', topic: command.name });
      assert.strictEqual(usage(command.name), command.help);
    }
  });

  it('lists every command in the overview, write actions after the others, and names them all as help topics', () => {
    const overview = usage();
    const positions = cliCommands.map((c) => overview.indexOf(`\n  ${c.synopsis}`));
    assert.deepStrictEqual(cliCommands.filter((_c, i) => positions[i] < 0).map((c) => c.name), []);
    const writeHeading = overview.indexOf('\nWrite actions');
    assert.deepStrictEqual(cliCommands.filter((c, i) => (c.group === 'write') !== (positions[i] > writeHeading)).map((c) => c.name), []);
    const unknown = parseCliArgs(['help', 'nope']);
    assert.ok(!unknown.ok);
    assert.strictEqual(unknown.error, `no help on 'nope'; topics: ${cliCommands.map((c) => c.name).join(', ')}`);
  });

  it('dispatches each parsed call to the command that parsed it', () => {
    const samples: Record<string, string[]> = {
      check: ['check', 'a.ts'], explain: ['explain', 'a.ts'], status: ['status'], validate: ['validate'], calendar: ['calendar'],
      hook: ['hook', 'run', 'pre-commit'], incident: ['incident', 'resolve', 'INC-1'], freeze: ['freeze', 'extend', 'f', '--until', '2026-01-01'],
      override: ['override', 'add', '--freeze', 'f', '--approved-by', 'a', '--reason', 'r'], milestone: ['milestone', 'set', 'p/m', '--status', 'done'],
      init: ['init'], coverage: ['coverage'], gate: ['gate', '--systems', 'a'], export: ['export', 'argocd'], extends: ['extends', 'fetch'], changes: ['changes', '--incident', 'INC-1'],
    };
    assert.deepStrictEqual(Object.keys(samples).sort(), cliCommands.map((c) => c.name).sort(), 'a sample for every registered command');
    for (const [name, argv] of Object.entries(samples)) {
      assert.strictEqual(commandOf(callOf(...argv))?.name, name, argv.join(' '));
    }
    assert.strictEqual(commandOf(callOf('hook', 'install'))?.name, 'hook');
  });

  it('keeps what a commit runs in the entry bundle and the rest in cli-extra.js', () => {
    const bundleOf = Object.fromEntries(cliCommands.map((c) => [c.name, c.handler.bundle]));
    // The hooks run `hook run` (and CI runs check): they must never load the extra bundle.
    assert.strictEqual(bundleOf.hook, 'main');
    assert.strictEqual(bundleOf.check, 'main');
    assert.deepStrictEqual(['incident', 'freeze', 'override', 'milestone', 'init', 'coverage', 'gate', 'export', 'extends', 'changes'].map((name) => bundleOf[name]), Array(10).fill('extra'));
  });

  it('checks --format against the formats each command declares', () => {
    for (const command of cliCommands) {
      if (!('formats' in command)) continue;
      for (const format of ['text', 'json', 'markdown', 'github', 'ics']) {
        const argv: string[] = command.name === 'hook' ? ['hook', 'status', '-f', format] : command.name === 'explain' ? ['explain', 'a', '-f', format]
          : command.name === 'changes' ? ['changes', '--systems', 'a', '-f', format] : [command.name, '-f', format];
        const parsed = parseCliArgs(argv);
        assert.strictEqual(parsed.ok, (command.formats as readonly string[]).includes(format), argv.join(' '));
      }
    }
  });
});
