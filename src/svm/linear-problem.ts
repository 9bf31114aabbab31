/**
 * Input plumbing of the liblinear estimators: validated X (dense or CSR) to
 * liblinear's row format with the intercept column (`interceptScaling`)
 * appended, and the linear decision `X·Wᵀ + b` for prediction.
 */
import { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';
import type { LinearProblem } from './liblinear.js';

/**
 * liblinear rows from `X` (zeros skipped, as liblinear's dense conversion does)
 * plus a last column equal to `bias` when `bias > 0`.
 * @example toLinearProblem(X, y, W, 1)
 */
export function toLinearProblem(
  X: Tensor | SparseMatrix,
  y: Float64Array,
  W: Float64Array,
  bias: number,
): LinearProblem {
  const [l, d] = X.shape as [number, number];
  const withBias = bias > 0;
  const indptr = new Int32Array(l + 1);
  let values: Float64Array;
  let indices: Int32Array;
  if (X instanceof SparseMatrix) {
    let nnz = 0;
    for (let i = 0; i < l; i++) {
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) if (X.data[k] !== 0) nnz++;
      if (withBias) nnz++;
    }
    values = new Float64Array(nnz);
    indices = new Int32Array(nnz);
    let t = 0;
    for (let i = 0; i < l; i++) {
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) {
        if (X.data[k] === 0) continue;
        values[t] = X.data[k];
        indices[t++] = X.indices[k];
      }
      if (withBias) {
        values[t] = bias;
        indices[t++] = d;
      }
      indptr[i + 1] = t;
    }
  } else {
    const x = X.data;
    let nnz = 0;
    for (let k = 0; k < x.length; k++) if (x[k] !== 0) nnz++;
    if (withBias) nnz += l;
    values = new Float64Array(nnz);
    indices = new Int32Array(nnz);
    let t = 0;
    for (let i = 0; i < l; i++) {
      for (let j = 0; j < d; j++) {
        const v = x[i * d + j];
        if (v === 0) continue;
        values[t] = v;
        indices[t++] = j;
      }
      if (withBias) {
        values[t] = bias;
        indices[t++] = d;
      }
      indptr[i + 1] = t;
    }
  }
  return { values, indices, indptr, l, n: d + (withBias ? 1 : 0), y, W };
}

/**
 * `X·coefᵀ + intercept` for `rows` weight vectors (`coef` is `rows × d` row-major), `m × rows`.
 * @example linearDecisionValues(X, coef, intercept, 1)
 */
export function linearDecisionValues(
  X: Tensor | SparseMatrix,
  coef: Float64Array,
  intercept: Float64Array,
  rows: number,
): Float64Array {
  const [m, d] = X.shape as [number, number];
  const out = new Float64Array(m * rows);
  for (let i = 0; i < m; i++) for (let r = 0; r < rows; r++) out[i * rows + r] = intercept[r];
  if (X instanceof SparseMatrix) {
    for (let i = 0; i < m; i++) {
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) {
        const j = X.indices[k];
        const v = X.data[k];
        for (let r = 0; r < rows; r++) out[i * rows + r] += v * coef[r * d + j];
      }
    }
    return out;
  }
  const x = X.data;
  for (let i = 0; i < m; i++) {
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i * d + j] * coef[r * d + j];
      out[i * rows + r] += s;
    }
  }
  return out;
}
