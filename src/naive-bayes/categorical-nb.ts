/**
 * `CategoricalNB`: naive Bayes for categorical features given as category
 * indices 0, 1, 2, ... per column (scikit-learn's
 * `sklearn.naive_bayes.CategoricalNB`); encode strings first with an
 * OrdinalEncoder.
 *
 * Differences from scikit-learn, on purpose: non-integer values are an error
 * (sklearn truncates them), a category index never seen in training is a
 * `ValidationError` naming feature and value (sklearn raises an IndexError),
 * and `nCategories` is the number of categories the model knows after all
 * `partialFit` calls (sklearn keeps the last batch's).
 */
import { ValidationError } from '../base/errors.js';
import { interval, type ParameterConstraints } from '../base/params.js';
import type { StateReader } from '../base/state.js';
import type { MatrixLike } from '../base/types.js';
import type { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { checkAlpha, classLogPrior, DISCRETE_NB_CONSTRAINTS } from './base-discrete-nb.js';
import { BaseNB } from './base-nb.js';

/** Options of {@link CategoricalNB}. */
export interface CategoricalNBParams {
  /** Additive smoothing. Default 1. */
  alpha: number;
  /** See `DiscreteNBParams.forceAlpha`. Default `'warn'`. */
  forceAlpha: boolean | 'warn';
  /** Learn class priors from the data; `false` uses a uniform prior. Default `true`. */
  fitPrior: boolean;
  /** Fixed class priors (sorted class order). Default `undefined`. */
  classPrior: ArrayLike<number> | undefined;
  /**
   * Minimum number of categories per feature (one number for all, or one per
   * feature), so categories absent from the training data still get smoothed
   * probabilities. Default `undefined`: the largest index seen + 1.
   */
  minCategories: number | ArrayLike<number> | undefined;
}

const DEFAULTS: CategoricalNBParams = {
  alpha: 1,
  forceAlpha: 'warn',
  fitPrior: true,
  classPrior: undefined,
  minCategories: undefined,
};

/** Checks that every entry is a non-negative integer (a category index). */
function checkCategories(X: Tensor): void {
  const data = X.data;
  const d = X.shape[1];
  for (let t = 0; t < data.length; t++) {
    const v = data[t];
    if (!(v >= 0) || !Number.isInteger(v)) {
      const row = Math.floor(t / d);
      const column = t % d;
      throw new ValidationError(
        `CategoricalNB expects category indices (non-negative integers); X[${row}, ${column}] = ${v}. Encode categories with an OrdinalEncoder.`,
        { row, column, expected: 'a non-negative integer', got: v },
      );
    }
  }
}

/**
 * Categorical naive Bayes: `P(x_j = v | c) = (N_cjv + alpha) / (N_c + alpha * nCategories_j)`.
 *
 * Fitted attributes: `classes`, `classCount`, `categoryCount` (one
 * `[nClasses, nCategories_j]` tensor per feature), `featureLogProb` (same
 * layout), `classLogPrior`, `nCategories`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { CategoricalNB } from 'typelearn/naive-bayes';
 * const X = [[0, 1], [0, 2], [1, 0], [2, 0]];
 * const model = await new CategoricalNB().fit(X, ['a', 'a', 'b', 'b']);
 * model.predict([[0, 2]]); // ['a']
 */
export class CategoricalNB extends BaseNB<CategoricalNBParams> {
  static override readonly estimatorName = 'CategoricalNB';

  static override parameterConstraints: ParameterConstraints = {
    alpha: [interval('real', 0, null, 'left')],
    forceAlpha: DISCRETE_NB_CONSTRAINTS.forceAlpha,
    fitPrior: ['boolean'],
    classPrior: ['arrayLike', null],
    minCategories: [interval('int', 1, null, 'left'), 'arrayLike', null],
  };

  #classCount?: Float64Array;
  // Feature j's counts are a k x nCategories[j] block starting at offsets[j].
  #categoryCount?: Float64Array;
  #featureLogProb?: Float64Array;
  #nCategories?: Int32Array;
  #classLogPrior?: Float64Array;

  /** @param options - see {@link CategoricalNBParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<CategoricalNBParams> = {}) {
    super(DEFAULTS, options);
  }

  protected override checkX(X: MatrixLike): Tensor | SparseMatrix {
    const checked = super.checkX(X) as Tensor;
    checkCategories(checked);
    const m = this.fitted('nCategories', this.#nCategories);
    const [n, d] = checked.shape;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = checked.data[i * d + j];
        if (v >= m[j]) {
          throw new ValidationError(
            `X[${i}, ${j}] = ${v} is a category CategoricalNB never saw for feature ${j} (it knows ${m[j]} categories: 0..${m[j] - 1}); set minCategories to reserve more.`,
            { row: i, column: j, expected: `< ${m[j]}`, got: v },
          );
        }
      }
    }
    return checked;
  }

  protected nFeaturesInFromModel(): number {
    return this.#nCategories?.length ?? 0;
  }

  #minCategories(d: number): Int32Array {
    const min = this.params.minCategories;
    const out = new Int32Array(d);
    if (min === undefined || min === null) return out;
    if (typeof min === 'number') return out.fill(min);
    if (min.length !== d) {
      throw new ValidationError(
        `'minCategories' should have shape (${d},) when an array-like is provided. Got (${min.length},) instead.`,
        {
          param: 'minCategories',
          expected: d,
          got: min.length,
        },
      );
    }
    for (let j = 0; j < d; j++) {
      if (!Number.isInteger(min[j])) {
        throw new ValidationError(`'minCategories' entries must be integers; minCategories[${j}] = ${min[j]}.`, {
          param: 'minCategories',
          got: min[j],
        });
      }
      out[j] = min[j];
    }
    return out;
  }

  protected updateModel(
    Xin: Tensor | SparseMatrix,
    y: Int32Array,
    weights: Float64Array | undefined,
    k: number,
    first: boolean,
  ): void {
    const X = Xin as Tensor;
    checkCategories(X);
    const [n, d] = X.shape;
    const x = X.data;
    // Widths: at least the old ones, the batch's max + 1, and minCategories.
    const width = this.#minCategories(d);
    const oldWidth = first ? new Int32Array(d) : (this.#nCategories as Int32Array);
    for (let j = 0; j < d; j++) width[j] = Math.max(width[j], oldWidth[j]);
    for (let t = 0; t < x.length; t++) {
      const j = t % d;
      if (x[t] + 1 > width[j]) width[j] = x[t] + 1;
    }
    const offsets = blockOffsets(width, k);
    const counts = new Float64Array(offsets[d]);
    const cc = first ? new Float64Array(k) : new Float64Array(this.#classCount as Float64Array);
    if (!first) {
      const oldCounts = this.#categoryCount as Float64Array;
      const oldOffsets = blockOffsets(oldWidth, k);
      for (let j = 0; j < d; j++) {
        for (let c = 0; c < k; c++) {
          for (let v = 0; v < oldWidth[j]; v++) {
            counts[offsets[j] + c * width[j] + v] = oldCounts[oldOffsets[j] + c * oldWidth[j] + v];
          }
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const c = y[i];
      const w = weights ? weights[i] : 1;
      cc[c] += w;
      for (let j = 0; j < d; j++) counts[offsets[j] + c * width[j] + x[i * d + j]] += w;
    }
    const { alpha, forceAlpha, fitPrior, classPrior } = this.params;
    const a = checkAlpha(alpha, forceAlpha, 1)[0];
    const flp = new Float64Array(counts.length);
    for (let j = 0; j < d; j++) {
      for (let c = 0; c < k; c++) {
        const o = offsets[j] + c * width[j];
        let total = 0;
        for (let v = 0; v < width[j]; v++) total += counts[o + v] + a;
        const logTotal = Math.log(total);
        for (let v = 0; v < width[j]; v++) flp[o + v] = Math.log(counts[o + v] + a) - logTotal;
      }
    }
    this.#classLogPrior = classLogPrior(cc, fitPrior, classPrior);
    this.#classCount = cc;
    this.#categoryCount = counts;
    this.#featureLogProb = flp;
    this.#nCategories = width;
  }

  protected jointLogLikelihood(Xin: Tensor | SparseMatrix): Float64Array {
    const X = Xin as Tensor;
    const [n, d] = X.shape;
    const prior = this.fitted('classLogPrior', this.#classLogPrior);
    const flp = this.fitted('featureLogProb', this.#featureLogProb);
    const width = this.fitted('nCategories', this.#nCategories);
    const k = prior.length;
    const offsets = blockOffsets(width, k);
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let s = prior[c];
        for (let j = 0; j < d; j++) s += flp[offsets[j] + c * width[j] + X.data[i * d + j]];
        out[i * k + c] = s;
      }
    }
    return out;
  }

  #perFeature(buffer: Float64Array): Tensor[] {
    const width = this.fitted('nCategories', this.#nCategories);
    const k = this.nClasses;
    const offsets = blockOffsets(width, k);
    return Array.from(width, (m, j) => new Tensor(buffer.slice(offsets[j], offsets[j + 1]), [k, m]));
  }

  /** Weighted number of samples per class. */
  get classCount(): Float64Array {
    return this.fitted('classCount', this.#classCount).slice();
  }

  /** Per feature, the weighted count of each category per class (`[nClasses, nCategories_j]`). */
  get categoryCount(): Tensor[] {
    return this.#perFeature(this.fitted('categoryCount', this.#categoryCount));
  }

  /** Per feature, the smoothed log probability of each category per class (`[nClasses, nCategories_j]`). */
  get featureLogProb(): Tensor[] {
    return this.#perFeature(this.fitted('featureLogProb', this.#featureLogProb));
  }

  /** Log prior of each class. */
  get classLogPrior(): Float64Array {
    return this.fitted('classLogPrior', this.#classLogPrior).slice();
  }

  /** Number of categories known per feature. */
  get nCategories(): Int32Array {
    return this.fitted('nCategories', this.#nCategories).slice();
  }

  protected getModelState(): Record<string, unknown> {
    return {
      classCount: this.#classCount,
      categoryCount: this.#categoryCount,
      featureLogProb: this.#featureLogProb,
      classLogPrior: this.#classLogPrior,
      nCategories: this.#nCategories === undefined ? undefined : Float64Array.from(this.#nCategories),
    };
  }

  protected setModelState(r: StateReader, k: number): void {
    const m = r.float64Array('nCategories');
    if (!m.every((v) => Number.isInteger(v) && v >= 0)) {
      throw new ValidationError(`saved CategoricalNB: nCategories must be non-negative integers`);
    }
    const width = Int32Array.from(m);
    const size = blockOffsets(width, k)[width.length];
    this.#classCount = r.float64Array('classCount', k);
    this.#categoryCount = r.float64Array('categoryCount', size);
    this.#featureLogProb = r.float64Array('featureLogProb', size);
    this.#classLogPrior = r.float64Array('classLogPrior', k);
    this.#nCategories = width;
  }
}

/** Start of each feature's `k x width[j]` block (length d + 1; the last entry is the total). */
function blockOffsets(width: Int32Array, k: number): Int32Array {
  const out = new Int32Array(width.length + 1);
  for (let j = 0; j < width.length; j++) out[j + 1] = out[j] + k * width[j];
  return out;
}
