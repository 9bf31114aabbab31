/**
 * Householder QR factorisation `A = Q R` (numpy's `qr`; LAPACK `geqrf`,
 * `orgqr`, `ormqr`). Reflectors are stored LAPACK-style so `R` matches
 * numpy/LAPACK signs.
 */
import type { Tensor } from '../tensor/tensor.js';
import { type MatrixInput, matrixTensor, toMatrix } from './input.js';

/**
 * Kernel: overwrites the `m x n` row-major `a` with its Householder QR: `R`
 * on and above the diagonal, and below it the reflector vectors `v_j`
 * (`v_j[j] = 1` implicit), with `H_j = I - tau[j] v_j v_jᵀ` and
 * `Q = H_0 H_1 … H_{k-1}`, `k = min(m, n)` (the length of `tau`).
 * @example
 * const a = Float64Array.of(3, 4);          // 2 x 1
 * const tau = new Float64Array(1);
 * householderQRInPlace(a, 2, 1, tau);      // a[0] = -5 (R), tau[0] = 1.6
 */
export function householderQRInPlace(a: Float64Array, m: number, n: number, tau: Float64Array): void {
  if (m >= 2 * n && m * n >= 4096) {
    // Tall and large: factor a column-major copy, whose column walks are contiguous, then
    // copy back. Same operations in the same order, so the same bits as the loop below.
    const at = transposeCopy(a, m, n);
    householderQRColumnsInPlace(at, m, n, tau);
    for (let j = 0; j < n; j++) {
      const cj = j * m;
      for (let i = 0; i < m; i++) a[i * n + j] = at[cj + i];
    }
    return;
  }
  const k = Math.min(m, n);
  const w = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    const rj = j * n;
    const alpha = a[rj + j];
    // Scaled 2-norm of the part below the diagonal: no overflow for huge entries.
    let scale = 0;
    for (let i = j + 1; i < m; i++) scale = Math.max(scale, Math.abs(a[i * n + j]));
    if (scale === 0) {
      tau[j] = 0;
      continue;
    }
    let ssq = 0;
    for (let i = j + 1; i < m; i++) {
      const t = a[i * n + j] / scale;
      ssq += t * t;
    }
    const xnorm = scale * Math.sqrt(ssq);
    const beta = alpha >= 0 ? -Math.hypot(alpha, xnorm) : Math.hypot(alpha, xnorm);
    const t = (beta - alpha) / beta;
    tau[j] = t;
    const inv = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) a[i * n + j] *= inv;
    a[rj + j] = beta;
    // Apply H_j to the trailing columns: w = vᵀ A[j:, j+1:], then A -= tau v wᵀ.
    for (let c = j + 1; c < n; c++) w[c] = a[rj + c];
    for (let i = j + 1; i < m; i++) {
      const ri = i * n;
      const vi = a[ri + j];
      if (vi === 0) continue;
      for (let c = j + 1; c < n; c++) w[c] += vi * a[ri + c];
    }
    for (let c = j + 1; c < n; c++) a[rj + c] -= t * w[c];
    for (let i = j + 1; i < m; i++) {
      const ri = i * n;
      const f = t * a[ri + j];
      if (f === 0) continue;
      for (let c = j + 1; c < n; c++) a[ri + c] -= f * w[c];
    }
  }
}

/** The `n x m` transpose of the `m x n` row-major `a`: column `j` of `a` at `[j*m, (j+1)*m)`. */
export function transposeCopy(a: Float64Array, m: number, n: number): Float64Array {
  const at = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) at[j * m + i] = a[ri + j];
  }
  return at;
}

/**
 * Kernel: {@link householderQRInPlace} on a column-major matrix: `at` holds the
 * `m x n` matrix column after column (`at[j*m + i]` is row `i`, column `j`).
 * Reflector `v_j` then lies contiguously in `at[j*m + j + 1 .. (j+1)*m)`.
 * @example
 * const at = Float64Array.of(3, 4);        // one column (3, 4)
 * householderQRColumnsInPlace(at, 2, 1, new Float64Array(1)); // at[0] = -5
 */
export function householderQRColumnsInPlace(at: Float64Array, m: number, n: number, tau: Float64Array): void {
  const k = Math.min(m, n);
  for (let j = 0; j < k; j++) {
    const cj = j * m;
    const alpha = at[cj + j];
    let scale = 0;
    for (let i = j + 1; i < m; i++) scale = Math.max(scale, Math.abs(at[cj + i]));
    if (scale === 0) {
      tau[j] = 0;
      continue;
    }
    let ssq = 0;
    for (let i = j + 1; i < m; i++) {
      const t = at[cj + i] / scale;
      ssq += t * t;
    }
    const xnorm = scale * Math.sqrt(ssq);
    const beta = alpha >= 0 ? -Math.hypot(alpha, xnorm) : Math.hypot(alpha, xnorm);
    const t = (beta - alpha) / beta;
    tau[j] = t;
    const inv = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) at[cj + i] *= inv;
    at[cj + j] = beta;
    // Four trailing columns at a time: the reflector is read once for all four, and the four
    // dot products are independent chains (one alone waits on each add). Each column's sums
    // run in the same order as one at a time, so the result is the same to the bit.
    let c = j + 1;
    for (; c + 3 < n; c += 4) {
      const c0 = c * m;
      const c1 = c0 + m;
      const c2 = c1 + m;
      const c3 = c2 + m;
      let w0 = at[c0 + j];
      let w1 = at[c1 + j];
      let w2 = at[c2 + j];
      let w3 = at[c3 + j];
      for (let i = j + 1; i < m; i++) {
        const vi = at[cj + i];
        w0 += vi * at[c0 + i];
        w1 += vi * at[c1 + i];
        w2 += vi * at[c2 + i];
        w3 += vi * at[c3 + i];
      }
      at[c0 + j] -= t * w0;
      at[c1 + j] -= t * w1;
      at[c2 + j] -= t * w2;
      at[c3 + j] -= t * w3;
      for (let i = j + 1; i < m; i++) {
        const tv = t * at[cj + i];
        at[c0 + i] -= tv * w0;
        at[c1 + i] -= tv * w1;
        at[c2 + i] -= tv * w2;
        at[c3 + i] -= tv * w3;
      }
    }
    for (; c < n; c++) {
      const cc = c * m;
      let w = at[cc + j];
      for (let i = j + 1; i < m; i++) w += at[cj + i] * at[cc + i];
      at[cc + j] -= t * w;
      for (let i = j + 1; i < m; i++) at[cc + i] -= t * at[cj + i] * w;
    }
  }
}

/**
 * Kernel: {@link applyQTransposeInPlace} with the reflectors of
 * {@link householderQRColumnsInPlace} (column-major `at`); `b` is `m x nrhs` row-major.
 */
export function applyQTransposeColumnsInPlace(
  at: Float64Array,
  m: number,
  tau: Float64Array,
  b: Float64Array,
  nrhs: number,
): void {
  if (nrhs !== 1) {
    applyReflectorsTransposed(at, m, m, 1, tau, b, nrhs);
    return;
  }
  // One right-hand side: the reflector and b are both contiguous, no scratch row needed.
  for (let j = 0; j < tau.length; j++) {
    const t = tau[j];
    if (t === 0) continue;
    const cj = j * m;
    let s = b[j];
    for (let i = j + 1; i < m; i++) s += at[cj + i] * b[i];
    b[j] -= t * s;
    for (let i = j + 1; i < m; i++) b[i] -= t * at[cj + i] * s;
  }
}

/**
 * Kernel: the first `qCols` columns of `Q` (an `m x qCols` row-major buffer,
 * `min(m, n) <= qCols <= m`) from the output of {@link householderQRInPlace}.
 * @example
 * // after householderQRInPlace(a, m, n, tau):
 * // formQ(a, m, n, tau, Math.min(m, n)) → thin Q;  formQ(a, m, n, tau, m) → complete Q
 */
export function formQ(a: Float64Array, m: number, n: number, tau: Float64Array, qCols: number): Float64Array {
  const q = new Float64Array(m * qCols);
  for (let i = 0; i < Math.min(m, qCols); i++) q[i * qCols + i] = 1;
  const w = new Float64Array(qCols);
  // Backward accumulation: when H_j is applied, rows >= j of columns < j are still zero.
  for (let j = tau.length - 1; j >= 0; j--) {
    const t = tau[j];
    if (t === 0) continue;
    const rj = j * qCols;
    for (let c = j; c < qCols; c++) w[c] = q[rj + c];
    for (let i = j + 1; i < m; i++) {
      const vi = a[i * n + j];
      if (vi === 0) continue;
      const ri = i * qCols;
      for (let c = j; c < qCols; c++) w[c] += vi * q[ri + c];
    }
    for (let c = j; c < qCols; c++) q[rj + c] -= t * w[c];
    for (let i = j + 1; i < m; i++) {
      const f = t * a[i * n + j];
      if (f === 0) continue;
      const ri = i * qCols;
      for (let c = j; c < qCols; c++) q[ri + c] -= f * w[c];
    }
  }
  return q;
}

/**
 * Kernel: overwrites the `m x nrhs` row-major `b` with `Qᵀ b`, using the
 * reflectors from {@link householderQRInPlace} on an `m x n` matrix (so a
 * least-squares solve is `R x = (Qᵀ b)[:n]`).
 * @example
 * // after householderQRInPlace(a, m, n, tau): applyQTransposeInPlace(a, m, n, tau, b, 1)
 */
export function applyQTransposeInPlace(
  a: Float64Array,
  m: number,
  n: number,
  tau: Float64Array,
  b: Float64Array,
  nrhs: number,
): void {
  applyReflectorsTransposed(a, m, 1, n, tau, b, nrhs);
}

/**
 * `b ← Qᵀ b` for reflectors stored below the diagonal of `v`, where element (i, j) of the
 * factored matrix is `v[j * colStep + i * rowStep]` (row-major: 1, n; column-major: m, 1).
 */
function applyReflectorsTransposed(
  v: Float64Array,
  m: number,
  colStep: number,
  rowStep: number,
  tau: Float64Array,
  b: Float64Array,
  nrhs: number,
): void {
  const w = new Float64Array(nrhs);
  for (let j = 0; j < tau.length; j++) {
    const t = tau[j];
    if (t === 0) continue;
    const vj = j * colStep;
    const rj = j * nrhs;
    for (let c = 0; c < nrhs; c++) w[c] = b[rj + c];
    for (let i = j + 1; i < m; i++) {
      const vi = v[vj + i * rowStep];
      if (vi === 0) continue;
      const ri = i * nrhs;
      for (let c = 0; c < nrhs; c++) w[c] += vi * b[ri + c];
    }
    for (let c = 0; c < nrhs; c++) b[rj + c] -= t * w[c];
    for (let i = j + 1; i < m; i++) {
      const f = t * v[vj + i * rowStep];
      if (f === 0) continue;
      const ri = i * nrhs;
      for (let c = 0; c < nrhs; c++) b[ri + c] -= f * w[c];
    }
  }
}

/** Copies the `rows x n` upper triangle (trapezoid) of the factored `a` into a new buffer. */
function extractR(a: Float64Array, n: number, rows: number): Float64Array {
  const r = new Float64Array(rows * n);
  for (let i = 0; i < rows; i++) for (let j = i; j < n; j++) r[i * n + j] = a[i * n + j];
  return r;
}

/** Options of {@link qr}. */
export interface QROptions {
  /**
   * `'reduced'`: `Q` is `m x k`, `R` is `k x n` with `k = min(m, n)`;
   * `'complete'`: `Q` is `m x m`, `R` is `m x n`; `'r'`: only `R` (`k x n`).
   * Default `'reduced'`, as numpy.
   */
  mode?: 'reduced' | 'complete' | 'r';
}

/** Result of {@link qr}: `A = Q @ R`, `Q` with orthonormal columns, `R` upper triangular. */
export interface QRResult {
  Q: Tensor;
  R: Tensor;
}

/**
 * Householder QR decomposition `A = Q R` of an `m x n` matrix, in float64.
 * Signs follow LAPACK (and so numpy): the diagonal of `R` may be negative.
 * @example
 * import { qr } from 'typelearn/linalg';
 * const { Q, R } = qr([[3, 1], [4, 2]]);
 * R.toArray(); // [[-5, -2.2], [0, 0.4]] (up to rounding)
 * qr([[3], [4]], { mode: 'r' }).R.toArray(); // [[-5]]
 */
export function qr(A: MatrixInput, options: { mode: 'r' }): { R: Tensor };
export function qr(A: MatrixInput, options?: { mode?: 'reduced' | 'complete' }): QRResult;
export function qr(A: MatrixInput, options?: QROptions): QRResult | { R: Tensor };
export function qr(A: MatrixInput, options: QROptions = {}): QRResult | { R: Tensor } {
  const { mode = 'reduced' } = options;
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') {
    throw new RangeError(`qr: mode must be 'reduced', 'complete' or 'r', got '${String(mode)}'`);
  }
  const a = toMatrix(A, 'qr');
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  householderQRInPlace(a.data, m, n, tau);
  const rRows = mode === 'complete' ? m : k;
  const R = matrixTensor(extractR(a.data, n, rRows), rRows, n);
  if (mode === 'r') return { R };
  const qCols = mode === 'complete' ? m : k;
  return { Q: matrixTensor(formQ(a.data, m, n, tau, qCols), m, qCols), R };
}
