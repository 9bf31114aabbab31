/**
 * Differentiable matrix products: `matmul` (numpy semantics, batched with broadcasting)
 * and `linear` (`x W^T + b`). Every product, forward and backward, is one `gemm` call per
 * matrix with transpose flags, never a materialised transpose; the gradient of a
 * broadcast batch operand accumulates straight into its buffer (`beta = 1`).
 */
import { ShapeError } from '../../tensor/errors.js';
import { type FloatArray, gemm } from '../../tensor/kernels/gemm.js';
import { broadcastShapes, broadcastStrides, formatShape, shapeSize } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { floatBuffer } from './grad-utils.js';

function dataAs(x: Tensor, dtype: 'float32' | 'float64'): FloatArray {
  if (x.dtype === dtype) return x.data as FloatArray;
  return (dtype === 'float32' ? Float32Array.from(x.data) : Float64Array.from(x.data)) as FloatArray;
}

/** Batch offsets (in matrices) of each operand for every output batch index. */
function batchOffsets(batch: readonly number[], sub: readonly number[]): Int32Array {
  const n = shapeSize(batch);
  const st = broadcastStrides(sub, batch);
  const out = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    let rem = t;
    let off = 0;
    for (let d = batch.length - 1; d >= 0; d--) {
      const i = rem % batch[d];
      rem = (rem - i) / batch[d];
      off += i * st[d];
    }
    out[t] = off;
  }
  return out;
}

/**
 * Matrix product with numpy/PyTorch `matmul` semantics (1-D operands are promoted and the
 * added dimension dropped; leading batch dims broadcast). Mismatched inner dimensions are
 * a ShapeError showing both shapes.
 * @example F.matmul(a, b) // (2, 3, 4) @ (4, 5) -> (2, 3, 5)
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(
      `matmul: operands need at least 1 dimension, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const aShape = a.ndim === 1 ? [1, a.shape[0]] : a.shape;
  const bShape = b.ndim === 1 ? [b.shape[0], 1] : b.shape;
  const m = aShape[aShape.length - 2];
  const k = aShape[aShape.length - 1];
  const n = bShape[bShape.length - 1];
  if (k !== bShape[bShape.length - 2]) {
    throw new ShapeError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned (${k} != ${bShape[bShape.length - 2]})`,
    );
  }
  const batchA = aShape.slice(0, -2);
  const batchB = bShape.slice(0, -2);
  const batch = broadcastShapes(batchA, batchB);
  const dtype = a.dtype === 'float32' && b.dtype === 'float32' ? 'float32' : 'float64';
  const A = dataAs(a, dtype);
  const B = dataAs(b, dtype);
  const nb = shapeSize(batch);
  const offA = batchOffsets(batch, batchA);
  const offB = batchOffsets(batch, batchB);
  const mk = m * k;
  const kn = k * n;
  const mn = m * n;
  const C = floatBuffer(dtype, nb * mn);
  for (let t = 0; t < nb; t++) {
    gemm(false, false, m, n, k, 1, A.subarray(offA[t] * mk), k, B.subarray(offB[t] * kn), n, 0, C.subarray(t * mn), n);
  }
  const outShape = [...batch];
  if (a.ndim > 1) outShape.push(m);
  if (b.ndim > 1) outShape.push(n);
  const out = new Tensor(C, outShape);
  return record(out, 'matmul', [a, b], (g) => {
    const G = dataAs(g, dtype);
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (a.requiresGrad) {
      const GA = floatBuffer(dtype, a.size);
      // dA = G @ B^T, summed over the batch entries that share one A matrix.
      for (let t = 0; t < nb; t++) {
        gemm(
          false,
          true,
          m,
          k,
          n,
          1,
          G.subarray(t * mn),
          n,
          B.subarray(offB[t] * kn),
          n,
          1,
          GA.subarray(offA[t] * mk),
          k,
        );
      }
      ga = new Tensor(GA, a.shape);
    }
    if (b.requiresGrad) {
      const GB = floatBuffer(dtype, b.size);
      // dB = A^T @ G
      for (let t = 0; t < nb; t++) {
        gemm(
          true,
          false,
          k,
          n,
          m,
          1,
          A.subarray(offA[t] * mk),
          k,
          G.subarray(t * mn),
          n,
          1,
          GB.subarray(offB[t] * kn),
          n,
        );
      }
      gb = new Tensor(GB, b.shape);
    }
    return [ga, gb];
  });
}

/**
 * Affine map `y = x W^T + b` over the last dim of `x` (any number of leading dims),
 * `weight` `(out, in)`, `bias` `(out)` or `null`. A shape mismatch names both shapes and
 * `layer` (default `'linear'`).
 * @example F.linear(x, fc.weight, fc.bias)
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null, layer = 'linear'): Tensor {
  const [nOut, nIn] = weight.shape;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== nIn) {
    throw new ShapeError(
      `${layer}: input of shape ${formatShape(x.shape)} does not match weight of shape ${formatShape(weight.shape)} (expected last dimension ${nIn})`,
    );
  }
  const dtype = x.dtype === 'float32' && weight.dtype === 'float32' ? 'float32' : 'float64';
  const rows = x.size / nIn;
  const X = dataAs(x, dtype);
  const W = dataAs(weight, dtype);
  const Y = floatBuffer(dtype, rows * nOut);
  if (bias !== null) {
    const bs = bias.data;
    for (let r = 0; r < rows; r++) for (let j = 0; j < nOut; j++) Y[r * nOut + j] = bs[j];
  }
  gemm(false, true, rows, nOut, nIn, 1, X, nIn, W, nIn, bias === null ? 0 : 1, Y, nOut);
  const out = new Tensor(Y, [...x.shape.slice(0, -1), nOut]);
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  return record(out, layer, inputs, (g) => {
    const G = dataAs(g, dtype);
    let gx: Tensor | null = null;
    if (x.requiresGrad) {
      const GX = floatBuffer(dtype, x.size);
      gemm(false, false, rows, nIn, nOut, 1, G, nOut, W, nIn, 0, GX, nIn);
      gx = new Tensor(GX, x.shape);
    }
    let gw: Tensor | null = null;
    if (weight.requiresGrad) {
      const GW = floatBuffer(dtype, weight.size);
      gemm(true, false, nOut, nIn, rows, 1, G, nOut, X, nIn, 0, GW, nIn);
      gw = new Tensor(GW, weight.shape);
    }
    const grads: (Tensor | null)[] = [gx, gw];
    if (bias !== null) {
      const GB = floatBuffer(dtype, nOut);
      for (let r = 0; r < rows; r++) for (let j = 0; j < nOut; j++) GB[j] += G[r * nOut + j];
      grads.push(new Tensor(GB, bias.shape));
    }
    return grads;
  });
}
