/**
 * `BaseTransformer`: what every preprocessing transformer shares on top of
 * `BaseEstimator` — the `'transformer'` tag, `fitTransform` as fit-then-transform,
 * and scikit-learn's input-feature-name rules for `getFeatureNamesOut`.
 */

import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * Base class of the preprocessing transformers. `P` is the params interface,
 * `Out` what `transform` returns (a `Tensor` unless the transformer can give
 * sparse or string output). Subclasses implement `fitImpl`, `transform`,
 * `getState`/`setState`; one-to-one transformers keep the default
 * `getFeatureNamesOut` (the input names).
 *
 * @example
 * class Doubler extends BaseTransformer<Record<string, never>> {
 *   static override readonly estimatorName = 'Doubler';
 *   constructor() { super({}, {}); }
 *   protected fitImpl(X: MatrixLike) { this.validateData(X, undefined, { reset: true }); }
 *   transform(X: MatrixLike) { return this.validateData(X, undefined, { reset: false }).X.mul(2); }
 *   protected getState() { return {}; }
 *   protected setState() {}
 * }
 */
export abstract class BaseTransformer<P extends object, Out = Tensor> extends BaseEstimator<P> {
  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }

  /** Maps `X` to the learned feature space. */
  abstract transform(X: MatrixLike): Out;

  /**
   * Fits on `X` (and `y` where used) then transforms `X`.
   * @example const Z = await new StandardScaler().fitTransform([[1], [3]]); // [[-1], [1]]
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Out> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  /**
   * Names of the output columns; by default the input names (see
   * `inputFeatureNames` for how they are chosen).
   * @example scaler.getFeatureNamesOut() // ['x0', 'x1']
   */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    return this.inputFeatureNames(inputFeatures);
  }

  /**
   * sklearn's `_check_feature_names_in`: `inputFeatures` when given (it must
   * equal `featureNamesIn` when the model was fitted on a table, and have
   * `nFeaturesIn` names), else `featureNamesIn`, else `x0 … x(n-1)`.
   */
  protected inputFeatureNames(inputFeatures?: readonly string[]): string[] {
    this.checkIsFitted('featureNamesIn');
    const fitted = this.featureNamesIn;
    const n = this.nFeaturesIn;
    if (inputFeatures !== undefined && inputFeatures !== null) {
      if (fitted && (fitted.length !== inputFeatures.length || fitted.some((f, i) => f !== inputFeatures[i]))) {
        throw new ValidationError('inputFeatures is not equal to featureNamesIn', {
          param: 'inputFeatures',
          expected: fitted,
          got: [...inputFeatures],
        });
      }
      if (inputFeatures.length !== n) {
        throw new ValidationError(
          `inputFeatures should have length equal to number of features (${n}), got ${inputFeatures.length}`,
          { param: 'inputFeatures', expected: n, got: inputFeatures.length },
        );
      }
      return [...inputFeatures];
    }
    return fitted ?? Array.from({ length: n }, (_, j) => `x${j}`);
  }
}
