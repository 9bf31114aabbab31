/**
 * LSQR (Paige & Saunders 1982): iterative damped least squares
 * `min ‖A x − b‖² + damp²‖x‖²` on a matrix-free operator, with scipy's
 * `sparse.linalg.lsqr` stopping rules (`atol`, `btol`, `conlim`, `iterLim`).
 * Ridge uses it with `damp = √alpha` for its `'lsqr'` solver.
 */
import type { LinearOperator } from './linear-operator.js';

/** Options of {@link lsqr}. */
export interface LsqrOptions {
  /** Damping (ridge √alpha). Default 0. */
  damp?: number;
  /** Relative tolerance on ‖Aᵀr‖. Default 1e-6 (scipy's). */
  atol?: number;
  /** Relative tolerance on ‖r‖. Default 1e-6. */
  btol?: number;
  /** Stop when cond(A) exceeds this. Default 1e8. */
  conlim?: number;
  /** Iteration cap. Default `2 * n`. */
  iterLim?: number;
}

/** Result of {@link lsqr}. */
export interface LsqrResult {
  x: Float64Array;
  /** scipy's `istop` (0 = x is 0, 1/2 = converged, 7 = iteration limit...). */
  istop: number;
  nIter: number;
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/**
 * Solves the damped least-squares problem for operator `A` and right-hand side `b`.
 * @example
 * const A = centeredOperator(Float64Array.of(1, 0, 0, 2), 2, 2);
 * lsqr(A, Float64Array.of(1, 4)).x // ≈ [1, 2]
 */
export function lsqr(A: LinearOperator, b: Float64Array, options: LsqrOptions = {}): LsqrResult {
  const { m, n } = A;
  const { damp = 0, atol = 1e-6, btol = 1e-6, conlim = 1e8, iterLim = 2 * n } = options;
  const eps = 2.220446049250313e-16;
  const ctol = conlim > 0 ? 1 / conlim : 0;
  const dampsq = damp * damp;
  const x = new Float64Array(n);
  const u = Float64Array.from(b);
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  const tmpM = new Float64Array(m);
  const tmpN = new Float64Array(n);

  let beta = norm(u);
  let alpha = 0;
  if (beta > 0) {
    for (let i = 0; i < m; i++) u[i] /= beta;
    A.rmatvec(u, v);
    alpha = norm(v);
  }
  if (alpha > 0) for (let j = 0; j < n; j++) v[j] /= alpha;
  w.set(v);
  let rhobar = alpha;
  let phibar = beta;
  const bnorm = beta;
  let anorm = 0;
  let ddnorm = 0;
  let res2 = 0;
  let xxnorm = 0;
  let z = 0;
  let cs2 = -1;
  let sn2 = 0;
  if (alpha * beta === 0) return { x, istop: 0, nIter: 0 };

  let itn = 0;
  let istop = 0;
  while (itn < iterLim) {
    itn++;
    // Bidiagonalisation step: beta u = A v - alpha u, alpha v = Aᵀ u - beta v.
    A.matvec(v, tmpM);
    for (let i = 0; i < m; i++) u[i] = tmpM[i] - alpha * u[i];
    beta = norm(u);
    if (beta > 0) {
      for (let i = 0; i < m; i++) u[i] /= beta;
      anorm = Math.sqrt(anorm * anorm + alpha * alpha + beta * beta + dampsq);
      A.rmatvec(u, tmpN);
      for (let j = 0; j < n; j++) v[j] = tmpN[j] - beta * v[j];
      alpha = norm(v);
      if (alpha > 0) for (let j = 0; j < n; j++) v[j] /= alpha;
    }
    // Rotation eliminating the damping, then the plane rotation on the bidiagonal.
    let rhobar1 = rhobar;
    let psi = 0;
    if (damp > 0) {
      rhobar1 = Math.sqrt(rhobar * rhobar + dampsq);
      const cs1 = rhobar / rhobar1;
      const sn1 = damp / rhobar1;
      psi = sn1 * phibar;
      phibar = cs1 * phibar;
    }
    const rho = Math.sqrt(rhobar1 * rhobar1 + beta * beta);
    const cs = rhobar1 / rho;
    const sn = beta / rho;
    const theta = sn * alpha;
    rhobar = -cs * alpha;
    const phi = cs * phibar;
    phibar = sn * phibar;
    const tau = sn * phi;

    const t1 = phi / rho;
    const t2 = -theta / rho;
    let dk2 = 0;
    for (let j = 0; j < n; j++) {
      const wj = w[j];
      const dk = wj / rho;
      dk2 += dk * dk;
      x[j] += t1 * wj;
      w[j] = v[j] + t2 * wj;
    }
    ddnorm += dk2;

    const delta = sn2 * rho;
    const gambar = -cs2 * rho;
    const rhs = phi - delta * z;
    const zbar = rhs / gambar;
    const xnorm = Math.sqrt(xxnorm + zbar * zbar);
    const gamma = Math.sqrt(gambar * gambar + theta * theta);
    cs2 = gambar / gamma;
    sn2 = theta / gamma;
    z = rhs / gamma;
    xxnorm += z * z;

    const acond = anorm * Math.sqrt(ddnorm);
    const res1 = phibar * phibar;
    res2 += psi * psi;
    const rnorm = Math.sqrt(res1 + res2);
    const arnorm = alpha * Math.abs(tau);

    const test1 = rnorm / bnorm;
    const test2 = arnorm / (anorm * rnorm + eps);
    const test3 = 1 / (acond + eps);
    const tt = test1 / (1 + (anorm * xnorm) / bnorm);
    const rtol = btol + (atol * anorm * xnorm) / bnorm;
    if (itn >= iterLim) istop = 7;
    if (1 + test3 <= 1) istop = 6;
    if (1 + test2 <= 1) istop = 5;
    if (1 + tt <= 1) istop = 4;
    if (test3 <= ctol) istop = 3;
    if (test2 <= atol) istop = 2;
    if (test1 <= rtol) istop = 1;
    if (istop !== 0) break;
  }
  return { x, istop, nIter: itn };
}
