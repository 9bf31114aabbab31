/**
 * `sortBy`: multi-column, stable sort with missing values last (pandas'
 * `sort_values(by, ascending, na_position='last', kind='stable')`).
 */
import { ValidationError } from '../../base/errors.js';
import { sortKeys, stableArgsort } from '../argsort.js';
import type { Frame } from '../frame.js';

/** Options of {@link sortBy}. */
export interface SortOptions {
  /** Ascending order, for all keys or one flag per key. Default `true`. */
  ascending?: boolean | readonly boolean[];
}

/**
 * The row order that sorts `frame` by `by` (see {@link sortBy}).
 * @example argsortBy(df, 'x') // Int32Array of row indices
 */
export function argsortBy(frame: Frame, by: string | readonly string[], options: SortOptions = {}): Int32Array {
  const keys = typeof by === 'string' ? [by] : by;
  const { ascending = true } = options;
  if (Array.isArray(ascending) && ascending.length !== keys.length) {
    throw new ValidationError(`sortBy: ${keys.length} keys but ${ascending.length} ascending flags`, {
      expected: keys.length,
      got: ascending.length,
    });
  }
  let perm: Int32Array = new Int32Array(frame.nRows);
  for (let i = 0; i < perm.length; i++) perm[i] = i;
  // LSD over keys: a stable sort by each key from the last to the first.
  for (let k = keys.length - 1; k >= 0; k--) {
    const asc = typeof ascending === 'boolean' ? ascending : ascending[k];
    perm = stableArgsort(perm, sortKeys(frame.column(keys[k])), !asc);
  }
  return perm;
}

/**
 * Rows sorted by the columns `by` (first key most significant). Stable: equal
 * rows keep their order. Missing values go last whatever the direction.
 * Categories sort by their strings, booleans false before true.
 * @example sortBy(df, ['dept', 'salary'], { ascending: [true, false] })
 */
export function sortBy(frame: Frame, by: string | readonly string[], options: SortOptions = {}): Frame {
  return frame.take(argsortBy(frame, by, options));
}
