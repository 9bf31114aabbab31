/**
 * `SGDRegressor` (scikit-learn 1.2's `sklearn.linear_model.SGDRegressor`):
 * linear regression fitted by stochastic gradient descent on
 * `Σᵢ wᵢ·loss(yᵢ, w·xᵢ + b) + alpha·R(w)`. Dense or CSR `X`; `partialFit`
 * for batches.
 *
 * Differences from scikit-learn: shuffling and the early-stopping split draw
 * from typelearn's generator, so with `shuffle: true` the iterates differ
 * from sklearn's; with `shuffle: false` and no early stopping they are
 * sklearn's step by step. No `verbose`, no `coefInit`/`interceptInit`.
 */
import { options, type ParameterConstraints } from '../base/params.js';
import type { RandomState } from '../tensor/random.js';
import { BaseSGDRegressor } from './sgd/base-sgd-regressor.js';
import { REGRESSION_LOSSES, type SgdLossName } from './sgd/losses.js';
import {
  averageStart,
  penaltyKind,
  SGD_COMMON_CONSTRAINTS,
  SGD_GRADIENT_CONSTRAINTS,
  type SgdPenaltyOption,
  type SgdSettings,
} from './sgd/sgd-common.js';

/** Options of {@link SGDRegressor} (sklearn's parameters, camelCase). */
export interface SGDRegressorParams {
  /** `'squared_error'` (default), `'huber'`, `'epsilon_insensitive'` or `'squared_epsilon_insensitive'`. */
  loss: Extract<SgdLossName, 'squared_error' | 'huber' | 'epsilon_insensitive' | 'squared_epsilon_insensitive'>;
  /** `'l2'` (default), `'l1'`, `'elasticnet'` or `null`. */
  penalty: SgdPenaltyOption;
  /** Regularisation strength. Default 1e-4. */
  alpha: number;
  /** Elastic-net mixing in [0, 1]. Default 0.15. */
  l1Ratio: number;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Maximum epochs. Default 1000. */
  maxIter: number;
  /** Stopping tolerance on the epoch loss (or validation R²); `null` never stops early. Default 1e-3. */
  tol: number | null;
  /** Shuffle the rows before each epoch. Default `true`. */
  shuffle: boolean;
  /** Epsilon of `'huber'` and the epsilon-insensitive losses. Default 0.1. */
  epsilon: number;
  /** Seed of the shuffles and the early-stopping split. Default `undefined`. */
  randomState: RandomState | undefined;
  /** `'invscaling'` (default), `'constant'`, `'optimal'` or `'adaptive'`. */
  learningRate: 'constant' | 'optimal' | 'invscaling' | 'adaptive';
  /** Initial learning rate. Default 0.01. */
  eta0: number;
  /** Exponent of `'invscaling'`. Default 0.25. */
  powerT: number;
  /** Stop on the R² of a held-out `validationFraction`. Default `false`. */
  earlyStopping: boolean;
  /** Held-out share for early stopping. Default 0.1. */
  validationFraction: number;
  /** Epochs without improvement before stopping. Default 5. */
  nIterNoChange: number;
  /** Start `fit` from the previous solution. Default `false`. */
  warmStart: boolean;
  /** Averaged SGD: `true` or the step to start averaging from. Default `false`. */
  average: boolean | number;
}

const DEFAULTS: SGDRegressorParams = {
  loss: 'squared_error',
  penalty: 'l2',
  alpha: 1e-4,
  l1Ratio: 0.15,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-3,
  shuffle: true,
  epsilon: 0.1,
  randomState: undefined,
  learningRate: 'invscaling',
  eta0: 0.01,
  powerT: 0.25,
  earlyStopping: false,
  validationFraction: 0.1,
  nIterNoChange: 5,
  warmStart: false,
  average: false,
};

/**
 * Linear regressor trained by SGD.
 *
 * Fitted attributes: `coef`, `intercept`, `nIter`, `t`, `nFeaturesIn`.
 *
 * @example
 * import { SGDRegressor } from 'typelearn/linear-model';
 * const model = await new SGDRegressor({ randomState: 0 }).fit(X, y);
 * model.predict(X.slice(0, 2));
 * model.score(X, y); // R²
 */
export class SGDRegressor extends BaseSGDRegressor<SGDRegressorParams> {
  static override readonly estimatorName = 'SGDRegressor';

  static override parameterConstraints: ParameterConstraints = {
    ...SGD_COMMON_CONSTRAINTS,
    ...SGD_GRADIENT_CONSTRAINTS,
    loss: [options(REGRESSION_LOSSES)],
  };

  /** @param options - see {@link SGDRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<SGDRegressorParams> = {}) {
    super(DEFAULTS, options);
  }

  protected sgdSettings(): SgdSettings {
    const p = this.params;
    return {
      loss: p.loss,
      penalty: penaltyKind(p.penalty),
      alpha: p.alpha,
      C: 1,
      l1Ratio: p.l1Ratio,
      learningRate: p.learningRate,
      eta0: p.eta0,
      powerT: p.powerT,
      epsilon: p.epsilon,
      fitIntercept: p.fitIntercept,
      maxIter: p.maxIter,
      tol: p.tol,
      shuffle: p.shuffle,
      randomState: p.randomState,
      earlyStopping: p.earlyStopping,
      validationFraction: p.validationFraction,
      nIterNoChange: p.nIterNoChange,
      warmStart: p.warmStart,
      average: averageStart(p.average),
    };
  }
}
