/**
 * Split finding and sample partitioning (scikit-learn's `Splitter`): from a
 * node's histograms, the split with the largest gain
 * `G_L²/(H_L+λ) + G_R²/(H_R+λ) - G²/(H+λ)` (in its bounded form
 * `loss(node) - loss(left) - loss(right)` with `loss = G·value`) over every
 * allowed feature, honouring `minSamplesLeaf`, `minHessianToSplit`,
 * monotonic constraints (children values bounded; a split whose values go the
 * wrong way is rejected) and missing values (tried on both sides, the better
 * kept). Categorical features are split LightGBM-style: categories with
 * enough support are sorted by `G/(H + 10)` and the best prefix from either
 * end (at most 32 categories) goes left.
 */

import { HIST_STRIDE } from './histogram.js';

/** Constraint code of a feature: 1 increasing, -1 decreasing, 0 none. */
export type MonotonicCst = -1 | 0 | 1;

/** Everything the split finder needs besides the node itself. */
export interface SplitContext {
  nBins: number;
  missingBin: number;
  nBinsNonMissing: Int32Array;
  hasMissing: Uint8Array;
  isCategorical: Uint8Array;
  /** One code per feature, or null for none. */
  monotonicCst: Int8Array | null;
  minSamplesLeaf: number;
  minHessianToSplit: number;
  l2Regularization: number;
  /** Hessians are constant (1): use counts instead of hessian sums. */
  constantHessian: boolean;
}

/** The best split of a node (gain -1 when none). */
export interface SplitInfo {
  gain: number;
  feature: number;
  /** Numeric splits: bins `<= binIdx` go left. */
  binIdx: number;
  missingGoToLeft: boolean;
  isCategorical: boolean;
  /** Categorical splits: which bins go left (length `nBins`). */
  leftBins: Uint8Array | null;
  sumGradLeft: number;
  sumHessLeft: number;
  nLeft: number;
  sumGradRight: number;
  sumHessRight: number;
  nRight: number;
  valueLeft: number;
  valueRight: number;
}

/**
 * An empty split record (gain -1).
 * @example noSplit().gain // -1
 */
export function noSplit(): SplitInfo {
  return {
    gain: -1,
    feature: -1,
    binIdx: -1,
    missingGoToLeft: false,
    isCategorical: false,
    leftBins: null,
    sumGradLeft: 0,
    sumHessLeft: 0,
    nLeft: 0,
    sumGradRight: 0,
    sumHessRight: 0,
    nRight: 0,
    valueLeft: 0,
    valueRight: 0,
  };
}

/**
 * The Newton step `-G / (H + λ)` clipped to the node's bounds (sklearn's `compute_node_value`).
 * @example computeNodeValue(-4, 2, -Infinity, Infinity, 0) // ≈ 2
 */
export function computeNodeValue(sumGrad: number, sumHess: number, lower: number, upper: number, l2: number): number {
  const v = -sumGrad / (sumHess + l2 + 1e-15);
  return v < lower ? lower : Math.min(v, upper);
}

/** Minimum samples of a category (and the smoothing added to its hessian) in categorical splits, as sklearn/LightGBM. */
const MIN_CAT_SUPPORT = 10;
/** At most this many categories are sent left. */
const MAX_CAT_THRESHOLD = 32;

/** Mutable state of one node's search, reused across features. */
class Search {
  best = noSplit();
  lossNode = 0;
  lower = Number.NEGATIVE_INFINITY;
  upper = Number.POSITIVE_INFINITY;
  constructor(readonly ctx: SplitContext) {}

  /** Gain of a candidate, or -1 when it breaks the monotonic constraint `cst`. */
  gain(gl: number, hl: number, gr: number, hr: number, cst: number): number {
    const { l2Regularization: l2 } = this.ctx;
    const vl = computeNodeValue(gl, hl, this.lower, this.upper, l2);
    const vr = computeNodeValue(gr, hr, this.lower, this.upper, l2);
    if ((cst === 1 && vl > vr) || (cst === -1 && vl < vr)) return -1;
    return this.lossNode - gl * vl - gr * vr;
  }

  record(
    gain: number,
    feature: number,
    binIdx: number,
    missingLeft: boolean,
    gl: number,
    hl: number,
    nl: number,
    g: number,
    h: number,
    nTotal: number,
  ): void {
    const b = this.best;
    const l2 = this.ctx.l2Regularization;
    b.gain = gain;
    b.feature = feature;
    b.binIdx = binIdx;
    b.missingGoToLeft = missingLeft;
    b.isCategorical = false;
    b.leftBins = null;
    b.sumGradLeft = gl;
    b.sumHessLeft = hl;
    b.nLeft = nl;
    b.sumGradRight = g - gl;
    b.sumHessRight = h - hl;
    b.nRight = nTotal - nl;
    b.valueLeft = computeNodeValue(gl, hl, this.lower, this.upper, l2);
    b.valueRight = computeNodeValue(g - gl, h - hl, this.lower, this.upper, l2);
  }
}

/**
 * The best split of a node with `nSamples` samples, gradient/hessian sums
 * `sumGrad`/`sumHess`, (bounded, unshrunk) value `value` and value bounds
 * `[lower, upper]`, over `features`, from its histograms `hist`.
 * @example const split = findNodeSplit(hist, features, n, g, h, value, -Infinity, Infinity, ctx);
 */
export function findNodeSplit(
  hist: Float64Array,
  features: Int32Array,
  nSamples: number,
  sumGrad: number,
  sumHess: number,
  value: number,
  lower: number,
  upper: number,
  ctx: SplitContext,
): SplitInfo {
  const s = new Search(ctx);
  s.lossNode = sumGrad * value;
  s.lower = lower;
  s.upper = upper;
  for (let j = 0; j < features.length; j++) {
    const f = features[j];
    if (ctx.isCategorical[f]) splitCategorical(s, hist, f, nSamples, sumGrad, sumHess);
    else {
      scanNumeric(s, hist, f, nSamples, sumGrad, sumHess, false);
      if (ctx.hasMissing[f]) scanNumeric(s, hist, f, nSamples, sumGrad, sumHess, true);
    }
  }
  const best = s.best;
  if (best.feature >= 0 && !ctx.hasMissing[best.feature]) {
    // No missing values in training: at predict time they follow the majority.
    best.missingGoToLeft = best.nLeft > best.nRight;
  }
  return best;
}

/**
 * Scans bins upwards (missing values, if any, go right); with `missingLeft`,
 * scans downwards with the missing values on the left. Each direction has
 * its own loop: this runs for every bin of every feature of every node.
 * Unconstrained nodes (no monotonic constraint, unbounded values: nearly
 * all of them) take {@link scanFree}, where the gain is written out inline.
 */
function scanNumeric(
  s: Search,
  hist: Float64Array,
  f: number,
  n: number,
  g: number,
  h: number,
  missingLeft: boolean,
): void {
  const { ctx } = s;
  const cst = ctx.monotonicCst ? ctx.monotonicCst[f] : 0;
  if (cst === 0 && s.lower === Number.NEGATIVE_INFINITY && s.upper === Number.POSITIVE_INFINITY) {
    scanFree(s, hist, f, n, g, h, missingLeft);
    return;
  }
  const base = f * ctx.nBins * HIST_STRIDE;
  const { minSamplesLeaf: minLeaf, minHessianToSplit: minHess } = ctx;
  // With a constant hessian the hessian sums are the counts (slot 2).
  const hSlot = ctx.constantHessian ? 2 : 1;
  const nNonMissing = ctx.nBinsNonMissing[f];
  let bestGain = s.best.gain;
  let bestBin = -1;
  let bestG = 0;
  let bestH = 0;
  let bestN = 0;
  // Sums on the side the scan starts from (left when scanning up, right when scanning down).
  let ns = 0;
  let gs = 0;
  let hs = 0;
  if (!missingLeft) {
    // The last non-missing bin is a candidate only when it leaves the missing values alone on the right.
    const steps = nNonMissing - 1 + ctx.hasMissing[f];
    for (let bin = 0; bin < steps; bin++) {
      const o = base + bin * HIST_STRIDE;
      ns += hist[o + 2];
      gs += hist[o];
      hs += hist[o + hSlot];
      if (ns < minLeaf) continue;
      if (n - ns < minLeaf) break;
      if (hs < minHess) continue;
      if (h - hs < minHess) break;
      // -1 (never a best gain) when the split breaks the monotonic constraint.
      const gain = s.gain(gs, hs, g - gs, h - hs, cst);
      if (gain > bestGain && gain > 0) {
        bestGain = gain;
        bestBin = bin;
        bestG = gs;
        bestH = hs;
        bestN = ns;
      }
    }
  } else {
    for (let bin = nNonMissing - 1; bin > 0; bin--) {
      const o = base + bin * HIST_STRIDE;
      ns += hist[o + 2];
      gs += hist[o];
      hs += hist[o + hSlot];
      if (ns < minLeaf) continue;
      if (n - ns < minLeaf) break;
      if (hs < minHess) continue;
      if (h - hs < minHess) break;
      const gl = g - gs;
      const hl = h - hs;
      const gain = s.gain(gl, hl, g - gl, h - hl, cst);
      if (gain > bestGain && gain > 0) {
        bestGain = gain;
        // Bins <= bestBin go left: the bin just added is the first one on the right.
        bestBin = bin - 1;
        bestG = gl;
        bestH = hl;
        bestN = n - ns;
      }
    }
  }
  if (bestBin >= 0) s.record(bestGain, f, bestBin, missingLeft, bestG, bestH, bestN, g, h, n);
}

/** Scratch of {@link scanFree}'s loop invariants. */
const INVARIANTS = new Float64Array(8);

/** Relative slack of the division-free pre-check in {@link scanFree}: far above rounding errors (~1e-16). */
const SKIP_SLACK = 1e-9;

/**
 * {@link scanNumeric} for an unconstrained node, with the same results
 * bit for bit. With bounds ±∞, `computeNodeValue` is exactly
 * `-G / (H + λ + 1e-15)` (`v < -∞` never holds and `min(v, ∞)` is `v`,
 * NaN and -0 included), so the gain below is the same expression,
 * evaluated in the same order.
 *
 * The constraint checks come after the gain and only the rare "stop here"
 * case branches early: a bin is a candidate when both sides have
 * `minSamplesLeaf` samples and `minHessianToSplit` hessian, and the scan
 * stops where the generic loop would (the start side is large enough but
 * the other side is not).
 *
 * Most bins cannot beat the best gain so far, and the two divisions of the
 * gain dominate a bin's cost. With `dL, dR > 0`,
 * `L + gL²/dL + gR²/dR > best` iff `gL²·dR + gR²·dL > (best - L)·dL·dR`:
 * no division. Bins failing that by a relative margin of 1e-9 (rounding
 * errors are ~1e-16, so their exact gain surely loses) are skipped. For
 * every candidate bin `dL >= minHessianToSplit >= 1e-10` (λ >= 0) and
 * `dR >= 1e-15`, all terms are non-negative, and the bound (>= 1e-250) and
 * `min(·, 1e300)` keep the products away from underflow and overflow, so
 * the margin covers every rounding error; with NaN nothing is skipped.
 */
function scanFree(
  s: Search,
  hist: Float64Array,
  f: number,
  n: number,
  g: number,
  h: number,
  missingLeft: boolean,
): void {
  const { ctx } = s;
  // A local: the imported binding is re-read (with a TDZ check) on every use.
  const stride = HIST_STRIDE;
  const base = f * ctx.nBins * stride;
  // Read back as doubles: V8 then converts them once here rather than on every use in the loops.
  const inv = INVARIANTS;
  inv[0] = n;
  inv[1] = g;
  inv[2] = h;
  inv[3] = ctx.minSamplesLeaf;
  inv[4] = ctx.minHessianToSplit;
  inv[5] = ctx.l2Regularization;
  inv[6] = s.lossNode;
  const nD = inv[0];
  const gD = inv[1];
  const hD = inv[2];
  const minLeaf = inv[3];
  const minHess = inv[4];
  const l2 = inv[5];
  const lossNode = inv[6];
  const hSlot = ctx.constantHessian ? 2 : 1;
  const nNonMissing = ctx.nBinsNonMissing[f];
  // The pre-check needs dL >= 1e-10 for candidates; the bound T (below) >= 1e-250 keeps it clear of underflow.
  const canSkip = minHess >= 1e-10 && l2 >= 0;
  const scale = 1 + SKIP_SLACK;
  const lossSlack = SKIP_SLACK * Math.abs(lossNode);
  let bestGain = s.best.gain;
  // T = max(best, 0) - L - 1e-9·|L|, or -1 (nothing skipped). Inline (a call here makes V8 box the sums).
  let t = Math.max(bestGain, 0) - lossNode - lossSlack;
  let bound = canSkip && t >= 1e-250 ? t : -1;
  let bestBin = -1;
  let bestG = 0;
  let bestH = 0;
  let bestN = 0;
  // Sums on the side the scan starts from (left when scanning up, right when scanning down).
  let ns = 0;
  let gs = 0;
  let hs = 0;
  if (!missingLeft) {
    const steps = nNonMissing - 1 + ctx.hasMissing[f];
    for (let bin = 0; bin < steps; bin++) {
      const o = base + bin * stride;
      ns += hist[o + 2];
      gs += hist[o];
      hs += hist[o + hSlot];
      const hr = hD - hs;
      if (nD - ns < minLeaf || hr < minHess) {
        if (ns >= minLeaf && (nD - ns < minLeaf || hs >= minHess)) break;
        continue;
      }
      const gr = gD - gs;
      const dl = hs + l2 + 1e-15;
      const dr = hr + l2 + 1e-15;
      if ((gs * gs * dr + gr * gr * dl) * scale < Math.min(bound * dl * dr, 1e300)) continue;
      const gain = lossNode - gs * (-gs / dl) - gr * (-gr / dr);
      if (gain > bestGain && gain > 0 && ns >= minLeaf && hs >= minHess) {
        bestGain = gain;
        t = bestGain - lossNode - lossSlack;
        bound = canSkip && t >= 1e-250 ? t : -1;
        bestBin = bin;
        bestG = gs;
        bestH = hs;
        bestN = ns;
      }
    }
  } else {
    for (let bin = nNonMissing - 1; bin > 0; bin--) {
      const o = base + bin * stride;
      ns += hist[o + 2];
      gs += hist[o];
      hs += hist[o + hSlot];
      const hl = hD - hs;
      if (nD - ns < minLeaf || hl < minHess) {
        if (ns >= minLeaf && (nD - ns < minLeaf || hs >= minHess)) break;
        continue;
      }
      const gl = gD - gs;
      const gr = gD - gl;
      const dl = hl + l2 + 1e-15;
      const dr = hD - hl + l2 + 1e-15;
      if ((gl * gl * dr + gr * gr * dl) * scale < Math.min(bound * dl * dr, 1e300)) continue;
      const gain = lossNode - gl * (-gl / dl) - gr * (-gr / dr);
      if (gain > bestGain && gain > 0 && ns >= minLeaf && hs >= minHess) {
        bestGain = gain;
        t = bestGain - lossNode - lossSlack;
        bound = canSkip && t >= 1e-250 ? t : -1;
        // Bins <= bestBin go left: the bin just added is the first one on the right.
        bestBin = bin - 1;
        bestG = gl;
        bestH = hl;
        bestN = nD - ns;
      }
    }
  }
  if (bestBin >= 0) s.record(bestGain, f, bestBin, missingLeft, bestG, bestH, bestN, g, h, n);
}

/** LightGBM-style categorical split: sort categories by G/(H+10), try prefixes from both ends. */
function splitCategorical(s: Search, hist: Float64Array, f: number, n: number, g: number, h: number): void {
  const { ctx } = s;
  const base = f * ctx.nBins * HIST_STRIDE;
  const cst = ctx.monotonicCst ? ctx.monotonicCst[f] : 0;
  const used: number[] = [];
  const ratio: number[] = [];
  const consider = (b: number) => {
    const o = base + b * HIST_STRIDE;
    const count = hist[o + 2];
    if (count < MIN_CAT_SUPPORT) return;
    const hb = ctx.constantHessian ? count : hist[o + 1];
    used.push(b);
    ratio[b] = hist[o] / (hb + MIN_CAT_SUPPORT);
  };
  for (let b = 0; b < ctx.nBinsNonMissing[f]; b++) consider(b);
  // Missing values are one more category.
  if (ctx.hasMissing[f]) consider(ctx.missingBin);
  if (used.length <= 1) return;
  used.sort((a, b) => ratio[a] - ratio[b] || a - b);
  const maxLeft = Math.min(MAX_CAT_THRESHOLD, (used.length + 1) >> 1);
  let bestGain = s.best.gain;
  let bestCount = -1;
  let bestDirection = 1;
  let bl = { g: 0, h: 0, n: 0 };
  for (const direction of [1, -1]) {
    let nl = 0;
    let gl = 0;
    let hl = 0;
    for (let i = 0; i < maxLeft; i++) {
      const b = direction === 1 ? used[i] : used[used.length - 1 - i];
      const o = base + b * HIST_STRIDE;
      const count = hist[o + 2];
      nl += count;
      gl += hist[o];
      hl += ctx.constantHessian ? count : hist[o + 1];
      if (nl < ctx.minSamplesLeaf || hl < ctx.minHessianToSplit) continue;
      if (n - nl < ctx.minSamplesLeaf || h - hl < ctx.minHessianToSplit) break;
      const gain = s.gain(gl, hl, g - gl, h - hl, cst);
      if (gain > bestGain && gain > 0) {
        bestGain = gain;
        bestCount = i + 1;
        bestDirection = direction;
        bl = { g: gl, h: hl, n: nl };
      }
    }
  }
  if (bestCount < 0) return;
  const leftBins = new Uint8Array(ctx.nBins);
  for (let i = 0; i < bestCount; i++) leftBins[bestDirection === 1 ? used[i] : used[used.length - 1 - i]] = 1;
  s.record(bestGain, f, -1, leftBins[ctx.missingBin] === 1, bl.g, bl.h, bl.n, g, h, n);
  s.best.isCategorical = true;
  s.best.leftBins = leftBins;
}

/**
 * Which bins go left under `split`: a lookup table of length `nBins`.
 * @example goLeftTable(split, 256)[3] // 1 when bin 3 goes left
 */
export function goLeftTable(split: SplitInfo, nBins: number): Uint8Array {
  const table = new Uint8Array(nBins);
  if (split.isCategorical && split.leftBins) table.set(split.leftBins);
  else for (let b = 0; b <= split.binIdx; b++) table[b] = 1;
  table[nBins - 1] = split.missingGoToLeft ? 1 : 0;
  return table;
}

/**
 * Stable partition of `idx[start..end)` by the split: samples going left
 * first, then the others; returns the index where the right part starts.
 * `scratch` holds at least `end - start` entries.
 * @example const mid = splitIndices(binned, n, idx, 0, n, split, 256, scratch);
 */
export function splitIndices(
  binned: Uint8Array,
  n: number,
  idx: Int32Array,
  start: number,
  end: number,
  split: SplitInfo,
  nBins: number,
  scratch: Int32Array,
): number {
  const goLeft = goLeftTable(split, nBins);
  const col = split.feature * n;
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const i = idx[k];
    if (goLeft[binned[col + i]] === 1) idx[l++] = i;
    else scratch[r++] = i;
  }
  idx.set(scratch.subarray(0, r), l);
  return l;
}
