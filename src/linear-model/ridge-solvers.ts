/**
 * Ridge solvers (sklearn's `_solve_cholesky`, `_solve_cholesky_kernel`,
 * `_solve_svd`, `_solve_sparse_cg`, `_solve_lsqr`): each returns the
 * coefficients `t × n` row-major for `t` targets, one alpha per target, of
 * `min ‖Y − X W‖² + alpha ‖W‖²` on already centred (and √w-scaled) data.
 */
import { choleskyInPlace, choleskySolveInPlace } from '../linalg/cholesky.js';
import { svdInPlace } from '../linalg/svd.js';
import { gemm } from '../tensor/kernels/gemm.js';
import type { SparseMatrix } from '../tensor/sparse.js';
import type { LinearOperator } from './linear-operator.js';
import { lsqr } from './lsqr.js';

function allEqual(a: Float64Array): boolean {
  for (let k = 1; k < a.length; k++) if (a[k] !== a[0]) return false;
  return true;
}

/** Solves `(G + alpha_k I) Z = B` for an SPD `s × s` G and `s × t` B; `null` when not positive definite. */
function solveShifted(
  g: Float64Array,
  s: number,
  b: Float64Array,
  t: number,
  alphas: Float64Array,
): Float64Array | null {
  const z = new Float64Array(s * t);
  const groups = allEqual(alphas) ? [[...Array(t).keys()]] : [...Array(t).keys()].map((k) => [k]);
  for (const targets of groups) {
    const a = g.slice();
    const alpha = alphas[targets[0]];
    for (let i = 0; i < s; i++) a[i * s + i] += alpha;
    if (choleskyInPlace(a, s) !== 0) return null;
    const r = targets.length;
    const rhs = new Float64Array(s * r);
    for (let i = 0; i < s; i++) for (let c = 0; c < r; c++) rhs[i * r + c] = b[i * t + targets[c]];
    if (choleskySolveInPlace(a, s, rhs, r, true) !== 0) return null;
    for (let i = 0; i < s; i++) for (let c = 0; c < r; c++) z[i * t + targets[c]] = rhs[i * r + c];
  }
  return z;
}

/**
 * `XᵀX` of a row-major `m × n` matrix. For few features a row-wise rank-1
 * update of the upper triangle beats GEMM's packing of a tall, skinny operand.
 */
export function gram(x: Float64Array, m: number, n: number): Float64Array {
  const g = new Float64Array(n * n);
  // The XᵀX kernel (WebAssembly SIMD) is ~8x faster than the loop below from about 10⁵
  // multiply-adds on (80,000 x 20: 8 ms vs 65 ms), and its result is exactly symmetric.
  if (m * n * n >= 100_000) {
    gemm(true, false, n, n, m, 1, x, n, x, n, 0, g, n);
    return g;
  }
  for (let i = 0; i < m; i++) {
    const r = i * n;
    for (let a = 0; a < n; a++) {
      const va = x[r + a];
      if (va === 0) continue;
      const o = a * n;
      for (let b = a; b < n; b++) g[o + b] += va * x[r + b];
    }
  }
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) g[b * n + a] = g[a * n + b];
  return g;
}

/**
 * Normal equations by Cholesky: `(XᵀX + αI) w = Xᵀy` when `n ≤ m`, else the
 * kernel (dual) form `(XXᵀ + αI) d = y`, `w = Xᵀd`. Returns `null` if the
 * system is not positive definite (alpha 0 with a singular X).
 * @example ridgeCholesky(Float64Array.of(1, 0, 0, 1), 2, 2, Float64Array.of(2, 4), 1, Float64Array.of(1)) // [1, 2]
 */
export function ridgeCholesky(
  x: Float64Array,
  m: number,
  n: number,
  y: Float64Array,
  t: number,
  alphas: Float64Array,
): Float64Array | null {
  const coef = new Float64Array(t * n);
  if (n <= m) {
    const g = gram(x, m, n);
    const xy = new Float64Array(n * t);
    gemm(true, false, n, t, m, 1, x, n, y, t, 0, xy, t);
    const w = solveShifted(g, n, xy, t, alphas);
    if (w === null) return null;
    for (let j = 0; j < n; j++) for (let k = 0; k < t; k++) coef[k * n + j] = w[j * t + k];
    return coef;
  }
  const kmat = new Float64Array(m * m);
  gemm(false, true, m, m, n, 1, x, n, x, n, 0, kmat, m);
  const dual = solveShifted(kmat, m, y, t, alphas);
  if (dual === null) return null;
  // coef (t × n) = dualᵀ (t × m) · X (m × n)
  gemm(true, false, t, n, m, 1, dual, t, x, n, 0, coef, n);
  return coef;
}

/**
 * Normal equations `(X̃ᵀX̃ + αI) w = X̃ᵀỸ` from the cross products
 * `[X̃ Ỹ]ᵀ[X̃ Ỹ]` (`(n + t) × (n + t)`, see `centeredCrossProducts`), the
 * `n ≤ m` case of {@link ridgeCholesky}. Returns `t × n` coefficients, or
 * `null` when the system is not positive definite.
 * @example ridgeCholeskyCross(Float64Array.of(1, 2, 2, 4), 1, 1, Float64Array.of(1)) // [1]
 */
export function ridgeCholeskyCross(
  cross: Float64Array,
  n: number,
  t: number,
  alphas: Float64Array,
): Float64Array | null {
  const w = n + t;
  const g = new Float64Array(n * n);
  const xy = new Float64Array(n * t);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) g[a * n + b] = cross[a * w + b];
    for (let k = 0; k < t; k++) xy[a * t + k] = cross[a * w + n + k];
  }
  const sol = solveShifted(g, n, xy, t, alphas);
  if (sol === null) return null;
  const coef = new Float64Array(t * n);
  for (let j = 0; j < n; j++) for (let k = 0; k < t; k++) coef[k * n + j] = sol[j * t + k];
  return coef;
}

/**
 * Normal equations from a CSR matrix without an intercept: the dense Gram
 * `XᵀX` and `XᵀY`, then Cholesky (sklearn's `_solve_cholesky` on sparse X).
 * @example ridgeCholeskySparse(SparseMatrix.fromDense([[1, 0], [0, 1]]), Float64Array.of(2, 4), 1, Float64Array.of(1))
 */
export function ridgeCholeskySparse(
  X: SparseMatrix,
  y: Float64Array,
  t: number,
  alphas: Float64Array,
): Float64Array | null {
  const [m, n] = X.shape;
  const g = new Float64Array(n * n);
  const xy = new Float64Array(n * t);
  const { data, indices, indptr } = X;
  for (let i = 0; i < m; i++) {
    for (let p = indptr[i]; p < indptr[i + 1]; p++) {
      const a = data[p];
      const ja = indices[p];
      for (let q = indptr[i]; q < indptr[i + 1]; q++) g[ja * n + indices[q]] += a * data[q];
      for (let k = 0; k < t; k++) xy[ja * t + k] += a * y[i * t + k];
    }
  }
  const w = solveShifted(g, n, xy, t, alphas);
  if (w === null) return null;
  const coef = new Float64Array(t * n);
  for (let j = 0; j < n; j++) for (let k = 0; k < t; k++) coef[k * n + j] = w[j * t + k];
  return coef;
}

/**
 * SVD solution `w = V diag(s / (s² + α)) Uᵀ y`, ignoring singular values ≤ 1e-15
 * (sklearn's `_solve_svd`); `x` is not modified.
 * @example ridgeSvd(Float64Array.of(1, 0, 0, 1), 2, 2, Float64Array.of(2, 4), 1, Float64Array.of(1)) // [1, 2]
 */
export function ridgeSvd(
  x: Float64Array,
  m: number,
  n: number,
  y: Float64Array,
  t: number,
  alphas: Float64Array,
): Float64Array {
  const kdim = Math.min(m, n);
  const { u, s, vt } = svdInPlace(x.slice(), m, n, true, false);
  const coef = new Float64Array(t * n);
  if (u === null || vt === null || kdim === 0) return coef;
  const uty = new Float64Array(kdim * t);
  gemm(true, false, kdim, t, m, 1, u, kdim, y, t, 0, uty, t);
  for (let i = 0; i < kdim; i++) {
    for (let k = 0; k < t; k++) {
      uty[i * t + k] *= s[i] > 1e-15 ? s[i] / (s[i] * s[i] + alphas[k]) : 0;
    }
  }
  // coef (t × n) = (dᵀ Uᵀy)ᵀ Vt
  gemm(true, false, t, n, kdim, 1, uty, t, vt, n, 0, coef, n);
  return coef;
}

/**
 * LSQR per target with `damp = √α`, `atol = btol = tol` (sklearn's `_solve_lsqr`).
 * Returns the coefficients and the iterations used per target.
 * @example ridgeLsqr(op, y, 1, Float64Array.of(1), 1e-4, undefined)
 */
export function ridgeLsqr(
  op: LinearOperator,
  y: Float64Array,
  t: number,
  alphas: Float64Array,
  tol: number,
  maxIter: number | undefined,
): { coef: Float64Array; nIter: Int32Array } {
  const { m, n } = op;
  const coef = new Float64Array(t * n);
  const nIter = new Int32Array(t);
  const b = new Float64Array(m);
  for (let k = 0; k < t; k++) {
    for (let i = 0; i < m; i++) b[i] = y[i * t + k];
    const r = lsqr(op, b, { damp: Math.sqrt(alphas[k]), atol: tol, btol: tol, iterLim: maxIter ?? 2 * n });
    coef.set(r.x, k * n);
    nIter[k] = r.nIter;
  }
  return { coef, nIter };
}

/** Conjugate gradients on an SPD operator; stops when ‖r‖ ≤ tol·‖b‖ (scipy's `cg`). */
function conjugateGradient(
  apply: (v: Float64Array, out: Float64Array) => void,
  b: Float64Array,
  tol: number,
  maxIter: number,
): { x: Float64Array; nIter: number } {
  const s = b.length;
  const x = new Float64Array(s);
  const r = Float64Array.from(b);
  const p = Float64Array.from(b);
  const ap = new Float64Array(s);
  let rr = 0;
  for (let i = 0; i < s; i++) rr += r[i] * r[i];
  const stop = tol * Math.sqrt(rr);
  let it = 0;
  while (it < maxIter && Math.sqrt(rr) > stop) {
    it++;
    apply(p, ap);
    let pap = 0;
    for (let i = 0; i < s; i++) pap += p[i] * ap[i];
    if (!(pap > 0)) break;
    const step = rr / pap;
    let rrNew = 0;
    for (let i = 0; i < s; i++) {
      x[i] += step * p[i];
      r[i] -= step * ap[i];
      rrNew += r[i] * r[i];
    }
    const beta = rrNew / rr;
    rr = rrNew;
    for (let i = 0; i < s; i++) p[i] = r[i] + beta * p[i];
  }
  return { x, nIter: it };
}

/**
 * Conjugate gradients on `(AᵀA + αI) w = Aᵀy`, or on the dual `(AAᵀ + αI) d = y`
 * when `n > m` (sklearn's `_solve_sparse_cg`; `maxIter` default `10 ×` the system size).
 * @example ridgeSparseCg(op, y, 1, Float64Array.of(1), 1e-4, undefined)
 */
export function ridgeSparseCg(
  op: LinearOperator,
  y: Float64Array,
  t: number,
  alphas: Float64Array,
  tol: number,
  maxIter: number | undefined,
): { coef: Float64Array; nIter: Int32Array } {
  const { m, n } = op;
  const coef = new Float64Array(t * n);
  const nIter = new Int32Array(t);
  const tmpM = new Float64Array(m);
  const tmpN = new Float64Array(n);
  const col = new Float64Array(m);
  for (let k = 0; k < t; k++) {
    const alpha = alphas[k];
    for (let i = 0; i < m; i++) col[i] = y[i * t + k];
    if (n > m) {
      const r = conjugateGradient(
        (v, out) => {
          op.rmatvec(v, tmpN);
          op.matvec(tmpN, out);
          for (let i = 0; i < m; i++) out[i] += alpha * v[i];
        },
        col,
        tol,
        maxIter ?? 10 * m,
      );
      const w = new Float64Array(n);
      op.rmatvec(r.x, w);
      coef.set(w, k * n);
      nIter[k] = r.nIter;
    } else {
      const rhs = new Float64Array(n);
      op.rmatvec(col, rhs);
      const r = conjugateGradient(
        (v, out) => {
          op.matvec(v, tmpM);
          op.rmatvec(tmpM, out);
          for (let j = 0; j < n; j++) out[j] += alpha * v[j];
        },
        rhs,
        tol,
        maxIter ?? 10 * n,
      );
      coef.set(r.x, k * n);
      nIter[k] = r.nIter;
    }
  }
  return { coef, nIter };
}
