/**
 * Minimum-norm least squares `min ‖A x - b‖₂` via the SVD (numpy's `lstsq`,
 * LAPACK `gelsd` semantics for `rcond`).
 */
import { gemm } from '../tensor/kernels/gemm.js';
import { Tensor } from '../tensor/tensor.js';
import { type MatrixInput, type RhsInput, rhsTensor, toMatrix, toRhs } from './input.js';
import { applyQTransposeColumnsInPlace, householderQRColumnsInPlace, transposeCopy } from './qr.js';
import { svdInPlace } from './svd.js';

const EPS = 2 ** -52;

/** Kernel result of {@link lstsqInPlace}. */
export interface LstsqBuffers {
  /** `n x nrhs` row-major solution. */
  x: Float64Array;
  /** Singular values of `A`, descending. */
  s: Float64Array;
  /** Number of singular values above `rcond * s[0]`. */
  rank: number;
}

/**
 * Kernel: minimum-norm least-squares solution of `A X ≈ B` for the `m x n`
 * row-major `a` (destroyed, or left as is when `m > n`) and the `m x nrhs` row-major `b` (not modified).
 * Singular values `<= rcond * s[0]` are treated as zero.
 * @example
 * const { x } = lstsqInPlace(Float64Array.of(1, 1, 1, 2, 1, 3), 3, 2, Float64Array.of(1, 2, 3), 1, 1e-15);
 * // x ≈ [0, 1]
 */
export function lstsqInPlace(
  a: Float64Array,
  m: number,
  n: number,
  b: Float64Array,
  nrhs: number,
  rcond: number,
): LstsqBuffers {
  if (m > n && n > 0) {
    // Tall A = QR: the problem reduces to R x ≈ Qᵀb (same singular values, same minimum-norm
    // solution), so the m x n left singular vectors are never formed.
    const { r, qtb } = reduceTall(a, m, n, b, nrhs);
    return svdSolve(r, n, n, qtb, nrhs, rcond);
  }
  return svdSolve(a, m, n, b, nrhs, rcond);
}

/**
 * Kernel: for a tall `m x n` row-major `a` (`m > n`, not modified) and `m x nrhs` `b`,
 * the `n x n` upper-triangular `R` of `A = QR` and the first `n` rows of `Qᵀb`:
 * `‖A x − b‖² = ‖R x − (Qᵀb)[:n]‖² + const`, so least-squares problems on `A` (plain,
 * non-negative, ...) can be solved on the small `R` instead.
 * @example const { r, qtb } = reduceTall(a, 1000, 5, b, 1); // r: 5 x 5, qtb: 5
 */
export function reduceTall(
  a: Float64Array,
  m: number,
  n: number,
  b: Float64Array,
  nrhs: number,
): { r: Float64Array; qtb: Float64Array } {
  const tau = new Float64Array(n);
  const at = transposeCopy(a, m, n);
  householderQRColumnsInPlace(at, m, n, tau);
  const qtb = b.slice(0, m * nrhs);
  applyQTransposeColumnsInPlace(at, m, tau, qtb, nrhs);
  const r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) r[i * n + j] = at[j * m + i];
  return { r, qtb: qtb.slice(0, n * nrhs) };
}

// x = V diag(1/s) Uᵀ b over the singular triplets above the cutoff; `a` is destroyed.
function svdSolve(a: Float64Array, m: number, n: number, b: Float64Array, nrhs: number, rcond: number): LstsqBuffers {
  const k = Math.min(m, n);
  const { u, s, vt } = svdInPlace(a, m, n, true, false);
  const x = new Float64Array(n * nrhs);
  if (k === 0 || u === null || vt === null) return { x, s, rank: 0 };
  const cutoff = rcond * s[0];
  let rank = 0;
  while (rank < k && s[rank] > cutoff) rank++;
  // x = V diag(1/s) Uᵀ b, over the first `rank` singular triplets only.
  const c = new Float64Array(rank * nrhs);
  gemm(true, false, rank, nrhs, m, 1, u, k, b, nrhs, 0, c, nrhs);
  for (let i = 0; i < rank; i++) {
    const inv = 1 / s[i];
    for (let j = 0; j < nrhs; j++) c[i * nrhs + j] *= inv;
  }
  gemm(true, false, n, nrhs, rank, 1, vt, n, c, nrhs, 0, x, nrhs);
  return { x, s, rank };
}

/** Options of {@link lstsq}. */
export interface LstsqOptions {
  /**
   * Relative cutoff: singular values `<= rcond * largest` count as zero.
   * Default `eps * max(m, n)`, numpy's default since 1.14.
   */
  rcond?: number;
}

/** Result of {@link lstsq}, as numpy's `(x, residuals, rank, s)`. */
export interface LstsqResult {
  /** Solution, shape `[n]` for a vector `b`, `[n, k]` for a matrix `b`. */
  x: Tensor;
  /**
   * Squared residual norm of each column of `b`, shape `[k]` (`[1]` for a
   * vector `b`); empty (shape `[0]`) unless `rank == n` and `m > n`, as numpy.
   */
  residuals: Tensor;
  /** Effective rank of `A`. */
  rank: number;
  /** Singular values of `A`, descending, shape `[min(m, n)]`. */
  s: Tensor;
}

/**
 * Least-squares solution of `A x ≈ b`: minimises `‖b - A x‖₂` and, among the
 * minimisers (rank-deficient `A`), returns the one of least norm. Works for
 * tall, square and wide `A`; `b` is a vector `[m]` or a matrix `[m, k]`.
 * Results are float64.
 * @example
 * import { lstsq } from 'typelearn/linalg';
 * // fit y = c0 + c1 t through (0, 1), (1, 3), (2, 5)
 * const { x, residuals, rank } = lstsq([[1, 0], [1, 1], [1, 2]], [1, 3, 5]);
 * x.toArray(); // [1, 2] (up to rounding); rank = 2; residuals ≈ [0]
 */
export function lstsq(A: MatrixInput, b: RhsInput, options: LstsqOptions = {}): LstsqResult {
  const a = toMatrix(A, 'lstsq');
  const { rows: m, cols: n } = a;
  const rhs = toRhs(b, m, 'lstsq', 'b');
  const rcond = options.rcond ?? EPS * Math.max(m, n);
  if (!(rcond >= 0)) throw new RangeError(`lstsq: rcond must be a non-negative number, got ${rcond}`);
  const aCopy = a.data.slice();
  const nrhs = rhs.cols;
  const r = lstsqInPlace(a.data, m, n, rhs.data, nrhs, rcond);
  let residuals = new Float64Array(0);
  if (r.rank === n && m > n) {
    // Residuals from the actual product: forming ‖b‖² - ‖Uᵀb‖² would cancel badly.
    const res = rhs.data.slice();
    gemm(false, false, m, nrhs, n, 1, aCopy, n, r.x, nrhs, -1, res, nrhs);
    residuals = new Float64Array(nrhs);
    for (let i = 0; i < m; i++) for (let j = 0; j < nrhs; j++) residuals[j] += res[i * nrhs + j] ** 2;
  }
  return {
    x: rhsTensor(r.x, n, nrhs, rhs.vector),
    residuals: new Tensor(residuals, [residuals.length]),
    rank: r.rank,
    s: new Tensor(r.s, [r.s.length]),
  };
}
