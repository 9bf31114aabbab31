/**
 * `StandardScaler`: removes the mean and scales to unit variance
 * (scikit-learn's `sklearn.preprocessing.StandardScaler`).
 *
 * Statistics are accumulated exactly as sklearn's `_incremental_mean_and_var`
 * does (the corrected two-pass algorithm per batch, merged across batches with
 * Chan et al.'s pairwise update), so `partialFit` over chunks gives the same
 * numbers as one `fit`. NaN values are ignored in fit and kept in transform;
 * `nSamplesSeen` then counts the non-missing values per feature. A constant
 * feature gets scale 1.
 */
import type { ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import type { Tensor } from '../tensor/tensor.js';
import { handleZerosInScale, isConstantFeature, matrix, outputBuffer } from './scaling-utils.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link StandardScaler}. */
export interface StandardScalerParams {
  /** Center the data (subtract `mean`) before scaling. Default `true`. */
  withMean: boolean;
  /** Scale to unit variance (divide by `scale`). Default `true`. */
  withStd: boolean;
}

const DEFAULTS: StandardScalerParams = { withMean: true, withStd: true };

/**
 * Standardizes features: `z = (x - mean) / scale`, with `mean` and the
 * population standard deviation `scale` learned per feature.
 *
 * Fitted attributes: `mean`, `var`, `scale` (Float64Array, `undefined` when
 * disabled by the options), `nSamplesSeen` (a number, or per feature when NaN
 * made the counts differ).
 *
 * @example
 * import { StandardScaler } from 'typelearn/preprocessing';
 * const scaler = await new StandardScaler().fit([[0, 0], [0, 0], [1, 1], [1, 1]]);
 * scaler.mean;                  // Float64Array [0.5, 0.5]
 * scaler.transform([[2, 2]]);   // Tensor [[3, 3]]
 * await scaler.partialFit([[3, 3]]); // keeps learning from more rows
 */
export class StandardScaler extends BaseTransformer<StandardScalerParams> {
  static override readonly estimatorName = 'StandardScaler';

  static override parameterConstraints: ParameterConstraints = {
    withMean: ['boolean'],
    withStd: ['boolean'],
  };

  #mean?: Float64Array;
  #var?: Float64Array;
  #scale?: Float64Array;
  #count?: Float64Array;

  /** @param options - see {@link StandardScalerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<StandardScalerParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true, partialFit: true };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: FitOptions): void {
    this.#mean = undefined;
    this.#var = undefined;
    this.#scale = undefined;
    this.#count = undefined;
    const { X: data } = this.validateData(X, undefined, { reset: true });
    this.#update(data, options.sampleWeight);
  }

  /**
   * Updates the statistics with one more batch of rows (the first call fits).
   * Resolves to `this`.
   * @example for (const chunk of chunks) await scaler.partialFit(chunk);
   */
  async partialFit(X: MatrixLike, y?: Labels, options: FitOptions = {}): Promise<this> {
    if (!this.isFitted) return this.fit(X, y, options);
    this.throwIfAborted(options.signal);
    this.validateParams();
    const { X: data } = this.validateData(X, undefined, { reset: false });
    this.#update(data, options.sampleWeight);
    return this;
  }

  #update(X: Tensor, sampleWeight: ArrayLike<number> | undefined): void {
    const [n, p] = X.shape;
    const data = X.data;
    const w = sampleWeight === undefined ? undefined : checkSampleWeight(sampleWeight, n);
    const { withMean, withStd } = this.params;
    const lastCount = this.#count ?? new Float64Array(p);
    const lastMean = this.#mean ?? new Float64Array(p);
    const lastVar = this.#var ?? new Float64Array(p);
    const count = new Float64Array(p);
    const mean = new Float64Array(p);
    const variance = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      // Batch sum and count (weights multiply both), NaN skipped.
      let newSum = 0;
      let newCount = 0;
      for (let i = 0; i < n; i++) {
        const v = data[i * p + j];
        if (Number.isNaN(v)) continue;
        const wi = w ? w[i] : 1;
        newSum += wi * v;
        newCount += wi;
      }
      const updatedCount = lastCount[j] + newCount;
      count[j] = updatedCount;
      if (newCount === 0) {
        mean[j] = lastMean[j];
        variance[j] = lastVar[j];
        continue;
      }
      const lastSum = lastMean[j] * lastCount[j];
      mean[j] = (lastSum + newSum) / updatedCount;
      if (!withStd) continue;
      // Corrected two-pass variance of the batch around its own mean T.
      const T = newSum / newCount;
      let correction = 0;
      let unnormalized = 0;
      for (let i = 0; i < n; i++) {
        const v = data[i * p + j];
        if (Number.isNaN(v)) continue;
        const wi = w ? w[i] : 1;
        const d = v - T;
        correction += wi * d;
        unnormalized += wi * d * d;
      }
      unnormalized -= (correction * correction) / newCount;
      if (lastCount[j] === 0) {
        variance[j] = unnormalized / updatedCount;
      } else {
        const lastOverNew = lastCount[j] / newCount;
        const merged =
          lastVar[j] * lastCount[j] +
          unnormalized +
          (lastOverNew / updatedCount) * (lastSum / lastOverNew - newSum) ** 2;
        variance[j] = merged / updatedCount;
      }
    }
    this.#count = count;
    this.#mean = withMean || withStd ? mean : undefined;
    this.#var = withStd ? variance : undefined;
    if (withStd) {
      const constant = Array.from(variance, (v, j) => isConstantFeature(v, mean[j], count[j]));
      this.#scale = handleZerosInScale(variance.map(Math.sqrt), constant);
    } else this.#scale = undefined;
  }

  /** Per-feature mean (sklearn's `mean_`), `undefined` when both `withMean` and `withStd` are off. */
  get mean(): Float64Array | undefined {
    this.checkIsFitted('mean');
    return this.#mean;
  }

  /** Per-feature population variance (sklearn's `var_`), `undefined` when `withStd` is off. */
  get var(): Float64Array | undefined {
    this.checkIsFitted('var');
    return this.#var;
  }

  /** Per-feature scale, the standard deviation with zeros replaced by 1 (sklearn's `scale_`). */
  get scale(): Float64Array | undefined {
    this.checkIsFitted('scale');
    return this.#scale;
  }

  /** Samples seen (weights summed when weighted): one number, or per feature when NaN made them differ. */
  get nSamplesSeen(): number | Float64Array {
    const c = this.fitted('nSamplesSeen', this.#count);
    return c.every((v) => v === c[0]) ? c[0] : c.slice();
  }

  /**
   * Standardizes `X` (NaN stays NaN).
   * @example scaler.transform([[1, 2]])
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { out, nRows, nCols } = outputBuffer(this.validateData(X, undefined, { reset: false }).X);
    const mean = this.params.withMean ? this.#mean : undefined;
    const scale = this.#scale;
    for (let i = 0; i < nRows; i++) {
      for (let j = 0; j < nCols; j++) {
        let v = out[i * nCols + j];
        if (mean) v -= mean[j];
        if (scale) v /= scale[j];
        out[i * nCols + j] = v;
      }
    }
    return matrix(out, nRows, nCols);
  }

  /**
   * Maps standardized values back: `x = z * scale + mean`.
   * @example scaler.inverseTransform(scaler.transform(X)) // ≈ X
   */
  inverseTransform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { out, nRows, nCols } = outputBuffer(this.validateData(X, undefined, { reset: false }).X);
    const mean = this.params.withMean ? this.#mean : undefined;
    const scale = this.#scale;
    for (let i = 0; i < nRows; i++) {
      for (let j = 0; j < nCols; j++) {
        let v = out[i * nCols + j];
        if (scale) v *= scale[j];
        if (mean) v += mean[j];
        out[i * nCols + j] = v;
      }
    }
    return matrix(out, nRows, nCols);
  }

  protected getState(): Record<string, unknown> {
    return { mean: this.#mean, var: this.#var, scale: this.#scale, count: this.#count };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved StandardScaler');
    const count = r.float64Array('count');
    const p = count.length;
    const optional = (key: string) => (state[key] === undefined ? undefined : r.float64Array(key, p));
    this.#count = count;
    this.#mean = optional('mean');
    this.#var = optional('var');
    this.#scale = optional('scale');
  }
}
