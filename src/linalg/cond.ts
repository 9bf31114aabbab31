/**
 * Condition number of a matrix (numpy's `cond`).
 */
import { Tensor } from '../tensor/tensor.js';
import { LinAlgError } from './errors.js';
import { type MatrixInput, toMatrix, toSquareMatrix } from './input.js';
import { type NormOrder, norm } from './norm.js';
import { inv } from './solve.js';
import { svdInPlace } from './svd.js';

/**
 * Condition number `‖A‖ ‖A⁻¹‖` in the norm `p`. Default (`p` undefined, 2 or
 * -2): from the singular values, `s_max / s_min` (`-2`: `s_min / s_max`),
 * which works for non-square matrices too. Other orders (`'fro'`, `'nuc'`,
 * ±1, ±Infinity) need a square matrix and use its inverse. A singular matrix
 * gives `Infinity`.
 * @example
 * import { cond } from 'typelearn/linalg';
 * cond([[1, 0], [0, 1e-3]]); // 1000
 * cond([[1, 2], [2, 4]]); // Infinity (or a huge number, from rounding)
 */
export function cond(A: MatrixInput, p?: NormOrder): number {
  if (p === undefined || p === 2 || p === -2) {
    const a = toMatrix(A, 'cond');
    const { s } = svdInPlace(a.data, a.rows, a.cols, false, false);
    if (s.length === 0) throw new LinAlgError('cond: the condition number of an empty matrix is undefined');
    const big = s[0];
    const small = s[s.length - 1];
    if (p === -2) return big === 0 ? Number.POSITIVE_INFINITY : small / big;
    return small === 0 ? Number.POSITIVE_INFINITY : big / small;
  }
  const a = toSquareMatrix(A, 'cond');
  const t = new Tensor(a.data, [a.rows, a.cols]);
  // toSquareMatrix already rejected non-finite input, so a LinAlgError here means singular.
  try {
    return norm(t, p) * norm(inv(t), p);
  } catch (e) {
    if (e instanceof LinAlgError) return Number.POSITIVE_INFINITY;
    throw e;
  }
}
