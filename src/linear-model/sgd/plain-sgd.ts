/**
 * The stochastic gradient descent epoch loop of scikit-learn 1.2
 * (`_sgd_fast._plain_sgd` with its `WeightVector`), for one linear model
 * `p = w·x + b` on dense or CSR rows:
 *
 * - learning rates `'constant'`, `'optimal'` (Bottou's `1/(alpha(t0 + t))`
 *   with `t0` from the loss derivative at `-typw`), `'invscaling'`
 *   (`eta0 / t^powerT`), `'adaptive'` (÷5 after `nIterNoChange` stalls), and
 *   the passive-aggressive steps `'pa1'`/`'pa2'`;
 * - L2 shrinkage through a lazy scale factor `wscale` (rescaled into `w`
 *   below 1e-9), L1 through the truncated gradient with the cumulative
 *   penalty `u` and the applied penalty `q` per feature (Tsuruoka et al.);
 * - averaged SGD from step `average` with Bottou's lazy `a`/`b` trick;
 * - stopping on the training loss (`tol · nSamples`) or on a validation
 *   score, and a floating-point overflow check after every epoch.
 */
import { ValidationError } from '../../base/errors.js';
import type { RandomGenerator } from '../../tensor/random.js';
import { SparseMatrix } from '../../tensor/sparse.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type DesignMatrix, denseData } from '../linear-base.js';
import { denseEpoch, MAX_DLOSS, WSCALE_THRESHOLD } from './dense-epoch.js';
import { LossCode, lossDerivative, lossValue, type SgdLoss } from './losses.js';

/** Learning-rate schedules of {@link plainSgd} (`'pa1'`/`'pa2'` are the passive-aggressive steps). */
export type SgdLearningRate = 'constant' | 'optimal' | 'invscaling' | 'adaptive' | 'pa1' | 'pa2';

/** Penalty kinds of {@link plainSgd}. */
export type SgdPenalty = 'none' | 'l2' | 'l1' | 'elasticnet';

/** Settings of one {@link plainSgd} run. */
export interface PlainSgdOptions {
  loss: SgdLoss;
  penalty: SgdPenalty;
  alpha: number;
  /** Step cap of the passive-aggressive rates. */
  C: number;
  l1Ratio: number;
  learningRate: SgdLearningRate;
  eta0: number;
  powerT: number;
  maxIter: number;
  /** Stopping tolerance; `-Infinity` disables stopping before `maxIter`. */
  tol: number;
  nIterNoChange: number;
  fitIntercept: boolean;
  shuffle: boolean;
  rng: RandomGenerator;
  /** Class weight applied to samples with y > 0 and y ≤ 0. */
  weightPos: number;
  weightNeg: number;
  /** Step counter at the start (sklearn's `t_`, 1 for a fresh model). */
  t: number;
  /** Factor on intercept steps (0.01 for sparse X, as sklearn's `make_dataset`). */
  interceptDecay: number;
  /** Start averaging at step `average` (0: no averaging). */
  average: number;
  /** Rows held out for early stopping (1 = held out); undefined trains on all. */
  validationMask?: Uint8Array;
  /**
   * Validation score of `(w, b)` after each epoch; when given, stopping uses
   * it instead of the training loss. As in sklearn, `w` is the stored vector
   * before its lazy L2 scale is applied.
   */
  validationScore?: (w: Float64Array, b: number) => number;
}

/** Result of {@link plainSgd}; `coef`/`averageCoef` are the arrays passed in, updated. */
export interface PlainSgdResult {
  coef: Float64Array;
  intercept: number;
  averageCoef: Float64Array | undefined;
  averageIntercept: number;
  /** Epochs run. */
  nIter: number;
  /** Training steps taken (samples not held out, over all epochs). */
  steps: number;
}

/**
 * Runs SGD epochs on rows of `x` with targets `y` (±1 for classification)
 * and per-sample weights, updating `coef` (and `averageCoef`) in place.
 * Throws a `ValidationError` on floating-point overflow.
 * @example
 * const r = plainSgd(X, y, sw, new Float64Array(n), 0, undefined, 0, options);
 * r.coef; r.intercept; r.nIter;
 */
export function plainSgd(
  x: DesignMatrix,
  y: Float64Array,
  sampleWeight: Float64Array,
  coef: Float64Array,
  intercept0: number,
  averageCoef: Float64Array | undefined,
  averageIntercept0: number,
  o: PlainSgdOptions,
): PlainSgdResult {
  const [m, n] = x.shape as [number, number];
  const sparse = x instanceof SparseMatrix ? x : undefined;
  const vals = sparse ? sparse.data : denseData(x as Tensor);
  const inds = sparse ? sparse.indices : new Int32Array(0);
  const indptr = sparse?.indptr;
  const { alpha, C, eta0, powerT, interceptDecay, average, fitIntercept } = o;
  const lossCode = o.loss.code;
  const lossParam = o.loss.param;
  const isHinge = lossCode === LossCode.Hinge;
  const pa = o.learningRate === 'pa1' ? 1 : o.learningRate === 'pa2' ? 2 : 0;
  const optimal = o.learningRate === 'optimal';
  const invscaling = o.learningRate === 'invscaling';
  const hasL2 = o.penalty === 'l2' || o.penalty === 'elasticnet';
  const hasL1 = o.penalty === 'l1' || o.penalty === 'elasticnet';
  const l1Ratio = o.penalty === 'l2' ? 0 : o.penalty === 'l1' ? 1 : o.l1Ratio;
  const mask = o.validationMask;
  const weightPos = o.weightPos;
  const weightNeg = o.weightNeg;
  // The epoch loss only matters for tol-based stopping.
  const trackLoss = o.validationScore === undefined && o.tol > Number.NEGATIVE_INFINITY;
  const w = coef;
  const aw = averageCoef;
  const q = hasL1 ? new Float64Array(n) : undefined;
  let wscale = 1;
  let averageA = 0;
  let averageB = 1;
  let intercept = intercept0;
  let averageIntercept = averageIntercept0;
  let t = o.t;
  let u = 0;
  let eta = eta0;
  let optimalInit = 0;
  if (optimal) {
    const typw = Math.sqrt(1 / Math.sqrt(alpha));
    const initialEta0 = typw / Math.max(1, lossDerivative(lossCode, lossParam, -typw, 1));
    optimalInit = 1 / (initialEta0 * alpha);
  }
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  // The common case (dense X, a gradient step, no L1, no averaging) runs in a small specialised
  // function: the general loop's untaken branches cost V8 repeated deoptimisations.
  const fast = !indptr && pa === 0 && !q && aw === undefined;
  // Dense rows are visited in shuffled order: bringing a chunk of them into cache first (the
  // fast path reads one value per cache line, the general loop copies them to a buffer) lets
  // the CPU overlap the cache misses (independent loads), instead of paying each one on the
  // dependency chain of the updates. Same arithmetic in the same order.
  const chunk = indptr ? 0 : Math.max(1, Math.min(m, GATHER_ROWS));
  const rowsBuf = new Float64Array(fast ? 0 : chunk * n);
  const xv = indptr ? vals : rowsBuf;
  const epochConst = Float64Array.of(
    alpha,
    eta0,
    powerT,
    optimal ? 1 : invscaling ? 2 : 0,
    optimalInit,
    hasL2 ? 1 : 0,
    l1Ratio,
    fitIntercept ? 1 : 0,
    interceptDecay,
    weightPos,
    weightNeg,
    trackLoss ? 1 : 0,
    fast && sampleWeight.every((v) => v === 1) ? 1 : 0,
  );
  // [wscale, intercept, t, sumLoss, steps, eta, sink of the prefetch reads]
  const epochState = new Float64Array(7);
  const yBuf = new Float64Array(fast ? chunk : 0);
  const swBuf = new Float64Array(fast ? chunk : 0);
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestScore = Number.NEGATIVE_INFINITY;
  let noImprovement = 0;
  let epoch = 0;
  let steps = 0;
  for (; epoch < o.maxIter; epoch++) {
    let sumLoss = 0;
    if (o.shuffle) o.rng.shuffle(order);
    if (fast) {
      epochState[0] = wscale;
      epochState[1] = intercept;
      epochState[2] = t;
      epochState[3] = 0;
      epochState[4] = steps;
      epochState[5] = eta;
      denseEpoch(
        vals,
        n,
        order,
        m,
        y,
        sampleWeight,
        w,
        mask,
        yBuf,
        swBuf,
        chunk,
        epochConst,
        lossCode,
        lossParam,
        epochState,
      );
      wscale = epochState[0];
      intercept = epochState[1];
      t = epochState[2];
      sumLoss = epochState[3];
      steps = epochState[4];
      eta = epochState[5];
    } else {
      let s0 = 0;
      for (let s = 0; s < m; s++) {
        if (!indptr && s >= s0 + chunk) s0 = s;
        if (!indptr && s === s0) epochState[6] += gatherRows(vals, n, order, s0, Math.min(m, s0 + chunk), rowsBuf);
        const i = order[s];
        if (mask?.[i]) continue;
        const start = indptr ? indptr[i] : (s - s0) * n;
        const end = indptr ? indptr[i + 1] : start + n;
        let dotp = 0;
        if (indptr) for (let k = start; k < end; k++) dotp += w[inds[k]] * xv[k];
        else for (let j = 0; j < n; j++) dotp += w[j] * xv[start + j];
        const p = dotp * wscale + intercept;
        const yi = y[i];
        if (optimal) eta = 1 / (alpha * (optimalInit + t - 1));
        else if (invscaling) {
          // sqrt for sklearn's default exponents: Math.pow is several times slower in V8.
          eta = eta0 / (powerT === 0.5 ? Math.sqrt(t) : powerT === 0.25 ? Math.sqrt(Math.sqrt(t)) : t ** powerT);
        }
        if (trackLoss) sumLoss += lossValue(lossCode, lossParam, p, yi);
        const classWeight = yi > 0 ? weightPos : weightNeg;
        let update: number;
        if (pa !== 0) {
          let sq = 0;
          for (let k = start; k < end; k++) sq += xv[k] * xv[k];
          const l = lossValue(lossCode, lossParam, p, yi);
          if (pa === 1) {
            if (sq === 0) continue;
            update = Math.min(C, l / sq);
          } else {
            update = l / (sq + 0.5 / C);
          }
          if (isHinge) update *= yi;
          else if (yi - p < 0) update = -update;
        } else {
          let d = lossDerivative(lossCode, lossParam, p, yi);
          if (d < -MAX_DLOSS) d = -MAX_DLOSS;
          else if (d > MAX_DLOSS) d = MAX_DLOSS;
          update = -eta * d;
        }
        update *= classWeight * sampleWeight[i];
        if (hasL2) {
          // Never scale to negative values when eta·alpha is too big: zero the weights instead.
          wscale *= Math.max(0, 1 - (1 - l1Ratio) * eta * alpha);
          if (wscale < WSCALE_THRESHOLD) {
            foldScale(w, aw, wscale, averageA, averageB);
            wscale = 1;
            averageA = 0;
            averageB = 1;
          }
        }
        if (update !== 0) {
          const c = update / wscale;
          if (indptr) for (let k = start; k < end; k++) w[inds[k]] += xv[k] * c;
          else for (let j = 0; j < n; j++) w[j] += xv[start + j] * c;
          if (fitIntercept) intercept += update * interceptDecay;
        }
        if (aw && average > 0 && average <= t) {
          const numSeen = t - average + 1;
          const mu = 1 / numSeen;
          const c = (averageA * -update) / wscale;
          if (indptr) for (let k = start; k < end; k++) aw[inds[k]] += xv[k] * c;
          else for (let j = 0; j < n; j++) aw[j] += xv[start + j] * c;
          if (numSeen > 1) averageB /= 1 - mu;
          averageA += mu * averageB * wscale;
          averageIntercept += (intercept - averageIntercept) / numSeen;
        }
        if (q) {
          u += l1Ratio * eta * alpha;
          for (let k = start; k < end; k++) {
            const j = indptr ? inds[k] : k - start;
            const z = w[j];
            if (wscale * z > 0) w[j] = Math.max(0, w[j] - (u + q[j]) / wscale);
            else if (wscale * z < 0) w[j] = Math.min(0, w[j] + (u - q[j]) / wscale);
            q[j] += wscale * (w[j] - z);
          }
        }
        t += 1;
        steps++;
      }
    }
    let finite = Number.isFinite(intercept);
    for (let j = 0; finite && j < n; j++) finite = Number.isFinite(w[j]);
    if (!finite) {
      throw new ValidationError(
        `Floating-point under-/overflow occurred at epoch #${epoch + 1}. Scaling input data with StandardScaler or MinMaxScaler might help.`,
        { got: `epoch ${epoch + 1}` },
      );
    }
    if (o.validationScore) {
      const score = o.validationScore(w, intercept);
      if (o.tol > Number.NEGATIVE_INFINITY && score < bestScore + o.tol) noImprovement++;
      else noImprovement = 0;
      if (score > bestScore) bestScore = score;
    } else {
      if (o.tol > Number.NEGATIVE_INFINITY && sumLoss > bestLoss - o.tol * m) noImprovement++;
      else noImprovement = 0;
      if (sumLoss < bestLoss) bestLoss = sumLoss;
    }
    if (noImprovement >= o.nIterNoChange) {
      if (o.learningRate === 'adaptive' && eta > 1e-6) {
        eta /= 5;
        noImprovement = 0;
      } else {
        epoch++;
        break;
      }
    }
  }
  foldScale(w, aw, wscale, averageA, averageB);
  return { coef: w, intercept, averageCoef: aw, averageIntercept, nIter: Math.min(epoch, o.maxIter), steps };
}

/** Rows gathered per chunk in shuffled order (160 KB at 20 features: stays in L2). */
const GATHER_ROWS = 1024;

/**
 * Copies rows `order[s0..s1)` of the row-major `x` (`n` columns) into `out`, one after another.
 * A first pass reads one value per cache line of every row: those loads are independent and
 * few per row, so the CPU keeps many of the (random) misses in flight at once; the copy then
 * finds the rows in cache. The returned sum only keeps that pass from being optimised away.
 */
function gatherRows(x: Float64Array, n: number, order: Int32Array, s0: number, s1: number, out: Float64Array): number {
  let touched = 0;
  for (let s = s0; s < s1; s++) {
    const r = order[s] * n;
    for (let j = 0; j < n; j += 8) touched += x[r + j];
    if (n > 0) touched += x[r + n - 1];
  }
  for (let s = s0, o = 0; s < s1; s++, o += n) {
    const r = order[s] * n;
    for (let j = 0; j < n; j++) out[o + j] = x[r + j];
  }
  return touched;
}

/** Folds the lazy scale (and Bottou's averaging coefficients) into the stored arrays, sklearn's `reset_wscale`. */
function foldScale(
  w: Float64Array,
  aw: Float64Array | undefined,
  wscale: number,
  averageA: number,
  averageB: number,
): void {
  const n = w.length;
  if (aw) for (let j = 0; j < n; j++) aw[j] = (aw[j] + averageA * w[j]) / averageB;
  for (let j = 0; j < n; j++) w[j] *= wscale;
}
