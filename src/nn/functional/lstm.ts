/**
 * One LSTM layer in one direction over a whole sequence, fused: a single GEMM projects
 * every time step's input, then each step adds `h W_hh^T` (one GEMM) and applies the
 * gates in one loop. The backward walks the steps in reverse with the saved gate
 * activations and does the weight gradients as three GEMMs over all steps at once.
 * PyTorch's equations and layout (gate order i, f, g, o; `weight_ih` `(4H, I)`):
 *
 *     i, f, o = sigmoid(.), g = tanh(.),  c' = f c + i g,  h' = o tanh(c')
 */
import { DTypeError, ShapeError } from '../../tensor/errors.js';
import { type FloatArray, gemm } from '../../tensor/kernels/gemm.js';
import { formatShape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { needsGrad, record } from '../autograd/node.js';
import { floatBuffer } from './grad-utils.js';
import { unpack } from './unpack.js';

/** Weights of one recurrent layer direction (PyTorch's `weight_ih_lK` etc.). */
export interface RecurrentWeights {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;
}

/** The sequence output `(T, B, H)` and the final states `(B, H)` of one layer direction. */
export interface LstmLayerResult {
  output: Tensor;
  hN: Tensor;
  cN: Tensor;
}

/** Checks the operands of a fused recurrent layer; returns `[T, B, I, H]`. */
export function checkRecurrentOperands(
  name: string,
  gates: number,
  x: Tensor,
  w: RecurrentWeights,
  states: readonly (Tensor | null)[],
): [number, number, number, number] {
  if (x.ndim !== 3) throw new ShapeError(`${name}: input must be (T, B, I), got ${formatShape(x.shape)}`);
  const [T, B, I] = x.shape;
  const H = w.weightHh.shape[1];
  if (w.weightIh.shape[0] !== gates * H || w.weightIh.shape[1] !== I) {
    throw new ShapeError(
      `${name}: weight_ih of shape ${formatShape(w.weightIh.shape)} does not fit input size ${I} and hidden size ${H} (expected [${gates * H}, ${I}])`,
    );
  }
  const dtype = w.weightIh.dtype;
  for (const t of [x, w.weightHh, w.biasIh, w.biasHh, ...states]) {
    if (t !== null && t.dtype !== dtype) {
      throw new DTypeError(`${name}: every operand must be ${dtype} like the weights, got ${t.dtype}`);
    }
  }
  for (const s of states) {
    if (s !== null && (s.ndim !== 2 || s.shape[0] !== B || s.shape[1] !== H)) {
      throw new ShapeError(`${name}: initial state must be (${B}, ${H}), got ${formatShape(s.shape)}`);
    }
  }
  if (T === 0) throw new ShapeError(`${name}: the sequence is empty (length 0)`);
  return [T, B, I, H];
}

/** `rows x (gates*H)` input projection `x W_ih^T + b_ih (+ b_hh)`, every step at once. */
export function projectInputs(
  x: FloatArray,
  rows: number,
  inSize: number,
  w: RecurrentWeights,
  width: number,
  addHiddenBias: boolean,
): FloatArray {
  const out = floatBuffer(w.weightIh.dtype, rows * width) as FloatArray;
  const bi = w.biasIh?.data;
  const bh = addHiddenBias ? w.biasHh?.data : undefined;
  if (bi !== undefined || bh !== undefined) {
    const bias = new Float64Array(width);
    for (let j = 0; j < width; j++) bias[j] = (bi === undefined ? 0 : bi[j]) + (bh === undefined ? 0 : bh[j]);
    for (let r = 0; r < rows; r++) out.set(bias, r * width);
  }
  gemm(false, true, rows, width, inSize, 1, x, inSize, w.weightIh.data as FloatArray, inSize, 1, out, width);
  return out;
}

/** Column sums of a `rows x width` matrix into a new buffer of `dtype`. */
export function columnSums(m: FloatArray, rows: number, width: number, dtype: Tensor['dtype']): FloatArray {
  const out = floatBuffer(dtype, width) as FloatArray;
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let j = 0; j < width; j++) out[j] += m[o + j];
  }
  return out;
}

const sigmoid = (v: number): number => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

/**
 * One LSTM layer direction over time-major `x` `(T, B, I)` from `h0`, `c0` `(B, H)`
 * (zeros when `null`); `reverse` runs from the last step to the first (the backward
 * direction of a bidirectional LSTM; outputs stay at their time positions). Every tensor
 * must have the weights' dtype. Differentiable in all operands.
 * @example const { output, hN, cN } = lstmLayer(x, null, null, { weightIh, weightHh, biasIh, biasHh });
 */
export function lstmLayer(
  x: Tensor,
  h0: Tensor | null,
  c0: Tensor | null,
  w: RecurrentWeights,
  reverse = false,
): LstmLayerResult {
  const [T, B, I, H] = checkRecurrentOperands('lstm', 4, x, w, [h0, c0]);
  const dtype = w.weightIh.dtype;
  const G = 4 * H;
  const BH = B * H;
  const X = x.data as FloatArray;
  const Whh = w.weightHh.data as FloatArray;
  // gates: pre-activations from the projection, overwritten by activations step by step.
  const gates = projectInputs(X, T * B, I, w, G, true);
  // packed = [output (T*B*H), hN (B*H), cN (B*H)]
  const packed = floatBuffer(dtype, T * BH + 2 * BH) as FloatArray;
  const cells = floatBuffer(dtype, T * BH) as FloatArray;
  const zeros = floatBuffer(dtype, BH) as FloatArray;
  const hInit = h0 === null ? zeros : (h0.data as FloatArray);
  const cInit = c0 === null ? zeros : (c0.data as FloatArray);
  let hPrev = hInit;
  let cPrev = cInit;
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    const gt = gates.subarray(t * B * G, (t + 1) * B * G);
    gemm(false, true, B, G, H, 1, hPrev, H, Whh, H, 1, gt, G);
    const hOut = packed.subarray(t * BH, (t + 1) * BH);
    const cOut = cells.subarray(t * BH, (t + 1) * BH);
    for (let b = 0; b < B; b++) {
      const go = b * G;
      const ho = b * H;
      for (let j = 0; j < H; j++) {
        const ig = sigmoid(gt[go + j]);
        const fg = sigmoid(gt[go + H + j]);
        const gg = Math.tanh(gt[go + 2 * H + j]);
        const og = sigmoid(gt[go + 3 * H + j]);
        gt[go + j] = ig;
        gt[go + H + j] = fg;
        gt[go + 2 * H + j] = gg;
        gt[go + 3 * H + j] = og;
        const c = fg * cPrev[ho + j] + ig * gg;
        cOut[ho + j] = c;
        hOut[ho + j] = og * Math.tanh(c);
      }
    }
    hPrev = hOut;
    cPrev = cOut;
  }
  packed.set(hPrev, T * BH);
  packed.set(cPrev, T * BH + BH);
  const inputs: Tensor[] = [x, w.weightIh, w.weightHh];
  if (w.biasIh !== null) inputs.push(w.biasIh);
  if (w.biasHh !== null) inputs.push(w.biasHh);
  if (h0 !== null) inputs.push(h0);
  if (c0 !== null) inputs.push(c0);
  const out = new Tensor(packed, [packed.length]);
  if (needsGrad(...inputs)) {
    record(out, 'lstm', inputs, (g) => {
      const gs = g.data as FloatArray;
      const dG = floatBuffer(dtype, T * B * G) as FloatArray;
      const dh = floatBuffer(dtype, BH) as FloatArray;
      const dc = floatBuffer(dtype, BH) as FloatArray;
      dh.set(gs.subarray(T * BH, T * BH + BH));
      dc.set(gs.subarray(T * BH + BH, T * BH + 2 * BH));
      // Hidden state entering each time position (for dW_hh), in time order.
      const hIn = floatBuffer(dtype, T * BH) as FloatArray;
      for (let s = T - 1; s >= 0; s--) {
        const t = reverse ? T - 1 - s : s;
        const tPrev = reverse ? t + 1 : t - 1;
        const cPrevT = s === 0 ? cInit : cells.subarray(tPrev * BH, (tPrev + 1) * BH);
        hIn.set(s === 0 ? hInit : packed.subarray(tPrev * BH, (tPrev + 1) * BH), t * BH);
        const gt = gates.subarray(t * B * G, (t + 1) * B * G);
        const dgt = dG.subarray(t * B * G, (t + 1) * B * G);
        for (let b = 0; b < B; b++) {
          const go = b * G;
          const ho = b * H;
          for (let j = 0; j < H; j++) {
            const k = ho + j;
            const dhk = dh[k] + gs[t * BH + k];
            const ig = gt[go + j];
            const fg = gt[go + H + j];
            const gg = gt[go + 2 * H + j];
            const og = gt[go + 3 * H + j];
            const tc = Math.tanh(cells[t * BH + k]);
            const dct = dc[k] + dhk * og * (1 - tc * tc);
            dgt[go + j] = dct * gg * ig * (1 - ig);
            dgt[go + H + j] = dct * cPrevT[k] * fg * (1 - fg);
            dgt[go + 2 * H + j] = dct * ig * (1 - gg * gg);
            dgt[go + 3 * H + j] = dhk * tc * og * (1 - og);
            dc[k] = dct * fg;
          }
        }
        gemm(false, false, B, H, G, 1, dgt, G, Whh, H, 0, dh, H);
      }
      const grads = new Map<Tensor, Tensor>();
      if (x.requiresGrad) {
        const dX = floatBuffer(dtype, T * B * I) as FloatArray;
        gemm(false, false, T * B, I, G, 1, dG, G, w.weightIh.data as FloatArray, I, 0, dX, I);
        grads.set(x, new Tensor(dX, x.shape));
      }
      if (w.weightIh.requiresGrad) {
        const dW = floatBuffer(dtype, G * I) as FloatArray;
        gemm(true, false, G, I, T * B, 1, dG, G, X, I, 0, dW, I);
        grads.set(w.weightIh, new Tensor(dW, w.weightIh.shape));
      }
      if (w.weightHh.requiresGrad) {
        const dW = floatBuffer(dtype, G * H) as FloatArray;
        gemm(true, false, G, H, T * B, 1, dG, G, hIn, H, 0, dW, H);
        grads.set(w.weightHh, new Tensor(dW, w.weightHh.shape));
      }
      if (w.biasIh !== null || w.biasHh !== null) {
        const db = columnSums(dG, T * B, G, dtype);
        if (w.biasIh !== null) grads.set(w.biasIh, new Tensor(db, w.biasIh.shape));
        if (w.biasHh !== null) grads.set(w.biasHh, new Tensor(db.slice(), w.biasHh.shape));
      }
      if (h0 !== null) grads.set(h0, new Tensor(dh, h0.shape));
      if (c0 !== null) grads.set(c0, new Tensor(dc, c0.shape));
      return inputs.map((t) => grads.get(t) ?? null);
    });
  }
  const [output, hN, cN] = unpack(out, [
    [T, B, H],
    [B, H],
    [B, H],
  ]);
  return { output, hN, cN };
}
