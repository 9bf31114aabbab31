/**
 * `FactorAnalysis`: scikit-learn's `sklearn.decomposition.FactorAnalysis` —
 * the linear Gaussian latent-variable model `x = W z + mean + ε` with
 * `z ~ N(0, I)` and heteroscedastic noise `ε ~ N(0, diag(ψ))`, fitted by
 * Barber's SVD-based maximum-likelihood iteration (BRML 21.2.33).
 *
 * `svdMethod`: `'lapack'` (an exact SVD each iteration) or `'randomized'`
 * (sklearn's default; `iteratedPower` power iterations, typelearn's generator
 * so the numbers differ from sklearn's for a seed). `rotation`: `'varimax'`
 * or `'quartimax'` on the fitted loadings.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import { slogdetInPlace } from '../linalg/det.js';
import { solveInPlace } from '../linalg/solve.js';
import { svdInPlace } from '../linalg/svd.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { denseOperator, randomizedSvd } from './randomized-svd.js';

/** Options of {@link FactorAnalysis}. */
export interface FactorAnalysisParams {
  /** Latent dimension; `null`: `nFeatures`. Default `null`. */
  nComponents: number | null;
  /** Stop when the log-likelihood gains less than this. Default 1e-2. */
  tol: number;
  /** Maximum iterations. Default 1000. */
  maxIter: number;
  /** Initial noise variances (one per feature); `null`: ones. Default `null`. */
  noiseVarianceInit: number[] | null;
  /** `'randomized'` or `'lapack'`. Default `'randomized'`. */
  svdMethod: 'randomized' | 'lapack';
  /** Power iterations of the randomized SVD. Default 3. */
  iteratedPower: number;
  /** `'varimax'`, `'quartimax'` or `null`. Default `null`. */
  rotation: 'varimax' | 'quartimax' | null;
  /** Seed of the randomized SVD. Default 0 (as sklearn). */
  randomState: RandomState | undefined;
}

const DEFAULTS: FactorAnalysisParams = {
  nComponents: null,
  tol: 1e-2,
  maxIter: 1000,
  noiseVarianceInit: null,
  svdMethod: 'randomized',
  iteratedPower: 3,
  rotation: null,
  randomState: 0,
};

const SMALL = 1e-12;

/**
 * Varimax / quartimax rotation of the `p x k` loadings `a` (sklearn's
 * `_ortho_rotation`); returns the rotated loadings transposed, `k x p`.
 * @example orthoRotation(loadingsT, 4, 2, 'varimax')
 */
export function orthoRotation(
  a: Float64Array,
  p: number,
  k: number,
  method: 'varimax' | 'quartimax',
  tol = 1e-6,
  maxIter = 100,
): Float64Array {
  let rot = new Float64Array(k * k);
  for (let i = 0; i < k; i++) rot[i * k + i] = 1;
  let variance = 0;
  const comp = new Float64Array(p * k);
  const target = new Float64Array(p * k);
  const m = new Float64Array(k * k);
  for (let it = 0; it < maxIter; it++) {
    gemm(false, false, p, k, k, 1, a, k, rot, k, 0, comp, k);
    const colSq = new Float64Array(k);
    if (method === 'varimax') {
      for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) colSq[c] += comp[i * k + c] ** 2;
    }
    for (let i = 0; i < p; i++) {
      for (let c = 0; c < k; c++) {
        const v = comp[i * k + c];
        target[i * k + c] = v ** 3 - (method === 'varimax' ? (v * colSq[c]) / p : 0);
      }
    }
    gemm(true, false, k, k, p, 1, a, k, target, k, 0, m, k);
    const { u, s, vt } = svdInPlace(m.slice(), k, k, true, false);
    rot = new Float64Array(k * k);
    gemm(false, false, k, k, k, 1, u as Float64Array, k, vt as Float64Array, k, 0, rot, k);
    let varNew = 0;
    for (const v of s) varNew += v;
    if (variance !== 0 && varNew < variance * (1 + tol)) break;
    variance = varNew;
  }
  gemm(false, false, p, k, k, 1, a, k, rot, k, 0, comp, k);
  const out = new Float64Array(k * p);
  for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) out[c * p + i] = comp[i * k + c];
  return out;
}

/**
 * Factor analysis.
 *
 * Fitted attributes: `components` (loadings W, `nComponents x nFeatures`),
 * `noiseVariance` (ψ), `mean`, `loglike` (per iteration), `nIter`.
 *
 * @example
 * import { FactorAnalysis } from 'typelearn/decomposition';
 * const fa = await new FactorAnalysis({ nComponents: 2, svdMethod: 'lapack' }).fit(X);
 * fa.noiseVariance; fa.transform(X); fa.score(X);
 */
export class FactorAnalysis extends BaseEstimator<FactorAnalysisParams> {
  static override readonly estimatorName = 'FactorAnalysis';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 0, null, 'left'), null],
    tol: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 1, null, 'left')],
    noiseVarianceInit: ['arrayLike', null],
    svdMethod: [options(['randomized', 'lapack'])],
    iteratedPower: [interval('int', 0, null, 'left')],
    rotation: [options(['varimax', 'quartimax']), null],
    randomState: ['randomState'],
  };

  #W?: Float64Array;
  #psi?: Float64Array;
  #mean?: Float64Array;
  #loglike?: number[];
  #nIter?: number;

  /** @param options - see {@link FactorAnalysisParams}. */
  constructor(options: Partial<FactorAnalysisParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }

  /** Loadings, `nComponents x nFeatures` (sklearn's `components_`). */
  get components(): Tensor {
    const w = this.fitted('components', this.#W);
    return new Tensor(w.slice(), [w.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Per-feature noise variance ψ (sklearn's `noise_variance_`). */
  get noiseVariance(): Float64Array {
    return this.fitted('noiseVariance', this.#psi).slice();
  }

  /** Per-feature mean. */
  get mean(): Float64Array {
    return this.fitted('mean', this.#mean).slice();
  }

  /** Log-likelihood after each iteration (sklearn's `loglike_`). */
  get loglike(): number[] {
    return this.fitted('loglike', this.#loglike).slice();
  }

  /** Iterations run. */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    const k = this.params.nComponents ?? d;
    const { tol, maxIter, svdMethod, iteratedPower, noiseVarianceInit } = this.params;
    if (k > d) {
      throw new ValidationError(`nComponents=${k} must be <= nFeatures=${d}`, { param: 'nComponents', got: k });
    }
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += x[i * d + f];
    for (let f = 0; f < d; f++) mean[f] /= n;
    const xc = new Float64Array(n * d);
    const variance = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < d; f++) {
        const v = x[i * d + f] - mean[f];
        xc[i * d + f] = v;
        variance[f] += v * v;
      }
    }
    for (let f = 0; f < d; f++) variance[f] /= n;
    let psi: Float64Array;
    if (noiseVarianceInit === null) psi = new Float64Array(d).fill(1);
    else {
      if (noiseVarianceInit.length !== d) {
        throw new ValidationError(
          `noiseVarianceInit dimension does not match the number of features: ${noiseVarianceInit.length} != ${d}`,
          { param: 'noiseVarianceInit', expected: d, got: noiseVarianceInit.length },
        );
      }
      psi = Float64Array.from(noiseVarianceInit);
    }
    const nsqrt = Math.sqrt(n);
    const llconst = d * Math.log(2 * Math.PI) + k;
    const rng = checkRandomState(this.params.randomState);
    const loglike: number[] = [];
    let oldLl = Number.NEGATIVE_INFINITY;
    const W = new Float64Array(k * d);
    const scaled = new Float64Array(n * d);
    const sqrtPsi = new Float64Array(d);
    let it = 0;
    let converged = false;
    for (it = 0; it < maxIter; it++) {
      this.throwIfAborted(options.signal);
      for (let f = 0; f < d; f++) sqrtPsi[f] = Math.sqrt(psi[f]) + SMALL;
      for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) scaled[i * d + f] = xc[i * d + f] / (sqrtPsi[f] * nsqrt);
      let s: Float64Array;
      let vt: Float64Array;
      let unexplained = 0;
      if (svdMethod === 'lapack') {
        const res = svdInPlace(scaled.slice(), n, d, true, false);
        s = res.s.slice(0, k);
        vt = (res.vt as Float64Array).slice(0, k * d);
        for (let c = k; c < res.s.length; c++) unexplained += res.s[c] ** 2;
      } else {
        const res = randomizedSvd(denseOperator(scaled, n, d), k, rng, { nIter: iteratedPower });
        s = res.s;
        vt = res.vt;
        let total = 0;
        for (let i = 0; i < scaled.length; i++) total += scaled[i] * scaled[i];
        let kept = 0;
        for (const v of s) kept += v * v;
        unexplained = total - kept;
      }
      let ll = llconst;
      for (let c = 0; c < k; c++) {
        const s2 = s[c] * s[c];
        ll += Math.log(s2);
        const scale = Math.sqrt(Math.max(s2 - 1, 0));
        for (let f = 0; f < d; f++) W[c * d + f] = scale * vt[c * d + f] * sqrtPsi[f];
      }
      ll += unexplained;
      for (let f = 0; f < d; f++) ll += Math.log(psi[f]);
      ll *= -n / 2;
      loglike.push(ll);
      if (ll - oldLl < tol) {
        converged = true;
        break;
      }
      oldLl = ll;
      for (let f = 0; f < d; f++) {
        let w2 = 0;
        for (let c = 0; c < k; c++) w2 += W[c * d + f] ** 2;
        psi[f] = Math.max(variance[f] - w2, SMALL);
      }
    }
    if (!converged) {
      it = maxIter - 1;
      warn(
        new ConvergenceWarning('FactorAnalysis did not converge. You might want to increase the number of iterations.'),
      );
    }
    let components: Float64Array = W;
    if (this.params.rotation !== null && k > 0) {
      const a = new Float64Array(d * k);
      for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) a[f * k + c] = W[c * d + f];
      components = orthoRotation(a, d, k, this.params.rotation);
    }
    this.#W = components;
    this.#psi = psi;
    this.#mean = mean;
    this.#loglike = loglike;
    this.#nIter = it + 1;
  }

  #centred(X: MatrixLike): { xc: Float64Array; n: number; d: number } {
    this.checkIsFitted();
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const [n, d] = xt.shape;
    const mean = this.#mean as Float64Array;
    const xc = Float64Array.from(xt.data as ArrayLike<number>);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) xc[i * d + f] -= mean[f];
    return { xc, n, d };
  }

  /**
   * The posterior means of the latent variables: `(X - mean) Ψ⁻¹ Wᵀ (I + W Ψ⁻¹ Wᵀ)⁻¹`.
   * @example fa.transform(X) // Tensor [nSamples, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    const { xc, n, d } = this.#centred(X);
    const W = this.#W as Float64Array;
    const psi = this.#psi as Float64Array;
    const k = W.length / d;
    const wpsi = new Float64Array(k * d);
    for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) wpsi[c * d + f] = W[c * d + f] / psi[f];
    const covZ = new Float64Array(k * k);
    gemm(false, true, k, k, d, 1, wpsi, d, W, d, 0, covZ, k);
    for (let c = 0; c < k; c++) covZ[c * k + c] += 1;
    // tmp = Xc Wpsiᵀ (n x k); result = tmp · covZ⁻¹ = (covZ⁻¹ tmpᵀ)ᵀ as covZ is symmetric.
    const tmpT = new Float64Array(k * n);
    gemm(false, true, k, n, d, 1, wpsi, d, xc, d, 0, tmpT, n);
    solveInPlace(covZ, k, tmpT, n);
    const out = new Float64Array(n * k);
    for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) out[i * k + c] = tmpT[c * n + i];
    return new Tensor(out, [n, k]);
  }

  /**
   * Model covariance `Wᵀ W + diag(ψ)`.
   * @example fa.getCovariance().shape // [nFeatures, nFeatures]
   */
  getCovariance(): Tensor {
    const W = this.fitted('components', this.#W);
    const psi = this.#psi as Float64Array;
    const d = psi.length;
    const cov = new Float64Array(d * d);
    gemm(true, false, d, d, W.length / d, 1, W, d, W, d, 0, cov, d);
    for (let f = 0; f < d; f++) cov[f * d + f] += psi[f];
    return new Tensor(cov, [d, d]);
  }

  /**
   * Model precision (inverse covariance), by the matrix inversion lemma.
   * @example fa.getPrecision()
   */
  getPrecision(): Tensor {
    const W = this.fitted('components', this.#W);
    const psi = this.#psi as Float64Array;
    const d = psi.length;
    const k = W.length / d;
    const out = new Float64Array(d * d);
    if (k === 0) {
      for (let f = 0; f < d; f++) out[f * d + f] = 1 / psi[f];
      return new Tensor(out, [d, d]);
    }
    if (k === d) {
      const cov = this.getCovariance().data as Float64Array;
      for (let f = 0; f < d; f++) out[f * d + f] = 1;
      solveInPlace(cov.slice(), d, out, d);
      return new Tensor(out, [d, d]);
    }
    // P = Ψ⁻¹ - Ψ⁻¹ Wᵀ (I + W Ψ⁻¹ Wᵀ)⁻¹ W Ψ⁻¹
    const wpsi = new Float64Array(k * d);
    for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) wpsi[c * d + f] = W[c * d + f] / psi[f];
    const inner = new Float64Array(k * k);
    gemm(false, true, k, k, d, 1, wpsi, d, W, d, 0, inner, k);
    for (let c = 0; c < k; c++) inner[c * k + c] += 1;
    const sol = W.slice();
    solveInPlace(inner, k, sol, d);
    gemm(true, false, d, d, k, 1, W, d, sol, d, 0, out, d);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) out[a * d + b] = -out[a * d + b] / (psi[a] * psi[b]);
      out[a * d + a] += 1 / psi[a];
    }
    return new Tensor(out, [d, d]);
  }

  /**
   * Gaussian log-likelihood of each row under the model.
   * @example fa.scoreSamples(X) // Float64Array
   */
  scoreSamples(X: MatrixLike): Float64Array {
    const { xc, n, d } = this.#centred(X);
    const precision = this.getPrecision().data as Float64Array;
    const xp = new Float64Array(n * d);
    gemm(false, false, n, d, d, 1, xc, d, precision, d, 0, xp, d);
    const { sign, logabsdet } = slogdetInPlace(precision.slice(), d);
    const logdet = sign > 0 ? logabsdet : Number.NEGATIVE_INFINITY;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let f = 0; f < d; f++) q += xc[i * d + f] * xp[i * d + f];
      out[i] = -0.5 * q - 0.5 * (d * Math.log(2 * Math.PI) - logdet);
    }
    return out;
  }

  /**
   * Mean log-likelihood of the rows.
   * @example fa.score(X)
   */
  score(X: MatrixLike): number {
    const s = this.scoreSamples(X);
    let t = 0;
    for (const v of s) t += v;
    return t / s.length;
  }

  /**
   * Fits, then transforms.
   * @example await new FactorAnalysis({ nComponents: 2 }).fitTransform(X)
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  /**
   * `factoranalysis0`, `factoranalysis1`, …
   * @example fa.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    const k = this.fitted('components', this.#W).length / this.nFeaturesIn;
    return Array.from({ length: k }, (_, i) => `factoranalysis${i}`);
  }

  protected getState(): Record<string, unknown> {
    return { W: this.#W, psi: this.#psi, mean: this.#mean, loglike: this.#loglike, nIter: this.#nIter };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved FactorAnalysis');
    this.#mean = r.float64Array('mean');
    const d = this.#mean.length;
    this.#psi = r.float64Array('psi', d);
    this.#W = r.float64Array('W');
    if (this.#W.length % d !== 0) throw new ValidationError('saved FactorAnalysis: W has the wrong length');
    const ll = state.loglike;
    if (!Array.isArray(ll) || !ll.every((v) => typeof v === 'number')) {
      throw new ValidationError('saved FactorAnalysis: loglike must be an array of numbers');
    }
    this.#loglike = ll as number[];
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
