/**
 * `filter`: keeps the rows selected by a boolean mask or a predicate on row objects.
 */
import { ValidationError } from '../../base/errors.js';
import { Tensor } from '../../tensor/tensor.js';
import type { Frame, FrameRecord } from '../frame.js';

/** A row test: receives the row as a plain object and its index. */
export type RowPredicate = (row: FrameRecord, index: number) => boolean;

/**
 * Rows where `mask` is true. `mask` is a boolean array, a 0/1 typed array, a
 * bool/numeric 1-D Tensor (non-zero = keep), or a function of each row
 * (called with a fresh plain object per row, `null` for missing cells).
 * A mask of the wrong length is a ValidationError.
 * @example filter(df, (r) => r.age !== null && r.age > 30)
 * @example filter(df, df.column('x').toArray().map((v) => (v > 0 ? 1 : 0)))
 */
export function filter(frame: Frame, mask: ArrayLike<boolean | number> | Tensor | RowPredicate): Frame {
  const n = frame.nRows;
  const keep = new Int32Array(n);
  let m = 0;
  if (typeof mask === 'function') {
    for (let i = 0; i < n; i++) if (mask(frame.row(i), i)) keep[m++] = i;
  } else {
    const values: ArrayLike<boolean | number> = mask instanceof Tensor ? mask.data : mask;
    if (values.length !== n) {
      throw new ValidationError(`filter: the mask has ${values.length} values but the frame has ${n} rows`, {
        expected: n,
        got: values.length,
      });
    }
    for (let i = 0; i < n; i++) if (values[i]) keep[m++] = i;
  }
  return frame.take(keep.subarray(0, m));
}
