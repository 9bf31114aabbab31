/**
 * `MultinomialNB`: naive Bayes for counts (word counts, tf-idf), scikit-learn's
 * `sklearn.naive_bayes.MultinomialNB`. Accepts dense or `SparseMatrix` input;
 * negative values are an error.
 */
import type { ParameterConstraints } from '../base/params.js';
import type { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  BaseDiscreteNB,
  checkNonNegative,
  DISCRETE_NB_CONSTRAINTS,
  type DiscreteNBParams,
  timesTransposed,
} from './base-discrete-nb.js';

/** Options of {@link MultinomialNB}: see {@link DiscreteNBParams}. */
export type MultinomialNBParams = DiscreteNBParams;

const DEFAULTS: MultinomialNBParams = { alpha: 1, forceAlpha: 'warn', fitPrior: true, classPrior: undefined };

/**
 * Multinomial naive Bayes: `featureLogProb[c, j] = log((N_cj + alpha) / (N_c + alpha * nFeatures))`.
 *
 * Fitted attributes: `classes`, `classCount`, `featureCount`, `classLogPrior`,
 * `featureLogProb`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { MultinomialNB } from 'typelearn/naive-bayes';
 * const counts = [[2, 1, 0], [3, 0, 0], [0, 1, 4], [0, 2, 3]];
 * const model = await new MultinomialNB().fit(counts, ['ham', 'ham', 'spam', 'spam']);
 * model.predict([[1, 0, 2]]); // ['spam']
 */
export class MultinomialNB extends BaseDiscreteNB<MultinomialNBParams> {
  static override readonly estimatorName = 'MultinomialNB';

  static override parameterConstraints: ParameterConstraints = { ...DISCRETE_NB_CONSTRAINTS };

  /** @param options - see {@link DiscreteNBParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<MultinomialNBParams> = {}) {
    super(DEFAULTS, options);
  }

  protected override prepareX(X: Tensor | SparseMatrix, fitting: boolean): Tensor | SparseMatrix {
    if (fitting) checkNonNegative(X, 'MultinomialNB (input X)');
    return X;
  }

  protected computeFeatureLogProb(fc: Float64Array, _cc: Float64Array, alpha: Float64Array, k: number, d: number) {
    const out = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      let total = 0;
      for (let j = 0; j < d; j++) total += fc[c * d + j] + alpha[j];
      const logTotal = Math.log(total);
      for (let j = 0; j < d; j++) out[c * d + j] = Math.log(fc[c * d + j] + alpha[j]) - logTotal;
    }
    return out;
  }

  protected jointLogLikelihood(X: Tensor | SparseMatrix): Float64Array {
    const prior = this.classLogPriorData;
    const k = prior.length;
    const out = timesTransposed(X, this.featureLogProbData, k);
    for (let t = 0; t < out.length; t++) out[t] += prior[t % k];
    return out;
  }
}
