/**
 * Differentiable 2-D convolution (cross-correlation, NCHW) with stride, zero padding,
 * dilation and groups, as im2col + GEMM: a chunk of images is unfolded into a
 * `(C/groups * kH * kW) x (images * H_out * W_out)` matrix so each group is one large
 * GEMM. The backward recomputes the unfolding instead of keeping it, so memory stays at
 * one chunk.
 */
import { ShapeError } from '../../tensor/errors.js';
import { type FloatArray, gemm } from '../../tensor/kernels/gemm.js';
import { formatShape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { floatBuffer } from './grad-utils.js';
import { chunkSize, col2im, type Geom, im2col } from './im2col.js';
import { scratchBuffer } from './scratch.js';

/** A size given for both spatial dims (`3`) or as `[h, w]`. */
export type Pair = number | readonly [number, number];

/** Options of {@link conv2d}. */
export interface Conv2dOptions {
  /** Default 1. */
  stride?: Pair;
  /** Zero padding on each side. Default 0. */
  padding?: Pair;
  /** Spacing between kernel taps. Default 1. */
  dilation?: Pair;
  /** Channel groups; in and out channels must divide by it. Default 1. */
  groups?: number;
  /** Layer name for error messages. Default `'conv2d'`. */
  layer?: string;
}

/** `[h, w]` from a {@link Pair}. */
export function pair(v: Pair): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

/**
 * 2-D cross-correlation: input `(N, C, H, W)`, weight `(O, C/groups, kH, kW)`, bias `(O)`
 * or `null`; output `(N, O, H_out, W_out)` with
 * `H_out = floor((H + 2 pH - dH (kH - 1) - 1) / sH) + 1`.
 * @example F.conv2d(images, conv.weight, conv.bias, { padding: 1 })
 */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: Conv2dOptions = {}): Tensor {
  const layer = options.layer ?? 'conv2d';
  const groups = options.groups ?? 1;
  if (x.ndim !== 4 || weight.ndim !== 4) {
    throw new ShapeError(
      `${layer}: expected a 4-D (N, C, H, W) input and 4-D weight, got input ${formatShape(x.shape)} and weight ${formatShape(weight.shape)}`,
    );
  }
  const [N, C, H, W] = x.shape;
  const [O, Cg, kh, kw] = weight.shape;
  if (C !== Cg * groups || O % groups !== 0) {
    throw new ShapeError(
      `${layer}: input of shape ${formatShape(x.shape)} does not match weight of shape ${formatShape(weight.shape)} with groups=${groups} (expected ${Cg * groups} input channels)`,
    );
  }
  const [sh, sw] = pair(options.stride ?? 1);
  const [ph, pw] = pair(options.padding ?? 0);
  const [dh, dw] = pair(options.dilation ?? 1);
  const Ho = Math.floor((H + 2 * ph - dh * (kh - 1) - 1) / sh) + 1;
  const Wo = Math.floor((W + 2 * pw - dw * (kw - 1) - 1) / sw) + 1;
  if (Ho <= 0 || Wo <= 0) {
    throw new ShapeError(
      `${layer}: input of shape ${formatShape(x.shape)} is too small for a ${kh}x${kw} kernel (output would be ${Ho}x${Wo})`,
    );
  }
  const geom: Geom = { C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo };
  const dtype = x.dtype === 'float32' && weight.dtype === 'float32' ? 'float32' : 'float64';
  const X = (x.dtype === dtype ? x.data : floatBuffer(dtype, x.size).fill(0)) as FloatArray;
  if (x.dtype !== dtype) X.set(x.data);
  const Wt = (weight.dtype === dtype ? weight.data : Float64Array.from(weight.data)) as FloatArray;
  const Og = O / groups;
  const K = Cg * kh * kw;
  const hw = Ho * Wo;
  const chunk = chunkSize(N, K, hw, Og);
  const Y = floatBuffer(dtype, N * O * hw);
  // Temporaries live in reused scratch (slots 0, 1): fresh multi-MB buffers per call cost more than the math.
  const cols = scratchBuffer(0, dtype, K * chunk * hw);
  const tmp = scratchBuffer(1, dtype, Og * chunk * hw);
  const bs = bias === null ? null : bias.data;
  for (let n0 = 0; n0 < N; n0 += chunk) {
    const nImg = Math.min(chunk, N - n0);
    const ld = nImg * hw;
    for (let gi = 0; gi < groups; gi++) {
      im2col(X, geom, n0, nImg, gi * Cg, Cg, cols);
      gemm(false, false, Og, ld, K, 1, Wt.subarray(gi * Og * K), K, cols, ld, 0, tmp, ld);
      // tmp is (Og, nImg, hw); the output wants (nImg, O, hw).
      for (let o = 0; o < Og; o++) {
        const b = bs === null ? 0 : bs[gi * Og + o];
        for (let im = 0; im < nImg; im++) {
          const s = o * ld + im * hw;
          const d = ((n0 + im) * O + gi * Og + o) * hw;
          for (let p = 0; p < hw; p++) Y[d + p] = tmp[s + p] + b;
        }
      }
    }
  }
  const out = new Tensor(Y, [N, O, Ho, Wo]);
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  return record(out, layer, inputs, (g) => {
    const G = (g.dtype === dtype ? g.data : Float64Array.from(g.data)) as FloatArray;
    const GX = x.requiresGrad ? floatBuffer(dtype, x.size) : null;
    const GW = weight.requiresGrad ? floatBuffer(dtype, weight.size) : null;
    const cols = scratchBuffer(0, dtype, K * chunk * hw);
    const tmp = scratchBuffer(1, dtype, Og * chunk * hw);
    const dcols = GX === null ? null : scratchBuffer(2, dtype, K * chunk * hw);
    for (let n0 = 0; n0 < N; n0 += chunk) {
      const nImg = Math.min(chunk, N - n0);
      const ld = nImg * hw;
      for (let gi = 0; gi < groups; gi++) {
        for (let o = 0; o < Og; o++) {
          for (let im = 0; im < nImg; im++) {
            const s = ((n0 + im) * O + gi * Og + o) * hw;
            tmp.set(G.subarray(s, s + hw), o * ld + im * hw);
          }
        }
        if (GW !== null) {
          im2col(X, geom, n0, nImg, gi * Cg, Cg, cols);
          gemm(false, true, Og, K, ld, 1, tmp, ld, cols, ld, 1, GW.subarray(gi * Og * K), K);
        }
        if (GX !== null && dcols !== null) {
          gemm(true, false, K, ld, Og, 1, Wt.subarray(gi * Og * K), K, tmp, ld, 0, dcols, ld);
          col2im(dcols, geom, n0, nImg, gi * Cg, Cg, GX);
        }
      }
    }
    const grads: (Tensor | null)[] = [
      GX === null ? null : new Tensor(GX, x.shape),
      GW === null ? null : new Tensor(GW, weight.shape),
    ];
    if (bias !== null) {
      const GB = floatBuffer(dtype, O);
      for (let n = 0; n < N; n++) {
        for (let o = 0; o < O; o++) {
          let s = 0;
          const base = (n * O + o) * hw;
          for (let p = 0; p < hw; p++) s += G[base + p];
          GB[o] += s;
        }
      }
      grads.push(new Tensor(GB, bias.shape));
    }
    return grads;
  });
}
