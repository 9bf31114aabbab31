/**
 * Moore–Penrose pseudo-inverse via the SVD (numpy's / scipy's `pinv`).
 */
import { gemm } from '../tensor/kernels/gemm.js';
import type { Tensor } from '../tensor/tensor.js';
import { type MatrixInput, matrixTensor, toMatrix } from './input.js';
import { svdInPlace } from './svd.js';

const EPS = 2 ** -52;

/**
 * Kernel: the `n x m` pseudo-inverse of the `m x n` row-major `a` (destroyed),
 * treating singular values `<= rcond * s[0]` as zero.
 * @example pinvInPlace(Float64Array.of(2, 0, 0, 0), 2, 2, 1e-15) // [0.5, 0, 0, 0]
 */
export function pinvInPlace(a: Float64Array, m: number, n: number, rcond: number): Float64Array {
  const k = Math.min(m, n);
  const { u, s, vt } = svdInPlace(a, m, n, true, false);
  const out = new Float64Array(n * m);
  if (k === 0 || u === null || vt === null) return out;
  const cutoff = rcond * s[0];
  let rank = 0;
  while (rank < k && s[rank] > cutoff) rank++;
  // W = diag(1/s) Uᵀ restricted to the kept singular values; A⁺ = V W.
  const w = new Float64Array(rank * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < rank; j++) w[j * m + i] = u[i * k + j] / s[j];
  }
  gemm(true, false, n, m, rank, 1, vt, n, w, m, 0, out, m);
  return out;
}

/** Options of {@link pinv}. */
export interface PinvOptions {
  /**
   * Relative cutoff: singular values `<= rcond * largest` count as zero.
   * Default `eps * max(m, n)` (scipy's default; numpy's is a fixed `1e-15`).
   */
  rcond?: number;
}

/**
 * Moore–Penrose pseudo-inverse `A⁺` (`n x m` for an `m x n` `A`), in float64:
 * the matrix with `A A⁺ A = A`, `A⁺ A A⁺ = A⁺` and `A A⁺`, `A⁺ A` symmetric.
 * `A⁺ b` is the minimum-norm least-squares solution of `A x ≈ b`.
 * @example
 * import { pinv } from 'typelearn/linalg';
 * pinv([[1, 0], [0, 0]]).toArray(); // [[1, 0], [0, 0]]
 * pinv([[1], [1]]).toArray(); // [[0.5, 0.5]]
 */
export function pinv(A: MatrixInput, options: PinvOptions = {}): Tensor {
  const a = toMatrix(A, 'pinv');
  const { rows: m, cols: n } = a;
  const rcond = options.rcond ?? EPS * Math.max(m, n);
  if (!(rcond >= 0)) throw new RangeError(`pinv: rcond must be a non-negative number, got ${rcond}`);
  return matrixTensor(pinvInPlace(a.data, m, n, rcond), n, m);
}
