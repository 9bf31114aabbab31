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
import { createLogisticKernel, type LogisticKernel } from './logistic-kernel.js';
import type { ObjectiveWithGradient } from './optim/lbfgs.js';

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
  if (!(x instanceof SparseMatrix)) {
    const blockRows = blockRowsFor(n);
    const z = new Float64Array(Math.min(m, blockRows));
    return binaryDenseBlocked(w, denseData(x as Tensor), m, n, y01, sw, l2, fitIntercept, grad, blockRows, z, null);
  }
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

/** Smallest X (elements) worth a WebAssembly copy: below it the JavaScript passes cost about the same. */
const MIN_KERNEL_ELEMENTS = 16384;

/** Rows per block of the dense binary loss: about 128 KB of X, still in cache for the gradient pass. */
function blockRowsFor(n: number): number {
  return Math.max(4, Math.min(4096, Math.floor(16384 / Math.max(1, n)) & ~3));
}

/**
 * {@link binaryLogisticLoss} on fixed X for repeated evaluations: returns a maker of
 * objectives (one per target, e.g. per one-vs-rest class) sharing what is prepared once
 * for X, the WebAssembly kernel's copy of dense X and the scratch block. Each objective
 * is what lbfgs takes, and its results are bit-identical to {@link binaryLogisticLoss}.
 * @example
 * const objective = binaryLogisticObjectives(X);
 * lbfgs(objective(y01, sw, 1, true), new Float64Array(n + 1));
 */
export function binaryLogisticObjectives(
  x: DesignMatrix,
): (y01: Float64Array, sw: Float64Array, l2: number, fitIntercept: boolean) => ObjectiveWithGradient {
  if (x instanceof SparseMatrix) {
    return (y01, sw, l2, fitIntercept) => (w, grad) => binaryLogisticLoss(w, x, y01, sw, l2, fitIntercept, grad);
  }
  const [m, n] = x.shape as [number, number];
  const xs = denseData(x as Tensor);
  const blockRows = blockRowsFor(n);
  const kernel = m * n >= MIN_KERNEL_ELEMENTS ? createLogisticKernel(xs, m, n, blockRows) : null;
  const scratch = kernel ? kernel.z : new Float64Array(Math.min(m, blockRows));
  // The kernel holds one objective's targets at a time; switching objectives copies them again.
  let current: object | undefined;
  return (y01, sw, l2, fitIntercept) => {
    const objective = (w: Float64Array, grad: Float64Array) => {
      if (kernel && current !== objective) {
        kernel.setTargets(y01, sw);
        current = objective;
      }
      return binaryDenseBlocked(w, xs, m, n, y01, sw, l2, fitIntercept, grad, blockRows, scratch, kernel);
    };
    return objective;
  };
}

/** `z[k] = b + x_{start+k} · w` for `k < rows`. */
function denseDots(
  xs: Float64Array,
  n: number,
  start: number,
  rows: number,
  w: Float64Array,
  b: number,
  z: Float64Array,
) {
  for (let k = 0; k < rows; k++) z[k] = b + rowDot(xs, (start + k) * n, w, n);
}

/** `grad += Σ_k z[k] · x_{start+k}` over `groups` groups of four rows (one read and write of `grad` per group). */
function denseGrad4(xs: Float64Array, n: number, start: number, groups: number, z: Float64Array, grad: Float64Array) {
  for (let q = 0; q < groups; q++) {
    const k = 4 * q;
    const r = (start + k) * n;
    const d0 = z[k];
    const d1 = z[k + 1];
    const d2 = z[k + 2];
    const d3 = z[k + 3];
    for (let c = 0; c < n; c++) {
      grad[c] += d0 * xs[r + c] + d1 * xs[r + n + c] + d2 * xs[r + 2 * n + c] + d3 * xs[r + 3 * n + c];
    }
  }
}

/**
 * The pointwise part of a block: turns the decisions `z[0..rows)` of rows `start..` into
 * gradient weights `swᵢ·(σ(zᵢ) − yᵢ)`, adding the loss terms to `acc[0]` and the weights
 * to `acc[1]` in row order. One `exp(−|z|)` serves both the loss and the sigmoid.
 */
function lossBlock(
  z: Float64Array,
  start: number,
  rows: number,
  y01: Float64Array,
  sw: Float64Array,
  acc: Float64Array,
): void {
  let loss = acc[0];
  let dsum = acc[1];
  for (let k = 0; k < rows; k++) {
    const i = start + k;
    const zi = z[k];
    const e = Math.exp(zi > 0 ? -zi : zi);
    const softplus = zi > 0 ? zi + Math.log1p(e) : Math.log1p(e);
    const sigmoid = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
    const yi = y01[i];
    loss += sw[i] * (softplus - yi * zi);
    const di = sw[i] * (sigmoid - yi);
    dsum += di;
    z[k] = di;
  }
  acc[0] = loss;
  acc[1] = dsum;
}

/**
 * `e[k] = exp(−|z[k]|)` (lossBlock's `exp(z > 0 ? −z : z)`: exp(−0) = exp(0) = 1) and
 * `l[k] = log1p(e[k])`, the part of a kernel block that stays on JavaScript's `Math`.
 */
function expLog1p(z: Float64Array, rows: number, e: Float64Array, l: Float64Array): void {
  for (let k = 0; k < rows; k++) {
    const ek = Math.exp(-Math.abs(z[k]));
    e[k] = ek;
    l[k] = Math.log1p(ek);
  }
}

/**
 * {@link binaryLogisticLoss} on dense X, block by block: each block's decisions, loss terms
 * and gradient contribution are done while its rows are in cache (X is read from memory
 * once per evaluation). The loss is summed in row order; the gradient adds rows in groups
 * of four, then the last `m % 4` rows one by one. With `kernel`, the matrix passes and the
 * pointwise step run in WebAssembly on its copy of X (same order, same results), `exp` and
 * `log1p` in JavaScript. `z` is the block scratch (`kernel.z` with a kernel); `blockRows`
 * is a multiple of 4.
 */
function binaryDenseBlocked(
  w: Float64Array,
  xs: Float64Array,
  m: number,
  n: number,
  y01: Float64Array,
  sw: Float64Array,
  l2: number,
  fitIntercept: boolean,
  grad: Float64Array,
  blockRows: number,
  z: Float64Array,
  kernel: LogisticKernel | null,
): number {
  const b = fitIntercept ? w[n] : 0;
  const acc = kernel ? kernel.acc : new Float64Array(2);
  acc.fill(0);
  grad.fill(0);
  const tail = m & 3;
  if (kernel) {
    kernel.grad.fill(0);
    kernel.w.set(w.subarray(0, n));
    const { e, l } = kernel;
    for (let start = 0; start < m; start += blockRows) {
      const rows = Math.min(blockRows, m - start);
      kernel.dots(start, rows, b);
      expLog1p(z, rows, e, l);
      kernel.pointwise(start, rows);
      kernel.grad4(start, rows >> 2);
    }
    grad.set(kernel.grad);
  } else {
    for (let start = 0; start < m; start += blockRows) {
      const rows = Math.min(blockRows, m - start);
      denseDots(xs, n, start, rows, w, b, z);
      lossBlock(z, start, rows, y01, sw, acc);
      denseGrad4(xs, n, start, rows >> 2, z, grad);
    }
  }
  // The last m % 4 rows (blocks hold a multiple of 4 rows, so these end the last block).
  const lastRows = m - (m > 0 ? Math.floor((m - 1) / blockRows) * blockRows : 0);
  for (let t = 0; t < tail; t++) {
    const r = (m - tail + t) * n;
    const d = z[lastRows - tail + t];
    for (let c = 0; c < n; c++) grad[c] += d * xs[r + c];
  }
  let reg = 0;
  for (let j = 0; j < n; j++) {
    reg += w[j] * w[j];
    grad[j] += l2 * w[j];
  }
  if (fitIntercept) grad[n] = acc[1];
  return acc[0] + 0.5 * l2 * reg;
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
