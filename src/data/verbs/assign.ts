/**
 * `assign`: adds or replaces columns, computed by plain JS functions of each
 * row (never string expressions) or given as arrays/columns.
 */
import { ValidationError } from '../../base/errors.js';
import { type Column, makeColumn } from '../column.js';
import type { Frame, FrameRecord } from '../frame.js';

/** A new column: a function of each row (`null`/`undefined`/NaN results are missing) or the values themselves. */
export type AssignValue = ((row: FrameRecord, index: number) => unknown) | Column | ArrayLike<unknown>;

/**
 * Adds the given columns, left to right (a later function sees the columns
 * added before it). Each function gets a fresh plain object per row. Arrays of
 * the wrong length are a ValidationError.
 * @example assign(df, { total: (r) => (r.price as number) * (r.qty as number) })
 */
export function assign(frame: Frame, columns: Readonly<Record<string, AssignValue>>): Frame {
  let out = frame;
  for (const [name, spec] of Object.entries(columns)) {
    let values: unknown;
    if (typeof spec === 'function') {
      const n = out.nRows;
      const computed = new Array<unknown>(n);
      for (let i = 0; i < n; i++) computed[i] = spec(out.row(i), i);
      values = computed;
    } else {
      values = spec;
    }
    const column = makeColumn(values, name);
    if (column.length !== out.nRows) {
      throw new ValidationError(
        `assign: column '${name}' has ${column.length} values but the frame has ${out.nRows} rows`,
        {
          column: name,
          expected: out.nRows,
          got: column.length,
        },
      );
    }
    out = out.withColumn(name, column);
  }
  return out;
}
