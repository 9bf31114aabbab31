/**
 * `HistGradientBoostingRegressor` (scikit-learn's
 * `sklearn.ensemble.HistGradientBoostingRegressor`): gradient boosting on
 * binned features with squared, absolute, Poisson, Gamma or quantile loss.
 *
 * Differences from scikit-learn, on purpose: the validation split and
 * binning subsamples use typelearn's generator; `scoring` is 'loss' or null
 * (R²); the 'gamma' loss (sklearn 1.3) is available; numeric features without
 * missing values in training send NaN to the child with more samples;
 * categories unseen in training are treated as missing.
 */
import { ValidationError } from '../../base/errors.js';
import { interval, options, type ParameterConstraints } from '../../base/params.js';
import { regressorScore } from '../../base/score.js';
import type { EstimatorTags, Labels, MatrixLike, Regressor } from '../../base/types.js';
import {
  BaseHistGradientBoosting,
  HGB_CONSTRAINTS,
  HGB_DEFAULTS,
  type HistGradientBoostingParams,
  type PreparedTargets,
} from './base-hist-gradient-boosting.js';
import { type HgbRegressionLoss, regressionLoss } from './loss.js';

/** Options of {@link HistGradientBoostingRegressor}. */
export interface HistGradientBoostingRegressorParams extends HistGradientBoostingParams {
  /**
   * 'squared_error' (default), 'absolute_error' (leaf values are medians),
   * 'poisson' and 'gamma' (log link; y ≥ 0 with a positive sum, resp. y > 0),
   * 'quantile' (pinball loss at `quantile`).
   */
  loss: HgbRegressionLoss;
  /** The quantile for `loss: 'quantile'`, in [0, 1]. Default null. */
  quantile: number | null;
}

const DEFAULTS: HistGradientBoostingRegressorParams = { ...HGB_DEFAULTS, loss: 'squared_error', quantile: null };
const LOSSES: readonly HgbRegressionLoss[] = ['squared_error', 'absolute_error', 'poisson', 'gamma', 'quantile'];

/**
 * Histogram gradient boosting for regression.
 *
 * Fitted attributes (throw `NotFittedError` before `fit`): `nIter`,
 * `nTreesPerIteration`, `trainScore`, `validationScore`, `trees`,
 * `baselinePrediction`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { HistGradientBoostingRegressor } from 'typelearn/ensemble';
 * const model = await new HistGradientBoostingRegressor({ loss: 'absolute_error' }).fit(X, y);
 * model.predict(X); // Float64Array
 * model.score(X, y); // R²
 */
export class HistGradientBoostingRegressor
  extends BaseHistGradientBoosting<HistGradientBoostingRegressorParams>
  implements Regressor<HistGradientBoostingRegressorParams>
{
  static override readonly estimatorName = 'HistGradientBoostingRegressor';

  static override parameterConstraints: ParameterConstraints = {
    ...HGB_CONSTRAINTS,
    loss: [options(LOSSES)],
    quantile: [interval('real', 0, 1, 'both'), null],
  };

  /** @param options - see {@link HistGradientBoostingRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<HistGradientBoostingRegressorParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true, allowsNaN: true };
  }

  protected prepareTargets(y: Float64Array | string[], weights: Float64Array | undefined): PreparedTargets {
    if (!(y instanceof Float64Array)) {
      throw new ValidationError(`y must be numeric for ${this.estimatorName}, got strings`, { expected: 'numbers' });
    }
    const { loss, quantile } = this.params;
    if (loss === 'quantile' && quantile === null) {
      throw new ValidationError("quantile must be set (in [0, 1]) when loss is 'quantile'.", { param: 'quantile' });
    }
    if (loss === 'poisson' || loss === 'gamma') {
      let sum = 0;
      for (let i = 0; i < y.length; i++) {
        const bad = loss === 'poisson' ? y[i] < 0 : y[i] <= 0;
        if (bad) {
          throw new ValidationError(
            `loss='${loss}' requires ${loss === 'poisson' ? 'non-negative' : 'strictly positive'} y; got ${y[i]} at index ${i}.`,
            { row: i, got: y[i] },
          );
        }
        sum += weights ? weights[i] * y[i] : y[i];
      }
      if (!(sum > 0)) throw new ValidationError(`loss='${loss}' requires sum(y) > 0.`);
    }
    return { y, loss: regressionLoss(loss, quantile ?? 0.5) };
  }

  protected scoreRaw(y: Float64Array, raw: Float64Array, weights: Float64Array | undefined): number {
    return regressorScore(y, this.#inverseLink(raw.slice()), weights);
  }

  protected get stratify(): boolean {
    return false;
  }

  #inverseLink(raw: Float64Array): Float64Array {
    const { loss } = this.params;
    if (loss === 'poisson' || loss === 'gamma') for (let i = 0; i < raw.length; i++) raw[i] = Math.exp(raw[i]);
    return raw;
  }

  /**
   * Predictions, one per row (`exp` of the raw score for Poisson/Gamma).
   * @example model.predict([[0.5, 1]]) // Float64Array [3.2]
   */
  predict(X: MatrixLike): Float64Array {
    return this.#inverseLink(this.rawPredict(X).raw);
  }

  /**
   * Predictions after each iteration; the last equals `predict(X)`.
   * @example const curve = [...model.stagedPredict(Xtest)].map((p) => meanSquaredError(yTest, p));
   */
  *stagedPredict(X: MatrixLike): Generator<Float64Array> {
    for (const { raw } of this.stagedRaw(X)) yield this.#inverseLink(raw);
  }

  /**
   * Coefficient of determination R² of `predict(X)` against `y`.
   * @example model.score(X, y) // 0.93
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }
}
