/**
 * One k-means run from given centres: scikit-learn's `_kmeans_single_lloyd`
 * and `_kmeans_single_elkan`, with the same stopping rule (labels unchanged,
 * or the squared centre shift summed over clusters at most `tol`) and the same
 * final E-step when stopped by `tol`, so the labels match the returned centres.
 */

import { fromRowBlocks, inertiaOfBlocks, toRowBlocks } from './kmeans-blocks.js';
import {
  averageCenters,
  centerShift,
  kmeansInertia,
  lloydStep,
  lloydWorkspace,
  relocateEmptyClusters,
} from './kmeans-common.js';

/** Result of one k-means run. */
export interface KMeansRun {
  labels: Int32Array;
  inertia: number;
  /** `k x d` row-major. */
  centers: Float64Array;
  /** Iterations run (sklearn's `n_iter_`). */
  nIter: number;
  /** Inertia after each iteration's E-step (for diagnostics and tests). */
  inertiaHistory: number[];
}

/** Problem data of a k-means run (centred rows, weights). */
export interface KMeansProblem {
  /** Row-major `n x d`; may be `null` for Lloyd when `xb` is given. */
  x: Float64Array | null;
  n: number;
  d: number;
  sw: Float64Array;
  /** `x` in row-block layout (`kmeans-blocks.ts`), if the caller has it; Lloyd builds it otherwise. */
  xb?: Float64Array;
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sumSquares(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}

/**
 * Lloyd's algorithm from `init` (`k x d`, not modified).
 * @example const run = kmeansLloyd({ x, n, d, sw }, init, 3, 300, tol);
 */
export function kmeansLloyd(p: KMeansProblem, init: Float64Array, k: number, maxIter: number, tol: number): KMeansRun {
  const { x, n, d, sw } = p;
  // Every iteration reads the data block by block: transpose it once for all of them.
  const xb = p.xb ?? toRowBlocks(x as Float64Array, n, d);
  let centers = init.slice();
  let centersNew = new Float64Array(k * d);
  const labels = new Int32Array(n).fill(-1);
  const labelsOld = new Int32Array(n).fill(-1);
  const weights = new Float64Array(k);
  const shift = new Float64Array(k);
  const ws = lloydWorkspace(k, d);
  const history: number[] = [];
  let strict = false;
  let i = 0;
  for (; i < maxIter; i++) {
    lloydStep(x, n, d, sw, centers, k, centersNew, weights, labels, shift, true, ws, xb);
    history.push(n * d <= 1 << 16 ? inertiaOfBlocks(xb, n, d, sw, centers, labels) : Number.NaN);
    [centers, centersNew] = [centersNew, centers];
    if (sameLabels(labels, labelsOld)) {
      strict = true;
      break;
    }
    if (sumSquares(shift) <= tol) break;
    labelsOld.set(labels);
  }
  if (!strict) lloydStep(x, n, d, sw, centers, k, centers, weights, labels, shift, false, ws, xb);
  return {
    labels,
    inertia: inertiaOfBlocks(xb, n, d, sw, centers, labels),
    centers,
    nIter: Math.min(i + 1, maxIter),
    inertiaHistory: history,
  };
}

/** History costs a pass over the data: only recorded for small problems (tests). */
function kmeansInertiaIfSmall(
  x: Float64Array,
  n: number,
  d: number,
  sw: Float64Array,
  centers: Float64Array,
  labels: Int32Array,
): number {
  return n * d <= 1 << 16 ? kmeansInertia(x, n, d, sw, centers, labels) : Number.NaN;
}

/** Half the distances between centres (`k x k`) and, per centre, half the distance to its nearest other centre. */
function centerHalfDistances(c: Float64Array, k: number, d: number, half: Float64Array, next: Float64Array): void {
  for (let a = 0; a < k; a++) {
    half[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let f = 0; f < d; f++) {
        const t = c[a * d + f] - c[b * d + f];
        s += t * t;
      }
      const h = Math.sqrt(s) / 2;
      half[a * k + b] = h;
      half[b * k + a] = h;
    }
  }
  for (let a = 0; a < k; a++) {
    let m = Number.POSITIVE_INFINITY;
    for (let b = 0; b < k; b++) if (b !== a && half[a * k + b] < m) m = half[a * k + b];
    next[a] = k > 1 ? m : 0;
  }
}

function dist(x: Float64Array, xo: number, c: Float64Array, co: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = x[xo + f] - c[co + f];
    s += t * t;
  }
  return Math.sqrt(s);
}

/**
 * Elkan's algorithm (triangle-inequality bounds) from `init`; same result as
 * {@link kmeansLloyd} up to rounding, fewer distance computations when the
 * clusters are well separated.
 * @example const run = kmeansElkan({ x, n, d, sw }, init, 3, 300, tol);
 */
export function kmeansElkan(p: KMeansProblem, init: Float64Array, k: number, maxIter: number, tol: number): KMeansRun {
  const { n, d, sw } = p;
  const x = p.x ?? fromRowBlocks(p.xb as Float64Array, n, d);
  let centers = init.slice();
  let centersNew = new Float64Array(k * d);
  const half = new Float64Array(k * k);
  const next = new Float64Array(k);
  centerHalfDistances(centers, k, d, half, next);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n * k);
  const labels = new Int32Array(n).fill(-1);
  const labelsOld = new Int32Array(n).fill(-1);
  const weights = new Float64Array(k);
  const shift = new Float64Array(k);
  const history: number[] = [];
  // sklearn's init_bounds_dense.
  for (let i = 0; i < n; i++) {
    let best = 0;
    let min = dist(x, i * d, centers, 0, d);
    lower[i * k] = min;
    for (let j = 1; j < k; j++) {
      if (min > half[best * k + j]) {
        const v = dist(x, i * d, centers, j * d, d);
        lower[i * k + j] = v;
        if (v < min) {
          min = v;
          best = j;
        }
      }
    }
    labels[i] = best;
    upper[i] = min;
  }
  const iterate = (update: boolean) => {
    if (update) {
      centersNew.fill(0);
      weights.fill(0);
    }
    for (let i = 0; i < n; i++) {
      let label = labels[i];
      let ub = upper[i];
      let tight = false;
      const lo = i * k;
      if (next[label] < ub) {
        for (let j = 0; j < k; j++) {
          if (j !== label && ub > lower[lo + j] && ub > half[label * k + j]) {
            if (!tight) {
              ub = dist(x, i * d, centers, label * d, d);
              lower[lo + label] = ub;
              tight = true;
            }
            if (ub > lower[lo + j] || ub > half[label * k + j]) {
              const v = dist(x, i * d, centers, j * d, d);
              lower[lo + j] = v;
              if (v < ub) {
                label = j;
                ub = v;
              }
            }
          }
        }
        labels[i] = label;
        upper[i] = ub;
      }
      if (update) {
        const w = sw[i];
        weights[label] += w;
        for (let f = 0; f < d; f++) centersNew[label * d + f] += x[i * d + f] * w;
      }
    }
    if (!update) return;
    relocateEmptyClusters(x, n, d, sw, centers, k, centersNew, weights, labels);
    averageCenters(centersNew, k, d, weights);
    centerShift(centers, centersNew, k, d, shift);
    for (let i = 0; i < n; i++) {
      upper[i] += shift[labels[i]];
      for (let j = 0; j < k; j++) {
        const v = lower[i * k + j] - shift[j];
        lower[i * k + j] = Math.max(v, 0);
      }
    }
  };
  let strict = false;
  let it = 0;
  for (; it < maxIter; it++) {
    iterate(true);
    history.push(kmeansInertiaIfSmall(x, n, d, sw, centers, labels));
    centerHalfDistances(centersNew, k, d, half, next);
    [centers, centersNew] = [centersNew, centers];
    if (sameLabels(labels, labelsOld)) {
      strict = true;
      break;
    }
    if (sumSquares(shift) <= tol) break;
    labelsOld.set(labels);
  }
  if (!strict) iterate(false);
  return {
    labels,
    inertia: kmeansInertia(x, n, d, sw, centers, labels),
    centers,
    nIter: Math.min(it + 1, maxIter),
    inertiaHistory: history,
  };
}
