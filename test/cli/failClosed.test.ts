import * as assert from 'node:assert';
import { TempRepo } from './support/tempRepo';
import MarkdownIt from 'markdown-it';

/** What a reader of the rendered Markdown sees (manifest text in it is escaped in the source). */
function renderedText(markdown: string): string {
  return new MarkdownIt().render(markdown).replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/**
 * "When the manifest is wrong" (docs/manifest.md) on real repositories with the real hooks: a typo
 * anywhere never lifts a freeze, and a change cannot lift a freeze for itself.
 */

const files = {
  'services/payments/api.ts': 'export {};\n',
  'free/a.txt': 'a\n',
  'README.md': '# Shop\n',
};

function manifest(...extra: string[]): string {
  return [
    'version: 1',
    'systems:',
    '  payments: { paths: [services/payments/] }',
    '  free: { paths: [free/] }',
    'freezes:',
    '  - id: pay-freeze',
    '    title: Payments freeze',
    '    systems: [payments]',
    '    start: 2000-01-01 00:00',
    '    end: 2999-01-01 00:00',
    ...extra,
    '',
  ].join('\n');
}

const defects: Record<string, string[]> = {
  'an incident with severity: critical': ['incidents:', '  - { id: INC-1, title: Slow, severity: critical, status: investigating, systems: [free] }'],
  'a milestone due 2026-02-30': ['projects:', '  - id: v2', '    milestones:', '      - { id: beta, due: 2026-02-30 }'],
  'a project naming an unknown system': ['projects:', '  - { id: v2, systems: [paymnets] }'],
  'a duplicated incident id': ['incidents:', '  - { id: INC-1, severity: sev2, status: identified }', '  - { id: INC-1, severity: sev3, status: identified }'],
  'hooks: { strict: yes }': ['hooks: { strict: yes }'],
};

function hooked(text: string): TempRepo {
  const repo = TempRepo.withCommit({ 'ops.yaml': text, ...files });
  const install = repo.cli(['hook', 'install']);
  assert.strictEqual(install.code, 0, install.stderr);
  return repo;
}

function commit(repo: TempRepo, changes: Record<string, string>, message = 'change'): ReturnType<TempRepo['tryGit']> {
  repo.write(changes);
  repo.git('add', '-A');
  return repo.tryGit(['commit', '-m', message]);
}

describe('fail closed on real commits', () => {
  for (const [name, lines] of Object.entries(defects)) {
    describe(`${name}, beside a valid active block freeze`, () => {
      let repo: TempRepo;
      before(() => {
        repo = hooked(manifest(...lines));
      });

      it('refuses a commit into the frozen system, naming the freeze', () => {
        const head = repo.head();
        const result = commit(repo, { 'services/payments/api.ts': 'changed\n' });
        assert.notStrictEqual(result.code, 0);
        assert.strictEqual(repo.head(), head);
        assert.match(result.stderr, /commit blocked by a change freeze/);
        assert.match(result.stderr, /BLOCK freeze pay-freeze "Payments freeze"/);
        repo.git('reset', '-q', '--hard');
      });

      it('lets a commit elsewhere through (hooks not strict)', () => {
        const result = commit(repo, { 'free/a.txt': `changed ${Date.now()}\n` });
        assert.strictEqual(result.code, 0, result.stderr);
      });

      it('check exits 1 for the frozen file and names the freeze', () => {
        const result = repo.cli(['check', 'services/payments/api.ts']);
        assert.strictEqual(result.code, 1, result.stderr);
        assert.match(result.stdout, /BLOCK freeze pay-freeze/);
      });
    });
  }

  it('prints the errors once per commit (not from both hooks)', () => {
    const repo = hooked(manifest(...defects['an incident with severity: critical']));
    const result = commit(repo, { 'free/a.txt': 'changed\n' });
    assert.strictEqual(result.code, 0, result.stderr);
    assert.strictEqual(result.stderr.match(/error invalid-value: expected one of sev1/g)?.length, 1, result.stderr);
  });

  it('in strict mode refuses any commit while the manifest has errors', () => {
    const repo = hooked(manifest('hooks: { strict: true }', ...defects['an incident with severity: critical']));
    const result = commit(repo, { 'README.md': '# Changed\n' });
    assert.notStrictEqual(result.code, 0);
    assert.match(result.stderr, /hooks are strict: commit refused/);
  });

  it('reads a hooks.strict value that cannot be read as strict', () => {
    const repo = hooked(manifest('hooks: { strict: maybe }'));
    const result = commit(repo, { 'README.md': '# Changed\n' });
    assert.notStrictEqual(result.code, 0);
    assert.match(result.stderr, /ops\.yaml:\d+:\d+: error wrong-type: expected true or false, got "maybe"; hooks are treated as strict/);
  });

  it('an invalid freeze is in force and every output says so', () => {
    const repo = TempRepo.withCommit({ 'ops.yaml': manifest('  - { id: F2, systems: [free], start: 2026-12-20, end: 2026-12-10 }'), ...files });
    const text = repo.cli(['check', 'free/a.txt']);
    assert.strictEqual(text.code, 1, text.stderr);
    assert.match(text.stdout, /freeze `F2` is invalid \(ops\.yaml:11:\d+: `end` must be after `start`\); treated as in force until fixed/);
    const json = JSON.parse(repo.cli(['check', '--format', 'json', 'free/a.txt']).stdout) as { freezes: { id: string; invalid?: string }[] };
    assert.match(json.freezes.find((f) => f.id === 'F2')?.invalid ?? '', /^ops\.yaml:11:\d+: /);
    assert.match(renderedText(repo.cli(['check', '--format', 'markdown', 'free/a.txt']).stdout), /freeze `F2` is invalid/);
    assert.match(repo.cli(['check', '--format', 'github', 'free/a.txt']).stdout, /::error file=free\/a\.txt.*freeze `F2` is invalid/);
    assert.match(repo.cli(['status']).stdout, /freeze `F2` is invalid/);
    const validate = repo.cli(['validate']);
    assert.strictEqual(validate.code, 2);
    assert.match(validate.stdout, /freeze `F2` is invalid \(ops\.yaml:11:\d+: .*\); treated as in force until fixed/);
    const readme = repo.cli(['check', 'README.md']);
    assert.strictEqual(readme.code, 2, 'errors, nothing blocks');
  });

  it('check and explain of a directory cover every tracked file below it', () => {
    const repo = TempRepo.withCommit({ 'ops.yaml': manifest(), ...files });
    const check = repo.cli(['check', 'services/payments']);
    assert.strictEqual(check.code, 1, check.stdout);
    assert.match(check.stdout, /files: +services\/payments\/, services\/payments\/api\.ts/);
    const explain = repo.cli(['explain', 'services']);
    assert.match(explain.stdout, /systems: payments \(by services\/payments\/\)/);
    assert.match(explain.stdout, /pay-freeze/);
  });

  describe('a change that edits the manifest', () => {
    let repo: TempRepo;
    beforeEach(() => {
      repo = TempRepo.withCommit({ 'ops.yaml': manifest(), ...files });
      repo.git('checkout', '-q', '-b', 'feature');
    });

    function branchCommit(changes: Record<string, string | null>): void {
      for (const [file, text] of Object.entries(changes)) {
        if (text === null) repo.git('rm', '-q', file);
        else repo.write({ [file]: text });
      }
      repo.git('add', '-A');
      repo.git('commit', '-qm', 'feature');
    }

    it('deleting the freeze and editing frozen files does not pass check --base, and says the change lifts the freeze', () => {
      branchCommit({ 'ops.yaml': 'version: 1\nsystems:\n  payments: { paths: [services/payments/] }\n', 'services/payments/api.ts': 'changed\n' });
      const result = repo.cli(['check', '--base', 'main']);
      assert.strictEqual(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /This change edits the manifest \(ops\.yaml\)/);
      assert.match(result.stdout, /freeze `pay-freeze` removed: this change lifts it; it still applies to this change/);
      assert.match(result.stdout, /note: as before this change/);
      for (const format of ['markdown', 'github', 'json']) {
        const out = repo.cli(['check', '--base', 'main', '--format', format]).stdout;
        assert.match(format === 'markdown' ? renderedText(out) : out, /freeze `pay-freeze` removed/, format);
      }
    });

    it('shortening the freeze does not lift it for the same change', () => {
      branchCommit({ 'ops.yaml': manifest().replace('end: 2999-01-01 00:00', 'end: 2000-01-02 00:00'), 'services/payments/api.ts': 'changed\n' });
      const result = repo.cli(['check', '--base', 'main']);
      assert.strictEqual(result.code, 1);
      assert.match(result.stdout, /freeze `pay-freeze` changed .*end 2999-01-01 00:00 → 2000-01-02 00:00/);
    });

    it('deleting ops.yaml does not pass', () => {
      branchCommit({ 'ops.yaml': null, 'services/payments/api.ts': 'changed\n' });
      const touching = repo.cli(['check', '--base', 'main']);
      assert.strictEqual(touching.code, 1, touching.stdout + touching.stderr);
      repo.git('checkout', '-q', 'main');
      repo.git('checkout', '-q', '-b', 'only-delete');
      branchCommit({ 'ops.yaml': null });
      const only = repo.cli(['check', '--base', 'main']);
      assert.strictEqual(only.code, 2, only.stdout + only.stderr);
      assert.match(only.stdout, /freeze `pay-freeze` removed/);
    });

    it('an override added in the same change is honoured and reported as added by this change', () => {
      branchCommit({
        'ops.yaml': manifest('overrides:', '  - { freeze: pay-freeze, reason: hotfix CHG-1, approvedBy: cab }'),
        'services/payments/api.ts': 'changed\n',
      });
      const result = repo.cli(['check', '--base', 'main']);
      assert.strictEqual(result.code, 0, result.stdout);
      assert.match(result.stdout, /override of freeze `pay-freeze` added by this change/);
      assert.match(result.stdout, /ADDED BY THIS CHANGE/);
    });

    it('the hook refuses a commit that lifts the freeze and edits frozen files together', () => {
      repo.cli(['hook', 'install']);
      repo.write({ 'ops.yaml': 'version: 1\nsystems:\n  payments: { paths: [services/payments/] }\n', 'services/payments/api.ts': 'changed\n' });
      repo.git('add', '-A');
      const result = repo.tryGit(['commit', '-m', 'lift and change']);
      assert.notStrictEqual(result.code, 0);
      assert.match(result.stderr, /BLOCK freeze pay-freeze/);
      assert.match(result.stderr, /freeze `pay-freeze` removed/);
    });
  });
});
