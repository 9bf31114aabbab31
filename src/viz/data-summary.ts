/**
 * Charts of a table before modelling: histograms of numeric columns, value
 * counts of categorical ones, missing values per column, and
 * {@link dataSummaryCharts} that picks the right one for every column of a Frame.
 * Binning and counting happen here, so a spec holds at most a few dozen rows
 * whatever the table's size.
 */
import { ValidationError } from '../base/errors.js';
import type { Frame } from '../data/index.js';
import { type ChartOptions, header, round6, type VegaLiteSpec } from './spec.js';

/** Options of {@link histogramChart}. */
export interface HistogramChartOptions extends ChartOptions {
  /** Number of equal-width bins (fewer when there are fewer distinct values). Default 20. */
  bins?: number;
  /** x-axis title. Default `'value'`. */
  xTitle?: string;
}

/**
 * Equal-width histogram bins as numpy's `histogram(values, bins)`: edges from
 * min to max (± 0.5 when all values are equal), the last bin closed. NaN is skipped.
 * @example histogram(Float64Array.of(1, 2, 2, 3), 2) // { edges: [1, 2, 3], counts: [1, 3] }
 */
export function histogram(values: ArrayLike<number>, bins: number): { edges: number[]; counts: number[] } {
  if (!Number.isInteger(bins) || bins < 1) throw new ValidationError(`bins must be a positive integer, got ${bins}`);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return { edges: [], counts: [] };
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  return { edges, counts };
}

function distinctFinite(values: ArrayLike<number>, cap: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < values.length && seen.size <= cap; i++) if (Number.isFinite(values[i])) seen.add(values[i]);
  return seen.size;
}

/**
 * Histogram of numeric values (NaN left out; their count goes in the subtitle).
 * @example histogramChart(frame.column('age').toArray(), { title: 'age' });
 */
export function histogramChart(values: ArrayLike<number>, options: HistogramChartOptions = {}): VegaLiteSpec {
  const requested = options.bins ?? 20;
  const bins = Math.max(1, Math.min(requested, distinctFinite(values, requested)));
  const { edges, counts } = histogram(values, bins);
  let missing = 0;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) missing++;
  const rows = counts.map((count, b) => ({ start: round6(edges[b]), end: round6(edges[b + 1]), count }));
  const base = header('Histogram', options, 220, 120);
  return {
    ...base,
    title: missing > 0 ? { text: base.title, subtitle: `${missing} missing` } : base.title,
    data: { values: rows },
    mark: { type: 'bar', color: '#4c78a8', binSpacing: 1 },
    encoding: {
      x: { field: 'start', type: 'quantitative', bin: { binned: true }, title: options.xTitle ?? 'value' },
      x2: { field: 'end' },
      y: { field: 'count', type: 'quantitative', title: 'count' },
      tooltip: [
        { field: 'start', type: 'quantitative', title: 'from' },
        { field: 'end', type: 'quantitative', title: 'to' },
        { field: 'count', type: 'quantitative' },
      ],
    },
  };
}

/** Options of {@link categoryCountsChart}. */
export interface CategoryCountsChartOptions extends ChartOptions {
  /** Show the `top` most frequent values; the rest are summed as `(other)`. Default 12. */
  top?: number;
}

/**
 * Horizontal bars of value counts, most frequent first (missing values as `(missing)`).
 * @example categoryCountsChart(['a', 'b', 'a', null]);
 */
export function categoryCountsChart(
  values: ArrayLike<string | number | boolean | null | undefined>,
  options: CategoryCountsChartOptions = {},
): VegaLiteSpec {
  const top = options.top ?? 12;
  if (!Number.isInteger(top) || top < 1) throw new ValidationError(`top must be a positive integer, got ${top}`);
  const counts = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) missing++;
    else counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rows = sorted.slice(0, top).map(([value, count]) => ({ value, count }));
  const rest = sorted.slice(top).reduce((a, [, c]) => a + c, 0);
  if (rest > 0) rows.push({ value: '(other)', count: rest });
  if (missing > 0) rows.push({ value: '(missing)', count: missing });
  const order = rows.map((r) => r.value);
  return {
    ...header('Value counts', options, 220, Math.max(40, 16 * rows.length)),
    data: { values: rows },
    mark: { type: 'bar', color: '#f58518' },
    encoding: {
      y: { field: 'value', type: 'nominal', sort: order, title: null },
      x: { field: 'count', type: 'quantitative', title: 'count' },
      tooltip: [
        { field: 'value', type: 'nominal' },
        { field: 'count', type: 'quantitative' },
      ],
    },
  };
}

/** Missing-value count of one column. */
export interface MissingCount {
  name: string;
  missing: number;
  /** Number of rows. */
  total: number;
}

/**
 * Bars of the fraction of missing values per column (columns without any are
 * listed too, so the chart reads as a complete inventory).
 * @example missingValuesChart([{ name: 'age', missing: 263, total: 1309 }]);
 */
export function missingValuesChart(columns: readonly MissingCount[], options: ChartOptions = {}): VegaLiteSpec {
  if (columns.length === 0) throw new ValidationError('missingValuesChart needs at least one column');
  const rows = columns.map((c) => ({
    column: c.name,
    missing: c.missing,
    fraction: c.total === 0 ? 0 : round6(c.missing / c.total),
  }));
  return {
    ...header('Missing values per column', options, 320, Math.max(40, 18 * rows.length)),
    data: { values: rows },
    mark: { type: 'bar', color: '#e45756' },
    encoding: {
      y: { field: 'column', type: 'nominal', sort: rows.map((r) => r.column), title: null },
      x: {
        field: 'fraction',
        type: 'quantitative',
        title: 'fraction missing',
        scale: { domain: [0, 1] },
        axis: { format: '%' },
      },
      tooltip: [
        { field: 'column', type: 'nominal' },
        { field: 'missing', type: 'quantitative' },
        { field: 'fraction', type: 'quantitative', format: '.1%' },
      ],
    },
  };
}

/** Options of {@link dataSummaryCharts}. */
export interface DataSummaryOptions {
  /** Columns to chart, in order. Default: every column. */
  columns?: readonly string[];
  /** Chart at most this many columns. Default 12. */
  maxColumns?: number;
}

/** One chart of {@link dataSummaryCharts}. */
export interface ColumnChart {
  column: string;
  kind: 'histogram' | 'counts';
  spec: VegaLiteSpec;
}

/**
 * One chart per column of a Frame: a histogram for numeric columns, value
 * counts for categorical and boolean ones (datetime columns are skipped).
 * @example for (const { column, spec } of dataSummaryCharts(frame)) console.log(column, await toSVG(spec));
 */
export function dataSummaryCharts(frame: Frame, options: DataSummaryOptions = {}): ColumnChart[] {
  const names = options.columns ?? frame.columnNames;
  const out: ColumnChart[] = [];
  for (const name of names.slice(0, options.maxColumns ?? 12)) {
    const column = frame.column(name);
    if (column.kind === 'number') {
      out.push({ column: name, kind: 'histogram', spec: histogramChart(column.data, { title: name, xTitle: name }) });
    } else if (column.kind === 'category' || column.kind === 'boolean') {
      const values = Array.from({ length: column.length }, (_, i) => column.get(i));
      out.push({ column: name, kind: 'counts', spec: categoryCountsChart(values, { title: name }) });
    }
  }
  return out;
}
