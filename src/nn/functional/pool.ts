/**
 * Differentiable 2-D pooling over NCHW input: max (gradient to each window's arg-max,
 * accumulating where windows overlap), average (`countIncludePad` choice) and adaptive
 * average. Floor mode: incomplete windows at the end are dropped.
 */
import { ShapeError } from '../../tensor/errors.js';
import { formatShape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { type Pair, pair } from './conv.js';
import { floatBuffer, floatDtype } from './grad-utils.js';

/** Options of {@link maxPool2d} and {@link avgPool2d}. */
export interface Pool2dOptions {
  /** Default: the kernel size. */
  stride?: Pair;
  /** Implicit padding on each side (`-inf` for max, zeros for average). Default 0. */
  padding?: Pair;
  /** Average pooling: divide by the full window including padding. Default `true`. */
  countIncludePad?: boolean;
}

function geometry(x: Tensor, kernel: Pair, options: Pool2dOptions, op: string) {
  if (x.ndim !== 4) throw new ShapeError(`${op}: expected a 4-D (N, C, H, W) input, got ${formatShape(x.shape)}`);
  const [N, C, H, W] = x.shape;
  const [kh, kw] = pair(kernel);
  const [sh, sw] = pair(options.stride ?? kernel);
  const [ph, pw] = pair(options.padding ?? 0);
  if (ph > kh / 2 || pw > kw / 2) throw new RangeError(`${op}: padding must be at most half the kernel size`);
  const Ho = Math.floor((H + 2 * ph - kh) / sh) + 1;
  const Wo = Math.floor((W + 2 * pw - kw) / sw) + 1;
  if (Ho <= 0 || Wo <= 0) {
    throw new ShapeError(`${op}: input of shape ${formatShape(x.shape)} is smaller than the ${kh}x${kw} window`);
  }
  return { N, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo };
}

/**
 * Max pooling with a `kernel` window (stride defaults to the kernel).
 * @example F.maxPool2d(x, 2).shape // (N, C, H/2, W/2)
 */
export function maxPool2d(x: Tensor, kernel: Pair, options: Pool2dOptions = {}): Tensor {
  const { N, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo } = geometry(x, kernel, options, 'maxPool2d');
  const xs = x.data;
  const o = floatBuffer(floatDtype(x), N * C * Ho * Wo);
  const arg = new Int32Array(o.length);
  let q = 0;
  for (let p = 0; p < N * C; p++) {
    const base = p * H * W;
    for (let i = 0; i < Ho; i++) {
      const y0 = i * sh - ph;
      for (let j = 0; j < Wo; j++) {
        const x0 = j * sw - pw;
        let best = Number.NEGATIVE_INFINITY;
        let bi = -1;
        for (let u = 0; u < kh; u++) {
          const y = y0 + u;
          if (y < 0 || y >= H) continue;
          for (let v = 0; v < kw; v++) {
            const xx = x0 + v;
            if (xx < 0 || xx >= W) continue;
            const val = xs[base + y * W + xx];
            if (val > best || bi < 0 || Number.isNaN(val)) {
              best = val;
              bi = base + y * W + xx;
            }
          }
        }
        o[q] = best;
        arg[q++] = bi;
      }
    }
  }
  const out = new Tensor(o, [N, C, Ho, Wo]);
  return record(out, 'maxPool2d', [x], (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    for (let i = 0; i < gs.length; i++) gx[arg[i]] += gs[i];
    return [new Tensor(gx, x.shape)];
  });
}

/**
 * Average pooling with a `kernel` window; `countIncludePad` (default true) divides by the
 * whole window, padding included.
 * @example F.avgPool2d(x, 3, { stride: 2, padding: 1 })
 */
export function avgPool2d(x: Tensor, kernel: Pair, options: Pool2dOptions = {}): Tensor {
  const { N, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo } = geometry(x, kernel, options, 'avgPool2d');
  const include = options.countIncludePad ?? true;
  const xs = x.data;
  const o = floatBuffer(floatDtype(x), N * C * Ho * Wo);
  const divisor = new Float64Array(Ho * Wo);
  for (let i = 0; i < Ho; i++) {
    for (let j = 0; j < Wo; j++) {
      const y0 = i * sh - ph;
      const x0 = j * sw - pw;
      const hIn = Math.min(y0 + kh, H) - Math.max(y0, 0);
      const wIn = Math.min(x0 + kw, W) - Math.max(x0, 0);
      // With padding counted, a window still stops at the padded edge (H + pH).
      const hPad = Math.min(y0 + kh, H + ph) - y0;
      const wPad = Math.min(x0 + kw, W + pw) - x0;
      divisor[i * Wo + j] = include ? hPad * wPad : hIn * wIn;
    }
  }
  let q = 0;
  for (let p = 0; p < N * C; p++) {
    const base = p * H * W;
    for (let i = 0; i < Ho; i++) {
      for (let j = 0; j < Wo; j++) {
        const y0 = i * sh - ph;
        const x0 = j * sw - pw;
        let s = 0;
        for (let y = Math.max(y0, 0); y < Math.min(y0 + kh, H); y++) {
          for (let xx = Math.max(x0, 0); xx < Math.min(x0 + kw, W); xx++) s += xs[base + y * W + xx];
        }
        o[q++] = s / divisor[i * Wo + j];
      }
    }
  }
  const out = new Tensor(o, [N, C, Ho, Wo]);
  return record(out, 'avgPool2d', [x], (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    let r = 0;
    for (let p = 0; p < N * C; p++) {
      const base = p * H * W;
      for (let i = 0; i < Ho; i++) {
        for (let j = 0; j < Wo; j++) {
          const y0 = i * sh - ph;
          const x0 = j * sw - pw;
          const v = gs[r++] / divisor[i * Wo + j];
          for (let y = Math.max(y0, 0); y < Math.min(y0 + kh, H); y++) {
            for (let xx = Math.max(x0, 0); xx < Math.min(x0 + kw, W); xx++) gx[base + y * W + xx] += v;
          }
        }
      }
    }
    return [new Tensor(gx, x.shape)];
  });
}

/**
 * Adaptive average pooling to `outputSize` (`[h, w]` or one number): output cell `i`
 * averages rows `floor(i H / h)` to `ceil((i + 1) H / h)`.
 * @example F.adaptiveAvgPool2d(features, 1).shape // (N, C, 1, 1)
 */
export function adaptiveAvgPool2d(x: Tensor, outputSize: Pair): Tensor {
  if (x.ndim !== 4) {
    throw new ShapeError(`adaptiveAvgPool2d: expected a 4-D (N, C, H, W) input, got ${formatShape(x.shape)}`);
  }
  const [N, C, H, W] = x.shape;
  const [Ho, Wo] = pair(outputSize);
  const ys = Int32Array.from({ length: Ho + 1 }, (_, i) => (i === Ho ? 0 : Math.floor((i * H) / Ho)));
  const ye = Int32Array.from({ length: Ho }, (_, i) => Math.ceil(((i + 1) * H) / Ho));
  const xs0 = Int32Array.from({ length: Wo }, (_, j) => Math.floor((j * W) / Wo));
  const xe = Int32Array.from({ length: Wo }, (_, j) => Math.ceil(((j + 1) * W) / Wo));
  const xd = x.data;
  const o = floatBuffer(floatDtype(x), N * C * Ho * Wo);
  let q = 0;
  for (let p = 0; p < N * C; p++) {
    const base = p * H * W;
    for (let i = 0; i < Ho; i++) {
      for (let j = 0; j < Wo; j++) {
        let s = 0;
        for (let y = ys[i]; y < ye[i]; y++) for (let xx = xs0[j]; xx < xe[j]; xx++) s += xd[base + y * W + xx];
        o[q++] = s / ((ye[i] - ys[i]) * (xe[j] - xs0[j]));
      }
    }
  }
  const out = new Tensor(o, [N, C, Ho, Wo]);
  return record(out, 'adaptiveAvgPool2d', [x], (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    let r = 0;
    for (let p = 0; p < N * C; p++) {
      const base = p * H * W;
      for (let i = 0; i < Ho; i++) {
        for (let j = 0; j < Wo; j++) {
          const v = gs[r++] / ((ye[i] - ys[i]) * (xe[j] - xs0[j]));
          for (let y = ys[i]; y < ye[i]; y++) for (let xx = xs0[j]; xx < xe[j]; xx++) gx[base + y * W + xx] += v;
        }
      }
    }
    return [new Tensor(gx, x.shape)];
  });
}
