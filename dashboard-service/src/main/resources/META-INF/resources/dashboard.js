// The dashboard page: renders a snapshot (GET api/snapshot, then one per server-sent event of
// api/events) into the panels. The server computes every number; this file only lays them out.
'use strict';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const DEFAULT_MONTHS = ['January', 'February', 'March'];
const PALETTE = ['#2f6fdf', '#e8684a', '#1f9d55', '#f6bd16', '#9270ca', '#269a99', '#ff99c3', '#5d7092',
  '#b8741a', '#6dc8ec', '#945fb9', '#ff9845', '#1e9493', '#c2c8d5'];
const STAGE_COLORS = ['#2f6fdf', '#f6bd16', '#1f9d55'];

const charts = {};
const sparks = new Map();
let selectedMonth = null;
let latest = null;

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  children.forEach(c => e.append(c));
  return e;
};
const fmt = n => n == null ? '–' : Number(n).toLocaleString('en-US');
const deg = n => n == null ? '–' : Number(n).toFixed(2);
const colorOf = (station, all) => PALETTE[Math.max(0, all.indexOf(station)) % PALETTE.length];

function chart(id) {
  if (typeof echarts === 'undefined') return null;
  if (!charts[id]) charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'svg' });
  return charts[id];
}

function problems(section, list) {
  const ul = $('.problems', section);
  ul.replaceChildren(...list.map(p => el('li', { text: p })));
  section.classList.toggle('has-problems', list.length > 0);
}

function renderComponents(components) {
  $('#components').replaceChildren(...components.map(c => el('span', {
    class: 'chip', 'data-component': c.name, 'data-state': c.state,
    title: (c.url ? c.url + ' — ' : '') + c.state + (c.detail ? ': ' + c.detail : '')
  }, el('span', { class: 'dot' }), el('span', { class: 'name', text: c.name }),
    el('span', { class: 'kind', text: c.state === 'up' ? (c.kind === 'server' ? 'server' : '') : c.state }))));
}

function renderPipeline(p) {
  const section = $('#pipeline');
  problems(section, p.problems);
  $('#mysql-newest').textContent = fmt(p.mysqlNewestId);
  $('#producer-sent').textContent = fmt(p.producerLastSentId);
  $('#not-yet-sent').textContent = fmt(p.notYetSent);
  $('#partitions tbody').replaceChildren(...p.partitions.map(r => el('tr', { 'data-partition': r.partition },
    el('td', { text: r.partition }),
    el('td', { class: r.assigned ? '' : 'muted', text: (r.consumer || 'no consumer') + (r.consumer && !r.assigned ? ' (not assigned)' : '') }),
    el('td', { class: 'num batch', text: fmt(r.batchId) }),
    el('td', { class: 'num offset', text: fmt(r.offset) }),
    el('td', { class: 'num end', text: fmt(r.endOffset) }),
    el('td', { class: 'num lag', text: fmt(r.lag) }))));
  const t = p.throughput;
  const names = Object.keys(t.perBucket);
  $('#rates').textContent = '· last ' + Math.round(t.windowMillis / 1000) + ' s: ' + names.map(n => n + ' ' + (t.recent[n] == null ? '–' : Math.round(t.recent[n])))
    .join(' · ');
  const c = chart('throughput-chart');
  if (!c) return;
  // Only the part of the span the dashboard has samples for (it keeps them in memory since its start).
  let first = t.bucketEnds.findIndex((_, i) => names.some(n => t.perBucket[n][i] != null));
  if (first < 0) first = t.bucketEnds.length - 1;
  first = Math.min(first, Math.max(0, t.bucketEnds.length - 12));
  const labels = t.bucketEnds.slice(first).map(ms => new Date(ms).toLocaleTimeString('en-GB'));
  c.setOption({
    animation: false, color: STAGE_COLORS,
    grid: { left: 48, right: 12, top: 28, bottom: 24 },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 10 } },
    yAxis: { type: 'value', axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: '#eef1f6' } } },
    series: names.map(n => ({ name: n, type: 'line', showSymbol: false, connectNulls: false,
      data: t.perBucket[n].slice(first).map(v => v == null ? null : Math.round(v * 10) / 10) }))
  });
}

function renderStations(s) {
  const section = $('#stations');
  problems(section, s.problems);
  const body = $('#station-table tbody');
  const seen = new Set();
  s.rows.forEach((r, i) => {
    seen.add(r.id);
    let tr = body.querySelector(`tr[data-station="${CSS.escape(r.id)}"]`);
    if (!tr) {
      tr = el('tr', { 'data-station': r.id },
        el('td', { class: 'id', text: r.id }), el('td', { class: 'state' }), el('td', { class: 'date' }),
        el('td', { class: 'num degrees' }), el('td', {}, el('div', { class: 'spark' })), el('td', { class: 'action' }));
      body.append(tr);
    }
    if (body.children[i] !== tr) body.insertBefore(tr, body.children[i]);
    const state = r.active == null ? 'unknown' : r.active ? 'active' : 'stopped';
    $('.state', tr).replaceChildren(el('span', { class: 'badge ' + state, text: state }));
    $('.date', tr).textContent = r.date || '–';
    $('.degrees', tr).textContent = deg(r.degrees);
    const action = $('.action', tr);
    if (r.active && !$('button', action)) {
      action.replaceChildren(el('button', { class: 'stop', type: 'button', 'data-stop': r.id, text: 'Stop' }));
    } else if (!r.active) {
      action.replaceChildren();
    }
    spark(tr, r);
  });
  [...body.children].forEach(tr => { if (!seen.has(tr.dataset.station)) { sparks.delete(tr.dataset.station); tr.remove(); } });
  body.classList.toggle('stale', s.problems.length > 0 && s.rows.length > 0);
}

function spark(tr, r) {
  if (typeof echarts === 'undefined') return;
  const div = $('.spark', tr);
  let c = sparks.get(r.id);
  if (!c || c.getDom() !== div) {
    c = echarts.init(div, null, { renderer: 'svg' });
    sparks.set(r.id, c);
  }
  c.setOption({
    animation: false, grid: { left: 2, right: 2, top: 3, bottom: 3 },
    xAxis: { type: 'category', show: false, data: r.recent.map(d => d.date) },
    yAxis: { type: 'value', show: false, scale: true },
    tooltip: { trigger: 'axis', formatter: ps => ps[0].name + ': ' + deg(ps[0].value) + ' °C', textStyle: { fontSize: 11 } },
    series: [{ type: 'line', data: r.recent.map(d => d.degrees), showSymbol: false, smooth: true,
      lineStyle: { width: 1.6, color: r.active === false ? '#a0a8b8' : '#2f6fdf' },
      areaStyle: { color: r.active === false ? 'rgba(160,168,184,.12)' : 'rgba(47,111,223,.10)' } }]
  });
}

function renderMonths(m) {
  const section = $('#months');
  problems(section, m.problems);
  const withData = m.months.map(c => c.month);
  if (selectedMonth == null && m.months.length > 0) {
    // The month of the newest data: the latest year, and the latest month within it.
    const newest = [...m.months].sort((a, b) => a.year - b.year || MONTHS.indexOf(a.month) - MONTHS.indexOf(b.month)).pop();
    selectedMonth = newest.month;
    $('#month-select').value = selectedMonth;
  }
  const chosen = selectedMonth || 'April';
  const shown = DEFAULT_MONTHS.includes(chosen) ? DEFAULT_MONTHS : [...DEFAULT_MONTHS, chosen];
  $('#svg-link').href = 'plot/month.svg?months=' + shown.join(',');
  const columns = shown.map(name => m.months.find(c => c.month === name)).filter(c => c);
  const column = m.months.find(c => c.month === chosen);
  $('#month-head').textContent = column ? `${chosen} ${column.year}, average daily maximum °C` : `${chosen}: no readings yet`;
  $('#month-table').replaceChildren(...(column ? Object.entries(column.averageByStation) : []).map(([st, avg]) =>
    el('div', { class: 'avg-item', 'data-station': st }, el('span', { text: st }), el('b', { class: 'avg', text: deg(avg) }))));
  const c = chart('months-chart');
  if (!c) return;
  c.setOption({
    animation: false, color: PALETTE,
    grid: { left: 52, right: 10, top: 48, bottom: 24 },
    legend: { top: 0, itemWidth: 10, itemHeight: 8, itemGap: 8, textStyle: { fontSize: 10 } },
    tooltip: { trigger: 'axis', valueFormatter: v => deg(v) + ' °C' },
    xAxis: { type: 'category', data: columns.map(c => c.month.slice(0, 3) + ' ' + c.year) },
    yAxis: { type: 'value', axisLabel: { fontSize: 10, formatter: '{value} °C' }, splitLine: { lineStyle: { color: '#eef1f6' } } },
    series: m.stations.map(st => ({ name: st, type: 'bar', barMaxWidth: 14,
      data: columns.map(c => c.averageByStation[st] == null ? null : Math.round(c.averageByStation[st] * 100) / 100) }))
  }, { replaceMerge: ['series'] });
  section.dataset.months = withData.join(',');
}

function renderAlerts(a) {
  const section = $('#alerts');
  problems(section, a.problems);
  const counts = Object.entries(a.countByStation);
  $('#alert-counts').replaceChildren(...(counts.length ? counts.map(([st, n]) =>
    el('span', { class: 'count', 'data-station': st }, st + ' ', el('b', { text: fmt(n) })))
    : a.problems.length ? [] : [el('span', { class: 'empty', text: 'no alerts yet' })]));
  $('#alert-table tbody').replaceChildren(...a.latest.map(x => el('tr', { 'data-station': x.station },
    el('td', { class: 'date', text: x.date || '–' }), el('td', { class: 'station', text: x.station }),
    el('td', { class: 'num degrees', text: deg(x.degrees) }))));
}

function renderWindows(w) {
  const section = $('#windows');
  problems(section, w.problems);
  const open = w.open;
  const openBox = $('#open-window');
  if (open) {
    openBox.replaceChildren(el('div', { class: 'muted', text: `open window #${open.id} since ${time(open.start)}` }),
      el('div', { class: 'total', 'data-window': open.id, text: fmt(open.total) + ' records' }),
      el('div', { class: 'muted', text: Object.entries(open.byStation).map(([s, n]) => s + ' ' + n).join(' · ') }));
  } else {
    openBox.replaceChildren(el('div', { class: 'empty', text: 'no open window known' }));
  }
  $('#window-table tbody').replaceChildren(...[...w.closed].reverse().map(x => el('tr', { 'data-window': x.id },
    el('td', { text: '#' + x.id }), el('td', { text: time(x.start) }), el('td', { class: 'num total', text: fmt(x.total) }))));
  const all = open ? [...w.closed, open] : w.closed;
  $('#windows-chart').hidden = all.length === 0;
  $('#windows-empty').hidden = all.length > 0;
  const c = all.length ? chart('windows-chart') : null;
  if (!c) return;
  c.setOption({
    animation: false, color: PALETTE,
    grid: { left: 48, right: 10, top: 34, bottom: 24 },
    legend: { top: 0, itemWidth: 10, itemHeight: 8, itemGap: 8, textStyle: { fontSize: 10 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: all.map(x => '#' + x.id + (x === open ? ' (open)' : '')) },
    yAxis: { type: 'value', axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: '#eef1f6' } } },
    series: w.stations.map(st => ({ name: st, type: 'bar', stack: 'records',
      data: all.map(x => ({ value: x.byStation[st] || 0, itemStyle: x === open ? { opacity: 0.45 } : {} })) }))
  }, { replaceMerge: ['series'] });
}

function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleTimeString('en-GB');
}

function render(snapshot) {
  latest = snapshot;
  renderComponents(snapshot.components);
  renderPipeline(snapshot.pipeline);
  renderStations(snapshot.stations);
  renderMonths(snapshot.months);
  renderAlerts(snapshot.alerts);
  renderWindows(snapshot.windows);
  const live = $('#live');
  live.classList.remove('offline', 'flash');
  void live.offsetWidth;
  live.classList.add('flash');
  $('#live-text').textContent = 'live · ' + new Date(snapshot.at).toLocaleTimeString('en-GB');
  document.body.dataset.snapshotAt = snapshot.at;
}

function connect() {
  const events = new EventSource('api/events');
  events.onmessage = e => render(JSON.parse(e.data));
  events.onerror = () => {
    $('#live').classList.add('offline');
    $('#live-text').textContent = 'dashboard not answering, retrying…';
  };
}

// The write token, when the page asks for it: kept for this tab only (sessionStorage), sent as a bearer token.
function writeHeaders(extra) {
  const field = $('#api-token');
  const headers = Object.assign({}, extra);
  if (field && field.value) {
    sessionStorage.setItem('weather-api-token', field.value);
    headers['Authorization'] = 'Bearer ' + field.value;
  }
  return headers;
}

async function addStation(e) {
  e.preventDefault();
  const input = $('#station-id');
  const result = $('#add-result');
  result.className = 'form-result';
  result.textContent = 'adding…';
  try {
    const r = await fetch('api/stations', { method: 'POST', headers: writeHeaders({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ station_id: input.value }) });
    const text = await r.text();
    let answer = {};
    try { answer = text ? JSON.parse(text) : {}; } catch (ignored) { answer = { error: text }; }
    if (r.ok) {
      result.className = 'form-result ok';
      result.textContent = `${answer.station_id || input.value} added`;
      input.value = '';
    } else {
      result.className = 'form-result error';
      result.textContent = answer.error || ('HTTP ' + r.status);
    }
  } catch (err) {
    result.className = 'form-result error';
    result.textContent = 'the dashboard did not answer: ' + err;
  }
}

async function stopStation(id, button) {
  button.disabled = true;
  const result = $('#add-result');
  const r = await fetch('api/stations/' + encodeURIComponent(id), { method: 'DELETE', headers: writeHeaders({}) });
  if (!r.ok) {
    const text = await r.text();
    let answer = {};
    try { answer = JSON.parse(text); } catch (ignored) { answer = { error: text }; }
    result.className = 'form-result error';
    result.textContent = answer.error || ('HTTP ' + r.status);
    button.disabled = false;
  } else {
    result.className = 'form-result ok';
    result.textContent = `${id} stopped`;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('#add-station').addEventListener('submit', addStation);
  const tokenField = $('#api-token');
  if (tokenField) tokenField.value = sessionStorage.getItem('weather-api-token') || '';
  $('#station-table').addEventListener('click', e => {
    const b = e.target.closest('button[data-stop]');
    if (b) stopStation(b.dataset.stop, b);
  });
  $('#month-select').addEventListener('change', e => {
    selectedMonth = e.target.value;
    if (latest) renderMonths(latest.months);
  });
  window.addEventListener('resize', () => {
    Object.values(charts).forEach(c => c.resize());
    sparks.forEach(c => c.resize());
  });
  const boot = $('#boot').dataset.snapshot;
  if (boot) render(JSON.parse(boot));
  connect();
});
