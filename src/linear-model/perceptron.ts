/**
 * `Perceptron` (scikit-learn 1.2's `sklearn.linear_model.Perceptron`): the
 * classic perceptron, i.e. SGD with the perceptron loss
 * (`max(0, -y·p)`), a constant learning rate `eta0` and no penalty by
 * default — the same core as {@link SGDClassifier}.
 */
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { RandomState } from '../tensor/random.js';
import type { ClassWeight } from './linear-classifier.js';
import { BaseSGDClassifier } from './sgd/base-sgd-classifier.js';
import {
  CLASS_WEIGHT_CONSTRAINT,
  penaltyKind,
  SGD_COMMON_CONSTRAINTS,
  type SgdPenaltyOption,
  type SgdSettings,
} from './sgd/sgd-common.js';

/** Options of {@link Perceptron} (sklearn's parameters, camelCase). */
export interface PerceptronParams {
  /** `null` (default), `'l2'`, `'l1'` or `'elasticnet'`. */
  penalty: SgdPenaltyOption;
  /** Penalty strength. Default 1e-4. */
  alpha: number;
  /** Elastic-net mixing. Default 0.15. */
  l1Ratio: number;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Maximum epochs. Default 1000. */
  maxIter: number;
  /** Stopping tolerance on the epoch loss; `null` never stops early. Default 1e-3. */
  tol: number | null;
  /** Shuffle before each epoch. Default `true`. */
  shuffle: boolean;
  /** Constant learning rate. Default 1. */
  eta0: number;
  /** Seed of the shuffles. Default 0 (as sklearn). */
  randomState: RandomState | undefined;
  /** Stop on a held-out accuracy. Default `false`. */
  earlyStopping: boolean;
  /** Held-out share. Default 0.1. */
  validationFraction: number;
  /** Epochs without improvement before stopping. Default 5. */
  nIterNoChange: number;
  /** `undefined` (default), `'balanced'` or a weight per class. */
  classWeight: ClassWeight | undefined;
  /** Start `fit` from the previous solution. Default `false`. */
  warmStart: boolean;
}

// Perceptron has no `average` option.
const { average: _average, ...PERCEPTRON_COMMON } = SGD_COMMON_CONSTRAINTS;

const DEFAULTS: PerceptronParams = {
  penalty: null,
  alpha: 1e-4,
  l1Ratio: 0.15,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-3,
  shuffle: true,
  eta0: 1,
  randomState: 0,
  earlyStopping: false,
  validationFraction: 0.1,
  nIterNoChange: 5,
  classWeight: undefined,
  warmStart: false,
};

/**
 * Linear perceptron classifier (one-vs-all for more than two classes).
 *
 * Fitted attributes: `classes`, `coef`, `intercept`, `nIter`, `t`, `nFeaturesIn`.
 *
 * @example
 * import { Perceptron } from 'typelearn/linear-model';
 * const model = await new Perceptron().fit([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 1, 0, 1]);
 * model.predict([[1, 1]]); // Int32Array [1]
 */
export class Perceptron extends BaseSGDClassifier<PerceptronParams> {
  static override readonly estimatorName = 'Perceptron';

  static override parameterConstraints: ParameterConstraints = {
    ...PERCEPTRON_COMMON,
    penalty: [options(['l2', 'l1', 'elasticnet']), null],
    alpha: [interval('real', 0, null, 'left')],
    l1Ratio: [interval('real', 0, 1, 'both')],
    eta0: [interval('real', 0, null, 'left')],
    classWeight: CLASS_WEIGHT_CONSTRAINT,
  };

  /** @param options - see {@link PerceptronParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<PerceptronParams> = {}) {
    super(DEFAULTS, options);
  }

  protected sgdSettings(): SgdSettings {
    const p = this.params;
    return {
      loss: 'perceptron',
      penalty: penaltyKind(p.penalty),
      alpha: p.alpha,
      C: 1,
      l1Ratio: p.l1Ratio,
      learningRate: 'constant',
      eta0: p.eta0,
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
      average: 0,
      classWeight: p.classWeight,
    };
  }
}
