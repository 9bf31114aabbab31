/**
 * `Normalizer`: scales each row to unit norm (scikit-learn's
 * `sklearn.preprocessing.Normalizer`). Stateless: `fit` only records the
 * input width, and `transform` also works unfitted, as in sklearn.
 */
import { options, type ParameterConstraints } from '../base/params.js';
import type { EstimatorTags, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import type { Tensor } from '../tensor/tensor.js';
import { matrix, outputBuffer } from './scaling-utils.js';
import { BaseTransformer } from './transformer.js';

/** Which norm {@link Normalizer} divides by. */
export type NormKind = 'l1' | 'l2' | 'max';

/** Options of {@link Normalizer}. */
export interface NormalizerParams {
  /** `'l2'` (default): Euclidean length; `'l1'`: sum of absolute values; `'max'`: largest absolute value. */
  norm: NormKind;
}

/**
 * Divides each row of a row-major `[n, p]` buffer in place by its norm
 * (rows of norm 0 are left alone) — sklearn's `normalize(X, axis=1)`.
 * @example normalizeRows(new Float64Array([3, 4]), 1, 2, 'l2') // [0.6, 0.8]
 */
export function normalizeRows(data: Float64Array, nRows: number, nCols: number, norm: NormKind): Float64Array {
  for (let i = 0; i < nRows; i++) {
    let s = 0;
    for (let j = 0; j < nCols; j++) {
      const v = data[i * nCols + j];
      if (norm === 'l1') s += Math.abs(v);
      else if (norm === 'l2') s += v * v;
      else s = Math.max(s, Math.abs(v));
    }
    if (norm === 'l2') s = Math.sqrt(s);
    if (s === 0) continue;
    for (let j = 0; j < nCols; j++) data[i * nCols + j] /= s;
  }
  return data;
}

/**
 * Rescales every sample (row) to unit l1, l2 or max norm.
 *
 * @example
 * import { Normalizer } from 'typelearn/preprocessing';
 * new Normalizer().transform([[3, 4], [1, 0]]);           // Tensor [[0.6, 0.8], [1, 0]]
 * new Normalizer({ norm: 'l1' }).transform([[1, 3]]);     // Tensor [[0.25, 0.75]]
 */
export class Normalizer extends BaseTransformer<NormalizerParams> {
  static override readonly estimatorName = 'Normalizer';

  static override parameterConstraints: ParameterConstraints = {
    norm: [options(['l1', 'l2', 'max'])],
  };

  /** @param options - see {@link NormalizerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<NormalizerParams> = {}) {
    super({ norm: 'l2' }, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), requiresFit: false };
  }

  protected fitImpl(X: MatrixLike): void {
    this.validateData(X, undefined, { reset: true });
  }

  /**
   * Each row divided by its norm (works without `fit`).
   * @example normalizer.transform([[1, 1]]) // [[0.7071…, 0.7071…]]
   */
  transform(X: MatrixLike): Tensor {
    this.validateParams();
    const checked = this.isFitted
      ? this.validateData(X, undefined, { reset: false }).X
      : checkArray(X, { estimatorName: this.estimatorName }).X;
    const { out, nRows, nCols } = outputBuffer(checked);
    return matrix(normalizeRows(out, nRows, nCols, this.params.norm), nRows, nCols);
  }

  protected getState(): Record<string, unknown> {
    return {};
  }

  protected setState(): void {}
}
