/**
 * `IncrementalPCA`: scikit-learn's `sklearn.decomposition.IncrementalPCA`
 * (Ross et al. 2008): PCA fitted batch by batch, in memory proportional to
 * `batchSize x nFeatures` rather than the whole data set.
 *
 * Each batch is centred on its own mean and stacked under the previous
 * `singularValues · components` and one mean-correction row; the SVD of that
 * small matrix gives the updated components. Signs follow sklearn's
 * `svd_flip` with the `v`-based rule (the largest-magnitude entry of each
 * component is positive), so results match sklearn including signs.
 */
import { ValidationError } from '../base/errors.js';
import { interval, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { svdInPlace } from '../linalg/svd.js';
import { BasePCA, type PCAModel } from './base-pca.js';
import { svdFlip } from './svd-flip.js';

/** Options of {@link IncrementalPCA}. */
export interface IncrementalPCAParams {
  /** Components to keep; `null`: `min(nSamples of the first batch, nFeatures)`. Default `null`. */
  nComponents: number | null;
  /** Scale the scores to unit variance. Default false. */
  whiten: boolean;
  /** Rows per batch in `fit`; `null`: `5 · nFeatures`. Default `null`. */
  batchSize: number | null;
}

const DEFAULTS: IncrementalPCAParams = { nComponents: null, whiten: false, batchSize: null };

/** sklearn's `gen_batches(n, size, min_batch_size)`: batch bounds, the last batch absorbing a short tail. */
export function genBatches(n: number, size: number, minBatchSize = 0): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let b = 0; b < Math.floor(n / size); b++) {
    const end = start + size;
    if (end + minBatchSize > n) continue;
    out.push([start, end]);
    start = end;
  }
  if (start < n) out.push([start, n]);
  return out;
}

/**
 * PCA fitted incrementally, by `fit` over batches of `batchSize` rows or by
 * repeated `partialFit` calls.
 *
 * Fitted attributes (as `PCA`): `components`, `explainedVariance`,
 * `explainedVarianceRatio`, `singularValues`, `mean`, `noiseVariance`, plus
 * `var` (per-feature variance), `nSamplesSeen` and `batchSizeUsed`.
 *
 * @example
 * import { IncrementalPCA } from 'typelearn/decomposition';
 * const ipca = new IncrementalPCA({ nComponents: 2 });
 * for (const chunk of chunks) await ipca.partialFit(chunk);
 * ipca.transform(chunks[0]).shape; // [chunk rows, 2]
 */
export class IncrementalPCA extends BasePCA<IncrementalPCAParams> {
  static override readonly estimatorName = 'IncrementalPCA';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left'), null],
    whiten: ['boolean'],
    batchSize: [interval('int', 1, null, 'left'), null],
  };

  #var?: Float64Array;
  #seen = 0;
  #batchSize?: number;
  /** Set while `partialFit` runs its first call through `fit`, so the data is one batch. */
  #oneBatch = false;

  /** @param options - see {@link IncrementalPCAParams}. */
  constructor(options: Partial<IncrementalPCAParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), partialFit: true };
  }

  /** Per-feature variance of all rows seen (population, sklearn's `var_`). */
  get var(): Float64Array {
    return this.fitted('var', this.#var).slice();
  }

  /** Number of rows seen so far (sklearn's `n_samples_seen_`). */
  get nSamplesSeen(): number {
    this.checkIsFitted('nSamplesSeen');
    return this.#seen;
  }

  /** The batch size `fit` used (sklearn's `batch_size_`); `undefined` after `partialFit` only. */
  get batchSizeUsed(): number | undefined {
    this.checkIsFitted('batchSizeUsed');
    return this.#batchSize;
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    this.setModel(undefined);
    this.#var = undefined;
    this.#seen = 0;
    if (this.#oneBatch) {
      this.#batchSize = undefined;
      this.#update(x, n, d);
      return;
    }
    const size = this.params.batchSize ?? 5 * d;
    this.#batchSize = size;
    for (const [start, end] of genBatches(n, size, this.params.nComponents ?? 0)) {
      this.throwIfAborted(options.signal);
      this.#update(x.subarray(start * d, end * d), end - start, d);
    }
  }

  /**
   * Updates the model with one more batch (the first call fits on it alone).
   * @example for (const chunk of chunks) await ipca.partialFit(chunk);
   */
  async partialFit(X: MatrixLike, y?: Labels, options: FitOptions = {}): Promise<this> {
    if (!this.isFitted) {
      this.#oneBatch = true;
      try {
        return await this.fit(X, y, options);
      } finally {
        this.#oneBatch = false;
      }
    }
    this.throwIfAborted(options.signal);
    this.validateParams();
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    this.#update(xt.data as Float64Array, xt.shape[0], xt.shape[1]);
    return this;
  }

  /** One incremental step on the `n x d` batch `x` (sklearn's `partial_fit` body). */
  #update(x: Float64Array, n: number, d: number): void {
    const prev = this.currentModel;
    const nc = this.params.nComponents;
    let k: number;
    if (nc === null) k = prev ? prev.explainedVariance.length : Math.min(n, d);
    else if (nc > d) {
      throw new ValidationError(
        `nComponents=${nc} invalid for nFeatures=${d}, need more rows than columns for IncrementalPCA processing`,
        { param: 'nComponents', expected: `<= ${d}`, got: nc },
      );
    } else if (nc > n) {
      throw new ValidationError(`nComponents=${nc} must be less or equal to the batch number of samples ${n}.`, {
        param: 'nComponents',
        expected: `<= ${n}`,
        got: nc,
      });
    } else k = nc;
    if (prev && prev.explainedVariance.length !== k) {
      throw new ValidationError(
        `Number of components has changed from ${prev.explainedVariance.length} to ${k} between calls to partialFit; set nComponents to a fixed value.`,
      );
    }
    const seen = this.#seen;
    const lastMean = prev ? prev.mean : new Float64Array(d);
    const lastVar = this.#var ?? new Float64Array(d);
    // sklearn's _incremental_mean_and_var.
    const batchMean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) batchMean[f] += x[i * d + f];
    const total = seen + n;
    const mean = new Float64Array(d);
    const variance = new Float64Array(d);
    for (let f = 0; f < d; f++) {
      const newSum = batchMean[f];
      batchMean[f] = newSum / n;
      let corr = 0;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const t = x[i * d + f] - batchMean[f];
        corr += t;
        ss += t * t;
      }
      const newUnnormalized = ss - (corr * corr) / n;
      const lastSum = lastMean[f] * seen;
      mean[f] = (lastSum + newSum) / total;
      if (seen === 0) variance[f] = newUnnormalized / total;
      else {
        const ratio = seen / n;
        const upd = lastVar[f] * seen + newUnnormalized + (ratio / total) * (lastSum / ratio - newSum) ** 2;
        variance[f] = upd / total;
      }
    }
    // The matrix to decompose: [s·V; X - batch mean; mean correction] (or X - mean first time).
    const extra = prev ? k + 1 : 0;
    const rows = n + extra;
    const a = new Float64Array(rows * d);
    let r0 = 0;
    if (prev) {
      for (let c = 0; c < k; c++) {
        const s = prev.singularValues[c];
        for (let f = 0; f < d; f++) a[c * d + f] = s * prev.components[c * d + f];
      }
      r0 = k;
    }
    const centre = prev ? batchMean : mean;
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) a[(r0 + i) * d + f] = x[i * d + f] - centre[f];
    if (prev) {
      const scale = Math.sqrt((seen / total) * n);
      const last = (rows - 1) * d;
      for (let f = 0; f < d; f++) a[last + f] = scale * (lastMean[f] - batchMean[f]);
    }
    const { u, s, vt } = svdInPlace(a, rows, d, true, false);
    const r = Math.min(rows, d);
    svdFlip(u, rows, r, vt as Float64Array, d, false);
    let ssTotal = 0;
    for (let f = 0; f < d; f++) ssTotal += variance[f] * total;
    const ev = Float64Array.from(s, (v) => (v * v) / (total - 1));
    let noise = 0;
    if (k !== n && k !== d) {
      for (let c = k; c < r; c++) noise += ev[c];
      noise = r > k ? noise / (r - k) : Number.NaN;
    }
    const model: PCAModel = {
      mean,
      components: (vt as Float64Array).slice(0, k * d),
      explainedVariance: ev.slice(0, k),
      explainedVarianceRatio: Float64Array.from(s.subarray(0, k), (v) => (v * v) / ssTotal),
      singularValues: s.slice(0, k),
      noiseVariance: noise,
      nSamples: total,
    };
    this.setModel(model);
    this.#var = variance;
    this.#seen = total;
  }

  protected override getState(): Record<string, unknown> {
    return { ...super.getState(), var: this.#var, seen: this.#seen, batchSize: this.#batchSize ?? null };
  }

  protected override setState(state: Record<string, unknown>): void {
    super.setState(state);
    const r = new StateReader(state, 'saved IncrementalPCA');
    this.#var = r.float64Array('var', r.float64Array('mean').length);
    this.#seen = r.number('seen', { integer: true, min: 0 });
    const b = state.batchSize;
    this.#batchSize = typeof b === 'number' ? b : undefined;
  }
}
