/**
 * `KNeighborsRegressor`: the (weighted) mean target of the k nearest training
 * samples (scikit-learn's `sklearn.neighbors.KNeighborsRegressor`).
 */
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { NEIGHBORS_COMMON_CONSTRAINTS, NeighborsBase, type NeighborsCommonParams } from './neighbors-base.js';
import { type NeighborsWeights, neighborWeights } from './weights.js';

/** Options of {@link KNeighborsRegressor}. */
export interface KNeighborsRegressorParams extends NeighborsCommonParams {
  /** Number of neighbours averaged. Default 5. */
  nNeighbors: number;
  /** `'uniform'` (default), `'distance'` or a function of the distances. */
  weights: NeighborsWeights;
}

const DEFAULTS: KNeighborsRegressorParams = {
  nNeighbors: 5,
  weights: 'uniform',
  algorithm: 'auto',
  leafSize: 30,
  p: 2,
  metric: 'minkowski',
};

/**
 * k-nearest-neighbours regressor.
 *
 * Fitted attributes: `fitMethod`, `effectiveMetric`, `nSamplesFit`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { KNeighborsRegressor } from 'typelearn/neighbors';
 * const model = await new KNeighborsRegressor({ nNeighbors: 2 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * model.predict([[1.5]]); // Float64Array [0.5]
 */
export class KNeighborsRegressor
  extends NeighborsBase<KNeighborsRegressorParams>
  implements Regressor<KNeighborsRegressorParams>
{
  static override readonly estimatorName = 'KNeighborsRegressor';

  static override parameterConstraints: ParameterConstraints = {
    ...NEIGHBORS_COMMON_CONSTRAINTS,
    nNeighbors: [interval('int', 1, null, 'left')],
    weights: [options(['uniform', 'distance']), 'callable'],
  };

  #y?: Float64Array;

  /** @param options - see {@link KNeighborsRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<KNeighborsRegressorParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, _options: FitOptions): void {
    const data = this.validateData(X, y, { reset: true, yNumeric: true });
    this.fitIndex(data.X);
    this.#y = Float64Array.from(data.y);
  }

  /**
   * Mean (or weighted mean) target of the neighbours.
   * @example model.predict(X)
   */
  predict(X: MatrixLike): Float64Array {
    const yFit = this.fitted('y', this.#y);
    const { distances, indices } = this.kneighbors(X);
    const [n, k] = indices.shape;
    const w = neighborWeights(distances.data as Float64Array, n, k, this.params.weights);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      let sw = 0;
      for (let t = 0; t < k; t++) {
        const wt = w ? w[i * k + t] : 1;
        s += wt * yFit[indices.data[i * k + t]];
        sw += wt;
      }
      out[i] = s / sw;
    }
    return out;
  }

  /**
   * R² of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { ...this.getIndexState(), y: this.#y };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved KNeighborsRegressor');
    this.setIndexState(r);
    this.#y = r.float64Array('y', this.indexSize);
  }
}
