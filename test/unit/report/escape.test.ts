import * as assert from 'node:assert';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { escapeIcons, escapeJson, escapeLabel, escapeMarkdown, escapeText, markdownCode, markdownLink } from '../../../src/report/escape';

const md = new MarkdownIt({ html: false, linkify: true });
const mdHtml = new MarkdownIt({ html: true, linkify: true });

/** Raw control characters, separators and bidi controls that must never be printed. */
// eslint-disable-next-line no-control-regex -- the characters under test
const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const hostile = [
  '\u001b[2J\u001b]0;pwned\u0007', 'title\n::error::injected', '<img src=x onerror=alert(1)>', '[click](javascript:alert(1))',
  '[run](command:workbench.action.terminal.new)', 'a ` b `` c', '\u202eevil\u202c', '**bold** _em_ # h', '&lt;script&gt;', 'x\r\ny',
  '\u009b31m', 'line\u2028sep', '<https://evil.example>', '![i](https://evil.example/i.png)', '| pipe |',
];

describe('escape (report/escape.ts)', () => {
  it('text: control, separator and bidi characters are shown escaped; no newline survives', () => {
    assert.strictEqual(escapeText('\u001b[2J'), '\\x1b[2J');
    assert.strictEqual(escapeText('a\nb\r\tc'), 'a\\nb\\r\\tc');
    assert.strictEqual(escapeText('\u202eabc\u0085'), '\\u202eabc\\x85');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => !rawControl.test(escapeText(text)) && !/[\n\r]/.test(escapeText(text))), { seed: 13, numRuns: 500 });
  });

  it('labels: icon syntax from the manifest is made literal, control characters shown escaped', () => {
    assert.strictEqual(escapeIcons('$(zap) fast $(x'), '\\$(zap) fast \\$(x');
    assert.strictEqual(escapeIcons('costs $5 (or so)'), 'costs $5 (or so)');
    assert.strictEqual(escapeLabel('$(alert)\x1b[2J'), '\\$(alert)\\x1b[2J');
  });

  it('markdown text renders literally: no HTML, no link, no emphasis, no raw control byte', () => {
    for (const text of hostile) {
      for (const renderer of [md, mdHtml]) {
        const html = renderer.renderInline(escapeMarkdown(text));
        assert.ok(!/<(?!\/?p>)[a-z]/i.test(html), `${JSON.stringify(text)} → ${html}`);
        assert.ok(!rawControl.test(html), html);
      }
    }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const html = mdHtml.render(escapeMarkdown(text));
      return !/<(?!\/?p>)[a-z]/i.test(html) && !rawControl.test(html);
    }), { seed: 13, numRuns: 500 });
  });

  it('code spans: no backtick closes them early; the content comes back as written (escaped controls)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), (text) => {
      const html = md.renderInline(markdownCode(text));
      const match = /^<code>([\s\S]*)<\/code>$/.exec(html);
      if (match === null) return false;
      const decoded = match[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      // CommonMark turns line endings into spaces and strips one space of padding.
      return decoded === escapeText(text) || decoded.trim() === escapeText(text).trim();
    }), { seed: 13, numRuns: 1000 });
  });

  it('links: only http(s); any other scheme is shown as code', () => {
    assert.strictEqual(md.renderInline(markdownLink('INC-1', 'https://status.example.com/a(b)')), '<a href="https://status.example.com/a%28b%29">INC-1</a>');
    for (const url of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'data:text/html,<b>x</b>', 'vscode://x', ' javascript:alert(1)']) {
      const html = md.renderInline(markdownLink('INC-1', url));
      assert.ok(!html.includes('<a '), html);
      assert.ok(html.includes('<code>'), html);
    }
  });

  it('json: parses back to the same value, with no raw control, separator or bidi character', () => {
    fc.assert(fc.property(fc.object({ values: [fc.string({ unit: 'binary' })] }), (value) => {
      const json = escapeJson(value);
      return !rawControl.test(json) && JSON.stringify(JSON.parse(json)) === JSON.stringify(value);
    }), { seed: 13, numRuns: 300 });
  });
});
