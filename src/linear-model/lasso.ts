/**
 * `Lasso`: linear regression with an L1 penalty (scikit-learn's
 * `sklearn.linear_model.Lasso`), minimising `1/(2m)‖y − Xw − b‖² + α‖w‖₁` by
 * coordinate descent — an `ElasticNet` with `l1Ratio = 1`.
 */
import type { ParameterConstraints } from '../base/params.js';
import { CD_CONSTRAINTS, CoordinateDescentModel, type CoordinateDescentParams } from './coordinate-descent-model.js';

/** Options of {@link Lasso} (see `CoordinateDescentParams`). */
export type LassoParams = CoordinateDescentParams;

const DEFAULTS: LassoParams = {
  alpha: 1,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-4,
  warmStart: false,
  positive: false,
  randomState: undefined,
  selection: 'cyclic',
};

/**
 * Lasso regression: sparse coefficients by coordinate descent.
 *
 * Fitted attributes: `coef`, `intercept`, `nIter`, `dualGap`, `nFeaturesIn`.
 *
 * @example
 * import { Lasso } from 'typelearn/linear-model';
 * const model = await new Lasso({ alpha: 0.1 }).fit([[0, 0], [1, 1], [2, 2]], [0, 1, 2]);
 * model.coef;      // Float64Array [0.85, 0]
 * model.intercept; // 0.15
 */
export class Lasso extends CoordinateDescentModel<LassoParams> {
  static override readonly estimatorName = 'Lasso';

  static override parameterConstraints: ParameterConstraints = CD_CONSTRAINTS;

  /** @param options - see {@link LassoParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<LassoParams> = {}) {
    super(DEFAULTS, options);
  }

  protected l1RatioValue(): number {
    return 1;
  }
}
