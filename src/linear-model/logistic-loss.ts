/**
 * Logistic-regression objectives with gradients, in scikit-learn 1.2's sum
 * form: `Σᵢ wᵢ·loss(xᵢ) + ½·l2‖W‖²` (intercepts not penalised), where the
 * loss is the binary log-loss (`HalfBinomialLoss`) or the multinomial
 * cross-entropy (`HalfMultinomialLoss`). Parameters are packed per class as
 * `[coef (n), intercept?]`.
 */
import { gemm } from '../tensor/kernels/gemm.js';
import { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';
import type { DesignMatrix } from './linear-base.js';
import { denseData } from './linear-base.js';

/** `log(1 + exp(z))` without overflow. */
export function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** The logistic function. */
export function expit(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** `x[r..r+n) · w[0..n)` with four partial sums (one running sum would wait on every add). */
function rowDot(xs: Float64Array, r: number, w: Float64Array, n: number): number {
  const n4 = n - (n & 3);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j < n4; j += 4) {
    s0 += xs[r + j] * w[j];
    s1 += xs[r + j + 1] * w[j + 1];
    s2 += xs[r + j + 2] * w[j + 2];
    s3 += xs[r + j + 3] * w[j + 3];
  }
  for (; j < n; j++) s0 += xs[r + j] * w[j];
  return s0 + s1 + (s2 + s3);
}

/** Adds `X · wᵀ` rows to `out` (`m × k`): `w` is `k × stride` with the coefficients first in each row. */
function addDecision(x: DesignMatrix, w: Float64Array, k: number, stride: number, out: Float64Array): void {
  const [m, n] = x.shape as [number, number];
  if (x instanceof SparseMatrix) {
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) s += x.data[p] * w[c * stride + x.indices[p]];
        out[i * k + c] += s;
      }
    }
    return;
  }
  const xs = denseData(x as Tensor);
  if (k === 1) {
    for (let i = 0; i < m; i++) out[i] += rowDot(xs, i * n, w, n);
    return;
  }
  gemm(false, true, m, k, n, 1, xs, n, w, stride, 1, out, k);
}

/** Writes `Dᵀ X` (`k × n`) into the coefficient part of `grad` (`k × stride`). */
function addGradient(x: DesignMatrix, dm: Float64Array, k: number, stride: number, grad: Float64Array): void {
  const [m, n] = x.shape as [number, number];
  if (x instanceof SparseMatrix) {
    for (let i = 0; i < m; i++) {
      for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) {
        const v = x.data[p];
        const j = x.indices[p];
        for (let c = 0; c < k; c++) grad[c * stride + j] += v * dm[i * k + c];
      }
    }
    return;
  }
  const xs = denseData(x as Tensor);
  if (k === 1) {
    for (let i = 0; i < m; i++) {
      const di = dm[i];
      if (di === 0) continue;
      const r = i * n;
      for (let j = 0; j < n; j++) grad[j] += di * xs[r + j];
    }
    return;
  }
  gemm(true, false, k, n, m, 1, dm, k, xs, n, 1, grad, stride);
}

/**
 * Binary log-loss and gradient at `w = [coef, intercept?]`; `y01` holds 1 for
 * the positive class and 0 otherwise. Returns the objective, fills `grad`.
 * @example binaryLogisticLoss(w, X, y01, sw, 1, true, grad)
 */
export function binaryLogisticLoss(
  w: Float64Array,
  x: DesignMatrix,
  y01: Float64Array,
  sw: Float64Array,
  l2: number,
  fitIntercept: boolean,
  grad: Float64Array,
): number {
  const [m, n] = x.shape as [number, number];
  if (!(x instanceof SparseMatrix))
    return binaryDenseFused(w, denseData(x as Tensor), m, n, y01, sw, l2, fitIntercept, grad);
  const z = new Float64Array(m);
  if (fitIntercept) z.fill(w[n]);
  addDecision(x, w, 1, n + (fitIntercept ? 1 : 0), z);
  let loss = 0;
  let dsum = 0;
  for (let i = 0; i < m; i++) {
    const zi = z[i];
    loss += sw[i] * (log1pExp(zi) - y01[i] * zi);
    const di = sw[i] * (expit(zi) - y01[i]);
    z[i] = di;
    dsum += di;
  }
  grad.fill(0);
  addGradient(x, z, 1, n, grad);
  let reg = 0;
  for (let j = 0; j < n; j++) {
    reg += w[j] * w[j];
    grad[j] += l2 * w[j];
  }
  if (fitIntercept) grad[n] = dsum;
  return loss + 0.5 * l2 * reg;
}

/**
 * {@link binaryLogisticLoss} on dense X in one pass: each row's decision, loss term and
 * gradient contribution are done while the row is in cache (X is read once per evaluation,
 * not twice), and one `exp` serves both the loss and the sigmoid. The loss is summed in
 * the same order as the two-pass form; the gradient adds rows in groups of four.
 */
function binaryDenseFused(
  w: Float64Array,
  xs: Float64Array,
  m: number,
  n: number,
  y01: Float64Array,
  sw: Float64Array,
  l2: number,
  fitIntercept: boolean,
  grad: Float64Array,
): number {
  grad.fill(0);
  const b = fitIntercept ? w[n] : 0;
  let loss = 0;
  let dsum = 0;
  // Gradient rows are added four at a time: one read and write of `grad` per four rows.
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  for (let i = 0; i < m; i++) {
    const r = i * n;
    const zi = b + rowDot(xs, r, w, n);
    // exp(-|z|) gives both log(1 + exp(z)) and the sigmoid without overflow.
    const e = Math.exp(zi > 0 ? -zi : zi);
    const softplus = zi > 0 ? zi + Math.log1p(e) : Math.log1p(e);
    const sigmoid = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
    const yi = y01[i];
    loss += sw[i] * (softplus - yi * zi);
    const di = sw[i] * (sigmoid - yi);
    dsum += di;
    switch (i & 3) {
      case 0:
        d0 = di;
        break;
      case 1:
        d1 = di;
        break;
      case 2:
        d2 = di;
        break;
      default: {
        const r0 = r - 3 * n;
        for (let c = 0; c < n; c++) {
          grad[c] += d0 * xs[r0 + c] + d1 * xs[r0 + n + c] + d2 * xs[r0 + 2 * n + c] + di * xs[r + c];
        }
      }
    }
  }
  // The last m % 4 rows.
  const tail = m & 3;
  const tailD = [d0, d1, d2];
  for (let t = 0; t < tail; t++) {
    const r = (m - tail + t) * n;
    const d = tailD[t];
    for (let c = 0; c < n; c++) grad[c] += d * xs[r + c];
  }
  let reg = 0;
  for (let j = 0; j < n; j++) {
    reg += w[j] * w[j];
    grad[j] += l2 * w[j];
  }
  if (fitIntercept) grad[n] = dsum;
  return loss + 0.5 * l2 * reg;
}

/**
 * Multinomial cross-entropy and gradient at `W` (`k × (n + intercept?)`);
 * `yIdx` holds the class index of each sample.
 * @example multinomialLogisticLoss(W, X, yIdx, k, sw, 1, true, grad)
 */
export function multinomialLogisticLoss(
  w: Float64Array,
  x: DesignMatrix,
  yIdx: Int32Array,
  k: number,
  sw: Float64Array,
  l2: number,
  fitIntercept: boolean,
  grad: Float64Array,
): number {
  const [m, n] = x.shape as [number, number];
  const stride = n + (fitIntercept ? 1 : 0);
  const z = new Float64Array(m * k);
  if (fitIntercept) for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) z[i * k + c] = w[c * stride + n];
  addDecision(x, w, k, stride, z);
  let loss = 0;
  for (let i = 0; i < m; i++) {
    const o = i * k;
    let max = z[o];
    for (let c = 1; c < k; c++) if (z[o + c] > max) max = z[o + c];
    const yi = yIdx[i];
    const zy = z[o + yi] - max;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(z[o + c] - max);
      z[o + c] = e;
      sum += e;
    }
    loss += sw[i] * (Math.log(sum) - zy);
    for (let c = 0; c < k; c++) z[o + c] = sw[i] * (z[o + c] / sum - (c === yi ? 1 : 0));
  }
  grad.fill(0);
  addGradient(x, z, k, stride, grad);
  let reg = 0;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < n; j++) {
      const v = w[c * stride + j];
      reg += v * v;
      grad[c * stride + j] += l2 * v;
    }
    if (fitIntercept) {
      let s = 0;
      for (let i = 0; i < m; i++) s += z[i * k + c];
      grad[c * stride + n] = s;
    }
  }
  return loss + 0.5 * l2 * reg;
}
