/**
 * Differentiable reductions: sum, mean, var, and max (over everything, or along one axis
 * with its int32 indices). The gradient of a reduction is the upstream expanded back over
 * the reduced axes.
 */

import * as ew from '../../tensor/elementwise.js';
import { DTypeError } from '../../tensor/errors.js';
import * as red from '../../tensor/reduce.js';
import { normalizeAxis } from '../../tensor/shape.js';
import { type ReduceOptions, Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { broadcastTo, floatBuffer, floatDtype, keepdimsShape, resolveAxes } from './grad-utils.js';
import { splitAround } from './softmax.js';

function expandGrad(g: Tensor, x: Tensor, axes: readonly number[]): Tensor {
  return broadcastTo(g.reshape(keepdimsShape(x.shape, axes)), x.shape);
}

function reducedCount(x: Tensor, axes: readonly number[]): number {
  let n = 1;
  for (const a of axes) n *= x.shape[a];
  return n;
}

/**
 * Sum over `axis` (default all), `keepdims` default false.
 * @example F.sum(x, { axis: 1, keepdims: true })
 */
export function sum(x: Tensor, options: ReduceOptions = {}): Tensor {
  const axes = resolveAxes(options.axis, x.ndim, 'sum');
  const out = red.sum(x, { axis: axes, keepdims: options.keepdims ?? false });
  return record(out, 'sum', [x], (g) => [expandGrad(g, x, axes)]);
}

/**
 * Mean over `axis` (default all), `keepdims` default false.
 * @example F.mean(F.square(F.sub(pred, y)))
 */
export function mean(x: Tensor, options: ReduceOptions = {}): Tensor {
  const axes = resolveAxes(options.axis, x.ndim, 'mean');
  const out = red.mean(x, { axis: axes, keepdims: options.keepdims ?? false });
  const n = reducedCount(x, axes);
  return record(out, 'mean', [x], (g) => [ew.div(expandGrad(g, x, axes), n)]);
}

/** Options of {@link variance}. */
export interface VarOptions extends ReduceOptions {
  /** Divide by `n - 1` (PyTorch's default, `true`) or by `n`. */
  unbiased?: boolean;
}

/**
 * Variance over `axis` (default all); unbiased (`n - 1`) unless `unbiased: false`.
 * @example F.variance(x, { axis: 1, unbiased: false })
 */
export function variance(x: Tensor, options: VarOptions = {}): Tensor {
  const axes = resolveAxes(options.axis, x.ndim, 'var');
  const n = reducedCount(x, axes);
  const ddof = options.unbiased === false ? 0 : 1;
  const out = red.variance(x, { axis: axes, keepdims: options.keepdims ?? false, ddof });
  return record(out, 'var', [x], (g) => {
    const m = red.mean(x, { axis: axes, keepdims: true });
    const centred = ew.sub(x, m);
    return [ew.mul(expandGrad(g, x, axes), ew.mul(centred, 2 / (n - ddof)))];
  });
}

/** Values and int32 indices of a max along one axis. */
export interface MaxResult {
  values: Tensor;
  indices: Tensor;
}

/**
 * The maximum of all elements (a 0-d tensor; on ties the gradient is split evenly), or
 * with `axis`, values and indices along it (first occurrence on ties; the gradient goes
 * to the returned index only).
 * @example F.max(x, 1).indices
 */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, axis: number, keepdims?: boolean): MaxResult;
export function max(x: Tensor, axis?: number, keepdims = false): Tensor | MaxResult {
  if (x.dtype === 'bool') throw new DTypeError('max: bool tensors are not differentiable');
  if (axis === undefined) {
    const out = red.max(x);
    return record(out, 'max', [x], (g) => {
      const m = out.data[0];
      const xs = x.data;
      let ties = 0;
      for (let i = 0; i < xs.length; i++) if (xs[i] === m) ties++;
      const gx = floatBuffer(g.dtype, x.size);
      const v = g.data[0] / ties;
      for (let i = 0; i < xs.length; i++) if (xs[i] === m) gx[i] = v;
      return [new Tensor(gx, x.shape)];
    });
  }
  const ax = normalizeAxis(axis, x.ndim);
  const [outer, n, inner] = splitAround(x.shape, ax);
  const xs = x.data;
  const vals = floatBuffer(floatDtype(x), outer * inner);
  const idx = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * n * inner + j;
      let best = xs[base];
      let bi = 0;
      for (let c = 1; c < n; c++) {
        const v = xs[base + c * inner];
        if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
          best = v;
          bi = c;
        }
      }
      vals[o * inner + j] = best;
      idx[o * inner + j] = bi;
    }
  }
  const shape = keepdims ? keepdimsShape(x.shape, [ax]) : x.shape.filter((_, i) => i !== ax);
  const values = new Tensor(vals, shape);
  record(values, 'max', [x], (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < inner; j++) gx[o * n * inner + idx[o * inner + j] * inner + j] += gs[o * inner + j];
    }
    return [new Tensor(gx, x.shape)];
  });
  return { values, indices: new Tensor(idx, shape) };
}
