/**
 * `TweedieRegressor` (scikit-learn 1.2's `sklearn.linear_model.TweedieRegressor`):
 * a generalized linear model with a Tweedie distribution of power `power`
 * (0 normal, 1 Poisson, (1, 2) compound Poisson–Gamma, 2 Gamma, 3 inverse
 * Gaussian) and a log or identity link, fitted by L-BFGS on the half
 * Tweedie deviance plus `½·alpha·‖w‖²`.
 */
import { interval, options, type ParameterConstraints } from '../base/params.js';
import {
  GeneralizedLinearRegressor,
  GLM_CONSTRAINTS,
  GLM_DEFAULTS,
  type GlmParams,
} from './glm/generalized-linear-regressor.js';
import type { TweedieFamily } from './glm/tweedie-loss.js';

/** Options of {@link TweedieRegressor}: {@link GlmParams} plus the family. */
export interface TweedieRegressorParams extends GlmParams {
  /** Tweedie power. Default 0 (normal). */
  power: number;
  /** `'auto'` (default: identity for power ≤ 0, else log), `'identity'` or `'log'`. */
  link: 'auto' | 'identity' | 'log';
}

const DEFAULTS: TweedieRegressorParams = { ...GLM_DEFAULTS, power: 0, link: 'auto' };

/**
 * Tweedie regression.
 *
 * Fitted attributes: `coef`, `intercept`, `nIter`, `nFeaturesIn`.
 *
 * @example
 * import { TweedieRegressor } from 'typelearn/linear-model';
 * const model = await new TweedieRegressor({ power: 1.5, alpha: 0.5 }).fit(X, y);
 * model.predict(X.slice(0, 2));
 */
export class TweedieRegressor extends GeneralizedLinearRegressor<TweedieRegressorParams> {
  static override readonly estimatorName = 'TweedieRegressor';
  static override parameterConstraints: ParameterConstraints = {
    ...GLM_CONSTRAINTS,
    power: [interval('real', null, null, 'neither')],
    link: [options(['auto', 'identity', 'log'])],
  };

  /** @param options - see {@link TweedieRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<TweedieRegressorParams> = {}) {
    super(DEFAULTS, options);
  }

  protected family(): TweedieFamily {
    const { power, link } = this.params;
    return { power, link: link === 'auto' ? (power <= 0 ? 'identity' : 'log') : link };
  }
}
