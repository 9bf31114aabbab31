/**
 * `Binarizer`: 1 where a value is above a threshold, else 0 (scikit-learn's
 * `sklearn.preprocessing.Binarizer`). Stateless: `transform` also works unfitted.
 */
import { interval, type ParameterConstraints } from '../base/params.js';
import type { EstimatorTags, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import type { Tensor } from '../tensor/tensor.js';
import { matrix, outputBuffer } from './scaling-utils.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link Binarizer}. */
export interface BinarizerParams {
  /** Values strictly greater than this become 1, the others 0. Default 0. */
  threshold: number;
}

/**
 * Thresholds features to 0/1 (float64).
 *
 * @example
 * import { Binarizer } from 'typelearn/preprocessing';
 * new Binarizer({ threshold: 1 }).transform([[0.5, 1, 2]]); // Tensor [[0, 0, 1]]
 */
export class Binarizer extends BaseTransformer<BinarizerParams> {
  static override readonly estimatorName = 'Binarizer';

  static override parameterConstraints: ParameterConstraints = {
    threshold: [interval('real', null, null, 'neither')],
  };

  /** @param options - see {@link BinarizerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<BinarizerParams> = {}) {
    super({ threshold: 0 }, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), requiresFit: false };
  }

  protected fitImpl(X: MatrixLike): void {
    this.validateData(X, undefined, { reset: true });
  }

  /**
   * `x > threshold ? 1 : 0` elementwise (works without `fit`).
   * @example binarizer.transform([[-1, 3]]) // [[0, 1]]
   */
  transform(X: MatrixLike): Tensor {
    this.validateParams();
    const checked = this.isFitted
      ? this.validateData(X, undefined, { reset: false }).X
      : checkArray(X, { estimatorName: this.estimatorName }).X;
    const { out, nRows, nCols } = outputBuffer(checked);
    const t = this.params.threshold;
    for (let k = 0; k < out.length; k++) out[k] = out[k] > t ? 1 : 0;
    return matrix(out, nRows, nCols);
  }

  protected getState(): Record<string, unknown> {
    return {};
  }

  protected setState(): void {}
}
