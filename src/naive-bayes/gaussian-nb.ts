/**
 * `GaussianNB`: naive Bayes with a normal likelihood per feature and class
 * (scikit-learn's `sklearn.naive_bayes.GaussianNB`), including `partialFit`
 * with the incremental mean/variance update of Chan, Golub and LeVeque that
 * scikit-learn uses.
 *
 * Differences from scikit-learn, on purpose: a single class is an error (a
 * classifier that can only answer one label is almost always a data mistake),
 * and labels absent from `classes` in `partialFit` are an error.
 */
import { ValidationError } from '../base/errors.js';
import { interval, type ParameterConstraints } from '../base/params.js';
import type { StateReader } from '../base/state.js';
import type { EstimatorTags } from '../base/types.js';
import type { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { BaseNB } from './base-nb.js';

/** Options of {@link GaussianNB} (sklearn's parameters, camelCase). */
export interface GaussianNBParams {
  /** Prior probabilities of the classes (in sorted class order); `undefined` (default) uses the class frequencies. */
  priors: ArrayLike<number> | undefined;
  /** Fraction of the largest feature variance added to every variance, for stability. Default `1e-9`. */
  varSmoothing: number;
}

const DEFAULTS: GaussianNBParams = { priors: undefined, varSmoothing: 1e-9 };

/**
 * Gaussian naive Bayes classifier.
 *
 * Fitted attributes: `classes`, `classCount`, `classPrior`, `theta` (class
 * means, `[nClasses, nFeatures]`), `var` (class variances plus `epsilon`),
 * `epsilon`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { GaussianNB } from 'typelearn/naive-bayes';
 * const X = [[-1, -1], [-2, -1], [-3, -2], [1, 1], [2, 1], [3, 2]];
 * const model = await new GaussianNB().fit(X, [1, 1, 1, 2, 2, 2]);
 * model.predict([[-0.8, -1]]); // Int32Array [1]
 */
export class GaussianNB extends BaseNB<GaussianNBParams> {
  static override readonly estimatorName = 'GaussianNB';

  static override parameterConstraints: ParameterConstraints = {
    priors: ['arrayLike', null],
    varSmoothing: [interval('real', 0, null, 'left')],
  };

  #theta?: Float64Array;
  #var?: Float64Array;
  #classCount?: Float64Array;
  #classPrior?: Float64Array;
  #epsilon = 0;
  #nFeatures = 0;

  /** @param options - see {@link GaussianNBParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<GaussianNBParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags() };
  }

  protected nFeaturesInFromModel(): number {
    return this.#nFeatures;
  }

  protected updateModel(
    Xin: Tensor | SparseMatrix,
    y: Int32Array,
    weights: Float64Array | undefined,
    k: number,
    first: boolean,
  ): void {
    const X = Xin as Tensor;
    const [n, d] = X.shape;
    const x = X.data as Float64Array;
    const epsilon = this.params.varSmoothing * maxColumnVariance(x, n, d);

    let theta: Float64Array;
    let variance: Float64Array;
    let count: Float64Array;
    if (first) {
      theta = new Float64Array(k * d);
      variance = new Float64Array(k * d);
      count = new Float64Array(k);
      this.#checkPriors(k);
    } else {
      theta = this.#theta as Float64Array;
      variance = this.#var as Float64Array;
      count = this.#classCount as Float64Array;
      for (let t = 0; t < variance.length; t++) variance[t] -= this.#epsilon;
    }

    // Per class: batch weight sum, weighted mean, then weighted squared deviations (numpy's two-pass var).
    const nNew = new Float64Array(k);
    const mean = new Float64Array(k * d);
    if (weights) {
      for (let i = 0; i < n; i++) {
        const c = y[i];
        const w = weights[i];
        nNew[c] += w;
        const row = i * d;
        const o = c * d;
        for (let j = 0; j < d; j++) mean[o + j] += x[row + j] * w;
      }
    } else {
      for (let i = 0; i < n; i++) nNew[y[i]] += 1;
      addRowsByClass(x, n, d, y, mean);
    }
    const seen = new Uint8Array(k);
    for (let i = 0; i < n; i++) seen[y[i]] = 1;
    for (let c = 0; c < k; c++) if (seen[c]) for (let j = 0; j < d; j++) mean[c * d + j] /= nNew[c];
    const ssd = new Float64Array(k * d);
    if (weights) {
      for (let i = 0; i < n; i++) {
        const c = y[i];
        const w = weights[i];
        const row = i * d;
        const o = c * d;
        for (let j = 0; j < d; j++) {
          const diff = x[row + j] - mean[o + j];
          ssd[o + j] += diff * diff * w;
        }
      }
    } else {
      addSquaredDeviationsByClass(x, n, d, y, mean, ssd);
    }
    for (let c = 0; c < k; c++) {
      if (!seen[c]) continue;
      const m = nNew[c];
      const past = count[c];
      count[c] += m;
      // numpy.isclose(n_new, 0): a batch of zero total weight leaves the statistics alone.
      if (Math.abs(m) <= 1e-8) continue;
      const o = c * d;
      if (past === 0) {
        for (let j = 0; j < d; j++) {
          theta[o + j] = mean[o + j];
          variance[o + j] = ssd[o + j] / m;
        }
        continue;
      }
      const total = past + m;
      for (let j = 0; j < d; j++) {
        const mu = theta[o + j];
        const newMu = mean[o + j];
        const totalMu = (m * newMu + past * mu) / total;
        const delta = mu - newMu;
        const totalSsd = past * variance[o + j] + ssd[o + j] + ((m * past) / total) * delta * delta;
        theta[o + j] = totalMu;
        variance[o + j] = totalSsd / total;
      }
    }
    for (let t = 0; t < variance.length; t++) variance[t] += epsilon;

    let prior: Float64Array;
    if (this.params.priors !== undefined && this.params.priors !== null) {
      prior = Float64Array.from(this.params.priors);
    } else {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += count[c];
      prior = new Float64Array(k);
      for (let c = 0; c < k; c++) prior[c] = count[c] / sum;
    }
    this.#theta = theta;
    this.#var = variance;
    this.#classCount = count;
    this.#classPrior = prior;
    this.#epsilon = epsilon;
    this.#nFeatures = d;
  }

  #checkPriors(k: number): void {
    const priors = this.params.priors;
    if (priors === undefined || priors === null) return;
    const p = Array.from(priors);
    if (p.length !== k) {
      throw new ValidationError(
        `Number of priors must match number of classes: got ${p.length} priors for ${k} classes.`,
        {
          param: 'priors',
          expected: k,
          got: p.length,
        },
      );
    }
    const sum = p.reduce((a, b) => a + b, 0);
    if (!(Math.abs(sum - 1) <= 1e-8 + 1e-5)) {
      throw new ValidationError(`The sum of the priors should be 1, got ${sum}.`, { param: 'priors', got: sum });
    }
    if (p.some((v) => v < 0)) throw new ValidationError('Priors must be non-negative.', { param: 'priors', got: p });
  }

  protected jointLogLikelihood(Xin: Tensor | SparseMatrix): Float64Array {
    const X = Xin as Tensor;
    const [n, d] = X.shape;
    const x = X.data as Float64Array;
    const theta = this.fitted('theta', this.#theta);
    const variance = this.fitted('var', this.#var);
    const prior = this.fitted('classPrior', this.#classPrior);
    const k = prior.length;
    const base = new Float64Array(k);
    const invVar = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        s += Math.log(2 * Math.PI * variance[c * d + j]);
        invVar[c * d + j] = 1 / variance[c * d + j];
      }
      base[c] = Math.log(prior[c]) - 0.5 * s;
    }
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      const row = i * d;
      for (let c = 0; c < k; c++) {
        const o = c * d;
        let s = 0;
        for (let j = 0; j < d; j++) {
          const diff = x[row + j] - theta[o + j];
          s += diff * diff * invVar[o + j];
        }
        out[i * k + c] = base[c] - 0.5 * s;
      }
    }
    return out;
  }

  /** Mean of each feature per class, shape `[nClasses, nFeatures]`. */
  get theta(): Tensor {
    return new Tensor(this.fitted('theta', this.#theta).slice(), [this.nClasses, this.#nFeatures]);
  }

  /** Variance of each feature per class (plus `epsilon`), shape `[nClasses, nFeatures]`. */
  get var(): Tensor {
    return new Tensor(this.fitted('var', this.#var).slice(), [this.nClasses, this.#nFeatures]);
  }

  /** Weighted number of training samples per class. */
  get classCount(): Float64Array {
    return this.fitted('classCount', this.#classCount).slice();
  }

  /** Probability of each class (`priors`, or the class frequencies). */
  get classPrior(): Float64Array {
    return this.fitted('classPrior', this.#classPrior).slice();
  }

  /** The variance added to every `var` entry: `varSmoothing` times the largest feature variance of the last batch. */
  get epsilon(): number {
    this.checkIsFitted('epsilon');
    return this.#epsilon;
  }

  protected getModelState(): Record<string, unknown> {
    return {
      theta: this.#theta,
      var: this.#var,
      classCount: this.#classCount,
      classPrior: this.#classPrior,
      epsilon: this.#epsilon,
      nFeatures: this.#nFeatures,
    };
  }

  protected setModelState(r: StateReader, k: number): void {
    const d = r.number('nFeatures', { integer: true, min: 0 });
    this.#theta = r.float64Array('theta', k * d);
    this.#var = r.float64Array('var', k * d);
    this.#classCount = r.float64Array('classCount', k);
    this.#classPrior = r.float64Array('classPrior', k);
    this.#epsilon = r.number('epsilon', { min: 0 });
    this.#nFeatures = d;
  }
}

/** The largest population variance over the columns of an `n x d` row-major matrix. */
/**
 * `sums[y[i]·d + j] += x[i·d + j]` for every row, rows in order (the same sums as a plain
 * loop); four columns per step keep the accumulators in registers.
 */
function addRowsByClass(x: Float64Array, n: number, d: number, y: Int32Array, sums: Float64Array): void {
  const d4 = d - (d & 3);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    const o = y[i] * d;
    let j = 0;
    for (; j < d4; j += 4) {
      sums[o + j] += x[row + j];
      sums[o + j + 1] += x[row + j + 1];
      sums[o + j + 2] += x[row + j + 2];
      sums[o + j + 3] += x[row + j + 3];
    }
    for (; j < d; j++) sums[o + j] += x[row + j];
  }
}

/** `ssd[y[i]·d + j] += (x[i·d + j] - mean[y[i]·d + j])²`, rows in order, four columns per step. */
function addSquaredDeviationsByClass(
  x: Float64Array,
  n: number,
  d: number,
  y: Int32Array,
  mean: Float64Array,
  ssd: Float64Array,
): void {
  const d4 = d - (d & 3);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    const o = y[i] * d;
    let j = 0;
    for (; j < d4; j += 4) {
      const a = x[row + j] - mean[o + j];
      const b = x[row + j + 1] - mean[o + j + 1];
      const c = x[row + j + 2] - mean[o + j + 2];
      const e = x[row + j + 3] - mean[o + j + 3];
      ssd[o + j] += a * a;
      ssd[o + j + 1] += b * b;
      ssd[o + j + 2] += c * c;
      ssd[o + j + 3] += e * e;
    }
    for (; j < d; j++) {
      const diff = x[row + j] - mean[o + j];
      ssd[o + j] += diff * diff;
    }
  }
}

function maxColumnVariance(x: Float64Array, n: number, d: number): number {
  const mean = new Float64Array(d);
  const zeros = new Int32Array(n); // every row in "class" 0: the column sums
  addRowsByClass(x, n, d, zeros, mean);
  for (let j = 0; j < d; j++) mean[j] /= n;
  const ss = new Float64Array(d);
  addSquaredDeviationsByClass(x, n, d, zeros, mean, ss);
  let max = 0;
  for (let j = 0; j < d; j++) max = Math.max(max, ss[j] / n);
  return max;
}
