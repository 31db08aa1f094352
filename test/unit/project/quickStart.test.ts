// The README is the contract: "Quick start is two commands after cloning". CI (.ci/run) runs the
// README's own blocks, so these tests pin what the README promises and how CI reads it.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { markdownBlocks, requiredCommands } from '../../../scripts/markdownCommands';
import { aptInstallLine } from '../../../scripts/provisionHost';

const root = path.resolve(__dirname, '../../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const ciRun = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');

describe('README quick start and CI', () => {
  it('quick start is two commands: install and start the demo, then run all tests', () => {
    const commands = requiredCommands(readme, 'quick-start', 'README.md').map((command) => command.replace(/\s+#.*$/, ''));
    assert.deepStrictEqual(commands, ['npm ci && npm start', 'npm test']);
    assert.match(readme, /Quick start is two commands after cloning/);
  });

  it('shows the one command that installs the Debian packages, the same line provisioning suggests', () => {
    assert.deepStrictEqual(requiredCommands(readme, 'setup', 'README.md'), [aptInstallLine()]);
  });

  it('.ci/run has no provisioning step of its own: it runs the README blocks', () => {
    const code = ciRun.split('\n').filter((line) => !line.trim().startsWith('#')).join('\n');
    assert.doesNotMatch(code, /provisionHost|\.vscode-test|npm (ci|test|start|install|run)/);
    assert.match(ciRun, /markdownCommands\.js README\.md setup/);
    assert.match(ciRun, /markdownCommands\.js README\.md quick-start/);
  });

  it('.ci/run fails at once, running nothing, when the README has no quick-start block', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-ci-'));
    try {
      fs.mkdirSync(path.join(dir, '.ci'));
      fs.mkdirSync(path.join(dir, 'scripts'));
      fs.copyFileSync(path.join(root, '.ci', 'run'), path.join(dir, '.ci', 'run'));
      fs.copyFileSync(path.join(root, 'scripts', 'markdownCommands.js'), path.join(dir, 'scripts', 'markdownCommands.js'));
      const withoutQuickStart = readme.replace(/```sh quick-start\n[\s\S]*?```\n/, '');
      assert.notStrictEqual(withoutQuickStart, readme);
      // The setup block would run apt-get: replace it by a marker file, to prove it never runs.
      const marker = path.join(dir, 'setup-ran');
      fs.writeFileSync(path.join(dir, 'README.md'), withoutQuickStart.replace(/```sh setup\n[\s\S]*?```\n/, `\`\`\`sh setup\ntouch ${marker}\n\`\`\`\n`));
      const result = spawnSync('bash', [path.join(dir, '.ci', 'run')], { encoding: 'utf8', timeout: 30_000 });
      assert.notStrictEqual(result.status, 0);
      assert.match(result.stderr, /README\.md has no ```sh quick-start block/);
      assert.strictEqual(fs.existsSync(marker), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('markdownBlocks', () => {
  const text = [
    '# Title', '', '```sh runnable', '# cwd: examples', 'change-radar status   # the status', '', '# a comment', 'change-radar validate \\', '  --format json', '```',
    '', '```sh', 'not-tagged', '```', '', '- item:', '  ```sh runnable', '  indented --ok', '  ```', '',
  ].join('\n');

  it('finds tagged blocks with their commands, cwd, continuation lines and line numbers', () => {
    assert.deepStrictEqual(markdownBlocks(text, 'runnable'), [
      { line: 3, cwd: 'examples', commands: [{ line: 5, text: 'change-radar status   # the status' }, { line: 8, text: 'change-radar validate \\\n  --format json' }] },
      { line: 17, commands: [{ line: 18, text: 'indented --ok' }] },
    ]);
  });

  it('ignores blocks without the tag, and requiredCommands says which block is missing', () => {
    assert.deepStrictEqual(markdownBlocks(text, 'quick-start'), []);
    assert.throws(() => requiredCommands(text, 'quick-start', 'X.md'), /X\.md has no ```sh quick-start block/);
    assert.throws(() => requiredCommands(text, 'runnable', 'X.md'), /X\.md has 2 ```sh runnable blocks \(lines 3, 17\); expected one/);
  });
});
