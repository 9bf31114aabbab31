/**
 * Symmetric eigendecomposition `A = V diag(w) Vᵀ` (numpy's `eigh`,
 * `eigvalsh`): Householder reduction to tridiagonal form, then implicit
 * symmetric QR iterations with Wilkinson shifts, accumulating the rotations
 * into the eigenvectors (the approach of LAPACK `sytrd` + `steqr`).
 */
import { gemm } from '../tensor/kernels/gemm.js';
import { Tensor } from '../tensor/tensor.js';
import { LinAlgError } from './errors.js';
import { type MatrixInput, matrixTensor, toSquareMatrix } from './input.js';

const EPS = 2 ** -52;
const SAFE_MIN = 2 ** -1022;

/** Kernel result of {@link eighInPlace}. */
export interface EighBuffers {
  /** `n` eigenvalues, ascending. */
  w: Float64Array;
  /** `n x n` row-major, eigenvector `j` in column `j`; `null` unless requested. */
  v: Float64Array | null;
}

/** Columns per panel of the blocked reduction (LAPACK's `nb` for `sytrd`). */
const PANEL = 32;
/** Smallest order the blocked reduction is used for (below it the panels do not pay). */
const BLOCKED_MIN = 128;

/**
 * Householder reflector of column `j` of the lower triangle: from
 * `x = A[j+1:, j]`, sets `tau[j]`, `e[j]` (the new `T[j, j+1]`) and stores the
 * scaled vector (implicit leading 1) in row `j` beyond column `j + 1`.
 * @returns the reflector's factor (0 when `x` below its first entry is zero: no reflection).
 */
function makeReflector(a: Float64Array, n: number, j: number, e: Float64Array, tau: Float64Array): number {
  const rj = j * n;
  const alpha = a[(j + 1) * n + j];
  let scale = 0;
  for (let i = j + 2; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + j]));
  if (scale === 0) {
    tau[j] = 0;
    e[j] = alpha;
    return 0;
  }
  let ssq = 0;
  for (let i = j + 2; i < n; i++) {
    const t = a[i * n + j] / scale;
    ssq += t * t;
  }
  const xnorm = scale * Math.sqrt(ssq);
  const beta = alpha >= 0 ? -Math.hypot(alpha, xnorm) : Math.hypot(alpha, xnorm);
  const t = (beta - alpha) / beta;
  tau[j] = t;
  e[j] = beta;
  const inv = 1 / (alpha - beta);
  for (let i = j + 2; i < n; i++) a[rj + i] = a[i * n + j] * inv;
  return t;
}

/**
 * `pv[0:p] = B v` for the trailing block `B = A[o:, o:]` (size `p`), read from its
 * lower triangle only: entry `(i, l)`, `l < i`, serves rows `i` and `l`.
 */
function lowerSymv(a: Float64Array, n: number, o: number, p: number, v: Float64Array, pv: Float64Array): void {
  pv.fill(0, 0, p);
  for (let i = 0; i < p; i++) {
    const ri = (o + i) * n + o;
    const vi = v[i];
    let s = 0;
    for (let l = 0; l < i; l++) {
      const ail = a[ri + l];
      s += ail * v[l];
      pv[l] += ail * vi;
    }
    pv[i] += s + a[ri + i] * vi;
  }
}

/**
 * Unblocked reduction (LAPACK's `sytd2`, `uplo = 'L'`) of columns `start ..
 * n-3`: for each, the reflector, then the symmetric rank-2 update of the
 * lower triangle of the trailing block.
 */
function tridiagonalizeFrom(
  a: Float64Array,
  n: number,
  start: number,
  e: Float64Array,
  tau: Float64Array,
  v: Float64Array,
  pv: Float64Array,
): void {
  for (let k = start; k < n - 2; k++) {
    const t = makeReflector(a, n, k, e, tau);
    if (t === 0) continue;
    const rk = k * n;
    const o = k + 1;
    const p = n - o;
    v[0] = 1;
    for (let i = 1; i < p; i++) v[i] = a[rk + o + i];
    lowerSymv(a, n, o, p, v, pv);
    let pvv = 0;
    for (let i = 0; i < p; i++) {
      pv[i] *= t;
      pvv += pv[i] * v[i];
    }
    // w = pv - (t/2)(pvᵀ v) v;  B -= v wᵀ + w vᵀ (lower triangle only).
    const kk = 0.5 * t * pvv;
    for (let i = 0; i < p; i++) pv[i] -= kk * v[i];
    for (let i = 0; i < p; i++) {
      const ri = (o + i) * n + o;
      const vi = v[i];
      const wi = pv[i];
      for (let l = 0; l <= i; l++) a[ri + l] -= vi * pv[l] + wi * v[l];
    }
  }
}

/**
 * One panel of the blocked reduction (LAPACK's `latrd`, `uplo = 'L'`): reduces
 * columns `k0 .. k0+nb-1` while deferring their updates of the trailing matrix.
 * Column `c` of the panel leaves its reflector `v_c` and `w_c` in `vw` (`n x 2nb`
 * row-major: `v_c` in column `c`, `w_c` in column `nb + c`, zero above row
 * `k0 + c + 1`), such that the reflected matrix is `A - V Wᵀ - W Vᵀ`: each column
 * is brought up to date from the panel's earlier vectors before its reflector
 * is made, and the product with the trailing block uses the stale block plus
 * the same correction.
 */
function reducePanel(
  a: Float64Array,
  n: number,
  k0: number,
  nb: number,
  e: Float64Array,
  tau: Float64Array,
  vw: Float64Array,
  v: Float64Array,
  pv: Float64Array,
  y: Float64Array,
): void {
  const ld = 2 * nb;
  vw.fill(0);
  for (let c = 0; c < nb; c++) {
    const j = k0 + c;
    // A[j:, j] -= V[j:, :c] W[j, :c]ᵀ + W[j:, :c] V[j, :c]ᵀ.
    if (c > 0) {
      const rj = j * ld;
      for (let i = j; i < n; i++) {
        const ri = i * ld;
        let s = 0;
        for (let q = 0; q < c; q++) s += vw[ri + q] * vw[rj + nb + q] + vw[ri + nb + q] * vw[rj + q];
        a[i * n + j] -= s;
      }
    }
    const t = makeReflector(a, n, j, e, tau);
    if (t === 0) continue;
    const o = j + 1;
    const p = n - o;
    v[0] = 1;
    for (let i = 1; i < p; i++) v[i] = a[j * n + o + i];
    lowerSymv(a, n, o, p, v, pv);
    // pv -= V (Wᵀ v) + W (Vᵀ v) over the panel's earlier columns.
    if (c > 0) {
      y.fill(0, 0, ld);
      for (let i = 0; i < p; i++) {
        const ri = (o + i) * ld;
        const vi = v[i];
        for (let q = 0; q < c; q++) {
          y[q] += vw[ri + nb + q] * vi;
          y[nb + q] += vw[ri + q] * vi;
        }
      }
      for (let i = 0; i < p; i++) {
        const ri = (o + i) * ld;
        let s = 0;
        for (let q = 0; q < c; q++) s += vw[ri + q] * y[q] + vw[ri + nb + q] * y[nb + q];
        pv[i] -= s;
      }
    }
    let pvv = 0;
    for (let i = 0; i < p; i++) {
      pv[i] *= t;
      pvv += pv[i] * v[i];
    }
    const kk = 0.5 * t * pvv;
    for (let i = 0; i < p; i++) {
      const ri = (o + i) * ld;
      vw[ri + c] = v[i];
      vw[ri + nb + c] = pv[i] - kk * v[i];
    }
  }
}

/**
 * Reduces the symmetric `a` (`n x n`; only the lower triangle is read) to
 * tridiagonal `T = Qᵀ A Q` in place. Fills `d` (diagonal) and `e` (off-diagonal,
 * `e[k] = T[k, k+1]`), and leaves reflector `k` in row `k` beyond column `k + 1`
 * (the upper triangle, which the reduction no longer reads) with its factor in `tau[k]`.
 *
 * As LAPACK's `sytrd` with `uplo = 'L'`: for `n >= 128`, panels of 32 columns
 * ({@link reducePanel}) whose deferred updates of the trailing block are one
 * rank-64 GEMM update, then the last columns unblocked (`sytd2`); the products
 * with the trailing block read its lower triangle only.
 */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array, tau: Float64Array): void {
  const v = new Float64Array(n);
  const pv = new Float64Array(n);
  let k0 = 0;
  if (n >= BLOCKED_MIN) {
    const nb = PANEL;
    const vw = new Float64Array(n * 2 * nb);
    const y = new Float64Array(2 * nb);
    // Panels while the trailing block is large; the unblocked loop finishes the rest.
    for (; n - k0 - nb >= BLOCKED_MIN / 2; k0 += nb) {
      reducePanel(a, n, k0, nb, e, tau, vw, v, pv, y);
      // A[s:, s:] -= V Wᵀ + W Vᵀ (both triangles of the block: the upper one is free scratch).
      const s = k0 + nb;
      const p = n - s;
      const trailing = a.subarray(s * n + s);
      const vs = vw.subarray(s * 2 * nb);
      const ws = vw.subarray(s * 2 * nb + nb);
      gemm(false, true, p, p, nb, -1, vs, 2 * nb, ws, 2 * nb, 1, trailing, n);
      gemm(false, true, p, p, nb, -1, ws, 2 * nb, vs, 2 * nb, 1, trailing, n);
    }
  }
  tridiagonalizeFrom(a, n, k0, e, tau, v, pv);
  for (let k = 0; k < n; k++) d[k] = a[k * n + k];
  if (n >= 2) e[n - 2] = a[(n - 1) * n + n - 2];
}

/** `Qᵀ` (row-major) from the reflectors left by {@link tridiagonalize}. */
function formQt(a: Float64Array, n: number, tau: Float64Array): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const w = new Float64Array(n);
  // Q = H_0 … H_{n-3}, accumulated backwards; H_k touches rows/columns > k only.
  for (let k = n - 3; k >= 0; k--) {
    const t = tau[k];
    if (t === 0) continue;
    const o = k + 1;
    const rk = k * n;
    for (let c = o; c < n; c++) w[c] = q[o * n + c];
    for (let i = o + 1; i < n; i++) {
      const vi = a[rk + i];
      if (vi === 0) continue;
      const ri = i * n;
      for (let c = o; c < n; c++) w[c] += vi * q[ri + c];
    }
    for (let i = o; i < n; i++) {
      const f = t * (i === o ? 1 : a[rk + i]);
      if (f === 0) continue;
      const ri = i * n;
      for (let c = o; c < n; c++) q[ri + c] -= f * w[c];
    }
  }
  // Transpose in place so the QR rotations act on contiguous rows.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = q[i * n + j];
      q[i * n + j] = q[j * n + i];
      q[j * n + i] = x;
    }
  }
  return q;
}

function negligible(d: Float64Array, e: Float64Array, i: number): boolean {
  return Math.abs(e[i]) <= EPS * (Math.abs(d[i]) + Math.abs(d[i + 1])) + SAFE_MIN;
}

/**
 * Diagonalises the symmetric tridiagonal (`d`, `e`) in place by implicit QR
 * steps with Wilkinson shifts; `d` ends up holding the (unsorted)
 * eigenvalues. Each rotation is applied to rows `k, k+1` of `z` when given,
 * so if `A = zᵀ T z` on entry then `A = zᵀ diag(d) z` on exit.
 * @returns whether it converged within `30 n` iterations.
 */
function tridiagonalQR(d: Float64Array, e: Float64Array, n: number, z: Float64Array | null): boolean {
  const maxIter = 30 * Math.max(n, 1);
  let iter = 0;
  let h = n - 1;
  while (h > 0) {
    if (negligible(d, e, h - 1)) {
      e[h - 1] = 0;
      h--;
      continue;
    }
    let l = h - 1;
    while (l > 0 && !negligible(d, e, l - 1)) l--;
    if (l > 0) e[l - 1] = 0;
    if (++iter > maxIter) return false;

    const delta = (d[h - 1] - d[h]) / 2;
    const en = e[h - 1];
    const mu = d[h] - (en * en) / (delta + (delta >= 0 ? 1 : -1) * Math.hypot(delta, en));
    let x = d[l] - mu;
    let y = e[l];
    for (let k = l; k < h; k++) {
      // Rotation R on rows/columns k, k+1 with R [x, y]ᵀ = [r, 0]ᵀ; T ← R T Rᵀ.
      const r = Math.hypot(x, y);
      const c = r === 0 ? 1 : x / r;
      const s = r === 0 ? 0 : y / r;
      if (k > l) e[k - 1] = r;
      const a = d[k];
      const b = e[k];
      const cc = d[k + 1];
      const cs2b = 2 * c * s * b;
      d[k] = c * c * a + cs2b + s * s * cc;
      d[k + 1] = s * s * a - cs2b + c * c * cc;
      e[k] = c * s * (cc - a) + (c * c - s * s) * b;
      if (k < h - 1) {
        const f = e[k + 1];
        x = e[k];
        y = s * f;
        e[k + 1] = c * f;
      }
      if (z !== null) {
        const rk = k * n;
        const rk1 = rk + n;
        for (let i = 0; i < n; i++) {
          const u = z[rk + i];
          const w = z[rk1 + i];
          z[rk + i] = c * u + s * w;
          z[rk1 + i] = c * w - s * u;
        }
      }
    }
  }
  return true;
}

/**
 * Kernel: eigenvalues (ascending) and optionally eigenvectors of the
 * symmetric `n x n` row-major `a` (full storage, assumed symmetric; destroyed).
 * Throws a {@link LinAlgError} if the QR iteration does not converge.
 * @example
 * const { w } = eighInPlace(Float64Array.of(2, 1, 1, 2), 2, false); // w = [1, 3]
 */
export function eighInPlace(a: Float64Array, n: number, computeVectors: boolean): EighBuffers {
  // Scale to a largest entry of 1 so the rotations neither overflow nor underflow.
  let amax = 0;
  for (let i = 0; i < a.length; i++) amax = Math.max(amax, Math.abs(a[i]));
  if (amax > 0 && amax !== 1) for (let i = 0; i < a.length; i++) a[i] /= amax;
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  const tau = new Float64Array(Math.max(n - 2, 0));
  tridiagonalize(a, n, d, e, tau);
  const z = computeVectors ? formQt(a, n, tau) : null;
  if (!tridiagonalQR(d, e, n, z)) {
    throw new LinAlgError(`eigh: the QR iteration did not converge for a ${n} x ${n} matrix`);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[i] - d[j] || i - j);
  const w = new Float64Array(n);
  const factor = amax > 0 ? amax : 1;
  for (let j = 0; j < n; j++) w[j] = d[order[j]] * factor;
  if (z === null) return { w, v: null };
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rz = order[j] * n;
    for (let i = 0; i < n; i++) v[i * n + j] = z[rz + i];
  }
  return { w, v };
}

/**
 * Solves `(T - λI) y = b` in place for the symmetric tridiagonal `T` (`d`, `e`) by
 * Gaussian elimination with partial pivoting; a zero pivot is replaced by `tiny`
 * (inverse iteration wants the huge solution a near-singular system gives).
 * `l`, `u0`, `u1`, `u2`, `piv` are scratch of length `n`.
 */
function shiftedTridiagonalSolve(
  d: Float64Array,
  e: Float64Array,
  n: number,
  lambda: number,
  tiny: number,
  b: Float64Array,
  l: Float64Array,
  u0: Float64Array,
  u1: Float64Array,
  u2: Float64Array,
  piv: Uint8Array,
): void {
  // Factor P(T - λI) = LU, U upper with two superdiagonals (u1, u2).
  let diag = d[0] - lambda;
  let sup = n > 1 ? e[0] : 0;
  for (let i = 0; i < n - 1; i++) {
    const sub = e[i];
    const nextDiag = d[i + 1] - lambda;
    const nextSup = i + 1 < n - 1 ? e[i + 1] : 0;
    if (Math.abs(diag) >= Math.abs(sub)) {
      piv[i] = 0;
      const p = diag === 0 ? tiny : diag;
      const m = sub / p;
      l[i] = m;
      u0[i] = p;
      u1[i] = sup;
      u2[i] = 0;
      diag = nextDiag - m * sup;
      sup = nextSup;
    } else {
      piv[i] = 1;
      const m = diag / sub;
      l[i] = m;
      u0[i] = sub;
      u1[i] = nextDiag;
      u2[i] = nextSup;
      diag = sup - m * nextDiag;
      sup = -m * nextSup;
    }
  }
  u0[n - 1] = diag === 0 ? tiny : diag;
  // Forward: apply P and L.
  for (let i = 0; i < n - 1; i++) {
    if (piv[i] === 1) {
      const t = b[i];
      b[i] = b[i + 1];
      b[i + 1] = t;
    }
    b[i + 1] -= l[i] * b[i];
  }
  // Back substitution with U.
  b[n - 1] /= u0[n - 1];
  if (n > 1) b[n - 2] = (b[n - 2] - u1[n - 2] * b[n - 1]) / u0[n - 2];
  for (let i = n - 3; i >= 0; i--) b[i] = (b[i] - u1[i] * b[i + 1] - u2[i] * b[i + 2]) / u0[i];
}

/**
 * Eigenvectors of the symmetric tridiagonal `T` (`d`, `e`) for the ascending
 * eigenvalues `w` by inverse iteration (the scheme of LAPACK `stein`): shifts of
 * (nearly) equal eigenvalues are separated by a few ulps, and vectors whose
 * eigenvalues lie within `1e-3 ‖T‖₁` of each other are kept orthogonal by
 * Gram–Schmidt. Returns the unit vectors as the rows of an `m x n` array.
 */
function tridiagonalInverseIteration(d: Float64Array, e: Float64Array, n: number, w: Float64Array): Float64Array {
  const m = w.length;
  const out = new Float64Array(m * n);
  let onenrm = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(d[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0);
    onenrm = Math.max(onenrm, v);
  }
  if (n === 1) {
    out.fill(1);
    return out;
  }
  const ortol = 1e-3 * onenrm;
  const tiny = EPS * Math.max(onenrm, SAFE_MIN);
  const l = new Float64Array(n);
  const u0 = new Float64Array(n);
  const u1 = new Float64Array(n);
  const u2 = new Float64Array(n);
  const piv = new Uint8Array(n);
  const b = new Float64Array(n);
  // A fixed LCG for the start vectors: deterministic, no global random state.
  let seed = 0x2545f491;
  let clusterStart = 0;
  let prevShift = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < m; j++) {
    let shift = w[j];
    if (j > 0) {
      if (w[j] - w[j - 1] > ortol) clusterStart = j;
      const pertol = 10 * Math.abs(EPS * shift) + SAFE_MIN;
      if (shift - prevShift < pertol) shift = prevShift + pertol;
    }
    prevShift = shift;
    for (let i = 0; i < n; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      b[i] = seed / 2147483648 - 1;
    }
    // An accurate shift makes one solve nearly enough; the extra ones clean up clusters.
    for (let it = 0; it < 4; it++) {
      shiftedTridiagonalSolve(d, e, n, shift, tiny, b, l, u0, u1, u2, piv);
      for (let c = clusterStart; c < j; c++) {
        let dot = 0;
        const o = c * n;
        for (let i = 0; i < n; i++) dot += out[o + i] * b[i];
        for (let i = 0; i < n; i++) b[i] -= dot * out[o + i];
      }
      let amax = 0;
      for (let i = 0; i < n; i++) amax = Math.max(amax, Math.abs(b[i]));
      if (amax > 0) for (let i = 0; i < n; i++) b[i] /= amax;
    }
    let nrm = 0;
    for (let i = 0; i < n; i++) nrm += b[i] * b[i];
    nrm = Math.sqrt(nrm);
    const o = j * n;
    for (let i = 0; i < n; i++) out[o + i] = b[i] / nrm;
  }
  return out;
}

/**
 * Kernel: all eigenvalues (ascending) of the symmetric `n x n` row-major `a`
 * (full storage; destroyed) and the eigenvectors of its `k` largest ones only:
 * tridiagonal reduction, eigenvalues by QR without vectors, vectors of the
 * tridiagonal by inverse iteration, back-transformed by the reflectors. For
 * `k` much smaller than `n` this is several times faster than
 * {@link eighInPlace} with vectors (O(n²k) instead of O(n³) after the reduction);
 * the vectors agree with it up to sign (and to rounding scaled by the
 * eigenvalue gaps; within clusters of equal eigenvalues any orthonormal basis is valid).
 * @returns `w` (`n`, ascending) and `v` (`n x k` row-major): column `j` is the
 * eigenvector of `w[n - k + j]`.
 * @example
 * const { w, v } = eighLargestInPlace(Float64Array.of(2, 1, 1, 2), 2, 1); // w = [1, 3], v ≈ ±[0.707, 0.707]
 */
export function eighLargestInPlace(a: Float64Array, n: number, k: number): { w: Float64Array; v: Float64Array } {
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`eighLargestInPlace: k = ${k} must be in [0, ${n}]`);
  let amax = 0;
  for (let i = 0; i < a.length; i++) amax = Math.max(amax, Math.abs(a[i]));
  if (amax > 0 && amax !== 1) for (let i = 0; i < a.length; i++) a[i] /= amax;
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  const tau = new Float64Array(Math.max(n - 2, 0));
  tridiagonalize(a, n, d, e, tau);
  const dq = d.slice();
  const eq = e.slice();
  if (!tridiagonalQR(dq, eq, n, null)) {
    throw new LinAlgError(`eigh: the QR iteration did not converge for a ${n} x ${n} matrix`);
  }
  const sorted = dq.slice().sort();
  const factor = amax > 0 ? amax : 1;
  const w = sorted.map((x) => x * factor);
  const y = tridiagonalInverseIteration(d, e, n, sorted.subarray(n - k));
  // Back-transform each vector: Q y with Q = H_0 … H_{n-3}, so H_{n-3} acts first.
  for (let r = n - 3; r >= 0; r--) {
    const t = tau[r];
    if (t === 0) continue;
    const o = r + 1;
    const rr = r * n;
    for (let c = 0; c < k; c++) {
      const yo = c * n;
      let dot = y[yo + o];
      for (let i = o + 1; i < n; i++) dot += a[rr + i] * y[yo + i];
      const f = t * dot;
      y[yo + o] -= f;
      for (let i = o + 1; i < n; i++) y[yo + i] -= f * a[rr + i];
    }
  }
  const v = new Float64Array(n * k);
  for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) v[i * k + c] = y[c * n + i];
  return { w, v };
}

/** Fills the other triangle of `a` from the lower (or upper) one. */
function symmetrizeFrom(a: Float64Array, n: number, lower: boolean): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (lower) a[i * n + j] = a[j * n + i];
      else a[j * n + i] = a[i * n + j];
    }
  }
}

/** Options of {@link eigh} and {@link eigvalsh}. */
export interface EighOptions {
  /** Read only the lower triangle of `A` (otherwise only the upper). Default `true`, as numpy's `UPLO='L'`. */
  lower?: boolean;
}

/** Result of {@link eigh}: `A @ eigenvectors[:, j] = eigenvalues[j] * eigenvectors[:, j]`. */
export interface EighResult {
  /** Eigenvalues, shape `[n]`, ascending. */
  eigenvalues: Tensor;
  /** `n x n` orthogonal matrix, eigenvector `j` in column `j` (sign is arbitrary). */
  eigenvectors: Tensor;
}

/**
 * Eigenvalues (ascending) and eigenvectors (columns) of a real symmetric
 * matrix, in float64. Only one triangle is read (`lower`, default the lower
 * one, as numpy). Throws a `ShapeError` for a non-square matrix.
 * @example
 * import { eigh } from 'typelearn/linalg';
 * const { eigenvalues, eigenvectors } = eigh([[2, 1], [1, 2]]);
 * eigenvalues.toArray(); // [1, 3] (up to rounding)
 * eigenvectors.toArray(); // ±[[-0.707, 0.707], [0.707, 0.707]]
 */
export function eigh(A: MatrixInput, options: EighOptions = {}): EighResult {
  const a = toSquareMatrix(A, 'eigh');
  const n = a.rows;
  symmetrizeFrom(a.data, n, options.lower ?? true);
  const r = eighInPlace(a.data, n, true);
  return { eigenvalues: new Tensor(r.w, [n]), eigenvectors: matrixTensor(r.v ?? new Float64Array(0), n, n) };
}

/**
 * Eigenvalues (ascending) of a real symmetric matrix, in float64, without the
 * cost of the eigenvectors.
 * @example
 * import { eigvalsh } from 'typelearn/linalg';
 * eigvalsh([[2, 1], [1, 2]]).toArray(); // [1, 3] (up to rounding)
 */
export function eigvalsh(A: MatrixInput, options: EighOptions = {}): Tensor {
  const a = toSquareMatrix(A, 'eigvalsh');
  const n = a.rows;
  symmetrizeFrom(a.data, n, options.lower ?? true);
  return new Tensor(eighInPlace(a.data, n, false).w, [n]);
}
