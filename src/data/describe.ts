/**
 * `describe`: summary statistics of every column, with pandas' definitions
 * (`DataFrame.describe(include='all')`), one row per column.
 */
import { ValidationError } from '../base/errors.js';
import { type Column, categoricalFrom, NumericColumn } from './column.js';
import { formatCells } from './format.js';
import { Frame } from './frame.js';
import { valueCounts } from './verbs/value-counts.js';

/** Options of {@link describe}. */
export interface DescribeOptions {
  /** Which columns: `'all'`, only `'number'` columns, or only the `'other'` (categorical, boolean, datetime) ones. Default `'all'`. */
  include?: 'all' | 'number' | 'other';
  /** Quantiles to report, each in [0, 1]. Default `[0.25, 0.5, 0.75]`. */
  percentiles?: readonly number[];
}

/** The `q` quantile of sorted values with linear interpolation (numpy's default, pandas' `describe`). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const m = sorted.length;
  if (m === 0) return Number.NaN;
  const pos = q * (m - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, m - 1);
  const frac = pos - lo;
  return frac === 0 ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

function label(q: number): string {
  return `${Number((q * 100).toFixed(10))}%`;
}

/**
 * One row per described column, like pandas' `df.describe(include='all').T`:
 * `column`, `count` (non-missing values), `missing`, then for numeric columns
 * `mean`, `std` (ddof = 1, NaN for fewer than 2 values), `min`, the
 * percentiles (linear interpolation; default `25%`, `50%`, `75%`) and `max`;
 * for the other columns `unique` (distinct non-missing values), `top` (the
 * most frequent, first seen on ties) and `freq` (its count). Cells that do not
 * apply are missing. `toString()` prints it as an aligned table.
 * @example
 * describe(Frame.fromColumns({ x: [1, 2, 3, 4] })).row(0)
 * // { column: 'x', count: 4, missing: 0, mean: 2.5, std: 1.2909944487358056, min: 1, '25%': 1.75, '50%': 2.5, '75%': 3.25, max: 4 }
 */
export function describe(frame: Frame, options: DescribeOptions = {}): Frame {
  const { include = 'all', percentiles = [0.25, 0.5, 0.75] } = options;
  for (const q of percentiles) {
    if (!(q >= 0 && q <= 1)) throw new ValidationError(`percentiles must lie in [0, 1], got ${q}`, { got: q });
  }
  const names = frame.columnNames.filter((n) => {
    const numeric = frame.column(n).kind === 'number';
    return include === 'all' || (include === 'number') === numeric;
  });
  const numericNames = names.filter((n) => frame.column(n).kind === 'number');
  const hasOther = numericNames.length < names.length;
  const k = names.length;
  const stat = (): Float64Array => new Float64Array(k).fill(Number.NaN);
  const count = stat();
  const missing = stat();
  const mean = stat();
  const std = stat();
  const min = stat();
  const max = stat();
  const qs = percentiles.map(() => stat());
  const unique = stat();
  const freq = stat();
  const top: (string | null)[] = new Array(k).fill(null);
  names.forEach((name, j) => {
    const column = frame.column(name);
    const nMissing = column.missingCount();
    count[j] = column.length - nMissing;
    missing[j] = nMissing;
    if (column.kind === 'number') {
      const sorted = column.data.filter((v) => !Number.isNaN(v)).sort();
      const m = sorted.length;
      if (m === 0) return;
      let sum = 0;
      for (let i = 0; i < m; i++) sum += sorted[i];
      const mu = sum / m;
      let ss = 0;
      for (let i = 0; i < m; i++) ss += (sorted[i] - mu) * (sorted[i] - mu);
      mean[j] = mu;
      std[j] = m > 1 ? Math.sqrt(ss / (m - 1)) : Number.NaN;
      min[j] = sorted[0];
      max[j] = sorted[m - 1];
      percentiles.forEach((q, p) => {
        qs[p][j] = quantileSorted(sorted, q);
      });
    } else {
      const counts = valueCounts(new Frame([name], [column]), name);
      unique[j] = counts.nRows;
      if (counts.nRows > 0) {
        top[j] = formatCells(counts.column(name) as Column, [0])[0];
        freq[j] = (counts.column('count') as NumericColumn).data[0];
      }
    }
  });
  const outNames = ['column', 'count', 'missing'];
  const cols: Column[] = [categoricalFrom(names), new NumericColumn(count, true), new NumericColumn(missing, true)];
  if (numericNames.length > 0) {
    outNames.push('mean', 'std', 'min', ...percentiles.map(label), 'max');
    cols.push(new NumericColumn(mean, false), new NumericColumn(std, false), new NumericColumn(min, false));
    for (const q of qs) cols.push(new NumericColumn(q, false));
    cols.push(new NumericColumn(max, false));
  }
  if (hasOther) {
    outNames.push('unique', 'top', 'freq');
    cols.push(new NumericColumn(unique, true), categoricalFrom(top), new NumericColumn(freq, true));
  }
  return new Frame(outNames, cols, k);
}
