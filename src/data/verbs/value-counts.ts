/**
 * `valueCounts`: how often each distinct value of a column occurs.
 */

import { stableArgsort } from '../argsort.js';
import { NumericColumn } from '../column.js';
import { factorizeColumn } from '../factorize.js';
import { Frame } from '../frame.js';

/** Options of {@link valueCounts}. */
export interface ValueCountsOptions {
  /** Fractions of the counted rows instead of counts. Default `false`. */
  normalize?: boolean;
  /** Leave out missing values. Default `true` (pandas' default); with `false` they are a row of their own. */
  dropna?: boolean;
}

/**
 * A frame with the column's distinct values and a `count` (or `proportion`
 * with `normalize`) column, most frequent first; ties keep the order of first
 * appearance.
 * @example valueCounts(df, 'sex').toRecords() // [{ sex: 'male', count: 843 }, { sex: 'female', count: 466 }]
 */
export function valueCounts(frame: Frame, column: string, options: ValueCountsOptions = {}): Frame {
  const { normalize = false, dropna = true } = options;
  const col = frame.column(column);
  const { ids, nIds } = factorizeColumn(col);
  const counts = new Float64Array(nIds + 1);
  const firstRow = new Int32Array(nIds + 1).fill(-1);
  for (let i = 0; i < ids.length; i++) {
    const k = ids[i] < 0 ? nIds : ids[i];
    counts[k]++;
    if (firstRow[k] < 0) firstRow[k] = i;
  }
  const groups = dropna || counts[nIds] === 0 ? nIds : nIds + 1;
  const negCounts = new Float64Array(groups);
  for (let k = 0; k < groups; k++) negCounts[k] = counts[k];
  const perm = new Int32Array(groups);
  for (let k = 0; k < groups; k++) perm[k] = k;
  const order = stableArgsort(perm, negCounts, true);
  const rows = new Int32Array(groups);
  const out = new Float64Array(groups);
  let total = 0;
  for (let k = 0; k < groups; k++) total += counts[k];
  for (let r = 0; r < groups; r++) {
    const k = order[r];
    rows[r] = firstRow[k];
    out[r] = normalize ? counts[k] / total : counts[k];
  }
  return new Frame(
    [column, normalize ? 'proportion' : 'count'],
    [col.take(rows), new NumericColumn(out, !normalize)],
    groups,
  );
}
