/**
 * Triangular solves: `op(A) X = B` for triangular `A` by forward or backward
 * substitution (scipy's `solve_triangular`, LAPACK `trtrs`).
 */
import type { Tensor } from '../tensor/tensor.js';
import { LinAlgError } from './errors.js';
import { type MatrixInput, type RhsInput, rhsTensor, toRhs, toSquareMatrix } from './input.js';

/**
 * Kernel: solves `op(A) X = B` in place, where `A` is `n x n` row-major and
 * triangular (only the `lower` or upper triangle is read), `op(A)` is `A` or
 * `Aᵀ` (`transpose`), and `B` is `n x nrhs` row-major; `B` is overwritten by `X`.
 * With `unitDiagonal` the diagonal is taken to be ones and not read.
 * @returns 0 on success, or `k + 1` when `A[k, k]` is exactly zero (B is then untouched).
 * @example
 * const b = new Float64Array([2, 5]);
 * triangularSolveInPlace(new Float64Array([2, 0, 1, 1]), 2, b, 1, true, false, false); // b = [1, 4]
 */
export function triangularSolveInPlace(
  a: Float64Array,
  n: number,
  b: Float64Array,
  nrhs: number,
  lower: boolean,
  transpose: boolean,
  unitDiagonal: boolean,
): number {
  if (!unitDiagonal) {
    for (let k = 0; k < n; k++) if (a[k * n + k] === 0) return k + 1;
  }
  // Each case walks A by rows (contiguous): the non-transposed cases substitute
  // row by row, the transposed ones subtract each solved row from the rest.
  if (lower !== transpose) {
    // Effective lower-triangular system: forward.
    if (!transpose) {
      for (let i = 0; i < n; i++) {
        const bi = i * nrhs;
        const ai = i * n;
        for (let j = 0; j < i; j++) {
          const f = a[ai + j];
          if (f === 0) continue;
          const bj = j * nrhs;
          for (let r = 0; r < nrhs; r++) b[bi + r] -= f * b[bj + r];
        }
        if (!unitDiagonal) {
          const d = a[ai + i];
          for (let r = 0; r < nrhs; r++) b[bi + r] /= d;
        }
      }
    } else {
      // Aᵀ lower means A upper: row j of A holds column j of Aᵀ.
      for (let j = 0; j < n; j++) {
        const bj = j * nrhs;
        const aj = j * n;
        if (!unitDiagonal) {
          const d = a[aj + j];
          for (let r = 0; r < nrhs; r++) b[bj + r] /= d;
        }
        for (let i = j + 1; i < n; i++) {
          const f = a[aj + i];
          if (f === 0) continue;
          const bi = i * nrhs;
          for (let r = 0; r < nrhs; r++) b[bi + r] -= f * b[bj + r];
        }
      }
    }
  } else if (!transpose) {
    // Upper: backward.
    for (let i = n - 1; i >= 0; i--) {
      const bi = i * nrhs;
      const ai = i * n;
      for (let j = i + 1; j < n; j++) {
        const f = a[ai + j];
        if (f === 0) continue;
        const bj = j * nrhs;
        for (let r = 0; r < nrhs; r++) b[bi + r] -= f * b[bj + r];
      }
      if (!unitDiagonal) {
        const d = a[ai + i];
        for (let r = 0; r < nrhs; r++) b[bi + r] /= d;
      }
    }
  } else {
    // Aᵀ upper means A lower: backward over the rows of A.
    for (let j = n - 1; j >= 0; j--) {
      const bj = j * nrhs;
      const aj = j * n;
      if (!unitDiagonal) {
        const d = a[aj + j];
        for (let r = 0; r < nrhs; r++) b[bj + r] /= d;
      }
      for (let i = 0; i < j; i++) {
        const f = a[aj + i];
        if (f === 0) continue;
        const bi = i * nrhs;
        for (let r = 0; r < nrhs; r++) b[bi + r] -= f * b[bj + r];
      }
    }
  }
  return 0;
}

/** Options of {@link triangularSolve}. */
export interface TriangularSolveOptions {
  /** Use the lower triangle of `A` (otherwise the upper). Default `false`, as scipy. */
  lower?: boolean;
  /** Solve `Aᵀ x = b` instead of `A x = b`. Default `false`. */
  transpose?: boolean;
  /** Assume ones on the diagonal without reading it. Default `false`. */
  unitDiagonal?: boolean;
}

/**
 * Solves `A x = b` (or `Aᵀ x = b`) for triangular `A`; only the chosen
 * triangle of `A` is read. `b` is a vector `[n]` or a matrix `[n, k]`; the
 * result has the same shape, in float64.
 * Throws a {@link LinAlgError} when a diagonal element is zero.
 * @example
 * import { triangularSolve } from 'typelearn/linalg';
 * triangularSolve([[2, 0], [1, 1]], [2, 5], { lower: true }).toArray(); // [1, 4]
 */
export function triangularSolve(A: MatrixInput, b: RhsInput, options: TriangularSolveOptions = {}): Tensor {
  const { lower = false, transpose = false, unitDiagonal = false } = options;
  const a = toSquareMatrix(A, 'triangularSolve');
  const rhs = toRhs(b, a.rows, 'triangularSolve', 'b');
  const info = triangularSolveInPlace(a.data, a.rows, rhs.data, rhs.cols, lower, transpose, unitDiagonal);
  if (info > 0) {
    throw new LinAlgError(`triangularSolve: singular matrix, A[${info - 1}, ${info - 1}] is zero`);
  }
  return rhsTensor(rhs.data, rhs.rows, rhs.cols, rhs.vector);
}
