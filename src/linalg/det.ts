/**
 * Determinants via LU with partial pivoting: `det` and the overflow-safe
 * `slogdet` (numpy's `det`, `slogdet`).
 */
import { type MatrixInput, toSquareMatrix } from './input.js';
import { luFactorInPlace } from './lu.js';

/** Result of {@link slogdet}: `det(A) = sign * exp(logabsdet)`. */
export interface SlogdetResult {
  /** 1, -1, or 0 for a singular matrix. */
  sign: number;
  /** Natural log of `|det(A)|`; `-Infinity` for a singular matrix. */
  logabsdet: number;
}

/**
 * Kernel: sign and log-|determinant| of the `n x n` row-major `a`, which is
 * overwritten by its LU factors.
 * @example slogdetInPlace(Float64Array.of(0, 2, 3, 0), 2) // { sign: -1, logabsdet: Math.log(6) }
 */
export function slogdetInPlace(a: Float64Array, n: number): SlogdetResult {
  const piv = new Int32Array(n);
  const info = luFactorInPlace(a, n, n, piv);
  if (info > 0) return { sign: 0, logabsdet: Number.NEGATIVE_INFINITY };
  let sign = 1;
  let logabsdet = 0;
  for (let k = 0; k < n; k++) {
    if (piv[k] !== k) sign = -sign;
    const u = a[k * n + k];
    if (u < 0) sign = -sign;
    logabsdet += Math.log(Math.abs(u));
  }
  return { sign, logabsdet };
}

/**
 * Determinant of a square matrix (1 for a 0 x 0 matrix; exactly 0 when LU
 * meets a zero pivot). May overflow to ±Infinity or underflow to 0 for large
 * matrices; use {@link slogdet} then.
 * @example
 * import { det } from 'typelearn/linalg';
 * det([[1, 2], [3, 4]]); // -2
 * det([[0, 1], [1, 0]]); // -1
 */
export function det(A: MatrixInput): number {
  const a = toSquareMatrix(A, 'det');
  const n = a.rows;
  const piv = new Int32Array(n);
  const info = luFactorInPlace(a.data, n, n, piv);
  if (info > 0) return 0;
  let d = 1;
  for (let k = 0; k < n; k++) {
    d *= a.data[k * n + k];
    if (piv[k] !== k) d = -d;
  }
  return d;
}

/**
 * Sign and natural log of the absolute determinant, computed without
 * overflow: `det(A) = sign * exp(logabsdet)`. A singular matrix gives
 * `{ sign: 0, logabsdet: -Infinity }`.
 * @example
 * import { slogdet } from 'typelearn/linalg';
 * slogdet([[1, 2], [3, 4]]); // { sign: -1, logabsdet: 0.6931… }
 */
export function slogdet(A: MatrixInput): SlogdetResult {
  const a = toSquareMatrix(A, 'slogdet');
  return slogdetInPlace(a.data, a.rows);
}
