// The timeline webview as a person sees it: opened from the Freezes view's title button on
// the demo repository (examples/, as `npm start` uses, with its ops.yaml rewritten relative to now,
// since the UI cannot pin the extension's clock), the bars and markers read from the webview's DOM,
// the "only the current change" filter, and a click on a freeze that lands on its line in ops.yaml.
// The second suite opens the examples' manifest as the demo does (examples/ copied into a git
// repository), its holiday freeze moved to cover the next month end, so one lane holds the
// recurring weekend freeze inside the holiday freeze and the month-end close beside both: the bars
// must not overlap and no label may be cut.
// The examples' screenshot goes to test-results/screenshots/timeline.png; the README shows a copy
// from docs/images/. The first suite's goes to timeline-fixture.png.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitAll, createFixtureWorkspace, writeFiles } from '../../scripts/host/gitRepo';
import { day, hour, when } from './relativeTime';
import { startUiSession } from './uiSession';
import { acmeSystems, manifestYaml } from '../fixtures/acmeManifest';
import type { UiSession } from './uiSession';

function manifest(): string {
  return `${manifestYaml({ systems: acmeSystems(['checkout', 'ledger', 'web'], { tiers: { checkout: 1, ledger: 1, web: 2 }, dependencies: false }) })}freezes:
  - id: holiday
    title: Holiday freeze
    reason: Peak traffic, no risky deploys
    systems: [checkout]
    start: ${when(-2 * day)}
    end: ${when(9 * day)}
    enforcement: block
  - id: payments-weekend
    title: No ledger changes over the weekend
    systems: [ledger]
    schedule:
      start: "0 17 * * 5"
      end: "0 8 * * 1"
    enforcement: warn
  - id: audit
    title: Audit window
    systems: [web]
    start: ${when(12 * day)}
    end: ${when(14 * day)}
    enforcement: warn
overrides:
  - freeze: holiday
    reason: Fraud rule hotfix
    approvedBy: cab@acme.example
    paths: [services/checkout/fraud/]
    expires: ${when(day)}
incidents:
  - id: INC-2041
    title: Ledger writes are slow
    severity: sev1
    status: investigating
    systems: [ledger]
    started: ${when(-30 * hour)}
    freeze: block
projects:
  - id: checkout-v2
    title: Checkout v2
    owner: "@dana"
    systems: [checkout]
    milestones:
      - id: beta
        title: Public beta
        due: ${when(4 * day).slice(0, 10)}
        status: in-progress
      - id: ga
        title: General availability
        due: ${when(30 * day).slice(0, 10)}
        status: planned
`;
}

/** The distinct `data-id`s of the elements a locator finds, in document order. */
async function idsOf(locator: ReturnType<ReturnType<UiSession['workbench']['page']['frameLocator']>['locator']>): Promise<string[]> {
  const ids: string[] = [];
  for (const node of await locator.all()) ids.push((await node.getAttribute('data-id')) ?? '');
  return [...new Set(ids)];
}

describe('Change Radar timeline', () => {
  let ui: UiSession;
  let text: string;

  before(async () => {
    const workspace = createFixtureWorkspace();
    text = manifest();
    writeFiles(workspace, { 'ops.yaml': text });
    commitAll(workspace, 'Demo manifest relative to now');
    writeFiles(workspace, { 'services/checkout/pay.ts': 'export const pay = 2;\n' });
    ui = await startUiSession({ workspace });
    await ui.workbench.openViewContainer('Change Radar');
  });

  after(async () => {
    await ui?.stop();
  });

  /** The timeline's document: the webview iframe and, inside it, the frame VS Code puts the HTML in. */
  const timeline = () => ui.workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  it('opens from the Freezes view and draws freeze bars, the milestone at risk and the now line', async () => {
    const page = ui.workbench.page;
    await ui.workbench.expandView('Freezes');
    const freezesHeader = page.locator('.pane-header', { hasText: 'Freezes' });
    await freezesHeader.hover();
    await freezesHeader.locator('.action-label[aria-label*="Open Timeline"]').click();
    const doc = timeline();
    await doc.locator('[data-kind="freeze"][data-id="holiday"]').first().waitFor({ timeout: 30_000 });

    const freezeIds = (await idsOf(doc.locator('[data-kind="freeze"]'))).sort();
    // INC-2041 acts as a block freeze: a freeze bar on the ledger lane, as the Freezes view lists it.
    assert.deepStrictEqual(freezeIds, ['INC-2041', 'audit', 'holiday', 'payments-weekend']);
    assert.match(await doc.locator('[data-kind="freeze"][data-id="INC-2041"]').first().getAttribute('class') ?? '', /\bblock\b.*\bongoing\b/);
    // Recurring: one bar per weekend in the eight weeks shown ahead.
    assert.ok(await doc.locator('[data-id="payments-weekend"]').count() >= 8);
    // The override covers only services/checkout/fraud/: partly overridden, not hatched over the bar.
    assert.match(await doc.locator('[data-id="holiday"]').first().getAttribute('class') ?? '', /\bblock\b.*\bpartly-overridden\b/);
    assert.match(await doc.locator('[data-id="holiday"]').first().getAttribute('aria-label') ?? '', /^Freeze holiday \(block, partly overridden\): Holiday freeze/);
    assert.strictEqual(await doc.locator('[data-id="holiday"] .override.partial').count(), 1);

    const beta = doc.locator('.milestone[data-id="beta"]');
    assert.match(await beta.getAttribute('class') ?? '', /\bat-risk\b/);
    assert.strictEqual(await beta.locator('.risk-badge').count(), 1);
    assert.match(await doc.locator('.milestone[data-id="ga"]').getAttribute('class') ?? '', /^(?!.*at-risk)/);
    assert.match(await doc.locator('.incident[data-id="INC-2041"]').getAttribute('class') ?? '', /\bsev1\b.*\bongoing\b/);

    const now = doc.locator('#now-line');
    assert.strictEqual(await now.count(), 1);
    const nowAt = Number(await now.getAttribute('data-now'));
    assert.ok(Math.abs(nowAt - Date.now()) < 5 * 60_000, `now line at ${new Date(nowAt).toISOString()}`);

    // Hover shows the reasons of the milestone at risk.
    await beta.hover();
    await doc.locator('#tooltip:not([hidden])').waitFor();
    assert.match(await doc.locator('#tooltip').innerText(), /At risk:[\s\S]*due inside freeze holiday/);

    // The table alternative lists the same entries.
    assert.ok(await doc.locator('#table-section tbody tr[data-key*="freeze:holiday@"]').count() === 1);
    await page.mouse.move(5, 5);
    await ui.workbench.screenshot('timeline-fixture');
  });

  it('keeps only the systems of the current change when asked', async () => {
    const doc = timeline();
    const lanes = async () => doc.locator('.lane-label').allTextContents();
    assert.deepStrictEqual(await lanes(), ['Checkout service', 'Ledger', 'Web shop']);
    await doc.locator('#only-change').check();
    // services/checkout/pay.ts is modified: checkout is touched, nothing depends on it.
    await doc.locator('.lane-label').first().waitFor();
    const deadline = Date.now() + 30_000;
    let shown = await lanes();
    while (shown.join() !== 'Checkout service' && Date.now() < deadline) {
      await ui.workbench.page.waitForTimeout(250);
      shown = await lanes();
    }
    assert.deepStrictEqual(shown, ['Checkout service']);
    assert.deepStrictEqual(await idsOf(doc.locator('[data-kind="freeze"]')), ['holiday']);
    await doc.locator('#only-change').uncheck();
  });

  it('lands on the freeze entry in ops.yaml when a bar is clicked', async () => {
    const doc = timeline();
    // The bar itself (its label may be drawn beside it).
    await doc.locator('[data-id="audit"] .bar').first().click();
    const page = ui.workbench.page;
    await page.locator('.tab.active', { hasText: 'ops.yaml' }).waitFor({ timeout: 15_000 });
    const expectedLine = text.split('\n').findIndex((line) => line.includes('- id: audit')) + 1;
    const selection = page.locator('[id="status.editor.selection"]');
    await selection.waitFor();
    // The whole entry is selected; the status bar shows the cursor at its end. Left collapses the
    // selection to its start, as a person would do to see where the entry begins.
    await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: 10_000 });
    assert.match(await selection.innerText(), /selected\)/);
    await page.keyboard.press('ArrowLeft');
    const deadline = Date.now() + 10_000;
    let status = await selection.innerText();
    while (!status.startsWith(`Ln ${expectedLine},`) && Date.now() < deadline) {
      await page.waitForTimeout(200);
      status = await selection.innerText();
    }
    assert.ok(status.startsWith(`Ln ${expectedLine},`), `${status} (expected line ${expectedLine})`);
    assert.deepStrictEqual(ui.hostErrors, []);
  });

  it('comes back after a window reload, with its settings (webview serializer)', async () => {
    const page = ui.workbench.page;
    const tab = page.locator('.tab', { hasText: 'Change Radar: Timeline' });
    await tab.click();
    await timeline().locator('#show-table').check();
    await timeline().locator('#group-by').selectOption('tier');
    await timeline().locator('.lane-label', { hasText: 'Tier 2' }).waitFor();
    // Reload as a person does (through the workbench's shutdown, which saves the editors' state).
    const loaded = page.waitForEvent('load', { timeout: 60_000 });
    await ui.workbench.runCommand('Developer: Reload Window');
    await loaded;
    await ui.workbench.waitUntilReady();
    await page.locator('.tab', { hasText: 'Change Radar: Timeline' }).click({ timeout: 30_000 });
    const doc = timeline();
    await doc.locator('[data-kind="freeze"][data-id="holiday"]').first().waitFor({ timeout: 60_000 });
    assert.strictEqual(await doc.locator('#show-table').isChecked(), true);
    assert.deepStrictEqual(await doc.locator('.lane-label').allTextContents(), ['Tier 1', 'Tier 2']);
    assert.ok(await doc.locator('#table-section.table-visible tbody tr').count() > 5);
  });
});

/** What the table check reads from the page (the tests compile without the DOM library). */
interface TableNode {
  querySelectorAll(selector: string): ArrayLike<TableNode>;
  readonly childNodes: ArrayLike<TableNode>;
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly ownerDocument: { createRange(): { setStart(node: TableNode, offset: number): void; setEnd(node: TableNode, offset: number): void; getClientRects(): ArrayLike<{ top: number }> } };
}
interface TableRow { readonly cells: readonly string[]; readonly broken: readonly string[] }

/**
 * Page code: each body row's cell texts, and where a cell's text is broken onto a new line between
 * two letters or digits (inside a word), read from the line box of every character.
 */
function readTable(table: TableNode): TableRow[] {
  return Array.from(table.querySelectorAll('tbody tr')).map((row) => {
    const cells = Array.from(row.querySelectorAll('th, td'));
    const broken: string[] = [];
    for (const cell of cells) {
      for (const node of Array.from(cell.childNodes).filter((child) => child.nodeType === 3)) {
        const text = node.textContent ?? '';
        let lastTop: number | undefined;
        for (let i = 0; i < text.length; i++) {
          const range = node.ownerDocument.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rects = range.getClientRects();
          if (rects.length === 0 || /\s/.test(text[i])) continue;
          if (lastTop !== undefined && rects[0].top > lastTop + 2 && /[\p{L}\p{N}]/u.test(text[i - 1]) && /[\p{L}\p{N}]/u.test(text[i])) {
            broken.push(`${text.slice(Math.max(0, i - 15), i)}|${text.slice(i, i + 15)}`);
          }
          lastTop = rects[0].top;
        }
      }
    }
    return { cells: cells.map((cell) => cell.textContent ?? ''), broken };
  });
}

/** `YYYY-MM-DD HH:mm` of a UTC calendar date (read in the manifest's zone). */
function localText(date: Date, time: string): string {
  return `${date.toISOString().slice(0, 10)} ${time}`;
}

/**
 * The examples' ops.yaml with its holiday freeze (tier 1: payments, ledger, …) moved from its fixed
 * dates to the next month end at least a week ahead: from ten days before the 28th to the 4th after
 * it, so it holds two weekends of `payments-weekend` and the whole `month-end-close` on the ledger.
 */
function examplesManifest(): string {
  const text = fs.readFileSync(path.resolve(__dirname, '..', '..', 'examples', 'ops.yaml'), 'utf8');
  const soon = new Date(Date.now() + 7 * day);
  const monthEnd = new Date(Date.UTC(soon.getUTCFullYear(), soon.getUTCMonth() + (soon.getUTCDate() > 28 ? 1 : 0), 28));
  const start = new Date(monthEnd.getTime() - 10 * day);
  const end = new Date(Date.UTC(monthEnd.getUTCFullYear(), monthEnd.getUTCMonth() + 1, 4));
  const dates = ['start: "2026-12-18 18:00"', 'end: "2027-01-04 09:00"'];
  assert.ok(dates.every((line) => text.includes(line)), 'the examples\' holiday freeze dates changed: update this test');
  return text
    .replace(dates[0], `start: "${localText(start, '18:00')}"`)
    .replace(dates[1], `end: "${localText(end, '09:00')}"`);
}

interface Box { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number }
interface DrawnBar {
  readonly id: string;
  readonly kind: string;
  readonly lane: number;
  readonly row: number;
  readonly place: string | null;
  readonly aria: string;
  readonly bar: Box;
  readonly label?: { readonly text: string; readonly box: Box; readonly textLength: number };
}

/** The little of the DOM the page functions below use (the tests compile without the DOM library). */
interface PageNode {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { toJSON(): Box };
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): ArrayLike<PageNode>;
  readonly textContent: string | null;
  getComputedTextLength(): number;
}

/**
 * Page code: every freeze and incident bar in the chart with its lane, sub-row, label placement and
 * label. (No named functions inside: the test compiler would wrap them in a helper the page lacks.)
 */
function readBars(chart: PageNode): DrawnBar[] {
  return Array.from(chart.querySelectorAll('.item[data-kind="freeze"], .item[data-kind="incident"]')).map((group) => {
    const text = group.querySelector(':scope > text.bar-label');
    return {
      id: group.getAttribute('data-id') ?? '', kind: group.getAttribute('data-kind') ?? '',
      lane: Number(group.getAttribute('data-lane')), row: Number(group.getAttribute('data-row')),
      place: group.getAttribute('data-label'), aria: group.getAttribute('aria-label') ?? '',
      bar: (group.querySelector(':scope > .bar') ?? group).getBoundingClientRect().toJSON(),
      ...(text ? { label: { text: text.textContent ?? '', box: text.getBoundingClientRect().toJSON(), textLength: text.getComputedTextLength() } } : {}),
    };
  });
}

const intersects = (a: Box, b: Box): boolean =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
const inside = (inner: Box, outer: Box): boolean =>
  inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;

describe('Change Radar timeline on the examples\' manifest', () => {
  let ui: UiSession;

  before(async () => {
    const workspace = createFixtureWorkspace({ source: path.resolve(__dirname, '..', '..', 'examples') });
    writeFiles(workspace, { 'ops.yaml': examplesManifest() });
    commitAll(workspace, 'Holiday freeze over the next month end');
    ui = await startUiSession({ workspace });
    await ui.workbench.openViewContainer('Change Radar');
  });

  after(async () => {
    await ui?.stop();
  });

  const timeline = () => ui.workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  it('stacks the overlapping freezes of a lane in sub-rows and never cuts a label', async () => {
    await ui.workbench.runCommand('Change Radar: Open Timeline');
    const doc = timeline();
    await doc.locator('[data-kind="freeze"][data-id="month-end-close"]').first().waitFor({ timeout: 60_000 });
    const lanes = await doc.locator('.lane-label').allTextContents();
    const ledger = lanes.indexOf('Double-entry ledger');
    assert.ok(ledger >= 0, lanes.join(', '));

    // Every bar and its label as drawn, read from the DOM (boxes in the page's pixels).
    const drawn = await doc.locator('#chart').evaluate(readBars);
    const svgBox = await doc.locator('#chart svg').evaluate((svg: PageNode) => svg.getBoundingClientRect().toJSON());
    // The plot: right of the lane labels (170 px).
    const plot: Box = { ...svgBox, left: svgBox.left + 170 };

    // No two bars in a lane overlap.
    for (const a of drawn) {
      for (const b of drawn) {
        if (a !== b && a.lane === b.lane) assert.ok(!intersects(a.bar, b.bar), `${a.kind} ${a.id} and ${b.kind} ${b.id} overlap on lane ${lanes[a.lane]}`);
      }
    }
    // The ledger lane: the weekend freeze inside the holiday and the month-end close beside both, each on its own sub-row.
    const onLedger = drawn.filter((bar) => bar.lane === ledger && bar.kind === 'freeze');
    const holidays = onLedger.filter((bar) => bar.id === 'holiday-2026');
    assert.strictEqual(holidays.length, 1);
    const [holiday] = holidays;
    const within = (id: string): DrawnBar[] => onLedger.filter((bar) => bar.id === id && bar.bar.left < holiday.bar.right && bar.bar.right > holiday.bar.left);
    const weekends = within('payments-weekend');
    const monthEnds = within('month-end-close');
    assert.ok(weekends.length >= 2, 'two weekends inside the holiday');
    assert.strictEqual(monthEnds.length, 1, 'the month-end close inside the holiday');
    assert.ok(weekends.every((bar) => bar.row !== holiday.row), 'weekends off the holiday\'s sub-row');
    assert.strictEqual(new Set(weekends.map((bar) => bar.row)).size, 1, 'the weekends inside the holiday on one sub-row');
    assert.ok(monthEnds[0].row !== holiday.row && monthEnds[0].row !== weekends[0].row, 'the month-end close on a sub-row of its own');
    assert.ok(Math.max(...onLedger.map((bar) => bar.row)) >= 2, 'at least three sub-rows on the ledger lane');

    // Every freeze label is whole and fits where it is drawn, or is absent and carried by the hover and the aria label.
    const freezes = drawn.filter((bar) => bar.kind === 'freeze');
    const places = new Set(freezes.map((bar) => bar.place));
    for (const bar of freezes) {
      assert.ok(bar.aria.includes(bar.id), `aria label of ${bar.id}: ${bar.aria}`);
      if (!bar.label) {
        assert.strictEqual(bar.place, 'hover', `${bar.id} has no label`);
        continue;
      }
      const { label } = bar;
      assert.strictEqual(label.text, bar.id, `label of ${bar.id} cut to ${label.text}`);
      assert.ok(label.textLength > 0, `label of ${bar.id} not measured`);
      assert.ok(label.textLength <= label.box.right - label.box.left + 0.5, `${bar.id}: text ${label.textLength} px in a ${label.box.right - label.box.left} px box`);
      assert.ok(inside(label.box, plot), `label ${bar.id} outside the plot`);
      if (bar.place === 'inside') {
        assert.ok(label.box.left >= bar.bar.left && label.box.right <= bar.bar.right, `label ${bar.id} sticks out of its bar`);
      } else {
        assert.match(bar.place ?? '', /^(left|right)$/);
        for (const other of drawn) {
          if (other.lane !== bar.lane) continue;
          assert.ok(!intersects(label.box, other.bar), `label ${bar.id} (${bar.place}) over the bar of ${other.id}`);
          if (other !== bar && other.label) assert.ok(!intersects(label.box, other.label.box), `label ${bar.id} over the label of ${other.id}`);
        }
      }
    }
    // Lane names end before the plot; one that does not fit is shortened and its hover holds it whole.
    const heads = await doc.locator('.lane-head').evaluateAll((nodes: PageNode[]) => nodes.map((head) => ({
      text: head.querySelector('.lane-label')?.textContent ?? '', title: head.querySelector('title')?.textContent ?? '',
      box: head.querySelector('.lane-label')?.getBoundingClientRect().toJSON(),
    })));
    for (const head of heads) {
      assert.ok(head.box && head.box.right <= plot.left, `lane name ${head.text} runs into the plot`);
      assert.ok(head.title.startsWith(head.text.endsWith('…') ? head.text.slice(0, -1) : `${head.text} (`), `${head.text} / ${head.title}`);
    }
    assert.ok(heads.some((head) => head.text.endsWith('…') && head.title.startsWith('Search and recommendations')), heads.map((head) => head.text).join(', '));
    // At this width some labels fit in their bar and some only in the hover (the weekends, 2½ days wide).
    assert.ok(places.has('inside') && places.has('hover'), [...places].join(', '));

    // A bar whose label is not drawn: focus by keyboard shows the hover with the freeze's name.
    const hidden = freezes.find((bar) => bar.place === 'hover');
    assert.ok(hidden);
    await doc.locator(`.item[data-label="hover"][data-id="${hidden.id}"]`).first().focus();
    await doc.locator('#tooltip:not([hidden])').waitFor();
    assert.ok((await doc.locator('#tooltip').innerText()).includes(hidden.id));
    assert.ok(await doc.locator('#chart [data-key]:not([tabindex="0"])').count() === 0, 'every entry focusable');
    await doc.locator('#chart').focus();
    await ui.workbench.screenshot('timeline');
    console.log(`      (ledger lane: ${Math.max(...onLedger.map((bar) => bar.row)) + 1} freeze sub-rows; labels ${[...places].map((place) => `${place} ${freezes.filter((bar) => bar.place === place).length}`).join(', ')})`);
    assert.deepStrictEqual(ui.hostErrors, []);
  });

  it('shows the table with every time of a row in one zone, named, and no word broken across lines', async () => {
    const doc = timeline();
    await doc.locator('#show-table').check();
    await doc.locator('#table-section.table-visible tbody tr').first().waitFor();
    const headers = await doc.locator('#table-section thead th').allTextContents();
    const rows = await doc.locator('#table-section table').evaluate(readTable);
    assert.ok(rows.length > 5, `${rows.length} rows`);
    const zoneInHeader = headers.some((header) => /\(.+\)/.test(header));
    for (const { cells, broken } of rows) {
      // Every HH:mm of the row, with the zone name after it ('' when none).
      const zones = cells.flatMap((cell) => [...cell.matchAll(/\d\d:\d\d(?![:\d])(?: ([A-Z][A-Za-z0-9+:-]*))?/g)].map((match) => match[1] ?? ''));
      assert.ok(new Set(zones).size <= 1, `one zone per row: ${cells.join(' | ')}`);
      if (!zoneInHeader) assert.ok(zones.every((zone) => zone !== ''), `every time names its zone: ${cells.join(' | ')}`);
      assert.deepStrictEqual(broken, [], `no word broken across lines: ${cells.join(' | ')}`);
    }
    assert.ok(rows.some(({ cells }) => cells.some((cell) => /\d\d:\d\d [A-Z]/.test(cell))), 'some row shows a time with its zone');
    await doc.locator('#show-table').uncheck();
    assert.deepStrictEqual(ui.hostErrors, []);
  });
});
