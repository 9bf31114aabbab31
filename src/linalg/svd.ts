/**
 * Singular value decomposition `A = U diag(S) Vᵀ` (numpy's `svd`).
 *
 * Algorithm: Householder QR of the tall matrix (`Aᵀ` when `A` is wide), then
 * one-sided (Hestenes) Jacobi on the square triangular factor. One-sided
 * Jacobi computes small singular values to high relative accuracy, so
 * rank-deficient and ill-conditioned inputs are handled well; the QR step
 * makes tall matrices cost `O(m n²)` plus Jacobi on `n x n`.
 */
import { gemm } from '../tensor/kernels/gemm.js';
import { Tensor } from '../tensor/tensor.js';
import { type MatrixInput, matrixTensor, toMatrix, transposeBuffer } from './input.js';
import { formQ, householderQRInPlace } from './qr.js';

const EPS = 2 ** -52;
const MAX_SWEEPS = 80;
/** Below this (relative to the largest entry) a singular vector is not computable from its column; it is completed instead. */
const TINY = 1e-140;

/** Kernel result of {@link svdInPlace}: row-major buffers, `k = min(m, n)`. */
export interface SvdBuffers {
  /** `m x k` (or `m x m` with `fullMatrices`); `null` unless `computeUV`. */
  u: Float64Array | null;
  /** `k` singular values, descending, ≥ 0. */
  s: Float64Array;
  /** `k x n` (or `n x n` with `fullMatrices`); `null` unless `computeUV`. */
  vt: Float64Array | null;
}

/**
 * Kernel: one-sided Jacobi orthogonalisation of the `n` rows (each of length
 * `len`) of `w`, rotating the rows of `vt` (`n x n`, may be null) alongside.
 * On return the rows of `w` are mutually orthogonal to a relative tolerance of
 * about `n * eps`. Returns the number of sweeps used.
 * If `vt` starts as the identity it ends as `Jᵀ`, where `J` is the
 * orthogonal matrix with `Xᵀ J = W` for `X`/`W` the row stacks before/after.
 * @example
 * const w = Float64Array.of(3, 0, 4, 5); // rows [3, 0] and [4, 5]
 * jacobiOrthogonalizeRows(w, 2, 2, null); // afterwards the two rows are orthogonal
 */
export function jacobiOrthogonalizeRows(w: Float64Array, n: number, len: number, vt: Float64Array | null): number {
  const tol = EPS * Math.max(n, 4);
  const norms = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let s = 0;
    const rp = p * len;
    for (let i = 0; i < len; i++) s += w[rp + i] * w[rp + i];
    norms[p] = s;
  }
  let sweep = 0;
  while (sweep < MAX_SWEEPS) {
    sweep++;
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const rp = p * len;
      for (let q = p + 1; q < n; q++) {
        const a = norms[p];
        const b = norms[q];
        if (a === 0 || b === 0) continue;
        const rq = q * len;
        let c = 0;
        for (let i = 0; i < len; i++) c += w[rp + i] * w[rq + i];
        if (Math.abs(c) <= tol * Math.sqrt(a) * Math.sqrt(b)) continue;
        rotated = true;
        // Rotation angle that zeroes the off-diagonal of the 2x2 Gram matrix [[a, c], [c, b]] (smaller root).
        const zeta = (b - a) / (2 * c);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.hypot(1, zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        let na = 0;
        let nb = 0;
        for (let i = 0; i < len; i++) {
          const x = w[rp + i];
          const y = w[rq + i];
          const x2 = cs * x - sn * y;
          const y2 = sn * x + cs * y;
          w[rp + i] = x2;
          w[rq + i] = y2;
          na += x2 * x2;
          nb += y2 * y2;
        }
        norms[p] = na;
        norms[q] = nb;
        if (vt !== null) {
          const vp = p * n;
          const vq = q * n;
          for (let i = 0; i < n; i++) {
            const x = vt[vp + i];
            const y = vt[vq + i];
            vt[vp + i] = cs * x - sn * y;
            vt[vq + i] = sn * x + cs * y;
          }
        }
      }
    }
    if (!rotated) break;
  }
  return sweep;
}

/**
 * Replaces columns `from..cols-1` of the `rows x cols` row-major `u` with unit
 * vectors orthogonal to all earlier columns (Gram–Schmidt, twice, on the
 * coordinate vector least covered so far).
 */
function completeOrthonormalColumns(u: Float64Array, rows: number, cols: number, from: number): void {
  // covered[t] = squared norm of row t over the finished columns = ‖P e_t‖².
  const covered = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    let s = 0;
    for (let j = 0; j < from; j++) s += u[t * cols + j] * u[t * cols + j];
    covered[t] = s;
  }
  const x = new Float64Array(rows);
  for (let j = from; j < cols; j++) {
    let best = 0;
    for (let t = 1; t < rows; t++) if (covered[t] < covered[best]) best = t;
    x.fill(0);
    x[best] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let c = 0; c < j; c++) {
        let d = 0;
        for (let t = 0; t < rows; t++) d += u[t * cols + c] * x[t];
        for (let t = 0; t < rows; t++) x[t] -= d * u[t * cols + c];
      }
    }
    let nrm = 0;
    for (let t = 0; t < rows; t++) nrm += x[t] * x[t];
    nrm = Math.sqrt(nrm);
    for (let t = 0; t < rows; t++) {
      const v = x[t] / nrm;
      u[t * cols + j] = v;
      covered[t] += v * v;
    }
  }
}

/** SVD of a tall (`m >= n`) matrix; `a` is destroyed. */
function svdTall(a: Float64Array, m: number, n: number, computeUV: boolean, fullMatrices: boolean): SvdBuffers {
  const s = new Float64Array(n);
  // Scale to a largest entry of 1 so squared norms neither overflow nor underflow.
  let amax = 0;
  for (let i = 0; i < a.length; i++) amax = Math.max(amax, Math.abs(a[i]));
  if (amax > 0 && amax !== 1) for (let i = 0; i < a.length; i++) a[i] /= amax;

  const tau = new Float64Array(n);
  householderQRInPlace(a, m, n, tau);
  // Jacobi on the columns of Rᵀ, i.e. the rows of R: it converges in fewer
  // sweeps than on the columns of R. With Rᵀ J = W (orthogonal columns) and
  // Σ = column norms of W: R = J Σ (W Σ⁻¹)ᵀ, so U = Q J and V = W Σ⁻¹.
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) w[i * n + j] = a[i * n + j];
  let jt: Float64Array | null = null;
  if (computeUV) {
    jt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) jt[i * n + i] = 1;
  }
  jacobiOrthogonalizeRows(w, n, n, jt);

  const sigma = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let ss = 0;
    for (let i = 0; i < n; i++) ss += w[p * n + i] * w[p * n + i];
    sigma[p] = Math.sqrt(ss);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => sigma[y] - sigma[x] || x - y);
  for (let j = 0; j < n; j++) s[j] = sigma[order[j]] * (amax > 0 ? amax : 1);
  if (!computeUV || jt === null) return { u: null, s, vt: null };

  // ur = J with its columns sorted (rows of jt are the columns of J); v = W Σ⁻¹ sorted, as columns.
  const ur = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  let good = 0;
  for (let j = 0; j < n; j++) {
    const p = order[j];
    for (let i = 0; i < n; i++) ur[i * n + j] = jt[p * n + i];
    if (sigma[p] > TINY) {
      good = j + 1;
      const inv = 1 / sigma[p];
      for (let i = 0; i < n; i++) v[i * n + j] = w[p * n + i] * inv;
    }
  }
  if (good < n) completeOrthonormalColumns(v, n, n, good);
  const vt = transposeBuffer(v, n, n);

  const qCols = fullMatrices ? m : n;
  const q = formQ(a, m, n, tau, qCols);
  const u = new Float64Array(m * qCols);
  gemm(false, false, m, n, n, 1, q, qCols, ur, n, 0, u, qCols);
  if (fullMatrices) {
    for (let i = 0; i < m; i++) for (let j = n; j < m; j++) u[i * m + j] = q[i * m + j];
  }
  return { u, s, vt };
}

/**
 * Kernel: SVD of the `m x n` row-major `a` (destroyed), `A = U diag(s) Vt`.
 * With `fullMatrices` `u` is `m x m` and `vt` is `n x n`, otherwise `m x k`
 * and `k x n` with `k = min(m, n)`. The input must be finite.
 * @example
 * const { s } = svdInPlace(Float64Array.of(3, 2, 2, 2, 3, -2), 2, 3, false, false);
 * // s = [5, 3]
 */
export function svdInPlace(
  a: Float64Array,
  m: number,
  n: number,
  computeUV: boolean,
  fullMatrices: boolean,
): SvdBuffers {
  if (m >= n) return svdTall(a, m, n, computeUV, fullMatrices);
  // Wide: Aᵀ = U' S V'ᵀ, so A = V' S U'ᵀ.
  const r = svdTall(transposeBuffer(a, m, n), n, m, computeUV, fullMatrices);
  if (r.u === null || r.vt === null) return r;
  const uCols = fullMatrices ? n : m;
  return { u: transposeBuffer(r.vt, m, m), s: r.s, vt: transposeBuffer(r.u, n, uCols) };
}

/** Options of {@link svd}. */
export interface SvdOptions {
  /** Return square `U` (`m x m`) and `Vt` (`n x n`) instead of the thin factors. Default `false`. */
  fullMatrices?: boolean;
  /** Compute the singular vectors; when `false` only `S` is returned. Default `true`. */
  computeUV?: boolean;
}

/** Result of {@link svd}: `A = U @ diag(S) @ Vt`. */
export interface SvdResult {
  /** Left singular vectors as columns: `m x k` (`m x m` with `fullMatrices`). */
  U: Tensor;
  /** Singular values, shape `[k]`, `k = min(m, n)`, descending, non-negative. */
  S: Tensor;
  /** Right singular vectors as rows: `k x n` (`n x n` with `fullMatrices`). */
  Vt: Tensor;
}

/**
 * Singular value decomposition of an `m x n` matrix, in float64:
 * `A = U diag(S) Vt` with orthonormal columns in `U`, orthonormal rows in
 * `Vt`, and `S` sorted descending. Thin by default (unlike numpy, whose
 * default is `full_matrices=True`). Singular vectors are unique only up to
 * sign (and rotation within repeated singular values). Throws a
 * `LinAlgError` for NaN/Infinity in the input.
 * @example
 * import { svd } from 'typelearn/linalg';
 * const { U, S, Vt } = svd([[3, 2, 2], [2, 3, -2]]);
 * S.toArray(); // [5, 3] (up to rounding)
 * svd([[3, 2, 2], [2, 3, -2]], { computeUV: false }).S.toArray(); // [5, 3]
 */
export function svd(A: MatrixInput, options: SvdOptions & { computeUV: false }): { S: Tensor };
export function svd(A: MatrixInput, options?: SvdOptions & { computeUV?: true }): SvdResult;
export function svd(A: MatrixInput, options?: SvdOptions): SvdResult | { S: Tensor };
export function svd(A: MatrixInput, options: SvdOptions = {}): SvdResult | { S: Tensor } {
  const { fullMatrices = false, computeUV = true } = options;
  const a = toMatrix(A, 'svd');
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const r = svdInPlace(a.data, m, n, computeUV, fullMatrices);
  const S = new Tensor(r.s, [k]);
  if (r.u === null || r.vt === null) return { S };
  const uCols = fullMatrices ? m : k;
  const vRows = fullMatrices ? n : k;
  return { U: matrixTensor(r.u, m, uCols), S, Vt: matrixTensor(r.vt, vRows, n) };
}
