import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The walkthrough's pages in German. VS Code's workbench reads a step's `media.markdown` page as
 * `<page>.nls.<locale>.md`, then `<page>.nls.<language>.md` (locale without its region), and only
 * then `<page>.md` (gettingStartedDetailsRenderer, readContentsOfPath); package.json names the
 * English page. So each English page needs a German twin next to it that offers the same things:
 * the same `command:` links, images, links and code blocks (the YAML sample stays as it is).
 */

const root = path.join(__dirname, '..', '..', '..');
const pagesDir = path.join(root, 'media', 'walkthrough');
const locales = ['de'];

interface Step { readonly id: string; readonly media: { readonly markdown?: string; readonly image?: unknown } }

function walkthroughPages(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { walkthroughs: ReadonlyArray<{ steps: readonly Step[] }> } };
  return manifest.contributes.walkthroughs.flatMap((w) => w.steps.flatMap((s) => (s.media.markdown ? [s.media.markdown] : [])));
}

/** The twin the workbench reads in `locale`. */
const twinOf = (page: string, locale: string): string => page.replace(/\.md$/, `.nls.${locale}.md`);

const read = (page: string): string => fs.readFileSync(path.join(root, page), 'utf8');

/** What a page offers besides its prose, in order: command links, images, other links, fenced code blocks. */
function offers(markdown: string) {
  const targets = [...markdown.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] ?? '');
  const htmlTargets = [...markdown.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1] ?? '');
  const all = [...targets, ...htmlTargets];
  return {
    commands: all.filter((t) => t.startsWith('command:')),
    images: [...[...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)].map((m) => m[1] ?? ''), ...[...markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1] ?? '')],
    links: all.filter((t) => !t.startsWith('command:')),
    codeBlocks: [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? ''),
  };
}

describe('walkthrough pages: a German twin for each English page', () => {
  const pages = walkthroughPages();

  it('finds the four pages package.json names, and they are English', () => {
    assert.deepStrictEqual(pages, ['manifest', 'impact', 'hooks', 'timeline'].map((name) => `media/walkthrough/${name}.md`));
    for (const page of pages) assert.doesNotMatch(page, /\.nls\./, `${page}: package.json names the English page; the workbench finds the translation`);
  });

  for (const locale of locales) {
    it(`each page has a twin the workbench reads in "${locale}" (<page>.nls.${locale}.md), and no twin lacks its page`, () => {
      const missing = pages.map((page) => twinOf(page, locale)).filter((twin) => !fs.existsSync(path.join(root, twin)));
      assert.deepStrictEqual(missing, []);
      const english = new Set(fs.readdirSync(pagesDir).filter((name) => !name.includes('.nls.')));
      const orphans = fs.readdirSync(pagesDir).filter((name) => name.includes('.nls.') && !english.has(name.replace(/\.nls\.[\w-]+\.md$/, '.md')));
      assert.deepStrictEqual(orphans, []);
    });

    it(`each "${locale}" twin offers the same command links, images, links and code blocks as its page`, () => {
      for (const page of pages) {
        const twin = twinOf(page, locale);
        if (!fs.existsSync(path.join(root, twin))) continue; // reported by the test above
        assert.deepStrictEqual(offers(read(twin)), offers(read(page)), `${twin} against ${page}`);
      }
    });

    it(`each "${locale}" twin is a translation: its heading differs from the English page`, () => {
      for (const page of pages) {
        const twin = twinOf(page, locale);
        if (!fs.existsSync(path.join(root, twin))) continue;
        const heading = (text: string) => /^# (.+)$/m.exec(text)?.[1];
        assert.ok(heading(read(twin)), `${twin} has a heading`);
        assert.notStrictEqual(heading(read(twin)), heading(read(page)), `${twin} repeats the English heading`);
      }
    });
  }

  it('compares what it should: a page and a twin that differ in a command link, an image or the sample are told apart', () => {
    const page = '# A\n\n[Open](command:changeRadar.openTimeline) ![chart](media/a.png)\n\n```yaml\nversion: 1\n```\n';
    assert.deepStrictEqual(offers(page), { commands: ['command:changeRadar.openTimeline'], images: ['media/a.png'], links: ['media/a.png'], codeBlocks: ['version: 1\n'] });
    assert.notDeepStrictEqual(offers(page.replace('openTimeline', 'openManifest')), offers(page));
    assert.notDeepStrictEqual(offers(page.replace('a.png', 'b.png')), offers(page));
    assert.notDeepStrictEqual(offers(page.replace('version: 1', 'version: 2')), offers(page));
    assert.deepStrictEqual(offers(page.replace('[Open]', '[Öffnen]').replace('# A', '# B')), offers(page));
  });
});
