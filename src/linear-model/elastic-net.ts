/**
 * `ElasticNet`: linear regression with a mixed L1/L2 penalty (scikit-learn's
 * `sklearn.linear_model.ElasticNet`), minimising
 * `1/(2m)‖y − Xw − b‖² + α·l1Ratio‖w‖₁ + ½α(1 − l1Ratio)‖w‖²` by coordinate
 * descent with sklearn's duality-gap stopping rule.
 *
 * Differences from scikit-learn: dense X and single target only; no
 * `precompute` (the plain coordinate descent is always used); `'random'`
 * selection draws from typelearn's generator, not numpy's.
 */
import { interval, type ParameterConstraints } from '../base/params.js';
import { CD_CONSTRAINTS, CoordinateDescentModel, type CoordinateDescentParams } from './coordinate-descent-model.js';

/** Options of {@link ElasticNet}: the shared coordinate-descent options plus `l1Ratio`. */
export interface ElasticNetParams extends CoordinateDescentParams {
  /** L1 share of the penalty in [0, 1]: 1 is the lasso, 0 ridge. Default 0.5. */
  l1Ratio: number;
}

const DEFAULTS: ElasticNetParams = {
  alpha: 1,
  l1Ratio: 0.5,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-4,
  warmStart: false,
  positive: false,
  randomState: undefined,
  selection: 'cyclic',
};

/**
 * Elastic-net regression by coordinate descent.
 *
 * Fitted attributes: `coef`, `intercept`, `nIter`, `dualGap`, `nFeaturesIn`.
 *
 * @example
 * import { ElasticNet } from 'typelearn/linear-model';
 * const model = await new ElasticNet({ alpha: 0.1, l1Ratio: 0.5 }).fit(X, y);
 * model.coef; model.predict(X);
 */
export class ElasticNet extends CoordinateDescentModel<ElasticNetParams> {
  static override readonly estimatorName = 'ElasticNet';

  static override parameterConstraints: ParameterConstraints = {
    ...CD_CONSTRAINTS,
    l1Ratio: [interval('real', 0, 1, 'both')],
  };

  /** @param options - see {@link ElasticNetParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<ElasticNetParams> = {}) {
    super(DEFAULTS, options);
  }

  protected l1RatioValue(): number {
    return this.params.l1Ratio;
  }
}
