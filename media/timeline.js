// Change Radar timeline webview: draws the data the extension posts (src/vscode/views/timelinePanel.ts)
// as SVG, with a table alternative. Every text from the manifest is set with textContent or as an
// attribute value through the DOM API, never parsed as HTML. No network, no eval, no inline handlers.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const HOUR = 3600000;
  const DAY = 24 * HOUR;
  const MIN_SPAN = 6 * HOUR;
  const MAX_SPAN = 366 * DAY; // padded by half a span each side: within the host's 1100-day limit
  const LABEL_WIDTH = 170;
  const AXIS_HEIGHT = 30;
  const LANE_HEIGHT = 40;
  // Sub-rows in a lane: freeze bars (16 px) every 22 px from 5 px down, then incident bars (9 px) every 13 px.
  const FREEZE_TOP = 5;
  const FREEZE_ROW = 22;
  const FREEZE_BAR = 16;
  const INCIDENT_ROW = 13;
  const INCIDENT_BAR = 9;
  const LABEL_GAP = 4;
  const MILESTONE_ROW = 22;

  const initial = safeParse(document.body.dataset.initial) || {};
  // Strings from the extension, translated there (src/vscode/views/timelinePanel.ts).
  const strings = initial.strings || {};
  /** A string from the extension with its `{0}`, `{1}` filled in (text, never markup). */
  function say(key) {
    const args = Array.prototype.slice.call(arguments, 1);
    return String(strings[key] === undefined ? key : strings[key]).replace(/\{(\d)\}/g, (whole, i) => (args[i] === undefined ? whole : String(args[i])));
  }
  const saved = vscode.getState() || {};
  const state = {
    from: numberOr(saved.from, initial.from !== undefined ? initial.from : initial.range && initial.range.from),
    to: numberOr(saved.to, initial.to !== undefined ? initial.to : initial.range && initial.range.to),
    groupBy: saved.groupBy || initial.groupBy || 'system',
    onlyChange: saved.onlyChange !== undefined ? !!saved.onlyChange : !!initial.onlyChange,
    showTable: saved.showTable !== undefined ? !!saved.showTable : !!initial.showTable,
  };
  let data;
  let receivedAt = 0;
  let requestTimer;
  let lastRequest;

  const chart = document.getElementById('chart');
  const tooltip = document.getElementById('tooltip');
  const tableSection = document.getElementById('table-section');
  const empty = document.getElementById('empty');
  const rangeLabel = document.getElementById('range-label');
  const groupBy = document.getElementById('group-by');
  const onlyChange = document.getElementById('only-change');
  const showTable = document.getElementById('show-table');
  groupBy.value = state.groupBy;
  onlyChange.checked = state.onlyChange;
  showTable.checked = state.showTable;

  function safeParse(text) {
    try { return JSON.parse(text || '{}'); } catch { return undefined; }
  }
  function numberOr(value, fallback) {
    return typeof value === 'number' && isFinite(value) ? value : fallback;
  }
  function now() {
    return data ? data.now + (Date.now() - receivedAt) : Date.now();
  }
  function el(name, attributes, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(name, text, parent, className) {
    const node = document.createElement(name);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    if (parent) parent.appendChild(node);
    return node;
  }

  const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
  const timeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });

  // ---------------------------------------------------------------------------------------------
  // View changes

  function save() {
    vscode.setState({ from: state.from, to: state.to, groupBy: state.groupBy, onlyChange: state.onlyChange, showTable: state.showTable });
  }

  function setView(from, to) {
    let span = Math.min(Math.max(to - from, MIN_SPAN), MAX_SPAN);
    const center = (from + to) / 2;
    state.from = Math.round(center - span / 2);
    state.to = Math.round(center + span / 2);
    save();
    render();
    requestData();
  }

  /** Asks the host for data around the view when the view leaves what it has. */
  function requestData(force) {
    const span = state.to - state.from;
    if (!force && data && data.from <= state.from && data.to >= state.to) return;
    const from = Math.round(state.from - span / 2);
    const to = Math.round(state.to + span / 2);
    // Never ask twice for the same range (the answer to it triggers this check again).
    if (!force && lastRequest && lastRequest.from === from && lastRequest.to === to) return;
    lastRequest = { from, to };
    clearTimeout(requestTimer);
    requestTimer = setTimeout(() => vscode.postMessage({ type: 'range', from, to }), force ? 0 : 150);
  }

  function zoom(factor, anchor) {
    const at = anchor !== undefined ? anchor : (state.from + state.to) / 2;
    setView(at - (at - state.from) * factor, at + (state.to - at) * factor);
  }
  function pan(fraction) {
    const shift = (state.to - state.from) * fraction;
    setView(state.from + shift, state.to + shift);
  }
  function today() {
    const span = state.to - state.from;
    const t = now();
    setView(t - span * 0.2, t + span * 0.8);
  }

  document.getElementById('zoom-in').addEventListener('click', () => zoom(0.5));
  document.getElementById('zoom-out').addEventListener('click', () => zoom(2));
  document.getElementById('pan-back').addEventListener('click', () => pan(-0.25));
  document.getElementById('pan-ahead').addEventListener('click', () => pan(0.25));
  document.getElementById('today').addEventListener('click', today);
  groupBy.addEventListener('change', () => { state.groupBy = groupBy.value; save(); render(); });
  onlyChange.addEventListener('change', () => { state.onlyChange = onlyChange.checked; save(); render(); });
  showTable.addEventListener('change', () => { state.showTable = showTable.checked; save(); render(); });

  chart.addEventListener('keydown', (event) => {
    const item = event.target.closest && event.target.closest('[data-key]');
    if (item && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      reveal(item.dataset.key);
      return;
    }
    switch (event.key) {
      case '+': case '=': zoom(0.5); break;
      case '-': case '_': zoom(2); break;
      case 'ArrowLeft': pan(event.shiftKey ? -0.5 : -0.1); break;
      case 'ArrowRight': pan(event.shiftKey ? 0.5 : 0.1); break;
      case 't': case 'T': today(); break;
      default: return;
    }
    event.preventDefault();
  });

  chart.addEventListener('wheel', (event) => {
    const width = chart.clientWidth - LABEL_WIDTH;
    if (width <= 0) return;
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) {
      const x = event.offsetX - LABEL_WIDTH;
      const anchor = state.from + (state.to - state.from) * Math.min(Math.max(x / width, 0), 1);
      zoom(event.deltaY > 0 ? 1.25 : 0.8, anchor);
    } else {
      const delta = Math.abs(event.deltaX) > Math.abs(event.deltaY) ? event.deltaX : event.deltaY;
      pan(delta / width);
    }
  }, { passive: false });

  let drag;
  chart.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || (event.target.closest && event.target.closest('[data-key]'))) return;
    drag = { x: event.clientX, from: state.from, to: state.to, id: event.pointerId };
    chart.setPointerCapture(event.pointerId);
  });
  chart.addEventListener('pointermove', (event) => {
    if (!drag || drag.id !== event.pointerId) return;
    const width = chart.clientWidth - LABEL_WIDTH;
    const shift = -((event.clientX - drag.x) / width) * (drag.to - drag.from);
    state.from = drag.from + shift;
    state.to = drag.to + shift;
    render();
  });
  chart.addEventListener('pointerup', (event) => {
    if (!drag || drag.id !== event.pointerId) return;
    drag = undefined;
    setView(state.from, state.to);
  });

  function reveal(key) {
    vscode.postMessage({ type: 'reveal', key });
  }

  // ---------------------------------------------------------------------------------------------
  // Lanes

  /**
   * Lanes of one folder by the grouping chosen, as the host computed them (src/vscode/views/viewModel/
   * timelineLanes.ts): each with its items and the sub-row of each, so overlapping bars are stacked.
   */
  function lanesOf(folder) {
    const sets = state.onlyChange && folder.changeSystems && folder.changeLanes ? folder.changeLanes : folder.lanes;
    const lanes = (sets && sets[state.groupBy]) || [];
    const prefix = folder.name ? folder.name + ' · ' : '';
    return lanes.map((lane) => ({
      ...lane, label: prefix + laneName(lane), systems: new Set(lane.systems),
      hasMilestones: lane.items.some((index) => folder.items[index] && folder.items[index].kind === 'milestone'),
    }));
  }

  /** A lane's name: the system's title, `Tier 1`, the project id, or `No tier` / `No project` (the panel's strings). */
  function laneName(lane) {
    // A replacer function: the tier is manifest text, and `$&` in it must stay as written.
    if (state.groupBy === 'tier') return lane.name === '' ? String(strings.noTier) : String(strings.tier || '{0}').replace('{0}', () => lane.name);
    if (state.groupBy === 'project') return lane.name === '' ? String(strings.noProject) : lane.name;
    return lane.name;
  }

  /**
   * A lane's height: its freeze sub-rows, then its incident sub-rows (if any), then (when it has any) a strip
   * of milestone markers, so no marker covers a bar or its label (at least the classic 40 px).
   */
  function laneHeight(lane) {
    return Math.max(LANE_HEIGHT, milestoneTop(lane) + (lane.hasMilestones ? MILESTONE_ROW : 0));
  }
  /** The top of a lane's milestone strip, below its incident sub-rows. */
  function milestoneTop(lane) {
    return incidentTop(lane) + (lane.incidentRows > 0 ? (lane.incidentRows - 1) * INCIDENT_ROW + INCIDENT_BAR + 4 : 0);
  }
  /** The top of a lane's first incident sub-row, below its freeze sub-rows. */
  function incidentTop(lane) {
    return FREEZE_TOP - 2 + lane.freezeRows * FREEZE_ROW;
  }

  // ---------------------------------------------------------------------------------------------
  // Drawing

  function tickStep(span) {
    if (span <= 2 * DAY) return { step: 3 * HOUR, format: timeFormat };
    if (span <= 5 * DAY) return { step: 12 * HOUR, format: timeFormat };
    if (span <= 31 * DAY) return { step: DAY, format: dateFormat };
    if (span <= 130 * DAY) return { step: 7 * DAY, format: dateFormat };
    return { step: 0, format: monthFormat };
  }

  function ticks(from, to) {
    const { step, format } = tickStep(to - from);
    const out = [];
    if (step === 0) {
      const d = new Date(from);
      let t = new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime();
      while (t < to) {
        out.push({ at: t, label: format.format(t) });
        const next = new Date(t);
        t = new Date(next.getFullYear(), next.getMonth() + 1, 1).getTime();
      }
      return out;
    }
    const start = new Date(from);
    start.setHours(0, 0, 0, 0);
    if (step === 7 * DAY) start.setDate(start.getDate() - ((start.getDay() + 6) % 7)); // Mondays
    let t = start.getTime();
    let guard = 0;
    while (t < to && guard++ < 400) {
      if (t >= from) out.push({ at: t, label: format.format(t) });
      const next = new Date(t);
      if (step >= DAY) next.setDate(next.getDate() + step / DAY); else next.setTime(t + step);
      t = next.getTime();
    }
    return out;
  }

  /** Redraws, keeping the keyboard focus on the same entry. */
  function render() {
    const active = document.activeElement;
    const focusedKey = active && active.dataset ? active.dataset.key : undefined;
    const focusedChart = active === chart;
    draw();
    if (focusedKey !== undefined) {
      const again = [...chart.querySelectorAll('[data-key]')].find((node) => node.dataset.key === focusedKey);
      if (again) again.focus(); else if (focusedChart || chart.contains(active) === false) chart.focus();
    }
  }

  function draw() {
    rangeLabel.textContent = dateFormat.format(state.from) + ' – ' + dateFormat.format(state.to);
    chart.textContent = '';
    tableSection.textContent = '';
    fonts.clear();
    tableSection.className = state.showTable ? 'table-visible' : 'visually-hidden';
    if (!data) {
      empty.hidden = false;
      empty.textContent = say('reading');
      return;
    }
    const folders = data.folders;
    if (folders.length === 0) {
      empty.hidden = false;
      empty.textContent = say('noManifest');
      return;
    }
    const lanes = [];
    for (const folder of folders) {
      for (const lane of lanesOf(folder)) lanes.push({ folder, lane });
    }
    const truncation = folders.map((f) => f.truncation).find((text) => text);
    empty.hidden = lanes.length > 0 && !folders.some((f) => f.invalid) && !(state.onlyChange && folders.some((f) => !f.changeSystems)) && !truncation;
    empty.textContent = lanes.length === 0
      ? (state.onlyChange ? 'The current change touches no system.' : 'The manifest declares no systems.')
      : folders.some((f) => f.invalid)
        ? 'The manifest has errors: showing what can be read; invalid freezes are treated as in force.'
        : state.onlyChange && folders.some((f) => !f.changeSystems) ? 'The current change is not known yet (git is not available or still starting).'
          : truncation || '';

    const width = Math.max(chart.clientWidth, LABEL_WIDTH + 200);
    const plot = width - LABEL_WIDTH;
    // Each lane as tall as its sub-rows need, one below the other.
    let laneY = AXIS_HEIGHT;
    for (const entry of lanes) {
      entry.y = laneY;
      entry.height = laneHeight(entry.lane);
      laneY += entry.height;
    }
    const height = (lanes.length > 0 ? laneY : AXIS_HEIGHT + LANE_HEIGHT) + 4;
    const span = state.to - state.from;
    const x = (t) => LABEL_WIDTH + ((t - state.from) / span) * plot;
    const clampX = (t) => Math.min(Math.max(x(t), LABEL_WIDTH), width);
    const t = now();

    const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'presentation', class: 'timeline' }, chart);
    const defs = el('defs', {}, svg);
    const hatch = el('pattern', { id: 'hatch', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' }, defs);
    el('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }, hatch);
    const invalidPattern = el('pattern', { id: 'invalid-hatch', patternUnits: 'userSpaceOnUse', width: 8, height: 8, patternTransform: 'rotate(-45)' }, defs);
    el('line', { x1: 0, y1: 0, x2: 0, y2: 8, class: 'invalid-line' }, invalidPattern);
    const clip = el('clipPath', { id: 'plot-clip' }, defs);
    el('rect', { x: LABEL_WIDTH, y: 0, width: plot, height }, clip);

    // Axis and grid
    const axis = el('g', { class: 'axis' }, svg);
    for (const tick of ticks(state.from, state.to)) {
      const tx = x(tick.at);
      el('line', { x1: tx, y1: AXIS_HEIGHT - 6, x2: tx, y2: height, class: 'grid' }, axis);
      const label = el('text', { x: tx + 3, y: AXIS_HEIGHT - 10, class: 'tick' }, axis);
      label.textContent = tick.label;
    }

    // Lanes
    lanes.forEach(({ lane, y, height: laneH }, index) => {
      el('rect', { x: 0, y, width, height: laneH, class: index % 2 === 0 ? 'lane even' : 'lane odd' }, svg);
      const head = el('g', { class: 'lane-head' }, svg);
      const title = el('title', {}, head);
      title.textContent = lane.label + ' (' + lane.title + ')';
      const label = el('text', { x: 8, y: y + LANE_HEIGHT / 2 + 4, class: 'lane-label' }, head);
      label.textContent = fitText(lane.label, LABEL_WIDTH - 16, label);
    });

    const plotArea = el('g', { 'clip-path': 'url(#plot-clip)' }, svg);
    const rows = [];
    lanes.forEach(({ folder, lane, y }, laneIndex) => {
      /** Freeze bars drawn per sub-row, for their labels. */
      const bars = [];
      lane.items.forEach((itemIndex, position) => {
        const item = folder.items[itemIndex];
        if (!item) return;
        const end = item.ongoing ? Math.max(t, item.end) : item.end;
        const start = item.start === undefined ? data.from : item.start;
        if (item.kind !== 'milestone' && (end < state.from || start > state.to)) return;
        if (item.kind === 'milestone' && (start < state.from || start > state.to)) return;
        const row = lane.rows[position] || 0;
        const drawn = drawItem(plotArea, item, { y, row, incidentY: y + incidentTop(lane), milestoneY: y + milestoneTop(lane) + MILESTONE_ROW / 2, start, end, x, clampX, laneIndex, laneLabel: lane.label, laneSystems: lane.systems });
        if (drawn) (bars[row] = bars[row] || []).push(drawn);
      });
      for (const subRow of bars) if (subRow) placeLabels(subRow, width);
    });
    for (const folder of folders) for (const item of folder.items) rows.push({ folder, item });

    // The now line, on top
    if (t >= state.from && t <= state.to) {
      const nx = x(t);
      const line = el('line', { id: 'now-line', x1: nx, y1: AXIS_HEIGHT - 4, x2: nx, y2: height, class: 'now', 'data-now': Math.round(t) }, svg);
      const title = el('title', {}, line);
      title.textContent = say('nowTitle', timeFormat.format(t));
      const label = el('text', { x: nx + 3, y: 11, class: 'now-label' }, svg);
      label.textContent = say('now');
    }
    renderTable(rows);
  }

  function drawItem(parent, item, { y, row, incidentY, milestoneY, start, end, x, clampX, laneIndex, laneLabel, laneSystems }) {
    // Overrides drawn only on the lanes they reach: hatched where one covers the lane's whole scope,
    // a thin "partly overridden" strip where it covers only some paths.
    const parts = item.overridden.filter((part) => !part.systems || part.systems.some((id) => laneSystems.has(id)));
    const classes = ['item', item.kind];
    if (item.enforcement) classes.push(item.enforcement);
    if (item.invalid) classes.push('invalid');
    if (item.severity) classes.push(item.severity);
    if (item.atRisk) classes.push('at-risk');
    if (item.ongoing) classes.push('ongoing');
    if (parts.some((part) => !part.partial)) classes.push('overridden');
    else if (parts.length > 0) classes.push('partly-overridden');
    const group = el('g', {
      class: classes.join(' '), tabindex: 0, role: 'button', 'data-key': item.key, 'data-id': item.id, 'data-kind': item.kind,
      'aria-label': item.label + ' — lane ' + laneLabel + '. Press Enter to open it in the manifest.',
      'data-lane': laneIndex, 'data-row': row,
    }, parent);
    let drawn;
    if (item.kind === 'freeze') {
      const x1 = clampX(start);
      const x2 = Math.max(clampX(end), x1 + 2);
      const top = y + FREEZE_TOP + row * FREEZE_ROW;
      el('rect', { x: x1, y: top, width: x2 - x1, height: FREEZE_BAR, rx: 2, class: 'bar' }, group);
      if (item.invalid) el('rect', { x: x1, y: top, width: x2 - x1, height: FREEZE_BAR, class: 'invalid-fill' }, group);
      for (const part of parts) {
        const o1 = clampX(part.start);
        const o2 = Math.max(clampX(part.end), o1 + 1);
        if (part.partial) el('rect', { x: o1, y: top + 12, width: o2 - o1, height: 4, class: 'override partial' }, group);
        else el('rect', { x: o1, y: top, width: o2 - o1, height: FREEZE_BAR, class: 'override' }, group);
      }
      drawn = { group, item, x1, x2, top };
    } else if (item.kind === 'incident') {
      const x1 = clampX(start);
      const x2 = Math.max(clampX(end), x1 + 3);
      el('rect', { x: x1, y: incidentY + row * INCIDENT_ROW, width: x2 - x1, height: INCIDENT_BAR, rx: 4, class: 'bar' }, group);
    } else {
      const mx = x(start);
      const my = milestoneY;
      el('polygon', { points: `${mx},${my - 9} ${mx + 9},${my} ${mx},${my + 9} ${mx - 9},${my}`, class: 'marker' }, group);
      if (item.atRisk) {
        el('circle', { cx: mx + 9, cy: my - 9, r: 5, class: 'risk-badge' }, group);
        const bang = el('text', { x: mx + 9, y: my - 6, class: 'risk-text', 'text-anchor': 'middle' }, group);
        bang.textContent = '!';
      }
    }
    group.addEventListener('click', () => reveal(item.key));
    group.addEventListener('pointerenter', (event) => showTooltip(item, event.clientX, event.clientY));
    group.addEventListener('pointermove', (event) => moveTooltip(event.clientX, event.clientY));
    group.addEventListener('pointerleave', hideTooltip);
    group.addEventListener('focus', () => {
      const box = group.getBoundingClientRect();
      showTooltip(item, box.left + Math.min(box.width, 40), box.bottom);
    });
    group.addEventListener('blur', hideTooltip);
    return drawn;
  }

  const measureContexts = new Map();
  const fonts = new Map();
  const measured = new Map();
  /** The width in px of a text, measured in the font `sample` (an element of the same class) is drawn in. */
  function textWidth(text, sample) {
    // The font of a class is read once per draw (a theme change redraws).
    const kind = sample.getAttribute('class') || '';
    let font = fonts.get(kind);
    if (font === undefined) {
      const style = getComputedStyle(sample);
      font = [style.fontStyle, style.fontWeight, style.fontSize, style.fontFamily].join(' ');
      fonts.set(kind, font);
    }
    let context = measureContexts.get(font);
    if (!context) {
      context = document.createElement('canvas').getContext('2d');
      context.font = font;
      measureContexts.set(font, context);
    }
    const key = font + '\u0000' + text;
    let width = measured.get(key);
    if (width === undefined) {
      width = context.measureText(text).width;
      measured.set(key, width);
    }
    return width;
  }

  /** The text, or its longest start that fits `space` px with an ellipsis (the caller gives it a hover with the whole text). */
  function fitText(text, space, sample) {
    if (textWidth(text, sample) <= space) return text;
    let low = 0;
    let high = text.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (textWidth(text.slice(0, mid) + '…', sample) <= space) low = mid; else high = mid - 1;
    }
    return text.slice(0, low) + '…';
  }

  /**
   * The labels of one sub-row's freeze bars, left to right, never cut: inside the bar when it fits,
   * else right of it when there is room before the next bar (or the edge), else left of it when
   * there is room after the previous bar or label; else no label, and the bar's hover and its aria
   * label (which name the freeze) carry it. `data-label` says which, for tests.
   */
  function placeLabels(bars, width) {
    bars.sort((a, b) => a.x1 - b.x1);
    let free = LABEL_WIDTH; // everything left of this is taken by a bar or a label
    bars.forEach((bar, index) => {
      const next = bars[index + 1];
      const limit = next ? next.x1 : width;
      const text = el('text', { y: bar.top + 12, class: 'bar-label' }, bar.group);
      text.textContent = bar.item.id;
      const w = textWidth(bar.item.id, text);
      let at;
      let place;
      if (w + 2 * LABEL_GAP <= bar.x2 - bar.x1) { at = bar.x1 + LABEL_GAP; place = 'inside'; }
      else if (bar.x2 + 2 * LABEL_GAP + w <= limit) { at = bar.x2 + LABEL_GAP; place = 'right'; }
      else if (bar.x1 - 2 * LABEL_GAP - w >= free) { at = bar.x1 - LABEL_GAP - w; place = 'left'; }
      else place = 'hover';
      bar.group.setAttribute('data-label', place);
      if (at === undefined) {
        text.remove();
        free = Math.max(free, bar.x2);
        return;
      }
      text.setAttribute('x', at);
      if (place !== 'inside') text.classList.add('beside');
      free = Math.max(free, bar.x2, at + w);
    });
  }

  function showTooltip(item, cx, cy) {
    tooltip.textContent = '';
    item.details.forEach((line, index) => html('div', line, tooltip, index === 0 ? 'tooltip-title' : undefined));
    tooltip.hidden = false;
    moveTooltip(cx, cy);
  }
  function moveTooltip(cx, cy) {
    const box = tooltip.getBoundingClientRect();
    const left = Math.min(cx + 12, window.innerWidth - box.width - 8);
    const top = cy + 14 + box.height > window.innerHeight ? cy - box.height - 10 : cy + 14;
    tooltip.style.left = Math.max(4, left) + 'px';
    tooltip.style.top = Math.max(4, top) + 'px';
  }
  function hideTooltip() {
    tooltip.hidden = true;
  }

  function renderTable(rows) {
    const visible = rows
      .filter(({ item }) => {
        const end = item.ongoing ? Math.max(now(), item.end) : item.end;
        const start = item.start === undefined ? data.from : item.start;
        return start <= state.to && end >= state.from;
      })
      .filter(({ folder, item }) => !state.onlyChange || !folder.changeSystems || item.systems.some((id) => folder.changeSystems.includes(id)))
      .sort((a, b) => (a.item.start === undefined ? data.from : a.item.start) - (b.item.start === undefined ? data.from : b.item.start));
    const table = html('table', undefined, tableSection);
    html('caption', say('caption', dateFormat.format(state.from), dateFormat.format(state.to)), table);
    const head = html('tr', undefined, html('thead', undefined, table));
    for (const name of [say('kind'), say('entry'), say('start'), say('end'), say('systems'), say('details'), '']) {
      const th = html('th', name, head);
      th.setAttribute('scope', 'col');
    }
    const body = html('tbody', undefined, table);
    for (const { item } of visible) {
      const tr = html('tr', undefined, body);
      tr.dataset.key = item.key;
      html('td', say('kind.' + item.kind) + (item.enforcement ? ' (' + say('enforcement.' + item.enforcement) + ')' : '') + (item.severity ? ' ' + item.severity : ''), tr);
      html('th', item.id + ': ' + item.title, tr).setAttribute('scope', 'row');
      // Start and end in the entry's zone, each naming it (the host writes them, as the hover's lines).
      html('td', item.table.start, tr, 'time');
      html('td', item.table.end, tr, 'time');
      html('td', item.systems.join(', '), tr);
      html('td', item.table.details.join(' · '), tr);
      const cell = html('td', undefined, tr);
      const button = html('button', say('open'), cell);
      button.type = 'button';
      button.setAttribute('aria-label', say('openLabel', item.id));
      button.addEventListener('click', () => reveal(item.key));
    }
    if (visible.length === 0) html('p', say('nothing'), tableSection);
  }

  // ---------------------------------------------------------------------------------------------

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'data' || !message.data) return;
    data = message.data;
    receivedAt = Date.now();
    if (typeof state.from !== 'number' || typeof state.to !== 'number') {
      state.from = data.now - 14 * DAY;
      state.to = data.now + 56 * DAY;
      save();
    }
    render();
    requestData();
  });
  window.addEventListener('resize', () => render());
  // The now line moves (and ongoing incidents grow) as time passes.
  setInterval(() => { if (data) render(); }, 30000);

  render();
  vscode.postMessage({ type: 'ready' });
  if (typeof state.from === 'number' && typeof state.to === 'number') requestData(true);
})();
