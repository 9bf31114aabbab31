/**
 * `MiniBatchNMF`: scikit-learn's `sklearn.decomposition.MiniBatchNMF`
 * (1.1+) — non-negative matrix factorisation by online multiplicative
 * updates over mini-batches (Lefèvre, Bach & Févotte 2011). Each step
 * updates the batch's rows of `W` (or re-solves them from scratch with
 * `freshRestarts`), then `H` from running numerator/denominator sums that
 * forget old batches with the factor `forgetFactor^(batchSize / nSamples)`.
 * Batches are consecutive row blocks cycled in order (no shuffling, as in
 * sklearn 1.2), so from the same initial `W`, `H` the steps follow sklearn's.
 *
 * Stopping: a small relative change of `H` (`tol`), or `maxNoImprovement`
 * steps without improving the smoothed batch cost, or `maxIter` passes.
 * Initialisation and regularisation as {@link NMF} (`alphaW`, `alphaH`,
 * `l1Ratio`, scaled by the number of features and the batch size).
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { checkNonNegative } from './check-non-negative.js';
import { betaLossToFloat, checkInit, type NMFBetaLoss, type NMFFitOptions } from './nmf.js';
import {
  betaDivergence,
  EPSILON,
  initializeNmf,
  muUpdateW,
  type NMFInit,
  type NMFRegularization,
  powerTerm,
  product,
  ratioTerm,
} from './nmf-solvers.js';

const EPS64 = 2 ** -52;

/** Options of {@link MiniBatchNMF}. */
export interface MiniBatchNMFParams {
  /** Number of components; `null`: `nFeatures`. Default `null`. */
  nComponents: number | null;
  /** Initialisation as {@link NMF}; `null`: nndsvda or random. Default `null`. */
  init: NMFInit | 'custom' | null;
  /** Rows per mini-batch. Default 1024. */
  batchSize: number;
  /** Divergence minimised. Default `'frobenius'`. */
  betaLoss: NMFBetaLoss;
  /** Relative change of H that stops fitting (0 disables). Default 1e-4. */
  tol: number;
  /** Steps without improvement of the smoothed cost that stop fitting; `null` disables. Default 10. */
  maxNoImprovement: number | null;
  /** Maximum passes over the data. Default 200. */
  maxIter: number;
  /** Regularisation of W (times nFeatures). Default 0. */
  alphaW: number;
  /** Regularisation of H (times batch size); `'same'` uses `alphaW`. Default `'same'`. */
  alphaH: number | 'same';
  /** Share of L1 in the penalty. Default 0. */
  l1Ratio: number;
  /** Weight of past batches, in [0, 1] (1: an online mean, 0: only the last batch). Default 0.7. */
  forgetFactor: number;
  /** Re-solve W of each batch from scratch. Default false. */
  freshRestarts: boolean;
  /** Iterations of each fresh W solve. Default 30. */
  freshRestartsMaxIter: number;
  /** Iterations of `transform`'s W solve; `null`: `maxIter`. Default `null`. */
  transformMaxIter: number | null;
  /** Seed of the random initialisations. Default `undefined`. */
  randomState: RandomState | undefined;
}

const DEFAULTS: MiniBatchNMFParams = {
  nComponents: null,
  init: null,
  batchSize: 1024,
  betaLoss: 'frobenius',
  tol: 1e-4,
  maxNoImprovement: 10,
  maxIter: 200,
  alphaW: 0,
  alphaH: 'same',
  l1Ratio: 0,
  forgetFactor: 0.7,
  freshRestarts: false,
  freshRestartsMaxIter: 30,
  transformMaxIter: null,
  randomState: undefined,
};

function gammaOf(beta: number): number {
  return beta < 1 ? 1 / (2 - beta) : beta > 2 ? 1 / (beta - 1) : 1;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function sumSq(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/**
 * Numerator and denominator of the multiplicative H update for a batch `x`
 * (`b x d`), penalties included (sklearn's `_multiplicative_update_h` before
 * the update itself).
 */
function hTerms(
  x: Float64Array,
  W: Float64Array,
  H: Float64Array,
  b: number,
  d: number,
  k: number,
  beta: number,
  l1: number,
  l2: number,
): { num: Float64Array; den: Float64Array } {
  const num = new Float64Array(k * d);
  let den = new Float64Array(k * d);
  if (beta === 2) {
    gemm(true, false, k, d, b, 1, W, k, x, d, 0, num, d);
    const WtW = new Float64Array(k * k);
    gemm(true, false, k, k, b, 1, W, k, W, k, 0, WtW, k);
    gemm(false, false, k, d, k, 1, WtW, k, H, d, 0, den, d);
  } else {
    const wh = product(W, H, b, d, k);
    const ratio = ratioTerm(x, wh, beta);
    gemm(true, false, k, d, b, 1, W, k, ratio, d, 0, num, d);
    if (beta === 1) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let i = 0; i < b; i++) s += W[i * k + c];
        if (s === 0) s = 1;
        den.fill(s, c * d, (c + 1) * d);
      }
    } else {
      powerTerm(wh, beta);
      den = new Float64Array(k * d);
      gemm(true, false, k, d, b, 1, W, k, wh, d, 0, den, d);
    }
  }
  for (let i = 0; i < den.length; i++) {
    let v = den[i];
    if (l1 > 0) v += l1;
    if (l2 > 0) v += l2 * H[i];
    den[i] = v === 0 ? EPSILON : v;
  }
  return { num, den };
}

/**
 * Non-negative matrix factorisation by mini-batch multiplicative updates.
 *
 * Fitted attributes: `components` (H), `reconstructionErr`, `nIter`
 * (passes over the data), `nSteps` (mini-batches processed), `nComponents`.
 *
 * @example
 * import { MiniBatchNMF } from 'typelearn/decomposition';
 * const mbnmf = new MiniBatchNMF({ nComponents: 2, batchSize: 32 });
 * const W = await mbnmf.fitTransform(X);
 * await mbnmf.partialFit(moreRows);
 */
export class MiniBatchNMF extends BaseEstimator<MiniBatchNMFParams> {
  static override readonly estimatorName = 'MiniBatchNMF';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left'), null],
    init: [options(['random', 'nndsvd', 'nndsvda', 'nndsvdar', 'custom']), null],
    batchSize: [interval('int', 1, null, 'left')],
    betaLoss: [options(['frobenius', 'kullback-leibler', 'itakura-saito']), interval('real', null, null, 'neither')],
    tol: [interval('real', 0, null, 'left')],
    maxNoImprovement: [interval('int', 1, null, 'left'), null],
    maxIter: [interval('int', 1, null, 'left')],
    alphaW: [interval('real', 0, null, 'left')],
    alphaH: [interval('real', 0, null, 'left'), options(['same'])],
    l1Ratio: [interval('real', 0, 1, 'both')],
    forgetFactor: [interval('real', 0, 1, 'both')],
    freshRestarts: ['boolean'],
    freshRestartsMaxIter: [interval('int', 1, null, 'left')],
    transformMaxIter: [interval('int', 1, null, 'left'), null],
    randomState: ['randomState'],
  };

  #H?: Float64Array;
  #num?: Float64Array;
  #den?: Float64Array;
  #err?: number;
  #nIter?: number;
  #nSteps?: number;
  #trainW?: Float64Array;
  /** Set while the first `partialFit` call runs through `fit`. */
  #partial = false;
  /** Smoothed batch cost and its state during fit (sklearn's `_ewa_cost`, …). */
  #ewa: number | null = null;
  #ewaMin: number | null = null;
  #noImprovement = 0;

  /** @param options - see {@link MiniBatchNMFParams}. */
  constructor(options: Partial<MiniBatchNMFParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer', partialFit: true };
  }

  /** The factor H, `nComponents x nFeatures` (sklearn's `components_`). */
  get components(): Tensor {
    const h = this.fitted('components', this.#H);
    return new Tensor(h.slice(), [h.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Number of components (sklearn's `n_components_`). */
  get nComponents(): number {
    return this.fitted('components', this.#H).length / this.nFeaturesIn;
  }

  /** `sqrt(2 · beta-divergence(X, WH))` at the end of fit; NaN after `partialFit` only. */
  get reconstructionErr(): number {
    return this.fitted('reconstructionErr', this.#err);
  }

  /** Passes over the data in the last fit (sklearn's `n_iter_`); 0 after `partialFit` only. */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** Mini-batches processed (sklearn's `n_steps_`). */
  get nSteps(): number {
    return this.fitted('nSteps', this.#nSteps);
  }

  #beta(): number {
    return betaLossToFloat(this.params.betaLoss);
  }

  #regularization(b: number, d: number): NMFRegularization {
    const { alphaW, alphaH, l1Ratio } = this.params;
    const aH = alphaH === 'same' ? alphaW : alphaH;
    return {
      l1W: d * alphaW * l1Ratio,
      l1H: b * aH * l1Ratio,
      l2W: d * alphaW * (1 - l1Ratio),
      l2H: b * aH * (1 - l1Ratio),
    };
  }

  #data(X: MatrixLike, reset: boolean): { x: Float64Array; n: number; d: number } {
    const { X: xt } = this.validateData(X, undefined, { reset });
    checkNonNegative(xt, 'MiniBatchNMF (input X)');
    const x = Float64Array.from(xt.data as ArrayLike<number>);
    if (this.#beta() <= 0 && x.some((v) => v === 0)) {
      throw new ValidationError(
        'When betaLoss <= 0 and X contains zeros, the solver may diverge. Please add small values to X, or use a positive betaLoss.',
        { param: 'betaLoss', got: this.params.betaLoss },
      );
    }
    return { x, n: xt.shape[0], d: xt.shape[1] };
  }

  /** W for fixed H from a flat start (sklearn's `_solve_W`). */
  #solveW(x: Float64Array, n: number, d: number, H: Float64Array, k: number, maxIter: number): Float64Array {
    const beta = this.#beta();
    const gamma = gammaOf(beta);
    const W = new Float64Array(n * k).fill(Math.sqrt(sum(x) / x.length / k));
    const buf = W.slice();
    const { l1W, l2W } = this.#regularization(n, d);
    for (let it = 0; it < maxIter; it++) {
      muUpdateW(x, W, H, n, d, k, beta, l1W, l2W, gamma);
      let diff = 0;
      for (let i = 0; i < W.length; i++) diff += (W[i] - buf[i]) ** 2;
      if (this.params.tol > 0 && Math.sqrt(diff) / Math.sqrt(sumSq(W)) <= this.params.tol) break;
      buf.set(W);
    }
    return W;
  }

  /** One mini-batch step on rows `x` (`b x d`), W of the batch given or solved; returns the batch cost. */
  #step(x: Float64Array, b: number, d: number, W: Float64Array | null, H: Float64Array, k: number): number {
    const beta = this.#beta();
    const gamma = gammaOf(beta);
    const reg = this.#regularization(b, d);
    let w: Float64Array;
    if (this.params.freshRestarts || W === null) {
      w = this.#solveW(x, b, d, H, k, this.params.freshRestartsMaxIter);
    } else {
      w = W;
      muUpdateW(x, w, H, b, d, k, beta, reg.l1W, reg.l2W, gamma);
    }
    if (beta < 1) for (let i = 0; i < w.length; i++) if (w[i] < EPS64) w[i] = 0;
    const cost =
      (betaDivergence(x, w, H, b, d, k, beta, false) +
        reg.l1W * sum(w) +
        reg.l1H * sum(H) +
        reg.l2W * sumSq(w) +
        reg.l2H * sumSq(H)) /
      b;
    const { num, den } = hTerms(x, w, H, b, d, k, beta, reg.l1H, reg.l2H);
    const A = this.#num as Float64Array;
    const B = this.#den as Float64Array;
    const r = this.#rho;
    for (let i = 0; i < H.length; i++) {
      let h = H[i];
      if (gamma !== 1) h **= 1 / gamma;
      A[i] = A[i] * r + num[i] * h;
      B[i] = B[i] * r + den[i];
      h = A[i] / B[i];
      if (gamma !== 1) h **= gamma;
      H[i] = beta <= 1 && h < EPS64 ? 0 : h;
    }
    return cost;
  }

  /** sklearn's `_rho`: forgetFactor^(batchSize / nSamples) of the data `fit` (or the first `partialFit`) saw. */
  #rho = 1;

  /** sklearn's `_minibatch_convergence`. */
  #converged(b: number, cost: number, H: Float64Array, Hbuf: Float64Array, n: number, step: number): boolean {
    if (step === 1) return false;
    if (this.#ewa === null) this.#ewa = cost;
    else {
      const a = Math.min(b / (n + 1), 1);
      this.#ewa = this.#ewa * (1 - a) + cost * a;
    }
    let diff = 0;
    for (let i = 0; i < H.length; i++) diff += (H[i] - Hbuf[i]) ** 2;
    if (this.params.tol > 0 && Math.sqrt(diff) / Math.sqrt(sumSq(H)) <= this.params.tol) return true;
    if (this.#ewaMin === null || this.#ewa < this.#ewaMin) {
      this.#noImprovement = 0;
      this.#ewaMin = this.#ewa;
    } else {
      this.#noImprovement++;
    }
    const m = this.params.maxNoImprovement;
    return m !== null && this.#noImprovement >= m;
  }

  /** Initial W and H (sklearn's `_check_w_h`). */
  #init(x: Float64Array, n: number, d: number, k: number, opts: NMFFitOptions): { W: Float64Array; H: Float64Array } {
    let init = this.params.init;
    if (init !== null && init !== 'random' && init !== 'custom' && k > Math.min(n, d)) {
      throw new ValidationError(`init = '${init}' can only be used when nComponents <= min(nSamples, nFeatures)`, {
        param: 'init',
        got: init,
      });
    }
    if (init === 'custom') {
      return {
        H: checkInit(opts.H, k, d, 'MiniBatchNMF (input H)'),
        W: checkInit(opts.W, n, k, 'MiniBatchNMF (input W)'),
      };
    }
    if (init === null) init = k <= Math.min(n, d) ? 'nndsvda' : 'random';
    return initializeNmf(x, n, d, k, init, checkRandomState(this.params.randomState));
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: NMFFitOptions): void {
    const { x, n, d } = this.#data(X, true);
    const k = this.params.nComponents ?? d;
    const bs = Math.min(this.params.batchSize, n);
    this.#rho = this.params.forgetFactor ** (bs / n);
    const { W, H } = this.#init(x, n, d, k, options);
    this.#num = H.slice();
    this.#den = new Float64Array(H.length).fill(1);
    if (this.#partial) {
      // First partialFit call: one step with W solved from scratch (sklearn's `partial_fit`).
      this.#step(x, n, d, null, H, k);
      this.#H = H;
      this.#nSteps = 1;
      this.#nIter = 0;
      this.#err = Number.NaN;
      return;
    }
    this.#ewa = null;
    this.#ewaMin = null;
    this.#noImprovement = 0;
    const stepsPerIter = Math.ceil(n / bs);
    const nStepsMax = this.params.maxIter * stepsPerIter;
    const Hbuf = H.slice();
    let i = 0;
    for (i = 0; i < nStepsMax; i++) {
      this.throwIfAborted(options.signal);
      const start = (i % stepsPerIter) * bs;
      const stop = Math.min(start + bs, n);
      const b = stop - start;
      const cost = this.#step(x.subarray(start * d, stop * d), b, d, W.subarray(start * k, stop * k), H, k);
      if (this.#converged(b, cost, H, Hbuf, n, i + 1)) break;
      Hbuf.set(H);
    }
    const nSteps = Math.min(i + 1, nStepsMax);
    const nIter = Math.ceil(nSteps / stepsPerIter);
    const finalW = this.params.freshRestarts ? this.#solveW(x, n, d, H, k, this.#transformMaxIter()) : W;
    if (nIter === this.params.maxIter && this.params.tol > 0) {
      warn(
        new ConvergenceWarning(
          `Maximum number of iterations ${this.params.maxIter} reached. Increase it to improve convergence.`,
        ),
      );
    }
    this.#err = betaDivergence(x, finalW, H, n, d, k, this.#beta(), true);
    this.#H = H;
    this.#nIter = nIter;
    this.#nSteps = nSteps;
    this.#trainW = finalW;
  }

  #transformMaxIter(): number {
    return this.params.transformMaxIter ?? this.params.maxIter;
  }

  /**
   * Fits and returns W of the training data (sklearn's `fit_transform`).
   * @example const W = await new MiniBatchNMF({ nComponents: 2 }).fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: NMFFitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    const W = this.#trainW as Float64Array;
    this.#trainW = undefined;
    return new Tensor(W, [W.length / this.nComponents, this.nComponents]);
  }

  /**
   * One more mini-batch step on `X` (the first call initialises H from it,
   * with `options.W`/`options.H` for `init: 'custom'`).
   * @example for (const chunk of chunks) await mbnmf.partialFit(chunk);
   */
  async partialFit(X: MatrixLike, y?: Labels, options: NMFFitOptions = {}): Promise<this> {
    if (!this.isFitted) {
      this.#partial = true;
      try {
        return await this.fit(X, y, options);
      } finally {
        this.#partial = false;
      }
    }
    this.throwIfAborted(options.signal);
    this.validateParams();
    const { x, n, d } = this.#data(X, false);
    const H = this.#H as Float64Array;
    this.#step(x, n, d, null, H, H.length / d);
    this.#nSteps = (this.#nSteps ?? 0) + 1;
    return this;
  }

  /**
   * W for new rows with H fixed (multiplicative updates from a flat start,
   * `transformMaxIter` iterations at most).
   * @example mbnmf.transform(X) // [nSamples, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    const H = this.fitted('components', this.#H);
    const { x, n, d } = this.#data(X, false);
    const k = H.length / d;
    return new Tensor(this.#solveW(x, n, d, H, k, this.#transformMaxIter()), [n, k]);
  }

  /**
   * `W · H`: back to the input space.
   * @example mbnmf.inverseTransform(mbnmf.transform(X))
   */
  inverseTransform(W: MatrixLike): Tensor {
    const H = this.fitted('components', this.#H);
    const d = this.nFeaturesIn;
    const k = H.length / d;
    const { X: wt } = checkArray(W, { estimatorName: 'MiniBatchNMF' });
    if (wt.shape[1] !== k) {
      throw new ValidationError(`inverseTransform expects ${k} columns, got ${wt.shape[1]}`, {
        expected: k,
        got: wt.shape[1],
      });
    }
    const n = wt.shape[0];
    return new Tensor(product(Float64Array.from(wt.data as ArrayLike<number>), H, n, d, k), [n, d]);
  }

  /**
   * `minibatchnmf0`, `minibatchnmf1`, …
   * @example mbnmf.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    return Array.from({ length: this.nComponents }, (_, i) => `minibatchnmf${i}`);
  }

  protected getState(): Record<string, unknown> {
    return {
      H: this.#H,
      num: this.#num,
      den: this.#den,
      err: this.#err,
      nIter: this.#nIter,
      nSteps: this.#nSteps,
      rho: this.#rho,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved MiniBatchNMF');
    this.#H = r.float64Array('H');
    this.#num = r.float64Array('num');
    this.#den = r.float64Array('den');
    this.#err = r.number('err');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#nSteps = r.number('nSteps', { integer: true, min: 0 });
    this.#rho = r.number('rho');
  }
}
