/**
 * The fused convolution block `maxPool2d(relu(conv2d(x, w, b)))`, the first block of most
 * small CNNs (and of the Keras seed CNN). Unfused, the full-resolution activation is
 * materialised four times per step (conv output, relu output, the pool's input gradient,
 * relu's input gradient), each a fresh multi-megabyte buffer; fused, it only lives in a
 * reused scratch buffer during the forward, and the backward is sparse: only the pooled
 * arg-max positions whose value is positive carry gradient.
 *
 * Forward values are bit-identical to the unfused ops. The weight and bias gradients sum
 * the same terms in another order (in float64), so they match to rounding.
 */
import { type FloatArray, gemm } from '../../tensor/kernels/gemm.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { relu } from './activation.js';
import { type Conv2dOptions, conv2d, type Pair, pair } from './conv.js';
import { floatBuffer } from './grad-utils.js';
import { chunkSize, type Geom, im2col } from './im2col.js';
import { maxPool2d, type Pool2dOptions } from './pool.js';
import { scratchBuffer } from './scratch.js';

/**
 * `maxPool2d(relu(conv2d(x, weight, bias, convOptions)), poolKernel, poolOptions)` in one
 * op with the same values and gradients (see the file comment). Cases the fused kernel
 * does not cover (groups, pool padding, an input that requires grad, mixed dtypes) run
 * the three ops unfused.
 * @example
 * const h = F.conv2dReluMaxPool2d(images, conv.weight, conv.bias, {}, 2); // (N, O, H', W')
 */
export function conv2dReluMaxPool2d(
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  convOptions: Conv2dOptions,
  poolKernel: Pair,
  poolOptions: Pool2dOptions = {},
): Tensor {
  const unfused = () => maxPool2d(relu(conv2d(x, weight, bias, convOptions)), poolKernel, poolOptions);
  const dtype = weight.dtype;
  const [pph, ppw] = pair(poolOptions.padding ?? 0);
  if (
    x.ndim !== 4 ||
    weight.ndim !== 4 ||
    (dtype !== 'float32' && dtype !== 'float64') ||
    x.dtype !== dtype ||
    (bias !== null && bias.dtype !== dtype) ||
    (convOptions.groups ?? 1) !== 1 ||
    pph !== 0 ||
    ppw !== 0 ||
    x.requiresGrad
  ) {
    return unfused();
  }
  const [N, C, H, W] = x.shape;
  const [O, Cw, kh, kw] = weight.shape;
  const [sh, sw] = pair(convOptions.stride ?? 1);
  const [ph, pw] = pair(convOptions.padding ?? 0);
  const [dh, dw] = pair(convOptions.dilation ?? 1);
  const Ho = Math.floor((H + 2 * ph - dh * (kh - 1) - 1) / sh) + 1;
  const Wo = Math.floor((W + 2 * pw - dw * (kw - 1) - 1) / sw) + 1;
  const [qh, qw] = pair(poolKernel);
  const [qsh, qsw] = pair(poolOptions.stride ?? poolKernel);
  const Hp = Math.floor((Ho - qh) / qsh) + 1;
  const Wp = Math.floor((Wo - qw) / qsw) + 1;
  // Shape errors are reported by the unfused ops, with their messages.
  if (C !== Cw || Ho <= 0 || Wo <= 0 || Hp <= 0 || Wp <= 0) return unfused();

  const f32 = dtype === 'float32';
  const X = x.data as FloatArray;
  const Wt = weight.data as FloatArray;
  const bs = bias === null ? null : bias.data;
  const K = C * kh * kw;
  const hw = Ho * Wo;
  const pp = Hp * Wp;
  const chunk = chunkSize(N, K, hw, O);
  const cols = scratchBuffer(0, dtype, K * chunk * hw);
  const tmp = scratchBuffer(1, dtype, O * chunk * hw);
  const P = floatBuffer(dtype, N * O * pp);
  // Per pooled output: the position in its (Ho, Wo) conv-output plane of the window's
  // arg-max when that value is positive, else -1 (relu passes no gradient there).
  const arg = new Int32Array(N * O * pp);
  const geom: Geom = { C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo };
  for (let n0 = 0; n0 < N; n0 += chunk) {
    const nImg = Math.min(chunk, N - n0);
    const ld = nImg * hw;
    im2col(X, geom, n0, nImg, 0, C, cols);
    gemm(false, false, O, ld, K, 1, Wt, K, cols, ld, 0, tmp, ld);
    for (let o = 0; o < O; o++) {
      const b = bs === null ? 0 : bs[o];
      for (let im = 0; im < nImg; im++) {
        const q = ((n0 + im) * O + o) * pp;
        poolPlane(tmp, o * ld + im * hw, b, f32, P, arg, q, Hp, Wp, Wo, qh, qw, qsh, qsw);
      }
    }
  }
  const out = new Tensor(P, [N, O, Hp, Wp]);
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  return record(out, 'conv2dReluMaxPool2d', inputs, (g) => {
    const G = g.data;
    // Tap offsets within an image for a window anchored at (0, 0), and the padding-free test.
    const tap = new Int32Array(K);
    for (let c = 0; c < C; c++)
      for (let u = 0; u < kh; u++)
        for (let v = 0; v < kw; v++) tap[(c * kh + u) * kw + v] = (c * H + u * dh) * W + v * dw;
    const gw = new Float64Array(O * K);
    const gb = new Float64Array(O);
    const acc = new Float64Array(K);
    const bases = new Int32Array(pp);
    const gs = new Float64Array(pp);
    for (let n = 0; n < N; n++) {
      for (let o = 0; o < O; o++) {
        const q0 = (n * O + o) * pp;
        gb[o] += planeGrad(G, X, arg, q0, pp, n * C * H * W, tap, acc, bases, gs, geom);
        for (let t = 0; t < K; t++) gw[o * K + t] += acc[t];
      }
    }
    const GW = floatBuffer(dtype, O * K);
    GW.set(gw);
    const grads: (Tensor | null)[] = [null, new Tensor(GW, weight.shape)];
    if (bias !== null) {
      const GB = floatBuffer(dtype, O);
      GB.set(gb);
      grads.push(new Tensor(GB, bias.shape));
    }
    return grads;
  });
}

/**
 * Bias, relu and max pooling of one conv-output plane `tmp[src .. src + Ho*Wo)` into
 * `P[q ..]`, with maxPool2d's comparison (first maximum wins, NaN propagates) on the value
 * conv2d would store (`tmp + b` rounded to float32 when `f32`); relu commutes with max.
 */
function poolPlane(
  tmp: FloatArray,
  src: number,
  b: number,
  f32: boolean,
  P: FloatArray,
  arg: Int32Array,
  q: number,
  Hp: number,
  Wp: number,
  Wo: number,
  qh: number,
  qw: number,
  qsh: number,
  qsw: number,
): void {
  for (let i = 0; i < Hp; i++) {
    for (let j = 0; j < Wp; j++, q++) {
      const first = i * qsh * Wo + j * qsw;
      let best = f32 ? Math.fround(tmp[src + first] + b) : tmp[src + first] + b;
      let bi = first;
      for (let u = 0; u < qh; u++) {
        const row = first + u * Wo;
        for (let v = u === 0 ? 1 : 0; v < qw; v++) {
          const t = tmp[src + row + v] + b;
          const val = f32 ? Math.fround(t) : t;
          if (val > best || Number.isNaN(val)) {
            best = val;
            bi = row + v;
          }
        }
      }
      // biome-ignore lint/complexity/useMathMinMax: relu as in F.relu (same result as Math.max, no call)
      P[q] = best <= 0 ? 0 : best;
      arg[q] = best > 0 ? bi : -1;
    }
  }
}

/**
 * Weight-gradient contributions of one (image, channel) plane of pooled outputs:
 * `acc[t] = sum of g * x[tap t of the arg-max window]` over the live arg-maxes (written,
 * not added). Returns the plane's bias gradient (the sum of the live `g`). Interior
 * windows are gathered into `bases`/`gs` first so that each tap is one register
 * accumulation over them; windows touching the padding take the checked loop.
 */
function planeGrad(
  G: ArrayLike<number>,
  X: FloatArray,
  arg: Int32Array,
  q0: number,
  pp: number,
  img: number,
  tap: Int32Array,
  acc: Float64Array,
  bases: Int32Array,
  gs: Float64Array,
  geom: Geom,
): number {
  const { C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Wo } = geom;
  const K = tap.length;
  acc.fill(0);
  let gb = 0;
  let live = 0;
  const yMax = H - (kh - 1) * dh;
  const xMax = W - (kw - 1) * dw;
  for (let q = q0; q < q0 + pp; q++) {
    const r = arg[q];
    if (r < 0) continue;
    const gv = G[q];
    gb += gv;
    const yo = (r / Wo) | 0;
    const y0 = yo * sh - ph;
    const x0 = (r - yo * Wo) * sw - pw;
    if (y0 >= 0 && x0 >= 0 && y0 < yMax && x0 < xMax) {
      bases[live] = img + y0 * W + x0;
      gs[live++] = gv;
      continue;
    }
    for (let c = 0; c < C; c++) {
      for (let u = 0; u < kh; u++) {
        const yy = y0 + u * dh;
        if (yy < 0 || yy >= H) continue;
        for (let v = 0; v < kw; v++) {
          const xx = x0 + v * dw;
          if (xx >= 0 && xx < W) acc[(c * kh + u) * kw + v] += gv * X[img + (c * H + yy) * W + xx];
        }
      }
    }
  }
  for (let t = 0; t < K; t++) {
    const off = tap[t];
    // Four partial sums: one float64 add chain per tap would bound the loop by add latency.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let l = 0;
    for (; l + 3 < live; l += 4) {
      s0 += gs[l] * X[bases[l] + off];
      s1 += gs[l + 1] * X[bases[l + 1] + off];
      s2 += gs[l + 2] * X[bases[l + 2] + off];
      s3 += gs[l + 3] * X[bases[l + 3] + off];
    }
    for (; l < live; l++) s0 += gs[l] * X[bases[l] + off];
    acc[t] += s0 + s1 + (s2 + s3);
  }
  return gb;
}
