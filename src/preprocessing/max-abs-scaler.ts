/**
 * `MaxAbsScaler`: scales each feature by its maximum absolute value
 * (scikit-learn's `sklearn.preprocessing.MaxAbsScaler`), so values land in
 * [-1, 1] without shifting (zeros stay zeros). NaN is ignored when fitting
 * and kept when transforming; `partialFit` keeps the running maximum.
 */
import type { ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import type { Tensor } from '../tensor/tensor.js';
import { handleZerosInScale, matrix, outputBuffer } from './scaling-utils.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link MaxAbsScaler} (none besides sklearn's `copy`, which does not apply). */
export type MaxAbsScalerParams = Record<string, never>;

/**
 * Divides every feature by its largest absolute training value (1 for an all-zero feature).
 *
 * Fitted attributes: `maxAbs`, `scale` (Float64Array), `nSamplesSeen`.
 *
 * @example
 * import { MaxAbsScaler } from 'typelearn/preprocessing';
 * const scaler = await new MaxAbsScaler().fit([[1, -1, 2], [2, 0, 0], [0, 1, -1]]);
 * scaler.transform([[1, -1, 2]]); // Tensor [[0.5, -1, 1]]
 */
export class MaxAbsScaler extends BaseTransformer<MaxAbsScalerParams> {
  static override readonly estimatorName = 'MaxAbsScaler';
  static override parameterConstraints: ParameterConstraints = {};

  #maxAbs?: Float64Array;
  #nSamplesSeen = 0;

  /** @param options - none; unknown names throw a `ValidationError`. */
  constructor(options: Partial<MaxAbsScalerParams> = {}) {
    super({}, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true, partialFit: true };
  }

  protected fitImpl(X: MatrixLike): void {
    this.#maxAbs = undefined;
    this.#nSamplesSeen = 0;
    this.#update(this.validateData(X, undefined, { reset: true }).X);
  }

  /**
   * Updates the running maximum absolute values with one more batch (the first call fits).
   * @example await scaler.partialFit(chunk);
   */
  async partialFit(X: MatrixLike, y?: Labels, options: FitOptions = {}): Promise<this> {
    if (!this.isFitted) return this.fit(X, y, options);
    this.throwIfAborted(options.signal);
    this.#update(this.validateData(X, undefined, { reset: false }).X);
    return this;
  }

  #update(X: Tensor): void {
    const [n, p] = X.shape;
    const data = X.data;
    const maxAbs = this.#maxAbs?.slice() ?? new Float64Array(p).fill(Number.NaN);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        const v = Math.abs(data[i * p + j]);
        if (!Number.isNaN(v) && !(v <= maxAbs[j])) maxAbs[j] = v;
      }
    }
    this.#maxAbs = maxAbs;
    this.#nSamplesSeen += n;
  }

  /** Per-feature maximum absolute value (sklearn's `max_abs_`). */
  get maxAbs(): Float64Array {
    return this.fitted('maxAbs', this.#maxAbs);
  }

  /** Per-feature divisor (sklearn's `scale_`): `maxAbs` with zeros replaced by 1. */
  get scale(): Float64Array {
    return handleZerosInScale(this.maxAbs.slice());
  }

  /** Rows seen by `fit`/`partialFit`. */
  get nSamplesSeen(): number {
    this.checkIsFitted('nSamplesSeen');
    return this.#nSamplesSeen;
  }

  #apply(X: MatrixLike, inverse: boolean): Tensor {
    this.checkIsFitted();
    const { out, nRows, nCols } = outputBuffer(this.validateData(X, undefined, { reset: false }).X);
    const scale = this.scale;
    for (let i = 0; i < nRows; i++) {
      for (let j = 0; j < nCols; j++) {
        out[i * nCols + j] = inverse ? out[i * nCols + j] * scale[j] : out[i * nCols + j] / scale[j];
      }
    }
    return matrix(out, nRows, nCols);
  }

  /**
   * Divides `X` by `scale`.
   * @example scaler.transform([[2, 0, 0]]) // [[1, 0, 0]]
   */
  transform(X: MatrixLike): Tensor {
    return this.#apply(X, false);
  }

  /**
   * Multiplies `X` by `scale`.
   * @example scaler.inverseTransform([[1, 0, 0]]) // [[2, 0, 0]]
   */
  inverseTransform(X: MatrixLike): Tensor {
    return this.#apply(X, true);
  }

  protected getState(): Record<string, unknown> {
    return { maxAbs: this.#maxAbs, nSamplesSeen: this.#nSamplesSeen };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved MaxAbsScaler');
    this.#maxAbs = r.float64Array('maxAbs');
    this.#nSamplesSeen = r.number('nSamplesSeen', { integer: true, min: 0 });
  }
}
