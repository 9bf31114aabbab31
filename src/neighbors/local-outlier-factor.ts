/**
 * `LocalOutlierFactor`: unsupervised outlier detection by local density
 * (Breunig et al. 2000; scikit-learn's `sklearn.neighbors.LocalOutlierFactor`).
 * A sample whose k-neighbourhood is much sparser than its neighbours' is an outlier.
 *
 * With `novelty: false` (default) the model scores its training data:
 * `fitPredict` and `negativeOutlierFactor`; `predict`, `decisionFunction` and
 * `scoreSamples` then throw (as sklearn, where they are unavailable). With
 * `novelty: true` those three score new data.
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import { percentile } from '../base/stats.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { NEIGHBORS_COMMON_CONSTRAINTS, NeighborsBase, type NeighborsCommonParams } from './neighbors-base.js';

/** Options of {@link LocalOutlierFactor}. */
export interface LocalOutlierFactorParams extends NeighborsCommonParams {
  /** Neighbourhood size. Default 20 (capped at nSamples - 1). */
  nNeighbors: number;
  /** Expected outlier fraction in (0, 0.5], or `'auto'` (default: threshold at score -1.5). */
  contamination: number | 'auto';
  /** Score new data (`predict`, `decisionFunction`, `scoreSamples`) rather than the training data. Default `false`. */
  novelty: boolean;
}

const DEFAULTS: LocalOutlierFactorParams = {
  nNeighbors: 20,
  algorithm: 'auto',
  leafSize: 30,
  metric: 'minkowski',
  p: 2,
  contamination: 'auto',
  novelty: false,
};

/**
 * Local outlier factor. Labels are 1 for inliers and -1 for outliers.
 *
 * Fitted attributes: `negativeOutlierFactor` (per training sample; lower is
 * more abnormal), `offset`, `nNeighborsEffective`, `nSamplesFit`, `nFeaturesIn`.
 *
 * @example
 * import { LocalOutlierFactor } from 'typelearn/neighbors';
 * const lof = new LocalOutlierFactor({ nNeighbors: 2 });
 * await lof.fitPredict([[-1.1], [0.2], [101.1], [0.3]]); // Int32Array [1, 1, -1, 1]
 */
export class LocalOutlierFactor extends NeighborsBase<LocalOutlierFactorParams> {
  static override readonly estimatorName = 'LocalOutlierFactor';

  static override parameterConstraints: ParameterConstraints = {
    ...NEIGHBORS_COMMON_CONSTRAINTS,
    nNeighbors: [interval('int', 1, null, 'left')],
    contamination: [interval('real', 0, 0.5, 'right'), options(['auto'])],
    novelty: ['boolean'],
  };

  #k = 0;
  #kDistance?: Float64Array;
  #lrd?: Float64Array;
  #nof?: Float64Array;
  #offset = 0;

  /** @param options - see {@link LocalOutlierFactorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<LocalOutlierFactorParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'outlierDetector' };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, _options: FitOptions): void {
    const data = this.validateData(X, undefined, { reset: true });
    const n = data.X.shape[0];
    if (n < 2)
      throw new ValidationError('LocalOutlierFactor needs at least 2 samples', { expected: '>= 2 samples', got: n });
    this.fitIndex(data.X);
    if (this.params.nNeighbors > n) {
      warn(
        new TypelearnWarning(
          `nNeighbors (${this.params.nNeighbors}) is greater than the total number of samples (${n}). nNeighbors will be set to (nSamples - 1) for estimation.`,
        ),
      );
    }
    const k = Math.max(1, Math.min(this.params.nNeighbors, n - 1));
    const { dist, ind } = this.knnSearch(this.fitRows, k, true);
    const kDistance = new Float64Array(n);
    for (let i = 0; i < n; i++) kDistance[i] = dist[i * k + k - 1];
    const lrd = reachabilityDensity(dist, ind, n, k, kDistance);
    const nof = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += lrd[ind[i * k + t]] / lrd[i];
      nof[i] = -s / k;
    }
    const c = this.params.contamination;
    this.#offset = c === 'auto' ? -1.5 : percentile(nof, 100 * c);
    this.#k = k;
    this.#kDistance = kDistance;
    this.#lrd = lrd;
    this.#nof = nof;
  }

  /**
   * Fits on `X` and labels its samples: 1 inlier, -1 outlier (only with `novelty: false`).
   * @example await new LocalOutlierFactor().fitPredict(X)
   */
  async fitPredict(X: MatrixLike, _y?: Labels, options: FitOptions = {}): Promise<Int32Array> {
    if (this.params.novelty) {
      throw new ValidationError(
        'fitPredict is not available when novelty=true; use novelty=false to label the training data.',
      );
    }
    await this.fit(X, undefined, options);
    const nof = this.fitted('negativeOutlierFactor', this.#nof);
    return Int32Array.from(nof, (v) => (v < this.#offset ? -1 : 1));
  }

  /** Opposite of the local outlier factor of each training sample (about -1 for inliers; lower is more abnormal). */
  get negativeOutlierFactor(): Float64Array {
    return this.fitted('negativeOutlierFactor', this.#nof).slice();
  }

  /** Threshold on the scores: below `offset` is an outlier. */
  get offset(): number {
    this.checkIsFitted('offset');
    return this.#offset;
  }

  /** The neighbourhood size actually used. */
  get nNeighborsEffective(): number {
    this.checkIsFitted('nNeighborsEffective');
    return this.#k;
  }

  #requireNovelty(method: string): void {
    this.checkIsFitted();
    if (!this.params.novelty) {
      throw new ValidationError(
        `${method} is not available when novelty=false, use fitPredict if you want to predict on training data. Use novelty=true if you want to use LOF for novelty detection and ${method} on new unseen data.`,
      );
    }
  }

  /**
   * Opposite of the local outlier factor of new samples (novelty only).
   * @example lof.scoreSamples(Xnew)
   */
  scoreSamples(X: MatrixLike): Float64Array {
    this.#requireNovelty('scoreSamples');
    const k = this.#k;
    const rows = this.queryRows(X);
    const { dist, ind } = this.knnSearch(rows, k, false);
    const lrdFit = this.fitted('lrd', this.#lrd);
    const lrd = reachabilityDensity(dist, ind, rows.n, k, this.fitted('kDistance', this.#kDistance));
    const out = new Float64Array(rows.n);
    for (let i = 0; i < rows.n; i++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += lrdFit[ind[i * k + t]] / lrd[i];
      out[i] = -s / k;
    }
    return out;
  }

  /**
   * `scoreSamples(X) - offset`: negative for outliers (novelty only).
   * @example lof.decisionFunction(Xnew)
   */
  decisionFunction(X: MatrixLike): Float64Array {
    this.#requireNovelty('decisionFunction');
    const s = this.scoreSamples(X);
    for (let i = 0; i < s.length; i++) s[i] -= this.#offset;
    return s;
  }

  /**
   * 1 for inliers, -1 for outliers among new samples (novelty only).
   * @example lof.predict(Xnew)
   */
  predict(X: MatrixLike): Int32Array {
    this.#requireNovelty('predict');
    return Int32Array.from(this.decisionFunction(X), (v) => (v < 0 ? -1 : 1));
  }

  protected getState(): Record<string, unknown> {
    return {
      ...this.getIndexState(),
      k: this.#k,
      kDistance: this.#kDistance,
      lrd: this.#lrd,
      nof: this.#nof,
      offset: this.#offset,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved LocalOutlierFactor');
    this.setIndexState(r);
    const n = this.indexSize;
    this.#k = r.number('k', { integer: true, min: 1 });
    this.#kDistance = r.float64Array('kDistance', n);
    this.#lrd = r.float64Array('lrd', n);
    this.#nof = r.float64Array('nof', n);
    this.#offset = r.number('offset');
  }
}

/** Local reachability density of query rows from their k neighbours (sklearn's `_local_reachability_density`). */
function reachabilityDensity(
  dist: Float64Array,
  ind: Int32Array,
  n: number,
  k: number,
  kDistance: Float64Array,
): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += Math.max(dist[i * k + t], kDistance[ind[i * k + t]]);
    out[i] = 1 / (s / k + 1e-10);
  }
  return out;
}
