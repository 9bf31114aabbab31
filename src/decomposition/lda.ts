/**
 * `LatentDirichletAllocation`: scikit-learn's
 * `sklearn.decomposition.LatentDirichletAllocation` — a topic model for
 * document-term counts fitted by variational Bayes (Hoffman, Blei & Bach,
 * "Online learning for latent Dirichlet allocation", NIPS 2010):
 * `learningMethod: 'batch'` (one E/M step over all documents per iteration)
 * or `'online'` (a stochastic step per mini-batch, with step size
 * `(learningOffset + t)^-learningDecay`); `partialFit` is always online.
 *
 * Input: a dense matrix or a `SparseMatrix` (CSR) of non-negative counts;
 * only the non-zero entries of each document are visited. The topic-word
 * initialisation and the per-document starting points of training draw
 * from typelearn's generator, so fitted topics differ from sklearn's for a
 * seed; given the same `components`, `transform`, `score` and `perplexity`
 * match sklearn (they start every document from ones).
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkRandomState, RandomGenerator, type RandomState } from '../tensor/random.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { checkNonNegative } from './check-non-negative.js';
import { genBatches } from './incremental-pca.js';
import { digamma, dirichletExpectation2d, gammaDraw } from './lda-math.js';
import { gammaln } from './pca-mle.js';

/** Options of {@link LatentDirichletAllocation}. */
export interface LatentDirichletAllocationParams {
  /** Number of topics. Default 10. */
  nComponents: number;
  /** Dirichlet prior of the document-topic weights (alpha); `null`: `1 / nComponents`. Default `null`. */
  docTopicPrior: number | null;
  /** Dirichlet prior of the topic-word weights (eta); `null`: `1 / nComponents`. Default `null`. */
  topicWordPrior: number | null;
  /** `'batch'` or `'online'`. Default `'batch'`. */
  learningMethod: 'batch' | 'online';
  /** Exponent of the online step size, in (0.5, 1] for convergence. Default 0.7. */
  learningDecay: number;
  /** Offset of the online step size (down-weights early iterations). Default 10. */
  learningOffset: number;
  /** Passes over the data. Default 10. */
  maxIter: number;
  /** Documents per online mini-batch. Default 128. */
  batchSize: number;
  /** Evaluate the perplexity every this many iterations (<= 0: never). Default -1. */
  evaluateEvery: number;
  /** Corpus size assumed by `partialFit`. Default 1e6. */
  totalSamples: number;
  /** Stop when the perplexity changes less than this (with `evaluateEvery`). Default 0.1. */
  perpTol: number;
  /** Stop a document's E-step when its topic weights change less than this on average. Default 1e-3. */
  meanChangeTol: number;
  /** Maximum E-step iterations per document. Default 100. */
  maxDocUpdateIter: number;
  /** Seed. Default `undefined`. */
  randomState: RandomState | undefined;
}

const DEFAULTS: LatentDirichletAllocationParams = {
  nComponents: 10,
  docTopicPrior: null,
  topicWordPrior: null,
  learningMethod: 'batch',
  learningDecay: 0.7,
  learningOffset: 10,
  maxIter: 10,
  batchSize: 128,
  evaluateEvery: -1,
  totalSamples: 1e6,
  perpTol: 1e-1,
  meanChangeTol: 1e-3,
  maxDocUpdateIter: 100,
  randomState: undefined,
};

const EPS = 2 ** -52;

/** Documents as CSR arrays of their non-zero counts. */
interface Docs {
  n: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
  total: number;
}

function toDocs(X: Tensor | SparseMatrix, start = 0, end = X.shape[0]): Docs {
  const n = end - start;
  if (X instanceof SparseMatrix) {
    const p0 = X.indptr[start];
    const p1 = X.indptr[end];
    const indptr = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) indptr[i] = X.indptr[start + i] - p0;
    const data = X.data.slice(p0, p1);
    let total = 0;
    for (const v of data) total += v;
    return { n, indptr, indices: X.indices.slice(p0, p1), data, total };
  }
  const d = X.shape[1];
  const x = X.data as ArrayLike<number>;
  let nnz = 0;
  for (let t = start * d; t < end * d; t++) if (x[t] !== 0) nnz++;
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  let p = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) {
      const v = x[(start + i) * d + f];
      if (v === 0) continue;
      indices[p] = f;
      data[p++] = v;
      total += v;
    }
    indptr[i + 1] = p;
  }
  return { n, indptr, indices, data, total };
}

/**
 * Latent Dirichlet allocation with variational Bayes.
 *
 * Fitted attributes: `components` (topic-word variational parameters,
 * `nComponents x nFeatures`; normalise rows for word distributions),
 * `expDirichletComponent`, `docTopicPriorUsed`, `topicWordPriorUsed`,
 * `nBatchIter`, `nIter`, `bound` (final training perplexity).
 *
 * @example
 * import { LatentDirichletAllocation } from 'typelearn/decomposition';
 * const lda = await new LatentDirichletAllocation({ nComponents: 5, randomState: 0 }).fit(counts);
 * lda.transform(counts);   // document-topic distributions, rows sum to 1
 * lda.perplexity(counts);  // lower is better
 */
export class LatentDirichletAllocation extends BaseEstimator<LatentDirichletAllocationParams> {
  static override readonly estimatorName = 'LatentDirichletAllocation';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 0, null, 'neither')],
    docTopicPrior: [null, interval('real', 0, 1, 'both')],
    topicWordPrior: [null, interval('real', 0, 1, 'both')],
    learningMethod: [options(['batch', 'online'])],
    learningDecay: [interval('real', 0, 1, 'both')],
    learningOffset: [interval('real', 1, null, 'left')],
    maxIter: [interval('int', 0, null, 'left')],
    batchSize: [interval('int', 0, null, 'neither')],
    evaluateEvery: [interval('int', null, null, 'neither')],
    totalSamples: [interval('real', 0, null, 'neither')],
    perpTol: [interval('real', 0, null, 'left')],
    meanChangeTol: [interval('real', 0, null, 'left')],
    maxDocUpdateIter: [interval('int', 0, null, 'left')],
    randomState: ['randomState'],
  };

  #components?: Float64Array;
  #expDirichlet?: Float64Array;
  #alpha = 0;
  #eta = 0;
  #nBatchIter = 1;
  #nIter = 0;
  #bound?: number;
  #rng?: RandomGenerator;
  /** Set while the first `partialFit` call runs through `fit`: initialise only. */
  #initOnly = false;

  /** @param options - see {@link LatentDirichletAllocationParams}. */
  constructor(options: Partial<LatentDirichletAllocationParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'transformer',
      sparseInput: true,
      partialFit: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  /** Topic-word variational parameters λ, `nComponents x nFeatures` (sklearn's `components_`). */
  get components(): Tensor {
    const c = this.fitted('components', this.#components);
    return new Tensor(c.slice(), [this.params.nComponents, c.length / this.params.nComponents]);
  }

  /** `exp(E[log β])` of the topic-word distributions (sklearn's `exp_dirichlet_component_`). */
  get expDirichletComponent(): Tensor {
    const c = this.fitted('expDirichletComponent', this.#expDirichlet);
    return new Tensor(c.slice(), [this.params.nComponents, c.length / this.params.nComponents]);
  }

  /** The document-topic prior used (sklearn's `doc_topic_prior_`). */
  get docTopicPriorUsed(): number {
    this.checkIsFitted('docTopicPriorUsed');
    return this.#alpha;
  }

  /** The topic-word prior used (sklearn's `topic_word_prior_`). */
  get topicWordPriorUsed(): number {
    this.checkIsFitted('topicWordPriorUsed');
    return this.#eta;
  }

  /** Number of E/M steps taken, plus one (sklearn's `n_batch_iter_`). */
  get nBatchIter(): number {
    this.checkIsFitted('nBatchIter');
    return this.#nBatchIter;
  }

  /** Passes over the data in `fit` (sklearn's `n_iter_`). */
  get nIter(): number {
    this.checkIsFitted('nIter');
    return this.#nIter;
  }

  /** Perplexity of the training data at the end of `fit` (sklearn's `bound_`). */
  get bound(): number {
    return this.fitted('bound', this.#bound);
  }

  #data(X: MatrixLike, reset: boolean, whom: string): Tensor | SparseMatrix {
    const { X: xv } = this.validateData(X, undefined, { reset, allowSparse: true });
    checkNonNegative(xv, `LatentDirichletAllocation.${whom}`);
    return xv;
  }

  #initLatent(nFeatures: number): void {
    const k = this.params.nComponents;
    this.#rng = checkRandomState(this.params.randomState);
    this.#nBatchIter = 1;
    this.#nIter = 0;
    this.#alpha = this.params.docTopicPrior ?? 1 / k;
    this.#eta = this.params.topicWordPrior ?? 1 / k;
    const lambda = new Float64Array(k * nFeatures);
    for (let i = 0; i < lambda.length; i++) lambda[i] = gammaDraw(this.#rng, 100, 0.01);
    this.#setComponents(lambda);
  }

  #setComponents(lambda: Float64Array): void {
    const k = this.params.nComponents;
    this.#components = lambda;
    const e = dirichletExpectation2d(lambda, k, lambda.length / k);
    for (let i = 0; i < e.length; i++) e[i] = Math.exp(e[i]);
    this.#expDirichlet = e;
  }

  /**
   * The E-step (sklearn's `_update_doc_distribution`): the unnormalised
   * document-topic parameters γ (`n x k`) and, when asked, the sufficient
   * statistics for the M-step (`k x V`, already multiplied by exp(E[log β])).
   */
  #eStep(docs: Docs, calcStats: boolean, randomInit: boolean): { gamma: Float64Array; stats: Float64Array | null } {
    const k = this.params.nComponents;
    const expTW = this.#expDirichlet as Float64Array;
    const V = expTW.length / k;
    const { maxDocUpdateIter, meanChangeTol } = this.params;
    const alpha = this.#alpha;
    const n = docs.n;
    const gamma = new Float64Array(n * k);
    if (randomInit) {
      const rng = this.#rng as RandomGenerator;
      for (let i = 0; i < gamma.length; i++) gamma[i] = gammaDraw(rng, 100, 0.01);
    } else gamma.fill(1);
    const expDoc = dirichletExpectation2d(gamma, n, k);
    for (let i = 0; i < expDoc.length; i++) expDoc[i] = Math.exp(expDoc[i]);
    const stats = calcStats ? new Float64Array(k * V) : null;
    let docTopic = new Float64Array(k);
    let last = new Float64Array(k);
    const expDocD = new Float64Array(k);
    let normPhi = new Float64Array(0);
    for (let d = 0; d < n; d++) {
      const p0 = docs.indptr[d];
      const p1 = docs.indptr[d + 1];
      const len = p1 - p0;
      if (normPhi.length < len) normPhi = new Float64Array(len);
      for (let c = 0; c < k; c++) {
        docTopic[c] = gamma[d * k + c];
        expDocD[c] = expDoc[d * k + c];
      }
      for (let it = 0; it < maxDocUpdateIter; it++) {
        const tmp = last;
        last = docTopic;
        docTopic = tmp;
        for (let p = 0; p < len; p++) {
          const w = docs.indices[p0 + p];
          let s = 0;
          for (let c = 0; c < k; c++) s += expDocD[c] * expTW[c * V + w];
          normPhi[p] = docs.data[p0 + p] / (s + EPS);
        }
        let total = 0;
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let p = 0; p < len; p++) s += normPhi[p] * expTW[c * V + docs.indices[p0 + p]];
          docTopic[c] = expDocD[c] * s + alpha;
          total += docTopic[c];
        }
        const psiTotal = digamma(total);
        let change = 0;
        for (let c = 0; c < k; c++) {
          expDocD[c] = Math.exp(digamma(docTopic[c]) - psiTotal);
          change += Math.abs(docTopic[c] - last[c]);
        }
        if (change / k < meanChangeTol) break;
      }
      for (let c = 0; c < k; c++) gamma[d * k + c] = docTopic[c];
      if (stats) {
        for (let p = 0; p < len; p++) {
          const w = docs.indices[p0 + p];
          let s = 0;
          for (let c = 0; c < k; c++) s += expDocD[c] * expTW[c * V + w];
          const r = docs.data[p0 + p] / (s + EPS);
          for (let c = 0; c < k; c++) stats[c * V + w] += expDocD[c] * r;
        }
      }
    }
    if (stats) for (let i = 0; i < stats.length; i++) stats[i] *= expTW[i];
    return { gamma, stats };
  }

  /** One E/M step on `docs` (sklearn's `_em_step`). */
  #emStep(docs: Docs, totalSamples: number, batchUpdate: boolean): void {
    const { stats } = this.#eStep(docs, true, true);
    const s = stats as Float64Array;
    const lambda = this.#components as Float64Array;
    const eta = this.#eta;
    const next = new Float64Array(lambda.length);
    if (batchUpdate) for (let i = 0; i < next.length; i++) next[i] = eta + s[i];
    else {
      const weight = (this.params.learningOffset + this.#nBatchIter) ** -this.params.learningDecay;
      const ratio = totalSamples / docs.n;
      for (let i = 0; i < next.length; i++) next[i] = lambda[i] * (1 - weight) + weight * (eta + ratio * s[i]);
    }
    this.#setComponents(next);
    this.#nBatchIter++;
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: FitOptions): void {
    const xv = this.#data(X, true, 'fit');
    const [n, V] = xv.shape;
    this.#initLatent(V);
    this.#bound = undefined;
    if (this.#initOnly) return;
    const { maxIter, evaluateEvery, learningMethod, batchSize, perpTol } = this.params;
    const all = toDocs(xv);
    let lastBound: number | null = null;
    for (let i = 0; i < maxIter; i++) {
      this.throwIfAborted(options.signal);
      if (learningMethod === 'online') {
        for (const [s, e] of genBatches(n, batchSize)) this.#emStep(toDocs(xv, s, e), n, false);
      } else this.#emStep(all, n, true);
      if (evaluateEvery > 0 && (i + 1) % evaluateEvery === 0) {
        const bound = this.#perplexity(all, this.#eStep(all, false, false).gamma, false);
        if (lastBound !== null && lastBound !== 0 && Math.abs(lastBound - bound) < perpTol) break;
        lastBound = bound;
      }
      this.#nIter++;
    }
    this.#bound = this.#perplexity(all, this.#eStep(all, false, false).gamma, false);
  }

  /**
   * One online step per `batchSize` rows of `X` (the first call initialises the topics).
   * @example for (const chunk of chunks) await lda.partialFit(chunk);
   */
  async partialFit(X: MatrixLike, _y?: Labels, options: FitOptions = {}): Promise<this> {
    this.throwIfAborted(options.signal);
    if (!this.isFitted) {
      // A first call goes through fit (params, feature bookkeeping) with no passes over the data.
      this.#initOnly = true;
      try {
        await this.fit(X, undefined, options);
      } finally {
        this.#initOnly = false;
      }
    } else this.validateParams();
    const xv = this.#data(X, false, 'partialFit');
    for (const [s, e] of genBatches(xv.shape[0], this.params.batchSize)) {
      this.throwIfAborted(options.signal);
      this.#emStep(toDocs(xv, s, e), this.params.totalSamples, false);
    }
    return this;
  }

  /**
   * Document-topic distributions (rows sum to 1).
   * @example lda.transform(counts) // Tensor [nDocuments, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const xv = this.#data(X, false, 'transform');
    const k = this.params.nComponents;
    const { gamma } = this.#eStep(toDocs(xv), false, false);
    for (let i = 0; i < xv.shape[0]; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += gamma[i * k + c];
      for (let c = 0; c < k; c++) gamma[i * k + c] /= s;
    }
    return new Tensor(gamma, [xv.shape[0], k]);
  }

  /**
   * Fits, then transforms.
   * @example await new LatentDirichletAllocation({ nComponents: 3 }).fitTransform(counts)
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  /** The variational lower bound of the log-likelihood (sklearn's `_approx_bound`). */
  #approxBound(docs: Docs, gamma: Float64Array, subSampling: boolean): number {
    const k = this.params.nComponents;
    const lambda = this.#components as Float64Array;
    const V = lambda.length / k;
    const n = docs.n;
    const eLogTheta = dirichletExpectation2d(gamma, n, k);
    const eLogBeta = dirichletExpectation2d(lambda, k, V);
    let score = 0;
    const temp = new Float64Array(k);
    for (let d = 0; d < n; d++) {
      for (let p = docs.indptr[d]; p < docs.indptr[d + 1]; p++) {
        const w = docs.indices[p];
        let max = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < k; c++) {
          temp[c] = eLogTheta[d * k + c] + eLogBeta[c * V + w];
          if (temp[c] > max) max = temp[c];
        }
        let s = 0;
        for (let c = 0; c < k; c++) s += Math.exp(temp[c] - max);
        score += docs.data[p] * (max + Math.log(s));
      }
    }
    score += this.#loglikelihood(this.#alpha, gamma, eLogTheta, n, k, k);
    if (subSampling) score *= this.params.totalSamples / n;
    score += this.#loglikelihood(this.#eta, lambda, eLogBeta, k, V, V);
    return score;
  }

  #loglikelihood(prior: number, distr: Float64Array, eLog: Float64Array, rows: number, cols: number, size: number) {
    let score = 0;
    const gPrior = gammaln(prior);
    for (let i = 0; i < distr.length; i++) score += (prior - distr[i]) * eLog[i] + gammaln(distr[i]) - gPrior;
    const gPriorSize = gammaln(prior * size);
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += distr[r * cols + c];
      score += gPriorSize - gammaln(s);
    }
    return score;
  }

  #perplexity(docs: Docs, gamma: Float64Array, subSampling: boolean): number {
    const bound = this.#approxBound(docs, gamma, subSampling);
    const words = subSampling ? docs.total * (this.params.totalSamples / docs.n) : docs.total;
    return Math.exp(-bound / words);
  }

  /**
   * The approximate log-likelihood bound of `X` (sklearn's `score`; higher is better).
   * @example lda.score(counts)
   */
  score(X: MatrixLike): number {
    this.checkIsFitted();
    const docs = toDocs(this.#data(X, false, 'score'));
    return this.#approxBound(docs, this.#eStep(docs, false, false).gamma, false);
  }

  /**
   * `exp(-bound / word count)` for `X` (lower is better).
   * @param subSampling - scale the bound to `totalSamples` documents (as for online mini-batches). Default false.
   * @example lda.perplexity(counts)
   */
  perplexity(X: MatrixLike, subSampling = false): number {
    this.checkIsFitted();
    const docs = toDocs(this.#data(X, false, 'perplexity'));
    return this.#perplexity(docs, this.#eStep(docs, false, false).gamma, subSampling);
  }

  /**
   * `latentdirichletallocation0`, …
   * @example lda.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    this.checkIsFitted();
    return Array.from({ length: this.params.nComponents }, (_, i) => `latentdirichletallocation${i}`);
  }

  protected getState(): Record<string, unknown> {
    return {
      components: this.#components,
      alpha: this.#alpha,
      eta: this.#eta,
      nBatchIter: this.#nBatchIter,
      nIter: this.#nIter,
      bound: this.#bound ?? null,
      rng: this.#rng ?? null,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved LatentDirichletAllocation');
    const lambda = r.float64Array('components');
    const k = this.params.nComponents;
    if (lambda.length % k !== 0 || lambda.some((v) => !(v > 0))) {
      throw new ValidationError(`saved LatentDirichletAllocation: components must be ${k} rows of positive numbers`);
    }
    this.#setComponents(lambda);
    this.#alpha = r.number('alpha', { min: 0 });
    this.#eta = r.number('eta', { min: 0 });
    this.#nBatchIter = r.number('nBatchIter', { integer: true, min: 0 });
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#bound = state.bound === null ? undefined : r.number('bound');
    this.#rng = state.rng instanceof RandomGenerator ? state.rng : checkRandomState(this.params.randomState);
  }
}
