/**
 * SAGA (Defazio et al. 2014) for logistic regression, as scikit-learn's
 * `sag_solver(..., is_saga=True)`: stochastic variance-reduced gradient steps
 * on `(1/m)Σ wᵢ·loss + (l2/2m)‖W‖² + (l1/m)‖W‖₁` with sklearn's automatic step
 * size, a proximal soft-threshold for L1, and its stopping rule (relative
 * change of the weights over an epoch below `tol`). Weights are updated
 * eagerly (not lazily), which costs `O(classes × features)` per step.
 */

import { checkRandomState, type RandomState } from '../tensor/random.js';
import { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';
import { type DesignMatrix, denseData } from './linear-base.js';
import { expit } from './logistic-loss.js';

/** Options of {@link saga}. */
export interface SagaOptions {
  l2: number;
  l1: number;
  fitIntercept: boolean;
  maxIter: number;
  tol: number;
  randomState?: RandomState;
}

/** Result of {@link saga}: packed weights `k × (n + intercept?)`. */
export interface SagaResult {
  w: Float64Array;
  nIter: number;
  converged: boolean;
}

/**
 * Runs SAGA from `w0`. `binary`: one output with `target` 0/1 (Float64Array);
 * otherwise `k` softmax outputs with class indices in `target` (Int32Array).
 * @example saga(X, y01, 1, true, sw, new Float64Array(n + 1), { l2: 1, l1: 0, fitIntercept: true, maxIter: 100, tol: 1e-4 })
 */
export function saga(
  x: DesignMatrix,
  target: Float64Array | Int32Array,
  k: number,
  binary: boolean,
  sw: Float64Array,
  w0: Float64Array,
  options: SagaOptions,
): SagaResult {
  const [m, n] = x.shape as [number, number];
  const { l2, l1, fitIntercept, maxIter, tol } = options;
  const stride = n + (fitIntercept ? 1 : 0);
  const w = Float64Array.from(w0);
  const rng = checkRandomState(options.randomState);
  const sparse = x instanceof SparseMatrix ? x : undefined;
  const dense = sparse ? undefined : denseData(x as Tensor);
  // Row access as (indices, values) pairs, shared by the dense and sparse paths.
  const rowStart = (i: number) => (sparse ? sparse.indptr[i] : i * n);
  const rowEnd = (i: number) => (sparse ? sparse.indptr[i + 1] : i * n + n);
  const col = (p: number) => (sparse ? sparse.indices[p] : p % n);
  const val = (p: number) => (sparse ? sparse.data[p] : (dense as Float64Array)[p]);

  let maxSq = 0;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let p = rowStart(i); p < rowEnd(i); p++) s += val(p) * val(p);
    maxSq = Math.max(maxSq, s);
  }
  const alpha = l2 / m;
  const beta = l1 / m;
  const lip = 0.25 * (maxSq + (fitIntercept ? 1 : 0)) + alpha;
  const step = 1 / (2 * lip + Math.min(2 * m * alpha, lip));

  const memory = new Float64Array(m * k);
  const sumGrad = new Float64Array(k * n);
  const sumB = new Float64Array(k);
  const seen = new Uint8Array(m);
  let nSeen = 0;
  const z = new Float64Array(k);
  const corr = new Float64Array(k);
  const prev = new Float64Array(k * n);
  let epoch = 0;
  let converged = false;
  const decay = 1 - step * alpha;
  const thresh = step * beta;
  for (epoch = 0; epoch < maxIter; epoch++) {
    for (let c = 0; c < k; c++) prev.set(w.subarray(c * stride, c * stride + n), c * n);
    for (let it = 0; it < m; it++) {
      const i = rng.integers(0, m);
      if (!seen[i]) {
        seen[i] = 1;
        nSeen++;
      }
      for (let c = 0; c < k; c++) {
        let s = fitIntercept ? w[c * stride + n] : 0;
        for (let p = rowStart(i); p < rowEnd(i); p++) s += val(p) * w[c * stride + col(p)];
        z[c] = s;
      }
      if (binary) {
        z[0] = sw[i] * (expit(z[0]) - target[i]);
      } else {
        let max = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < k; c++) max = Math.max(max, z[c]);
        let total = 0;
        for (let c = 0; c < k; c++) {
          z[c] = Math.exp(z[c] - max);
          total += z[c];
        }
        for (let c = 0; c < k; c++) z[c] = sw[i] * (z[c] / total - (c === target[i] ? 1 : 0));
      }
      for (let c = 0; c < k; c++) {
        corr[c] = z[c] - memory[i * k + c];
        memory[i * k + c] = z[c];
      }
      for (let c = 0; c < k; c++) {
        const o = c * stride;
        const g = corr[c];
        if (g !== 0) {
          for (let p = rowStart(i); p < rowEnd(i); p++) {
            const j = col(p);
            const v = g * val(p);
            sumGrad[c * n + j] += v;
            w[o + j] -= step * v;
          }
        }
        for (let j = 0; j < n; j++) {
          let v = w[o + j] * decay - (step * sumGrad[c * n + j]) / nSeen;
          if (thresh > 0) v = v > thresh ? v - thresh : v < -thresh ? v + thresh : 0;
          w[o + j] = v;
        }
        if (fitIntercept) {
          sumB[c] += g;
          w[o + n] -= step * g + (step * sumB[c]) / nSeen;
        }
      }
    }
    let maxChange = 0;
    let maxWeight = 0;
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < n; j++) {
        const v = w[c * stride + j];
        maxChange = Math.max(maxChange, Math.abs(v - prev[c * n + j]));
        maxWeight = Math.max(maxWeight, Math.abs(v));
      }
    }
    if ((maxWeight !== 0 && maxChange / maxWeight <= tol) || (maxWeight === 0 && maxChange === 0)) {
      converged = true;
      epoch++;
      break;
    }
  }
  return { w, nIter: epoch, converged };
}
