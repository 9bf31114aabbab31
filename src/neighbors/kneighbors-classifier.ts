/**
 * `KNeighborsClassifier`: vote among the k nearest training samples
 * (scikit-learn's `sklearn.neighbors.KNeighborsClassifier`).
 */

import { decodeLabels } from '../base/labels.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { Classifier, EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { NEIGHBORS_COMMON_CONSTRAINTS, NeighborsBase, type NeighborsCommonParams } from './neighbors-base.js';
import { classifierTargets, type NeighborsWeights, neighborWeights } from './weights.js';

/** Options of {@link KNeighborsClassifier}. */
export interface KNeighborsClassifierParams extends NeighborsCommonParams {
  /** Number of neighbours that vote. Default 5. */
  nNeighbors: number;
  /** Vote weights: `'uniform'` (default), `'distance'` or a function of the distances. */
  weights: NeighborsWeights;
}

const DEFAULTS: KNeighborsClassifierParams = {
  nNeighbors: 5,
  weights: 'uniform',
  algorithm: 'auto',
  leafSize: 30,
  p: 2,
  metric: 'minkowski',
};

/**
 * k-nearest-neighbours classifier. Ties in the vote go to the smallest class;
 * equally distant neighbours are taken in training order.
 *
 * Fitted attributes: `classes`, `fitMethod`, `effectiveMetric`, `nSamplesFit`,
 * `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { KNeighborsClassifier } from 'typelearn/neighbors';
 * const model = await new KNeighborsClassifier({ nNeighbors: 3 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * model.predict([[1.1]]);              // Int32Array [0]
 * model.predictProba([[0.9]]).toArray(); // [[0.666..., 0.333...]]
 */
export class KNeighborsClassifier
  extends NeighborsBase<KNeighborsClassifierParams>
  implements Classifier<KNeighborsClassifierParams>
{
  static override readonly estimatorName = 'KNeighborsClassifier';

  static override parameterConstraints: ParameterConstraints = {
    ...NEIGHBORS_COMMON_CONSTRAINTS,
    nNeighbors: [interval('int', 1, null, 'left')],
    weights: [options(['uniform', 'distance']), 'callable'],
  };

  #classes?: Label[];
  #y?: Int32Array;

  /** @param options - see {@link KNeighborsClassifierParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<KNeighborsClassifierParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, _options: FitOptions): void {
    const data = this.validateData(X, y, { reset: true });
    const { classes, encoded } = classifierTargets(data.y, this.estimatorName);
    this.fitIndex(data.X);
    this.#classes = classes;
    this.#y = encoded;
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  #votes(X: MatrixLike): { votes: Float64Array; n: number; k: number } {
    const yFit = this.fitted('y', this.#y);
    const nClasses = this.fitted('classes', this.#classes).length;
    const { distances, indices } = this.kneighbors(X);
    const [n, kk] = indices.shape;
    const w = neighborWeights(distances.data as Float64Array, n, kk, this.params.weights);
    const votes = new Float64Array(n * nClasses);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < kk; t++) {
        const c = yFit[indices.data[i * kk + t]];
        votes[i * nClasses + c] += w ? w[i * kk + t] : 1;
      }
    }
    return { votes, n, k: nClasses };
  }

  /**
   * The class with the most (weighted) votes; ties go to the smallest class.
   * @example model.predict(X)
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const { votes, n, k } = this.#votes(X);
    const best = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let b = 0;
      for (let c = 1; c < k; c++) if (votes[i * k + c] > votes[i * k + b]) b = c;
      best[i] = b;
    }
    return decodeLabels(this.fitted('classes', this.#classes), best);
  }

  /**
   * Vote fractions per class, `[nSamples, nClasses]`.
   * @example model.predictProba(X)
   */
  predictProba(X: MatrixLike): Tensor {
    const { votes, n, k } = this.#votes(X);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += votes[i * k + c];
      if (s === 0) s = 1;
      for (let c = 0; c < k; c++) votes[i * k + c] /= s;
    }
    return new Tensor(votes, [n, k]);
  }

  /**
   * Mean accuracy of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return {
      ...this.getIndexState(),
      classes: this.#classes,
      y: this.#y === undefined ? undefined : Float64Array.from(this.#y),
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved KNeighborsClassifier');
    const classes = r.labels('classes');
    this.setIndexState(r);
    const y = r.float64Array('y', this.indexSize);
    this.#classes = classes;
    this.#y = Int32Array.from(y);
  }
}
