/**
 * `DummyRegressor`: a constant prediction learned from the targets alone
 * (scikit-learn's `sklearn.dummy.DummyRegressor`), the baseline for regressors
 * and the template every later regressor copies.
 *
 * Weighted statistics follow sklearn: `'mean'` is `np.average(y, weights)`;
 * `'median'` and `'quantile'` with `sampleWeight` use sklearn's weighted
 * percentile (inverted CDF, no interpolation), without weights numpy's median
 * and linear-interpolated percentile.
 *
 * Differences from scikit-learn: single output only; `X` is validated and its
 * feature count checked at predict time; NaN in `X` is fine (never read).
 */

import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import { median, percentile, weightedMean, weightedPercentile } from '../base/stats.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';

/** How a {@link DummyRegressor} picks its constant. */
export type DummyRegressorStrategy = 'mean' | 'median' | 'quantile' | 'constant';

const STRATEGIES: readonly DummyRegressorStrategy[] = ['mean', 'median', 'quantile', 'constant'];

/** Options of {@link DummyRegressor} (sklearn's parameters, camelCase). */
export interface DummyRegressorParams {
  /**
   * - `'mean'` (default): the (weighted) mean of the training targets;
   * - `'median'`: their (weighted) median;
   * - `'quantile'`: their (weighted) `quantile`;
   * - `'constant'`: the `constant` option.
   */
  strategy: DummyRegressorStrategy;
  /** The value predicted by the `'constant'` strategy. Default `undefined`. */
  constant: number | undefined;
  /** The quantile in [0, 1] for `'quantile'` (0.5 is the median, 0 the minimum, 1 the maximum). Default `undefined`. */
  quantile: number | undefined;
}

const DEFAULTS: DummyRegressorParams = { strategy: 'mean', constant: undefined, quantile: undefined };

/**
 * A regressor that always predicts one number computed from the training
 * targets (or given). Use it as a baseline: its R² is 0 on the training data
 * with the `'mean'` strategy.
 *
 * Fitted attributes (throw `NotFittedError` before `fit`): `constant` (the
 * predicted value), `nOutputs`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { DummyRegressor } from 'typelearn/dummy';
 * const X = [[1], [2], [3], [4]];
 * const y = [2, 3, 5, 10];
 * const model = await new DummyRegressor().fit(X, y);
 * model.predict(X);   // Float64Array [5, 5, 5, 5]
 * model.score(X, y);  // 0
 * (await new DummyRegressor({ strategy: 'quantile', quantile: 0.25 }).fit(X, y)).constant; // 2.75
 */
export class DummyRegressor extends BaseEstimator<DummyRegressorParams> implements Regressor<DummyRegressorParams> {
  static override readonly estimatorName = 'DummyRegressor';

  static override parameterConstraints: ParameterConstraints = {
    strategy: [options(STRATEGIES)],
    quantile: [interval('real', 0, 1, 'both'), null],
    constant: [interval('real', null, null, 'neither'), null],
  };

  #constant?: number;

  /** @param options - see {@link DummyRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<DummyRegressorParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true, allowsNaN: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const { y: target } = this.validateData(X, y, { reset: true, yNumeric: true });
    const weights =
      options.sampleWeight === undefined ? undefined : checkSampleWeight(options.sampleWeight, target.length);
    if (weights && !(weights.reduce((a, b) => a + b, 0) > 0)) {
      throw new ValidationError("Weights sum to zero, can't be normalized.", { param: 'sampleWeight' });
    }
    const { strategy, constant, quantile } = this.params;
    switch (strategy) {
      case 'mean':
        this.#constant = weightedMean(target, weights);
        break;
      case 'median':
        this.#constant = weights ? weightedPercentile(target, weights, 50) : median(target);
        break;
      case 'quantile':
        if (quantile === undefined || quantile === null) {
          throw new ValidationError(
            "When using `strategy='quantile'`, you have to specify the desired quantile in the range [0, 1].",
            { param: 'quantile', expected: 'a number in [0, 1]', got: quantile },
          );
        }
        this.#constant = weights
          ? weightedPercentile(target, weights, quantile * 100)
          : percentile(target, quantile * 100);
        break;
      case 'constant':
        if (constant === undefined || constant === null) {
          throw new ValidationError('Constant target value has to be specified when the constant strategy is used.', {
            param: 'constant',
            expected: 'a number',
            got: constant,
          });
        }
        this.#constant = constant;
        break;
    }
  }

  /** The value every prediction takes (sklearn's `constant_`). */
  get constant(): number {
    return this.fitted('constant', this.#constant);
  }

  /** Number of outputs (always 1: multi-output targets are not supported). */
  get nOutputs(): number {
    this.checkIsFitted('nOutputs');
    return 1;
  }

  /**
   * One prediction per row of `X`, all equal to `constant`.
   * @example model.predict([[0], [1]]) // Float64Array [5, 5]
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const n = this.validateData(X, undefined, { reset: false }).X.shape[0];
    return new Float64Array(n).fill(this.fitted('constant', this.#constant));
  }

  /**
   * Coefficient of determination R² of `predict(X)` against `y` (weighted by `sampleWeight`).
   * @example model.score(X, y) // 0 for 'mean' on the training data
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { constant: this.#constant };
  }

  protected setState(state: Record<string, unknown>): void {
    this.#constant = new StateReader(state, 'saved DummyRegressor').number('constant');
  }
}
