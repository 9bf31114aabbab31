/**
 * `MDS`: multidimensional scaling, scikit-learn 1.2's `sklearn.manifold.MDS`,
 * fitted by SMACOF (see `smacof.ts`).
 *
 * `normalizedStress` defaults to `false`, which is what sklearn 1.2's
 * `'warn'` default does (`'auto'` means: normalised for non-metric MDS).
 * Seeded random starts use typelearn's generator, so the configuration
 * differs from sklearn's for the same seed; stresses are comparable.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import type { RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { pairwiseDense } from './neighbors.js';
import { smacof } from './smacof.js';

/** Options of {@link MDS} (sklearn's parameters, camelCase). */
export interface MDSParams {
  /** Embedding dimension. Default 2. */
  nComponents: number;
  /** Metric MDS (true) or non-metric/ordinal (false). Default true. */
  metric: boolean;
  /** Random starts; the lowest stress wins. Default 4. */
  nInit: number;
  /** SMACOF iterations per start. Default 300. */
  maxIter: number;
  /** Relative stress tolerance. Default 1e-3. */
  eps: number;
  /** Seed or generator for the starts. Default `undefined`. */
  randomState: RandomState | undefined;
  /** `'euclidean'` (distances of the rows of X) or `'precomputed'` (X is the dissimilarity matrix). */
  dissimilarity: 'euclidean' | 'precomputed';
  /** Kruskal's stress-1 (non-metric only), or `'auto'` (= `!metric`). Default false. */
  normalizedStress: boolean | 'auto';
}

const DEFAULTS: MDSParams = {
  nComponents: 2,
  metric: true,
  nInit: 4,
  maxIter: 300,
  eps: 1e-3,
  randomState: undefined,
  dissimilarity: 'euclidean',
  normalizedStress: false,
};

/**
 * Multidimensional scaling: places the rows in `nComponents` dimensions so
 * that their distances match the dissimilarities (least-squares stress).
 * Like sklearn it has no `transform`; use `fitTransform` or `embedding`.
 *
 * Fitted attributes: `embedding`, `stress`, `nIter`, `dissimilarityMatrix`.
 *
 * @example
 * import { MDS } from 'typelearn/manifold';
 * const mds = new MDS({ nComponents: 2, randomState: 0 });
 * const Y = await mds.fitTransform(X);
 * mds.stress; // sum of squared distance errors
 */
export class MDS extends BaseEstimator<MDSParams> {
  static override readonly estimatorName = 'MDS';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left')],
    metric: ['boolean'],
    nInit: [interval('int', 1, null, 'left')],
    maxIter: [interval('int', 1, null, 'left')],
    eps: [interval('real', 0, null, 'left')],
    randomState: ['randomState'],
    dissimilarity: [options(['euclidean', 'precomputed'])],
    normalizedStress: ['boolean', options(['auto'])],
  };

  #embedding?: Float64Array;
  #stress?: number;
  #nIter?: number;
  #diss?: Float64Array;

  /** @param options - see {@link MDSParams}. */
  constructor(options: Partial<MDSParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'other' };
  }

  /** The configuration, `nSamples x nComponents` (sklearn's `embedding_`). */
  get embedding(): Tensor {
    const e = this.fitted('embedding', this.#embedding);
    const k = this.params.nComponents;
    return new Tensor(e.slice(), [e.length / k, k]);
  }

  /** Final stress (sklearn's `stress_`). */
  get stress(): number {
    return this.fitted('stress', this.#stress);
  }

  /** Iterations of the best start (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** The dissimilarities used, `nSamples x nSamples` (sklearn's `dissimilarity_matrix_`). */
  get dissimilarityMatrix(): Tensor {
    const d = this.fitted('dissimilarityMatrix', this.#diss);
    const n = Math.round(Math.sqrt(d.length));
    return new Tensor(d.slice(), [n, n]);
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    const p = this.params;
    let diss: Float64Array;
    if (p.dissimilarity === 'precomputed') {
      if (n !== d) {
        throw new ValidationError(`With dissimilarity='precomputed', X must be square; got [${n}, ${d}]`, {
          expected: [n, n],
          got: [n, d],
        });
      }
      diss = Float64Array.from(x);
    } else {
      const rows = { data: x, n, d };
      diss = pairwiseDense(rows, rows, 'euclidean');
    }
    this.throwIfAborted(opts.signal);
    const res = smacof(diss, n, {
      metric: p.metric,
      nComponents: p.nComponents,
      nInit: p.nInit,
      maxIter: p.maxIter,
      eps: p.eps,
      randomState: p.randomState,
      normalizedStress: p.normalizedStress === 'auto' ? !p.metric : p.normalizedStress,
    });
    this.#embedding = res.embedding;
    this.#stress = res.stress;
    this.#nIter = res.nIter;
    this.#diss = diss;
  }

  /**
   * Fits and returns the embedding.
   * @example const Y = await new MDS({ randomState: 0 }).fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.embedding;
  }

  protected getState(): Record<string, unknown> {
    return { embedding: this.#embedding, stress: this.#stress, nIter: this.#nIter, diss: this.#diss };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    const diss = r.float64Array('diss');
    const n = Math.round(Math.sqrt(diss.length));
    this.#embedding = r.float64Array('embedding', n * this.params.nComponents);
    this.#stress = r.number('stress');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#diss = diss;
  }
}
