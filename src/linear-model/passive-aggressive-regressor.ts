/**
 * `PassiveAggressiveRegressor` (scikit-learn 1.2's
 * `sklearn.linear_model.PassiveAggressiveRegressor`): per sample, the
 * smallest change of `w` that brings the prediction within `epsilon` of the
 * target, capped by `C` (PA-I, `loss: 'epsilon_insensitive'`) or softened by
 * `1/(2C)` (PA-II, `loss: 'squared_epsilon_insensitive'`).
 */
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { RandomState } from '../tensor/random.js';
import { BaseSGDRegressor } from './sgd/base-sgd-regressor.js';
import { averageStart, SGD_COMMON_CONSTRAINTS, type SgdSettings } from './sgd/sgd-common.js';

/** Options of {@link PassiveAggressiveRegressor} (sklearn's parameters, camelCase). */
export interface PassiveAggressiveRegressorParams {
  /** Maximum step size. Default 1. */
  C: number;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Maximum epochs. Default 1000. */
  maxIter: number;
  /** Stopping tolerance; `null` never stops early. Default 1e-3. */
  tol: number | null;
  /** Stop on a held-out R². Default `false`. */
  earlyStopping: boolean;
  /** Held-out share. Default 0.1. */
  validationFraction: number;
  /** Epochs without improvement before stopping. Default 5. */
  nIterNoChange: number;
  /** Shuffle before each epoch. Default `true`. */
  shuffle: boolean;
  /** `'epsilon_insensitive'` (PA-I, default) or `'squared_epsilon_insensitive'` (PA-II). */
  loss: 'epsilon_insensitive' | 'squared_epsilon_insensitive';
  /** Width of the insensitive band. Default 0.1. */
  epsilon: number;
  /** Seed of the shuffles. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Start `fit` from the previous solution. Default `false`. */
  warmStart: boolean;
  /** Averaging: `true` or the step to start from. Default `false`. */
  average: boolean | number;
}

const DEFAULTS: PassiveAggressiveRegressorParams = {
  C: 1,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-3,
  earlyStopping: false,
  validationFraction: 0.1,
  nIterNoChange: 5,
  shuffle: true,
  loss: 'epsilon_insensitive',
  epsilon: 0.1,
  randomState: undefined,
  warmStart: false,
  average: false,
};

/**
 * Passive-aggressive linear regressor.
 *
 * Fitted attributes: `coef`, `intercept`, `nIter`, `t`, `nFeaturesIn`.
 *
 * @example
 * import { PassiveAggressiveRegressor } from 'typelearn/linear-model';
 * const model = await new PassiveAggressiveRegressor({ randomState: 0 }).fit(X, y);
 * model.predict(X.slice(0, 2));
 */
export class PassiveAggressiveRegressor extends BaseSGDRegressor<PassiveAggressiveRegressorParams> {
  static override readonly estimatorName = 'PassiveAggressiveRegressor';

  static override parameterConstraints: ParameterConstraints = {
    ...SGD_COMMON_CONSTRAINTS,
    C: [interval('real', 0, null, 'right')],
    loss: [options(['epsilon_insensitive', 'squared_epsilon_insensitive'])],
    epsilon: [interval('real', 0, null, 'left')],
  };

  /** @param options - see {@link PassiveAggressiveRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<PassiveAggressiveRegressorParams> = {}) {
    super(DEFAULTS, options);
  }

  protected sgdSettings(): SgdSettings {
    const p = this.params;
    return {
      // sklearn always evaluates the epsilon-insensitive loss; the name picks the step.
      loss: 'epsilon_insensitive',
      penalty: 'none',
      alpha: 1,
      C: p.C,
      l1Ratio: 0,
      learningRate: p.loss === 'epsilon_insensitive' ? 'pa1' : 'pa2',
      eta0: 0,
      powerT: 0.5,
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
