/**
 * `GaussianMixture`: scikit-learn's `sklearn.mixture.GaussianMixture`,
 * fitted by expectation–maximisation with sklearn's exact updates
 * (`regCovar` on the diagonal, `10 ε` added to the component weights, the
 * precision-Cholesky parameterisation) and stopping rule (change of the mean
 * log-likelihood below `tol`), so from the same initial parameters it follows
 * the same path. `nInit` restarts keep the run of highest lower bound.
 *
 * Initialisation (`initParams`): `'kmeans'` (labels of one KMeans run),
 * `'k-means++'` (seeding only), `'random'` (uniform responsibilities) or
 * `'random_from_data'` (random points as means); `weightsInit`, `meansInit`
 * and `precisionsInit` override the corresponding parameters.
 *
 * Differences: float64 only; the random streams differ from numpy's.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import { choleskyInPlace } from '../linalg/cholesky.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { checkEnoughSamples } from './cluster-utils.js';
import {
  type CovarianceType,
  covarianceSize,
  estimateGaussianParameters,
  estimateLogGaussianProb,
  normalizeLogProb,
  nParameters,
  precisionCholesky,
  precisionCholeskyFromPrecisions,
  precisionsFromCholesky,
} from './gmm-math.js';
import { initialResponsibilities } from './mixture-init.js';

/** Nested numbers or a Tensor (initial parameters). */
export type NestedNumbers = number | readonly NestedNumbers[] | Tensor | ArrayLike<number>;

/** Options of {@link GaussianMixture} (sklearn's parameters, camelCase). */
export interface GaussianMixtureParams {
  /** Number of mixture components. Default 1. */
  nComponents: number;
  /** `'full'` (default), `'tied'`, `'diag'` or `'spherical'`. */
  covarianceType: CovarianceType;
  /** Convergence threshold on the change of the mean log-likelihood. Default 1e-3. */
  tol: number;
  /** Added to the covariance diagonals. Default 1e-6. */
  regCovar: number;
  /** EM iterations per initialisation. Default 100. */
  maxIter: number;
  /** Initialisations (the best kept). Default 1. */
  nInit: number;
  /** How responsibilities are initialised. Default `'kmeans'`. */
  initParams: 'kmeans' | 'k-means++' | 'random' | 'random_from_data';
  /** Initial weights (`nComponents`). Default `null`. */
  weightsInit: NestedNumbers | null;
  /** Initial means (`nComponents x nFeatures`). Default `null`. */
  meansInit: NestedNumbers | null;
  /** Initial precisions (inverse covariances) in the layout of `covarianceType`. Default `null`. */
  precisionsInit: NestedNumbers | null;
  /** Seed or generator. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Start a refit from the last solution (one initialisation). Default false. */
  warmStart: boolean;
}

const DEFAULTS: GaussianMixtureParams = {
  nComponents: 1,
  covarianceType: 'full',
  tol: 1e-3,
  regCovar: 1e-6,
  maxIter: 100,
  nInit: 1,
  initParams: 'kmeans',
  weightsInit: null,
  meansInit: null,
  precisionsInit: null,
  randomState: undefined,
  warmStart: false,
};

interface Mixture {
  weights: Float64Array;
  means: Float64Array;
  covariances: Float64Array;
  precChol: Float64Array;
}

function flatten(v: NestedNumbers, name: string, length: number): Float64Array {
  const out: number[] = [];
  const walk = (u: unknown) => {
    if (typeof u === 'number') out.push(u);
    else if (u instanceof Tensor) for (let i = 0; i < u.size; i++) out.push(Number(u.data[i]));
    else for (const w of Array.from(u as ArrayLike<unknown>)) walk(w);
  };
  walk(v);
  if (out.length !== length || out.some((x) => !Number.isFinite(x))) {
    throw new ValidationError(`${name} must hold ${length} finite numbers, got ${out.length}`, { param: name });
  }
  return Float64Array.from(out);
}

/**
 * A mixture of Gaussians fitted by EM: soft clustering and density estimation.
 *
 * Fitted attributes: `weights`, `means`, `covariances`, `precisions`,
 * `precisionsCholesky`, `converged`, `nIter`, `lowerBound`, `nFeaturesIn`.
 *
 * @example
 * import { GaussianMixture } from 'typelearn/cluster';
 * const gm = await new GaussianMixture({ nComponents: 2, randomState: 0 }).fit(X);
 * gm.predict([[0, 0], [12, 3]]);
 * gm.predictProba([[0, 0]]);       // responsibilities
 * gm.scoreSamples(X);              // log density per row
 * gm.bic(X);                       // model selection
 * const { X: draws, y } = gm.sample(100);
 */
export class GaussianMixture extends BaseEstimator<GaussianMixtureParams> {
  static override readonly estimatorName = 'GaussianMixture';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left')],
    covarianceType: [options(['full', 'tied', 'diag', 'spherical'])],
    tol: [interval('real', 0, null, 'left')],
    regCovar: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 0, null, 'left')],
    nInit: [interval('int', 1, null, 'left')],
    initParams: [options(['kmeans', 'k-means++', 'random', 'random_from_data'])],
    weightsInit: ['arrayLike', null],
    meansInit: ['arrayLike', null],
    precisionsInit: ['arrayLike', null],
    randomState: ['randomState'],
    warmStart: ['boolean'],
  };

  #mix?: Mixture;
  #converged?: boolean;
  #nIter?: number;
  #lowerBound?: number;

  /** @param options - see {@link GaussianMixtureParams}. */
  constructor(options: Partial<GaussianMixtureParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'densityEstimator' };
  }

  #mStep(x: Float64Array, n: number, d: number, resp: Float64Array): Mixture {
    const { nComponents: k, regCovar, covarianceType: type } = this.params;
    const { nk, means, covariances } = estimateGaussianParameters(x, n, d, resp, k, regCovar, type);
    let total = 0;
    for (const v of nk) total += v;
    const weights = nk.map((v) => v / total);
    return { weights, means, covariances, precChol: precisionCholesky(covariances, type, k, d) };
  }

  async #initialize(x: Float64Array, n: number, d: number, rng: RandomGenerator): Promise<Mixture> {
    const { nComponents: k, covarianceType: type, weightsInit, meansInit, precisionsInit } = this.params;
    const resp = await initialResponsibilities(x, n, d, this.params.nComponents, this.params.initParams, rng);
    const { nk, means, covariances } = estimateGaussianParameters(x, n, d, resp, k, this.params.regCovar, type);
    // sklearn divides nk by n_samples here (in the M-step by their sum).
    const mix: Mixture = { weights: nk.map((v) => v / n), means, covariances, precChol: new Float64Array(0) };
    if (precisionsInit === null) mix.precChol = precisionCholesky(covariances, type, k, d);
    if (weightsInit !== null) mix.weights = flatten(weightsInit, 'weightsInit', k);
    if (meansInit !== null) mix.means = flatten(meansInit, 'meansInit', k * d);
    if (precisionsInit !== null) {
      const prec = flatten(precisionsInit, 'precisionsInit', covarianceSize(type, k, d));
      mix.precChol = precisionCholeskyFromPrecisions(prec, type, k, d);
    }
    return mix;
  }

  protected async fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): Promise<void> {
    const { X: xt } = this.validateData(X, undefined, { reset: true, minSamples: 2 });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    const { nComponents: k, maxIter, tol, covarianceType: type, warmStart } = this.params;
    checkEnoughSamples(n, k, this.estimatorName);
    const previous = warmStart ? this.#mix : undefined;
    if (previous && previous.means.length !== k * d) throw new ValidationError('warmStart: the data width changed');
    const nInit = previous ? 1 : this.params.nInit;
    const rng = checkRandomState(this.params.randomState);
    let best: Mixture | undefined;
    let bestLb = Number.NEGATIVE_INFINITY;
    let bestIter = 0;
    let converged = false;
    for (let r = 0; r < nInit; r++) {
      let mix = previous ?? (await this.#initialize(x, n, d, rng));
      let lb = previous ? (this.#lowerBound ?? Number.NEGATIVE_INFINITY) : Number.NEGATIVE_INFINITY;
      let it = 0;
      for (it = 1; it <= maxIter; it++) {
        this.throwIfAborted(opts.signal);
        const prev = lb;
        const logResp = estimateLogGaussianProb(x, n, d, mix.means, k, mix.precChol, type);
        const norm = normalizeLogProb(logResp, n, k, mix.weights);
        let mean = 0;
        for (let i = 0; i < n; i++) mean += norm[i];
        mean /= n;
        for (let j = 0; j < logResp.length; j++) logResp[j] = Math.exp(logResp[j]);
        mix = this.#mStep(x, n, d, logResp);
        lb = mean;
        if (Math.abs(lb - prev) < tol) {
          converged = true;
          break;
        }
      }
      if (maxIter === 0) it = 0;
      else if (it > maxIter) it = maxIter;
      if (best === undefined || lb > bestLb || bestLb === Number.NEGATIVE_INFINITY) {
        best = mix;
        bestLb = lb;
        bestIter = it;
      }
      opts.onProgress?.({ step: r + 1, total: nInit, message: `init ${r + 1}: lower bound ${lb}` });
    }
    if (!converged && maxIter > 0) {
      warn(
        new ConvergenceWarning(
          'Initialization did not converge. Try different init parameters, or increase maxIter, tol or check for degenerate data.',
        ),
      );
    }
    this.#mix = best;
    this.#converged = converged;
    this.#nIter = bestIter;
    this.#lowerBound = bestLb;
  }

  #m(): Mixture {
    return this.fitted('means', this.#mix);
  }

  /** Mixing weights (sum to 1). */
  get weights(): Float64Array {
    return this.#m().weights.slice();
  }

  /** Component means, `nComponents x nFeatures`. */
  get means(): Tensor {
    const m = this.#m();
    return new Tensor(m.means.slice(), [this.params.nComponents, m.means.length / this.params.nComponents]);
  }

  /** Covariances in the layout of `covarianceType` (full: `[K, d, d]`, tied: `[d, d]`, diag: `[K, d]`, spherical: `[K]`). */
  get covariances(): Tensor {
    return this.#shaped(this.#m().covariances);
  }

  /** Precision matrices (inverse covariances), same layout. */
  get precisions(): Tensor {
    const m = this.#m();
    const d = m.means.length / this.params.nComponents;
    return this.#shaped(precisionsFromCholesky(m.precChol, this.params.covarianceType, this.params.nComponents, d));
  }

  /** Cholesky factors of the precisions, same layout. */
  get precisionsCholesky(): Tensor {
    return this.#shaped(this.#m().precChol.slice());
  }

  #shaped(v: Float64Array): Tensor {
    const k = this.params.nComponents;
    const d = this.#m().means.length / k;
    const shape = { full: [k, d, d], tied: [d, d], diag: [k, d], spherical: [k] }[this.params.covarianceType];
    return new Tensor(v.slice(), shape);
  }

  /** Whether the best initialisation converged. */
  get converged(): boolean {
    return this.fitted('converged', this.#converged);
  }

  /** EM iterations of the best initialisation. */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** Mean log-likelihood of the training data at the end of the best run (sklearn's `lower_bound_`). */
  get lowerBound(): number {
    return this.fitted('lowerBound', this.#lowerBound);
  }

  /** `n x K` log responsibilities and per-row log densities. */
  #logResp(X: MatrixLike): { logResp: Float64Array; norm: Float64Array; n: number } {
    this.checkIsFitted();
    const m = this.#m();
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const [n, d] = xt.shape;
    const k = this.params.nComponents;
    const logResp = estimateLogGaussianProb(
      xt.data as Float64Array,
      n,
      d,
      m.means,
      k,
      m.precChol,
      this.params.covarianceType,
    );
    const norm = normalizeLogProb(logResp, n, k, m.weights);
    return { logResp, norm, n };
  }

  /**
   * Most probable component of each row.
   * @example gm.predict(X) // Int32Array
   */
  predict(X: MatrixLike): Int32Array {
    const { logResp, n } = this.#logResp(X);
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
   * Fits, then predicts the training rows.
   * @example await new GaussianMixture({ nComponents: 3 }).fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.predict(X);
  }

  /**
   * Posterior probability of each component, `n x K`.
   * @example gm.predictProba(X).sum(1) // all ones
   */
  predictProba(X: MatrixLike): Tensor {
    const { logResp, n } = this.#logResp(X);
    return new Tensor(logResp.map(Math.exp), [n, this.params.nComponents]);
  }

  /**
   * Log of the mixture density at each row.
   * @example gm.scoreSamples(X)
   */
  scoreSamples(X: MatrixLike): Float64Array {
    return this.#logResp(X).norm;
  }

  /**
   * Mean log density of the rows.
   * @example gm.score(X)
   */
  score(X: MatrixLike): number {
    const s = this.scoreSamples(X);
    let t = 0;
    for (const v of s) t += v;
    return t / s.length;
  }

  /** Free parameters of the fitted model. */
  get nParameters(): number {
    const m = this.#m();
    const k = this.params.nComponents;
    return nParameters(this.params.covarianceType, k, m.means.length / k);
  }

  /**
   * Bayesian information criterion on `X` (lower is better).
   * @example gm.bic(X)
   */
  bic(X: MatrixLike): number {
    const s = this.scoreSamples(X);
    return -2 * this.score(X) * s.length + this.nParameters * Math.log(s.length);
  }

  /**
   * Akaike information criterion on `X` (lower is better).
   * @example gm.aic(X)
   */
  aic(X: MatrixLike): number {
    const s = this.scoreSamples(X);
    return -2 * this.score(X) * s.length + 2 * this.nParameters;
  }

  /**
   * Draws `nSamples` points from the fitted mixture and their components
   * (a fresh generator from `randomState` on each call, as sklearn).
   * @example const { X, y } = gm.sample(10);
   */
  sample(nSamples = 1): { X: Tensor; y: Int32Array } {
    if (!(Number.isInteger(nSamples) && nSamples >= 1)) {
      throw new ValidationError(`Invalid value for 'nSamples': ${nSamples}. It must be at least one.`);
    }
    const m = this.#m();
    const k = this.params.nComponents;
    const d = m.means.length / k;
    const rng = checkRandomState(this.params.randomState);
    // Component counts: one categorical draw per sample (a multinomial sample).
    const counts = new Int32Array(k);
    const comp = rng.choice(k, { size: nSamples, p: Array.from(m.weights) });
    for (const c of comp) counts[c]++;
    const type = this.params.covarianceType;
    const out = new Float64Array(nSamples * d);
    const y = new Int32Array(nSamples);
    const z = new Float64Array(d);
    let row = 0;
    // x = μ + L z with L Lᵀ = Σ (lower Cholesky factor of each covariance).
    const chol: Float64Array[] = [];
    if (type === 'full' || type === 'tied') {
      for (let c = 0; c < (type === 'full' ? k : 1); c++) {
        const l = m.covariances.slice(c * d * d, (c + 1) * d * d);
        choleskyInPlace(l, d);
        chol.push(l);
      }
    }
    for (let c = 0; c < k; c++) {
      for (let s = 0; s < counts[c]; s++, row++) {
        rng.fillNormal(z);
        y[row] = c;
        if (type === 'full' || type === 'tied') {
          const l = chol[type === 'full' ? c : 0];
          for (let a = 0; a < d; a++) {
            let t = m.means[c * d + a];
            for (let b = 0; b <= a; b++) t += l[a * d + b] * z[b];
            out[row * d + a] = t;
          }
        } else {
          for (let f = 0; f < d; f++) {
            const sd = Math.sqrt(type === 'diag' ? m.covariances[c * d + f] : m.covariances[c]);
            out[row * d + f] = m.means[c * d + f] + z[f] * sd;
          }
        }
      }
    }
    return { X: new Tensor(out, [nSamples, d]), y };
  }

  protected getState(): Record<string, unknown> {
    return {
      ...this.#mix,
      converged: this.#converged,
      nIter: this.#nIter,
      lowerBound: this.#lowerBound,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved GaussianMixture');
    this.#mix = {
      weights: r.float64Array('weights', this.params.nComponents),
      means: r.float64Array('means'),
      covariances: r.float64Array('covariances'),
      precChol: r.float64Array('precChol'),
    };
    this.#converged = state.converged === true;
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#lowerBound = r.number('lowerBound');
  }
}
