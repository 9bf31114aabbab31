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
import { type FloatArray, gemm, gemmBackendFor } from '../../tensor/kernels/gemm.js';
import { getBackend } from '../../tensor/kernels/registry.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { relu } from './activation.js';
import { type Conv2dOptions, conv2d, type Pair, pair } from './conv.js';
import { type ConvPoolKernels, convPoolKernels } from './conv-pool-kernel.js';
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
  const P = floatBuffer(dtype, N * O * pp);
  // Per pooled output: the position in its (Ho, Wo) conv-output plane of the window's
  // arg-max when that value is positive, else -1 (relu passes no gradient there).
  const arg = new Int32Array(N * O * pp);
  const geom: Geom = { C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo };
  // The WASM kernels cover the common 2x2 / stride 2 pool in float32 (K <= 256 keeps the
  // conv product one pass over k, as the GEMM does, so the values are the same bits).
  const kern = f32 && qh === 2 && qw === 2 && qsh === 2 && qsw === 2 && Wp >= 4 && K <= 256 ? convPoolKernels() : null;
  let cols: FloatArray | null = null;
  let tmp: FloatArray | null = null;
  for (let n0 = 0; n0 < N; n0 += chunk) {
    const nImg = Math.min(chunk, N - n0);
    const ld = nImg * hw;
    if (kern !== null && gemmBackendFor(O, ld, K) === 'wasm') {
      wasmChunk(kern, X, Wt, bs, geom, O, K, n0, nImg, chunk, Hp, Wp, P, arg);
      continue;
    }
    cols ??= scratchBuffer(0, dtype, K * chunk * hw);
    tmp ??= scratchBuffer(1, dtype, O * chunk * hw);
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
    const gw = new Float64Array(O * K);
    const gb = new Float64Array(O);
    const kernB =
      f32 && dw === 1 && kw <= 4 && ph === 0 && pw === 0 && getBackend() !== 'js' ? convPoolKernels() : null;
    if (kernB !== null && G instanceof Float32Array) {
      wasmGrad(kernB, G, X as Float32Array, arg, geom, N, O, pp, gw, gb);
    } else {
      // Tap offsets within an image for a window anchored at (0, 0), and the padding-free test.
      const tap = new Int32Array(K);
      for (let c = 0; c < C; c++)
        for (let u = 0; u < kh; u++)
          for (let v = 0; v < kw; v++) tap[(c * kh + u) * kw + v] = (c * H + u * dh) * W + v * dw;
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

const roundUp = (v: number, to: number) => Math.ceil(v / to) * to;

/**
 * One chunk of images on the WASM kernels: im2col straight into the GEMM's memory, the
 * conv product there (`C = W @ cols`, written without reading C), then `pool` on the
 * product in place, adding the bias as conv2d does (`(0 + W @ cols) + b`: the same float32
 * values; `0 + -0` only differs from `-0` in sign, which relu erases); only the pooled
 * values and arg-maxes are copied out.
 */
function wasmChunk(
  kern: ConvPoolKernels,
  X: FloatArray,
  Wt: FloatArray,
  bs: ArrayLike<number> | null,
  geom: Geom,
  O: number,
  K: number,
  n0: number,
  nImg: number,
  chunk: number,
  Hp: number,
  Wp: number,
  P: FloatArray,
  arg: Int32Array,
): void {
  const hw = geom.Ho * geom.Wo;
  const pp = Hp * Wp;
  const ld = nImg * hw;
  const ldw = roundUp(ld, 8);
  const Opad = roundUp(O, 4);
  // Layout in floats, every region 16-byte aligned; sized for a full chunk so the memory
  // does not grow between chunks.
  const aOff = 0;
  const colsOff = roundUp(Opad * K, 4);
  const cOff = roundUp(colsOff + K * chunk * hw + 8, 8);
  const pOff = cOff + Opad * roundUp(chunk * hw, 8);
  const argOff = roundUp(pOff + chunk * O * pp, 4);
  // Unit column stride, no padding: im2col runs in WASM on a copy of the chunk's images.
  const { C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo } = geom;
  const inWasm = sw === 1 && ph === 0 && pw === 0;
  const img = C * H * W;
  const tapsOff = roundUp(argOff + chunk * O * pp, 4);
  const xOff = roundUp(tapsOff + K, 4);
  const view = kern.view32((inWasm ? xOff + chunk * img + 4 : tapsOff) * 4);
  view.set(Wt.subarray(0, O * K), aOff);
  view.fill(0, aOff + O * K, aOff + Opad * K);
  if (inWasm) {
    const vi = kern.viewI32();
    for (let c = 0; c < C; c++)
      for (let u = 0; u < kh; u++)
        for (let v = 0; v < kw; v++) vi[tapsOff + (c * kh + u) * kw + v] = ((c * H + u * dh) * W + v * dw) * 4;
    view.set(X.subarray(n0 * img, (n0 + nImg) * img), xOff);
    view.fill(0, xOff + nImg * img, xOff + nImg * img + 4);
    kern.im2col(xOff * 4, nImg, img * 4, tapsOff * 4, K, colsOff * 4, ld * 4, Ho, Wo, sh * W * 4);
  } else {
    im2col(X, geom, n0, nImg, 0, C, view.subarray(colsOff, colsOff + K * ld));
  }
  // The strided kernel reads whole 8-column panels: the last row's overhang must be finite.
  view.fill(0, colsOff + K * ld, colsOff + K * ld + 8);
  kern.stridedStore32(aOff * 4, colsOff * 4, cOff * 4, Opad, ldw, K, ldw * 4, 1, K * 4, 4, ld * 4);
  for (let o = 0; o < O; o++) {
    const b = bs === null ? 0 : bs[o];
    kern.pool(
      (cOff + o * ldw) * 4,
      hw * 4,
      nImg,
      geom.Wo,
      Hp,
      Wp,
      (pOff + o * pp) * 4,
      (argOff + o * pp) * 4,
      O * pp * 4,
      b,
    );
  }
  const q = n0 * O * pp;
  const len = nImg * O * pp;
  P.set(view.subarray(pOff, pOff + len), q);
  arg.set(kern.viewI32().subarray(argOff, argOff + len), q);
}

/**
 * The weight and bias gradients on the WASM `grad` kernel (float32, unit tap spacing
 * along rows, kernel width <= 4, no padding): images are processed in chunks whose
 * arg-maxes and gradients (about 256 KiB each) are copied into the GEMM's memory; sums go
 * into `gw` (`O x K`) and `gb` (`O`).
 */
function wasmGrad(
  kern: ConvPoolKernels,
  G: Float32Array,
  X: Float32Array,
  arg: Int32Array,
  geom: Geom,
  N: number,
  O: number,
  pp: number,
  gw: Float64Array,
  gb: Float64Array,
): void {
  const { C, H, W, kh, kw, sh, sw, dh, Wo } = geom;
  const hw = geom.Ho * Wo;
  const img = C * H * W;
  const nRows = C * kh;
  // The kernel takes kernel rows in pairs: an odd count gets a duplicate last row, ignored below.
  const nRowsPad = nRows + (nRows & 1);
  const chunk = Math.max(1, Math.min(N, Math.floor(65536 / (O * pp))));
  // Layout in 4-byte units, 16-byte aligned regions; tbl is not first, so tbl[-1] (read
  // for dead entries, then discarded) is inside the memory.
  const tblOff = 16;
  const rowOffOff = roundUp(tblOff + hw, 4);
  const gwOff = roundUp(rowOffOff + nRowsPad, 4);
  const gbOff = gwOff + O * nRowsPad * 8;
  const sBaseOff = roundUp(gbOff + O * 2, 4);
  const sGOff = roundUp(sBaseOff + pp, 4);
  const xOff = roundUp(sGOff + pp, 4);
  const argOff = roundUp(xOff + chunk * img + 4, 4);
  const gOff = argOff + chunk * O * pp;
  const view = kern.view32((gOff + chunk * O * pp) * 4);
  const vi = kern.viewI32();
  for (let r = 0; r < hw; r++) {
    const yo = (r / Wo) | 0;
    vi[tblOff + r] = (yo * sh * W + (r - yo * Wo) * sw) * 4;
  }
  for (let c = 0; c < C; c++) for (let u = 0; u < kh; u++) vi[rowOffOff + c * kh + u] = (c * H + u * dh) * W * 4;
  vi[rowOffOff + nRowsPad - 1] = vi[rowOffOff + nRows - 1];
  view.fill(0, gwOff, sBaseOff);
  for (let n0 = 0; n0 < N; n0 += chunk) {
    const nImg = Math.min(chunk, N - n0);
    const len = nImg * O * pp;
    view.set(X.subarray(n0 * img, (n0 + nImg) * img), xOff);
    view.fill(0, xOff + nImg * img, xOff + nImg * img + 4);
    vi.set(arg.subarray(n0 * O * pp, n0 * O * pp + len), argOff);
    view.set(G.subarray(n0 * O * pp, n0 * O * pp + len), gOff);
    kern.grad(
      nImg,
      O,
      pp,
      argOff * 4,
      gOff * 4,
      xOff * 4,
      img * 4,
      tblOff * 4,
      rowOffOff * 4,
      nRowsPad,
      gwOff * 4,
      gbOff * 4,
      sBaseOff * 4,
      sGOff * 4,
    );
  }
  const v64 = kern.view64();
  const K = nRows * kw;
  for (let o = 0; o < O; o++) {
    gb[o] = v64[gbOff / 2 + o];
    for (let row = 0; row < nRows; row++) {
      for (let v = 0; v < kw; v++) gw[o * K + row * kw + v] = v64[(gwOff + (o * nRowsPad + row) * 8) / 2 + v];
    }
  }
}
