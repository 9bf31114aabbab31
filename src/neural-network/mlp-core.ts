/**
 * The numerical core of the multi-layer perceptron, sklearn's `_forward_pass` and
 * `_backprop` on one packed parameter vector laid out like sklearn's `_pack`: every
 * layer's coefficient matrix (`fanIn x fanOut`, row-major) in order, then every
 * intercept vector. Products are GEMMs on Float64Array; buffers live in a workspace
 * sized for the largest batch, so an epoch allocates nothing.
 */
import { gemm } from '../tensor/kernels/gemm.js';
import {
  activate,
  activationDerivative,
  type HiddenActivation,
  lossValue,
  type MlpLoss,
  type OutActivation,
} from './activations.js';

/** Where each layer's coefficients and intercepts sit in the packed vector. */
export interface MlpLayout {
  /** Units per layer, input first: `[nFeatures, ...hidden, nOutputs]`. */
  units: number[];
  coefOffsets: number[];
  interceptOffsets: number[];
  size: number;
}

/**
 * The packed layout for layer sizes `units`.
 * @example mlpLayout([4, 5, 3]).size // 4*5 + 5*3 + 5 + 3 = 43
 */
export function mlpLayout(units: readonly number[]): MlpLayout {
  const coefOffsets: number[] = [];
  const interceptOffsets: number[] = [];
  let at = 0;
  for (let l = 0; l < units.length - 1; l++) {
    coefOffsets.push(at);
    at += units[l] * units[l + 1];
  }
  for (let l = 0; l < units.length - 1; l++) {
    interceptOffsets.push(at);
    at += units[l + 1];
  }
  return { units: [...units], coefOffsets, interceptOffsets, size: at };
}

/** Coefficients of layer `l` (a view into `params`). */
export function coefView(layout: MlpLayout, params: Float64Array, l: number): Float64Array {
  const o = layout.coefOffsets[l];
  return params.subarray(o, o + layout.units[l] * layout.units[l + 1]);
}

/** Intercepts of layer `l` (a view into `params`). */
export function interceptView(layout: MlpLayout, params: Float64Array, l: number): Float64Array {
  const o = layout.interceptOffsets[l];
  return params.subarray(o, o + layout.units[l + 1]);
}

/** Activations and deltas for batches of up to `capacity` rows. */
export interface MlpWorkspace {
  capacity: number;
  activations: Float64Array[];
  deltas: Float64Array[];
}

/** A workspace for `layout` and batches of up to `capacity` rows. */
export function mlpWorkspace(layout: MlpLayout, capacity: number): MlpWorkspace {
  const u = layout.units;
  return {
    capacity,
    activations: u.slice(1).map((k) => new Float64Array(capacity * k)),
    deltas: u.slice(1).map((k) => new Float64Array(capacity * k)),
  };
}

/** The network's activation functions. */
export interface MlpActivations {
  hidden: HiddenActivation;
  out: OutActivation;
}

/**
 * Forward pass of `rows` samples `x` (`rows x units[0]`): fills the workspace
 * activations (layer `l + 1` in `ws.activations[l]`) and returns the output buffer.
 */
export function forwardPass(
  layout: MlpLayout,
  params: Float64Array,
  acts: MlpActivations,
  x: Float64Array,
  rows: number,
  ws: MlpWorkspace,
): Float64Array {
  const u = layout.units;
  const L = u.length - 1;
  let input = x;
  for (let l = 0; l < L; l++) {
    const fi = u[l];
    const fo = u[l + 1];
    const z = ws.activations[l];
    const b = interceptView(layout, params, l);
    for (let r = 0; r < rows; r++) z.set(b, r * fo);
    gemm(false, false, rows, fo, fi, 1, input, fi, coefView(layout, params, l), fo, 1, z, fo);
    activate(l === L - 1 ? acts.out : acts.hidden, z, rows, fo);
    input = z;
  }
  return ws.activations[L - 1];
}

/**
 * sklearn's `_backprop` on a batch: forward pass, loss (data term plus
 * `alpha/2 * sum(W^2) / rows`), and the gradient of that loss into `grad` (packed
 * layout; coefficient gradients `(A^T delta + alpha W) / rows`, intercepts the mean
 * delta). Returns the loss.
 */
export function backprop(
  layout: MlpLayout,
  params: Float64Array,
  acts: MlpActivations,
  loss: MlpLoss,
  alpha: number,
  x: Float64Array,
  y: Float64Array,
  rows: number,
  ws: MlpWorkspace,
  grad: Float64Array,
): number {
  const u = layout.units;
  const L = u.length - 1;
  const out = forwardPass(layout, params, acts, x, rows, ws);
  const nOut = u[L];
  let value = lossValue(loss, y, out, rows, nOut);
  let sq = 0;
  for (let l = 0; l < L; l++) {
    const w = coefView(layout, params, l);
    for (let i = 0; i < w.length; i++) sq += w[i] * w[i];
  }
  value += (0.5 * alpha * sq) / rows;
  const last = ws.deltas[L - 1];
  for (let i = 0; i < rows * nOut; i++) last[i] = out[i] - y[i];
  for (let l = L - 1; l >= 0; l--) {
    const fi = u[l];
    const fo = u[l + 1];
    const delta = ws.deltas[l];
    const input = l === 0 ? x : ws.activations[l - 1];
    const w = coefView(layout, params, l);
    const gw = coefView(layout, grad, l);
    gemm(true, false, fi, fo, rows, 1, input, fi, delta, fo, 0, gw, fo);
    for (let i = 0; i < gw.length; i++) gw[i] = (gw[i] + alpha * w[i]) / rows;
    const gb = interceptView(layout, grad, l);
    gb.fill(0);
    for (let r = 0; r < rows; r++) for (let j = 0; j < fo; j++) gb[j] += delta[r * fo + j];
    for (let j = 0; j < fo; j++) gb[j] /= rows;
    if (l > 0) {
      const prev = ws.deltas[l - 1];
      gemm(false, true, rows, fi, fo, 1, delta, fo, w, fo, 0, prev, fi);
      activationDerivative(acts.hidden, ws.activations[l - 1], prev, rows * fi);
    }
  }
  return value;
}

/**
 * Network outputs for all `rows` of `x`, in chunks (the output activation applied).
 * @example const proba = predictRaw(layout, params, acts, x, n);
 */
export function predictRaw(
  layout: MlpLayout,
  params: Float64Array,
  acts: MlpActivations,
  x: Float64Array,
  rows: number,
): Float64Array {
  const nIn = layout.units[0];
  const nOut = layout.units[layout.units.length - 1];
  const out = new Float64Array(rows * nOut);
  const chunk = Math.max(1, Math.min(rows, 1024));
  const ws = mlpWorkspace(layout, chunk);
  for (let start = 0; start < rows; start += chunk) {
    const n = Math.min(chunk, rows - start);
    const o = forwardPass(layout, params, acts, x.subarray(start * nIn, (start + n) * nIn), n, ws);
    out.set(o.subarray(0, n * nOut), start * nOut);
  }
  return out;
}
