/**
 * `toTensor`: the numeric columns of a frame as a float64 Tensor for estimators.
 */
import { ValidationError } from '../../base/errors.js';
import { Tensor } from '../../tensor/tensor.js';
import type { Column } from '../column.js';
import type { Frame } from '../frame.js';

/** Options of {@link toTensor}. */
export interface ToTensorOptions {
  /** Turn categorical columns into their codes (missing → NaN) instead of refusing them. Default `false`. */
  categoriesAsCodes?: boolean;
}

function floatValues(column: Column, name: string, codes: boolean): ArrayLike<number> {
  if (column.kind === 'category') {
    if (!codes) {
      throw new ValidationError(
        `Column '${name}' is categorical; encode it first (e.g. OneHotEncoder or OrdinalEncoder), drop it, or pass categoriesAsCodes: true`,
        { column: name },
      );
    }
    return Float64Array.from(column.codes, (c) => (c < 0 ? Number.NaN : c));
  }
  return column.toArray();
}

/**
 * The columns (default: all) as a float64 Tensor. Booleans become 0/1,
 * datetimes epoch milliseconds, missing values NaN.
 *
 * Memory: a single column name gives a 1-D tensor and a list of one numeric
 * column a `[n, 1]` tensor, both sharing the column's `Float64Array` (no copy:
 * do not write to it). Several columns are copied once into one contiguous
 * row-major `[n, k]` buffer (a Frame stores columns, a Tensor rows).
 * @example toTensor(df, ['x', 'y']).shape // [nRows, 2]
 * @example toTensor(df, 'x').shape        // [nRows]
 */
export function toTensor(frame: Frame, columns?: string | readonly string[], options: ToTensorOptions = {}): Tensor {
  const codes = options.categoriesAsCodes ?? false;
  const n = frame.nRows;
  if (typeof columns === 'string') {
    const v = floatValues(frame.column(columns), columns, codes);
    return new Tensor(v instanceof Float64Array ? v : Float64Array.from(v), [n]);
  }
  const names = columns ?? frame.columnNames;
  const values = names.map((name) => floatValues(frame.column(name), name, codes));
  const k = names.length;
  if (k === 1 && values[0] instanceof Float64Array) return new Tensor(values[0], [n, 1]);
  const out = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const v = values[j];
    for (let i = 0, p = j; i < n; i++, p += k) out[p] = v[i];
  }
  return new Tensor(out, [n, k]);
}
