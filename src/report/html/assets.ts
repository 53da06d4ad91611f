// The HTML report's only stylesheet and script, inlined into the page. The page's
// Content-Security-Policy allows exactly these two (by hash), so nothing else can run
// or load, even if a crafted name slipped past escaping.

/** Status colours, shared by the CSS and the SVG charts (all ≥ 4.5:1 against white). */
export const STATUS_COLOURS = {
  breach: '#b2182b',
  exempted: '#b35806',
  compliant: '#2166ac',
  unknown: '#555555',
} as const;

export const CSS = `
:root { --ink: #1a1a1a; --muted: #4d4d4d; --rule: #c8c8c8; --band: #f4f4f4; --accent: #2166ac;
  --breach: ${STATUS_COLOURS.breach}; --exempted: ${STATUS_COLOURS.exempted}; --compliant: ${STATUS_COLOURS.compliant}; --unknown: ${STATUS_COLOURS.unknown}; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { color: var(--ink); background: #fff; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 1280px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.25rem 0 .5rem; padding-top: .5rem; border-top: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
p { margin: .4rem 0; max-width: 75rem; }
a { color: var(--accent); }
.meta { color: var(--muted); margin: 0 0 .75rem; }
.meta strong { color: var(--ink); }
.warning { border: 2px solid var(--exempted); background: #fff4e5; padding: .5rem .75rem; margin: .75rem 0; }
nav ul { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.kpis { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: .6rem; margin: 1rem 0; }
@media (max-width: 720px) { .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.kpis div { border: 1px solid var(--rule); border-left: 5px solid var(--accent); padding: .45rem .7rem; background: #fff; }
.kpis div.kpi-breach { border-left-color: var(--breach); }
.kpis div.kpi-exempted { border-left-color: var(--exempted); }
.kpis div.kpi-unknown, .kpis div.kpi-data { border-left-color: var(--unknown); }
.kpis dt { font-size: .8rem; color: var(--muted); }
.kpis dd { margin: 0; font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.kpis dd small { font-size: .8rem; font-weight: 400; color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; caption-side: top; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #e9eef5; }
tbody th { font-weight: 600; }
tfoot th, tfoot td { font-weight: 700; background: var(--band); border-top: 2px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wrap { min-width: 15rem; }
.nowrap, .heat td { white-space: nowrap; }
td.source { font-size: .8em; overflow-wrap: anywhere; min-width: 7rem; }
.sub { display: block; font-size: .8em; color: var(--muted); font-weight: 400; }
#findings-table { font-size: .85rem; width: 100%; }
/* any cell text may break, so a long unbroken name (an agency, a path) cannot push the table past the page */
#findings-table td, #findings-table tbody th { overflow-wrap: anywhere; min-width: 4.5rem; }
#findings-table thead th { white-space: nowrap; }
td.code, span.code { font-family: ui-monospace, "Cascadia Mono", Consolas, "Liberation Mono", monospace; font-size: .85em; }
.heat td.h0 { background: #fff; }
.heat td.h1 { background: #fde0d2; }
.heat td.h2 { background: #fcae91; }
.heat td.h3 { background: #fb6a4a; }
.heat td.h4 { background: #a50f15; color: #fff; font-weight: 700; }
.heat td .ex { font-size: .85em; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; font-size: .85rem; color: var(--muted); margin: .25rem 0; padding: 0; list-style: none; }
.legend li { display: inline-flex; align-items: center; gap: .35rem; }
.swatch { display: inline-block; width: 1.4rem; height: .95rem; border: 1px solid #777; text-align: center; font-size: .7rem; line-height: .9rem; color: var(--ink); }
.swatch.h0 { background: #fff; } .swatch.h1 { background: #fde0d2; } .swatch.h2 { background: #fcae91; }
.swatch.h3 { background: #fb6a4a; } .swatch.h4 { background: #a50f15; color: #fff; }
figure { margin: .75rem 0 1.25rem; }
figure svg { width: 100%; height: auto; display: block; max-width: 1200px; }
figcaption { font-size: .9rem; color: var(--muted); margin-top: .3rem; max-width: 75rem; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; fill: var(--ink); }
svg .small { font-size: 11px; }
svg .label { font-size: 12px; }
svg .strong { font-weight: 700; }
svg .muted { fill: var(--muted); }
svg .halo { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg .grid { stroke: #e3e3e3; }
svg .axis { stroke: #777; }
svg .mark.dense { fill-opacity: .45; stroke-opacity: .45; }
details { margin: .25rem 0 .75rem; }
summary { cursor: pointer; color: var(--accent); }
.status { white-space: nowrap; font-weight: 600; }
.status svg { width: .8rem; height: .8rem; vertical-align: -.05rem; margin-right: .25rem; }
.status-breach { color: var(--breach); }
.status-exempted { color: var(--exempted); }
.status-unknown { color: var(--unknown); }
.status-compliant { color: var(--compliant); }
.filter { margin: .5rem 0; display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; }
.filter input { font: inherit; padding: .3rem .5rem; min-width: 20rem; border: 1px solid #767676; }
th button.sort { font: inherit; font-weight: 700; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
th button.sort { text-decoration: underline dotted var(--muted); text-underline-offset: .2em; }
th[aria-sort="ascending"] button.sort::after { content: " \\2191"; color: var(--ink); }
th[aria-sort="descending"] button.sort::after { content: " \\2193"; color: var(--ink); }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  html, body { font-size: 9pt; }
  body { padding: 0; max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav, .filter, .no-print { display: none !important; }
  h2 { margin-top: 1rem; break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; }
  figure, .kpis, tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  table { font-size: 8pt; width: 100%; }
  th, td { padding: .15rem .3rem; }
  figure svg { max-width: 100%; max-height: 170mm; }
  details > summary { display: none; }
  a, th button.sort { color: inherit; text-decoration: none; }
  .kpis dd { font-size: 14pt; }
  .page-break { break-before: page; page-break-before: always; }
}
`;

/** Progressive enhancement only: sortable headers and the findings filter. */
export const SCRIPT = `
(function () {
  'use strict';
  var NUM = /^-?\\d+(\\.\\d+)?$/;
  function key(cell) {
    var v = cell && cell.getAttribute('data-v');
    return v === null || v === undefined ? (cell ? cell.textContent.trim() : '') : v;
  }
  function compare(a, b) {
    if (NUM.test(a) && NUM.test(b)) return parseFloat(a) - parseFloat(b);
    return a.localeCompare(b, 'en-GB', { numeric: true, sensitivity: 'base' });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) return;
    Array.prototype.forEach.call(head.cells, function (th, col) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(key(r1.cells[col]), key(r2.cells[col]));
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  var input = document.getElementById('findings-filter');
  var table = document.getElementById('findings-table');
  var count = document.getElementById('findings-count');
  if (input && table && count) {
    var rows = table.tBodies[0].rows;
    input.parentNode.hidden = false;
    input.addEventListener('input', function () {
      var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown++;
      });
      count.textContent = words.length === 0 ? rows.length + ' findings' : shown + ' of ' + rows.length + ' findings shown';
    });
  }
})();
`;
