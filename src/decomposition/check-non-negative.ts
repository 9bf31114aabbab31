/**
 * The non-negativity check of NMF and LDA (scikit-learn's `check_non_negative`):
 * the first negative entry is reported by row and column.
 */
import { ValidationError } from '../base/errors.js';
import { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * Throws a {@link ValidationError} naming the first negative entry of `X`.
 * @example checkNonNegative(Tensor.from([[1, -2]]), 'NMF (input X)') // throws: X[0, 1] = -2
 */
export function checkNonNegative(X: Tensor | SparseMatrix, whom: string): void {
  const data = X.data as ArrayLike<number>;
  for (let t = 0; t < data.length; t++) {
    if (!(data[t] < 0)) continue;
    let row: number;
    let column: number;
    if (X instanceof SparseMatrix) {
      row = 0;
      while (X.indptr[row + 1] <= t) row++;
      column = X.indices[t];
    } else {
      row = Math.floor(t / X.shape[1]);
      column = t % X.shape[1];
    }
    throw new ValidationError(
      `Negative values in data passed to ${whom}: X[${row}, ${column}] = ${data[t]}; the data must be non-negative.`,
      { row, column, expected: 'a non-negative number', got: data[t] },
    );
  }
}
