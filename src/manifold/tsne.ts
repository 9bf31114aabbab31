/**
 * `TSNE`: t-distributed stochastic neighbour embedding, scikit-learn 1.2's
 * `sklearn.manifold.TSNE`.
 *
 * As sklearn: Gaussian input affinities of the given perplexity (binary
 * search to 1e-5 nats on float32 squared distances; Barnes-Hut uses the
 * `min(n - 1, ⌊3·perplexity + 1⌋)` nearest neighbours), Student-t output
 * similarities with `max(nComponents - 1, 1)` degrees of freedom, 250
 * iterations of early exaggeration at momentum 0.5 then momentum 0.8 up to
 * `nIter`, adaptive gains, error checks every 50 iterations, `learningRate:
 * 'auto'` = `max(n / earlyExaggeration / 4, 50)`, `init: 'pca'` scaled to a
 * first-coordinate standard deviation of 1e-4. Barnes-Hut runs a quadtree
 * (2-D) or octree (3-D) with `angle` θ = 0.5.
 *
 * Differences: the optimisation runs in float64 (sklearn's in float32), so
 * embeddings are not bitwise sklearn's, only as good (final KL within a few
 * percent); the PCA initialisation uses the exact PCA, not the randomized
 * one; seeded random initialisations use typelearn's generator.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { PCA } from '../decomposition/pca.js';
import { METRIC_NAMES, type NeighborsMetricName } from '../neighbors/metric.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { bhWorkspace, klDivergenceBh } from './barnes-hut.js';
import { gradientDescent, type Objective } from './gradient-descent.js';
import { type Csr, jointProbabilities, jointProbabilitiesNn } from './joint-probabilities.js';
import { klDivergenceExact } from './kl-divergence.js';
import { kneighborsOf, pairwiseDense } from './neighbors.js';

/** Input-space metric of {@link TSNE}: a neighbours metric name or `'precomputed'` (X holds distances). */
export type TSNEMetric = NeighborsMetricName | 'precomputed';

/** Options of {@link TSNE} (sklearn's parameters, camelCase). */
export interface TSNEParams {
  /** Embedding dimension (at most 3 for Barnes-Hut). Default 2. */
  nComponents: number;
  /** Effective number of neighbours of the input affinities (must be < nSamples). Default 30. */
  perplexity: number;
  /** Factor on P during the first 250 iterations. Default 12. */
  earlyExaggeration: number;
  /** Step size, or `'auto'` = max(nSamples / earlyExaggeration / 4, 50). Default `'auto'`. */
  learningRate: number | 'auto';
  /** Maximum number of iterations (>= 250). Default 1000. */
  nIter: number;
  /** Stop after this many iterations without progress (after the exaggeration phase). Default 300. */
  nIterWithoutProgress: number;
  /** Stop when the gradient norm falls below this. Default 1e-7. */
  minGradNorm: number;
  /** Input distance. Default `'euclidean'`. Distances are squared before the affinities, as sklearn. */
  metric: TSNEMetric;
  /** `'pca'` (default), `'random'` (N(0, 1e-4²)) or an `nSamples x nComponents` array. */
  init: 'pca' | 'random' | readonly (readonly number[])[] | Tensor;
  /** Seed or generator for `init: 'random'`. Default `undefined`. */
  randomState: RandomState | undefined;
  /** `'barnes_hut'` (O(n log n), default) or `'exact'` (O(n²)). */
  method: 'barnes_hut' | 'exact';
  /** Barnes-Hut θ: cells whose width/distance is below it are summarised. Default 0.5. */
  angle: number;
}

const DEFAULTS: TSNEParams = {
  nComponents: 2,
  perplexity: 30,
  earlyExaggeration: 12,
  learningRate: 'auto',
  nIter: 1000,
  nIterWithoutProgress: 300,
  minGradNorm: 1e-7,
  metric: 'euclidean',
  init: 'pca',
  randomState: undefined,
  method: 'barnes_hut',
  angle: 0.5,
};

const EXPLORATION_N_ITER = 250;
const N_ITER_CHECK = 50;

/**
 * t-SNE: embeds the rows of `X` in 2 or 3 dimensions so that neighbours
 * stay neighbours, for visualisation. Like sklearn, it has no `transform`:
 * use `fitTransform`, or `embedding` after `fit`.
 *
 * Fitted attributes: `embedding` (`nSamples x nComponents`), `klDivergence`,
 * `nIter`, `learningRateUsed`, `nFeaturesIn`.
 *
 * @example
 * import { TSNE } from 'typelearn/manifold';
 * const Y = await new TSNE({ perplexity: 5, randomState: 0 }).fitTransform(X);
 * Y.shape; // [X.length, 2]
 */
export class TSNE extends BaseEstimator<TSNEParams> {
  static override readonly estimatorName = 'TSNE';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left')],
    perplexity: [interval('real', 0, null, 'neither')],
    earlyExaggeration: [interval('real', 1, null, 'left')],
    learningRate: [options(['auto']), interval('real', 0, null, 'neither')],
    nIter: [interval('int', EXPLORATION_N_ITER, null, 'left')],
    nIterWithoutProgress: [interval('int', -1, null, 'left')],
    minGradNorm: [interval('real', 0, null, 'left')],
    metric: [options([...METRIC_NAMES, 'precomputed'])],
    init: [options(['pca', 'random']), 'arrayLike'],
    randomState: ['randomState'],
    method: [options(['barnes_hut', 'exact'])],
    angle: [interval('real', 0, 1, 'both')],
  };

  #embedding?: Float64Array;
  #kl?: number;
  #nIter?: number;
  #learningRate?: number;

  /** @param options - see {@link TSNEParams}. */
  constructor(options: Partial<TSNEParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'other' };
  }

  /** The embedding, `nSamples x nComponents` (sklearn's `embedding_`). */
  get embedding(): Tensor {
    const e = this.fitted('embedding', this.#embedding);
    return new Tensor(e.slice(), [e.length / this.params.nComponents, this.params.nComponents]);
  }

  /** KL divergence after optimisation (sklearn's `kl_divergence_`). */
  get klDivergence(): number {
    return this.fitted('klDivergence', this.#kl);
  }

  /** Index of the last iteration run (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** The learning rate used, `'auto'` resolved (sklearn's `learning_rate_`). */
  get learningRateUsed(): number {
    return this.fitted('learningRateUsed', this.#learningRate);
  }

  protected async fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): Promise<void> {
    const { X: xt } = this.validateData(X, undefined, { reset: true, minSamples: 2 });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    const p = this.params;
    const dim = p.nComponents;
    if (p.perplexity >= n) {
      throw new ValidationError(`perplexity must be less than n_samples (perplexity=${p.perplexity}, n_samples=${n})`, {
        param: 'perplexity',
        expected: `< ${n}`,
        got: p.perplexity,
      });
    }
    if (p.method === 'barnes_hut' && dim > 3) {
      throw new ValidationError(
        `'nComponents' should be inferior to 4 for the barnes_hut algorithm as it relies on quad-tree or oct-tree (got ${dim})`,
        { param: 'nComponents', expected: '<= 3 with barnes_hut', got: dim },
      );
    }
    const precomputed = p.metric === 'precomputed';
    if (precomputed) {
      if (p.init === 'pca') {
        throw new ValidationError('The parameter init="pca" cannot be used with metric="precomputed".', {
          param: 'init',
        });
      }
      if (n !== d) {
        throw new ValidationError(`X should be a square distance matrix, got shape [${n}, ${d}]`, {
          expected: [n, n],
          got: [n, d],
        });
      }
      for (let t = 0; t < x.length; t++) {
        if (x[t] < 0) {
          throw new ValidationError(
            `With metric='precomputed', X should contain non-negative distances; X[${Math.floor(t / n)}, ${t % n}] = ${x[t]}`,
          );
        }
      }
    }
    const learningRate = p.learningRate === 'auto' ? Math.max(n / p.earlyExaggeration / 4, 50) : p.learningRate;
    const rng = checkRandomState(p.randomState);
    const rows = { data: x, n, d };

    let P: Float64Array | Csr;
    if (p.method === 'exact') {
      let dist: Float64Array;
      if (precomputed) dist = Float64Array.from(x, (v) => v * v);
      else {
        dist = pairwiseDense(rows, rows, p.metric as NeighborsMetricName, 2, true);
        if (p.metric !== 'euclidean') for (let t = 0; t < dist.length; t++) dist[t] *= dist[t];
      }
      P = jointProbabilities(dist, n, p.perplexity);
    } else {
      const k = Math.min(n - 1, Math.floor(3 * p.perplexity + 1));
      let ind: Int32Array;
      let dist: Float64Array;
      if (precomputed) ({ ind, dist } = precomputedNeighbors(x, n, k));
      else ({ ind, dist } = kneighborsOf(rows, null, k, { metric: p.metric as NeighborsMetricName }));
      for (let t = 0; t < dist.length; t++) dist[t] *= dist[t];
      P = jointProbabilitiesNn(ind, dist, n, k, p.perplexity);
    }
    this.throwIfAborted(opts.signal);

    const y = await this.#initialEmbedding(xt, n, dim, rng);
    const dof = Math.max(dim - 1, 1);
    const objective = this.#objective(P, n, dim, dof);
    const scale = (f: number) => {
      if (P instanceof Float64Array) for (let t = 0; t < P.length; t++) P[t] *= f;
      else for (let t = 0; t < P.data.length; t++) P.data[t] *= f;
    };
    const total = p.nIter;
    const onCheck = (it: number, error: number) => {
      this.throwIfAborted(opts.signal);
      opts.onProgress?.({ step: it + 1, total, message: `iteration ${it + 1}: KL divergence ${error}` });
    };
    scale(p.earlyExaggeration);
    let res = gradientDescent(objective, y, {
      it: 0,
      nIter: EXPLORATION_N_ITER,
      nIterCheck: N_ITER_CHECK,
      nIterWithoutProgress: EXPLORATION_N_ITER,
      momentum: 0.5,
      learningRate,
      minGradNorm: p.minGradNorm,
      onCheck,
    });
    scale(1 / p.earlyExaggeration);
    if (res.it < EXPLORATION_N_ITER || p.nIter - EXPLORATION_N_ITER > 0) {
      res = gradientDescent(objective, y, {
        it: res.it + 1,
        nIter: p.nIter,
        nIterCheck: N_ITER_CHECK,
        nIterWithoutProgress: p.nIterWithoutProgress,
        momentum: 0.8,
        learningRate,
        minGradNorm: p.minGradNorm,
        onCheck,
      });
    }
    this.#embedding = y;
    this.#kl = res.error;
    this.#nIter = res.it;
    this.#learningRate = learningRate;
  }

  #objective(P: Float64Array | Csr, n: number, dim: number, dof: number): Objective {
    if (P instanceof Float64Array) {
      const work = { w: new Float64Array(n * n) };
      return (y, grad, computeError) => klDivergenceExact(y, P, n, dim, dof, grad, computeError, work);
    }
    const work = bhWorkspace(n, dim);
    const angle = this.params.angle;
    return (y, grad, computeError) => klDivergenceBh(y, P, n, dim, dof, angle, grad, computeError, work);
  }

  async #initialEmbedding(
    xt: Tensor,
    n: number,
    dim: number,
    rng: ReturnType<typeof checkRandomState>,
  ): Promise<Float64Array> {
    const init = this.params.init;
    if (init === 'random') {
      const y = new Float64Array(n * dim);
      for (let t = 0; t < y.length; t++) y[t] = Math.fround(1e-4 * rng.normal());
      return y;
    }
    if (init === 'pca') {
      const z = await new PCA({ nComponents: dim }).fitTransform(xt);
      const y = Float64Array.from(z.data as Float64Array, (v) => Math.fround(v));
      let mean = 0;
      for (let i = 0; i < n; i++) mean += y[i * dim];
      mean /= n;
      let v = 0;
      for (let i = 0; i < n; i++) v += (y[i * dim] - mean) ** 2;
      const f = 1e-4 / Math.sqrt(v / n);
      for (let t = 0; t < y.length; t++) y[t] *= f;
      return y;
    }
    const { X: it } = checkArray(init as number[][], { name: 'init', estimatorName: this.estimatorName });
    if (it.shape[0] !== n || it.shape[1] !== dim) {
      throw new ValidationError(
        `init has shape [${it.shape.join(', ')}], expected [${n}, ${dim}] (nSamples x nComponents)`,
        { param: 'init', expected: [n, dim], got: it.shape },
      );
    }
    return Float64Array.from(it.data as Float64Array);
  }

  /**
   * Fits and returns the embedding (sklearn's `fit_transform`).
   * @example const Y = await new TSNE({ perplexity: 10 }).fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.embedding;
  }

  protected getState(): Record<string, unknown> {
    return { embedding: this.#embedding, kl: this.#kl, nIter: this.#nIter, learningRate: this.#learningRate };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    const e = r.float64Array('embedding');
    if (e.length % this.params.nComponents !== 0) {
      throw new ValidationError(
        `saved ${this.estimatorName}: embedding length ${e.length} is not a multiple of nComponents`,
      );
    }
    this.#embedding = e;
    this.#kl = r.number('kl', { finite: false });
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#learningRate = r.number('learningRate');
  }
}

/** The `k` nearest neighbours of each row of a precomputed distance matrix, self excluded. */
function precomputedNeighbors(D: Float64Array, n: number, k: number): { ind: Int32Array; dist: Float64Array } {
  const ind = new Int32Array(n * k);
  const dist = new Float64Array(n * k);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) order[j] = j;
    const o = i * n;
    order.sort((a, b) => D[o + a] - D[o + b] || a - b);
    let t = 0;
    for (let s = 0; s < n && t < k; s++) {
      if (order[s] === i) continue;
      ind[i * k + t] = order[s];
      dist[i * k + t++] = D[o + order[s]];
    }
  }
  return { ind, dist };
}
