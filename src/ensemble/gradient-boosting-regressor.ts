/**
 * `GradientBoostingRegressor` (scikit-learn 1.2's
 * `sklearn.ensemble.GradientBoostingRegressor`): classic gradient boosting of
 * `friedman_mse` regression trees with squared error, absolute error
 * (median leaves) or quantile loss.
 *
 * Differences from scikit-learn: loss 'huber', `init` estimators,
 * `warmStart` and `oobImprovement` are not supported; random draws use
 * typelearn's generator.
 */

import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import type { EstimatorTags, Labels, MatrixLike, Regressor } from '../base/types.js';
import { BaseGradientBoosting, GB_CONSTRAINTS, GB_DEFAULTS, type GradientBoostingParams } from './gradient-boosting.js';
import { type GbLoss, gbQuantile, gbSquaredError } from './gradient-boosting-losses.js';

/** Options of {@link GradientBoostingRegressor}. */
export interface GradientBoostingRegressorParams extends GradientBoostingParams {
  /** 'squared_error' (default), 'absolute_error' or 'quantile' (at `alpha`). */
  loss: 'squared_error' | 'absolute_error' | 'quantile';
  /** The quantile of the 'quantile' loss. Default 0.9. */
  alpha: number;
}

const DEFAULTS: GradientBoostingRegressorParams = { ...GB_DEFAULTS, loss: 'squared_error', alpha: 0.9 };

/**
 * Classic gradient boosting for regression.
 *
 * Fitted attributes: `estimators`, `nEstimatorsFitted`, `trainScore`,
 * `initPrediction`, `featureImportances`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { GradientBoostingRegressor } from 'typelearn/ensemble';
 * const model = await new GradientBoostingRegressor({ nEstimators: 200, subsample: 0.8, randomState: 0 }).fit(X, y);
 * model.predict(X); // Float64Array
 */
export class GradientBoostingRegressor
  extends BaseGradientBoosting<GradientBoostingRegressorParams>
  implements Regressor<GradientBoostingRegressorParams>
{
  static override readonly estimatorName = 'GradientBoostingRegressor';
  static override parameterConstraints: ParameterConstraints = {
    ...GB_CONSTRAINTS,
    loss: [options(['squared_error', 'absolute_error', 'quantile'])],
    alpha: [interval('real', 0, 1, 'neither')],
  };

  /** @param options - see {@link GradientBoostingRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<GradientBoostingRegressorParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true };
  }

  protected prepareTargets(y: Float64Array | string[]): { y: Float64Array; loss: GbLoss } {
    if (!(y instanceof Float64Array)) throw new ValidationError(`y must be numeric for ${this.estimatorName}`);
    const { loss, alpha } = this.params;
    if (loss === 'squared_error') return { y, loss: gbSquaredError() };
    return { y, loss: gbQuantile(loss === 'absolute_error' ? 0.5 : alpha, loss) };
  }

  protected get stratify(): boolean {
    return false;
  }

  /**
   * Predictions, one per row.
   * @example model.predict([[1, 2]]) // Float64Array [3.1]
   */
  predict(X: MatrixLike): Float64Array {
    return this.rawPredict(X).raw;
  }

  /**
   * Predictions after each stage; the last equals `predict(X)`.
   * @example [...model.stagedPredict(X)].length === model.nEstimatorsFitted
   */
  *stagedPredict(X: MatrixLike): Generator<Float64Array> {
    for (const { raw } of this.stagedRaw(X)) yield raw;
  }

  /**
   * R² of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }
}
