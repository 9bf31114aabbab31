/**
 * Differentiable activations: relu, leakyRelu, gelu (exact erf or tanh form), sigmoid,
 * tanh. Each is one forward loop and one backward loop over the typed arrays.
 */
import * as ew from '../../tensor/elementwise.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { erf } from './erf.js';
import { floatBuffer, floatDtype } from './grad-utils.js';

/**
 * `max(x, 0)`; the gradient at 0 is 0.
 * @example F.relu(Tensor.from([-1, 2])) // [0, 2]
 */
export function relu(x: Tensor): Tensor {
  const xs = x.data;
  const o = floatBuffer(floatDtype(x), x.size);
  // `v <= 0 ? 0 : v` is Math.max(v, 0) (NaN stays NaN, -0 becomes 0) without the call.
  for (let i = 0; i < o.length; i++) {
    const v = xs[i];
    // biome-ignore lint/complexity/useMathMinMax: measured faster than the Math.max call in this loop
    o[i] = v <= 0 ? 0 : v;
  }
  const out = new Tensor(o, x.shape);
  return record(out, 'relu', [x], (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    for (let i = 0; i < gx.length; i++) gx[i] = xs[i] > 0 ? gs[i] : 0;
    return [new Tensor(gx, x.shape)];
  });
}

/**
 * `x` for `x > 0`, else `negativeSlope * x` (default 0.01); the gradient at 0 is the slope.
 * @example F.leakyRelu(Tensor.from([-1, 2]), 0.2) // [-0.2, 2]
 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  const xs = x.data;
  const o = floatBuffer(floatDtype(x), x.size);
  for (let i = 0; i < o.length; i++) o[i] = xs[i] > 0 ? xs[i] : xs[i] * negativeSlope;
  const out = new Tensor(o, x.shape);
  return record(out, 'leakyRelu', [x], (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    for (let i = 0; i < gx.length; i++) gx[i] = xs[i] > 0 ? gs[i] : gs[i] * negativeSlope;
    return [new Tensor(gx, x.shape)];
  });
}

const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_2_OVER_PI = 0.7978845608028654;

/**
 * GELU: `approximate: 'none'` (default) is `0.5 x (1 + erf(x / sqrt 2))`; `'tanh'` is
 * `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))`.
 * @example F.gelu(Tensor.from([1])) // [0.8413447460685429]
 */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  const xs = x.data;
  const o = floatBuffer(floatDtype(x), x.size);
  if (approximate === 'tanh') {
    for (let i = 0; i < o.length; i++) {
      const v = xs[i];
      o[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));
    }
  } else {
    for (let i = 0; i < o.length; i++) o[i] = 0.5 * xs[i] * (1 + erf(xs[i] * INV_SQRT2));
  }
  const out = new Tensor(o, x.shape);
  return record(out, 'gelu', [x], (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    if (approximate === 'tanh') {
      for (let i = 0; i < gx.length; i++) {
        const v = xs[i];
        const t = Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v));
        const dt = (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v);
        gx[i] = gs[i] * (0.5 * (1 + t) + 0.5 * v * dt);
      }
    } else {
      for (let i = 0; i < gx.length; i++) {
        const v = xs[i];
        const cdf = 0.5 * (1 + erf(v * INV_SQRT2));
        gx[i] = gs[i] * (cdf + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v));
      }
    }
    return [new Tensor(gx, x.shape)];
  });
}

/**
 * Logistic sigmoid `1 / (1 + e^-x)`, overflow-safe.
 * @example F.sigmoid(Tensor.from([0])) // [0.5]
 */
export function sigmoid(x: Tensor): Tensor {
  const out = ew.sigmoid(x);
  return record(out, 'sigmoid', [x], (g) => {
    const s = out.data;
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    for (let i = 0; i < gx.length; i++) gx[i] = gs[i] * s[i] * (1 - s[i]);
    return [new Tensor(gx, x.shape)];
  });
}

/**
 * Hyperbolic tangent.
 * @example F.tanh(Tensor.from([0])) // [0]
 */
export function tanh(x: Tensor): Tensor {
  const out = ew.tanh(x);
  return record(out, 'tanh', [x], (g) => {
    const t = out.data;
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    for (let i = 0; i < gx.length; i++) gx[i] = gs[i] * (1 - t[i] * t[i]);
    return [new Tensor(gx, x.shape)];
  });
}
