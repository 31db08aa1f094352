// init from CODEOWNERS: for every tracked file, the proposal's owners are GitHub's CODEOWNERS owners.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCodeowners } from '../../../src/core/paths/codeowners';
import { manifestGlobs, proposeFromCodeowners } from '../../../src/core/adopt/codeownersProposal';
import { combineProposals } from '../../../src/core/adopt/proposal';
import { renderProposal } from '../../../src/core/adopt/renderProposal';
import type { Manifest } from '../../../src/core/model';
import { parsedProposal, snapshot, systemsOf } from './support';

const corpus = path.resolve(__dirname, '..', '..', 'fixtures', 'otel-collector');

/** Owners of every file under the proposal (union over the systems holding it) against CODEOWNERS. */
function assertExact(codeownersText: string, files: readonly string[], manifest: Manifest): void {
  const { codeowners } = parseCodeowners(codeownersText, '.github/CODEOWNERS');
  const owners = new Map(manifest.systems.map((s) => [s.id, s.owners]));
  const holders = systemsOf(manifest);
  const wrong: string[] = [];
  for (const file of files) {
    const expected = [...new Set(codeowners.ownersOf(file).owners)].sort();
    const actual = [...new Set(holders(file).flatMap((id) => owners.get(id) ?? []))].sort();
    if (expected.join(' ') !== actual.join(' ')) wrong.push(`${file}: expected [${expected.join(' ')}], proposal [${actual.join(' ')}] via ${holders(file).join(',')}`);
  }
  assert.deepStrictEqual(wrong.slice(0, 10), [], `${wrong.length} file(s) disagree`);
}

function proposalFor(files: Record<string, string>, extra: readonly string[] = []): { text: string; manifest: Manifest; paths: readonly string[] } {
  const repo = snapshot(files, extra);
  const text = renderProposal(combineProposals([proposeFromCodeowners(repo)]));
  return { text, manifest: parsedProposal(text), paths: repo.files };
}

describe('init from CODEOWNERS', () => {
  it('agrees with GitHub on every tracked file of the OpenTelemetry Collector (real CODEOWNERS and file list)', () => {
    const codeownersText = fs.readFileSync(path.join(corpus, 'CODEOWNERS'), 'utf8');
    const paths = fs.readFileSync(path.join(corpus, 'paths.txt'), 'utf8').split('\n').filter((line) => line !== '');
    assert.ok(paths.length > 2000);
    const { manifest } = proposalFor({ '.github/CODEOWNERS': codeownersText }, paths);
    assertExact(codeownersText, [...paths, '.github/CODEOWNERS'], manifest);
    // Not one system per file: rules became systems, same-owner rules merged where exact.
    const rules = codeownersText.split('\n').filter((line) => /^[^#\s]/.test(line)).length;
    assert.ok(manifest.systems.length <= rules, `${manifest.systems.length} systems for ${rules} rules`);
    assert.ok(manifest.systems.length > 10);
  });

  it('un-owns with an owner-less rule, re-owns with later rules, and reads docs/* as GitHub does', () => {
    const text = [
      '*             @org/everyone',
      'docs/*        @org/docs',
      '/apps/        @org/apps',
      '/apps/vendor/',
      '*.sql         @org/dba @org/apps',
      '/apps/{x}/    @org/braces',
    ].join('\n');
    const files = {
      CODEOWNERS: text, 'README.md': '', 'docs/a.md': '', 'docs/deep/b.md': '', 'apps/main.ts': '', 'apps/vendor/lib.js': '',
      'apps/db/schema.sql': '', 'apps/{x}/y.ts': '', 'apps/vendor/v.sql': '',
    };
    const { manifest, paths } = proposalFor(files);
    assertExact(text, paths, manifest);
    const holders = systemsOf(manifest);
    assert.deepStrictEqual(holders('apps/vendor/lib.js'), []);
    assert.strictEqual(holders('docs/deep/b.md').length, 1);
  });

  it('merges systems of one team only where the result stays exact', () => {
    const text = ['/a/ @team', '/b/ @team', '/a/x/ @other', '/c/ @team'].join('\n');
    const { manifest, paths } = proposalFor({ CODEOWNERS: text, 'a/1': '', 'a/x/2': '', 'b/3': '', 'c/4': '' });
    assertExact(text, paths, manifest);
    const team = manifest.systems.filter((s) => s.owners.includes('@team'));
    assert.strictEqual(team.length, 1, JSON.stringify(manifest.systems.map((s) => [s.id, s.paths, s.exclude])));
    assert.deepStrictEqual([...team[0].paths].sort(), ['/a/', '/b/', '/c/']);
  });

  it('keeps systems apart when one member\'s exclude would take another member\'s files', () => {
    const text = ['/a/ @team', '/a/x/ @other', '/a/x/y/ @team'].join('\n');
    const { manifest, paths } = proposalFor({ CODEOWNERS: text, 'a/1': '', 'a/x/2': '', 'a/x/y/3': '' });
    assertExact(text, paths, manifest);
    assert.strictEqual(manifest.systems.filter((s) => s.owners.includes('@team')).length, 2);
  });

  it('writes hostile text escaped: quotes, newlines and YAML syntax in patterns stay data', () => {
    const text = ['/"x": y/ @a', '/#not-a-comment/ @b', '/a\\ b/ @c'].join('\n');
    const { text: yaml, manifest, paths } = proposalFor({ CODEOWNERS: text, '"x": y/1': '', '#not-a-comment/2': '', 'a b/3': '' });
    assertExact(text, paths, manifest);
    assert.ok(!/^ {2}[^ #"]/m.test(yaml.split('systems:')[1] ?? ''), 'system keys are quoted');
  });

  it('titles systems readably: the last folder or file name, file types, "Everything else" for a catch-all; ids as before', () => {
    const text = ['*  @org/everyone', '/services/api/  @org/api', '/clients/api/  @org/clients', 'docs/*  @org/docs', '**/migrations/  @org/dba', '*.sql  @org/data', '/README.md  @org/writers'].join('\n');
    const files = {
      CODEOWNERS: text, 'README.md': '', 'services/api/a.ts': '', 'clients/api/b.ts': '', 'docs/c.md': '', 'db/migrations/1.go': '', 'q.sql': '', 'x.ts': '',
    };
    const { manifest } = proposalFor(files);
    assert.deepStrictEqual(manifest.systems.map((s) => [s.id, s.title]), [
      ['everyone', 'Everything else'],
      ['services-api', 'services/api'],
      ['clients-api', 'clients/api'],
      ['docs', 'docs'],
      ['migrations', 'migrations'],
      ['sql', '.sql files'],
      ['readme.md', 'README.md'],
    ]);
    assert.deepStrictEqual(proposalFor({ CODEOWNERS: '* @org/all', 'a.ts': '' }).manifest.systems.map((s) => s.title), ['Everything']);
    assert.deepStrictEqual(proposalFor({ CODEOWNERS: '/services/api/ @a\n/web/ @b', 'services/api/x': '', 'web/y': '' }).manifest.systems.map((s) => s.title), ['api', 'web']);
  });

  it('notes the lines GitHub skips, with their line', () => {
    const proposal = proposeFromCodeowners(snapshot({ CODEOWNERS: '*.js @a\n!x @b\n' }, ['a.js']));
    assert.deepStrictEqual(proposal.notes.map((n) => [n.file, n.line]), [['CODEOWNERS', 2]]);
  });

  it('finds no CODEOWNERS: no systems, no inputs', () => {
    assert.deepStrictEqual(proposeFromCodeowners(snapshot({ 'a.txt': '' })), { source: 'codeowners', inputs: [], systems: [], notes: [] });
  });

  it('turns CODEOWNERS patterns into manifest globs (braces literal, docs/* shallow)', () => {
    assert.deepStrictEqual(manifestGlobs('docs/*'), { paths: ['docs/*'], exclude: ['docs/*/'], exact: false });
    assert.deepStrictEqual(manifestGlobs('*'), { paths: ['*'], exclude: [], exact: true });
    assert.deepStrictEqual(manifestGlobs('a/**/*'), { paths: ['a/**/*'], exclude: [], exact: true });
    assert.deepStrictEqual(manifestGlobs('/{a}/').paths, ['/[{]a[}]/']);
  });
});
