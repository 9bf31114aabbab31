/**
 * `GammaRegressor` (scikit-learn 1.2's `sklearn.linear_model.GammaRegressor`):
 * a generalized linear model with the Gamma distribution and log link,
 * for positive skewed targets (`y > 0`), fitted by L-BFGS on the half Gamma
 * deviance plus `½·alpha·‖w‖²`.
 */
import type { ParameterConstraints } from '../base/params.js';
import {
  GeneralizedLinearRegressor,
  GLM_CONSTRAINTS,
  GLM_DEFAULTS,
  type GlmParams,
} from './glm/generalized-linear-regressor.js';
import type { TweedieFamily } from './glm/tweedie-loss.js';

/** Options of {@link GammaRegressor}: see {@link GlmParams} (alpha 1, fitIntercept, maxIter 100, tol 1e-4, warmStart). */
export type GammaRegressorParams = GlmParams;

/**
 * Gamma regression (log link).
 *
 * Fitted attributes: `coef`, `intercept`, `nIter`, `nFeaturesIn`.
 *
 * @example
 * import { GammaRegressor } from 'typelearn/linear-model';
 * const model = await new GammaRegressor({ alpha: 0.1 }).fit([[1, 2], [2, 3], [3, 4], [4, 3]], [19, 26, 33, 30]);
 * model.predict([[1, 1]]); // expected mean
 * model.score(X, y);       // D², deviance explained
 */
export class GammaRegressor extends GeneralizedLinearRegressor<GammaRegressorParams> {
  static override readonly estimatorName = 'GammaRegressor';
  static override parameterConstraints: ParameterConstraints = GLM_CONSTRAINTS;

  /** @param options - see {@link GlmParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<GammaRegressorParams> = {}) {
    super(GLM_DEFAULTS, options);
  }

  protected family(): TweedieFamily {
    return { power: 2, link: 'log' };
  }
}
