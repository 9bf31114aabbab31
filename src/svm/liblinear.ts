/**
 * liblinear's solvers as scikit-learn ships them, on rows in compressed
 * sparse row form (zeros skipped, the intercept column appended last):
 *
 * - {@link solveL2rSvcDual}: dual coordinate descent for L2-regularised hinge
 *   or squared-hinge SVM (Hsieh et al. 2008), with shrinking;
 * - {@link solveL2rSvrDual}: the same for ε-insensitive or squared
 *   ε-insensitive regression (Ho & Lin 2012);
 * - {@link solveL1rL2Svc}: primal coordinate descent with line search for
 *   L1-regularised squared hinge (Yuan et al. 2010);
 * - {@link solveCrammerSinger}: the multiclass SVM of Crammer and Singer.
 *
 * Coordinates are visited in the order scikit-learn's Mersenne Twister gives,
 * so results match scikit-learn for the same seed.
 */
import type { Mt19937 } from './mt19937.js';

/** Rows in CSR form: entries `[indptr[i], indptr[i+1])` of `values`/`indices`; `n` columns. */
export interface LinearProblem {
  values: Float64Array;
  indices: Int32Array;
  indptr: Int32Array;
  l: number;
  n: number;
  /** Targets: ±1 (classification) or real values (regression). */
  y: Float64Array;
  /** Per-sample weights (> 0). */
  W: Float64Array;
}

function shuffle(index: Int32Array, size: number, mt: Mt19937): void {
  for (let i = 0; i < size; i++) {
    const j = i + mt.boundedRandInt(size - i);
    const t = index[i];
    index[i] = index[j];
    index[j] = t;
  }
}

/**
 * Dual coordinate descent for `min_w ½‖w‖² + Σ C_i ξ(y_i wᵀx_i)` with hinge
 * (`l1Loss`) or squared hinge. `C_i = W_i·Cp` for `y_i > 0`, `W_i·Cn`
 * otherwise. Writes `w`; returns the number of outer iterations.
 * @example const iters = solveL2rSvcDual(prob, w, 1e-4, 1, 1, false, 1000, mt);
 */
export function solveL2rSvcDual(
  prob: LinearProblem,
  w: Float64Array,
  eps: number,
  Cp: number,
  Cn: number,
  l1Loss: boolean,
  maxIter: number,
  mt: Mt19937,
): number {
  const { l, values, indices, indptr } = prob;
  // Every row stores all n columns in order: index arithmetic instead of lookups (same sums).
  let dense = values.length === l * prob.n;
  for (let i = 0; dense && i < l; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) if (indices[k] !== k - indptr[i]) dense = false;
  }
  const QD = new Float64Array(l);
  const index = new Int32Array(l);
  const alpha = new Float64Array(l);
  const y = new Int8Array(l);
  const diag = new Float64Array(l);
  const upper = new Float64Array(l);
  for (let i = 0; i < l; i++) {
    y[i] = prob.y[i] > 0 ? 1 : -1;
    const Ci = prob.W[i] * (prob.y[i] > 0 ? Cp : Cn);
    diag[i] = l1Loss ? 0 : 0.5 / Ci;
    upper[i] = l1Loss ? Ci : Number.POSITIVE_INFINITY;
  }
  w.fill(0);
  for (let i = 0; i < l; i++) {
    let q = diag[i];
    for (let k = indptr[i]; k < indptr[i + 1]; k++) q += values[k] * values[k];
    QD[i] = q;
    index[i] = i;
  }
  let activeSize = l;
  let PGmaxOld = Number.POSITIVE_INFINITY;
  let PGminOld = Number.NEGATIVE_INFINITY;
  let iter = 0;
  while (iter < maxIter) {
    let PGmaxNew = Number.NEGATIVE_INFINITY;
    let PGminNew = Number.POSITIVE_INFINITY;
    shuffle(index, activeSize, mt);
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const yi = y[i];
      const a = indptr[i];
      const b = indptr[i + 1];
      let G = 0;
      if (dense) for (let k = a, t = 0; k < b; k++, t++) G += w[t] * values[k];
      else for (let k = a; k < b; k++) G += w[indices[k]] * values[k];
      G = G * yi - 1;
      const C = upper[i];
      G += alpha[i] * diag[i];
      let PG = 0;
      if (alpha[i] === 0) {
        if (G > PGmaxOld) {
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = i;
          s--;
          continue;
        }
        if (G < 0) PG = G;
      } else if (alpha[i] === C) {
        if (G < PGminOld) {
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = i;
          s--;
          continue;
        }
        if (G > 0) PG = G;
      } else PG = G;
      if (PG > PGmaxNew) PGmaxNew = PG;
      if (PG < PGminNew) PGminNew = PG;
      if (Math.abs(PG) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.min(Math.max(alpha[i] - G / QD[i], 0), C);
        const d = (alpha[i] - old) * yi;
        if (dense) for (let k = a, t = 0; k < b; k++, t++) w[t] += d * values[k];
        else for (let k = a; k < b; k++) w[indices[k]] += d * values[k];
      }
    }
    iter++;
    if (PGmaxNew - PGminNew <= eps) {
      if (activeSize === l) break;
      activeSize = l;
      PGmaxOld = Number.POSITIVE_INFINITY;
      PGminOld = Number.NEGATIVE_INFINITY;
      continue;
    }
    PGmaxOld = PGmaxNew;
    PGminOld = PGminNew;
    if (PGmaxOld <= 0) PGmaxOld = Number.POSITIVE_INFINITY;
    if (PGminOld >= 0) PGminOld = Number.NEGATIVE_INFINITY;
  }
  return iter;
}

/**
 * Dual coordinate descent for `min_w ½‖w‖² + Σ C_i ξ_ε(wᵀx_i - y_i)` with the
 * ε-insensitive (`l1Loss`) or squared ε-insensitive loss. Returns iterations.
 * @example solveL2rSvrDual(prob, w, 1, 0, 1e-4, true, 1000, mt)
 */
export function solveL2rSvrDual(
  prob: LinearProblem,
  w: Float64Array,
  C: number,
  p: number,
  eps: number,
  l1Loss: boolean,
  maxIter: number,
  mt: Mt19937,
): number {
  const { l, values, indices, indptr, y } = prob;
  const index = new Int32Array(l);
  const beta = new Float64Array(l);
  const QD = new Float64Array(l);
  const lambda = new Float64Array(l);
  const upper = new Float64Array(l);
  for (let i = 0; i < l; i++) {
    const Ci = prob.W[i] * C;
    lambda[i] = l1Loss ? 0 : 0.5 / Ci;
    upper[i] = l1Loss ? Ci : Number.POSITIVE_INFINITY;
  }
  w.fill(0);
  for (let i = 0; i < l; i++) {
    let q = 0;
    for (let k = indptr[i]; k < indptr[i + 1]; k++) q += values[k] * values[k];
    QD[i] = q;
    index[i] = i;
  }
  let activeSize = l;
  let GmaxOld = Number.POSITIVE_INFINITY;
  let Gnorm1Init = -1;
  let iter = 0;
  while (iter < maxIter) {
    let GmaxNew = 0;
    let Gnorm1New = 0;
    shuffle(index, activeSize, mt);
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const a = indptr[i];
      const b = indptr[i + 1];
      let G = -y[i] + lambda[i] * beta[i];
      const H = QD[i] + lambda[i];
      for (let k = a; k < b; k++) G += values[k] * w[indices[k]];
      const Gp = G + p;
      const Gn = G - p;
      let violation = 0;
      const shrink = () => {
        activeSize--;
        index[s] = index[activeSize];
        index[activeSize] = i;
        s--;
      };
      if (beta[i] === 0) {
        if (Gp < 0) violation = -Gp;
        else if (Gn > 0) violation = Gn;
        else if (Gp > GmaxOld && Gn < -GmaxOld) {
          shrink();
          continue;
        }
      } else if (beta[i] >= upper[i]) {
        if (Gp > 0) violation = Gp;
        else if (Gp < -GmaxOld) {
          shrink();
          continue;
        }
      } else if (beta[i] <= -upper[i]) {
        if (Gn < 0) violation = -Gn;
        else if (Gn > GmaxOld) {
          shrink();
          continue;
        }
      } else if (beta[i] > 0) violation = Math.abs(Gp);
      else violation = Math.abs(Gn);
      GmaxNew = Math.max(GmaxNew, violation);
      Gnorm1New += violation;
      let d: number;
      if (Gp < H * beta[i]) d = -Gp / H;
      else if (Gn > H * beta[i]) d = -Gn / H;
      else d = -beta[i];
      if (Math.abs(d) < 1e-12) continue;
      const old = beta[i];
      beta[i] = Math.min(Math.max(beta[i] + d, -upper[i]), upper[i]);
      d = beta[i] - old;
      if (d !== 0) for (let k = a; k < b; k++) w[indices[k]] += d * values[k];
    }
    if (iter === 0) Gnorm1Init = Gnorm1New;
    iter++;
    if (Gnorm1New <= eps * Gnorm1Init) {
      if (activeSize === l) break;
      activeSize = l;
      GmaxOld = Number.POSITIVE_INFINITY;
      continue;
    }
    GmaxOld = GmaxNew;
  }
  return iter;
}

/**
 * Primal coordinate descent for `min_w ‖w‖₁ + Σ C_i max(0, 1 - y_i wᵀx_i)²`
 * (liblinear's L1R_L2LOSS_SVC). `eps` is the already-scaled primal tolerance.
 * @example solveL1rL2Svc(prob, w, 1e-4, 1, 1, 1000, mt)
 */
export function solveL1rL2Svc(
  prob: LinearProblem,
  w: Float64Array,
  eps: number,
  Cp: number,
  Cn: number,
  maxIter: number,
  mt: Mt19937,
): number {
  const { l, n } = prob;
  // Column-major copy holding y_i·x_ij.
  const colPtr = new Int32Array(n + 1);
  for (let k = 0; k < prob.indices.length; k++) colPtr[prob.indices[k] + 1]++;
  for (let j = 0; j < n; j++) colPtr[j + 1] += colPtr[j];
  const rowIdx = new Int32Array(prob.indices.length);
  const colVal = new Float64Array(prob.indices.length);
  const fill = colPtr.slice(0, n);
  for (let i = 0; i < l; i++) {
    const yi = prob.y[i] > 0 ? 1 : -1;
    for (let k = prob.indptr[i]; k < prob.indptr[i + 1]; k++) {
      const pos = fill[prob.indices[k]]++;
      rowIdx[pos] = i;
      colVal[pos] = prob.values[k] * yi;
    }
  }
  const C = new Float64Array(l);
  const b = new Float64Array(l).fill(1);
  for (let i = 0; i < l; i++) C[i] = prob.W[i] * (prob.y[i] > 0 ? Cp : Cn);
  const index = new Int32Array(n);
  const xjSq = new Float64Array(n);
  w.fill(0);
  for (let j = 0; j < n; j++) {
    index[j] = j;
    for (let k = colPtr[j]; k < colPtr[j + 1]; k++) xjSq[j] += C[rowIdx[k]] * colVal[k] * colVal[k];
  }
  const sigma = 0.01;
  const maxLinesearch = 20;
  let activeSize = n;
  let GmaxOld = Number.POSITIVE_INFINITY;
  let Gnorm1Init = -1;
  let iter = 0;
  while (iter < maxIter) {
    let GmaxNew = 0;
    let Gnorm1New = 0;
    shuffle(index, activeSize, mt);
    for (let s = 0; s < activeSize; s++) {
      const j = index[s];
      let Gloss = 0;
      let H = 0;
      for (let k = colPtr[j]; k < colPtr[j + 1]; k++) {
        const ind = rowIdx[k];
        if (b[ind] > 0) {
          const val = colVal[k];
          const tmp = C[ind] * val;
          Gloss -= tmp * b[ind];
          H += tmp * val;
        }
      }
      Gloss *= 2;
      const G = Gloss;
      H = Math.max(H * 2, 1e-12);
      const Gp = G + 1;
      const Gn = G - 1;
      let violation = 0;
      if (w[j] === 0) {
        if (Gp < 0) violation = -Gp;
        else if (Gn > 0) violation = Gn;
        else if (Gp > GmaxOld / l && Gn < -GmaxOld / l) {
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = j;
          s--;
          continue;
        }
      } else if (w[j] > 0) violation = Math.abs(Gp);
      else violation = Math.abs(Gn);
      GmaxNew = Math.max(GmaxNew, violation);
      Gnorm1New += violation;
      let d: number;
      if (Gp < H * w[j]) d = -Gp / H;
      else if (Gn > H * w[j]) d = -Gn / H;
      else d = -w[j];
      if (Math.abs(d) < 1e-12) continue;
      let delta = Math.abs(w[j] + d) - Math.abs(w[j]) + G * d;
      let dOld = 0;
      let lossOld = 0;
      let num = 0;
      for (; num < maxLinesearch; num++) {
        const dDiff = dOld - d;
        let cond = Math.abs(w[j] + d) - Math.abs(w[j]) - sigma * delta;
        const appx = xjSq[j] * d * d + Gloss * d + cond;
        if (appx <= 0) {
          for (let k = colPtr[j]; k < colPtr[j + 1]; k++) b[rowIdx[k]] += dDiff * colVal[k];
          break;
        }
        let lossNew = 0;
        if (num === 0) lossOld = 0;
        for (let k = colPtr[j]; k < colPtr[j + 1]; k++) {
          const ind = rowIdx[k];
          if (num === 0 && b[ind] > 0) lossOld += C[ind] * b[ind] * b[ind];
          const bNew = b[ind] + dDiff * colVal[k];
          b[ind] = bNew;
          if (bNew > 0) lossNew += C[ind] * bNew * bNew;
        }
        cond = cond + lossNew - lossOld;
        if (cond <= 0) break;
        dOld = d;
        d *= 0.5;
        delta *= 0.5;
      }
      w[j] += d;
      if (num >= maxLinesearch) {
        b.fill(1);
        for (let c = 0; c < n; c++) {
          if (w[c] === 0) continue;
          for (let k = colPtr[c]; k < colPtr[c + 1]; k++) b[rowIdx[k]] -= w[c] * colVal[k];
        }
      }
    }
    if (iter === 0) Gnorm1Init = Gnorm1New;
    iter++;
    if (Gnorm1New <= eps * Gnorm1Init) {
      if (activeSize === n) break;
      activeSize = n;
      GmaxOld = Number.POSITIVE_INFINITY;
      continue;
    }
    GmaxOld = GmaxNew;
  }
  return iter;
}

/**
 * Crammer–Singer multiclass SVM by dual coordinate descent. `y` holds class
 * indices `0..k-1`; `weightedC[c]` scales C per class. Writes `w` as
 * `n × k` (feature-major, liblinear's layout); returns iterations.
 * @example solveCrammerSinger(prob, 3, weightedC, w, 1e-4, 100000, mt)
 */
export function solveCrammerSinger(
  prob: LinearProblem,
  k: number,
  weightedC: Float64Array,
  w: Float64Array,
  eps: number,
  maxIter: number,
  mt: Mt19937,
): number {
  const { l, values, indices, indptr } = prob;
  const C = new Float64Array(l);
  for (let i = 0; i < l; i++) C[i] = prob.W[i] * weightedC[prob.y[i]];
  const alpha = new Float64Array(l * k);
  const alphaNew = new Float64Array(k);
  const index = new Int32Array(l);
  const QD = new Float64Array(l);
  const dInd = new Int32Array(k);
  const dVal = new Float64Array(k);
  const alphaIndex = new Int32Array(k * l);
  const yIndex = new Int32Array(l);
  const activeSizeI = new Int32Array(l);
  const B = new Float64Array(k);
  const G = new Float64Array(k);
  const D = new Float64Array(k);
  let activeSize = l;
  let epsShrink = Math.max(10 * eps, 1);
  let startFromAll = true;
  w.fill(0);
  for (let i = 0; i < l; i++) {
    for (let m = 0; m < k; m++) alphaIndex[i * k + m] = m;
    let q = 0;
    for (let t = indptr[i]; t < indptr[i + 1]; t++) q += values[t] * values[t];
    QD[i] = q;
    activeSizeI[i] = k;
    yIndex[i] = prob.y[i];
    index[i] = i;
  }
  const beShrunk = (i: number, m: number, yi: number, alphaI: number, minG: number) => {
    const bound = m === yi ? C[i] : 0;
    return alphaI === bound && G[m] < minG;
  };
  const solveSub = (Ai: number, yi: number, Cyi: number, active: number) => {
    for (let r = 0; r < active; r++) D[r] = B[r];
    if (yi < active) D[yi] += Ai * Cyi;
    const sorted = Array.from(D.subarray(0, active)).sort((a, b) => b - a);
    let beta = sorted[0] - Ai * Cyi;
    let r = 1;
    for (; r < active && beta < r * sorted[r]; r++) beta += sorted[r];
    beta /= r;
    for (let q = 0; q < active; q++) {
      alphaNew[q] = q === yi ? Math.min(Cyi, (beta - B[q]) / Ai) : Math.min(0, (beta - B[q]) / Ai);
    }
  };
  let iter = 0;
  while (iter < maxIter) {
    let stopping = Number.NEGATIVE_INFINITY;
    shuffle(index, activeSize, mt);
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const Ai = QD[i];
      const ai = i * k;
      if (!(Ai > 0)) continue;
      for (let m = 0; m < activeSizeI[i]; m++) G[m] = 1;
      if (yIndex[i] < activeSizeI[i]) G[yIndex[i]] = 0;
      for (let t = indptr[i]; t < indptr[i + 1]; t++) {
        const wRow = indices[t] * k;
        const v = values[t];
        for (let m = 0; m < activeSizeI[i]; m++) G[m] += w[wRow + alphaIndex[ai + m]] * v;
      }
      let minG = Number.POSITIVE_INFINITY;
      let maxG = Number.NEGATIVE_INFINITY;
      for (let m = 0; m < activeSizeI[i]; m++) {
        if (alpha[ai + alphaIndex[ai + m]] < 0 && G[m] < minG) minG = G[m];
        if (G[m] > maxG) maxG = G[m];
      }
      if (yIndex[i] < activeSizeI[i] && alpha[ai + prob.y[i]] < C[i] && G[yIndex[i]] < minG) minG = G[yIndex[i]];
      for (let m = 0; m < activeSizeI[i]; m++) {
        if (!beShrunk(i, m, yIndex[i], alpha[ai + alphaIndex[ai + m]], minG)) continue;
        activeSizeI[i]--;
        while (activeSizeI[i] > m) {
          const last = activeSizeI[i];
          if (!beShrunk(i, last, yIndex[i], alpha[ai + alphaIndex[ai + last]], minG)) {
            const t = alphaIndex[ai + m];
            alphaIndex[ai + m] = alphaIndex[ai + last];
            alphaIndex[ai + last] = t;
            const g = G[m];
            G[m] = G[last];
            G[last] = g;
            if (yIndex[i] === last) yIndex[i] = m;
            else if (yIndex[i] === m) yIndex[i] = last;
            break;
          }
          activeSizeI[i]--;
        }
      }
      if (activeSizeI[i] <= 1) {
        activeSize--;
        index[s] = index[activeSize];
        index[activeSize] = i;
        s--;
        continue;
      }
      if (maxG - minG <= 1e-12) continue;
      stopping = Math.max(maxG - minG, stopping);
      for (let m = 0; m < activeSizeI[i]; m++) B[m] = G[m] - Ai * alpha[ai + alphaIndex[ai + m]];
      solveSub(Ai, yIndex[i], C[i], activeSizeI[i]);
      let nz = 0;
      for (let m = 0; m < activeSizeI[i]; m++) {
        const d = alphaNew[m] - alpha[ai + alphaIndex[ai + m]];
        alpha[ai + alphaIndex[ai + m]] = alphaNew[m];
        if (Math.abs(d) >= 1e-12) {
          dInd[nz] = alphaIndex[ai + m];
          dVal[nz] = d;
          nz++;
        }
      }
      for (let t = indptr[i]; t < indptr[i + 1]; t++) {
        const wRow = indices[t] * k;
        const v = values[t];
        for (let m = 0; m < nz; m++) w[wRow + dInd[m]] += dVal[m] * v;
      }
    }
    iter++;
    if (stopping < epsShrink) {
      if (stopping < eps && startFromAll) break;
      activeSize = l;
      activeSizeI.fill(k);
      epsShrink = Math.max(epsShrink / 2, eps);
      startFromAll = true;
    } else startFromAll = false;
  }
  return iter;
}
