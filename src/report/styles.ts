/**
 * The report's inline stylesheet: readable on screen and in print, no web
 * fonts or images (the page must render offline).
 */

/** CSS of the report page. */
export const REPORT_CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #4c78a8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 40px 0 8px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
p { margin: 6px 0; }
.subtitle, .muted, figcaption, footer { color: var(--muted); }
nav { margin: 14px 0 0; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 14px; }
nav a { color: var(--accent); text-decoration: none; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 18px 0 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 140px; background: var(--soft); }
.card .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.card .value { font-size: 18px; font-weight: 600; overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th { background: var(--soft); font-weight: 600; }
th:first-child, td:first-child, td.text { text-align: left; }
tr.best td { font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 20px 28px; align-items: flex-start; }
figure.chart { margin: 0; max-width: 100%; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 13px; max-width: 520px; margin-top: 4px; }
.small-multiples figure.chart svg { max-width: 280px; }
.note { border-left: 3px solid var(--accent); background: var(--soft); padding: 8px 12px; margin: 10px 0; }
footer { margin-top: 48px; font-size: 13px; border-top: 1px solid var(--line); padding-top: 10px; }
@media print { h2 { break-after: avoid; } figure.chart { break-inside: avoid; } nav { display: none; } }
`;
