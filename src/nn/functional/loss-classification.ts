/**
 * Classification losses: cross-entropy (fused log-softmax; class indices or probabilities;
 * class weights, ignoreIndex, label smoothing), NLL, binary cross-entropy (on
 * probabilities and, stably, on logits) and KL divergence. Labels out of range throw a
 * RangeError naming the label and the number of classes.
 */
import { ShapeError } from '../../tensor/errors.js';
import { formatShape, shapesEqual } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { broadcastTo } from './grad-utils.js';
import { checkReduction, finishLoss, type Reduction } from './loss-reduce.js';
import { logSoftmaxKernel } from './softmax.js';

/** Options of {@link crossEntropy} and {@link nllLoss}. */
export interface ClassLossOptions {
  /** Per-class weights `(C)`. Default none. */
  weight?: Tensor | null;
  /** Targets equal to this are skipped (and left out of the mean). Default -100. */
  ignoreIndex?: number;
  /** Cross-entropy only: mix the target with the uniform distribution by this much. Default 0. */
  labelSmoothing?: number;
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}

function classGeometry(name: string, input: Tensor) {
  if (input.ndim < 2) {
    throw new ShapeError(`${name}: input must be (N, C) or (N, C, d1, ...), got ${formatShape(input.shape)}`);
  }
  const N = input.shape[0];
  const C = input.shape[1];
  const inner = input.size / Math.max(1, N * C);
  return { N, C, inner, posShape: [N, ...input.shape.slice(2)] };
}

function checkTarget(name: string, input: Tensor, target: Tensor, posShape: readonly number[]): void {
  if (!shapesEqual(target.shape, posShape)) {
    throw new ShapeError(
      `${name}: target of shape ${formatShape(target.shape)} does not match input of shape ${formatShape(input.shape)} (expected target shape ${formatShape(posShape)})`,
    );
  }
}

function classOf(name: string, t: number, C: number): number {
  if (!Number.isInteger(t) || t < 0 || t >= C) {
    throw new RangeError(`${name}: target ${t} is out of range for ${C} classes (expected 0..${C - 1})`);
  }
  return t;
}

/**
 * Cross-entropy on raw logits `(N, C, ...)` (log-softmax over dim 1 inside), with
 * class-index targets `(N, ...)` or class-probability targets of the input's shape.
 * Weighted `'mean'` divides by the summed weights of the kept targets.
 * @example F.crossEntropy(logits, labels, { labelSmoothing: 0.1 })
 */
export function crossEntropy(input: Tensor, target: Tensor, options: ClassLossOptions = {}): Tensor {
  const name = 'crossEntropy';
  const reduction = options.reduction ?? 'mean';
  checkReduction(reduction, name);
  const { N, C, inner, posShape } = classGeometry(name, input);
  const e = options.labelSmoothing ?? 0;
  if (!(e >= 0 && e <= 1)) throw new RangeError(`${name}: labelSmoothing must be in [0, 1], got ${e}`);
  const ignore = options.ignoreIndex ?? -100;
  const w = options.weight?.data ?? null;
  if (w !== null && w.length !== C) throw new ShapeError(`${name}: weight has ${w.length} entries for ${C} classes`);
  const logp = new Float64Array(input.size);
  logSoftmaxKernel(input.data, logp, N, C, inner);
  const P = N * inner;
  const L = new Float64Array(P);
  const D = new Float64Array(input.size);
  const probTargets =
    (target.dtype === 'float32' || target.dtype === 'float64') && shapesEqual(target.shape, input.shape);
  if (!probTargets) checkTarget(name, input, target, posShape);
  const ts = target.data;
  let wSum = 0;
  for (let c = 0; c < C; c++) wSum += w === null ? 1 : w[c];
  let denom = probTargets ? P : 0;
  for (let n = 0; n < N; n++) {
    for (let d = 0; d < inner; d++) {
      const pos = n * inner + d;
      const at = (c: number) => (n * C + c) * inner + d;
      if (probTargets) {
        let loss = 0;
        let swt = 0;
        for (let c = 0; c < C; c++) {
          const wt = (w === null ? 1 : w[c]) * (ts[at(c)] * (1 - e) + e / C);
          loss -= wt * logp[at(c)];
          swt += wt;
        }
        L[pos] = loss;
        for (let c = 0; c < C; c++) {
          const wt = (w === null ? 1 : w[c]) * (ts[at(c)] * (1 - e) + e / C);
          D[at(c)] = Math.exp(logp[at(c)]) * swt - wt;
        }
        continue;
      }
      const tv = ts[pos];
      if (tv === ignore) continue;
      const t = classOf(name, tv, C);
      const wt = w === null ? 1 : w[t];
      denom += wt;
      let smooth = 0;
      if (e > 0) for (let c = 0; c < C; c++) smooth -= (w === null ? 1 : w[c]) * logp[at(c)];
      L[pos] = (1 - e) * wt * -logp[at(t)] + (e / C) * smooth;
      for (let c = 0; c < C; c++) {
        const p = Math.exp(logp[at(c)]);
        const wc = w === null ? 1 : w[c];
        D[at(c)] = (1 - e) * wt * (p - (c === t ? 1 : 0)) + (e / C) * (wSum * p - wc);
      }
    }
  }
  return finishLoss(name, input, L, posShape, D, C, inner, reduction, denom);
}

/**
 * Negative log-likelihood on log-probabilities `(N, C, ...)`: `-w[t] input[n, t]`.
 * @example F.nllLoss(F.logSoftmax(logits, 1), labels)
 */
export function nllLoss(input: Tensor, target: Tensor, options: ClassLossOptions = {}): Tensor {
  const name = 'nllLoss';
  const reduction = options.reduction ?? 'mean';
  checkReduction(reduction, name);
  const { N, C, inner, posShape } = classGeometry(name, input);
  checkTarget(name, input, target, posShape);
  const ignore = options.ignoreIndex ?? -100;
  const w = options.weight?.data ?? null;
  const xs = input.data;
  const ts = target.data;
  const L = new Float64Array(N * inner);
  const D = new Float64Array(input.size);
  let denom = 0;
  for (let n = 0; n < N; n++) {
    for (let d = 0; d < inner; d++) {
      const pos = n * inner + d;
      if (ts[pos] === ignore) continue;
      const t = classOf(name, ts[pos], C);
      const wt = w === null ? 1 : w[t];
      denom += wt;
      const i = (n * C + t) * inner + d;
      L[pos] = -wt * xs[i];
      D[i] = -wt;
    }
  }
  return finishLoss(name, input, L, posShape, D, C, inner, reduction, denom);
}

/** Options of the binary cross-entropy losses. */
export interface BinaryLossOptions {
  /** Rescaling weight broadcast over the input. Default none. */
  weight?: Tensor | null;
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}

function binaryInputs(name: string, input: Tensor, target: Tensor, reduction: string) {
  checkReduction(reduction, name);
  if (!shapesEqual(input.shape, target.shape)) {
    throw new ShapeError(
      `${name}: input of shape ${formatShape(input.shape)} and target of shape ${formatShape(target.shape)} must have the same shape`,
    );
  }
  return { n: input.size, L: new Float64Array(input.size), D: new Float64Array(input.size) };
}

// torch's clamp in the BCE backward: 1e-12 rounded to float32, even in float64 runs.
const BCE_EPS = Math.fround(1e-12);

/**
 * Binary cross-entropy on probabilities: `-(y log p + (1 - y) log(1 - p))`, each log
 * clamped at -100 as PyTorch does.
 * @example F.binaryCrossEntropy(F.sigmoid(z), y)
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BinaryLossOptions = {}): Tensor {
  const name = 'binaryCrossEntropy';
  const reduction = options.reduction ?? 'mean';
  const { n, L, D } = binaryInputs(name, input, target, reduction);
  const w = options.weight ? broadcastTo(options.weight, input.shape).data : null;
  const p = input.data;
  const y = target.data;
  for (let i = 0; i < n; i++) {
    if (p[i] < 0 || p[i] > 1) throw new RangeError(`${name}: input ${p[i]} at ${i} is not a probability in [0, 1]`);
    const wi = w === null ? 1 : w[i];
    L[i] = -wi * (y[i] * Math.max(Math.log(p[i]), -100) + (1 - y[i]) * Math.max(Math.log(1 - p[i]), -100));
    D[i] = (wi * (p[i] - y[i])) / Math.max(p[i] * (1 - p[i]), BCE_EPS);
  }
  return finishLoss(name, input, L, input.shape, D, 1, 1, reduction);
}

/**
 * Binary cross-entropy on logits, computed stably; `posWeight` (broadcast over the last,
 * class dim) weighs the positive term.
 * @example F.binaryCrossEntropyWithLogits(z, y, { posWeight: Tensor.from([3]) })
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options: BinaryLossOptions & { posWeight?: Tensor | null } = {},
): Tensor {
  const name = 'binaryCrossEntropyWithLogits';
  const reduction = options.reduction ?? 'mean';
  const { n, L, D } = binaryInputs(name, input, target, reduction);
  const w = options.weight ? broadcastTo(options.weight, input.shape).data : null;
  const pw = options.posWeight ? broadcastTo(options.posWeight, input.shape).data : null;
  const x = input.data;
  const y = target.data;
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : w[i];
    const pwi = pw === null ? 1 : pw[i];
    const lw = 1 + (pwi - 1) * y[i];
    const v = x[i];
    L[i] = wi * ((1 - y[i]) * v + lw * (Math.log1p(Math.exp(-Math.abs(v))) + Math.max(-v, 0)));
    const sig = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    D[i] = wi * (lw * sig - pwi * y[i]);
  }
  return finishLoss(name, input, L, input.shape, D, 1, 1, reduction);
}

/** Options of {@link klDiv}. */
export interface KLDivOptions {
  /** `'mean'` (default; divides by the element count), `'batchmean'` (by N), `'sum'` or `'none'`. */
  reduction?: Reduction | 'batchmean';
  /** The target is given as log-probabilities. Default `false`. */
  logTarget?: boolean;
}

/**
 * KL divergence with log-probability `input`: pointwise `t (log t - input)`, 0 where `t` is 0.
 * @example F.klDiv(F.logSoftmax(z, 1), teacherProbs, { reduction: 'batchmean' })
 */
export function klDiv(input: Tensor, target: Tensor, options: KLDivOptions = {}): Tensor {
  const name = 'klDiv';
  const reduction = options.reduction ?? 'mean';
  checkReduction(reduction, name, ['batchmean']);
  const { n, L, D } = binaryInputs(name, input, target, 'none');
  const x = input.data;
  const t = target.data;
  for (let i = 0; i < n; i++) {
    if (options.logTarget) {
      const et = Math.exp(t[i]);
      L[i] = et * (t[i] - x[i]);
      D[i] = -et;
    } else {
      L[i] = t[i] > 0 ? t[i] * (Math.log(t[i]) - x[i]) : 0;
      D[i] = -t[i];
    }
  }
  if (reduction === 'batchmean') {
    const N = input.ndim === 0 ? 1 : input.shape[0];
    return finishLoss(name, input, L, input.shape, D, 1, 1, 'mean', N);
  }
  return finishLoss(name, input, L, input.shape, D, 1, 1, reduction);
}
