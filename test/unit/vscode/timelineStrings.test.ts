// The timeline webview's own words (toolbar, table, empty states) come from the extension's bundle:
// the page's HTML is written by src/vscode/views/timelinePanel.ts with t(), and media/timeline.js
// says only what the panel passes in `strings`. The l10n bypass test reads TypeScript calls, not
// an HTML template or the webview's script, so this one reads those two as text.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const panel = fs.readFileSync(path.join(root, 'src', 'vscode', 'views', 'timelinePanel.ts'), 'utf8');
const script = fs.readFileSync(path.join(root, 'media', 'timeline.js'), 'utf8');

/** The page template with every `${…}` taken out: what is left is written as is. */
function literalTemplate(): string {
  const start = panel.indexOf('<!DOCTYPE html>');
  const end = panel.indexOf('</html>', start);
  assert.ok(start >= 0 && end > start, 'the page template was not found');
  let text = panel.slice(start, end);
  // Innermost first: `${a(t('…'))}` holds no `}` before its own end.
  for (let before = ''; before !== text;) {
    before = text;
    text = text.replace(/\$\{[^{}]*\}/g, '');
  }
  return text;
}

/** The keys of the `strings` the panel passes to the script. */
function passedKeys(): Set<string> {
  const start = panel.indexOf('function webviewStrings(');
  const body = panel.slice(start, panel.indexOf('\n}\n', start));
  return new Set([...body.matchAll(/^\s+'?([\w.]+)'?: (?:t\(|enforcementWord\.)/gm)].map((m) => m[1]));
}

describe('the timeline webview speaks the display language', () => {
  it('the page template writes no words of its own: text, titles and ARIA labels come through t()', () => {
    const template = literalTemplate();
    const words: string[] = [];
    for (const m of template.matchAll(/(?:title|aria-label|aria-roledescription|placeholder)="([^"]*)"/g)) if (/[A-Za-z]{2}/.test(m[1])) words.push(m[0]);
    for (const m of template.matchAll(/>([^<]*)</g)) if (/[A-Za-z]{2}/.test(m[1])) words.push(m[1].trim());
    assert.deepStrictEqual(words, []);
  });

  it('the script says only what the panel passes, and every key it says is passed', () => {
    const said = [...script.matchAll(/say\('([\w.]+)'/g)].map((m) => m[1]);
    assert.ok(said.length >= 10, `only ${said.length} say() calls found`);
    const keys = passedKeys();
    const dynamic = ['kind.freeze', 'kind.incident', 'kind.milestone', 'enforcement.block', 'enforcement.warn'];
    const missing = [...said.filter((key) => !key.endsWith('.')), ...dynamic].filter((key) => !keys.has(key));
    assert.deepStrictEqual(missing, []);
    // No English left in what the script writes: text content, table cells, titles and labels.
    const literal = /(?:textContent = |html\('\w+', |setAttribute\('(?:aria-label|title)', )'[^']*[A-Za-z]{2}/g;
    assert.deepStrictEqual([...script.matchAll(literal)].map((m) => m[0]), []);
  });
});
