/**
 * `PassiveAggressiveClassifier` (scikit-learn 1.2's
 * `sklearn.linear_model.PassiveAggressiveClassifier`, Crammer et al. 2006):
 * per sample, the smallest change of `w` that fixes the hinge loss, capped
 * by `C` (PA-I, `loss: 'hinge'`) or softened by `1/(2C)` (PA-II,
 * `loss: 'squared_hinge'`). The SGD core with the `'pa1'`/`'pa2'` steps.
 */
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { RandomState } from '../tensor/random.js';
import type { ClassWeight } from './linear-classifier.js';
import { BaseSGDClassifier } from './sgd/base-sgd-classifier.js';
import { averageStart, CLASS_WEIGHT_CONSTRAINT, SGD_COMMON_CONSTRAINTS, type SgdSettings } from './sgd/sgd-common.js';

/** Options of {@link PassiveAggressiveClassifier} (sklearn's parameters, camelCase). */
export interface PassiveAggressiveClassifierParams {
  /** Maximum step size. Default 1. */
  C: number;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Maximum epochs. Default 1000. */
  maxIter: number;
  /** Stopping tolerance; `null` never stops early. Default 1e-3. */
  tol: number | null;
  /** Stop on a held-out accuracy. Default `false`. */
  earlyStopping: boolean;
  /** Held-out share. Default 0.1. */
  validationFraction: number;
  /** Epochs without improvement before stopping. Default 5. */
  nIterNoChange: number;
  /** Shuffle before each epoch. Default `true`. */
  shuffle: boolean;
  /** `'hinge'` (PA-I, default) or `'squared_hinge'` (PA-II). */
  loss: 'hinge' | 'squared_hinge';
  /** Seed of the shuffles. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Start `fit` from the previous solution. Default `false`. */
  warmStart: boolean;
  /** `undefined` (default), `'balanced'` or a weight per class. */
  classWeight: ClassWeight | undefined;
  /** Averaging: `true` or the step to start from. Default `false`. */
  average: boolean | number;
}

const DEFAULTS: PassiveAggressiveClassifierParams = {
  C: 1,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-3,
  earlyStopping: false,
  validationFraction: 0.1,
  nIterNoChange: 5,
  shuffle: true,
  loss: 'hinge',
  randomState: undefined,
  warmStart: false,
  classWeight: undefined,
  average: false,
};

/**
 * Passive-aggressive linear classifier (one-vs-all for more than two classes).
 *
 * Fitted attributes: `classes`, `coef`, `intercept`, `nIter`, `t`, `nFeaturesIn`.
 *
 * @example
 * import { PassiveAggressiveClassifier } from 'typelearn/linear-model';
 * const model = await new PassiveAggressiveClassifier({ randomState: 0 }).fit(X, y);
 * model.predict(X.slice(0, 2));
 */
export class PassiveAggressiveClassifier extends BaseSGDClassifier<PassiveAggressiveClassifierParams> {
  static override readonly estimatorName = 'PassiveAggressiveClassifier';

  static override parameterConstraints: ParameterConstraints = {
    ...SGD_COMMON_CONSTRAINTS,
    C: [interval('real', 0, null, 'right')],
    loss: [options(['hinge', 'squared_hinge'])],
    classWeight: CLASS_WEIGHT_CONSTRAINT,
  };

  /** @param options - see {@link PassiveAggressiveClassifierParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<PassiveAggressiveClassifierParams> = {}) {
    super(DEFAULTS, options);
  }

  protected sgdSettings(): SgdSettings {
    const p = this.params;
    return {
      // sklearn always evaluates the hinge loss; the name picks the step.
      loss: 'hinge',
      penalty: 'none',
      alpha: 1,
      C: p.C,
      l1Ratio: 0,
      learningRate: p.loss === 'hinge' ? 'pa1' : 'pa2',
      eta0: 0,
      powerT: 0.5,
      epsilon: 0.1,
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
      classWeight: p.classWeight,
    };
  }
}
