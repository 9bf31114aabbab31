/**
 * Differentiable elementwise math: exp, log, sqrt, abs, square, clamp. Forwards are the
 * plain tensor ops; backwards are single typed-array loops.
 */
import * as ew from '../../tensor/elementwise.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { floatBuffer } from './grad-utils.js';

/**
 * `e^x`, differentiable.
 * @example F.exp(Tensor.from([0])) // [1]
 */
export function exp(x: Tensor): Tensor {
  const out = ew.exp(x);
  return record(out, 'exp', [x], (g) => [ew.mul(g, out)]);
}

/**
 * Natural log, differentiable.
 * @example F.log(Tensor.from([1])) // [0]
 */
export function log(x: Tensor): Tensor {
  return record(ew.log(x), 'log', [x], (g) => [ew.div(g, x)]);
}

/**
 * Square root, differentiable (`0.5 / sqrt(x)`).
 * @example F.sqrt(Tensor.from([4])) // [2]
 */
export function sqrt(x: Tensor): Tensor {
  const out = ew.sqrt(x);
  return record(out, 'sqrt', [x], (g) => [ew.div(ew.mul(g, 0.5), out)]);
}

/**
 * `x * x`, differentiable.
 * @example F.square(Tensor.from([3])) // [9]
 */
export function square(x: Tensor): Tensor {
  return record(ew.square(x), 'square', [x], (g) => [ew.mul(g, ew.mul(x, 2))]);
}

/**
 * `|x|`, differentiable; the gradient at 0 is 0 (PyTorch's `sign(0)`).
 * @example F.abs(Tensor.from([-2])) // [2]
 */
export function abs(x: Tensor): Tensor {
  return record(ew.abs(x), 'abs', [x], (g) => [ew.mul(g, ew.sign(x))]);
}

/**
 * Clamps into `[min, max]` (either may be `null`), differentiable; the gradient passes
 * where `min <= x <= max` (bounds inclusive, as in PyTorch).
 * @example F.clamp(x, 0, null)
 */
export function clamp(x: Tensor, min: number | null, max: number | null): Tensor {
  const out = ew.clip(x, min, max);
  return record(out, 'clamp', [x], (g) => {
    const lo = min ?? Number.NEGATIVE_INFINITY;
    const hi = max ?? Number.POSITIVE_INFINITY;
    const gx = floatBuffer(g.dtype, x.size);
    const xs = x.data;
    const gs = g.data;
    for (let i = 0; i < gx.length; i++) gx[i] = xs[i] >= lo && xs[i] <= hi ? gs[i] : 0;
    return [new Tensor(gx, x.shape)];
  });
}
