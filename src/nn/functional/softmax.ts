/**
 * Differentiable softmax and log-softmax along one axis. Both subtract the maximum along
 * the axis first, so logits of |150| stay finite in float32; `logSoftmax` is computed as
 * `x - max - log(sum(exp(x - max)))`, never as `log(softmax)`.
 */
import { normalizeAxis } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { floatBuffer, floatDtype } from './grad-utils.js';

/** Splits the shape around `axis` into `[outer, n, inner]`. */
export function splitAround(shape: readonly number[], axis: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  return [outer, shape[axis], inner];
}

/** Writes log-softmax of `x` along the middle of `[outer, n, inner]` into `out`. */
export function logSoftmaxKernel(
  x: ArrayLike<number>,
  out: Float32Array | Float64Array,
  outer: number,
  n: number,
  inner: number,
): void {
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    for (let j = 0; j < inner; j++) {
      let mx = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < n; c++) {
        const v = x[base + c * inner + j];
        if (v > mx) mx = v;
      }
      let s = 0;
      for (let c = 0; c < n; c++) s += Math.exp(x[base + c * inner + j] - mx);
      const lse = mx + Math.log(s);
      for (let c = 0; c < n; c++) out[base + c * inner + j] = x[base + c * inner + j] - lse;
    }
  }
}

/**
 * Softmax along `axis` (default -1): `exp(x - max) / sum(exp(x - max))`.
 * @example F.softmax(Tensor.from([[1, 2, 3]]), 1)
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  const ax = normalizeAxis(axis, x.ndim);
  const [outer, n, inner] = splitAround(x.shape, ax);
  const o = floatBuffer(floatDtype(x), x.size);
  logSoftmaxKernel(x.data, o, outer, n, inner);
  for (let i = 0; i < o.length; i++) o[i] = Math.exp(o[i]);
  const out = new Tensor(o, x.shape);
  return record(out, 'softmax', [x], (g) => {
    // dx = y * (g - sum(g * y)) along the axis
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    for (let a = 0; a < outer; a++) {
      const base = a * n * inner;
      for (let j = 0; j < inner; j++) {
        let dot = 0;
        for (let c = 0; c < n; c++) dot += gs[base + c * inner + j] * o[base + c * inner + j];
        for (let c = 0; c < n; c++) {
          const i = base + c * inner + j;
          gx[i] = o[i] * (gs[i] - dot);
        }
      }
    }
    return [new Tensor(gx, x.shape)];
  });
}

/**
 * Log-softmax along `axis` (default -1), computed stably.
 * @example F.logSoftmax(logits, 1)
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const ax = normalizeAxis(axis, x.ndim);
  const [outer, n, inner] = splitAround(x.shape, ax);
  const o = floatBuffer(floatDtype(x), x.size);
  logSoftmaxKernel(x.data, o, outer, n, inner);
  const out = new Tensor(o, x.shape);
  return record(out, 'logSoftmax', [x], (g) => {
    // dx = g - softmax * sum(g) along the axis
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    for (let a = 0; a < outer; a++) {
      const base = a * n * inner;
      for (let j = 0; j < inner; j++) {
        let s = 0;
        for (let c = 0; c < n; c++) s += gs[base + c * inner + j];
        for (let c = 0; c < n; c++) {
          const i = base + c * inner + j;
          gx[i] = gs[i] - Math.exp(o[i]) * s;
        }
      }
    }
    return [new Tensor(gx, x.shape)];
  });
}
