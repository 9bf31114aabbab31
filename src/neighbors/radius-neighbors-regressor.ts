/**
 * `RadiusNeighborsRegressor`: the (weighted) mean target of the training
 * samples within a fixed radius (scikit-learn's
 * `sklearn.neighbors.RadiusNeighborsRegressor`).
 */
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { NEIGHBORS_COMMON_CONSTRAINTS, NeighborsBase, type NeighborsCommonParams } from './neighbors-base.js';
import { type NeighborsWeights, neighborWeights } from './weights.js';

/** Options of {@link RadiusNeighborsRegressor}. */
export interface RadiusNeighborsRegressorParams extends NeighborsCommonParams {
  /** Neighbourhood radius. Default 1. */
  radius: number;
  /** `'uniform'` (default), `'distance'` or a function of one sample's distances (a 1-D tensor). */
  weights: NeighborsWeights;
}

const DEFAULTS: RadiusNeighborsRegressorParams = {
  radius: 1,
  weights: 'uniform',
  algorithm: 'auto',
  leafSize: 30,
  p: 2,
  metric: 'minkowski',
};

/**
 * Radius-neighbours regressor. A sample without neighbours is predicted NaN,
 * with a warning (as scikit-learn).
 *
 * @example
 * import { RadiusNeighborsRegressor } from 'typelearn/neighbors';
 * const model = await new RadiusNeighborsRegressor({ radius: 1 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * model.predict([[1.5]]); // Float64Array [0.5]
 */
export class RadiusNeighborsRegressor
  extends NeighborsBase<RadiusNeighborsRegressorParams>
  implements Regressor<RadiusNeighborsRegressorParams>
{
  static override readonly estimatorName = 'RadiusNeighborsRegressor';

  static override parameterConstraints: ParameterConstraints = {
    ...NEIGHBORS_COMMON_CONSTRAINTS,
    radius: [interval('real', 0, null, 'left')],
    weights: [options(['uniform', 'distance']), 'callable'],
  };

  #y?: Float64Array;

  /** @param options - see {@link RadiusNeighborsRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<RadiusNeighborsRegressorParams> = {}) {
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
   * Mean (or weighted mean) target of the neighbours within the radius; NaN where there are none.
   * @example model.predict(X)
   */
  predict(X: MatrixLike): Float64Array {
    const yFit = this.fitted('y', this.#y);
    const { distances, indices } = this.radiusNeighbors(X);
    const out = new Float64Array(indices.length);
    let empty = 0;
    for (let i = 0; i < indices.length; i++) {
      const ind = indices[i];
      if (ind.length === 0) empty++;
      const w = neighborWeights(distances[i], 1, ind.length, this.params.weights);
      let s = 0;
      let sw = 0;
      for (let t = 0; t < ind.length; t++) {
        const wt = w ? w[t] : 1;
        s += wt * yFit[ind[t]];
        sw += wt;
      }
      out[i] = s / sw;
    }
    if (empty > 0)
      warn(new TypelearnWarning('One or more samples have no neighbors within specified radius; predicting NaN.'));
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
    const r = new StateReader(state, 'saved RadiusNeighborsRegressor');
    this.setIndexState(r);
    this.#y = r.float64Array('y', this.indexSize);
  }
}
