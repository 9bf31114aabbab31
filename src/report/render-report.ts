/**
 * `renderReport`: one self-contained HTML page from a {@link ReportInput}.
 * Charts are rendered to inline SVG here, so viewing needs no script, no
 * network and no other file; a Content-Security-Policy meta tag forbids
 * scripts and remote loads outright. All text from data is HTML-escaped.
 */
import { confusionMatrix } from '../metrics/index.js';
import {
  calibrationChart,
  classificationCurves,
  confusionMatrixChart,
  featureImportanceChart,
  leaderboardChart,
  learningCurveChart,
  missingValuesChart,
  precisionRecallChart,
  predictionErrorChart,
  residualsChart,
  rocCurveChart,
  toSVG,
  type VegaLiteSpec,
} from '../viz/index.js';
import { escapeHtml } from './escape.js';
import type {
  ColumnSummary,
  DataSummary,
  LeaderboardInput,
  ModelSection,
  ReportInput,
  ReportTask,
} from './report-input.js';
import { REPORT_CSS } from './styles.js';

/** Metrics where a smaller value is better. */
const LOWER_IS_BETTER = new Set(['rmse', 'mae', 'mse', 'log_loss', 'fit_time']);

const METRIC_NAMES: Record<string, string> = {
  accuracy: 'accuracy',
  f1_macro: 'F1 (macro)',
  roc_auc: 'ROC AUC',
  r2: 'R²',
  rmse: 'RMSE',
  mae: 'MAE',
};

const metricName = (m: string): string => METRIC_NAMES[m] ?? m;

/**
 * A number for a table cell: integers as they are, others to 4 significant
 * decimals, NaN/absent as `n/a`/empty.
 * @example formatNumber(0.786123) // '0.7861'
 */
export function formatNumber(v: number | undefined): string {
  if (v === undefined) return '';
  if (Number.isNaN(v)) return 'n/a';
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  if (abs >= 1e5 || abs < 1e-3) return v.toPrecision(4);
  return abs >= 100 ? v.toFixed(2) : v.toFixed(4);
}

/** Makes every `id` of one SVG unique within the page (Vega numbers clip paths per process, not per page). */
function scopeIds(svg: string, scope: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${scope}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${scope}-${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${scope}-${id}"`);
}

/** Renders charts, numbering them so their SVG ids never collide. */
class ChartRenderer {
  #count = 0;

  async figure(key: string, spec: VegaLiteSpec, caption?: string): Promise<string> {
    const n = ++this.#count;
    const svg = scopeIds(await toSVG(spec), `c${n}`);
    const cap = caption === undefined ? '' : `<figcaption>${escapeHtml(caption)}</figcaption>`;
    return `<figure class="chart" data-chart="${escapeHtml(key)}">${svg}${cap}</figure>`;
  }
}

/** An HTML table; cells of `textColumns` are left-aligned text, the others right-aligned numbers. */
function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  textColumns: ReadonlySet<number>,
  rowClass?: (i: number) => string,
): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((r, i) => {
      const cls = rowClass?.(i) ?? '';
      const cells = r.map((c, j) => `<td${j > 0 && textColumns.has(j) ? ' class="text"' : ''}>${escapeHtml(c)}</td>`);
      return `<tr${cls ? ` class="${cls}"` : ''}>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function card(label: string, value: string): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div></div>`;
}

function meanStd(mean: number, std: number): string {
  return Number.isNaN(mean) ? 'n/a' : `${mean.toFixed(4)} ± ${std.toFixed(4)}`;
}

function summaryCards(input: ReportInput): string {
  const cards = [card('task', input.task), card('target', input.target)];
  if (input.data) cards.push(card('rows × columns', `${input.data.nRows} × ${input.data.nColumns}`));
  const top = input.leaderboard?.entries[0];
  const primary = input.leaderboard?.metrics[0];
  if (top && primary) {
    cards.push(card('best model', top.model));
    const s = top.metrics[primary];
    if (s) cards.push(card(`${metricName(primary)} (${input.leaderboard?.cv}-fold)`, meanStd(s.mean, s.std)));
  } else if (input.model) cards.push(card('model', input.model.name));
  return `<div class="cards">${cards.join('')}</div>`;
}

function dataTable(columns: readonly ColumnSummary[]): string {
  const header = [
    'column',
    'type',
    'use',
    'count',
    'missing',
    'mean',
    'std',
    'min',
    'median',
    'max',
    'unique',
    'top',
    'freq',
  ];
  const rows = columns.map((c) => [
    c.name,
    c.dtype,
    c.use,
    formatNumber(c.count),
    formatNumber(c.missing),
    formatNumber(c.mean),
    formatNumber(c.std),
    formatNumber(c.min),
    formatNumber(c.median),
    formatNumber(c.max),
    formatNumber(c.unique),
    c.top ?? '',
    formatNumber(c.freq),
  ]);
  return table(header, rows, new Set([0, 1, 2, 11]));
}

async function dataSection(data: DataSummary, charts: ChartRenderer): Promise<string> {
  const parts = [
    '<section id="data"><h2>Data</h2>',
    `<p>${escapeHtml(data.source)}: ${data.nRows} rows × ${data.nColumns} columns. Statistics as pandas' <code>describe</code>; missing values are counted per column.</p>`,
    dataTable(data.columns),
    '<div class="charts">',
    await charts.figure(
      'missing-values',
      missingValuesChart(data.columns.map((c) => ({ name: c.name, missing: c.missing, total: c.count + c.missing }))),
    ),
    '</div>',
  ];
  if (data.charts.length > 0) {
    parts.push('<h3>Distributions</h3><div class="charts small-multiples">');
    for (const c of data.charts) parts.push(await charts.figure(`distribution-${c.column}`, c.spec));
    parts.push('</div>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

async function leaderboardSection(lb: LeaderboardInput, charts: ChartRenderer): Promise<string> {
  const hasTime = lb.entries.some((e) => e.fitTime !== undefined);
  const header = ['#', 'model', ...lb.metrics.map(metricName), ...(hasTime ? ['fit time'] : [])];
  const rows = lb.entries.map((e, i) => [
    String(i + 1),
    e.model,
    ...lb.metrics.map((m) => (e.metrics[m] ? meanStd(e.metrics[m].mean, e.metrics[m].std) : '')),
    ...(hasTime ? [e.fitTime === undefined ? '' : `${e.fitTime.toFixed(3)} s`] : []),
  ]);
  const primary = lb.metrics[0];
  const direction = LOWER_IS_BETTER.has(primary) ? 'lowest' : 'highest';
  return [
    '<section id="leaderboard"><h2>Leaderboard</h2>',
    `<p>${lb.cv}-fold cross-validation, mean ± standard deviation over the folds; ranked by ${escapeHtml(metricName(primary))} (${direction} first).</p>`,
    table(header, rows, new Set([1]), (i) => (i === 0 ? 'best' : '')),
    '<div class="charts">',
    await charts.figure('leaderboard', leaderboardChart(lb.entries, { metrics: lb.metrics })),
    '</div></section>',
  ].join('\n');
}

async function classificationCharts(model: ModelSection, charts: ChartRenderer): Promise<string[]> {
  const c = model.classification;
  if (c === undefined) return [];
  const C = confusionMatrix(c.yTrue, c.yPred, { labels: c.classes });
  const out = [
    await charts.figure(
      'confusion-matrix',
      confusionMatrixChart(C, c.classes),
      'Counts of true (rows) against predicted (columns) labels.',
    ),
    await charts.figure(
      'confusion-matrix-normalized',
      confusionMatrixChart(C, c.classes, { normalize: 'true', title: 'Confusion matrix (normalized by true label)' }),
      'Each row sums to 1: the diagonal is the recall of each class.',
    ),
  ];
  if (c.proba === undefined || c.classes.length < 2) return out;
  const curves = classificationCurves(c.yTrue, c.proba, c.classes, { nBins: 5 });
  const ovr = c.classes.length > 2 ? ' (one-vs-rest, per class)' : ` (positive class '${c.classes[1]}')`;
  if (curves.roc.length > 0) {
    out.push(await charts.figure('roc', rocCurveChart(curves.roc), `ROC curve${ovr}; the dashed diagonal is chance.`));
    out.push(
      await charts.figure(
        'precision-recall',
        precisionRecallChart(curves.precisionRecall),
        `Precision-recall curve${ovr}.`,
      ),
    );
    out.push(
      await charts.figure(
        'calibration',
        calibrationChart(curves.calibration),
        `Reliability diagram, 5 uniform bins${ovr}: points on the diagonal mean the predicted probabilities can be taken at face value.`,
      ),
    );
  }
  return out;
}

async function regressionCharts(model: ModelSection, charts: ChartRenderer): Promise<string[]> {
  const r = model.regression;
  if (r === undefined) return [];
  return [
    await charts.figure('residuals', residualsChart(r.yTrue, r.yPred), 'Residuals should scatter evenly around zero.'),
    await charts.figure(
      'prediction-error',
      predictionErrorChart(r.yTrue, r.yPred),
      'Points on the diagonal are perfect predictions.',
    ),
  ];
}

async function modelSection(model: ModelSection, task: ReportTask, charts: ChartRenderer): Promise<string> {
  const scores = Object.entries(model.scores);
  const parts = [
    `<section id="model"><h2>Model: ${escapeHtml(model.name)}</h2>`,
    `<p>${escapeHtml(model.evaluation)}</p>`,
    table(
      ['metric', ...scores.map(([m]) => metricName(m))],
      [['out-of-fold', ...scores.map(([, v]) => formatNumber(v))]],
      new Set([0]),
    ),
    '<div class="charts">',
    ...(task === 'classification' ? await classificationCharts(model, charts) : await regressionCharts(model, charts)),
    '</div>',
  ];
  if (task === 'classification' && model.classification?.proba === undefined) {
    parts.push(
      '<p class="note">This model gives no probabilities (no predictProba): no ROC, precision-recall or calibration curve.</p>',
    );
  }
  parts.push('</section>');
  const fi = model.featureImportance;
  if (fi !== undefined) {
    const caption =
      fi.kind === 'impurity'
        ? 'Impurity-based importances of the model fitted on all rows (mean decrease in impurity; biased towards features with many distinct values).'
        : `Permutation importance: the drop in ${fi.scoring ?? 'score'} when a column is shuffled, on held-out folds (mean ± std over folds and repeats).`;
    parts.push(
      '<section id="importance"><h2>Feature importance</h2><div class="charts">',
      await charts.figure(
        'feature-importance',
        featureImportanceChart(
          { names: fi.names, importances: fi.importances, std: fi.std },
          {
            title: fi.kind === 'impurity' ? 'Feature importance (impurity)' : 'Permutation importance',
            xTitle: fi.kind === 'impurity' ? 'importance' : `drop in ${fi.scoring ?? 'score'}`,
          },
        ),
        caption,
      ),
      '</div></section>',
    );
  }
  const lc = model.learningCurve;
  if (lc !== undefined) {
    parts.push(
      '<section id="learning-curve"><h2>Learning curve</h2><div class="charts">',
      await charts.figure(
        'learning-curve',
        learningCurveChart(lc, { scoring: lc.scoring }),
        'Score on the rows trained on and on the held-out fold as the training set grows (bands: ± one standard deviation over folds). A gap that narrows with more rows suggests more data would help.',
      ),
      '</div></section>',
    );
  }
  return parts.join('\n');
}

function nav(input: ReportInput): string {
  const links: [string, string][] = [];
  if (input.data) links.push(['data', 'Data']);
  if (input.leaderboard) links.push(['leaderboard', 'Leaderboard']);
  if (input.model) {
    links.push(['model', 'Model']);
    if (input.model.featureImportance) links.push(['importance', 'Feature importance']);
    if (input.model.learningCurve) links.push(['learning-curve', 'Learning curve']);
  }
  return `<nav>${links.map(([id, text]) => `<a href="#${id}">${text}</a>`).join('')}</nav>`;
}

/**
 * One self-contained HTML page: title and summary, data summary (describe
 * table, missing values, distributions), leaderboard table and chart, and
 * for the model its out-of-fold confusion matrices, ROC, precision-recall
 * and calibration curves (classification) or residual and prediction-error
 * plots (regression), feature importance and learning curve. Charts are
 * inline SVG; the page has no script and loads nothing.
 * @example
 * const html = await renderReport(await collectReportInput({ frame, target: 'survived', model: pipe }));
 * writeFileSync('report.html', html);
 */
export async function renderReport(input: ReportInput): Promise<string> {
  const charts = new ChartRenderer();
  const sections: string[] = [];
  if (input.data) sections.push(await dataSection(input.data, charts));
  if (input.leaderboard && input.leaderboard.entries.length > 0) {
    sections.push(await leaderboardSection(input.leaderboard, charts));
  }
  if (input.model) sections.push(await modelSection(input.model, input.task, charts));
  if (input.notes && input.notes.length > 0) {
    sections.push(
      `<section id="notes"><h2>Notes</h2><ul>${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`,
    );
  }
  const title = escapeHtml(input.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>${title}</h1>
${input.subtitle ? `<p class="subtitle">${escapeHtml(input.subtitle)}</p>` : ''}
${summaryCards(input)}
${nav(input)}
</header>
${sections.join('\n')}
<footer>Generated by ${escapeHtml(input.generator ?? 'typelearn')}. Self-contained: charts are inline SVG rendered with Vega-Lite; the page runs no script and loads nothing.</footer>
</main>
</body>
</html>
`;
}
