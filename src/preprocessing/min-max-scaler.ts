/**
 * `MinMaxScaler`: scales each feature to a given range
 * (scikit-learn's `sklearn.preprocessing.MinMaxScaler`).
 *
 * As in sklearn, the transform is `x * scale + min` with
 * `scale = (hi - lo) / (dataMax - dataMin)` and `min = lo - dataMin * scale`
 * (a zero range gets scale `hi - lo`), NaN is ignored when fitting and kept
 * when transforming, and `partialFit` widens the seen range batch by batch.
 */
import { ValidationError } from '../base/errors.js';
import type { ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import type { Tensor } from '../tensor/tensor.js';
import { handleZerosInScale, matrix, outputBuffer } from './scaling-utils.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link MinMaxScaler}. */
export interface MinMaxScalerParams {
  /** The `[lo, hi]` range of the transformed data (`lo < hi`). Default `[0, 1]`. */
  featureRange: readonly [number, number];
  /** Clip transformed values of new data to `featureRange`. Default `false`. */
  clip: boolean;
}

const DEFAULTS: MinMaxScalerParams = { featureRange: [0, 1], clip: false };

/**
 * Scales every feature linearly so the training minimum maps to
 * `featureRange[0]` and the maximum to `featureRange[1]`.
 *
 * Fitted attributes: `dataMin`, `dataMax`, `dataRange`, `scale`, `min`
 * (Float64Array per feature), `nSamplesSeen`.
 *
 * @example
 * import { MinMaxScaler } from 'typelearn/preprocessing';
 * const scaler = await new MinMaxScaler().fit([[-1, 2], [-0.5, 6], [0, 10], [1, 18]]);
 * scaler.transform([[2, 2]]);           // Tensor [[1.5, 0]]
 * scaler.inverseTransform([[1, 1]]);    // Tensor [[1, 18]]
 */
export class MinMaxScaler extends BaseTransformer<MinMaxScalerParams> {
  static override readonly estimatorName = 'MinMaxScaler';

  static override parameterConstraints: ParameterConstraints = {
    featureRange: ['arrayLike'],
    clip: ['boolean'],
  };

  #dataMin?: Float64Array;
  #dataMax?: Float64Array;
  #scale?: Float64Array;
  #min?: Float64Array;
  #nSamplesSeen = 0;

  /** @param options - see {@link MinMaxScalerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<MinMaxScalerParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true, partialFit: true };
  }

  #range(): [number, number] {
    const r = this.params.featureRange;
    if (r.length !== 2 || typeof r[0] !== 'number' || typeof r[1] !== 'number' || !(r[0] < r[1])) {
      throw new ValidationError(
        `Minimum of desired feature range must be smaller than maximum. Got (${Array.from(r).join(', ')}).`,
        { param: 'featureRange', expected: '[lo, hi] with lo < hi', got: r },
      );
    }
    return [r[0], r[1]];
  }

  protected fitImpl(X: MatrixLike): void {
    this.#dataMin = undefined;
    this.#dataMax = undefined;
    this.#nSamplesSeen = 0;
    this.#range();
    this.#update(this.validateData(X, undefined, { reset: true }).X);
  }

  /**
   * Updates the seen minimum and maximum with one more batch (the first call fits).
   * @example for (const chunk of chunks) await scaler.partialFit(chunk);
   */
  async partialFit(X: MatrixLike, y?: Labels, options: FitOptions = {}): Promise<this> {
    if (!this.isFitted) return this.fit(X, y, options);
    this.throwIfAborted(options.signal);
    this.validateParams();
    this.#range();
    this.#update(this.validateData(X, undefined, { reset: false }).X);
    return this;
  }

  #update(X: Tensor): void {
    const [n, p] = X.shape;
    const data = X.data;
    const lo = this.#dataMin ?? new Float64Array(p).fill(Number.NaN);
    const hi = this.#dataMax ?? new Float64Array(p).fill(Number.NaN);
    const dataMin = lo.slice();
    const dataMax = hi.slice();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        const v = data[i * p + j];
        if (Number.isNaN(v)) continue;
        // NaN-aware min/max (np.nanmin / np.fmin): a NaN running value is replaced.
        if (!(v >= dataMin[j])) dataMin[j] = v;
        if (!(v <= dataMax[j])) dataMax[j] = v;
      }
    }
    const [a, b] = this.#range();
    const range = dataMax.map((v, j) => v - dataMin[j]);
    const scale = handleZerosInScale(range.slice()).map((r) => (b - a) / r);
    this.#dataMin = dataMin;
    this.#dataMax = dataMax;
    this.#scale = scale;
    this.#min = dataMin.map((m, j) => a - m * scale[j]);
    this.#nSamplesSeen += n;
  }

  /** Per-feature minimum seen (sklearn's `data_min_`). */
  get dataMin(): Float64Array {
    return this.fitted('dataMin', this.#dataMin);
  }

  /** Per-feature maximum seen (sklearn's `data_max_`). */
  get dataMax(): Float64Array {
    return this.fitted('dataMax', this.#dataMax);
  }

  /** Per-feature `dataMax - dataMin` (sklearn's `data_range_`). */
  get dataRange(): Float64Array {
    const max = this.dataMax;
    return this.dataMin.map((m, j) => max[j] - m);
  }

  /** Per-feature multiplier (sklearn's `scale_`). */
  get scale(): Float64Array {
    return this.fitted('scale', this.#scale);
  }

  /** Per-feature offset added after scaling (sklearn's `min_`). */
  get min(): Float64Array {
    return this.fitted('min', this.#min);
  }

  /** Rows seen by `fit`/`partialFit`. */
  get nSamplesSeen(): number {
    this.checkIsFitted('nSamplesSeen');
    return this.#nSamplesSeen;
  }

  /**
   * Scales `X` into `featureRange` (clipped there when `clip` is set).
   * @example scaler.transform([[0, 10]])
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { out, nRows, nCols } = outputBuffer(this.validateData(X, undefined, { reset: false }).X);
    const scale = this.fitted('scale', this.#scale);
    const min = this.fitted('min', this.#min);
    const [a, b] = this.params.featureRange;
    const clip = this.params.clip;
    for (let i = 0; i < nRows; i++) {
      for (let j = 0; j < nCols; j++) {
        let v = out[i * nCols + j] * scale[j] + min[j];
        if (clip) v = Math.min(b, Math.max(a, v));
        out[i * nCols + j] = v;
      }
    }
    return matrix(out, nRows, nCols);
  }

  /**
   * Undoes the scaling: `x = (z - min) / scale`.
   * @example scaler.inverseTransform([[0, 1]])
   */
  inverseTransform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { out, nRows, nCols } = outputBuffer(this.validateData(X, undefined, { reset: false }).X);
    const scale = this.fitted('scale', this.#scale);
    const min = this.fitted('min', this.#min);
    for (let i = 0; i < nRows; i++) {
      for (let j = 0; j < nCols; j++) out[i * nCols + j] = (out[i * nCols + j] - min[j]) / scale[j];
    }
    return matrix(out, nRows, nCols);
  }

  protected getState(): Record<string, unknown> {
    return {
      dataMin: this.#dataMin,
      dataMax: this.#dataMax,
      scale: this.#scale,
      min: this.#min,
      nSamplesSeen: this.#nSamplesSeen,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved MinMaxScaler');
    const dataMin = r.float64Array('dataMin');
    const p = dataMin.length;
    this.#dataMin = dataMin;
    this.#dataMax = r.float64Array('dataMax', p);
    this.#scale = r.float64Array('scale', p);
    this.#min = r.float64Array('min', p);
    this.#nSamplesSeen = r.number('nSamplesSeen', { integer: true, min: 0 });
  }
}
