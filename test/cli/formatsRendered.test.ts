import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { ImpactReport, IncidentReport, MilestoneReport, PathExplanation, StatusReport } from '../../src/core/evaluate/report';
import { escapeText } from '../../src/report/escape';
import { renderMarkdown } from '../support/renderedMarkdown';
import type { RenderedMarkdown } from '../support/renderedMarkdown';
import { repoRoot } from './support/buildCli';
import { cleanEnv, run, TempRepo } from './support/tempRepo';
import type { RunResult } from './support/tempRepo';

/**
 * The markdown reports as a reviewer reads them: rendered by CommonMark (commonmark.js), their text
 * compared with what the manifest's values say, and every element in them one the tool writes
 * (GFM tables checked with markdown-it, which reads them). For the hostile fixture and for the
 * examples' manifest; the raw bytes are only checked where over-escaping showed (`INC-4`).
 */

/** Labels the tool itself sets in bold. */
const toolLabels = new Set(['Owners to tell:', 'On call now:', 'Systems:', 'Depended on by:', 'System owners:', 'CODEOWNERS:', 'override added by this change']);
const toolTypes = new Set(['document', 'paragraph', 'text', 'heading', 'strong', 'code', 'softbreak', 'html_inline', 'html_block', 'link', 'list', 'item', 'block_quote']);
const gfm = new MarkdownIt({ html: false });

function milestoneName(m: MilestoneReport): string {
  return `${m.project}/${m.id}`;
}

/** Only the elements the tool writes: its headings, lists, bold labels and ids, `<br>`, `<details>`, http(s) links. */
function assertOnlyToolMarkup(markdown: string, rendered: RenderedMarkdown, ids: ReadonlySet<string>, links: readonly string[]): void {
  const lines = markdown.split('\n');
  for (const type of rendered.types) assert.ok(toolTypes.has(type), `unexpected ${type} in\n${markdown}`);
  assert.strictEqual(rendered.types.filter((t) => t === 'heading').length, lines.filter((l) => /^#{3,4} /.test(l)).length, 'headings');
  assert.strictEqual(rendered.types.filter((t) => t === 'item').length, lines.filter((l) => /^(> )?- /.test(l)).length, 'list items');
  for (const html of rendered.html) {
    assert.match(html, /^(<br>|<details><summary>\d+ changed file\(s\)<\/summary>\n?|<\/details>\n?)$/, `HTML not written by the tool: ${html}`);
  }
  assert.deepStrictEqual(rendered.destinations.filter((d) => !links.includes(d)), [], 'links other than the manifest\'s http(s) incident pages');
  for (const strong of rendered.strong) assert.ok(toolLabels.has(strong) || ids.has(strong), `bold text neither a label nor an id: ${JSON.stringify(strong)}`);
  // GFM: every row of every table has as many cells as its header; no value added or removed a cell.
  const tokens = gfm.parse(markdown, {});
  let expected = 0;
  let cells = 0;
  let tables = 0;
  for (const token of tokens) {
    if (token.type === 'table_open') { tables++; expected = -1; }
    if (token.type === 'tr_open') cells = 0;
    if (token.type === 'th_open' || token.type === 'td_open') cells++;
    if (token.type === 'tr_close') {
      if (expected === -1) expected = cells;
      assert.strictEqual(cells, expected, `a row of ${cells} cells in a table of ${expected} columns`);
    }
  }
  assert.strictEqual(tables, lines.filter((l) => /^\| (--- \| )*--- \|$|^\|(---\|)+$/.test(l)).length, 'tables');
}

/** Every value, as the text format would show it, is in the rendered text literally. */
function assertShown(rendered: RenderedMarkdown, values: readonly (string | undefined)[]): void {
  for (const value of values) {
    if (value === undefined || value === '') continue;
    assert.ok(rendered.text.includes(escapeText(value)), `${JSON.stringify(escapeText(value))} not in the rendered text:\n${rendered.text}`);
  }
}

function titled(id: string, title: string): string[] {
  return title === id ? [id] : [id, title];
}

/** The links the markdown may hold: the incidents' http(s) pages, with what would break a destination percent-encoded. */
function incidentLinks(incidents: readonly IncidentReport[]): string[] {
  return incidents.flatMap((i) => (i.url !== undefined && /^https?:/.test(i.url)
    ? [new URL(i.url).href.replace(/[()<>[\]|\\` ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)] : []));
}

function impactValues(report: ImpactReport): { values: (string | undefined)[]; ids: Set<string>; links: string[] } {
  const freezes = report.freezes.filter((f) => f.effect !== 'none' || f.overridden || !f.active);
  const atRisk = report.milestones.filter((m) => m.risks.length > 0);
  return {
    values: [
      ...report.systems.flatMap((s) => [...titled(s.id, s.title), ...s.owners]),
      ...freezes.flatMap((f) => [...titled(f.id, f.title), f.reason]),
      ...report.incidents.flatMap((i) => [i.id, i.severity, i.status, i.title, i.commander]),
      ...atRisk.flatMap((m) => [...titled(milestoneName(m), m.title === m.id ? milestoneName(m) : m.title), ...m.risks.map((r) => r.message)]),
      ...report.owners,
      ...report.files.map((f) => f.path),
    ],
    ids: new Set([...report.systems.map((s) => escapeText(s.id)), ...freezes.map((f) => escapeText(f.id)), ...atRisk.map((m) => escapeText(milestoneName(m)))]),
    links: incidentLinks(report.incidents),
  };
}

function statusValues(report: StatusReport): { values: (string | undefined)[]; ids: Set<string> } {
  return {
    values: [
      ...report.freezes.flatMap((f) => titled(f.id, f.title)),
      ...report.incidents.flatMap((i) => [i.id, i.title, i.commander]),
      ...report.milestonesAtRisk.flatMap((m) => [milestoneName(m), ...m.risks.map((r) => r.message)]),
    ],
    ids: new Set([...report.freezes.map((f) => escapeText(f.id)), ...report.milestonesAtRisk.map((m) => escapeText(milestoneName(m)))]),
  };
}

function explainValues(report: PathExplanation): { values: (string | undefined)[]; ids: Set<string> } {
  return {
    values: [
      report.path, ...report.matches.flatMap((m) => [m.system, m.pattern]), ...report.dependents.map((d) => d.id),
      ...report.systemOwners, ...report.codeowners, ...report.freezes.flatMap((f) => titled(f.id, f.title)),
      ...report.incidents.flatMap((i) => [i.id, i.title]), ...report.milestones.map(milestoneName),
    ],
    ids: new Set([...report.freezes.map((f) => escapeText(f.id)), ...report.milestones.map((m) => escapeText(milestoneName(m)))]),
  };
}

/** Runs one command as markdown and as JSON, and checks the rendered markdown against the JSON's values. */
function checkRendered(cli: (args: readonly string[]) => RunResult, args: readonly string[]): RenderedMarkdown {
  const markdown = cli([...args, '--format', 'markdown']).stdout;
  const json = JSON.parse(cli([...args, '--format', 'json']).stdout) as unknown;
  const rendered = renderMarkdown(markdown);
  const facts = args[0] === 'check' ? impactValues(json as ImpactReport)
    : args[0] === 'status' ? statusValues(json as StatusReport) : explainValues(json as PathExplanation);
  assertOnlyToolMarkup(markdown, rendered, facts.ids, incidentLinks((json as { incidents: readonly IncidentReport[] }).incidents));
  assertShown(rendered, facts.values);
  return rendered;
}

describe('markdown reports rendered by CommonMark', function () {
  this.timeout(120_000);

  describe('the hostile fixture (test/fixtures/hostile/ops.yaml)', () => {
    let repo: TempRepo;
    before(() => {
      const manifest = fs.readFileSync(path.resolve(__dirname, '../fixtures/hostile/ops.yaml'), 'utf8');
      repo = TempRepo.withCommit({ 'ops.yaml': manifest, 'hostile/a.ts': 'x\n', 'dep/b.ts': 'y\n' });
    });
    const cli = (args: readonly string[]): RunResult => repo.cli(args);

    it('check: the values read as written, no element from them, one link (the http(s) incident)', () => {
      const rendered = checkRendered(cli, ['check', 'hostile/a.ts', 'dep/b.ts']);
      assert.deepStrictEqual(rendered.destinations, ['https://status.example.com/INC-3?a=%28b%29&c=%3Cd%3E']);
      assert.ok(rendered.text.includes('[click](javascript:alert(1)) **bold**'), 'the markdown-looking title shows as written');
    });

    it('status and explain: the values read as written, no element from them', () => {
      checkRendered(cli, ['status']);
      checkRendered(cli, ['explain', 'hostile/a.ts']);
    });

    it('the GitHub step summary (check --format github) renders the same way', () => {
      const summary = repo.path('summary.md');
      repo.cli(['check', '--format', 'github', 'hostile/a.ts', 'dep/b.ts'], { env: { GITHUB_STEP_SUMMARY: summary } });
      const markdown = fs.readFileSync(summary, 'utf8');
      const report = JSON.parse(repo.cli(['check', '--format', 'json', 'hostile/a.ts', 'dep/b.ts']).stdout) as ImpactReport;
      const facts = impactValues(report);
      const rendered = renderMarkdown(markdown);
      assertOnlyToolMarkup(markdown, rendered, facts.ids, facts.links);
      assertShown(rendered, facts.values);
    });
  });

  describe("the examples' manifest (examples/)", () => {
    const examples = path.join(repoRoot, 'examples');
    const cli = (args: readonly string[]): RunResult => run(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], examples, cleanEnv());
    const at = ['--at', '2026-12-24T10:00:00Z'];

    it('check, status and explain: the values read as written; ids like INC-2040 stay raw in the markdown', () => {
      const files = ['services/checkout/src/api.ts', 'services/ledger/src/posting.ts', 'apps/web/src/checkoutPage.tsx', 'db/migrations/ledger_0042_posting_index.sql'];
      checkRendered(cli, ['check', ...at, ...files]);
      checkRendered(cli, ['status', ...at]);
      checkRendered(cli, ['explain', ...at, 'services/payments/src/charge.ts']);
      const raw = cli(['status', ...at, '--format', 'markdown']).stdout;
      assert.match(raw, /\| INC-2040 \|/);
      assert.match(raw, /\*\*holiday-2026\*\* Holiday change freeze/);
      assert.doesNotMatch(raw, /\\-|\\\.|\\\(|&lt;|&amp;/, 'no escape where CommonMark needs none');
    });

    it('check --window, changes: only the tool\'s own elements', () => {
      for (const args of [['check', '--window', '2026-12-20T12:00Z/1d', 'services/checkout/src/api.ts'], ['changes', '--incident', 'INC-2041']]) {
        const markdown = cli([...args, '--format', 'markdown']).stdout;
        assert.ok(markdown.length > 0, args.join(' '));
        const rendered = renderMarkdown(markdown);
        for (const type of rendered.types) assert.ok(toolTypes.has(type), `${args.join(' ')}: unexpected ${type}`);
        assert.deepStrictEqual(rendered.html.filter((h) => !/^(<br>|<details>|<\/details>)/.test(h)), []);
      }
    });
  });

  it('a system, freeze or milestone without a title shows its id once', () => {
    const manifest = [
      'version: 1', 'timezone: UTC',
      'systems:', '  pay:', '    paths: [pay/]',
      'freezes:', '  - id: hold', '    systems: [pay]', '    start: 2000-01-01T00:00:00Z', '    end: 2100-01-01T00:00:00Z', '    enforcement: warn',
      'projects:', '  - id: p', '    systems: [pay]', '    milestones:', '      - id: m', '        due: 2001-01-01', '        status: planned', '',
    ].join('\n');
    const repo = TempRepo.withCommit({ 'ops.yaml': manifest, 'pay/a.ts': 'x\n' });
    const markdown = repo.cli(['check', '--format', 'markdown', 'pay/a.ts']).stdout;
    assert.match(markdown, /^\| \*\*pay\*\* \| touched \|/m);
    assert.match(markdown, /^\| \*\*hold\*\* \| :warning: warn \|/m);
    assert.match(markdown, /^\| \*\*p\/m\*\* \| /m);
    const text = renderMarkdown(markdown).text;
    assert.doesNotMatch(text, /\bpay pay\b|\bhold hold\b|p\/m m\b/);
  });
});
