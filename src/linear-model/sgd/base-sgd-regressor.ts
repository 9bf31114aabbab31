/**
 * `BaseSGDRegressor`: linear regression trained by stochastic gradient
 * descent (scikit-learn's `BaseSGDRegressor`); SGDRegressor and
 * PassiveAggressiveRegressor are front ends mapping their params to
 * {@link SgdSettings}. `fit` runs up to `maxIter` epochs from zero (or the
 * previous model with `warmStart`); `partialFit` runs one epoch and keeps
 * the weights, the step counter `t` and the averages.
 */
import { ValidationError } from '../../base/errors.js';
import { regressorScore } from '../../base/score.js';
import { StateReader } from '../../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../../base/types.js';
import { checkArray, checkSampleWeight } from '../../base/validation.js';
import { ConvergenceWarning, warn } from '../../base/warnings.js';
import { checkRandomState } from '../../tensor/random.js';
import { LinearModel, linearDecision } from '../linear-base.js';
import { sgdLoss } from './losses.js';
import { plainSgd } from './plain-sgd.js';
import { checkSgdSettings, interceptDecay, type SgdSettings, validationMask, validationScorer } from './sgd-common.js';

/** Base class of the SGD regressors; see the module comment. */
export abstract class BaseSGDRegressor<P extends object> extends LinearModel<P> implements Regressor<P> {
  #coef?: Float64Array;
  #intercept = 0;
  #standardCoef?: Float64Array;
  #standardIntercept = 0;
  #averageCoef?: Float64Array;
  #averageIntercept = 0;
  #t = 1;
  #nIter?: number;
  #partial = false;

  /** The resolved SGD settings of the current params. */
  protected abstract sgdSettings(): SgdSettings;

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'regressor',
      requiresY: true,
      sparseInput: true,
      partialFit: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  /**
   * One epoch of SGD on a batch, continuing from the current model (the
   * first call starts from zero). `earlyStopping` is not supported here.
   * @example
   * await model.partialFit(X1, y1);
   * await model.partialFit(X2, y2);
   */
  async partialFit(X: MatrixLike, y: Labels, options: FitOptions = {}): Promise<this> {
    const continuing = this.isFitted;
    if (continuing) {
      // Checked before fit clears the fitted flag, so a batch of the wrong width leaves the model as it was.
      const x = checkArray(X, { allowSparse: true, estimatorName: this.estimatorName }).X;
      const width = x.shape.length === 2 ? x.shape[1] : 1;
      if (width !== this.nFeaturesIn) {
        throw new ValidationError(`Number of features ${width} does not match previous data ${this.nFeaturesIn}.`, {
          expected: this.nFeaturesIn,
          got: width,
        });
      }
    }
    this.#partial = true;
    if (!continuing) this.#standardCoef = undefined;
    try {
      return await this.fit(X, y, options);
    } finally {
      this.#partial = false;
    }
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const s = this.sgdSettings();
    const partial = this.#partial;
    checkSgdSettings(s, partial, this.estimatorName);
    const data = this.validateFitData(X, y, { allowSparse: true, multiOutput: false, yNumeric: true });
    const x = data.X;
    const target = data.y as Float64Array;
    const [m, n] = x.shape as [number, number];
    const sw = checkSampleWeight(options.sampleWeight, m);
    const continuing = partial && this.#standardCoef !== undefined;
    let coef: Float64Array;
    let intercept = 0;
    let t = 1;
    if (continuing) {
      coef = this.#standardCoef as Float64Array;
      if (coef.length !== n) {
        throw new ValidationError(`Number of features ${n} does not match previous data ${coef.length}.`, {
          expected: coef.length,
          got: n,
        });
      }
      intercept = this.#standardIntercept;
      t = this.#t;
    } else if (!partial && s.warmStart && this.#coef !== undefined) {
      if (this.#coef.length !== n) {
        throw new ValidationError('Provided coef does not match dataset (warmStart with a different width).', {
          param: 'warmStart',
        });
      }
      coef = Float64Array.from(this.#coef);
      intercept = this.#intercept;
    } else {
      coef = new Float64Array(n);
    }
    const averaging = s.average > 0;
    let averageCoef: Float64Array | undefined = averaging ? new Float64Array(n) : undefined;
    let averageIntercept = 0;
    if (averaging && continuing && this.#averageCoef !== undefined) {
      averageCoef = this.#averageCoef;
      averageIntercept = this.#averageIntercept;
    }
    const rng = checkRandomState(s.randomState);
    const mask = s.earlyStopping ? validationMask(rng, m, s.validationFraction, sw) : undefined;
    const res = plainSgd(x, target, sw, coef, intercept, averageCoef, averageIntercept, {
      loss: sgdLoss(s.loss, s.epsilon),
      penalty: s.penalty,
      alpha: s.alpha,
      C: s.C,
      l1Ratio: s.l1Ratio,
      learningRate: s.learningRate,
      eta0: s.eta0,
      powerT: s.powerT,
      maxIter: partial ? 1 : s.maxIter,
      tol: s.tol === null ? Number.NEGATIVE_INFINITY : s.tol,
      nIterNoChange: s.nIterNoChange,
      fitIntercept: s.fitIntercept,
      shuffle: s.shuffle,
      rng,
      weightPos: 1,
      weightNeg: 1,
      t,
      interceptDecay: interceptDecay(x),
      average: s.average,
      validationMask: mask,
      validationScore: mask ? validationScorer(x, target, sw, mask, false) : undefined,
    });
    t += res.nIter * m;
    this.#standardCoef = coef;
    this.#standardIntercept = res.intercept;
    this.#averageCoef = averageCoef;
    this.#averageIntercept = res.averageIntercept;
    this.#t = t;
    this.#nIter = res.nIter;
    const useAverage = averaging && s.average <= t - 1;
    this.#coef = Float64Array.from(useAverage ? (averageCoef as Float64Array) : coef);
    this.#intercept = useAverage ? res.averageIntercept : res.intercept;
    if (!partial && s.tol !== null && res.nIter === s.maxIter) {
      warn(
        new ConvergenceWarning(
          `${this.estimatorName}: maximum number of iterations (maxIter=${s.maxIter}) reached before convergence. Consider increasing maxIter to improve the fit.`,
        ),
      );
    }
  }

  /** Coefficients, length `nFeatures` (averaged ones with `average`; sklearn's `coef_`). */
  get coef(): Float64Array {
    return this.fitted('coef', this.#coef);
  }

  /** The intercept (sklearn's `intercept_[0]`). */
  get intercept(): number {
    this.checkIsFitted('intercept');
    return this.#intercept;
  }

  /** Epochs run by the last `fit`/`partialFit` (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** Training steps taken so far plus one (sklearn's `t_`). */
  get t(): number {
    this.checkIsFitted('t');
    return this.#t;
  }

  /**
   * Predictions `X · coef + intercept`.
   * @example model.predict([[1, 2]])
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validatePredictData(X, true);
    return linearDecision(x, this.fitted('coef', this.#coef), Float64Array.of(this.#intercept), 1);
  }

  /**
   * R² of the predictions.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return {
      coef: this.#coef,
      intercept: this.#intercept,
      standardCoef: this.#standardCoef,
      standardIntercept: this.#standardIntercept,
      averageCoef: this.#averageCoef ?? null,
      averageIntercept: this.#averageIntercept,
      t: this.#t,
      nIter: this.#nIter,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    this.#coef = r.float64Array('coef');
    const n = this.#coef.length;
    this.#intercept = r.number('intercept');
    this.#standardCoef = r.float64Array('standardCoef', n);
    this.#standardIntercept = r.number('standardIntercept');
    this.#averageCoef = state.averageCoef === null ? undefined : r.float64Array('averageCoef', n);
    this.#averageIntercept = r.number('averageIntercept');
    this.#t = r.number('t', { min: 1 });
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
