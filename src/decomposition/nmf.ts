/**
 * `NMF`: scikit-learn's `sklearn.decomposition.NMF` — non-negative matrix
 * factorisation `X ≈ W H` with `W, H >= 0`, for parts-based representations,
 * topic extraction from term counts and source separation.
 *
 * Solvers: `'cd'` (coordinate descent, Frobenius loss) and `'mu'`
 * (multiplicative updates, any beta-divergence: `'frobenius'`,
 * `'kullback-leibler'`, `'itakura-saito'` or a number). Regularisation as in
 * sklearn ≥ 1.0: `alphaW`, `alphaH` (`'same'`: `alphaW`) and `l1Ratio`,
 * scaled by the number of features (for W) and samples (for H).
 *
 * Initialisation: `'nndsvd'`, `'nndsvda'` (zeros filled with the mean of X),
 * `'nndsvdar'` (zeros filled with small random values), `'random'`, or
 * `'custom'` with `W` and `H` passed to `fit` in the options; `null` picks
 * `'nndsvda'` when `nComponents <= min(nSamples, nFeatures)`, else `'random'`.
 * The NNDSVD variants start from a randomized SVD (exact when
 * `nComponents + 10 >= min(nSamples, nFeatures)`), and the random schemes use
 * typelearn's generator, so only those paths differ from sklearn for a seed;
 * from the same initial `W`, `H` the solvers follow sklearn's iterations.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { ConvergenceWarning, TypelearnWarning, warn } from '../base/warnings.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { checkNonNegative } from './check-non-negative.js';
import {
  betaDivergence,
  fitCoordinateDescent,
  fitMultiplicativeUpdate,
  initializeNmf,
  type NMFInit,
  type NMFRegularization,
} from './nmf-solvers.js';

/** Loss names of {@link NMF}, or a beta value. */
export type NMFBetaLoss = 'frobenius' | 'kullback-leibler' | 'itakura-saito' | number;

/** Options of {@link NMF}. */
export interface NMFParams {
  /** Number of components; `null`: `nFeatures`. Default `null`. */
  nComponents: number | null;
  /** Initialisation (see the module doc); `null`: nndsvda or random. Default `null`. */
  init: NMFInit | 'custom' | null;
  /** `'cd'` or `'mu'`. Default `'cd'`. */
  solver: 'cd' | 'mu';
  /** Divergence minimised (only `'frobenius'` with `'cd'`). Default `'frobenius'`. */
  betaLoss: NMFBetaLoss;
  /** Tolerance of the stopping rule. Default 1e-4. */
  tol: number;
  /** Maximum iterations. Default 200. */
  maxIter: number;
  /** Seed of the random initialisations and of `shuffle`. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Regularisation of W (times nFeatures). Default 0. */
  alphaW: number;
  /** Regularisation of H (times nSamples); `'same'` uses `alphaW`. Default `'same'`. */
  alphaH: number | 'same';
  /** Share of L1 in the penalty, in [0, 1]. Default 0. */
  l1Ratio: number;
  /** Randomise the coordinate order of the cd solver. Default false. */
  shuffle: boolean;
}

/** `fit` options of {@link NMF}: the initial factors for `init: 'custom'`. */
export interface NMFFitOptions extends FitOptions {
  /** Initial `W`, `nSamples x nComponents`, non-negative. */
  W?: MatrixLike;
  /** Initial `H`, `nComponents x nFeatures`, non-negative. */
  H?: MatrixLike;
}

const DEFAULTS: NMFParams = {
  nComponents: null,
  init: null,
  solver: 'cd',
  betaLoss: 'frobenius',
  tol: 1e-4,
  maxIter: 200,
  randomState: undefined,
  alphaW: 0,
  alphaH: 'same',
  l1Ratio: 0,
  shuffle: false,
};

/** The beta of a loss name. */
export function betaLossToFloat(loss: NMFBetaLoss): number {
  if (typeof loss === 'number') return loss;
  return loss === 'frobenius' ? 2 : loss === 'kullback-leibler' ? 1 : 0;
}

/**
 * Checks a user-supplied initial factor for `init: 'custom'` (sklearn's `_check_init`);
 * `whom` names it, e.g. `'NMF (input H)'`. Shared by NMF and MiniBatchNMF.
 * @example checkInit(options.H, k, d, 'NMF (input H)')
 */
export function checkInit(A: MatrixLike | undefined, rows: number, cols: number, whom: string): Float64Array {
  if (A === undefined) {
    throw new ValidationError(`init='custom' needs ${whom} passed to fit (options.${whom.includes('W') ? 'W' : 'H'})`);
  }
  const { X } = checkArray(A, { estimatorName: whom.split(' ')[0] });
  if (X.shape[0] !== rows || X.shape[1] !== cols) {
    throw new ValidationError(
      `Array with wrong shape passed to ${whom}. Expected [${rows}, ${cols}], but got [${X.shape.join(', ')}]`,
      { expected: [rows, cols], got: X.shape },
    );
  }
  checkNonNegative(X, whom);
  const data = Float64Array.from(X.data as ArrayLike<number>);
  if (data.every((v) => v === 0)) throw new ValidationError(`Array passed to ${whom} is full of zeros.`);
  return data;
}

/**
 * Non-negative matrix factorisation.
 *
 * Fitted attributes: `components` (H, `nComponents x nFeatures`),
 * `reconstructionErr` (the loss between X and WH at the end of fit,
 * `sqrt(2 · divergence)`), `nIter`, `nComponents`.
 *
 * @example
 * import { NMF } from 'typelearn/decomposition';
 * const nmf = new NMF({ nComponents: 2, init: 'nndsvd' });
 * const W = await nmf.fitTransform([[1, 1], [2, 1], [3, 1.2], [4, 1], [5, 0.8], [6, 1]]);
 * nmf.components;        // H, 2 x 2
 * nmf.reconstructionErr; // ‖X - WH‖_F
 */
export class NMF extends BaseEstimator<NMFParams> {
  static override readonly estimatorName = 'NMF';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left'), null],
    init: [options(['random', 'nndsvd', 'nndsvda', 'nndsvdar', 'custom']), null],
    solver: [options(['cd', 'mu'])],
    betaLoss: [options(['frobenius', 'kullback-leibler', 'itakura-saito']), interval('real', null, null, 'neither')],
    tol: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 1, null, 'left')],
    randomState: ['randomState'],
    alphaW: [interval('real', 0, null, 'left')],
    alphaH: [interval('real', 0, null, 'left'), options(['same'])],
    l1Ratio: [interval('real', 0, 1, 'both')],
    shuffle: ['boolean'],
  };

  #H?: Float64Array;
  #err?: number;
  #nIter?: number;
  /** W of the last fit (what `fitTransform` returns); not saved. */
  #trainW?: Float64Array;

  /** @param options - see {@link NMFParams}. */
  constructor(options: Partial<NMFParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
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

  /** `sqrt(2 · beta-divergence(X, WH))` at the end of fit (Frobenius norm for the default loss). */
  get reconstructionErr(): number {
    return this.fitted('reconstructionErr', this.#err);
  }

  /** Iterations of the last fit (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  #beta(): number {
    const beta = betaLossToFloat(this.params.betaLoss);
    if (this.params.solver !== 'mu' && beta !== 2) {
      throw new ValidationError(
        `Invalid betaLoss: solver '${this.params.solver}' does not handle betaLoss = ${JSON.stringify(this.params.betaLoss)}; use solver 'mu'.`,
        { param: 'betaLoss', expected: 'frobenius', got: this.params.betaLoss },
      );
    }
    return beta;
  }

  #regularization(n: number, d: number): NMFRegularization {
    const { alphaW, alphaH, l1Ratio } = this.params;
    const aH = alphaH === 'same' ? alphaW : alphaH;
    return {
      l1W: d * alphaW * l1Ratio,
      l1H: n * aH * l1Ratio,
      l2W: d * alphaW * (1 - l1Ratio),
      l2H: n * aH * (1 - l1Ratio),
    };
  }

  /** Validates X for NMF: dense float64, non-negative, and no zeros when beta <= 0. */
  #data(X: MatrixLike, reset: boolean, beta: number): { x: Float64Array; n: number; d: number } {
    const { X: xt } = this.validateData(X, undefined, { reset });
    checkNonNegative(xt, 'NMF (input X)');
    const x = xt.data instanceof Float64Array ? xt.data : Float64Array.from(xt.data as ArrayLike<number>);
    if (beta <= 0 && x.some((v) => v === 0)) {
      throw new ValidationError(
        'When betaLoss <= 0 and X contains zeros, the solver may diverge. Please add small values to X, or use a positive betaLoss.',
        { param: 'betaLoss', got: this.params.betaLoss },
      );
    }
    return { x, n: xt.shape[0], d: xt.shape[1] };
  }

  #solve(
    x: Float64Array,
    W: Float64Array,
    H: Float64Array,
    n: number,
    d: number,
    k: number,
    beta: number,
    updateH: boolean,
    signal: AbortSignal | undefined,
  ): number {
    const { solver, tol, maxIter, shuffle, randomState } = this.params;
    const opts = {
      tol,
      maxIter,
      updateH,
      reg: this.#regularization(n, d),
      shuffle: shuffle && solver === 'cd' ? checkRandomState(randomState) : null,
      onIteration: () => this.throwIfAborted(signal),
    };
    const nIter =
      solver === 'cd'
        ? fitCoordinateDescent(x, W, H, n, d, k, opts)
        : fitMultiplicativeUpdate(x, W, H, n, d, k, beta, opts);
    if (nIter === maxIter && tol > 0) {
      warn(
        new ConvergenceWarning(`Maximum number of iterations ${maxIter} reached. Increase it to improve convergence.`),
      );
    }
    return nIter;
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: NMFFitOptions): void {
    const beta = this.#beta();
    const { x, n, d } = this.#data(X, true, beta);
    const k = this.params.nComponents ?? d;
    let init = this.params.init;
    if (init !== null && init !== 'random' && init !== 'custom' && k > Math.min(n, d)) {
      throw new ValidationError(`init = '${init}' can only be used when nComponents <= min(nSamples, nFeatures)`, {
        param: 'init',
        got: init,
      });
    }
    if (this.params.solver === 'mu' && init === 'nndsvd') {
      warn(
        new TypelearnWarning(
          "The multiplicative update ('mu') solver cannot update zeros present in the initialization, and so leads to poorer results when used jointly with init='nndsvd'. You may try init='nndsvda' or init='nndsvdar' instead.",
        ),
      );
    }
    let W: Float64Array;
    let H: Float64Array;
    if (init === 'custom') {
      H = checkInit(options.H, k, d, 'NMF (input H)');
      W = checkInit(options.W, n, k, 'NMF (input W)');
    } else {
      if (init === null) init = k <= Math.min(n, d) ? 'nndsvda' : 'random';
      ({ W, H } = initializeNmf(x, n, d, k, init, checkRandomState(this.params.randomState)));
    }
    const nIter = this.#solve(x, W, H, n, d, k, beta, true, options.signal);
    this.#err = betaDivergence(x, W, H, n, d, k, beta, true);
    this.#H = H;
    this.#nIter = nIter;
    this.#trainW = W;
  }

  /**
   * Fits and returns W of the training data, as found by the solver
   * (sklearn's `fit_transform`; `transform(X)` re-solves for W with H fixed).
   * @example const W = await new NMF({ nComponents: 2 }).fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: NMFFitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    const W = this.#trainW as Float64Array;
    this.#trainW = undefined;
    return new Tensor(W, [W.length / this.nComponents, this.nComponents]);
  }

  /**
   * W for new rows: the solver run with H fixed (W starts at 0 for cd,
   * at `sqrt(mean(X) / k)` for mu).
   * @example nmf.transform(X) // Tensor [nSamples, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const H = (this.#H as Float64Array).slice();
    const beta = this.#beta();
    const { x, n, d } = this.#data(X, false, beta);
    const k = H.length / d;
    const W = new Float64Array(n * k);
    if (this.params.solver === 'mu') {
      let m = 0;
      for (let i = 0; i < x.length; i++) m += x[i];
      W.fill(Math.sqrt(m / x.length / k));
    }
    this.#solve(x, W, H, n, d, k, beta, false, undefined);
    return new Tensor(W, [n, k]);
  }

  /**
   * `W · H`: back to the input space.
   * @example nmf.inverseTransform(nmf.transform(X))
   */
  inverseTransform(W: MatrixLike): Tensor {
    const H = this.fitted('components', this.#H);
    const d = this.nFeaturesIn;
    const k = H.length / d;
    const { X: wt } = checkArray(W, { estimatorName: 'NMF' });
    if (wt.shape[1] !== k) {
      throw new ValidationError(`inverseTransform expects ${k} columns, got ${wt.shape[1]}`, {
        expected: k,
        got: wt.shape[1],
      });
    }
    const n = wt.shape[0];
    const w = Float64Array.from(wt.data as ArrayLike<number>);
    const out = new Float64Array(n * d);
    gemm(false, false, n, d, k, 1, w, k, H, d, 0, out, d);
    return new Tensor(out, [n, d]);
  }

  /**
   * `nmf0`, `nmf1`, …
   * @example nmf.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    return Array.from({ length: this.nComponents }, (_, i) => `nmf${i}`);
  }

  protected getState(): Record<string, unknown> {
    return { H: this.#H, err: this.#err, nIter: this.#nIter };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved NMF');
    this.#H = r.float64Array('H');
    this.#err = r.number('err');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
