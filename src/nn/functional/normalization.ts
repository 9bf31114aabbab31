/**
 * Differentiable batch and layer normalisation, each a fused forward and a closed-form
 * backward through the batch statistics.
 */
import { ShapeError } from '../../tensor/errors.js';
import { formatShape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { floatBuffer, floatDtype } from './grad-utils.js';

/** Options of {@link batchNorm}. */
export interface BatchNormOptions {
  /** Per-channel scale, or `null`. */
  weight?: Tensor | null;
  /** Per-channel shift, or `null`. */
  bias?: Tensor | null;
  /** Use batch statistics and update the running ones (train) or use the running ones (eval). Default `false`. */
  training?: boolean;
  /** Running-average factor. Default 0.1. */
  momentum?: number;
  /** Added to the variance. Default 1e-5. */
  eps?: number;
  /** Layer name for errors. Default `'batchNorm'`. */
  layer?: string;
}

/**
 * Batch normalisation over channel axis 1 of `(N, C)`, `(N, C, L)` or `(N, C, H, W)`.
 * Training normalises with the biased batch variance and updates `runningMean`/`runningVar`
 * in place (the latter with the unbiased variance).
 * @example F.batchNorm(x, bn.runningMean, bn.runningVar, { weight: bn.weight, bias: bn.bias, training: true })
 */
export function batchNorm(
  x: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  options: BatchNormOptions = {},
): Tensor {
  const layer = options.layer ?? 'batchNorm';
  const training = options.training ?? false;
  const eps = options.eps ?? 1e-5;
  const momentum = options.momentum ?? 0.1;
  const weight = options.weight ?? null;
  const bias = options.bias ?? null;
  if (x.ndim < 2)
    throw new ShapeError(`${layer}: expected input with a channel axis (N, C, ...), got ${formatShape(x.shape)}`);
  const N = x.shape[0];
  const C = x.shape[1];
  if (weight !== null && weight.size !== C) {
    throw new ShapeError(
      `${layer}: input of shape ${formatShape(x.shape)} has ${C} channels but the layer has ${weight.size}`,
    );
  }
  const L = x.size / (N * C);
  const M = N * L;
  if (training && M <= 1)
    throw new ShapeError(
      `${layer}: expected more than 1 value per channel when training, got input ${formatShape(x.shape)}`,
    );
  const xs = x.data;
  const mean = new Float64Array(C);
  const invstd = new Float64Array(C);
  if (training) {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let n = 0; n < N; n++) for (let l = 0, b = (n * C + c) * L; l < L; l++) s += xs[b + l];
      const m = s / M;
      let v = 0;
      for (let n = 0; n < N; n++) {
        for (let l = 0, b = (n * C + c) * L; l < L; l++) {
          const d = xs[b + l] - m;
          v += d * d;
        }
      }
      mean[c] = m;
      invstd[c] = 1 / Math.sqrt(v / M + eps);
      if (runningMean !== null) runningMean.data[c] = (1 - momentum) * runningMean.data[c] + momentum * m;
      if (runningVar !== null) runningVar.data[c] = (1 - momentum) * runningVar.data[c] + (momentum * v) / (M - 1);
    }
  } else {
    if (runningMean === null || runningVar === null) throw new Error(`${layer}: evaluation needs running statistics`);
    for (let c = 0; c < C; c++) {
      mean[c] = runningMean.data[c];
      invstd[c] = 1 / Math.sqrt(runningVar.data[c] + eps);
    }
  }
  const o = floatBuffer(floatDtype(x), x.size);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const w = weight === null ? 1 : weight.data[c];
      const bb = bias === null ? 0 : bias.data[c];
      const b = (n * C + c) * L;
      for (let l = 0; l < L; l++) o[b + l] = (xs[b + l] - mean[c]) * invstd[c] * w + bb;
    }
  }
  const out = new Tensor(o, x.shape);
  const inputs = [x];
  if (weight !== null) inputs.push(weight);
  if (bias !== null) inputs.push(bias);
  return record(out, layer, inputs, (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    const gw = floatBuffer(g.dtype, C);
    const gb = floatBuffer(g.dtype, C);
    for (let c = 0; c < C; c++) {
      let sg = 0;
      let sgx = 0;
      for (let n = 0; n < N; n++) {
        for (let l = 0, b = (n * C + c) * L; l < L; l++) {
          sg += gs[b + l];
          sgx += gs[b + l] * (xs[b + l] - mean[c]) * invstd[c];
        }
      }
      gb[c] = sg;
      gw[c] = sgx;
      const w = weight === null ? 1 : weight.data[c];
      const is = invstd[c];
      for (let n = 0; n < N; n++) {
        for (let l = 0, b = (n * C + c) * L; l < L; l++) {
          if (training) {
            const xhat = (xs[b + l] - mean[c]) * is;
            gx[b + l] = ((w * is) / M) * (M * gs[b + l] - sg - xhat * sgx);
          } else gx[b + l] = gs[b + l] * w * is;
        }
      }
    }
    const grads: (Tensor | null)[] = [new Tensor(gx, x.shape)];
    if (weight !== null) grads.push(new Tensor(gw, weight.shape));
    if (bias !== null) grads.push(new Tensor(gb, bias.shape));
    return grads;
  });
}

/**
 * Layer normalisation over the last `normalizedShape.length` dims (biased variance, `eps`
 * default 1e-5 inside the sqrt), then elementwise `weight`/`bias` (either may be `null`).
 * @example F.layerNorm(x, [64], ln.weight, ln.bias)
 */
export function layerNorm(
  x: Tensor,
  normalizedShape: readonly number[],
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): Tensor {
  const k = normalizedShape.length;
  const tail = x.shape.slice(x.ndim - k);
  if (x.ndim < k || tail.some((d, i) => d !== normalizedShape[i])) {
    throw new ShapeError(
      `layerNorm: input of shape ${formatShape(x.shape)} does not end with normalized shape ${formatShape(normalizedShape)}`,
    );
  }
  const D = normalizedShape.reduce((a, b) => a * b, 1);
  const R = x.size / D;
  const xs = x.data;
  const xhat = new Float64Array(x.size);
  const invstd = new Float64Array(R);
  const o = floatBuffer(floatDtype(x), x.size);
  for (let r = 0; r < R; r++) {
    const b = r * D;
    let s = 0;
    for (let i = 0; i < D; i++) s += xs[b + i];
    const m = s / D;
    let v = 0;
    for (let i = 0; i < D; i++) v += (xs[b + i] - m) * (xs[b + i] - m);
    const is = 1 / Math.sqrt(v / D + eps);
    invstd[r] = is;
    for (let i = 0; i < D; i++) {
      const h = (xs[b + i] - m) * is;
      xhat[b + i] = h;
      o[b + i] = h * (weight === null ? 1 : weight.data[i]) + (bias === null ? 0 : bias.data[i]);
    }
  }
  const out = new Tensor(o, x.shape);
  const inputs = [x];
  if (weight !== null) inputs.push(weight);
  if (bias !== null) inputs.push(bias);
  return record(out, 'layerNorm', inputs, (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    const gw = floatBuffer(g.dtype, D);
    const gb = floatBuffer(g.dtype, D);
    for (let r = 0; r < R; r++) {
      const b = r * D;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < D; i++) {
        const gh = gs[b + i] * (weight === null ? 1 : weight.data[i]);
        s1 += gh;
        s2 += gh * xhat[b + i];
        gw[i] += gs[b + i] * xhat[b + i];
        gb[i] += gs[b + i];
      }
      const is = invstd[r];
      for (let i = 0; i < D; i++) {
        const gh = gs[b + i] * (weight === null ? 1 : weight.data[i]);
        gx[b + i] = (is / D) * (D * gh - s1 - xhat[b + i] * s2);
      }
    }
    const grads: (Tensor | null)[] = [new Tensor(gx, x.shape)];
    if (weight !== null) grads.push(new Tensor(gw, weight.shape));
    if (bias !== null) grads.push(new Tensor(gb, bias.shape));
    return grads;
  });
}
