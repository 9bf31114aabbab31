/**
 * `groupBy(keys).agg({...})`: hash grouping on the keys' codes (see
 * `factorize.ts`), then one typed-array pass per aggregation. Groups come out
 * sorted by their keys (pandas' `sort=True`); rows with a missing key are
 * dropped unless `dropna: false`, which makes them a group of their own, last.
 */
import { ValidationError } from '../../base/errors.js';
import { CategoricalColumn, type Column, DatetimeColumn, NumericColumn } from '../column.js';
import { factorizeColumns } from '../factorize.js';
import { Frame } from '../frame.js';
import { argsortBy } from './sort.js';

/** The aggregations `agg` knows. `count` counts non-missing values; `first`/`last` skip missing values like pandas. */
export type AggName =
  | 'mean'
  | 'sum'
  | 'count'
  | 'min'
  | 'max'
  | 'std'
  | 'var'
  | 'median'
  | 'nunique'
  | 'first'
  | 'last';

const AGGS: readonly AggName[] = [
  'mean',
  'sum',
  'count',
  'min',
  'max',
  'std',
  'var',
  'median',
  'nunique',
  'first',
  'last',
];

/** Options of `Frame.groupBy`. */
export interface GroupByOptions {
  /** Drop rows whose key is missing (pandas' default). Default `true`. */
  dropna?: boolean;
  /** Order groups by key; with `false` they keep order of first appearance. Default `true`. */
  sort?: boolean;
}

interface Groups {
  /** Group of each row (-1 = dropped). */
  ids: Int32Array;
  nGroups: number;
  /** First row of each group, for the key values. */
  firstRow: Int32Array;
}

/** Grouped rows, waiting for `agg` or `size`. */
export class GroupBy {
  private groups: Groups | undefined;

  constructor(
    readonly frame: Frame,
    readonly keys: readonly string[],
    readonly options: GroupByOptions = {},
  ) {
    if (keys.length === 0) throw new ValidationError('groupBy needs at least one key column');
    for (const k of keys) frame.column(k);
  }

  private compute(): Groups {
    if (this.groups) return this.groups;
    const { dropna = true, sort = true } = this.options;
    const f = factorizeColumns(
      this.keys.map((k) => this.frame.column(k)),
      !dropna,
    );
    let { ids } = f;
    const nGroups = f.nIds;
    let firstRow = new Int32Array(nGroups).fill(-1);
    for (let i = 0; i < ids.length; i++) if (ids[i] >= 0 && firstRow[ids[i]] < 0) firstRow[ids[i]] = i;
    if (sort && nGroups > 1) {
      const order = argsortBy(this.frame.select(this.keys as string[]).take(firstRow), this.keys);
      const rank = new Int32Array(nGroups);
      for (let r = 0; r < nGroups; r++) rank[order[r]] = r;
      const remapped = new Int32Array(ids.length);
      for (let i = 0; i < ids.length; i++) remapped[i] = ids[i] < 0 ? -1 : rank[ids[i]];
      ids = remapped;
      const fr = new Int32Array(nGroups);
      for (let g = 0; g < nGroups; g++) fr[rank[g]] = firstRow[g];
      firstRow = fr;
    }
    this.groups = { ids, nGroups, firstRow };
    return this.groups;
  }

  /** The key columns of the result, one row per group. */
  private keyFrame(): Frame {
    return this.frame.select(this.keys as string[]).take(this.compute().firstRow);
  }

  /**
   * One row per group: the keys, then one column per aggregation. A single
   * aggregation keeps the column's name; a list names them `<column>_<agg>`.
   * Numeric, boolean (as 0/1) and datetime columns take every aggregation;
   * categorical columns take `count`, `nunique`, `first`, `last`.
   * @example df.groupBy('cat').agg({ x: ['mean', 'count'], y: 'sum' }) // columns cat, x_mean, x_count, y
   */
  agg(spec: Readonly<Record<string, AggName | readonly AggName[]>>): Frame {
    const g = this.compute();
    const out = this.keyFrame();
    const names = [...out.columnNames];
    const cols: Column[] = [...out.columns];
    for (const [col, ops] of Object.entries(spec)) {
      const column = this.frame.column(col);
      const list = typeof ops === 'string' ? [ops] : ops;
      for (const op of list) {
        if (!AGGS.includes(op)) {
          throw new ValidationError(`Unknown aggregation '${op}' for column '${col}'; use one of ${AGGS.join(', ')}`, {
            column: col,
            got: op,
          });
        }
        let name = typeof ops === 'string' ? col : `${col}_${op}`;
        if (names.includes(name)) name = `${col}_${op}`;
        names.push(name);
        cols.push(aggregate(column, op, g, col));
      }
    }
    return new Frame(names, cols, g.nGroups);
  }

  /** Number of rows in each group (missing values included), as a `size` column after the keys. */
  size(): Frame {
    const g = this.compute();
    const counts = new Float64Array(g.nGroups);
    for (let i = 0; i < g.ids.length; i++) if (g.ids[i] >= 0) counts[g.ids[i]]++;
    return this.keyFrame().withColumn('size', new NumericColumn(counts, true));
  }
}

/** Rows of each group, contiguous: group `k` is `rows[starts[k]..starts[k+1])`. */
function rowsByGroup(g: Groups): { starts: Int32Array; rows: Int32Array } {
  const starts = new Int32Array(g.nGroups + 1);
  for (let i = 0; i < g.ids.length; i++) if (g.ids[i] >= 0) starts[g.ids[i] + 1]++;
  for (let k = 0; k < g.nGroups; k++) starts[k + 1] += starts[k];
  const fill = starts.slice(0, g.nGroups);
  const rows = new Int32Array(starts[g.nGroups]);
  for (let i = 0; i < g.ids.length; i++) if (g.ids[i] >= 0) rows[fill[g.ids[i]]++] = i;
  return { starts, rows };
}

function aggregate(column: Column, op: AggName, g: Groups, name: string): Column {
  const { ids, nGroups } = g;
  const n = ids.length;
  if (column.kind === 'category') {
    if (op === 'first' || op === 'last') {
      const pick = new Int32Array(nGroups).fill(-1);
      for (let i = 0; i < n; i++) {
        const k = ids[i];
        if (k < 0 || column.codes[i] < 0) continue;
        if (op === 'last' || pick[k] < 0) pick[k] = column.codes[i];
      }
      return new CategoricalColumn(pick, column.categories);
    }
    if (op !== 'count' && op !== 'nunique') {
      throw new ValidationError(
        `Cannot take the ${op} of categorical column '${name}'; use count, nunique, first or last`,
        {
          column: name,
          got: op,
        },
      );
    }
    const codes = new Float64Array(n);
    for (let i = 0; i < n; i++) codes[i] = column.codes[i] < 0 ? Number.NaN : column.codes[i];
    return new NumericColumn(aggregateFloat(codes, op, g), true);
  }
  const values = column.kind === 'boolean' ? (column.toArray() as ArrayLike<number>) : column.data;
  const result = aggregateFloat(values, op, g);
  if (
    column.kind === 'datetime' &&
    (op === 'min' || op === 'max' || op === 'first' || op === 'last' || op === 'median' || op === 'mean')
  ) {
    return new DatetimeColumn(result);
  }
  return new NumericColumn(result, op === 'count' || op === 'nunique' ? true : undefined);
}

/** One aggregation over float64 values (NaN = missing) per group. Empty groups give NaN (0 for sum/count/nunique). */
function aggregateFloat(values: ArrayLike<number>, op: AggName, g: Groups): Float64Array {
  const { ids, nGroups } = g;
  const n = ids.length;
  const out = new Float64Array(nGroups);
  switch (op) {
    case 'sum':
    case 'count':
    case 'mean':
    case 'std':
    case 'var': {
      const sum = new Float64Array(nGroups);
      const count = new Float64Array(nGroups);
      for (let i = 0; i < n; i++) {
        const k = ids[i];
        const v = values[i];
        if (k < 0 || Number.isNaN(v)) continue;
        sum[k] += v;
        count[k]++;
      }
      if (op === 'sum') return sum;
      if (op === 'count') return count;
      for (let k = 0; k < nGroups; k++) out[k] = count[k] > 0 ? sum[k] / count[k] : Number.NaN;
      if (op === 'mean') return out;
      // Second pass around the group means: no cancellation from sum-of-squares.
      const ss = new Float64Array(nGroups);
      for (let i = 0; i < n; i++) {
        const k = ids[i];
        const v = values[i];
        if (k < 0 || Number.isNaN(v)) continue;
        const d = v - out[k];
        ss[k] += d * d;
      }
      for (let k = 0; k < nGroups; k++) {
        const variance = count[k] > 1 ? ss[k] / (count[k] - 1) : Number.NaN;
        out[k] = op === 'std' ? Math.sqrt(variance) : variance;
      }
      return out;
    }
    case 'min':
    case 'max': {
      out.fill(Number.NaN);
      const isMin = op === 'min';
      for (let i = 0; i < n; i++) {
        const k = ids[i];
        const v = values[i];
        if (k < 0 || Number.isNaN(v)) continue;
        const cur = out[k];
        if (Number.isNaN(cur) || (isMin ? v < cur : v > cur)) out[k] = v;
      }
      return out;
    }
    case 'first':
    case 'last': {
      out.fill(Number.NaN);
      for (let i = 0; i < n; i++) {
        const k = ids[i];
        const v = values[i];
        if (k < 0 || Number.isNaN(v)) continue;
        if (op === 'last' || Number.isNaN(out[k])) out[k] = v;
      }
      return out;
    }
    case 'median':
    case 'nunique': {
      const { starts, rows } = rowsByGroup(g);
      const scratch = new Float64Array(rows.length);
      for (let k = 0; k < nGroups; k++) {
        let m = 0;
        for (let p = starts[k]; p < starts[k + 1]; p++) {
          const v = values[rows[p]];
          if (!Number.isNaN(v)) scratch[m++] = v;
        }
        const s = scratch.subarray(0, m).sort();
        if (op === 'median') {
          out[k] = m === 0 ? Number.NaN : m % 2 === 1 ? s[(m - 1) / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
        } else {
          let distinct = 0;
          for (let i = 0; i < m; i++) if (i === 0 || s[i] !== s[i - 1]) distinct++;
          out[k] = distinct;
        }
      }
      return out;
    }
  }
}
