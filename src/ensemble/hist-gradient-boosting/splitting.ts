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
 * scans downwards with the missing values on the left. The gain is inlined
 * and each direction has its own loop: this runs for every bin of every
 * feature of every node.
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
  const base = f * ctx.nBins * HIST_STRIDE;
  const cst = ctx.monotonicCst ? ctx.monotonicCst[f] : 0;
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
