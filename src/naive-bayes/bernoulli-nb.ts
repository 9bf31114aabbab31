/**
 * `BernoulliNB`: naive Bayes for binary (present/absent) features, scikit-learn's
 * `sklearn.naive_bayes.BernoulliNB`. Unlike MultinomialNB, an absent feature
 * counts as evidence too (through `log(1 - p)`).
 */
import { ValidationError } from '../base/errors.js';
import { interval, type ParameterConstraints } from '../base/params.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { BaseDiscreteNB, DISCRETE_NB_CONSTRAINTS, type DiscreteNBParams, timesTransposed } from './base-discrete-nb.js';

/** Options of {@link BernoulliNB}. */
export interface BernoulliNBParams extends DiscreteNBParams {
  /** Threshold: a feature is present when its value is above it. `null` means X is already 0/1. Default 0. */
  binarize: number | null;
}

const DEFAULTS: BernoulliNBParams = {
  alpha: 1,
  forceAlpha: 'warn',
  fitPrior: true,
  classPrior: undefined,
  binarize: 0,
};

/** `X > threshold` as 0/1, keeping sparse input sparse (only stored entries above the threshold survive). */
function binarized(X: Tensor | SparseMatrix, threshold: number): Tensor | SparseMatrix {
  if (X instanceof SparseMatrix) {
    if (threshold < 0) {
      // Implicit zeros would have to become ones: the result would be dense.
      throw new ValidationError(`Cannot binarize a SparseMatrix with threshold < 0 (binarize = ${threshold}).`, {
        param: 'binarize',
        got: threshold,
      });
    }
    const data = new Float64Array(X.data.length);
    for (let t = 0; t < data.length; t++) data[t] = X.data[t] > threshold ? 1 : 0;
    return new SparseMatrix(data, X.indices.slice(), X.indptr.slice(), X.shape).eliminateZeros();
  }
  const src = X.data;
  const data = new Float64Array(src.length);
  for (let t = 0; t < data.length; t++) data[t] = src[t] > threshold ? 1 : 0;
  return new Tensor(data, X.shape);
}

/**
 * Bernoulli naive Bayes:
 * `featureLogProb[c, j] = log((N_cj + alpha) / (N_c + 2 alpha))`, where `N_cj`
 * counts the samples of class `c` with feature `j` present.
 *
 * Fitted attributes: `classes`, `classCount`, `featureCount`, `classLogPrior`,
 * `featureLogProb`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { BernoulliNB } from 'typelearn/naive-bayes';
 * const model = await new BernoulliNB().fit([[1, 0, 1], [1, 1, 0], [0, 0, 1], [0, 1, 1]], [0, 0, 1, 1]);
 * model.predictProba([[1, 0, 0]]);
 */
export class BernoulliNB extends BaseDiscreteNB<BernoulliNBParams> {
  static override readonly estimatorName = 'BernoulliNB';

  static override parameterConstraints: ParameterConstraints = {
    ...DISCRETE_NB_CONSTRAINTS,
    binarize: [interval('real', null, null, 'neither'), null],
  };

  /** @param options - see {@link BernoulliNBParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<BernoulliNBParams> = {}) {
    super(DEFAULTS, options);
  }

  protected override prepareX(X: Tensor | SparseMatrix, _fitting: boolean): Tensor | SparseMatrix {
    const threshold = this.params.binarize;
    return threshold === null || threshold === undefined ? X : binarized(X, threshold);
  }

  protected computeFeatureLogProb(fc: Float64Array, cc: Float64Array, alpha: Float64Array, k: number, d: number) {
    const out = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) out[c * d + j] = Math.log(fc[c * d + j] + alpha[j]) - Math.log(cc[c] + 2 * alpha[j]);
    }
    return out;
  }

  protected jointLogLikelihood(X: Tensor | SparseMatrix): Float64Array {
    const flp = this.featureLogProbData;
    const prior = this.classLogPriorData;
    const k = prior.length;
    const d = X.shape[1];
    // jll = X @ (log p - log(1 - p))^T + sum_j log(1 - p) + log prior.
    const diff = new Float64Array(k * d);
    const base = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const neg = Math.log(1 - Math.exp(flp[c * d + j]));
        diff[c * d + j] = flp[c * d + j] - neg;
        s += neg;
      }
      base[c] = prior[c] + s;
    }
    const out = timesTransposed(X, diff, k);
    for (let t = 0; t < out.length; t++) out[t] += base[t % k];
    return out;
  }
}
