/**
 * `BayesianGaussianMixture`: scikit-learn 1.2's
 * `sklearn.mixture.BayesianGaussianMixture`, a Gaussian mixture fitted by
 * variational inference with a Dirichlet-process (stick-breaking) or
 * Dirichlet-distribution prior on the weights, a Gaussian prior on the means
 * and a Wishart prior on the precisions; superfluous components get weights
 * near zero.
 *
 * The updates follow sklearn's `_bayesian_mixture.py` operation for operation
 * (priors from the data as sklearn: `meanPrior` the column means,
 * `covariancePrior` the sample covariance / variances, `degreesOfFreedomPrior`
 * the number of features, `weightConcentrationPrior` `1 / nComponents`), and
 * so does the stopping rule on the change of the lower bound, so from the same
 * initial responsibilities it follows the same path.
 *
 * Initialisation: `initParams` as `GaussianMixture`, or explicit
 * responsibilities `respInit` (`nSamples x nComponents`; not in sklearn, whose
 * private `_initialize(X, resp)` it mirrors) to reproduce a run exactly.
 *
 * Differences: float64 only; the random streams differ from numpy's; no `sample`.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import {
  flatten,
  type MixtureShape,
  normalizeRows,
  type Posterior,
  type Priors,
  resolvePriors,
  variationalLowerBound,
  variationalMStep,
  weightedLogProb,
} from './bayesian-mixture-math.js';
import { checkEnoughSamples } from './cluster-utils.js';
import type { NestedNumbers } from './gaussian-mixture.js';
import { type CovarianceType, precisionsFromCholesky } from './gmm-math.js';
import { initialResponsibilities } from './mixture-init.js';

/** Options of {@link BayesianGaussianMixture} (sklearn's parameters, camelCase). */
export interface BayesianGaussianMixtureParams {
  /** Upper bound on the number of components. Default 1. */
  nComponents: number;
  /** `'full'` (default), `'tied'`, `'diag'` or `'spherical'`. */
  covarianceType: CovarianceType;
  /** Convergence threshold on the change of the lower bound. Default 1e-3. */
  tol: number;
  /** Added to the covariance diagonals. Default 1e-6. */
  regCovar: number;
  /** Iterations per initialisation. Default 100. */
  maxIter: number;
  /** Initialisations (the best lower bound kept). Default 1. */
  nInit: number;
  /** How responsibilities are initialised. Default `'kmeans'`. */
  initParams: 'kmeans' | 'k-means++' | 'random' | 'random_from_data';
  /** Explicit initial responsibilities (`nSamples x nComponents`, rows summing to 1); overrides `initParams`. Default `null`. */
  respInit: NestedNumbers | null;
  /** `'dirichlet_process'` (stick breaking, default) or `'dirichlet_distribution'`. */
  weightConcentrationPriorType: 'dirichlet_process' | 'dirichlet_distribution';
  /** Weight concentration prior; `null` means `1 / nComponents`. Default `null`. */
  weightConcentrationPrior: number | null;
  /** Precision prior of the means; `null` means 1. Default `null`. */
  meanPrecisionPrior: number | null;
  /** Prior mean (`nFeatures`); `null` means the column means of X. Default `null`. */
  meanPrior: NestedNumbers | null;
  /** Wishart degrees of freedom (> nFeatures - 1); `null` means nFeatures. Default `null`. */
  degreesOfFreedomPrior: number | null;
  /** Covariance prior (full/tied `d x d`, diag `d`, spherical a number); `null` from the data. Default `null`. */
  covariancePrior: NestedNumbers | null;
  /** Seed or generator. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Continue from the last solution on refit. Default false. */
  warmStart: boolean;
}

const DEFAULTS: BayesianGaussianMixtureParams = {
  nComponents: 1,
  covarianceType: 'full',
  tol: 1e-3,
  regCovar: 1e-6,
  maxIter: 100,
  nInit: 1,
  initParams: 'kmeans',
  respInit: null,
  weightConcentrationPriorType: 'dirichlet_process',
  weightConcentrationPrior: null,
  meanPrecisionPrior: null,
  meanPrior: null,
  degreesOfFreedomPrior: null,
  covariancePrior: null,
  randomState: undefined,
  warmStart: false,
};

/**
 * A variational Bayesian Gaussian mixture: like {@link GaussianMixture} but
 * infers how many of its `nComponents` the data need.
 *
 * Fitted attributes: `weights`, `means`, `covariances`, `precisions`,
 * `precisionsCholesky`, `weightConcentration`, `meanPrecision`,
 * `degreesOfFreedom`, `converged`, `nIter`, `lowerBound`, `nFeaturesIn`.
 *
 * @example
 * import { BayesianGaussianMixture } from 'typelearn/cluster';
 * const bgm = await new BayesianGaussianMixture({ nComponents: 5, randomState: 0 }).fit(X);
 * bgm.weights;          // unneeded components get weights near 0
 * bgm.predict(X);
 * bgm.predictProba(X);
 */
export class BayesianGaussianMixture extends BaseEstimator<BayesianGaussianMixtureParams> {
  static override readonly estimatorName = 'BayesianGaussianMixture';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left')],
    covarianceType: [options(['full', 'tied', 'diag', 'spherical'])],
    tol: [interval('real', 0, null, 'left')],
    regCovar: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 0, null, 'left')],
    nInit: [interval('int', 1, null, 'left')],
    initParams: [options(['kmeans', 'k-means++', 'random', 'random_from_data'])],
    respInit: ['arrayLike', null],
    weightConcentrationPriorType: [options(['dirichlet_process', 'dirichlet_distribution'])],
    weightConcentrationPrior: [interval('real', 0, null, 'neither'), null],
    meanPrecisionPrior: [interval('real', 0, null, 'neither'), null],
    meanPrior: ['arrayLike', null],
    degreesOfFreedomPrior: [interval('real', 0, null, 'neither'), null],
    covariancePrior: ['arrayLike', interval('real', 0, null, 'neither'), null],
    randomState: ['randomState'],
    warmStart: ['boolean'],
  };

  #post?: Posterior;
  #priors?: Priors;
  #converged?: boolean;
  #nIter?: number;
  #lowerBound?: number;

  /** @param options - see {@link BayesianGaussianMixtureParams}. */
  constructor(options: Partial<BayesianGaussianMixtureParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'densityEstimator' };
  }

  get #dp(): boolean {
    return this.params.weightConcentrationPriorType === 'dirichlet_process';
  }

  get #shape(): MixtureShape {
    const { nComponents: k, covarianceType: type, regCovar } = this.params;
    return { k, type, regCovar, dp: this.#dp };
  }

  async #initialResp(x: Float64Array, n: number, d: number, rng: RandomGenerator): Promise<Float64Array> {
    const k = this.params.nComponents;
    if (this.params.respInit !== null) {
      const resp = flatten(this.params.respInit, 'respInit', n * k);
      if (resp.some((v) => v < 0)) throw new ValidationError('respInit must be non-negative', { param: 'respInit' });
      return resp;
    }
    return initialResponsibilities(x, n, d, k, this.params.initParams, rng);
  }

  protected async fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): Promise<void> {
    const { X: xt } = this.validateData(X, undefined, { reset: true, minSamples: 2 });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    const { nComponents: k, maxIter, tol } = this.params;
    checkEnoughSamples(n, k, this.estimatorName);
    const priors = resolvePriors(x, n, d, this.params);
    const previous = this.params.warmStart && this.#post && this.#post.means.length === k * d ? this.#post : undefined;
    const nInit = previous ? 1 : this.params.nInit;
    const rng = checkRandomState(this.params.randomState);
    let best: Posterior | undefined;
    let bestLb = Number.NEGATIVE_INFINITY;
    let bestIter = 0;
    let converged = false;
    for (let r = 0; r < nInit; r++) {
      let post = previous ?? variationalMStep(x, n, d, await this.#initialResp(x, n, d, rng), priors, this.#shape);
      let lb = previous ? (this.#lowerBound ?? Number.NEGATIVE_INFINITY) : Number.NEGATIVE_INFINITY;
      let it = 0;
      if (maxIter > 0) {
        for (it = 1; it <= maxIter; it++) {
          this.throwIfAborted(opts.signal);
          const prev = lb;
          const logResp = weightedLogProb(x, n, d, post, this.#shape);
          normalizeRows(logResp, n, this.params.nComponents);
          const resp = logResp.map(Math.exp);
          post = variationalMStep(x, n, d, resp, priors, this.#shape);
          lb = variationalLowerBound(logResp, post, d, this.#shape);
          if (Math.abs(lb - prev) < tol) {
            converged = true;
            break;
          }
        }
        if (it > maxIter) it = maxIter;
      }
      if (maxIter === 0) {
        best = post;
        bestIter = 0;
      } else if (lb > bestLb || bestLb === Number.NEGATIVE_INFINITY) {
        best = post;
        bestLb = lb;
        bestIter = it;
      }
      opts.onProgress?.({ step: r + 1, total: nInit, message: `init ${r + 1}: lower bound ${lb}` });
    }
    if (!converged && maxIter > 0) {
      warn(
        new ConvergenceWarning(
          `Initialization ${nInit} did not converge. Try different init parameters, or increase maxIter, tol or check for degenerate data.`,
        ),
      );
    }
    this.#post = best;
    this.#priors = priors;
    this.#converged = converged;
    this.#nIter = bestIter;
    this.#lowerBound = bestLb;
  }

  #p(): Posterior {
    return this.fitted('means', this.#post);
  }

  get #d(): number {
    return this.#p().means.length / this.params.nComponents;
  }

  /** Expected mixing weights (sum to 1). */
  get weights(): Float64Array {
    const post = this.#p();
    const k = this.params.nComponents;
    const wc = post.weightConcentration;
    const w = new Float64Array(k);
    if (this.#dp) {
      let prod = 1;
      for (let c = 0; c < k; c++) {
        const s = wc[c] + wc[k + c];
        w[c] = (wc[c] / s) * prod;
        prod *= wc[k + c] / s;
      }
    } else w.set(wc);
    let total = 0;
    for (const v of w) total += v;
    return w.map((v) => v / total);
  }

  /** Dirichlet parameters of the weights: `[2, K]` (process) or `[K]` (distribution). */
  get weightConcentration(): Tensor {
    const wc = this.#p().weightConcentration;
    return new Tensor(wc.slice(), this.#dp ? [2, this.params.nComponents] : [this.params.nComponents]);
  }

  /** Precision of each component mean's posterior (sklearn's `mean_precision_`). */
  get meanPrecision(): Float64Array {
    return this.#p().meanPrecision.slice();
  }

  /** Wishart degrees of freedom of each component (one value for tied). */
  get degreesOfFreedom(): Float64Array {
    return this.#p().dof.slice();
  }

  /** Component means, `nComponents x nFeatures`. */
  get means(): Tensor {
    return new Tensor(this.#p().means.slice(), [this.params.nComponents, this.#d]);
  }

  #shaped(v: Float64Array): Tensor {
    const k = this.params.nComponents;
    const d = this.#d;
    const shape = { full: [k, d, d], tied: [d, d], diag: [k, d], spherical: [k] }[this.params.covarianceType];
    return new Tensor(v.slice(), shape);
  }

  /** Covariances in the layout of `covarianceType`. */
  get covariances(): Tensor {
    return this.#shaped(this.#p().covariances);
  }

  /** Precision matrices, same layout. */
  get precisions(): Tensor {
    const post = this.#p();
    return this.#shaped(
      precisionsFromCholesky(post.precChol, this.params.covarianceType, this.params.nComponents, this.#d),
    );
  }

  /** Cholesky factors of the precisions, same layout. */
  get precisionsCholesky(): Tensor {
    return this.#shaped(this.#p().precChol);
  }

  /** Whether the best initialisation converged. */
  get converged(): boolean {
    return this.fitted('converged', this.#converged);
  }

  /** Iterations of the best initialisation. */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** Lower bound of the evidence at the end of the best run (sklearn's `lower_bound_`). */
  get lowerBound(): number {
    return this.fitted('lowerBound', this.#lowerBound);
  }

  #scores(X: MatrixLike): { logResp: Float64Array; norm: Float64Array; n: number } {
    this.checkIsFitted();
    const post = this.#p();
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const [n, d] = xt.shape;
    const logResp = weightedLogProb(xt.data as Float64Array, n, d, post, this.#shape);
    const norm = normalizeRows(logResp, n, this.params.nComponents);
    return { logResp, norm, n };
  }

  /**
   * Most probable component of each row.
   * @example bgm.predict(X)
   */
  predict(X: MatrixLike): Int32Array {
    const { logResp, n } = this.#scores(X);
    const k = this.params.nComponents;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (logResp[i * k + c] > logResp[i * k + best]) best = c;
      out[i] = best;
    }
    return out;
  }

  /**
   * Posterior probability of each component, `n x K`.
   * @example bgm.predictProba(X)
   */
  predictProba(X: MatrixLike): Tensor {
    const { logResp, n } = this.#scores(X);
    return new Tensor(logResp.map(Math.exp), [n, this.params.nComponents]);
  }

  /**
   * Fits, then predicts the training rows.
   * @example await new BayesianGaussianMixture({ nComponents: 4 }).fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.predict(X);
  }

  /**
   * Weighted log probability of each row (sklearn's `score_samples`).
   * @example bgm.scoreSamples(X)
   */
  scoreSamples(X: MatrixLike): Float64Array {
    return this.#scores(X).norm;
  }

  /**
   * Mean of {@link scoreSamples}.
   * @example bgm.score(X)
   */
  score(X: MatrixLike): number {
    const s = this.scoreSamples(X);
    let t = 0;
    for (const v of s) t += v;
    return t / s.length;
  }

  protected getState(): Record<string, unknown> {
    return {
      ...this.#post,
      priors: this.#priors,
      converged: this.#converged,
      nIter: this.#nIter,
      lowerBound: this.#lowerBound,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved BayesianGaussianMixture';
    const r = new StateReader(state, where);
    const k = this.params.nComponents;
    const means = r.float64Array('means');
    if (means.length % k !== 0) throw new ValidationError(`${where}: means do not hold ${k} rows`);
    this.#post = {
      weightConcentration: r.float64Array('weightConcentration', this.#dp ? 2 * k : k),
      meanPrecision: r.float64Array('meanPrecision', k),
      means,
      dof: r.float64Array('dof', this.params.covarianceType === 'tied' ? 1 : k),
      covariances: r.float64Array('covariances'),
      precChol: r.float64Array('precChol'),
    };
    const pr = new StateReader(state.priors, `${where} priors`);
    this.#priors = {
      weight: pr.number('weight'),
      meanPrecision: pr.number('meanPrecision'),
      mean: pr.float64Array('mean'),
      dof: pr.number('dof'),
      covariance: pr.float64Array('covariance'),
    };
    this.#converged = state.converged === true;
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#lowerBound = r.number('lowerBound');
  }
}
