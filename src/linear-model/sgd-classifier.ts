/**
 * `SGDClassifier` (scikit-learn 1.2's `sklearn.linear_model.SGDClassifier`):
 * linear classifiers (SVM, logistic regression, ...) fitted by stochastic
 * gradient descent on `Σᵢ wᵢ·loss(yᵢ, w·xᵢ + b) + alpha·R(w)`, one-vs-all
 * for more than two classes. Dense or CSR `X`; `partialFit` for batches.
 *
 * Differences from scikit-learn: shuffling and the early-stopping split draw
 * from typelearn's generator, so with `shuffle: true` the iterates differ
 * from sklearn's (the optimum they approach is the same); with
 * `shuffle: false` and no early stopping the updates are sklearn's, step by
 * step. No `nJobs`/`verbose`, no `coefInit`/`interceptInit` (use `warmStart`).
 */
import { ValidationError } from '../base/errors.js';
import { options, type ParameterConstraints } from '../base/params.js';
import type { MatrixLike } from '../base/types.js';
import type { RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import type { ClassWeight } from './linear-classifier.js';
import { logisticProba } from './logistic-regression.js';
import { BaseSGDClassifier } from './sgd/base-sgd-classifier.js';
import { CLASSIFICATION_LOSSES, REGRESSION_LOSSES, type SgdLossName } from './sgd/losses.js';
import {
  averageStart,
  CLASS_WEIGHT_CONSTRAINT,
  penaltyKind,
  SGD_COMMON_CONSTRAINTS,
  SGD_GRADIENT_CONSTRAINTS,
  type SgdPenaltyOption,
  type SgdSettings,
} from './sgd/sgd-common.js';

/** Options of {@link SGDClassifier} (sklearn's parameters, camelCase). */
export interface SGDClassifierParams {
  /** `'hinge'` (default, linear SVM), `'log_loss'`, `'modified_huber'`, `'squared_hinge'`, `'perceptron'`, or a regression loss. */
  loss: SgdLossName;
  /** `'l2'` (default), `'l1'`, `'elasticnet'` or `null`. */
  penalty: SgdPenaltyOption;
  /** Regularisation strength (also sets the `'optimal'` learning rate). Default 1e-4. */
  alpha: number;
  /** Elastic-net mixing in [0, 1] (`penalty: 'elasticnet'`). Default 0.15. */
  l1Ratio: number;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Maximum epochs. Default 1000. */
  maxIter: number;
  /** Stop when the epoch loss does not improve by `tol · nSamples` for `nIterNoChange` epochs; `null` never stops early. Default 1e-3. */
  tol: number | null;
  /** Shuffle the rows before each epoch. Default `true`. */
  shuffle: boolean;
  /** Epsilon of `'huber'` and the epsilon-insensitive losses. Default 0.1. */
  epsilon: number;
  /** Seed of the shuffles and of the early-stopping split. Default `undefined`. */
  randomState: RandomState | undefined;
  /** `'optimal'` (default), `'constant'`, `'invscaling'` or `'adaptive'`. */
  learningRate: 'constant' | 'optimal' | 'invscaling' | 'adaptive';
  /** Initial learning rate (constant/invscaling/adaptive). Default 0. */
  eta0: number;
  /** Exponent of `'invscaling'`. Default 0.5. */
  powerT: number;
  /** Stop on the accuracy of a held-out `validationFraction` of the rows. Default `false`. */
  earlyStopping: boolean;
  /** Held-out share for early stopping, in (0, 1). Default 0.1. */
  validationFraction: number;
  /** Epochs without improvement before stopping. Default 5. */
  nIterNoChange: number;
  /** `undefined` (default), `'balanced'` or a weight per class. */
  classWeight: ClassWeight | undefined;
  /** Start `fit` from the previous solution. Default `false`. */
  warmStart: boolean;
  /** Averaged SGD: `true` or the step to start averaging from. Default `false`. */
  average: boolean | number;
}

const DEFAULTS: SGDClassifierParams = {
  loss: 'hinge',
  penalty: 'l2',
  alpha: 1e-4,
  l1Ratio: 0.15,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-3,
  shuffle: true,
  epsilon: 0.1,
  randomState: undefined,
  learningRate: 'optimal',
  eta0: 0,
  powerT: 0.5,
  earlyStopping: false,
  validationFraction: 0.1,
  nIterNoChange: 5,
  classWeight: undefined,
  warmStart: false,
  average: false,
};

/**
 * Linear classifier trained by SGD.
 *
 * Fitted attributes: `classes`, `coef` (`rows × nFeatures`: one row for two
 * classes), `intercept`, `nIter`, `t`, `nFeaturesIn`. `predictProba` exists
 * only for `loss: 'log_loss'` or `'modified_huber'` (as sklearn's
 * `available_if`: otherwise the property is `undefined`).
 *
 * @example
 * import { SGDClassifier } from 'typelearn/linear-model';
 * const model = await new SGDClassifier({ loss: 'log_loss', randomState: 0 }).fit(X, y);
 * model.predict(X.slice(0, 2));
 * model.predictProba(X.slice(0, 2)).toArray();
 * await model.partialFit(moreX, moreY); // one more epoch on new rows
 */
export class SGDClassifier extends BaseSGDClassifier<SGDClassifierParams> {
  static override readonly estimatorName = 'SGDClassifier';

  static override parameterConstraints: ParameterConstraints = {
    ...SGD_COMMON_CONSTRAINTS,
    ...SGD_GRADIENT_CONSTRAINTS,
    loss: [options([...CLASSIFICATION_LOSSES, ...REGRESSION_LOSSES])],
    classWeight: CLASS_WEIGHT_CONSTRAINT,
  };

  /** @param options - see {@link SGDClassifierParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<SGDClassifierParams> = {}) {
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
      classWeight: p.classWeight,
    };
  }

  #probaAvailable(): boolean {
    return this.params.loss === 'log_loss' || this.params.loss === 'modified_huber';
  }

  /**
   * Class probabilities `[nSamples, nClasses]` (only for `'log_loss'` and
   * `'modified_huber'`; `undefined` otherwise). log_loss: the logistic
   * function of the decision, normalised over the one-vs-all models;
   * modified_huber: `(clip(d, -1, 1) + 1) / 2`, normalised (uniform when all
   * are zero).
   * @example model.predictProba([[0, 1]]).toArray()
   */
  get predictProba(): (X: MatrixLike) => Tensor {
    if (!this.#probaAvailable()) return undefined as unknown as (X: MatrixLike) => Tensor;
    return (X: MatrixLike) => this.#proba(X);
  }

  /**
   * Natural log of `predictProba` (same availability).
   * @example model.predictLogProba([[0, 1]])
   */
  get predictLogProba(): (X: MatrixLike) => Tensor {
    if (!this.#probaAvailable()) return undefined as unknown as (X: MatrixLike) => Tensor;
    return (X: MatrixLike) => {
      const p = this.#proba(X);
      const d = p.data as Float64Array;
      for (let i = 0; i < d.length; i++) d[i] = Math.log(d[i]);
      return p;
    };
  }

  #proba(X: MatrixLike): Tensor {
    if (!this.#probaAvailable()) {
      throw new ValidationError(`probability estimates are not available for loss='${this.params.loss}'`, {
        param: 'loss',
        got: this.params.loss,
      });
    }
    const { values, rows } = this.decisionValues(X);
    if (this.params.loss === 'log_loss') return logisticProba(values, rows, false);
    const m = values.length / rows;
    const k = rows === 1 ? 2 : rows;
    const out = new Float64Array(m * k);
    for (let i = 0; i < m; i++) {
      if (rows === 1) {
        const p1 = (Math.min(1, Math.max(-1, values[i])) + 1) / 2;
        out[2 * i] = 1 - p1;
        out[2 * i + 1] = p1;
        continue;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const v = (Math.min(1, Math.max(-1, values[i * k + c])) + 1) / 2;
        out[i * k + c] = v;
        sum += v;
      }
      for (let c = 0; c < k; c++) out[i * k + c] = sum === 0 ? 1 / k : out[i * k + c] / sum;
    }
    return new Tensor(out, [m, k]);
  }
}
