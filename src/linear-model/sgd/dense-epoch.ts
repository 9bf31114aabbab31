/**
 * The specialised epoch of `plainSgd` (plain-sgd.ts) for its common case: dense rows, a gradient
 * step (not passive-aggressive), L2 or no penalty, no averaging. One small monomorphic
 * function V8 optimises once (the general loop's untaken branches cost it repeated
 * deoptimisations), the default losses written out, rows brought into cache a chunk at
 * a time. Same arithmetic in the same order as the general loop: bit-identical results.
 */
import { LossCode, lossDerivative, lossValue } from './losses.js';

/** Gradients are clipped to ±MAX_DLOSS to keep steps finite, as sklearn. */
export const MAX_DLOSS = 1e12;
/** The lazy L2 scale is folded into the weights when it drops below this, as sklearn. */
export const WSCALE_THRESHOLD = 1e-9;

/**
 * One epoch of the loop of `plainSgd` (plain-sgd.ts) for dense rows with a gradient step, L2 (or no)
 * penalty and no averaging, over rows `order[0..m)` (`mask[i] = 1` skips row i): the same
 * arithmetic in the same order. `k` holds the loop constants `[alpha, eta0, powerT,
 * schedule (0 constant, 1 optimal, 2 invscaling), optimalInit, hasL2, l1Ratio, fitIntercept,
 * interceptDecay, weightPos, weightNeg, trackLoss, unitWeights]`, `st` the state `[wscale,
 * intercept, t, sumLoss, steps, eta, sink]`, read at the start and written back at the end;
 * `yBuf`/`swBuf` are `chunk`-long scratch.
 * @example denseEpoch(xs, n, order, m, y, sw, w, undefined, yBuf, swBuf, 1024, k, LossCode.Squared, 0, st)
 */
export function denseEpoch(
  xs: Float64Array,
  n: number,
  order: Int32Array,
  m: number,
  y: Float64Array,
  sampleWeight: Float64Array,
  w: Float64Array,
  mask: Uint8Array | undefined,
  yBuf: Float64Array,
  swBuf: Float64Array,
  chunk: number,
  k: Float64Array,
  lossCode: LossCode,
  lossParam: number,
  st: Float64Array,
): void {
  const alpha = k[0];
  const eta0 = k[1];
  const powerT = k[2];
  const schedule = k[3];
  const optimalInit = k[4];
  const hasL2 = k[5] === 1;
  const l2Factor = 1 - k[6];
  const fitIntercept = k[7] === 1;
  const interceptDecay = k[8];
  const weightPos = k[9];
  const weightNeg = k[10];
  const trackLoss = k[11] === 1;
  const unitWeights = k[12] === 1;
  let eta = st[5];
  let wscale = st[0];
  let intercept = st[1];
  let t = st[2];
  let sumLoss = st[3];
  let steps = st[4];
  let s0 = 0;
  for (let s = 0; s < m; s++) {
    if (s >= s0 + chunk) s0 = s;
    if (s === s0) {
      // Targets and weights too: random reads left in the loop would stall every step.
      st[6] += prefetchRows(xs, n, order, s0, Math.min(m, s0 + chunk), y, sampleWeight, yBuf, swBuf, unitWeights);
    }
    const i = order[s];
    if (mask !== undefined && mask[i] !== 0) continue;
    const start = i * n;
    // One running sum, in order (as the general loop); unrolled by four so each step is fewer
    // instructions and the CPU overlaps more of the next step's independent work with it.
    let dotp = 0;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      dotp += w[j] * xs[start + j];
      dotp += w[j + 1] * xs[start + j + 1];
      dotp += w[j + 2] * xs[start + j + 2];
      dotp += w[j + 3] * xs[start + j + 3];
    }
    for (; j < n; j++) dotp += w[j] * xs[start + j];
    const p = dotp * wscale + intercept;
    const yi = yBuf[s - s0];
    if (schedule === 1) eta = 1 / (alpha * (optimalInit + t - 1));
    else if (schedule === 2) {
      eta = eta0 / (powerT === 0.5 ? Math.sqrt(t) : powerT === 0.25 ? Math.sqrt(Math.sqrt(t)) : t ** powerT);
    }
    // The default losses written out (losses.ts's formulas, same operations): V8 does not
    // inline the general switch here, and each call boxes its double arguments and result.
    let d: number;
    if (lossCode === LossCode.Squared) {
      const r = p - yi;
      if (trackLoss) sumLoss += 0.5 * r * r;
      d = r;
    } else if (lossCode === LossCode.Hinge) {
      const z = p * yi;
      if (trackLoss) sumLoss += z <= lossParam ? lossParam - z : 0;
      d = z <= lossParam ? -yi : 0;
    } else {
      if (trackLoss) sumLoss += lossValue(lossCode, lossParam, p, yi);
      d = lossDerivative(lossCode, lossParam, p, yi);
    }
    const classWeight = yi > 0 ? weightPos : weightNeg;
    if (d < -MAX_DLOSS) d = -MAX_DLOSS;
    else if (d > MAX_DLOSS) d = MAX_DLOSS;
    let update = -eta * d;
    // classWeight · 1 is classWeight exactly: unit weights need no gathering.
    update *= unitWeights ? classWeight : classWeight * swBuf[s - s0];
    if (hasL2) {
      wscale *= Math.max(0, 1 - l2Factor * eta * alpha);
      if (wscale < WSCALE_THRESHOLD) {
        for (let j = 0; j < n; j++) w[j] *= wscale;
        wscale = 1;
      }
    }
    if (update !== 0) {
      const c = update / wscale;
      let q = 0;
      for (; q + 4 <= n; q += 4) {
        w[q] += xs[start + q] * c;
        w[q + 1] += xs[start + q + 1] * c;
        w[q + 2] += xs[start + q + 2] * c;
        w[q + 3] += xs[start + q + 3] * c;
      }
      for (; q < n; q++) w[q] += xs[start + q] * c;
      if (fitIntercept) intercept += update * interceptDecay;
    }
    t += 1;
    steps++;
  }
  st[0] = wscale;
  st[1] = intercept;
  st[2] = t;
  st[3] = sumLoss;
  st[4] = steps;
  st[5] = eta;
}

/**
 * Brings rows `order[s0..s1)` of `x` into cache ahead of their steps by reading one value
 * per cache line of each (many independent misses in flight at once, rather than one per
 * step on the updates' dependency chain), and copies their targets and (unless all are 1)
 * weights to `yOut`/`swOut`. The returned sum only keeps the reads from being optimised away.
 */
function prefetchRows(
  x: Float64Array,
  n: number,
  order: Int32Array,
  s0: number,
  s1: number,
  y: Float64Array,
  sw: Float64Array,
  yOut: Float64Array,
  swOut: Float64Array,
  unitWeights: boolean,
): number {
  let touched = 0;
  for (let s = s0, k = 0; s < s1; s++, k++) {
    const i = order[s];
    const r = i * n;
    for (let j = 0; j < n; j += 8) touched += x[r + j];
    if (n > 0) touched += x[r + n - 1];
    yOut[k] = y[i];
    if (!unitWeights) swOut[k] = sw[i];
  }
  return touched;
}
