/**
 * One GRU layer in one direction over a whole sequence, fused like `lstm.ts`: one GEMM
 * projects every input step, each step does one GEMM for `h W_hh^T + b_hh` and one loop
 * for the gates; the backward reverses the steps and ends in three GEMMs for the weight
 * and input gradients. PyTorch's equations and layout (gate order r, z, n):
 *
 *     r = sigmoid(W_ir x + b_ir + W_hr h + b_hr),  z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 *     n = tanh(W_in x + b_in + r (W_hn h + b_hn)),  h' = (1 - z) n + z h
 */
import { type FloatArray, gemm } from '../../tensor/kernels/gemm.js';
import { Tensor } from '../../tensor/tensor.js';
import { needsGrad, record } from '../autograd/node.js';
import { floatBuffer } from './grad-utils.js';
import { checkRecurrentOperands, columnSums, projectInputs, type RecurrentWeights } from './lstm.js';
import { unpack } from './unpack.js';

/** The sequence output `(T, B, H)` and the final state `(B, H)` of one GRU layer direction. */
export interface GruLayerResult {
  output: Tensor;
  hN: Tensor;
}

const sigmoid = (v: number): number => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

/**
 * One GRU layer direction over time-major `x` `(T, B, I)` from `h0` `(B, H)` (zeros when
 * `null`); `reverse` runs from the last step to the first. Every tensor must have the
 * weights' dtype. Differentiable in all operands.
 * @example const { output, hN } = gruLayer(x, null, { weightIh, weightHh, biasIh, biasHh });
 */
export function gruLayer(x: Tensor, h0: Tensor | null, w: RecurrentWeights, reverse = false): GruLayerResult {
  const [T, B, I, H] = checkRecurrentOperands('gru', 3, x, w, [h0]);
  const dtype = w.weightIh.dtype;
  const G = 3 * H;
  const BH = B * H;
  const X = x.data as FloatArray;
  const Whh = w.weightHh.data as FloatArray;
  const bhh = w.biasHh?.data;
  // gates: input projections, overwritten by r, z, n step by step.
  const gates = projectInputs(X, T * B, I, w, G, false);
  const hpn = floatBuffer(dtype, T * BH) as FloatArray; // W_hn h + b_hn per step
  const hp = floatBuffer(dtype, B * G) as FloatArray;
  const packed = floatBuffer(dtype, T * BH + BH) as FloatArray; // [output, hN]
  const zeros = floatBuffer(dtype, BH) as FloatArray;
  const hInit = h0 === null ? zeros : (h0.data as FloatArray);
  let hPrev = hInit;
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    if (bhh !== undefined) for (let b = 0; b < B; b++) for (let j = 0; j < G; j++) hp[b * G + j] = bhh[j];
    gemm(false, true, B, G, H, 1, hPrev, H, Whh, H, bhh === undefined ? 0 : 1, hp, G);
    const gt = gates.subarray(t * B * G, (t + 1) * B * G);
    const hOut = packed.subarray(t * BH, (t + 1) * BH);
    for (let b = 0; b < B; b++) {
      const go = b * G;
      const ho = b * H;
      for (let j = 0; j < H; j++) {
        const r = sigmoid(gt[go + j] + hp[go + j]);
        const z = sigmoid(gt[go + H + j] + hp[go + H + j]);
        const hn = hp[go + 2 * H + j];
        const n = Math.tanh(gt[go + 2 * H + j] + r * hn);
        gt[go + j] = r;
        gt[go + H + j] = z;
        gt[go + 2 * H + j] = n;
        hpn[t * BH + ho + j] = hn;
        hOut[ho + j] = (1 - z) * n + z * hPrev[ho + j];
      }
    }
    hPrev = hOut;
  }
  packed.set(hPrev, T * BH);
  const inputs: Tensor[] = [x, w.weightIh, w.weightHh];
  if (w.biasIh !== null) inputs.push(w.biasIh);
  if (w.biasHh !== null) inputs.push(w.biasHh);
  if (h0 !== null) inputs.push(h0);
  const out = new Tensor(packed, [packed.length]);
  if (needsGrad(...inputs)) {
    record(out, 'gru', inputs, (g) => {
      const gs = g.data as FloatArray;
      const dX = floatBuffer(dtype, T * B * G) as FloatArray; // grads of the input projection
      const dHp = floatBuffer(dtype, T * B * G) as FloatArray; // grads of h W_hh^T + b_hh
      const dh = floatBuffer(dtype, BH) as FloatArray;
      dh.set(gs.subarray(T * BH, T * BH + BH));
      const hIn = floatBuffer(dtype, T * BH) as FloatArray;
      for (let s = T - 1; s >= 0; s--) {
        const t = reverse ? T - 1 - s : s;
        const tPrev = reverse ? t + 1 : t - 1;
        const hp0 = s === 0 ? hInit : packed.subarray(tPrev * BH, (tPrev + 1) * BH);
        hIn.set(hp0, t * BH);
        const gt = gates.subarray(t * B * G, (t + 1) * B * G);
        const dxt = dX.subarray(t * B * G, (t + 1) * B * G);
        const dht = dHp.subarray(t * B * G, (t + 1) * B * G);
        for (let b = 0; b < B; b++) {
          const go = b * G;
          const ho = b * H;
          for (let j = 0; j < H; j++) {
            const k = ho + j;
            const dhk = dh[k] + gs[t * BH + k];
            const r = gt[go + j];
            const z = gt[go + H + j];
            const n = gt[go + 2 * H + j];
            const dan = dhk * (1 - z) * (1 - n * n);
            const daz = dhk * (hp0[k] - n) * z * (1 - z);
            const dar = dan * hpn[t * BH + k] * r * (1 - r);
            dxt[go + j] = dar;
            dxt[go + H + j] = daz;
            dxt[go + 2 * H + j] = dan;
            dht[go + j] = dar;
            dht[go + H + j] = daz;
            dht[go + 2 * H + j] = dan * r;
            dh[k] = dhk * z;
          }
        }
        gemm(false, false, B, H, G, 1, dht, G, Whh, H, 1, dh, H);
      }
      const grads = new Map<Tensor, Tensor>();
      if (x.requiresGrad) {
        const gx = floatBuffer(dtype, T * B * I) as FloatArray;
        gemm(false, false, T * B, I, G, 1, dX, G, w.weightIh.data as FloatArray, I, 0, gx, I);
        grads.set(x, new Tensor(gx, x.shape));
      }
      if (w.weightIh.requiresGrad) {
        const dW = floatBuffer(dtype, G * I) as FloatArray;
        gemm(true, false, G, I, T * B, 1, dX, G, X, I, 0, dW, I);
        grads.set(w.weightIh, new Tensor(dW, w.weightIh.shape));
      }
      if (w.weightHh.requiresGrad) {
        const dW = floatBuffer(dtype, G * H) as FloatArray;
        gemm(true, false, G, H, T * B, 1, dHp, G, hIn, H, 0, dW, H);
        grads.set(w.weightHh, new Tensor(dW, w.weightHh.shape));
      }
      if (w.biasIh !== null) grads.set(w.biasIh, new Tensor(columnSums(dX, T * B, G, dtype), w.biasIh.shape));
      if (w.biasHh !== null) grads.set(w.biasHh, new Tensor(columnSums(dHp, T * B, G, dtype), w.biasHh.shape));
      if (h0 !== null) grads.set(h0, new Tensor(dh, h0.shape));
      return inputs.map((t) => grads.get(t) ?? null);
    });
  }
  const [output, hN] = unpack(out, [
    [T, B, H],
    [B, H],
  ]);
  return { output, hN };
}
