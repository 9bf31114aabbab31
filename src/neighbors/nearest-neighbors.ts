/**
 * `NearestNeighbors`: unsupervised neighbour search (scikit-learn's
 * `sklearn.neighbors.NearestNeighbors`): `kneighbors`, `radiusNeighbors` and
 * their graphs over the training samples.
 */
import { interval, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { FitOptions, Labels, MatrixLike } from '../base/types.js';
import { NEIGHBORS_COMMON_CONSTRAINTS, NeighborsBase, type NeighborsCommonParams } from './neighbors-base.js';

/** Options of {@link NearestNeighbors}. */
export interface NearestNeighborsParams extends NeighborsCommonParams {
  /** Default number of neighbours for `kneighbors`. Default 5. */
  nNeighbors: number;
  /** Default radius for `radiusNeighbors`. Default 1. */
  radius: number;
}

const DEFAULTS: NearestNeighborsParams = {
  nNeighbors: 5,
  radius: 1,
  algorithm: 'auto',
  leafSize: 30,
  metric: 'minkowski',
  p: 2,
};

/**
 * Neighbour search over a fitted set of samples.
 *
 * Fitted attributes: `fitMethod`, `effectiveMetric`, `nSamplesFit`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { NearestNeighbors } from 'typelearn/neighbors';
 * const nn = await new NearestNeighbors({ nNeighbors: 2 }).fit([[0, 0], [0, 1], [5, 5]]);
 * nn.kneighbors([[0, 0.4]]).indices.toArray();                 // [[0, 1]]
 * nn.radiusNeighbors([[0, 0]], { radius: 1 }).indices;          // [Int32Array [0, 1]]
 * nn.kneighborsGraph().toDense().toArray();                    // each sample's 2 neighbours, itself excluded
 */
export class NearestNeighbors extends NeighborsBase<NearestNeighborsParams> {
  static override readonly estimatorName = 'NearestNeighbors';

  static override parameterConstraints: ParameterConstraints = {
    ...NEIGHBORS_COMMON_CONSTRAINTS,
    nNeighbors: [interval('int', 1, null, 'left')],
    radius: [interval('real', 0, null, 'left')],
  };

  /** @param options - see {@link NearestNeighborsParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<NearestNeighborsParams> = {}) {
    super(DEFAULTS, options);
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, _options: FitOptions): void {
    this.fitIndex(this.validateData(X, undefined, { reset: true }).X);
  }

  protected getState(): Record<string, unknown> {
    return this.getIndexState();
  }

  protected setState(state: Record<string, unknown>): void {
    this.setIndexState(new StateReader(state, 'saved NearestNeighbors'));
  }
}
