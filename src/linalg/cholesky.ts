/**
 * Cholesky factorisation `A = L Lᵀ` of a symmetric positive-definite matrix,
 * and solving with the factor (numpy's `cholesky`, scipy's `cho_solve`).
 */
import type { Tensor } from '../tensor/tensor.js';
import { LinAlgError } from './errors.js';
import {
  type MatrixInput,
  matrixTensor,
  type RhsInput,
  rhsTensor,
  toRhs,
  toSquareMatrix,
  transposeBuffer,
} from './input.js';
import { triangularSolveInPlace } from './triangular.js';

/**
 * Kernel: overwrites the `n x n` row-major `a` with its lower Cholesky factor
 * `L` (`A = L Lᵀ`), reading only the lower triangle of `a` and zeroing the
 * upper one.
 * @returns 0 on success, or `k` (1-based) when the leading minor of order `k`
 *   is not positive definite; `a` is then partly overwritten.
 * @example
 * const a = new Float64Array([4, 2, 2, 3]);
 * choleskyInPlace(a, 2); // 0, a = [2, 0, 1, 1.4142…]
 */
export function choleskyInPlace(a: Float64Array, n: number): number {
  // Row by row (Cholesky–Banachiewicz): every inner product runs along two rows of L.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      if (i === j) {
        // `!(s > 0)` also catches NaN.
        if (!(s > 0)) return i + 1;
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + j] = s / a[rj + j];
      }
    }
    for (let j = i + 1; j < n; j++) a[ri + j] = 0;
  }
  return 0;
}

/**
 * Kernel: solves `A X = B` in place given the Cholesky factor of `A`
 * (`lower`: `A = L Lᵀ` with `L` in `c`; otherwise `A = Uᵀ U` with `U` in `c`).
 * `B` is `n x nrhs` row-major and is overwritten by `X`.
 * @returns 0, or `k + 1` when the factor has a zero diagonal element `k`.
 * @example
 * const b = new Float64Array([6, 5]);
 * choleskySolveInPlace(new Float64Array([2, 0, 1, Math.SQRT2]), 2, b, 1, true); // b = [1, 1]
 */
export function choleskySolveInPlace(
  c: Float64Array,
  n: number,
  b: Float64Array,
  nrhs: number,
  lower: boolean,
): number {
  const info = triangularSolveInPlace(c, n, b, nrhs, lower, !lower, false);
  if (info > 0) return info;
  return triangularSolveInPlace(c, n, b, nrhs, lower, lower, false);
}

/** Options of {@link cholesky} and {@link choleskySolve}. */
export interface CholeskyOptions {
  /**
   * `true`: read the lower triangle of `A`, return `L` with `A = L Lᵀ`.
   * `false`: read the upper triangle, return `U` with `A = Uᵀ U`. Default `true`.
   */
  lower?: boolean;
}

/**
 * Cholesky factor of a symmetric positive-definite matrix, in float64. Only
 * the triangle chosen by `lower` is read (the other is assumed symmetric).
 * Throws a {@link LinAlgError} naming the leading minor that is not positive
 * definite, and a `ShapeError` for a non-square matrix.
 * @example
 * import { cholesky } from 'typelearn/linalg';
 * cholesky([[4, 2], [2, 3]]).toArray(); // [[2, 0], [1, 1.4142…]]
 * cholesky([[4, 2], [2, 3]], { lower: false }).toArray(); // [[2, 1], [0, 1.4142…]]
 */
export function cholesky(A: MatrixInput, options: CholeskyOptions = {}): Tensor {
  const { lower = true } = options;
  const a = toSquareMatrix(A, 'cholesky');
  const n = a.rows;
  const work = lower ? a.data : transposeBuffer(a.data, n, n);
  const info = choleskyInPlace(work, n);
  if (info > 0) {
    throw new LinAlgError(
      `cholesky: matrix is not positive definite (the leading minor of order ${info} is not positive definite)`,
    );
  }
  return matrixTensor(lower ? work : transposeBuffer(work, n, n), n, n);
}

/**
 * Solves `A x = b` given the Cholesky factor `c` of `A` from {@link cholesky}
 * (`lower` must say which factor it is). `b` is a vector `[n]` or a matrix
 * `[n, k]`; the result has the same shape, in float64.
 * @example
 * import { cholesky, choleskySolve } from 'typelearn/linalg';
 * const L = cholesky([[4, 2], [2, 3]]);
 * choleskySolve(L, [6, 5]).toArray(); // [1, 1]
 */
export function choleskySolve(c: MatrixInput, b: RhsInput, options: CholeskyOptions = {}): Tensor {
  const { lower = true } = options;
  const f = toSquareMatrix(c, 'choleskySolve', 'c');
  const rhs = toRhs(b, f.rows, 'choleskySolve', 'b');
  const info = choleskySolveInPlace(f.data, f.rows, rhs.data, rhs.cols, lower);
  if (info > 0) {
    throw new LinAlgError(`choleskySolve: the factor is singular, c[${info - 1}, ${info - 1}] is zero`);
  }
  return rhsTensor(rhs.data, rhs.rows, rhs.cols, rhs.vector);
}
