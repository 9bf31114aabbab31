/**
 * `FastICA`: scikit-learn's `sklearn.decomposition.FastICA` — independent
 * component analysis by Hyvärinen's fixed-point algorithm: find the unmixing
 * matrix whose outputs are as non-Gaussian (hence independent) as possible.
 *
 * The data are centred and whitened (`whitenSolver` `'svd'` of the data or
 * `'eigh'` of its Gram matrix, with sklearn's sign rule: the first row of the
 * whitening basis is positive), then `algorithm` `'parallel'` (symmetric
 * decorrelation of all components at once) or `'deflation'` (one component
 * at a time, Gram–Schmidt against the previous ones) iterates with the
 * contrast `fun` (`'logcosh'`, `'exp'`, `'cube'`).
 *
 * `whiten`: `'arbitrary-variance'` (sklearn 1.2's effective default),
 * `'unit-variance'` (sources rescaled to unit variance; sklearn 1.3's default)
 * or `false` (the data are taken as already white). The starting matrix is
 * `wInit` when given, else standard normal draws from `randomState`; with the
 * same `wInit` results match sklearn's.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { ConvergenceWarning, TypelearnWarning, warn } from '../base/warnings.js';
import { eighInPlace } from '../linalg/eigh.js';
import { pinvInPlace } from '../linalg/pinv.js';
import { svdInPlace } from '../linalg/svd.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';

/** Options of {@link FastICA}. */
export interface FastICAParams {
  /** Number of sources; `null`: `min(nSamples, nFeatures)`. Default `null`. */
  nComponents: number | null;
  /** `'parallel'` or `'deflation'`. Default `'parallel'`. */
  algorithm: 'parallel' | 'deflation';
  /** See the module doc. Default `'arbitrary-variance'`. */
  whiten: 'arbitrary-variance' | 'unit-variance' | false;
  /** Contrast function. Default `'logcosh'`. */
  fun: 'logcosh' | 'exp' | 'cube';
  /** `alpha` of logcosh, in [1, 2]. Default 1. */
  funAlpha: number;
  /** Maximum iterations. Default 200. */
  maxIter: number;
  /** Convergence tolerance. Default 1e-4. */
  tol: number;
  /** Initial unmixing matrix, `nComponents x nComponents`; `null`: random normal. Default `null`. */
  wInit: number[][] | null;
  /** Whitening by `'svd'` of the data or `'eigh'` of its Gram matrix. Default `'svd'`. */
  whitenSolver: 'svd' | 'eigh';
  /** Seed of the random `wInit`. Default `undefined`. */
  randomState: RandomState | undefined;
}

const DEFAULTS: FastICAParams = {
  nComponents: null,
  algorithm: 'parallel',
  whiten: 'arbitrary-variance',
  fun: 'logcosh',
  funAlpha: 1,
  maxIter: 200,
  tol: 1e-4,
  wInit: null,
  whitenSolver: 'svd',
  randomState: undefined,
};

const TINY = 2 ** -1022;

/**
 * Applies the contrast to `wx` (`k x n`) in place, giving g(wx), and fills
 * `gp` with the row means of g'(wx).
 */
function contrast(fun: FastICAParams['fun'], alpha: number, wx: Float64Array, k: number, n: number, gp: Float64Array) {
  for (let c = 0; c < k; c++) {
    let s = 0;
    const o = c * n;
    for (let i = 0; i < n; i++) {
      const x = wx[o + i];
      if (fun === 'logcosh') {
        const t = Math.tanh(alpha * x);
        wx[o + i] = t;
        s += alpha * (1 - t * t);
      } else if (fun === 'exp') {
        const e = Math.exp((-x * x) / 2);
        wx[o + i] = x * e;
        s += (1 - x * x) * e;
      } else {
        wx[o + i] = x * x * x;
        s += 3 * x * x;
      }
    }
    gp[c] = s / n;
  }
}

/** `W ← (W Wᵀ)^(-1/2) W` (sklearn's `_sym_decorrelation`), `W` is `k x k`. */
function symDecorrelation(W: Float64Array, k: number): Float64Array {
  const wwt = new Float64Array(k * k);
  gemm(false, true, k, k, k, 1, W, k, W, k, 0, wwt, k);
  const { w, v } = eighInPlace(wwt, k, true);
  const u = v as Float64Array;
  // M = U diag(1/√s) Uᵀ
  const us = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) us[i * k + j] = u[i * k + j] / Math.sqrt(Math.max(w[j], TINY));
  const m = new Float64Array(k * k);
  gemm(false, true, k, k, k, 1, us, k, u, k, 0, m, k);
  const out = new Float64Array(k * k);
  gemm(false, false, k, k, k, 1, m, k, W, k, 0, out, k);
  return out;
}

/**
 * Independent component analysis (FastICA).
 *
 * Fitted attributes: `components` (unmixing, `nComponents x nFeatures`),
 * `mixing` (its pseudo-inverse, `nFeatures x nComponents`), `mean`,
 * `whitening`, `nIter`.
 *
 * @example
 * import { FastICA } from 'typelearn/decomposition';
 * const ica = new FastICA({ nComponents: 3, whiten: 'unit-variance', randomState: 0 });
 * const S = await ica.fitTransform(X); // estimated sources, one column each
 * ica.mixing;                          // estimated mixing matrix
 */
export class FastICA extends BaseEstimator<FastICAParams> {
  static override readonly estimatorName = 'FastICA';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left'), null],
    algorithm: [options(['parallel', 'deflation'])],
    whiten: [options(['arbitrary-variance', 'unit-variance', false])],
    fun: [options(['logcosh', 'exp', 'cube'])],
    funAlpha: [interval('real', 1, 2, 'both')],
    maxIter: [interval('int', 1, null, 'left')],
    tol: [interval('real', 0, null, 'left')],
    wInit: ['arrayLike', null],
    whitenSolver: [options(['svd', 'eigh'])],
    randomState: ['randomState'],
  };

  #components?: Float64Array;
  #mixing?: Float64Array;
  #mean?: Float64Array;
  #whitening?: Float64Array;
  #nIter?: number;
  /** Sources of the training data (what `fitTransform` returns); not saved. */
  #sources?: Float64Array;

  /** @param options - see {@link FastICAParams}. */
  constructor(options: Partial<FastICAParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }

  /** The unmixing matrix, `nComponents x nFeatures` (sklearn's `components_`). */
  get components(): Tensor {
    const c = this.fitted('components', this.#components);
    return new Tensor(c.slice(), [c.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** The mixing matrix, `nFeatures x nComponents` (sklearn's `mixing_`). */
  get mixing(): Tensor {
    const m = this.fitted('mixing', this.#mixing);
    return new Tensor(m.slice(), [this.nFeaturesIn, m.length / this.nFeaturesIn]);
  }

  /** Per-feature mean (whitened fits only). */
  get mean(): Float64Array {
    return this.fitted('mean', this.#mean).slice();
  }

  /** The whitening matrix, `nComponents x nFeatures` (whitened fits only). */
  get whitening(): Tensor {
    const k = this.fitted('whitening', this.#whitening);
    return new Tensor(k.slice(), [k.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Iterations used (the maximum over components for deflation). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    if (n < 2) {
      throw new ValidationError(`FastICA needs at least 2 samples, got ${n}`, { expected: '>= 2 samples', got: n });
    }
    const x = xt.data as Float64Array;
    const { whiten, whitenSolver, algorithm } = this.params;
    let k = this.params.nComponents;
    if (!whiten && k !== null) {
      warn(new TypelearnWarning('Ignoring nComponents with whiten=false.'));
      k = null;
    }
    if (k === null) k = Math.min(n, d);
    if (k > Math.min(n, d)) {
      k = Math.min(n, d);
      warn(new TypelearnWarning(`nComponents is too large: it will be set to ${k}`));
    }
    // X1: k x n, the (whitened) data with samples as columns.
    let X1: Float64Array;
    let K: Float64Array | undefined;
    let mean: Float64Array | undefined;
    let xcT: Float64Array | undefined;
    if (whiten) {
      mean = new Float64Array(d);
      for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += x[i * d + f];
      for (let f = 0; f < d; f++) mean[f] /= n;
      xcT = new Float64Array(d * n);
      for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) xcT[f * n + i] = x[i * d + f] - mean[f];
      const r = Math.min(d, n);
      let u: Float64Array;
      let s: Float64Array;
      if (whitenSolver === 'svd') {
        const res = svdInPlace(xcT.slice(), d, n, true, false);
        u = res.u as Float64Array;
        s = res.s;
      } else {
        const g = new Float64Array(d * d);
        gemm(false, true, d, d, n, 1, xcT, n, xcT, n, 0, g, d);
        const { w, v } = eighInPlace(g, d, true);
        const vecs = v as Float64Array;
        u = new Float64Array(d * d);
        s = new Float64Array(d);
        let degenerate = false;
        for (let c = 0; c < d; c++) {
          const src = d - 1 - c;
          let val = w[src];
          if (val < 2 ** -52) {
            val = 2 ** -52;
            degenerate = true;
          }
          s[c] = Math.sqrt(val);
          for (let f = 0; f < d; f++) u[f * d + c] = vecs[f * d + src];
        }
        if (degenerate) {
          warn(
            new TypelearnWarning(
              "There are some small singular values, using whitenSolver = 'svd' might lead to more accurate results.",
            ),
          );
        }
      }
      const uc = whitenSolver === 'svd' ? r : d;
      K = new Float64Array(k * d);
      for (let c = 0; c < k; c++) {
        const sign = Math.sign(u[c]);
        for (let f = 0; f < d; f++) K[c * d + f] = (u[f * uc + c] * sign) / s[c];
      }
      X1 = new Float64Array(k * n);
      gemm(false, false, k, n, d, Math.sqrt(n), K, d, xcT, n, 0, X1, n);
    } else {
      X1 = new Float64Array(d * n);
      for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) X1[f * n + i] = x[i * d + f];
    }
    const wInit = this.#wInit(k);
    const run = algorithm === 'parallel' ? this.#parallel : this.#deflation;
    const { W, nIter } = run.call(this, X1, k, n, wInit, options.signal);
    // Unmixing in the input space, and the training sources (k x n).
    let components: Float64Array;
    if (K) {
      components = new Float64Array(k * d);
      gemm(false, false, k, d, k, 1, W, k, K, d, 0, components, d);
    } else components = W;
    const src = new Float64Array(k * n);
    gemm(false, false, k, n, d, 1, components, d, xcT ?? X1, n, 0, src, n);
    if (whiten === 'unit-variance') {
      for (let c = 0; c < k; c++) {
        let m = 0;
        for (let i = 0; i < n; i++) m += src[c * n + i];
        m /= n;
        let v = 0;
        for (let i = 0; i < n; i++) v += (src[c * n + i] - m) ** 2;
        const sd = Math.sqrt(v / n);
        for (let i = 0; i < n; i++) src[c * n + i] /= sd;
        for (let f = 0; f < d; f++) components[c * d + f] /= sd;
      }
    }
    const sources = new Float64Array(n * k);
    for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) sources[i * k + c] = src[c * n + i];
    // scipy's pinv default cut-off: max(m, n)·ε relative to the largest singular value.
    const pinv = pinvInPlace(components.slice(), k, d, Math.max(k, d) * 2 ** -52);
    this.#components = components;
    this.#mixing = pinv;
    this.#mean = mean;
    this.#whitening = K;
    this.#nIter = nIter;
    this.#sources = sources;
  }

  #wInit(k: number): Float64Array {
    const given = this.params.wInit;
    if (given === null) {
      const rng = checkRandomState(this.params.randomState);
      const w = new Float64Array(k * k);
      for (let i = 0; i < w.length; i++) w[i] = rng.normal();
      return w;
    }
    const { X } = checkArray(given, { estimatorName: 'FastICA' });
    if (X.shape[0] !== k || X.shape[1] !== k) {
      throw new ValidationError(`wInit has invalid shape -- should be [${k}, ${k}], got [${X.shape.join(', ')}]`, {
        param: 'wInit',
        expected: [k, k],
        got: X.shape,
      });
    }
    return Float64Array.from(X.data as ArrayLike<number>);
  }

  #parallel(X1: Float64Array, k: number, n: number, wInit: Float64Array, signal?: AbortSignal) {
    const { fun, funAlpha, maxIter, tol } = this.params;
    let W = symDecorrelation(wInit, k);
    const wx = new Float64Array(k * n);
    const gp = new Float64Array(k);
    const next = new Float64Array(k * k);
    let it = 0;
    let converged = false;
    for (it = 1; it <= maxIter; it++) {
      this.throwIfAborted(signal);
      gemm(false, false, k, n, k, 1, W, k, X1, n, 0, wx, n);
      contrast(fun, funAlpha, wx, k, n, gp);
      gemm(false, true, k, k, n, 1 / n, wx, n, X1, n, 0, next, k);
      for (let c = 0; c < k; c++) for (let j = 0; j < k; j++) next[c * k + j] -= gp[c] * W[c * k + j];
      const W1 = symDecorrelation(next, k);
      let lim = 0;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let j = 0; j < k; j++) dot += W1[c * k + j] * W[c * k + j];
        lim = Math.max(lim, Math.abs(Math.abs(dot) - 1));
      }
      W = W1;
      if (lim < tol) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      it = maxIter;
      warn(
        new ConvergenceWarning(
          'FastICA did not converge. Consider increasing tolerance or the maximum number of iterations.',
        ),
      );
    }
    return { W, nIter: it };
  }

  #deflation(X1: Float64Array, k: number, n: number, wInit: Float64Array, signal?: AbortSignal) {
    const { fun, funAlpha, maxIter, tol } = this.params;
    const W = new Float64Array(k * k);
    const wx = new Float64Array(n);
    const gp = new Float64Array(1);
    const w1 = new Float64Array(k);
    let most = 0;
    for (let j = 0; j < k; j++) {
      this.throwIfAborted(signal);
      let w = wInit.slice(j * k, (j + 1) * k);
      let nrm = Math.sqrt(w.reduce((s, v) => s + v * v, 0));
      for (let c = 0; c < k; c++) w[c] /= nrm;
      let i = 0;
      for (i = 0; i < maxIter; i++) {
        for (let t = 0; t < n; t++) {
          let s = 0;
          for (let c = 0; c < k; c++) s += w[c] * X1[c * n + t];
          wx[t] = s;
        }
        contrast(fun, funAlpha, wx, 1, n, gp);
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let t = 0; t < n; t++) s += X1[c * n + t] * wx[t];
          w1[c] = s / n - gp[0] * w[c];
        }
        // Gram–Schmidt against the components already found: w1 -= (w1 W[:j]ᵀ) W[:j].
        const proj = new Float64Array(j);
        for (let r = 0; r < j; r++) for (let c = 0; c < k; c++) proj[r] += w1[c] * W[r * k + c];
        for (let r = 0; r < j; r++) for (let c = 0; c < k; c++) w1[c] -= proj[r] * W[r * k + c];
        nrm = Math.sqrt(w1.reduce((s, v) => s + v * v, 0));
        let dot = 0;
        for (let c = 0; c < k; c++) {
          w1[c] /= nrm;
          dot += w1[c] * w[c];
        }
        const lim = Math.abs(Math.abs(dot) - 1);
        w = w1.slice();
        if (lim < tol) break;
      }
      most = Math.max(most, Math.min(i + 1, maxIter));
      W.set(w, j * k);
    }
    return { W, nIter: most };
  }

  /**
   * Fits and returns the training sources (computed with the unmixing matrix, as sklearn).
   * @example const S = await new FastICA({ nComponents: 2 }).fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    const s = this.#sources as Float64Array;
    this.#sources = undefined;
    const k = (this.#components as Float64Array).length / this.nFeaturesIn;
    return new Tensor(s, [s.length / k, k]);
  }

  /**
   * Recovers the sources: `(X - mean) · componentsᵀ`.
   * @example ica.transform(X) // Tensor [nSamples, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const [n, d] = xt.shape;
    const c = this.#components as Float64Array;
    const k = c.length / d;
    const xc = Float64Array.from(xt.data as ArrayLike<number>);
    const mean = this.#mean;
    if (mean) for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) xc[i * d + f] -= mean[f];
    const out = new Float64Array(n * k);
    gemm(false, true, n, k, d, 1, xc, d, c, d, 0, out, k);
    return new Tensor(out, [n, k]);
  }

  /**
   * Mixes sources back: `S · mixingᵀ + mean`.
   * @example ica.inverseTransform(ica.transform(X))
   */
  inverseTransform(S: MatrixLike): Tensor {
    const mixing = this.fitted('mixing', this.#mixing);
    const d = this.nFeaturesIn;
    const k = mixing.length / d;
    const { X: st } = checkArray(S, { estimatorName: 'FastICA' });
    if (st.shape[1] !== k) {
      throw new ValidationError(`inverseTransform expects ${k} columns, got ${st.shape[1]}`, {
        expected: k,
        got: st.shape[1],
      });
    }
    const n = st.shape[0];
    const out = new Float64Array(n * d);
    gemm(false, true, n, d, k, 1, Float64Array.from(st.data as ArrayLike<number>), k, mixing, k, 0, out, d);
    const mean = this.#mean;
    if (mean) for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) out[i * d + f] += mean[f];
    return new Tensor(out, [n, d]);
  }

  /**
   * `fastica0`, `fastica1`, …
   * @example ica.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    const k = this.fitted('components', this.#components).length / this.nFeaturesIn;
    return Array.from({ length: k }, (_, i) => `fastica${i}`);
  }

  protected getState(): Record<string, unknown> {
    return {
      components: this.#components,
      mixing: this.#mixing,
      mean: this.#mean ?? null,
      whitening: this.#whitening ?? null,
      nIter: this.#nIter,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved FastICA');
    this.#components = r.float64Array('components');
    this.#mixing = r.float64Array('mixing', this.#components.length);
    this.#mean = state.mean === null ? undefined : r.float64Array('mean');
    this.#whitening = state.whitening === null ? undefined : r.float64Array('whitening');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
