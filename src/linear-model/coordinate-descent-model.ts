/**
 * The fit shared by `ElasticNet` and `Lasso` (scikit-learn's
 * `ElasticNet.fit`): sample weights rescaled to sum to the sample count,
 * centring, coordinate descent for one alpha (warm-started with
 * `warmStart`), then the intercept from the offsets.
 */
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import type { RandomState } from '../tensor/random.js';
import type { Tensor } from '../tensor/tensor.js';
import { enetPathKernel, toColumnMajor } from './enet-path.js';
import { centerData, denseData, interceptFromOffsets, LinearModel, linearDecision } from './linear-base.js';

/** Options shared by `Lasso` and `ElasticNet` (sklearn's parameters, camelCase). */
export interface CoordinateDescentParams {
  /** Penalty strength ≥ 0. Default 1. */
  alpha: number;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Maximum coordinate-descent passes. Default 1000. */
  maxIter: number;
  /** Duality-gap tolerance, relative to ‖y − ȳ‖². Default 1e-4. */
  tol: number;
  /** Start from the previous fit's coefficients. Default `false`. */
  warmStart: boolean;
  /** Constrain the coefficients to be ≥ 0. Default `false`. */
  positive: boolean;
  /** Seed for `selection: 'random'`. Default `undefined`. */
  randomState: RandomState | undefined;
  /** `'cyclic'` (default) or `'random'` coordinate order. */
  selection: 'cyclic' | 'random';
}

/** Constraints of {@link CoordinateDescentParams}. */
export const CD_CONSTRAINTS: ParameterConstraints = {
  alpha: [interval('real', 0, null, 'left')],
  fitIntercept: ['boolean'],
  maxIter: [interval('int', 1, null, 'left')],
  tol: [interval('real', 0, null, 'left')],
  warmStart: ['boolean'],
  positive: ['boolean'],
  randomState: ['randomState'],
  selection: [options(['cyclic', 'random'])],
};

/**
 * Base class of `ElasticNet` and `Lasso`; subclasses say which `l1Ratio` they use.
 * Fitted attributes: `coef`, `intercept`, `nIter`, `dualGap`, `nFeaturesIn`.
 */
export abstract class CoordinateDescentModel<P extends CoordinateDescentParams>
  extends LinearModel<P>
  implements Regressor<P>
{
  #coef?: Float64Array;
  #intercept?: number;
  #nIter?: number;
  #dualGap?: number;

  /** The L1 share of the penalty. */
  protected abstract l1RatioValue(): number;

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const data = this.validateFitData(X, y, { allowSparse: false, multiOutput: false, yNumeric: true });
    const x = data.X as Tensor;
    const [m, n] = x.shape as [number, number];
    const p = this.params;
    if (p.alpha === 0) {
      warn(
        new TypelearnWarning(
          `With alpha=0, ${this.estimatorName} does not converge well; use LinearRegression instead.`,
        ),
      );
    }
    let sw: Float64Array | undefined;
    if (options.sampleWeight !== undefined) {
      sw = checkSampleWeight(options.sampleWeight, m);
      let total = 0;
      for (let i = 0; i < m; i++) total += sw[i];
      for (let i = 0; i < m; i++) sw[i] *= m / total;
    }
    const c = centerData(denseData(x), m, n, data.y as Float64Array, 1, p.fitIntercept, sw);
    const previous = this.#coef;
    const coefInit = p.warmStart && previous !== undefined && previous.length === n ? previous : undefined;
    const r = enetPathKernel(toColumnMajor(c.x, m, n), m, n, c.y, [p.alpha], this.l1RatioValue(), {
      maxIter: p.maxIter,
      tol: p.tol,
      positive: p.positive,
      selection: p.selection,
      randomState: p.randomState,
      coefInit,
    });
    const coef = Float64Array.from(r.coefs.data);
    this.#coef = coef;
    this.#intercept = interceptFromOffsets(coef, c.xOffset, c.yOffset, 1, n)[0];
    this.#nIter = r.nIters[0];
    this.#dualGap = r.dualGaps[0];
  }

  /** Coefficients (sklearn's `coef_`). */
  get coef(): Float64Array {
    return this.fitted('coef', this.#coef);
  }

  /** The intercept (sklearn's `intercept_`). */
  get intercept(): number {
    return this.fitted('intercept', this.#intercept);
  }

  /** Coordinate-descent passes used (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** Final duality gap divided by the sample count (sklearn's `dual_gap_`). */
  get dualGap(): number {
    return this.fitted('dualGap', this.#dualGap);
  }

  /**
   * Predictions `X · coef + intercept`.
   * @example model.predict([[1, 2]])
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validatePredictData(X, false);
    return linearDecision(x, this.fitted('coef', this.#coef), Float64Array.of(this.#intercept ?? 0), 1);
  }

  /**
   * R² of the predictions.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { coef: this.#coef, intercept: this.#intercept, nIter: this.#nIter, dualGap: this.#dualGap };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    this.#coef = r.float64Array('coef');
    this.#intercept = r.number('intercept');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#dualGap = r.number('dualGap');
  }
}
