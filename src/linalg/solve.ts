/**
 * Solving square linear systems `A X = B` and inverting matrices (scipy's
 * `solve` with `assume_a`, numpy's `inv`).
 */
import type { Tensor } from '../tensor/tensor.js';
import { choleskyInPlace, choleskySolveInPlace } from './cholesky.js';
import { LinAlgError } from './errors.js';
import {
  identityBuffer,
  type MatrixInput,
  matrixTensor,
  type RhsInput,
  rhsTensor,
  toRhs,
  toSquareMatrix,
  transposeBuffer,
} from './input.js';
import { luFactorInPlace, luSolveInPlace } from './lu.js';

/** Options of {@link solve}. */
export interface SolveOptions {
  /**
   * What `A` is known to be: `'gen'` general (LU with partial pivoting),
   * `'sym'` symmetric (LU of the matrix rebuilt from one triangle), `'pos'`
   * symmetric positive definite (Cholesky; about twice as fast). Default `'gen'`.
   */
  assumeA?: 'gen' | 'sym' | 'pos';
  /**
   * For `'sym'`/`'pos'`: read only the lower triangle of `A` (otherwise only
   * the upper one). Ignored for `'gen'`. Default `false`, as scipy.
   */
  lower?: boolean;
}

/** Rebuilds a full symmetric matrix from its lower (or upper) triangle, in place. */
function symmetrize(a: Float64Array, n: number, lower: boolean): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (lower) a[i * n + j] = a[j * n + i];
      else a[j * n + i] = a[i * n + j];
    }
  }
}

/**
 * Kernel: solves `A X = B` in place for general square `A` (`n x n`, destroyed)
 * and `B` (`n x nrhs`, overwritten by `X`) by LU with partial pivoting.
 * @returns 0, or `k + 1` when `U[k, k]` is exactly zero (singular `A`).
 * @example
 * const b = Float64Array.of(5, 11);
 * solveInPlace(Float64Array.of(1, 2, 3, 4), 2, b, 1); // 0, b = [1, 2]
 */
export function solveInPlace(a: Float64Array, n: number, b: Float64Array, nrhs: number): number {
  const piv = new Int32Array(n);
  const info = luFactorInPlace(a, n, n, piv);
  if (info > 0) return info;
  return luSolveInPlace(a, n, piv, b, nrhs, false);
}

/**
 * Solves `A x = B` for square `A`. `B` is a vector `[n]` or a matrix `[n, k]`;
 * the result has the same shape, in float64 (whatever the input dtype).
 * Throws a {@link LinAlgError} when `A` is exactly singular (a zero pivot) or,
 * with `assumeA: 'pos'`, not positive definite; a `ShapeError` when `A` is not
 * square or `B` has the wrong number of rows. Nearly singular matrices are
 * solved without complaint, as numpy does; check `cond(A)` when it matters.
 * @example
 * import { solve } from 'typelearn/linalg';
 * solve([[3, 1], [1, 2]], [9, 8]).toArray(); // [2, 3]
 * solve([[4, 2], [2, 3]], [[6], [5]], { assumeA: 'pos' }).toArray(); // [[1], [1]]
 */
export function solve(A: MatrixInput, B: RhsInput, options: SolveOptions = {}): Tensor {
  const { assumeA = 'gen', lower = false } = options;
  if (assumeA !== 'gen' && assumeA !== 'sym' && assumeA !== 'pos') {
    throw new RangeError(`solve: assumeA must be 'gen', 'sym' or 'pos', got '${String(assumeA)}'`);
  }
  const a = toSquareMatrix(A, 'solve');
  const n = a.rows;
  const rhs = toRhs(B, n, 'solve', 'B');
  if (assumeA === 'pos') {
    const work = lower ? a.data : transposeBuffer(a.data, n, n);
    const info = choleskyInPlace(work, n);
    if (info > 0) {
      throw new LinAlgError(
        `solve: A is not positive definite (the leading minor of order ${info} is not positive definite)`,
      );
    }
    choleskySolveInPlace(work, n, rhs.data, rhs.cols, true);
  } else {
    if (assumeA === 'sym') symmetrize(a.data, n, lower);
    const info = solveInPlace(a.data, n, rhs.data, rhs.cols);
    if (info > 0) throw new LinAlgError(`solve: singular matrix (U[${info - 1}, ${info - 1}] is exactly zero)`);
  }
  return rhsTensor(rhs.data, rhs.rows, rhs.cols, rhs.vector);
}

/**
 * Inverse of a square matrix, in float64, via LU with partial pivoting.
 * Throws a {@link LinAlgError} for an exactly singular matrix. Prefer
 * {@link solve} to `inv(A) @ b`: it is faster and more accurate.
 * @example
 * import { inv } from 'typelearn/linalg';
 * inv([[4, 7], [2, 6]]).toArray(); // [[0.6, -0.7], [-0.2, 0.4]]
 */
export function inv(A: MatrixInput): Tensor {
  const a = toSquareMatrix(A, 'inv');
  const n = a.rows;
  const x = identityBuffer(n);
  const info = solveInPlace(a.data, n, x, n);
  if (info > 0) throw new LinAlgError(`inv: singular matrix (U[${info - 1}, ${info - 1}] is exactly zero)`);
  return matrixTensor(x, n, n);
}
