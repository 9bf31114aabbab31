/**
 * `dropna`: drops rows with missing values.
 */
import { ValidationError } from '../../base/errors.js';
import type { Frame } from '../frame.js';

/** Options of {@link dropna}. */
export interface DropnaOptions {
  /** `'any'`: drop a row with any missing value; `'all'`: only when all are missing. Default `'any'`. */
  how?: 'any' | 'all';
  /** Only look at these columns. Default: all. */
  subset?: readonly string[];
}

/**
 * Rows without missing values (in `subset`, per `how`).
 * @example dropna(df, { subset: ['age'] })
 * @example dropna(df, { how: 'all' })
 */
export function dropna(frame: Frame, options: DropnaOptions = {}): Frame {
  const { how = 'any', subset = frame.columnNames } = options;
  if (how !== 'any' && how !== 'all') throw new ValidationError(`dropna: how must be 'any' or 'all', got '${how}'`);
  const cols = subset.map((n) => frame.column(n));
  const n = frame.nRows;
  const missing = new Int32Array(n);
  for (const c of cols) for (let i = 0; i < n; i++) if (c.isMissing(i)) missing[i]++;
  const limit = how === 'any' ? 1 : Math.max(1, cols.length);
  const keep = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (missing[i] < limit) keep[m++] = i;
  return m === n ? frame : frame.take(keep.subarray(0, m));
}
