/**
 * `MiniBatchKMeans`: scikit-learn's `sklearn.cluster.MiniBatchKMeans` (1.2):
 * k-means on random mini-batches, with `partialFit` for data that arrive in
 * pieces. Initialisation, the per-step update, random re-seeding of starved
 * clusters, the early stop on an exponentially weighted average of the batch
 * inertia (`maxNoImprovement`) and on the centre shift (`tol`, scaled by the
 * mean feature variance) all follow sklearn.
 *
 * `nInit` defaults to 3 (sklearn 1.2's effective default, without its
 * FutureWarning); `'auto'` gives 1 for k-means++ or explicit centres, 3 for `'random'`.
 * Differences: float64 only, no sparse input, another random stream than numpy's.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkEnoughSamples, explicitCenters, int32State, matrix, prefixedNames } from './cluster-utils.js';
import type { KMeansInit } from './kmeans.js';
import { assignToCenters, kmeansTolerance, rowSquaredNorms } from './kmeans-common.js';
import { kmeansPlusPlus, randomCenters } from './kmeans-init.js';
import { type Batch, miniBatchStep } from './minibatch-step.js';

/** Options of {@link MiniBatchKMeans} (sklearn's parameters, camelCase). */
export interface MiniBatchKMeansParams {
  /** Number of clusters. Default 8. */
  nClusters: number;
  /** `'k-means++'` (default), `'random'` or explicit centres. */
  init: KMeansInit;
  /** Maximum passes over the data. Default 100. */
  maxIter: number;
  /** Rows per mini-batch. Default 1024. */
  batchSize: number;
  /** Compute `labels` and `inertia` on the full data after fitting. Default true. */
  computeLabels: boolean;
  /** Seed or generator. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Stop when the squared centre change is at most this (scaled by the mean feature variance); 0 disables. Default 0. */
  tol: number;
  /** Stop after this many batches without improvement of the smoothed inertia; `null` disables. Default 10. */
  maxNoImprovement: number | null;
  /** Rows sampled for the initialisation; default `3 * batchSize` (capped at the row count). */
  initSize: number | null;
  /** Initialisations tried (the best on a validation sample kept), or `'auto'`. Default 3. */
  nInit: number | 'auto';
  /** Re-seed clusters whose weight is below this fraction of the largest. Default 0.01. */
  reassignmentRatio: number;
}

const DEFAULTS: MiniBatchKMeansParams = {
  nClusters: 8,
  init: 'k-means++',
  maxIter: 100,
  batchSize: 1024,
  computeLabels: true,
  randomState: undefined,
  tol: 0,
  maxNoImprovement: 10,
  initSize: null,
  nInit: 3,
  reassignmentRatio: 0.01,
};

function gather(x: Float64Array, d: number, rows: ArrayLike<number>, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) o.set(x.subarray(rows[r] * d, rows[r] * d + d), r * d);
  return o;
}

/** State carried between `partialFit` calls (sklearn's private attributes). */
interface Progress {
  rng: RandomGenerator;
  counts: Float64Array;
  sinceReassign: number;
  nSteps: number;
}

/**
 * Mini-batch k-means: much faster than {@link KMeans} on large data at a
 * slightly higher inertia. `partialFit(batch)` updates the centres from one batch.
 *
 * Fitted attributes: `clusterCenters`, `labels` and `inertia` (when
 * `computeLabels`), `nIter`, `nSteps`, `counts`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { MiniBatchKMeans } from 'typelearn/cluster';
 * const mbk = await new MiniBatchKMeans({ nClusters: 2, batchSize: 6, randomState: 0 }).fit(X);
 * mbk.predict([[0, 0], [4, 4]]);
 * // streaming:
 * const online = new MiniBatchKMeans({ nClusters: 2, randomState: 0 });
 * for (const chunk of chunks) await online.partialFit(chunk);
 */
export class MiniBatchKMeans extends BaseEstimator<MiniBatchKMeansParams> {
  static override readonly estimatorName = 'MiniBatchKMeans';

  static override parameterConstraints: ParameterConstraints = {
    nClusters: [interval('int', 1, null, 'left')],
    init: [options(['k-means++', 'random']), 'arrayLike'],
    maxIter: [interval('int', 0, null, 'left')],
    batchSize: [interval('int', 1, null, 'left')],
    computeLabels: ['boolean'],
    randomState: ['randomState'],
    tol: [interval('real', 0, null, 'left')],
    maxNoImprovement: [interval('int', 0, null, 'left'), null],
    initSize: [interval('int', 1, null, 'left'), null],
    nInit: [interval('int', 1, null, 'left'), options(['auto'])],
    reassignmentRatio: [interval('real', 0, null, 'left')],
  };

  #centers?: Float64Array;
  #labels?: Int32Array;
  #inertia?: number;
  #nIter?: number;
  #progress?: Progress;
  #partial = false;

  /** @param options - see {@link MiniBatchKMeansParams}. */
  constructor(options: Partial<MiniBatchKMeansParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer', partialFit: true };
  }

  #initialCenters(x: Float64Array, n: number, d: number, rng: RandomGenerator, initSize: number): Float64Array {
    const { init, nClusters: k } = this.params;
    if (typeof init !== 'string') return explicitCenters(init, k, d, this.estimatorName);
    let sub = x;
    let m = n;
    if (initSize < n) {
      const idx = new Int32Array(initSize);
      rng.fillIntegers(idx, 0, n);
      sub = gather(x, d, idx);
      m = initSize;
    }
    checkEnoughSamples(m, k, this.estimatorName);
    return init === 'random'
      ? randomCenters(sub, m, d, k, rng)
      : kmeansPlusPlus(sub, m, d, k, rowSquaredNorms(sub, m, d), rng).centers;
  }

  #nInit(): number {
    const { nInit, init } = this.params;
    if (typeof init !== 'string') return 1;
    return nInit === 'auto' ? (init === 'random' ? 3 : 1) : nInit;
  }

  #randomReassign(p: Progress): boolean {
    p.sinceReassign += Math.min(this.params.batchSize, Number.MAX_SAFE_INTEGER);
    if (p.counts.some((c) => c === 0) || p.sinceReassign >= 10 * this.params.nClusters) {
      p.sinceReassign = 0;
      return true;
    }
    return false;
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const previous = this.#partial ? this.#progress : undefined;
    const previousD = previous ? (this.#centers as Float64Array).length / this.params.nClusters : 0;
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    if (previous && d !== previousD) {
      throw new ValidationError(
        `X has ${d} features, but ${this.estimatorName} is expecting ${previousD} features as input.`,
        {
          expected: previousD,
          got: d,
        },
      );
    }
    const x = xt.data as Float64Array;
    const sw = checkSampleWeight(opts.sampleWeight, n);
    const k = this.params.nClusters;
    if (this.#partial) this.#partialStep(x, n, d, sw, previous);
    else this.#fullFit(x, n, d, sw, opts);
    if (this.params.computeLabels) {
      const r = assignToCenters(x, n, d, sw, this.#centers as Float64Array, k);
      this.#labels = r.labels;
      this.#inertia = r.inertia;
    }
  }

  #partialStep(x: Float64Array, n: number, d: number, sw: Float64Array, previous: Progress | undefined): void {
    const k = this.params.nClusters;
    let p = previous;
    if (p === undefined) {
      const rng = checkRandomState(this.params.randomState);
      const initSize = Math.min(this.params.initSize ?? 3 * this.params.batchSize, n);
      this.#centers = this.#initialCenters(x, n, d, rng, initSize);
      p = { rng, counts: new Float64Array(k), sinceReassign: 0, nSteps: 0 };
      this.#progress = p;
    }
    const centers = this.#centers as Float64Array;
    miniBatchStep(
      { x, n, d, sw },
      centers,
      centers,
      p.counts,
      k,
      p.rng,
      this.#randomReassign(p),
      this.params.reassignmentRatio,
    );
    p.nSteps += 1;
    this.#nIter = p.nSteps;
  }

  #fullFit(x: Float64Array, n: number, d: number, sw: Float64Array, opts: FitOptions): void {
    const k = this.params.nClusters;
    checkEnoughSamples(n, k, this.estimatorName);
    const rng = checkRandomState(this.params.randomState);
    const batchSize = Math.min(this.params.batchSize, n);
    const initSize = Math.min(this.params.initSize ?? 3 * batchSize, n);
    const tol = kmeansTolerance(x, n, d, this.params.tol);
    const validIdx = new Int32Array(initSize);
    rng.fillIntegers(validIdx, 0, n);
    const xValid = gather(x, d, validIdx);
    const swValid = Float64Array.from(validIdx, (i) => sw[i]);
    let best: Float64Array | undefined;
    let bestInertia = Number.POSITIVE_INFINITY;
    for (let r = 0; r < this.#nInit(); r++) {
      const c = this.#initialCenters(x, n, d, rng, initSize);
      const { inertia } = assignToCenters(xValid, initSize, d, swValid, c, k);
      if (best === undefined || inertia < bestInertia) {
        best = c;
        bestInertia = inertia;
      }
    }
    let centers: Float64Array = best as Float64Array;
    let centersNew: Float64Array = new Float64Array(k * d);
    const p: Progress = { rng, counts: new Float64Array(k), sinceReassign: 0, nSteps: 0 };
    const nSteps = Math.floor((this.params.maxIter * n) / batchSize);
    const idx = new Int32Array(batchSize);
    const bx = new Float64Array(batchSize * d);
    const bw = new Float64Array(batchSize);
    const batch: Batch = { x: bx, n: batchSize, d, sw: bw };
    let ewa: number | undefined;
    let ewaMin: number | undefined;
    let noImprovement = 0;
    let i = 0;
    for (; i < nSteps; i++) {
      if ((i & 63) === 0) this.throwIfAborted(opts.signal);
      rng.fillIntegers(idx, 0, n);
      gather(x, d, idx, bx);
      for (let b = 0; b < batchSize; b++) bw[b] = sw[idx[b]];
      const batchInertia =
        miniBatchStep(
          batch,
          centers,
          centersNew,
          p.counts,
          k,
          rng,
          this.#randomReassign(p),
          this.params.reassignmentRatio,
        ) / batchSize;
      let diff = 0;
      if (tol > 0) for (let j = 0; j < k * d; j++) diff += (centersNew[j] - centers[j]) ** 2;
      [centers, centersNew] = [centersNew, centers];
      // sklearn's _mini_batch_convergence.
      if (i === 0) continue;
      if (ewa === undefined) ewa = batchInertia;
      else {
        const alpha = Math.min((batchSize * 2) / (n + 1), 1);
        ewa = ewa * (1 - alpha) + batchInertia * alpha;
      }
      if (tol > 0 && diff <= tol) break;
      if (ewaMin === undefined || ewa < ewaMin) {
        noImprovement = 0;
        ewaMin = ewa;
      } else noImprovement++;
      const limit = this.params.maxNoImprovement;
      if (limit !== null && noImprovement >= limit) break;
    }
    const steps = Math.min(i + 1, nSteps);
    p.nSteps = steps;
    this.#centers = centers;
    this.#progress = p;
    this.#nIter = Math.ceil((steps * batchSize) / n);
    if (!this.params.computeLabels) this.#inertia = (ewa ?? 0) * n;
  }

  /**
   * Updates the centres with one batch (initialising them on the first call).
   * @example for (const chunk of chunks) await mbk.partialFit(chunk);
   */
  async partialFit(X: MatrixLike, _y?: Labels, options: FitOptions = {}): Promise<this> {
    if (!this.isFitted) this.#progress = undefined;
    this.#partial = true;
    try {
      return await this.fit(X, undefined, options);
    } finally {
      this.#partial = false;
    }
  }

  /** Cluster centres, `nClusters x nFeatures`. */
  get clusterCenters(): Tensor {
    const c = this.fitted('clusterCenters', this.#centers);
    return matrix(c.slice(), this.params.nClusters, c.length / this.params.nClusters);
  }

  /** Labels of the (last) training data; requires `computeLabels`. */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  /** Inertia of the (last) training data (estimated from the batches without `computeLabels`). */
  get inertia(): number {
    return this.fitted('inertia', this.#inertia);
  }

  /** Passes over the data (`fit`) or number of batches seen (`partialFit`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** Mini-batch steps taken (sklearn's `n_steps_`). */
  get nSteps(): number {
    this.checkIsFitted('nSteps');
    return this.#progress?.nSteps ?? 0;
  }

  /** Weight received by each cluster so far. */
  get counts(): Float64Array {
    this.checkIsFitted('counts');
    return (this.#progress?.counts ?? new Float64Array(this.params.nClusters)).slice();
  }

  #input(X: MatrixLike) {
    this.checkIsFitted();
    const centers = this.fitted('clusterCenters', this.#centers);
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    return { x: xt.data as Float64Array, n: xt.shape[0], d: xt.shape[1], centers };
  }

  /**
   * Index of the nearest centre for each row.
   * @example mbk.predict([[0, 0]])
   */
  predict(X: MatrixLike): Int32Array {
    const { x, n, d, centers } = this.#input(X);
    return assignToCenters(x, n, d, new Float64Array(n).fill(1), centers, this.params.nClusters).labels;
  }

  /**
   * Fits, then returns the training labels.
   * @example await new MiniBatchKMeans({ nClusters: 3 }).fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.#labels ? this.#labels.slice() : this.predict(X);
  }

  /**
   * Distances of each row to each centre.
   * @example mbk.transform([[0, 0]])
   */
  transform(X: MatrixLike): Tensor {
    const { x, n, d, centers } = this.#input(X);
    const k = this.params.nClusters;
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += (x[i * d + f] - centers[j * d + f]) ** 2;
        out[i * k + j] = Math.sqrt(s);
      }
    }
    return matrix(out, n, k);
  }

  /**
   * Fits, then transforms the training data.
   * @example await mbk.fitTransform(X)
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  /**
   * Opposite of the inertia of `X`.
   * @example mbk.score(X)
   */
  score(X: MatrixLike, _y?: Labels, sampleWeight?: ArrayLike<number>): number {
    const { x, n, d, centers } = this.#input(X);
    return -assignToCenters(x, n, d, checkSampleWeight(sampleWeight, n), centers, this.params.nClusters).inertia;
  }

  /**
   * `minibatchkmeans0`, `minibatchkmeans1`, …
   * @example mbk.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    this.checkIsFitted();
    return prefixedNames(this.estimatorName, this.params.nClusters);
  }

  protected getState(): Record<string, unknown> {
    const p = this.#progress;
    return {
      centers: this.#centers,
      labels: this.#labels,
      inertia: this.#inertia,
      nIter: this.#nIter,
      counts: p?.counts,
      nSteps: p?.nSteps ?? 0,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    const r = new StateReader(state, where);
    this.#centers = r.float64Array('centers');
    this.#labels = state.labels === undefined ? undefined : int32State(state, 'labels', where);
    this.#inertia = state.inertia === undefined ? undefined : r.number('inertia');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    const counts = state.counts === undefined ? new Float64Array(this.params.nClusters) : r.float64Array('counts');
    this.#progress = {
      rng: checkRandomState(this.params.randomState),
      counts,
      sinceReassign: 0,
      nSteps: r.number('nSteps', { integer: true, min: 0 }),
    };
  }
}
