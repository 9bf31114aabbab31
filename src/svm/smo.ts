/**
 * The SMO solver of libsvm (Fan, Chen & Lin, JMLR 2005) for
 *
 *     min ½ αᵀQα + pᵀα   s.t.  yᵀα = Δ,  0 ≤ α_i ≤ C_i,  y_i = ±1,
 *
 * with working-set selection by second-order information (WSS3), shrinking
 * with gradient reconstruction, and the ν variant (an extra `eᵀα` constraint:
 * both variables are picked from the same class). Stops when the maximal
 * violation `m(α) - M(α) < eps`. Follows libsvm's order of operations, tie
 * breaking and float32 Q columns, so the iterates match scikit-learn's.
 */
import type { QMatrix } from './q-matrix.js';

const TAU = 1e-12;
const LOWER = 0;
const UPPER = 1;
const FREE = 2;

/** The solution of {@link solveSmo}. */
export interface SmoSolution {
  /** The optimal α, in the caller's variable order. */
  alpha: Float64Array;
  /** The offset ρ (the decision function is `Σ y_i α_i K(x_i, x) - ρ`). */
  rho: number;
  /** ν solver only: `r = (r₊ + r₋)/2`, used to rescale ν-SVC. */
  r: number;
  /** Final objective value. */
  obj: number;
  /** Iterations run. */
  nIter: number;
  /** Whether `maxIter` stopped the solver. */
  timedOut: boolean;
}

/** Options of {@link solveSmo}. */
export interface SmoOptions {
  /** Stopping tolerance on the maximal violating pair. */
  eps: number;
  /** Use shrinking. */
  shrinking: boolean;
  /** Iteration cap, `-1` for none. */
  maxIter: number;
  /** Use the ν-SVM working-set selection, shrinking and ρ. */
  nu: boolean;
  /** Checked every 1000 iterations; throws when aborted. */
  signal?: AbortSignal;
}

/**
 * Solves the dual QP with libsvm's SMO. `alpha0` must be feasible.
 * @example
 * const sol = solveSmo(new SvcQ(kernel, y, 200), minusOnes, y, new Float64Array(l), C, { eps: 1e-3, shrinking: true, maxIter: -1, nu: false });
 */
export function solveSmo(
  Q: QMatrix,
  p0: Float64Array,
  y0: Int8Array,
  alpha0: Float64Array,
  C0: Float64Array,
  options: SmoOptions,
): SmoSolution {
  const l = y0.length;
  const { eps, shrinking, maxIter, nu } = options;
  const QD = Q.QD;
  const p = p0.slice();
  const y = y0.slice();
  const alpha = alpha0.slice();
  const C = C0.slice();
  const status = new Uint8Array(l);
  const activeSet = new Int32Array(l);
  const G = new Float64Array(l);
  const Gbar = new Float64Array(l);
  let activeSize = l;
  let unshrink = false;

  const updateStatus = (i: number) => {
    status[i] = alpha[i] >= C[i] ? UPPER : alpha[i] <= 0 ? LOWER : FREE;
  };
  for (let i = 0; i < l; i++) {
    updateStatus(i);
    activeSet[i] = i;
    G[i] = p[i];
  }
  for (let i = 0; i < l; i++) {
    if (status[i] === LOWER) continue;
    const Qi = Q.getQ(i, l);
    const ai = alpha[i];
    for (let j = 0; j < l; j++) G[j] += ai * Qi[j];
    if (status[i] === UPPER) {
      const ci = C[i];
      for (let j = 0; j < l; j++) Gbar[j] += ci * Qi[j];
    }
  }

  const swap = (i: number, j: number) => {
    Q.swapIndex(i, j);
    let t: number = y[i];
    y[i] = y[j];
    y[j] = t;
    t = G[i];
    G[i] = G[j];
    G[j] = t;
    t = status[i];
    status[i] = status[j];
    status[j] = t;
    t = alpha[i];
    alpha[i] = alpha[j];
    alpha[j] = t;
    t = p[i];
    p[i] = p[j];
    p[j] = t;
    t = activeSet[i];
    activeSet[i] = activeSet[j];
    activeSet[j] = t;
    t = Gbar[i];
    Gbar[i] = Gbar[j];
    Gbar[j] = t;
    t = C[i];
    C[i] = C[j];
    C[j] = t;
  };

  const reconstructGradient = () => {
    if (activeSize === l) return;
    for (let j = activeSize; j < l; j++) G[j] = Gbar[j] + p[j];
    let nrFree = 0;
    for (let j = 0; j < activeSize; j++) if (status[j] === FREE) nrFree++;
    if (nrFree * l > 2 * activeSize * (l - activeSize)) {
      for (let i = activeSize; i < l; i++) {
        const Qi = Q.getQ(i, activeSize);
        let g = G[i];
        for (let j = 0; j < activeSize; j++) if (status[j] === FREE) g += alpha[j] * Qi[j];
        G[i] = g;
      }
    } else {
      for (let i = 0; i < activeSize; i++) {
        if (status[i] !== FREE) continue;
        const Qi = Q.getQ(i, l);
        const ai = alpha[i];
        for (let j = activeSize; j < l; j++) G[j] += ai * Qi[j];
      }
    }
  };

  // The working pair, written by the selection functions.
  let outI = -1;
  let outJ = -1;

  const selectStandard = (): boolean => {
    let Gmax = Number.NEGATIVE_INFINITY;
    let Gmax2 = Number.NEGATIVE_INFINITY;
    let GmaxIdx = -1;
    let GminIdx = -1;
    let objDiffMin = Number.POSITIVE_INFINITY;
    for (let t = 0; t < activeSize; t++) {
      if (y[t] === 1) {
        if (status[t] !== UPPER && -G[t] >= Gmax) {
          Gmax = -G[t];
          GmaxIdx = t;
        }
      } else if (status[t] !== LOWER && G[t] >= Gmax) {
        Gmax = G[t];
        GmaxIdx = t;
      }
    }
    const i = GmaxIdx;
    const Qi = i !== -1 ? Q.getQ(i, activeSize) : undefined;
    const QDi = i !== -1 ? QD[i] : 0;
    const yi = i !== -1 ? y[i] : 0;
    for (let j = 0; j < activeSize; j++) {
      if (y[j] === 1) {
        if (status[j] !== LOWER) {
          const gradDiff = Gmax + G[j];
          if (G[j] >= Gmax2) Gmax2 = G[j];
          if (gradDiff > 0) {
            const quad = QDi + QD[j] - 2 * yi * (Qi as Float32Array)[j];
            const objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / TAU;
            if (objDiff <= objDiffMin) {
              GminIdx = j;
              objDiffMin = objDiff;
            }
          }
        }
      } else if (status[j] !== UPPER) {
        const gradDiff = Gmax - G[j];
        if (-G[j] >= Gmax2) Gmax2 = -G[j];
        if (gradDiff > 0) {
          const quad = QDi + QD[j] + 2 * yi * (Qi as Float32Array)[j];
          const objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / TAU;
          if (objDiff <= objDiffMin) {
            GminIdx = j;
            objDiffMin = objDiff;
          }
        }
      }
    }
    if (Gmax + Gmax2 < eps || GminIdx === -1) return true;
    outI = GmaxIdx;
    outJ = GminIdx;
    return false;
  };

  const selectNu = (): boolean => {
    let Gmaxp = Number.NEGATIVE_INFINITY;
    let Gmaxp2 = Number.NEGATIVE_INFINITY;
    let GmaxpIdx = -1;
    let Gmaxn = Number.NEGATIVE_INFINITY;
    let Gmaxn2 = Number.NEGATIVE_INFINITY;
    let GmaxnIdx = -1;
    let GminIdx = -1;
    let objDiffMin = Number.POSITIVE_INFINITY;
    for (let t = 0; t < activeSize; t++) {
      if (y[t] === 1) {
        if (status[t] !== UPPER && -G[t] >= Gmaxp) {
          Gmaxp = -G[t];
          GmaxpIdx = t;
        }
      } else if (status[t] !== LOWER && G[t] >= Gmaxn) {
        Gmaxn = G[t];
        GmaxnIdx = t;
      }
    }
    const ip = GmaxpIdx;
    const iN = GmaxnIdx;
    const Qip = ip !== -1 ? Q.getQ(ip, activeSize) : undefined;
    const Qin = iN !== -1 ? Q.getQ(iN, activeSize) : undefined;
    for (let j = 0; j < activeSize; j++) {
      if (y[j] === 1) {
        if (status[j] !== LOWER) {
          const gradDiff = Gmaxp + G[j];
          if (G[j] >= Gmaxp2) Gmaxp2 = G[j];
          if (gradDiff > 0) {
            const quad = QD[ip] + QD[j] - 2 * (Qip as Float32Array)[j];
            const objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / TAU;
            if (objDiff <= objDiffMin) {
              GminIdx = j;
              objDiffMin = objDiff;
            }
          }
        }
      } else if (status[j] !== UPPER) {
        const gradDiff = Gmaxn - G[j];
        if (-G[j] >= Gmaxn2) Gmaxn2 = -G[j];
        if (gradDiff > 0) {
          const quad = QD[iN] + QD[j] - 2 * (Qin as Float32Array)[j];
          const objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / TAU;
          if (objDiff <= objDiffMin) {
            GminIdx = j;
            objDiffMin = objDiff;
          }
        }
      }
    }
    if (Math.max(Gmaxp + Gmaxp2, Gmaxn + Gmaxn2) < eps || GminIdx === -1) return true;
    outI = y[GminIdx] === 1 ? GmaxpIdx : GmaxnIdx;
    outJ = GminIdx;
    return false;
  };

  const beShrunk = (i: number, Gmax1: number, Gmax2: number): boolean => {
    if (status[i] === UPPER) return y[i] === 1 ? -G[i] > Gmax1 : -G[i] > Gmax2;
    if (status[i] === LOWER) return y[i] === 1 ? G[i] > Gmax2 : G[i] > Gmax1;
    return false;
  };

  const shrinkStandard = () => {
    let Gmax1 = Number.NEGATIVE_INFINITY;
    let Gmax2 = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < activeSize; i++) {
      if (y[i] === 1) {
        if (status[i] !== UPPER && -G[i] >= Gmax1) Gmax1 = -G[i];
        if (status[i] !== LOWER && G[i] >= Gmax2) Gmax2 = G[i];
      } else {
        if (status[i] !== UPPER && -G[i] >= Gmax2) Gmax2 = -G[i];
        if (status[i] !== LOWER && G[i] >= Gmax1) Gmax1 = G[i];
      }
    }
    if (!unshrink && Gmax1 + Gmax2 <= eps * 10) {
      unshrink = true;
      reconstructGradient();
      activeSize = l;
    }
    for (let i = 0; i < activeSize; i++) {
      if (!beShrunk(i, Gmax1, Gmax2)) continue;
      activeSize--;
      while (activeSize > i) {
        if (!beShrunk(activeSize, Gmax1, Gmax2)) {
          swap(i, activeSize);
          break;
        }
        activeSize--;
      }
    }
  };

  const beShrunkNu = (i: number, g1: number, g2: number, g3: number, g4: number): boolean => {
    if (status[i] === UPPER) return y[i] === 1 ? -G[i] > g1 : -G[i] > g4;
    if (status[i] === LOWER) return y[i] === 1 ? G[i] > g2 : G[i] > g3;
    return false;
  };

  const shrinkNu = () => {
    let g1 = Number.NEGATIVE_INFINITY;
    let g2 = Number.NEGATIVE_INFINITY;
    let g3 = Number.NEGATIVE_INFINITY;
    let g4 = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < activeSize; i++) {
      if (status[i] !== UPPER) {
        if (y[i] === 1) {
          if (-G[i] > g1) g1 = -G[i];
        } else if (-G[i] > g4) g4 = -G[i];
      }
      if (status[i] !== LOWER) {
        if (y[i] === 1) {
          if (G[i] > g2) g2 = G[i];
        } else if (G[i] > g3) g3 = G[i];
      }
    }
    if (!unshrink && Math.max(g1 + g2, g3 + g4) <= eps * 10) {
      unshrink = true;
      reconstructGradient();
      activeSize = l;
    }
    for (let i = 0; i < activeSize; i++) {
      if (!beShrunkNu(i, g1, g2, g3, g4)) continue;
      activeSize--;
      while (activeSize > i) {
        if (!beShrunkNu(activeSize, g1, g2, g3, g4)) {
          swap(i, activeSize);
          break;
        }
        activeSize--;
      }
    }
  };

  const select = nu ? selectNu : selectStandard;
  const shrink = nu ? shrinkNu : shrinkStandard;

  let iter = 0;
  let counter = Math.min(l, 1000) + 1;
  let timedOut = false;
  for (;;) {
    if (maxIter !== -1 && iter >= maxIter) {
      timedOut = true;
      break;
    }
    if (--counter === 0) {
      counter = Math.min(l, 1000);
      if (shrinking) shrink();
      if (options.signal?.aborted) {
        throw options.signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
      }
    }
    if (select()) {
      reconstructGradient();
      activeSize = l;
      if (select()) break;
      counter = 1;
    }
    iter++;
    const i = outI;
    const j = outJ;
    const Qi = Q.getQ(i, activeSize);
    const Qj = Q.getQ(j, activeSize);
    const Ci = C[i];
    const Cj = C[j];
    const oldAi = alpha[i];
    const oldAj = alpha[j];
    if (y[i] !== y[j]) {
      let quad = QD[i] + QD[j] + 2 * Qi[j];
      if (quad <= 0) quad = TAU;
      const delta = (-G[i] - G[j]) / quad;
      const diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;
      if (diff > 0) {
        if (alpha[j] < 0) {
          alpha[j] = 0;
          alpha[i] = diff;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = -diff;
      }
      if (diff > Ci - Cj) {
        if (alpha[i] > Ci) {
          alpha[i] = Ci;
          alpha[j] = Ci - diff;
        }
      } else if (alpha[j] > Cj) {
        alpha[j] = Cj;
        alpha[i] = Cj + diff;
      }
    } else {
      let quad = QD[i] + QD[j] - 2 * Qi[j];
      if (quad <= 0) quad = TAU;
      const delta = (G[i] - G[j]) / quad;
      const sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;
      if (sum > Ci) {
        if (alpha[i] > Ci) {
          alpha[i] = Ci;
          alpha[j] = sum - Ci;
        }
      } else if (alpha[j] < 0) {
        alpha[j] = 0;
        alpha[i] = sum;
      }
      if (sum > Cj) {
        if (alpha[j] > Cj) {
          alpha[j] = Cj;
          alpha[i] = sum - Cj;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = sum;
      }
    }
    const dAi = alpha[i] - oldAi;
    const dAj = alpha[j] - oldAj;
    for (let k = 0; k < activeSize; k++) G[k] += Qi[k] * dAi + Qj[k] * dAj;
    const ui = status[i] === UPPER;
    const uj = status[j] === UPPER;
    updateStatus(i);
    updateStatus(j);
    if (ui !== (status[i] === UPPER)) {
      const Qfull = Q.getQ(i, l);
      if (ui) for (let k = 0; k < l; k++) Gbar[k] -= Ci * Qfull[k];
      else for (let k = 0; k < l; k++) Gbar[k] += Ci * Qfull[k];
    }
    if (uj !== (status[j] === UPPER)) {
      const Qfull = Q.getQ(j, l);
      if (uj) for (let k = 0; k < l; k++) Gbar[k] -= Cj * Qfull[k];
      else for (let k = 0; k < l; k++) Gbar[k] += Cj * Qfull[k];
    }
  }

  let rho: number;
  let r = 0;
  if (nu) {
    let nrFree1 = 0;
    let nrFree2 = 0;
    let ub1 = Number.POSITIVE_INFINITY;
    let ub2 = Number.POSITIVE_INFINITY;
    let lb1 = Number.NEGATIVE_INFINITY;
    let lb2 = Number.NEGATIVE_INFINITY;
    let sumFree1 = 0;
    let sumFree2 = 0;
    for (let i = 0; i < activeSize; i++) {
      if (y[i] === 1) {
        if (status[i] === UPPER) lb1 = Math.max(lb1, G[i]);
        else if (status[i] === LOWER) ub1 = Math.min(ub1, G[i]);
        else {
          nrFree1++;
          sumFree1 += G[i];
        }
      } else if (status[i] === UPPER) lb2 = Math.max(lb2, G[i]);
      else if (status[i] === LOWER) ub2 = Math.min(ub2, G[i]);
      else {
        nrFree2++;
        sumFree2 += G[i];
      }
    }
    const r1 = nrFree1 > 0 ? sumFree1 / nrFree1 : (ub1 + lb1) / 2;
    const r2 = nrFree2 > 0 ? sumFree2 / nrFree2 : (ub2 + lb2) / 2;
    r = (r1 + r2) / 2;
    rho = (r1 - r2) / 2;
  } else {
    let nrFree = 0;
    let ub = Number.POSITIVE_INFINITY;
    let lb = Number.NEGATIVE_INFINITY;
    let sumFree = 0;
    for (let i = 0; i < activeSize; i++) {
      const yG = y[i] * G[i];
      if (status[i] === UPPER) {
        if (y[i] === -1) ub = Math.min(ub, yG);
        else lb = Math.max(lb, yG);
      } else if (status[i] === LOWER) {
        if (y[i] === 1) ub = Math.min(ub, yG);
        else lb = Math.max(lb, yG);
      } else {
        nrFree++;
        sumFree += yG;
      }
    }
    rho = nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
  }
  let v = 0;
  for (let i = 0; i < l; i++) v += alpha[i] * (G[i] + p[i]);
  const out = new Float64Array(l);
  for (let i = 0; i < l; i++) out[activeSet[i]] = alpha[i];
  return { alpha: out, rho, r, obj: v / 2, nIter: iter, timedOut };
}
