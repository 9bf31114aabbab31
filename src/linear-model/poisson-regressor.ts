/**
 * `PoissonRegressor` (scikit-learn 1.2's `sklearn.linear_model.PoissonRegressor`):
 * a generalized linear model with the Poisson distribution and log link,
 * for counts and rates (`y ≥ 0`), fitted by L-BFGS on the half Poisson
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

/** Options of {@link PoissonRegressor}: see {@link GlmParams} (alpha 1, fitIntercept, maxIter 100, tol 1e-4, warmStart). */
export type PoissonRegressorParams = GlmParams;

/**
 * Poisson regression (log link).
 *
 * Fitted attributes: `coef`, `intercept`, `nIter`, `nFeaturesIn`.
 *
 * @example
 * import { PoissonRegressor } from 'typelearn/linear-model';
 * const model = await new PoissonRegressor({ alpha: 0.1 }).fit([[1, 2], [2, 3], [3, 4], [4, 3]], [12, 17, 22, 21]);
 * model.predict([[1, 1]]); // expected count
 * model.score(X, y);       // D², deviance explained
 */
export class PoissonRegressor extends GeneralizedLinearRegressor<PoissonRegressorParams> {
  static override readonly estimatorName = 'PoissonRegressor';
  static override parameterConstraints: ParameterConstraints = GLM_CONSTRAINTS;

  /** @param options - see {@link GlmParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<PoissonRegressorParams> = {}) {
    super(GLM_DEFAULTS, options);
  }

  protected family(): TweedieFamily {
    return { power: 1, link: 'log' };
  }
}
