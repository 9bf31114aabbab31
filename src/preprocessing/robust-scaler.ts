/**
 * `RobustScaler`: centers on the median and scales by an interquantile range
 * (scikit-learn's `sklearn.preprocessing.RobustScaler`), so outliers barely
 * move the statistics. Percentiles use numpy's default linear interpolation
 * over the non-missing values (sklearn's `np.nanpercentile`); NaN is kept in
 * transform.
 */
import { ValidationError } from '../base/errors.js';
import type { ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import { median, percentile } from '../base/stats.js';
import type { EstimatorTags, MatrixLike } from '../base/types.js';
import type { Tensor } from '../tensor/tensor.js';
import { columnValues, handleZerosInScale, matrix, outputBuffer } from './scaling-utils.js';
import { ndtri } from './special.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link RobustScaler}. */
export interface RobustScalerParams {
  /** Subtract the median. Default `true`. */
  withCentering: boolean;
  /** Divide by the interquantile range. Default `true`. */
  withScaling: boolean;
  /** Percentiles `[qMin, qMax]` (0 ≤ qMin ≤ qMax ≤ 100) whose difference is the scale. Default `[25, 75]`. */
  quantileRange: readonly [number, number];
  /** Divide the scale further so normally distributed features get unit variance. Default `false`. */
  unitVariance: boolean;
}

const DEFAULTS: RobustScalerParams = {
  withCentering: true,
  withScaling: true,
  quantileRange: [25, 75],
  unitVariance: false,
};

/**
 * Scales features robustly: `z = (x - median) / (q[qMax] - q[qMin])`.
 *
 * Fitted attributes: `center` (medians) and `scale` (ranges, zeros replaced
 * by 1), `undefined` when disabled.
 *
 * @example
 * import { RobustScaler } from 'typelearn/preprocessing';
 * const scaler = await new RobustScaler().fit([[1, -2, 2], [-2, 1, 3], [4, 1, -2]]);
 * scaler.transform([[1, -2, 2]]); // Tensor [[0, -2, 0]]
 */
export class RobustScaler extends BaseTransformer<RobustScalerParams> {
  static override readonly estimatorName = 'RobustScaler';

  static override parameterConstraints: ParameterConstraints = {
    withCentering: ['boolean'],
    withScaling: ['boolean'],
    quantileRange: ['arrayLike'],
    unitVariance: ['boolean'],
  };

  #center?: Float64Array;
  #scale?: Float64Array;

  /** @param options - see {@link RobustScalerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<RobustScalerParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true };
  }

  protected fitImpl(X: MatrixLike): void {
    this.#center = undefined;
    this.#scale = undefined;
    const [qMin, qMax] = this.params.quantileRange;
    if (!(qMin >= 0 && qMin <= qMax && qMax <= 100)) {
      throw new ValidationError(`Invalid quantile range: (${qMin}, ${qMax})`, {
        param: 'quantileRange',
        expected: '0 <= qMin <= qMax <= 100',
        got: this.params.quantileRange,
      });
    }
    const { X: data } = this.validateData(X, undefined, { reset: true });
    const [n, p] = data.shape;
    const center = new Float64Array(p);
    const scale = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const values = columnValues(data.data, n, p, j);
      if (this.params.withCentering) center[j] = median(values);
      if (this.params.withScaling) scale[j] = percentile(values, qMax) - percentile(values, qMin);
    }
    if (this.params.withCentering) this.#center = center;
    if (this.params.withScaling) {
      handleZerosInScale(scale);
      if (this.params.unitVariance) {
        const adjust = ndtri(qMax / 100) - ndtri(qMin / 100);
        for (let j = 0; j < p; j++) scale[j] /= adjust;
      }
      this.#scale = scale;
    }
  }

  /** Per-feature median (sklearn's `center_`), `undefined` without centering. */
  get center(): Float64Array | undefined {
    this.checkIsFitted('center');
    return this.#center;
  }

  /** Per-feature interquantile range (sklearn's `scale_`), `undefined` without scaling. */
  get scale(): Float64Array | undefined {
    this.checkIsFitted('scale');
    return this.#scale;
  }

  #apply(X: MatrixLike, inverse: boolean): Tensor {
    this.checkIsFitted();
    const { out, nRows, nCols } = outputBuffer(this.validateData(X, undefined, { reset: false }).X);
    const center = this.#center;
    const scale = this.#scale;
    for (let i = 0; i < nRows; i++) {
      for (let j = 0; j < nCols; j++) {
        let v = out[i * nCols + j];
        if (inverse) {
          if (scale) v *= scale[j];
          if (center) v += center[j];
        } else {
          if (center) v -= center[j];
          if (scale) v /= scale[j];
        }
        out[i * nCols + j] = v;
      }
    }
    return matrix(out, nRows, nCols);
  }

  /**
   * Centers and scales `X`.
   * @example scaler.transform(X)
   */
  transform(X: MatrixLike): Tensor {
    return this.#apply(X, false);
  }

  /**
   * Undoes `transform`: `x = z * scale + center`.
   * @example scaler.inverseTransform(scaler.transform(X)) // ≈ X
   */
  inverseTransform(X: MatrixLike): Tensor {
    return this.#apply(X, true);
  }

  protected getState(): Record<string, unknown> {
    return { center: this.#center, scale: this.#scale };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved RobustScaler');
    this.#center = state.center === undefined ? undefined : r.float64Array('center');
    this.#scale = state.scale === undefined ? undefined : r.float64Array('scale');
  }
}
