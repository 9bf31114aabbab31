/**
 * `RidgeCV`: ridge regression with the alpha chosen by cross-validation
 * (scikit-learn's `sklearn.linear_model.RidgeCV`). With `cv` unset it uses
 * efficient leave-one-out (generalised cross-validation, sklearn's
 * `_RidgeGCV`) scored by mean squared error; with `cv` set (a fold count, a
 * splitter or a list of splits) it scores each alpha by the mean R² over the
 * folds, as sklearn's grid search does, and refits on all the data.
 *
 * Differences from scikit-learn: `scoring` is not supported (always the
 * defaults above); dense `X` only.
 */
import { ValidationError } from '../base/errors.js';
import { options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { type CvOption, checkCv } from '../model-selection/check-cv.js';
import { Tensor } from '../tensor/tensor.js';
import { centerData, denseData, interceptFromOffsets, LinearModel, linearDecision } from './linear-base.js';
import { multiOutputR2 } from './multi-output-score.js';
import { fitRidge } from './ridge-fit.js';
import { type GcvMode, ridgeGcv } from './ridge-gcv.js';

/** Options of {@link RidgeCV} (sklearn's parameters, camelCase). */
export interface RidgeCVParams {
  /** Candidate alphas, all > 0. Default `[0.1, 1, 10]`. */
  alphas: number[];
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** `undefined` (default): efficient leave-one-out; else folds for R²-scored cross-validation. */
  cv: CvOption | undefined;
  /** Leave-one-out decomposition: `'auto'` (default; svd when samples > features, else eigen), `'svd'`, `'eigen'`. */
  gcvMode: GcvMode;
  /** Choose one alpha per target (leave-one-out only). Default `false`. */
  alphaPerTarget: boolean;
}

const DEFAULTS: RidgeCVParams = {
  alphas: [0.1, 1, 10],
  fitIntercept: true,
  cv: undefined,
  gcvMode: 'auto',
  alphaPerTarget: false,
};

/** Result of {@link fitRidgeCv}. */
export interface RidgeCvFit {
  coef: Float64Array;
  intercept: Float64Array;
  alpha: Float64Array;
  bestScore: Float64Array;
}

/**
 * Cross-validated ridge on dense `X` and `y` (`m × t`), shared with `RidgeClassifierCV`.
 * @example fitRidgeCv(X, y, 1, undefined, { alphas: [0.1, 1], fitIntercept: true, cv: undefined, gcvMode: 'auto', alphaPerTarget: false })
 */
export function fitRidgeCv(
  X: Tensor,
  y: Float64Array,
  t: number,
  sampleWeight: Float64Array | undefined,
  params: RidgeCVParams,
): RidgeCvFit {
  const alphas = Array.from(params.alphas);
  if (alphas.length === 0) throw new ValidationError('alphas must hold at least one value', { param: 'alphas' });
  for (const a of alphas) {
    if (!(a > 0) || !Number.isFinite(a)) {
      throw new ValidationError(`alphas must be finite and > 0, got ${a}`, { param: 'alphas', got: a });
    }
  }
  const [m, n] = X.shape as [number, number];
  if (params.cv === undefined) {
    const c = centerData(denseData(X), m, n, y, t, params.fitIntercept, sampleWeight);
    const sqrtSw = sampleWeight ? sampleWeight.map(Math.sqrt) : new Float64Array(m).fill(1);
    const r = ridgeGcv(c.x, m, n, c.y, t, alphas, sqrtSw, params.fitIntercept, params.gcvMode, params.alphaPerTarget);
    return {
      coef: r.coef,
      intercept: interceptFromOffsets(r.coef, c.xOffset, c.yOffset, t, n),
      alpha: r.alpha,
      bestScore: r.bestScore,
    };
  }
  if (params.alphaPerTarget) {
    throw new ValidationError('alphaPerTarget is only supported with cv undefined (leave-one-out)', {
      param: 'alphaPerTarget',
    });
  }
  const splitter = checkCv(params.cv);
  const splits = [...splitter.split(m)];
  const xs = denseData(X);
  const settings = {
    fitIntercept: params.fitIntercept,
    solver: 'auto',
    tol: 1e-4,
    maxIter: undefined,
    positive: false,
  } as const;
  let best = Number.NEGATIVE_INFINITY;
  let bestAlpha = alphas[0];
  for (const alpha of alphas) {
    let total = 0;
    for (const [train, test] of splits) {
      const take = (rows: Int32Array, src: Float64Array, w: number) => {
        const out = new Float64Array(rows.length * w);
        for (let i = 0; i < rows.length; i++) out.set(src.subarray(rows[i] * w, rows[i] * w + w), i * w);
        return out;
      };
      const xTrain = new Tensor(take(train, xs, n), [train.length, n]);
      const swTrain = sampleWeight ? take(train, sampleWeight, 1) : undefined;
      const r = fitRidge(xTrain, take(train, y, t), t, swTrain, { ...settings, alpha });
      const pred = linearDecision(new Tensor(take(test, xs, n), [test.length, n]), r.coef, r.intercept, t);
      const yTest = take(test, y, t);
      total += t === 1 ? regressorScore(yTest, pred) : multiOutputR2(new Tensor(yTest, [test.length, t]), pred, t);
    }
    const score = total / splits.length;
    if (score > best) {
      best = score;
      bestAlpha = alpha;
    }
  }
  const r = fitRidge(X, y, t, sampleWeight, { ...settings, alpha: bestAlpha });
  return {
    coef: r.coef,
    intercept: r.intercept,
    alpha: new Float64Array(t).fill(bestAlpha),
    bestScore: Float64Array.of(best),
  };
}

/**
 * Ridge regression with built-in cross-validation of alpha.
 *
 * Fitted attributes: `alpha` (the chosen alpha), `targetAlphas` (one per
 * target), `bestScore` (negative mean squared LOO error, or mean R² with
 * `cv`), `coef`, `intercept`, `intercepts`, `nFeaturesIn`.
 *
 * @example
 * import { RidgeCV } from 'typelearn/linear-model';
 * const model = await new RidgeCV({ alphas: [0.01, 0.1, 1, 10] }).fit(X, y);
 * model.alpha;        // the alpha with the smallest leave-one-out error
 * model.predict(X);
 */
export class RidgeCV extends LinearModel<RidgeCVParams> implements Regressor<RidgeCVParams> {
  static override readonly estimatorName = 'RidgeCV';

  static override parameterConstraints: ParameterConstraints = {
    alphas: ['arrayLike'],
    fitIntercept: ['boolean'],
    cv: 'noValidation',
    gcvMode: [options(['auto', 'svd', 'eigen'])],
    alphaPerTarget: ['boolean'],
  };

  #coef?: Float64Array;
  #intercepts?: Float64Array;
  #alphas?: Float64Array;
  #bestScore?: Float64Array;
  #nTargets = 1;
  #multiOutput = false;

  /** @param options - see {@link RidgeCVParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<RidgeCVParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true, multiOutput: true };
  }

  /**
   * Fits the model; `y` may also be 2-D (`number[][]` or a 2-D Tensor) for several targets.
   * @example await model.fit(X, [[1, 2], [3, 4]])
   */
  override fit(X: MatrixLike, y?: Labels | readonly (readonly number[])[], options?: FitOptions): Promise<this> {
    return super.fit(X, y as Labels, options);
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const data = this.validateFitData(X, y, { allowSparse: false, multiOutput: true, yNumeric: true });
    const x = data.X as Tensor;
    const sw = options.sampleWeight === undefined ? undefined : checkSampleWeight(options.sampleWeight, x.shape[0]);
    const r = fitRidgeCv(x, data.y as Float64Array, data.nTargets, sw, this.params);
    this.#coef = r.coef;
    this.#intercepts = r.intercept;
    this.#alphas = r.alpha;
    this.#bestScore = r.bestScore;
    this.#nTargets = data.nTargets;
    this.#multiOutput = data.multiOutput;
  }

  /** The chosen alpha (the first target's with `alphaPerTarget`; sklearn's `alpha_`). */
  get alpha(): number {
    return this.fitted('alpha', this.#alphas)[0];
  }

  /** The chosen alpha of each target. */
  get targetAlphas(): Float64Array {
    return this.fitted('targetAlphas', this.#alphas);
  }

  /** Score of the chosen alpha(s) (sklearn's `best_score_`). */
  get bestScore(): number {
    return this.fitted('bestScore', this.#bestScore)[0];
  }

  /** Coefficients: length `nFeatures`, or `nTargets × nFeatures` row-major for 2-D `y`. */
  get coef(): Float64Array {
    return this.fitted('coef', this.#coef);
  }

  /** The intercept (single target). */
  get intercept(): number {
    return this.fitted('intercept', this.#intercepts)[0];
  }

  /** One intercept per target. */
  get intercepts(): Float64Array {
    return this.fitted('intercepts', this.#intercepts);
  }

  /**
   * Predictions (row-major `nSamples × nTargets` for 2-D `y`).
   * @example model.predict(X)
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validatePredictData(X, false);
    return linearDecision(
      x,
      this.fitted('coef', this.#coef),
      this.fitted('intercepts', this.#intercepts),
      this.#nTargets,
    );
  }

  /**
   * R² of the predictions (uniform average over targets).
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels | readonly (readonly number[])[], sampleWeight?: ArrayLike<number>): number {
    const pred = this.predict(X);
    return this.#multiOutput
      ? multiOutputR2(y as Labels, pred, this.#nTargets, sampleWeight)
      : regressorScore(y as Labels, pred, sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return {
      coef: this.#coef,
      intercepts: this.#intercepts,
      alphas: this.#alphas,
      bestScore: this.#bestScore,
      nTargets: this.#nTargets,
      multiOutput: this.#multiOutput,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved RidgeCV');
    const t = r.number('nTargets', { integer: true, min: 1 });
    this.#coef = r.float64Array('coef');
    this.#intercepts = r.float64Array('intercepts', t);
    this.#alphas = r.float64Array('alphas', t);
    this.#bestScore = r.float64Array('bestScore');
    this.#nTargets = t;
    this.#multiOutput = state.multiOutput === true;
  }
}
