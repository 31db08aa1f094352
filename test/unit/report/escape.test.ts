import * as assert from 'node:assert';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { escapeIcons, escapeJson, escapeLabel, escapeMarkdown, escapeText, markdownCode, markdownLink } from '../../../src/report/escape';
import { renderMarkdown } from '../../support/renderedMarkdown';

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

/** Characters and words that mean something to CommonMark or GFM, for the round-trip property. */
const markdownUnits = fc.constantFrom(
  '*', '_', '`', '[', ']', '(', ')', '<', '>', '!', '#', '-', '+', '=', '.', ':', '/', '\\', '|', '&', ';', '~', '$', '@', '^', '"', ' ', '  ',
  'a', 'Z', '1', '42', 'é', '\n', '\t', 'www', 'http', 'https://x.io', '&amp;', '&#60;', '1.', '2)', '---', '***', '___', ':tada:', '<b>', '[x](y)', 'INC-4',
);

/** The inline children of the one block the document holds, as markdown-it (GFM tables) reads them. */
function tableCellTokens(markdown: string): { cells: number; children: string[]; text: string } {
  const tokens = md.parse(markdown, {});
  const cells = tokens.filter((t) => t.type === 'td_open').length;
  const inline = tokens.filter((t) => t.type === 'inline').at(-1);
  const children = (inline?.children ?? []).map((child) => child.type);
  return { cells, children, text: (inline?.children ?? []).map((child) => child.content).join('') };
}

describe('escapeMarkdown: context-aware, renders as the value reads', () => {
  it('leaves what CommonMark would not read as markup: ids, times, owners, snake_case', () => {
    for (const text of ['INC-4', 'checkout-v2', '2026-12-24 10:00', '@acme/storefront', 'snake_case_id', 'a * b', 'R&D', 'v1.2.3', 'cost: 5', 'tier 1.', 'a+b', '#123']) {
      assert.strictEqual(escapeMarkdown(text), text);
    }
  });

  it('escapes block syntax only at the start of the text', () => {
    assert.strictEqual(escapeMarkdown('1. first'), '1\\. first');
    assert.strictEqual(escapeMarkdown('# head'), '\\# head');
    assert.strictEqual(escapeMarkdown('- item'), '\\- item');
    assert.strictEqual(escapeMarkdown('> quote'), '\\> quote');
    assert.strictEqual(escapeMarkdown('step 1. # - > ok'), 'step 1. # - > ok');
  });

  it('escapes inline markup wherever it could open: emphasis, code, links, HTML, tables, entities', () => {
    assert.strictEqual(escapeMarkdown('*a*'), '\\*a\\*');
    assert.strictEqual(escapeMarkdown('<b>'), '\\<b>');
    assert.strictEqual(escapeMarkdown('[x](y)'), '\\[x\\](y)');
    assert.strictEqual(escapeMarkdown('a|b'), 'a\\|b');
    assert.strictEqual(escapeMarkdown('&amp; and &'), '\\&amp; and &');
    assert.strictEqual(escapeMarkdown('a `b` c\\'), 'a \\`b\\` c\\\\');
  });

  it('focused titles render literally through CommonMark: one paragraph of text, nothing else', () => {
    for (const text of ['INC-4', '1. first', '# heading', '*a* and _b_', '<b>bold</b>', '[x](y)', 'a | b', '![i](https://evil.example/i.png)', '<https://evil.example>',
      '---', '===', '    indented', '+ plus', '10) ten', '&lt;script&gt;', 'trailing  ', '__init__', 'a**b**c', 'x_*y*_z', '`code`']) {
      const rendered = renderMarkdown(escapeMarkdown(text));
      assert.deepStrictEqual([...new Set(rendered.types)], ['document', 'paragraph', 'text'], `${JSON.stringify(text)} → ${escapeMarkdown(text)}`);
      assert.strictEqual(rendered.text, text);
    }
  });

  for (const [name, wrap] of [
    ['alone', (x: string) => x],
    ['after a bold id', (x: string) => `**pay** ${x}`],
    ['inside bold', (x: string) => `**${x}**`],
    ['a list item', (x: string) => `- ${x}`],
    ['a heading', (x: string) => `#### ${x}`],
    ['a quote', (x: string) => `> ${x}`],
    ['after a paragraph line', (x: string) => `intro\n${x}`],
  ] as const) {
    it(`round trip (${name}): CommonMark renders the escaped text as the value, with no markup from it`, () => {
      const frame = renderMarkdown(wrap('X'));
      const shape = (types: readonly string[]): string => types.filter((type) => type !== 'text').join(' ');
      fc.assert(fc.property(fc.string({ unit: markdownUnits, maxLength: 12 }).filter((value) => escapeText(value).trim() !== ''), (value) => {
        const rendered = renderMarkdown(wrap(escapeMarkdown(value)));
        return shape(rendered.types) === shape(frame.types) && rendered.text === frame.text.replace('X', () => escapeText(value));
      }), { seed: 28, numRuns: 1500 });
    });
  }

  it('round trip in a GFM table cell (markdown-it): one cell, plain text, the value', () => {
    fc.assert(fc.property(fc.string({ unit: markdownUnits, maxLength: 12 }), (value) => {
      const { cells, children, text } = tableCellTokens(`| h |\n| --- |\n| ${escapeMarkdown(value)} |\n`);
      return cells === 1 && children.every((type) => type === 'text') && text === escapeText(value);
    }), { seed: 28, numRuns: 1500 });
  });
});
