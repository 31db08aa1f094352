// init and coverage on the command line: options parsed or refused with a clear message; and the
// builders never throw on files that are not what their names promise.
import * as assert from 'node:assert';
import { parseCliArgs } from '../../../src/cli/parseArgs';
import { proposeManifest } from '../../../src/core/adopt/propose';
import { renderProposal } from '../../../src/core/adopt/renderProposal';
import { parsedProposal, snapshot } from './support';

function error(...argv: string[]): string {
  const parsed = parseCliArgs(argv);
  assert.ok(!parsed.ok, `${argv.join(' ')} should be refused`);
  return parsed.error;
}

describe('init and coverage arguments', () => {
  it('reads --from, --write, --force and the common options', () => {
    assert.deepStrictEqual(parseCliArgs(['-C', 'repo', 'init', '--from', 'backstage, codeowners', '--write', '--force', '-f', 'json']), {
      ok: true,
      call: { command: 'init', from: ['backstage', 'codeowners'], write: true, force: true, options: { cwd: 'repo', format: 'json' } },
    });
    assert.deepStrictEqual(parseCliArgs(['coverage', '--fail-under', '0.85']), { ok: true, call: { command: 'coverage', failUnder: 0.85, options: { format: 'text' } } });
    assert.deepStrictEqual(parseCliArgs(['init', '--help']), { ok: true, call: { command: 'help', topic: 'init' } });
  });

  it('refuses what makes no sense, saying what is expected', () => {
    assert.match(error('init', '--from', 'jira'), /--from expects a comma-separated list of codeowners, backstage, workspaces, not 'jira'/);
    assert.match(error('init', '--from', ','), /--from expects/);
    assert.match(error('init', '--force'), /--force needs --write/);
    assert.match(error('init', 'extra'), /init takes no arguments/);
    assert.match(error('init', '-f', 'markdown'), /--format must be one of text, json for init/);
    for (const bad of ['1.5', '-0.1', '90%', 'abc', '']) assert.match(error('coverage', `--fail-under=${bad}`), /--fail-under expects a share between 0 and 1/);
  });
});

describe('init on hostile input', () => {
  const junk = ['', '{', '[]', 'null', '\u0000\u00ff', '---\n- a\n---\n: :\n', 'kind: Component\nmetadata: [x]\n', '*a\n', '{"workspaces": {"packages": 7}}',
    '{"name": 3, "dependencies": "x"}', '[workspace]\nmembers = [\n', 'use (\n', 'packages: {a: 1}\n', '* @a\n\u001b[31m @b\n/x/ not-an-owner\n'];

  it('never throws, and always renders a manifest that validates', () => {
    for (const text of junk) {
      const files = {
        'CODEOWNERS': text, 'catalog-info.yaml': text, 'package.json': text, 'pnpm-workspace.yaml': text, 'Cargo.toml': text,
        'go.work': text, 'lerna.json': text, 'nx.json': text, 'a/project.json': text, 'a/package.json': text, 'a/Cargo.toml': text,
        'a/catalog-info.yaml': text,
      };
      const proposal = proposeManifest(snapshot(files));
      parsedProposal(renderProposal(proposal));
    }
  });
});
