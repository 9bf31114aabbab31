/**
 * `ComplementNB`: the complement naive Bayes of Rennie et al. (2003), suited
 * to imbalanced text data (scikit-learn's `sklearn.naive_bayes.ComplementNB`).
 * Each class is scored by how unlike the *other* classes a sample is.
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

/** Options of {@link ComplementNB}. */
export interface ComplementNBParams extends DiscreteNBParams {
  /** Normalise the weights a second time (the paper's variant; off in sklearn by default). Default `false`. */
  norm: boolean;
}

const DEFAULTS: ComplementNBParams = {
  alpha: 1,
  forceAlpha: 'warn',
  fitPrior: true,
  classPrior: undefined,
  norm: false,
};

/**
 * Complement naive Bayes. `featureLogProb` holds the (negated, or with
 * `norm` normalised) log complement probabilities; the class prior only
 * matters with a single class, as in scikit-learn.
 *
 * Fitted attributes: `classes`, `classCount`, `featureCount`, `featureAll`,
 * `classLogPrior`, `featureLogProb`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { ComplementNB } from 'typelearn/naive-bayes';
 * const model = await new ComplementNB().fit([[3, 0], [2, 1], [0, 4], [1, 3]], [0, 0, 1, 1]);
 * model.predict([[0, 2]]); // Int32Array [1]
 */
export class ComplementNB extends BaseDiscreteNB<ComplementNBParams> {
  static override readonly estimatorName = 'ComplementNB';

  static override parameterConstraints: ParameterConstraints = { ...DISCRETE_NB_CONSTRAINTS, norm: ['boolean'] };

  /** @param options - see {@link ComplementNBParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<ComplementNBParams> = {}) {
    super(DEFAULTS, options);
  }

  protected override prepareX(X: Tensor | SparseMatrix, fitting: boolean): Tensor | SparseMatrix {
    if (fitting) checkNonNegative(X, 'ComplementNB (input X)');
    return X;
  }

  /** Sum of each feature over all classes. */
  get featureAll(): Float64Array {
    const fc = this.featureCount;
    const [k, d] = fc.shape;
    const out = new Float64Array(d);
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) out[j] += fc.data[c * d + j];
    return out;
  }

  protected computeFeatureLogProb(fc: Float64Array, _cc: Float64Array, alpha: Float64Array, k: number, d: number) {
    const all = new Float64Array(d);
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) all[j] += fc[c * d + j];
    const out = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      const o = c * d;
      let total = 0;
      for (let j = 0; j < d; j++) {
        out[o + j] = all[j] + alpha[j] - fc[o + j];
        total += out[o + j];
      }
      let summed = 0;
      for (let j = 0; j < d; j++) {
        out[o + j] = Math.log(out[o + j] / total);
        summed += out[o + j];
      }
      for (let j = 0; j < d; j++) out[o + j] = this.params.norm ? out[o + j] / summed : -out[o + j];
    }
    return out;
  }

  protected jointLogLikelihood(X: Tensor | SparseMatrix): Float64Array {
    return timesTransposed(X, this.featureLogProbData, this.classLogPriorData.length);
  }
}
