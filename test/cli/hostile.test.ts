import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { ImpactReport } from '../../src/core/evaluate/report';
import { TempRepo } from './support/tempRepo';

/**
 * test/fixtures/hostile/ops.yaml, where every string field is hostile, through every CLI format
 * and a real `git commit` with the hooks: nothing executable, no raw control byte, no link but http(s).
 */
const manifest = fs.readFileSync(path.resolve(__dirname, '../fixtures/hostile/ops.yaml'), 'utf8');
const files = ['hostile/a.ts', 'dep/b.ts'];

/** Any control character but the output's own line feeds, and the separators and bidi controls. */
// eslint-disable-next-line no-control-regex -- the characters under test
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const allowedTags = new Set(['p', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'code', 'br', 'a', 'details', 'summary', 'blockquote', 'ul', 'li']);

function assertInertHtml(markdown: string): void {
  const html = new MarkdownIt({ html: true, linkify: false }).render(markdown);
  const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
  for (const [whole, name, attributes] of tags) {
    assert.ok(allowedTags.has(name.toLowerCase()), `unexpected tag ${whole}`);
    if (whole.startsWith('</')) continue;
    if (name.toLowerCase() === 'a') {
      assert.match(attributes, /^ href="https?:\/\/[^"]*"$/, `link other than http(s): ${whole}`);
    } else {
      assert.ok(!/\bon\w+=|href|src/i.test(attributes), `attribute on ${whole}`);
    }
  }
  assert.ok(!/<img|<script|javascript:alert\(1\)<\/a>/i.test(html));
  assert.ok(!rawControl.test(html));
}

describe('hostile manifest strings through every output', () => {
  let repo: TempRepo;
  before(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': manifest, 'hostile/a.ts': 'x\n', 'dep/b.ts': 'y\n' });
  });

  for (const command of [['check', ...files], ['status'], ['explain', 'hostile/a.ts'], ['validate']]) {
    describe(command[0], () => {
      it('text: no raw control byte, no line a CI runner would read as a workflow command', () => {
        const result = repo.cli([...command, '--format', 'text']);
        const out = result.stdout + result.stderr;
        assert.ok(out.length > 0);
        assert.ok(!rawControl.test(out), JSON.stringify(out.match(rawControl)));
        assert.deepStrictEqual(out.split('\n').filter((line) => /^\s*::/.test(line)), []);
      });

      if (command[0] !== 'validate') {
        it('markdown: renders (markdown-it) with only known tags, no HTML from the manifest, links only http(s)', () => {
          const result = repo.cli([...command, '--format', 'markdown']);
          assert.ok(!rawControl.test(result.stdout));
          assertInertHtml(result.stdout);
        });
      }

      it('json: parses back, the hostile text intact, no raw control or separator character', () => {
        const result = repo.cli([...command, '--format', 'json']);
        assert.ok(!rawControl.test(result.stdout));
        const value = JSON.parse(result.stdout) as unknown;
        if (command[0] === 'check') {
          const report = value as ImpactReport;
          assert.ok(report.freezes.some((f) => f.title === 'Freeze \u001b[2J\n::error::frozen <img src=x onerror=alert(1)>'));
          assert.ok(report.freezes.some((f) => f.id === 'warn\u2028line'));
        }
      });

      if (command[0] === 'check' || command[0] === 'validate') {
        it('github: only the annotations the tool writes, no raw control byte', () => {
          const result = repo.cli([...command, '--format', 'github']);
          assert.ok(!rawControl.test(result.stdout));
          for (const line of result.stdout.trimEnd().split('\n')) {
            if (line === '') continue;
            assert.match(line, /^(::(error|warning|notice)( [a-zA-Z]+=[^:]*)?::|change-radar: )/, line);
            assert.ok(!line.slice(2).includes('\n'));
          }
        });
      }
    });
  }

  it('the markdown links the http(s) incident and shows the javascript: and command: urls as code', () => {
    const out = repo.cli(['check', '--format', 'markdown', ...files]).stdout;
    const html = new MarkdownIt().render(out);
    assert.deepStrictEqual([...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]), ['https://status.example.com/INC-3?a=%28b%29&amp;c=%3Cd%3E']);
    assert.ok(html.includes('<code>javascript:alert(document.cookie)</code>'));
    assert.ok(html.includes('<code>command:workbench.action.terminal.new</code>'));
  });

  it('a real git commit through the hooks: refused, and its output has no raw control byte', () => {
    const install = repo.cli(['hook', 'install']);
    assert.strictEqual(install.code, 0, install.stderr);
    repo.write({ 'hostile/a.ts': 'changed\n' });
    repo.git('add', 'hostile/a.ts');
    const result = repo.tryGit(['commit', '-m', 'touch the hostile system']);
    assert.notStrictEqual(result.code, 0);
    assert.match(result.stderr, /commit blocked by a change freeze/);
    assert.match(result.stderr, /frz`` `x` \\x1b\[2J/);
    assert.ok(!rawControl.test(result.stderr), JSON.stringify(result.stderr.match(rawControl)));
    assert.deepStrictEqual(result.stderr.split('\n').filter((line) => /^\s*::/.test(line)), []);
  });
});
