/**
 * Cross-validated coordinate-descent models (scikit-learn's `LinearModelCV`,
 * the base of `LassoCV` and `ElasticNetCV`): for each l1 ratio an alpha grid
 * from the full data, a warm-started path on every training fold (centred on
 * that fold), the mean squared error on the held-out fold, then the best
 * (alpha, l1 ratio) refitted on all the data.
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { type CvOption, checkCv } from '../model-selection/check-cv.js';
import type { RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { ElasticNet } from './elastic-net.js';
import { alphaGrid, enetPathKernel, toColumnMajor } from './enet-path.js';
import { centerData, denseData, LinearModel, linearDecision } from './linear-base.js';

/** Options shared by `LassoCV` and `ElasticNetCV`. */
export interface LinearModelCVParams {
  /** Grid length ratio `alphaMin / alphaMax`. Default 1e-3. */
  eps: number;
  /** Alphas per l1 ratio in the automatic grid. Default 100. */
  nAlphas: number;
  /** Explicit alphas instead of the grid. Default `undefined`. */
  alphas: number[] | undefined;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Coordinate-descent passes per fit. Default 1000. */
  maxIter: number;
  /** Duality-gap tolerance. Default 1e-4. */
  tol: number;
  /** Folds: a count (KFold, default 5), a splitter, or a list of splits. */
  cv: CvOption | undefined;
  /** Constrain the coefficients to be ≥ 0. Default `false`. */
  positive: boolean;
  /** Seed for `selection: 'random'`. */
  randomState: RandomState | undefined;
  /** `'cyclic'` (default) or `'random'`. */
  selection: 'cyclic' | 'random';
}

/** Constraints of {@link LinearModelCVParams}. */
export const CV_CONSTRAINTS: ParameterConstraints = {
  eps: [interval('real', 0, null, 'neither')],
  nAlphas: [interval('int', 1, null, 'left')],
  alphas: ['arrayLike', null],
  fitIntercept: ['boolean'],
  maxIter: [interval('int', 1, null, 'left')],
  tol: [interval('real', 0, null, 'left')],
  cv: 'noValidation',
  positive: ['boolean'],
  randomState: ['randomState'],
  selection: [options(['cyclic', 'random'])],
};

function takeRows(src: Float64Array, rows: Int32Array, w: number): Float64Array {
  const out = new Float64Array(rows.length * w);
  for (let i = 0; i < rows.length; i++) out.set(src.subarray(rows[i] * w, rows[i] * w + w), i * w);
  return out;
}

/**
 * Base of the cross-validated elastic-net models.
 * Fitted attributes: `alpha`, `l1Ratio`, `alphas` (`[nL1Ratios, nAlphas]`),
 * `msePath` (`[nL1Ratios, nAlphas, nFolds]`), `coef`, `intercept`, `dualGap`, `nIter`.
 */
export abstract class LinearModelCV<P extends LinearModelCVParams> extends LinearModel<P> implements Regressor<P> {
  #alpha?: number;
  #l1Ratio?: number;
  #alphas?: Tensor;
  #msePath?: Tensor;
  #coef?: Float64Array;
  #intercept?: number;
  #dualGap?: number;
  #nIter?: number;

  /** The l1 ratios to search. */
  protected abstract l1Ratios(): number[];

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true };
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): Promise<void> {
    if (options.sampleWeight !== undefined) {
      throw new ValidationError(`${this.estimatorName} does not support sampleWeight`, { param: 'sampleWeight' });
    }
    const data = this.validateFitData(X, y, { allowSparse: false, multiOutput: false, yNumeric: true });
    const x = data.X as Tensor;
    const target = data.y as Float64Array;
    const [m, n] = x.shape as [number, number];
    const xs = denseData(x);
    const p = this.params;
    const ratios = this.l1Ratios();
    const full = centerData(xs, m, n, target, 1, p.fitIntercept);
    const grids = ratios.map((r) =>
      p.alphas
        ? Float64Array.from(p.alphas).sort((a, b) => b - a)
        : alphaGrid(full.x, m, n, full.y, r, p.eps, p.nAlphas),
    );
    const nAlphas = grids[0].length;
    const folds = [...checkCv(p.cv).split(m)];
    const mse = new Float64Array(ratios.length * nAlphas * folds.length);
    const pathOptions = {
      maxIter: p.maxIter,
      tol: p.tol,
      positive: p.positive,
      selection: p.selection,
      randomState: p.randomState,
    };
    ratios.forEach((ratio, r) => {
      folds.forEach(([train, test], f) => {
        this.throwIfAborted(options.signal);
        const mt = train.length;
        const c = centerData(takeRows(xs, train, n), mt, n, takeRows(target, train, 1), 1, p.fitIntercept);
        const path = enetPathKernel(toColumnMajor(c.x, mt, n), mt, n, c.y, grids[r], ratio, pathOptions);
        const coefs = path.coefs.data as Float64Array;
        for (let a = 0; a < nAlphas; a++) {
          const w = coefs.subarray(a * n, a * n + n);
          let b = c.yOffset[0];
          for (let j = 0; j < n; j++) b -= c.xOffset[j] * w[j];
          let total = 0;
          for (const i of test) {
            let s = b;
            for (let j = 0; j < n; j++) s += xs[i * n + j] * w[j];
            const e = s - target[i];
            total += e * e;
          }
          mse[(r * nAlphas + a) * folds.length + f] = total / test.length;
        }
      });
    });
    let best = Number.POSITIVE_INFINITY;
    let bestAlpha = grids[0][0];
    let bestRatio = ratios[0];
    ratios.forEach((ratio, r) => {
      let iBest = 0;
      let bestHere = Number.POSITIVE_INFINITY;
      for (let a = 0; a < nAlphas; a++) {
        let s = 0;
        for (let f = 0; f < folds.length; f++) s += mse[(r * nAlphas + a) * folds.length + f];
        s /= folds.length;
        if (s < bestHere) {
          bestHere = s;
          iBest = a;
        }
      }
      if (bestHere < best) {
        best = bestHere;
        bestAlpha = grids[r][iBest];
        bestRatio = ratio;
      }
    });
    const model = new ElasticNet({
      alpha: bestAlpha,
      l1Ratio: bestRatio,
      fitIntercept: p.fitIntercept,
      maxIter: p.maxIter,
      tol: p.tol,
      positive: p.positive,
      randomState: p.randomState,
      selection: p.selection,
    });
    await model.fit(x, target, { signal: options.signal });
    this.#coef = model.coef;
    this.#intercept = model.intercept;
    this.#dualGap = model.dualGap;
    this.#nIter = model.nIter;
    const allAlphas = new Float64Array(ratios.length * nAlphas);
    for (let r = 0; r < grids.length; r++) allAlphas.set(grids[r], r * nAlphas);
    this.#alpha = bestAlpha;
    this.#l1Ratio = bestRatio;
    this.#alphas = new Tensor(allAlphas, [ratios.length, nAlphas]);
    this.#msePath = new Tensor(mse, [ratios.length, nAlphas, folds.length]);
  }

  /** The chosen alpha (sklearn's `alpha_`). */
  get alpha(): number {
    return this.fitted('alpha', this.#alpha);
  }

  /** The chosen l1 ratio (sklearn's `l1_ratio_`). */
  get l1Ratio(): number {
    return this.fitted('l1Ratio', this.#l1Ratio);
  }

  /** The alpha grid(s), shape `[nL1Ratios, nAlphas]` (sklearn's `alphas_`, not squeezed). */
  get alphas(): Tensor {
    return this.fitted('alphas', this.#alphas);
  }

  /** Held-out MSE, shape `[nL1Ratios, nAlphas, nFolds]` (sklearn's `mse_path_`, not squeezed). */
  get msePath(): Tensor {
    return this.fitted('msePath', this.#msePath);
  }

  /** Coefficients of the refitted model. */
  get coef(): Float64Array {
    return this.fitted('coef', this.#coef);
  }

  /** Intercept of the refitted model. */
  get intercept(): number {
    return this.fitted('intercept', this.#intercept);
  }

  /** Duality gap of the refit. */
  get dualGap(): number {
    return this.fitted('dualGap', this.#dualGap);
  }

  /** Coordinate-descent passes of the refit. */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /**
   * Predictions of the refitted model.
   * @example model.predict(X)
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
    return {
      alpha: this.#alpha,
      l1Ratio: this.#l1Ratio,
      alphas: this.#alphas,
      msePath: this.#msePath,
      coef: this.#coef,
      intercept: this.#intercept,
      dualGap: this.#dualGap,
      nIter: this.#nIter,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    this.#alpha = r.number('alpha');
    this.#l1Ratio = r.number('l1Ratio');
    this.#alphas = r.tensor('alphas');
    this.#msePath = r.tensor('msePath');
    this.#coef = r.float64Array('coef');
    this.#intercept = r.number('intercept');
    this.#dualGap = r.number('dualGap');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
