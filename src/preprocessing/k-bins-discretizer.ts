/**
 * `KBinsDiscretizer`: bins continuous features into intervals
 * (scikit-learn 1.2's `sklearn.preprocessing.KBinsDiscretizer`).
 *
 * Edges per feature: `'uniform'` equal widths, `'quantile'` numpy linear
 * percentiles, `'kmeans'` midpoints between the centers of a 1-D Lloyd
 * k-means started from the uniform bin centers (sklearn's init and stopping
 * rule). Edges closer than 1e-8 are merged (with a warning), and a constant
 * feature gets one bin. A value goes to bin `searchsorted(innerEdges, x, 'right')`.
 * Output: `'onehot'` (default, a CSR `SparseMatrix`), `'onehot-dense'` or `'ordinal'`.
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import { percentile } from '../base/stats.js';
import type { MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { columnValues } from './scaling-utils.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link KBinsDiscretizer}. */
export interface KBinsDiscretizerParams {
  /** Bins per feature (≥ 2), or one count per feature. Default 5. */
  nBins: number | readonly number[];
  /** `'onehot'` (default, sparse), `'onehot-dense'` or `'ordinal'` (the bin index). */
  encode: 'onehot' | 'onehot-dense' | 'ordinal';
  /** `'quantile'` (default), `'uniform'` or `'kmeans'`. */
  strategy: 'uniform' | 'quantile' | 'kmeans';
}

const DEFAULTS: KBinsDiscretizerParams = { nBins: 5, encode: 'onehot', strategy: 'quantile' };

/** 1-D Lloyd k-means from the given sorted initial centers, as sklearn runs it (tol 1e-4 × variance, 300 iterations). */
function kmeans1d(values: Float64Array, init: Float64Array): Float64Array {
  const n = values.length;
  const k = init.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] - mean) ** 2;
  const tol = (variance / n) * 1e-4;
  let centers = init.slice();
  const labels = new Int32Array(n).fill(-1);
  for (let iter = 0; iter < 300; iter++) {
    let changed = false;
    const sums = new Float64Array(k);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = (values[i] - centers[0]) ** 2;
      for (let c = 1; c < k; c++) {
        const d = (values[i] - centers[c]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (labels[i] !== best) changed = true;
      labels[i] = best;
      sums[best] += values[i];
      counts[best]++;
    }
    const next = centers.map((c, j) => (counts[j] > 0 ? sums[j] / counts[j] : c));
    let shift = 0;
    for (let c = 0; c < k; c++) shift += (next[c] - centers[c]) ** 2;
    centers = next;
    if (!changed || shift <= tol) break;
  }
  return centers;
}

/**
 * Discretizes features into bins.
 *
 * Fitted attributes: `binEdges` (per feature, increasing), `nBinsPerFeature`
 * (sklearn's `n_bins_`, after merging tiny bins).
 *
 * @example
 * import { KBinsDiscretizer } from 'typelearn/preprocessing';
 * const X = [[-2, 1, -4, -1], [-1, 2, -3, -0.5], [0, 3, -2, 0.5], [1, 4, -1, 2]];
 * const est = await new KBinsDiscretizer({ nBins: 3, encode: 'ordinal', strategy: 'uniform' }).fit(X);
 * est.transform(X);  // Tensor [[0, 0, 0, 0], [1, 1, 1, 0], [2, 2, 2, 1], [2, 2, 2, 2]]
 */
export class KBinsDiscretizer extends BaseTransformer<KBinsDiscretizerParams, Tensor | SparseMatrix> {
  static override readonly estimatorName = 'KBinsDiscretizer';

  static override parameterConstraints: ParameterConstraints = {
    nBins: [interval('int', 2, null, 'left'), 'arrayLike'],
    encode: [options(['onehot', 'onehot-dense', 'ordinal'])],
    strategy: [options(['uniform', 'quantile', 'kmeans'])],
  };

  #edges?: Float64Array[];

  /** @param options - see {@link KBinsDiscretizerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<KBinsDiscretizerParams> = {}) {
    super(DEFAULTS, options);
  }

  protected fitImpl(X: MatrixLike): void {
    this.#edges = undefined;
    const { X: data } = this.validateData(X, undefined, { reset: true });
    const [n, p] = data.shape;
    const { nBins, strategy } = this.params;
    const counts = typeof nBins === 'number' ? new Array<number>(p).fill(nBins) : Array.from(nBins);
    if (counts.length !== p || counts.some((c) => !Number.isInteger(c) || c < 2)) {
      throw new ValidationError(
        `nBins must be an integer >= 2 or ${p} such integers (one per feature), got ${JSON.stringify(nBins)}.`,
        {
          param: 'nBins',
          got: nBins,
        },
      );
    }
    const edges: Float64Array[] = [];
    for (let j = 0; j < p; j++) {
      const col = columnValues(data.data, n, p, j);
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const v of col) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (lo === hi) {
        warn(new TypelearnWarning(`Feature ${j} is constant and will be replaced with 0.`));
        edges.push(new Float64Array([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]));
        continue;
      }
      const k = counts[j];
      let e: Float64Array;
      const linspace = (a: number, b: number, m: number) =>
        Float64Array.from({ length: m + 1 }, (_, t) => (t === m ? b : t * ((b - a) / m) + a));
      if (strategy === 'uniform') e = linspace(lo, hi, k);
      else if (strategy === 'quantile') e = linspace(0, 100, k).map((q) => percentile(col, q));
      else {
        const u = linspace(lo, hi, k);
        const init = Float64Array.from({ length: k }, (_, t) => (u[t + 1] + u[t]) * 0.5);
        const centers = kmeans1d(col, init).sort();
        e = new Float64Array(k + 1);
        e[0] = lo;
        e[k] = hi;
        for (let t = 1; t < k; t++) e[t] = (centers[t - 1] + centers[t]) * 0.5;
      }
      if (strategy !== 'uniform') {
        // Bins narrower than 1e-8 are removed, as sklearn does.
        const kept = e.filter((v, t) => t === 0 || v - e[t - 1] > 1e-8);
        if (kept.length - 1 !== k) {
          warn(
            new TypelearnWarning(
              `Bins whose width are too small (i.e., <= 1e-8) in feature ${j} are removed. Consider decreasing the number of bins.`,
            ),
          );
        }
        e = kept;
      }
      edges.push(e);
    }
    this.#edges = edges;
  }

  /** Bin edges per feature (sklearn's `bin_edges_`). */
  get binEdges(): Float64Array[] {
    return this.fitted('binEdges', this.#edges).map((e) => e.slice());
  }

  /** Number of bins per feature (sklearn's `n_bins_`). */
  get nBinsPerFeature(): Int32Array {
    return Int32Array.from(this.fitted('nBinsPerFeature', this.#edges), (e) => e.length - 1);
  }

  /**
   * Bin indices of `X` (ordinal) or their one-hot encoding.
   * @example est.transform([[0, 2, -3, 1]])
   */
  transform(X: MatrixLike): Tensor | SparseMatrix {
    this.checkIsFitted();
    const { X: data } = this.validateData(X, undefined, { reset: false });
    const edges = this.#edges!;
    const [n, p] = data.shape;
    const codes = new Int32Array(n * p);
    for (let j = 0; j < p; j++) {
      const e = edges[j];
      const m = e.length - 2;
      for (let i = 0; i < n; i++) {
        const v = data.data[i * p + j];
        // searchsorted(e[1:-1], v, side='right'): count of inner edges <= v.
        let lo = 0;
        let hi = m;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (e[mid + 1] <= v) lo = mid + 1;
          else hi = mid;
        }
        codes[i * p + j] = lo;
      }
    }
    const { encode } = this.params;
    if (encode === 'ordinal') return new Tensor(Float64Array.from(codes), [n, p]);
    const offsets = new Int32Array(p + 1);
    for (let j = 0; j < p; j++) offsets[j + 1] = offsets[j] + edges[j].length - 1;
    const width = offsets[p];
    if (encode === 'onehot-dense') {
      const out = new Float64Array(n * width);
      for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[i * width + offsets[j] + codes[i * p + j]] = 1;
      return new Tensor(out, [n, width]);
    }
    const indices = new Int32Array(n * p);
    const indptr = Int32Array.from({ length: n + 1 }, (_, i) => i * p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) indices[i * p + j] = offsets[j] + codes[i * p + j];
    return new SparseMatrix(new Float64Array(n * p).fill(1), indices, indptr, [n, width]);
  }

  /**
   * Bin centers for bin indices (or one-hot rows): a lossy inverse.
   * @example est.inverseTransform([[0, 1, 2, 0]])
   */
  inverseTransform(Xt: MatrixLike): Tensor {
    this.checkIsFitted();
    const edges = this.#edges!;
    const p = edges.length;
    const dense = Xt instanceof SparseMatrix ? Xt.toDense() : checkArray(Xt).X;
    const [n, width] = dense.shape;
    const out = new Float64Array(n * p);
    const onehot = this.params.encode !== 'ordinal';
    const expected = onehot ? edges.reduce((s, e) => s + e.length - 1, 0) : p;
    if (width !== expected) {
      throw new ValidationError(`Xt has ${width} columns, expected ${expected}.`, { expected, got: width });
    }
    for (let i = 0; i < n; i++) {
      let start = 0;
      for (let j = 0; j < p; j++) {
        const e = edges[j];
        const nb = e.length - 1;
        let code: number;
        if (onehot) {
          code = 0;
          for (let t = 1; t < nb; t++)
            if (dense.data[i * width + start + t] > dense.data[i * width + start + code]) code = t;
          start += nb;
        } else code = Math.min(nb - 1, Math.max(0, Math.trunc(dense.data[i * width + j])));
        out[i * p + j] = (e[code + 1] + e[code]) * 0.5;
      }
    }
    return new Tensor(out, [n, p]);
  }

  /**
   * The input names (ordinal) or `<feature>_<bin>` (one-hot).
   * @example est.getFeatureNamesOut() // ['x0_0', 'x0_1', 'x0_2', ...]
   */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const names = this.inputFeatureNames(inputFeatures);
    if (this.params.encode === 'ordinal') return names;
    // sklearn 1.2 encodes bins as floats, so the names end in `.0`.
    return this.#edges!.flatMap((e, j) => Array.from({ length: e.length - 1 }, (_, b) => `${names[j]}_${b}.0`));
  }

  protected getState(): Record<string, unknown> {
    return { edges: this.#edges };
  }

  protected setState(state: Record<string, unknown>): void {
    new StateReader(state, 'saved KBinsDiscretizer');
    const edges = state.edges;
    if (!Array.isArray(edges) || !edges.every((e) => e instanceof Float64Array && e.length >= 2)) {
      throw new ValidationError(
        "saved KBinsDiscretizer: saved state 'edges' must be Float64Arrays of at least 2 edges",
      );
    }
    this.#edges = edges as Float64Array[];
  }
}
