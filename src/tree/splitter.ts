/**
 * `NodeSplitter`: finds the split of one node, as scikit-learn's
 * `BestSplitter` / `RandomSplitter` do, and partitions the node's samples.
 *
 * Samples live in `samples[start..end)` (only samples of non-zero weight are
 * kept). The best splitter also keeps, per feature, the node's samples in
 * ascending feature order (`sorted[f * m + p]`, NaN last): a global argsort is
 * filtered once per tree and then partitioned stably at every split, so no
 * node ever sorts. Features are drawn in a random order (sklearn's loop,
 * including its bookkeeping of features found constant, which children
 * inherit); the first strictly better split wins, so within a feature the
 * smallest threshold wins ties. Thresholds are midpoints `a/2 + b/2` of
 * consecutive distinct float32 values (`b > a + 1e-7`).
 *
 * Missing values (sklearn ≥ 1.3): for a feature with NaN in the node, every
 * threshold is tried with the NaN samples sent left and right, plus the split
 * "all values left, NaN right" (threshold +∞). The random splitter sends them
 * to a random side.
 */
import type { RandomGenerator } from '../tensor/random.js';
import { MaeScanner } from './absolute-error.js';
import {
  classImpurity,
  EPSILON,
  GINI,
  MAE,
  MSE,
  mseImpurity,
  POISSON,
  regressionProxy,
  weightedMedian,
} from './criterion.js';

const FEATURE_THRESHOLD = 1e-7;

/** What the splitter needs to know about the training data (all read-only). */
export interface SplitterData {
  /** Column-major float32 features: `X[f * nSamples + i]`. */
  X: Float32Array;
  nSamples: number;
  nFeatures: number;
  /** Class index per sample (classification) or `null`. */
  yClass: Int32Array | null;
  /** Number of classes (0 for regression). */
  nClasses: number;
  /** Regression target per sample (unused for classification). */
  y: Float64Array;
  /** Weight per sample; 0 excludes the sample. */
  weights: Float64Array;
  /** Global argsort of each column (`argsortColumns`), required by the best splitter. */
  order: Int32Array | null;
  /** 1 for columns holding NaN. */
  hasNaN: Uint8Array;
}

/** Resolved hyper-parameters of the split search. */
export interface SplitterOptions {
  /** Criterion code (see `criterion.ts`). */
  criterion: number;
  random: boolean;
  maxFeatures: number;
  minSamplesLeaf: number;
  minWeightLeaf: number;
  rng: RandomGenerator;
}

/** The chosen split of a node, with its children's statistics. */
export interface SplitResult {
  feature: number;
  threshold: number;
  /** Samples `[start, pos)` went left. */
  pos: number;
  missingGoLeft: boolean;
  improvement: number;
  impurityLeft: number;
  impurityRight: number;
  statsLeft: Float64Array;
  statsRight: Float64Array;
}

/**
 * Node statistics: weighted class counts (classification) or `[Σw, Σw·y, Σw·y²]`;
 * `weight` is the node's total weight.
 */
export interface NodeStats {
  stats: Float64Array;
  weight: number;
}

export class NodeSplitter {
  readonly d: SplitterData;
  readonly o: SplitterOptions;
  /** Number of samples with non-zero weight. */
  readonly m: number;
  /** Total weight of those samples (sklearn's `weighted_n_samples`). */
  readonly totalWeight: number;
  readonly samples: Int32Array;
  readonly sorted: Int32Array | null;
  /** Feature values in the order of `sorted` (contiguous scans instead of random reads of X). */
  readonly sortedX: Float32Array | null;
  /** Statistics width: classes, or 3 for regression. */
  readonly width: number;
  readonly #features: Int32Array;
  readonly #featurePos: Int32Array;
  readonly #goLeft: Uint8Array;
  readonly #tmp: Int32Array;
  readonly #tmpX: Float32Array;
  readonly #left: Float64Array;
  readonly #right: Float64Array;
  readonly #miss: Float64Array;
  readonly #mae: MaeScanner | null;
  #scratch: Int32Array;
  // Best split found so far in the current node.
  #bestProxy = Number.NEGATIVE_INFINITY;
  #bestFeature = -1;
  #bestNLeft = 0;
  #bestThreshold = 0;
  #bestMissingLeft = false;

  constructor(d: SplitterData, o: SplitterOptions) {
    this.d = d;
    this.o = o;
    const { nSamples: n, nFeatures: f, weights } = d;
    let m = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (weights[i] !== 0) {
        m++;
        total += weights[i];
      }
    }
    this.m = m;
    this.totalWeight = total;
    this.samples = new Int32Array(m);
    for (let i = 0, k = 0; i < n; i++) if (weights[i] !== 0) this.samples[k++] = i;
    if (!o.random) {
      const order = d.order;
      if (order === null) throw new Error('NodeSplitter: the best splitter needs the presorted order');
      const sorted = new Int32Array(f * m);
      for (let j = 0; j < f; j++) {
        let k = j * m;
        const base = j * n;
        if (m === n) sorted.set(order.subarray(base, base + n), k);
        else for (let p = 0; p < n; p++) if (weights[order[base + p]] !== 0) sorted[k++] = order[base + p];
      }
      const sortedX = new Float32Array(f * m);
      for (let j = 0; j < f; j++) {
        const xo = j * n;
        for (let k = j * m, end = k + m; k < end; k++) sortedX[k] = d.X[xo + sorted[k]];
      }
      this.sorted = sorted;
      this.sortedX = sortedX;
    } else {
      this.sorted = null;
      this.sortedX = null;
    }
    this.width = d.nClasses > 0 ? d.nClasses : 3;
    this.#features = new Int32Array(f);
    this.#featurePos = new Int32Array(f);
    for (let j = 0; j < f; j++) {
      this.#features[j] = j;
      this.#featurePos[j] = j;
    }
    this.#goLeft = new Uint8Array(n);
    this.#tmp = new Int32Array(m);
    this.#tmpX = new Float32Array(o.random ? 0 : m);
    this.#left = new Float64Array(this.width);
    this.#right = new Float64Array(this.width);
    this.#miss = new Float64Array(this.width);
    this.#mae = o.criterion === MAE ? new MaeScanner(d.y, weights, n, o.minSamplesLeaf, o.minWeightLeaf) : null;
    this.#scratch = new Int32Array(0);
  }

  /** Statistics of `samples[start..end)`. */
  nodeStats(start: number, end: number): NodeStats {
    const { yClass, y, weights } = this.d;
    const s = new Float64Array(this.width);
    let w = 0;
    const samples = this.samples;
    if (yClass !== null) {
      for (let p = start; p < end; p++) {
        const i = samples[p];
        const wi = weights[i];
        s[yClass[i]] += wi;
        w += wi;
      }
    } else {
      for (let p = start; p < end; p++) {
        const i = samples[p];
        const wi = weights[i];
        const yi = y[i];
        s[0] += wi;
        s[1] += wi * yi;
        s[2] += wi * yi * yi;
      }
      w = s[0];
    }
    return { stats: s, weight: w };
  }

  /** Node impurity (sklearn's `node_impurity`) of `samples[start..end)` with statistics `st`. */
  impurity(start: number, end: number, st: NodeStats): number {
    const code = this.o.criterion;
    if (this.d.yClass !== null) return classImpurity(code, st.stats, this.width, st.weight);
    if (code === POISSON) {
      const sum = st.stats[1];
      if (sum <= EPSILON) return Number.POSITIVE_INFINITY;
      const mean = sum / st.weight;
      let loss = 0;
      for (let p = start; p < end; p++) {
        const i = this.samples[p];
        const yi = this.d.y[i];
        if (yi > 0) loss += this.d.weights[i] * yi * Math.log(yi / mean);
      }
      return loss / st.weight;
    }
    if (code === MAE) {
      const median = this.median(start, end);
      let dev = 0;
      for (let p = start; p < end; p++) {
        const i = this.samples[p];
        dev += this.d.weights[i] * Math.abs(this.d.y[i] - median);
      }
      return dev / st.weight;
    }
    return mseImpurity(st.weight, st.stats[1], st.stats[2]);
  }

  /** Weighted median of the targets of `samples[start..end)`. */
  median(start: number, end: number): number {
    const n = end - start;
    if (this.#scratch.length < n) this.#scratch = new Int32Array(Math.max(n, this.m));
    this.#scratch.set(this.samples.subarray(start, end));
    return weightedMedian(this.d.y, this.d.weights, this.#scratch, n);
  }

  /** Writes node values: class counts, or the mean (median for absolute_error). */
  nodeValue(start: number, end: number, st: NodeStats, out: Float64Array, offset: number): void {
    if (this.d.yClass !== null) out.set(st.stats, offset);
    else out[offset] = this.o.criterion === MAE ? this.median(start, end) : st.stats[1] / st.weight;
  }

  #swap(a: number, b: number): void {
    const f = this.#features;
    const fa = f[a];
    const fb = f[b];
    f[a] = fb;
    f[b] = fa;
    this.#featurePos[fb] = a;
    this.#featurePos[fa] = b;
  }

  /**
   * Finds the best split of `samples[start..end)` and partitions the samples
   * (and the sorted feature lists) accordingly. `constants` lists features
   * known to be constant in this node; the returned `constants` adds those found
   * constant here (children inherit them). `split` is `null` when no valid split exists.
   */
  split(
    start: number,
    end: number,
    st: NodeStats,
    impurity: number,
    constants: Int32Array,
  ): { split: SplitResult | null; constants: Int32Array } {
    const nFeatures = this.d.nFeatures;
    const rng = this.o.rng;
    const nKnown = constants.length;
    // Known constants occupy features[0..nKnown) (sklearn's invariant).
    for (let k = 0; k < nKnown; k++) this.#swap(k, this.#featurePos[constants[k]]);
    this.#bestProxy = Number.NEGATIVE_INFINITY;
    this.#bestFeature = -1;
    if (this.#mae !== null && !this.o.random) this.#mae.prepareNode(this.samples, start, end);
    let fi = nFeatures;
    let nVisited = 0;
    let nFound = 0;
    let nDrawn = 0;
    let nTotal = nKnown;
    const maxFeatures = this.o.maxFeatures;
    while (fi > nTotal && (nVisited < maxFeatures || nVisited <= nFound + nDrawn)) {
      nVisited++;
      let fj = nDrawn + Math.floor(rng.random() * (fi - nFound - nDrawn));
      if (fj < nKnown) {
        this.#swap(nDrawn, fj);
        nDrawn++;
        continue;
      }
      fj += nFound;
      const feature = this.#features[fj];
      const isConstant = this.o.random
        ? this.#scanRandom(feature, start, end, st)
        : this.#scanBest(feature, start, end, st);
      if (isConstant) {
        this.#swap(fj, nTotal);
        nFound++;
        nTotal++;
        continue;
      }
      fi--;
      this.#swap(fi, fj);
    }
    const found = this.#features.slice(0, nTotal);
    if (this.#bestFeature < 0) return { split: null, constants: found };
    const pos = this.#partition(start, end, found);
    const stL = this.nodeStats(start, pos);
    const stR = this.nodeStats(pos, end);
    const impL = this.impurity(start, pos, stL);
    const impR = this.impurity(pos, end, stR);
    const wn = st.weight;
    const improvement = (wn / this.totalWeight) * (impurity - (stR.weight / wn) * impR - (stL.weight / wn) * impL);
    return {
      split: {
        feature: this.#bestFeature,
        threshold: this.#bestThreshold,
        pos,
        missingGoLeft: this.#bestMissingLeft,
        improvement,
        impurityLeft: impL,
        impurityRight: impR,
        statsLeft: stL.stats,
        statsRight: stR.stats,
      },
      constants: found,
    };
  }

  /** Offers a candidate; keeps it when strictly better. Returns whether it was kept. */
  #offer(proxy: number, feature: number, nLeft: number, missingLeft: boolean): boolean {
    if (proxy > this.#bestProxy) {
      this.#bestProxy = proxy;
      this.#bestFeature = feature;
      this.#bestNLeft = nLeft;
      this.#bestMissingLeft = missingLeft;
      return true;
    }
    return false;
  }

  /** Proxy of a classification split; left = `#left` (+ `#miss` when `addMissing`). */
  #classProxy(total: Float64Array, wl: number, wr: number, addMissing: boolean): number {
    const k = this.width;
    const left = this.#left;
    const right = this.#right;
    const miss = this.#miss;
    const code = this.o.criterion;
    if (addMissing) {
      for (let c = 0; c < k; c++) {
        const lc = left[c] + miss[c];
        right[c] = total[c] - lc;
        miss[c] = lc; // temporarily holds the effective left counts
      }
      const proxy = -wr * classImpurity(code, right, k, wr) - wl * classImpurity(code, miss, k, wl);
      for (let c = 0; c < k; c++) miss[c] -= left[c];
      return proxy;
    }
    for (let c = 0; c < k; c++) right[c] = total[c] - left[c];
    return -wr * classImpurity(code, right, k, wr) - wl * classImpurity(code, left, k, wl);
  }

  /** Scans every threshold of `feature` in sorted order. Returns true when the feature is constant here. */
  #scanBest(feature: number, start: number, end: number, st: NodeStats): boolean {
    const { yClass, y, weights } = this.d;
    const sorted = this.sorted as Int32Array;
    const xs = this.sortedX as Float32Array;
    const off = feature * this.m;
    let nm = end;
    if (this.d.hasNaN[feature] === 1) while (nm > start && Number.isNaN(xs[off + nm - 1])) nm--;
    const nMissing = end - nm;
    if (nm === start) return true;
    if (nMissing === 0 && xs[off + nm - 1] <= xs[off + start] + FEATURE_THRESHOLD) return true;
    const msl = this.o.minSamplesLeaf;
    const mwl = this.o.minWeightLeaf;
    const nNode = end - start;
    const wn = st.weight;
    const code = this.o.criterion;
    let wm = 0;
    if (this.#mae !== null) {
      this.#mae.scan(sorted, xs, off, start, nm, (nLeft, proxy) => {
        if (this.#offer(proxy, feature, nLeft, false)) this.#setThreshold(feature, start + nLeft);
      });
      return false;
    }
    // Candidates between positions p and p + 1 where the value changes; `last` is the final one.
    const last = nm - 1;
    if (yClass !== null) {
      const left = this.#left;
      const miss = this.#miss;
      const right = this.#right;
      const k = this.width;
      left.fill(0);
      miss.fill(0);
      for (let p = nm; p < end; p++) {
        const i = sorted[off + p];
        miss[yClass[i]] += weights[i];
        wm += weights[i];
      }
      const total = st.stats;
      const gini = code === GINI;
      let wl = 0;
      let xCur = xs[off + start];
      for (let p = start; p < nm; p++) {
        const i = sorted[off + p];
        const wi = weights[i];
        left[yClass[i]] += wi;
        wl += wi;
        const nL = p + 1 - start;
        if (p < last) {
          const xNext = xs[off + p + 1];
          const same = xNext <= xCur + FEATURE_THRESHOLD;
          xCur = xNext;
          if (same) continue;
          if (nL >= msl && nNode - nL >= msl && wl >= mwl && wn - wl >= mwl) {
            const wr = wn - wl;
            let proxy: number;
            if (gini) {
              let sqL = 0;
              let sqR = 0;
              for (let c = 0; c < k; c++) {
                const l = left[c];
                const r = total[c] - l;
                sqL += l * l;
                sqR += r * r;
              }
              proxy = -wr * (1 - sqR / (wr * wr)) - wl * (1 - sqL / (wl * wl));
            } else {
              for (let c = 0; c < k; c++) right[c] = total[c] - left[c];
              proxy = -wr * classImpurity(code, right, k, wr) - wl * classImpurity(code, left, k, wl);
            }
            if (proxy > this.#bestProxy && this.#offer(proxy, feature, nL, false)) this.#setThreshold(feature, p + 1);
          }
          if (nMissing > 0) {
            const nLm = nL + nMissing;
            const wlm = wl + wm;
            if (nLm >= msl && nNode - nLm >= msl && wlm >= mwl && wn - wlm >= mwl) {
              if (this.#offer(this.#classProxy(total, wlm, wn - wlm, true), feature, nL, true))
                this.#setThreshold(feature, p + 1);
            }
          }
        } else if (nMissing > 0 && nL >= msl && nMissing >= msl && wl >= mwl && wm >= mwl) {
          if (this.#offer(this.#classProxy(total, wl, wm, false), feature, nL, false))
            this.#bestThreshold = Number.POSITIVE_INFINITY;
        }
      }
      return false;
    }
    let sm = 0;
    for (let p = nm; p < end; p++) {
      const i = sorted[off + p];
      sm += weights[i] * y[i];
      wm += weights[i];
    }
    const sumTotal = st.stats[1];
    const mse = code === MSE;
    let wl = 0;
    let sl = 0;
    let xCur = xs[off + start];
    for (let p = start; p < nm; p++) {
      const i = sorted[off + p];
      const wi = weights[i];
      sl += wi * y[i];
      wl += wi;
      const nL = p + 1 - start;
      if (p < last) {
        const xNext = xs[off + p + 1];
        const same = xNext <= xCur + FEATURE_THRESHOLD;
        xCur = xNext;
        if (same) continue;
        if (nL >= msl && nNode - nL >= msl && wl >= mwl && wn - wl >= mwl) {
          const wr = wn - wl;
          const sr = sumTotal - sl;
          const proxy = mse ? (sl * sl) / wl + (sr * sr) / wr : regressionProxy(code, sl, wl, sr, wr);
          if (proxy > this.#bestProxy && this.#offer(proxy, feature, nL, false)) this.#setThreshold(feature, p + 1);
        }
        if (nMissing > 0) {
          const nLm = nL + nMissing;
          const wlm = wl + wm;
          if (nLm >= msl && nNode - nLm >= msl && wlm >= mwl && wn - wlm >= mwl) {
            const slm = sl + sm;
            if (this.#offer(regressionProxy(code, slm, wlm, sumTotal - slm, wn - wlm), feature, nL, true))
              this.#setThreshold(feature, p + 1);
          }
        }
      } else if (nMissing > 0 && nL >= msl && nMissing >= msl && wl >= mwl && wm >= mwl) {
        if (this.#offer(regressionProxy(code, sl, wl, sm, wm), feature, nL, false))
          this.#bestThreshold = Number.POSITIVE_INFINITY;
      }
    }
    return false;
  }

  /** Threshold between sorted positions p-1 and p of `feature` (sklearn's midpoint rule). */
  #setThreshold(feature: number, p: number): void {
    const xs = this.sortedX as Float32Array;
    const off = feature * this.m;
    const a = xs[off + p - 1];
    const b = xs[off + p];
    let t = a / 2 + b / 2;
    if (t === b || t === Number.POSITIVE_INFINITY || t === Number.NEGATIVE_INFINITY) t = a;
    this.#bestThreshold = t;
  }

  /** One random threshold of `feature` (sklearn's RandomSplitter). Returns true when constant. */
  #scanRandom(feature: number, start: number, end: number, st: NodeStats): boolean {
    const { X, nSamples: n, yClass, y, weights } = this.d;
    const samples = this.samples;
    const xo = feature * n;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let nMissing = 0;
    for (let p = start; p < end; p++) {
      const v = X[xo + samples[p]];
      if (Number.isNaN(v)) nMissing++;
      else {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    if (nMissing === end - start) return true;
    let threshold: number;
    if (max <= min + FEATURE_THRESHOLD) {
      if (nMissing === 0) return true;
      threshold = Number.POSITIVE_INFINITY;
    } else {
      threshold = min + (max - min) * this.o.rng.random();
      if (threshold === max) threshold = min;
    }
    const missingLeft = nMissing > 0 && threshold !== Number.POSITIVE_INFINITY && this.o.rng.random() < 0.5;
    let nL = 0;
    let wl = 0;
    let sl = 0;
    const left = this.#left;
    if (yClass !== null) left.fill(0);
    for (let p = start; p < end; p++) {
      const i = samples[p];
      const v = X[xo + i];
      if (v <= threshold || (Number.isNaN(v) && missingLeft)) {
        nL++;
        const wi = weights[i];
        wl += wi;
        if (yClass !== null) left[yClass[i]] += wi;
        else sl += wi * y[i];
      }
    }
    const nR = end - start - nL;
    const wr = st.weight - wl;
    const msl = this.o.minSamplesLeaf;
    const mwl = this.o.minWeightLeaf;
    if (nL < msl || nR < msl || wl < mwl || wr < mwl) return false;
    let proxy: number;
    if (yClass !== null) proxy = this.#classProxy(st.stats, wl, wr, false);
    else if (this.o.criterion === MAE) proxy = this.#maeProxyDirect(feature, threshold, missingLeft, start, end);
    else proxy = regressionProxy(this.o.criterion, sl, wl, st.stats[1] - sl, wr);
    if (this.#offer(proxy, feature, nL, missingLeft)) this.#bestThreshold = threshold;
    return false;
  }

  /** −(Σ|y − median| left + right) for a given threshold (random splitter with absolute_error). */
  #maeProxyDirect(feature: number, threshold: number, missingLeft: boolean, start: number, end: number): number {
    const { X, nSamples: n, y, weights } = this.d;
    const xo = feature * n;
    const count = end - start;
    if (this.#scratch.length < count) this.#scratch = new Int32Array(Math.max(count, this.m));
    const idx = this.#scratch;
    let nl = 0;
    let nr = count - 1;
    for (let p = start; p < end; p++) {
      const i = this.samples[p];
      const v = X[xo + i];
      if (v <= threshold || (Number.isNaN(v) && missingLeft)) idx[nl++] = i;
      else idx[nr--] = i;
    }
    const dev = (from: number, to: number): number => {
      const view = idx.subarray(from, to);
      const med = weightedMedian(y, weights, view, to - from);
      let s = 0;
      for (let p = 0; p < view.length; p++) s += weights[view[p]] * Math.abs(y[view[p]] - med);
      return s;
    };
    return -(dev(0, nl) + dev(nl, count));
  }

  /** Partitions the node by the best split; returns the first right position. */
  #partition(start: number, end: number, constants: Int32Array): number {
    const goLeft = this.#goLeft;
    const feature = this.#bestFeature;
    const { X, nSamples: n } = this.d;
    const xo = feature * n;
    if (this.sorted !== null && this.#bestThreshold !== Number.POSITIVE_INFINITY) {
      const sorted = this.sorted;
      const off = feature * this.m;
      const cut = start + this.#bestNLeft;
      const ml = this.#bestMissingLeft ? 1 : 0;
      const xs = this.sortedX as Float32Array;
      for (let p = start; p < end; p++) {
        const i = sorted[off + p];
        goLeft[i] = p < cut ? 1 : Number.isNaN(xs[off + p]) ? ml : 0;
      }
    } else {
      const t = this.#bestThreshold;
      const ml = this.#bestMissingLeft ? 1 : 0;
      for (let p = start; p < end; p++) {
        const i = this.samples[p];
        const v = X[xo + i];
        goLeft[i] = v <= t ? 1 : Number.isNaN(v) ? ml : 0;
      }
    }
    const pos = this.#partitionArray(this.samples, start, end);
    if (this.sorted !== null) {
      const skip = new Uint8Array(this.d.nFeatures);
      for (let k = 0; k < constants.length; k++) skip[constants[k]] = 1;
      for (let j = 0; j < this.d.nFeatures; j++) {
        if (skip[j] === 0) this.#partitionSorted(j * this.m + start, j * this.m + end);
      }
    }
    return pos;
  }

  /** Stable partition of `sorted[from..to)` and `sortedX[from..to)` by `goLeft`. */
  #partitionSorted(from: number, to: number): void {
    const goLeft = this.#goLeft;
    const a = this.sorted as Int32Array;
    const xs = this.sortedX as Float32Array;
    const tmp = this.#tmp;
    const tmpX = this.#tmpX;
    let w = from;
    let t = 0;
    for (let p = from; p < to; p++) {
      const i = a[p];
      if (goLeft[i] === 1) {
        a[w] = i;
        xs[w++] = xs[p];
      } else {
        tmp[t] = i;
        tmpX[t++] = xs[p];
      }
    }
    a.set(tmp.subarray(0, t), w);
    xs.set(tmpX.subarray(0, t), w);
  }

  /** Stable partition of `a[from..to)` by `goLeft`; returns the relative split position + `from`. */
  #partitionArray(a: Int32Array, from: number, to: number): number {
    const goLeft = this.#goLeft;
    const tmp = this.#tmp;
    let w = from;
    let t = 0;
    for (let p = from; p < to; p++) {
      const i = a[p];
      if (goLeft[i] === 1) a[w++] = i;
      else tmp[t++] = i;
    }
    a.set(tmp.subarray(0, t), w);
    return w;
  }
}
