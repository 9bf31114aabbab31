/**
 * Numerical rank of a matrix from its singular values (numpy's `matrix_rank`).
 */
import { type MatrixInput, toMatrix } from './input.js';
import { svdInPlace } from './svd.js';

const EPS = 2 ** -52;

/** Options of {@link matrixRank}. */
export interface MatrixRankOptions {
  /**
   * Absolute threshold: singular values `<= tol` count as zero.
   * Default `s.max() * max(m, n) * eps`, as numpy.
   */
  tol?: number;
}

/**
 * Number of singular values of `A` above a threshold.
 * @example
 * import { matrixRank } from 'typelearn/linalg';
 * matrixRank([[1, 2], [2, 4]]); // 1
 * matrixRank([[1, 0], [0, 1e-20]], { tol: 0 }); // 2
 */
export function matrixRank(A: MatrixInput, options: MatrixRankOptions = {}): number {
  const a = toMatrix(A, 'matrixRank');
  const { rows: m, cols: n } = a;
  const { s } = svdInPlace(a.data, m, n, false, false);
  if (s.length === 0) return 0;
  const tol = options.tol ?? s[0] * Math.max(m, n) * EPS;
  let r = 0;
  for (let i = 0; i < s.length; i++) if (s[i] > tol) r++;
  return r;
}
