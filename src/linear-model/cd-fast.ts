/**
 * Coordinate descent for the elastic net, step for step as scikit-learn's
 * `enet_coordinate_descent` (cd_fast.pyx): minimises
 * `½‖y − Xw‖² + l1‖w‖₁ + ½·l2‖w‖²` one coordinate at a time, and stops when the
 * duality gap falls below `tol·‖y‖²` (checked when the largest coordinate
 * update is small relative to the largest weight, or at the last iteration).
 */
import type { RandomGenerator } from '../tensor/random.js';

/** Result of {@link enetCoordinateDescent}. */
export interface CdResult {
  /** Duality gap at the end (of the un-normalised objective above). */
  gap: number;
  /** The gap tolerance used, `tol·‖y‖²`. */
  tol: number;
  /** Passes over the features. */
  nIter: number;
  /** Whether the gap fell below the tolerance. */
  converged: boolean;
}

/**
 * Runs coordinate descent in place on `w` (length `n`, the warm start).
 * `xT` holds X column by column (`n × m`, feature j at `xT[j*m ... j*m+m)`),
 * `y` has length `m`. With `rng`, coordinates are visited in random order
 * (sklearn's `selection='random'`), else cyclically.
 * @example
 * const w = new Float64Array(1);
 * enetCoordinateDescent(w, 0, 0, Float64Array.of(1, 2), 2, 1, Float64Array.of(2, 4), 100, 1e-10, null, false);
 * // w = [2]
 */
export function enetCoordinateDescent(
  w: Float64Array,
  l1: number,
  l2: number,
  xT: Float64Array,
  m: number,
  n: number,
  y: Float64Array,
  maxIter: number,
  tol: number,
  rng: RandomGenerator | null,
  positive: boolean,
): CdResult {
  const normCols = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    const o = j * m;
    for (let i = 0; i < m; i++) s += xT[o + i] * xT[o + i];
    normCols[j] = s;
  }
  const r = Float64Array.from(y);
  for (let j = 0; j < n; j++) {
    const wj = w[j];
    if (wj === 0) continue;
    const o = j * m;
    for (let i = 0; i < m; i++) r[i] -= wj * xT[o + i];
  }
  let yy = 0;
  for (let i = 0; i < m; i++) yy += y[i] * y[i];
  const dwTol = tol;
  const gapTol = tol * yy;
  let gap = gapTol + 1;
  let nIter = 0;
  let converged = false;
  for (nIter = 0; nIter < maxIter; nIter++) {
    let wMax = 0;
    let dwMax = 0;
    for (let f = 0; f < n; f++) {
      const j = rng ? rng.integers(0, n) : f;
      if (normCols[j] === 0) continue;
      const o = j * m;
      const wOld = w[j];
      if (wOld !== 0) for (let i = 0; i < m; i++) r[i] += wOld * xT[o + i];
      let tmp = 0;
      for (let i = 0; i < m; i++) tmp += xT[o + i] * r[i];
      let wNew: number;
      if (positive && tmp < 0) wNew = 0;
      else wNew = (Math.sign(tmp) * Math.max(Math.abs(tmp) - l1, 0)) / (normCols[j] + l2);
      w[j] = wNew;
      if (wNew !== 0) for (let i = 0; i < m; i++) r[i] -= wNew * xT[o + i];
      const dw = Math.abs(wNew - wOld);
      if (dw > dwMax) dwMax = dw;
      if (Math.abs(wNew) > wMax) wMax = Math.abs(wNew);
    }
    if (wMax === 0 || dwMax / wMax < dwTol || nIter === maxIter - 1) {
      gap = dualityGap(w, l1, l2, xT, m, n, y, r, positive);
      if (gap < gapTol) {
        converged = true;
        break;
      }
    }
  }
  // sklearn reports the pass count (the break happens inside pass nIter).
  return { gap, tol: gapTol, nIter: converged ? nIter + 1 : maxIter, converged };
}

/** Duality gap of the elastic-net problem at `w` with residual `r = y − Xw`. */
function dualityGap(
  w: Float64Array,
  l1: number,
  l2: number,
  xT: Float64Array,
  m: number,
  n: number,
  y: Float64Array,
  r: Float64Array,
  positive: boolean,
): number {
  let dualNorm = 0;
  let wNorm2 = 0;
  let l1Norm = 0;
  for (let j = 0; j < n; j++) {
    const o = j * m;
    let s = 0;
    for (let i = 0; i < m; i++) s += xT[o + i] * r[i];
    const xta = s - l2 * w[j];
    const v = positive ? xta : Math.abs(xta);
    if (v > dualNorm) dualNorm = v;
    wNorm2 += w[j] * w[j];
    l1Norm += Math.abs(w[j]);
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < m; i++) {
    rNorm2 += r[i] * r[i];
    ry += r[i] * y[i];
  }
  let constant: number;
  let gap: number;
  if (dualNorm > l1) {
    constant = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * constant * constant);
  } else {
    constant = 1;
    gap = rNorm2;
  }
  return gap + l1 * l1Norm - constant * ry + 0.5 * l2 * (1 + constant * constant) * wNorm2;
}
