import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { initMatrix, updateDict } from './dictionary-learning.js';
import { denseOperator, randomizedSvd } from './randomized-svd.js';
import {
  SPARSE_CODING_CONSTRAINTS,
  SPARSE_CODING_DEFAULTS,
  type SparseCodingParams,
  sparseEncodeRaw,
  sparseTransform,
} from './sparse-coding.js';

/** Running state of online dictionary learning: the dictionary and sklearn's inner statistics `A`, `B`. */
export interface MiniBatchDictState {
  /** Dictionary, `k x d`, updated in place. */
  D: Float64Array;
  /** `Σ CᵀC` (decayed), `k x k`. */
  A: Float64Array;
  /** `Σ XᵀC` (decayed), `d x k`. */
  B: Float64Array;
  rng: RandomGenerator;
}

/** Options of {@link miniBatchDictStep}. */
export interface MiniBatchDictStepOptions {
  alpha: number;
  positiveCode: boolean;
  positiveDict: boolean;
  /** Iteration cap of each lasso. */
  maxIter: number;
}

/**
 * One online dictionary-learning step on the batch `x` (`b x d`), the
 * `step`-th overall (sklearn's `MiniBatchDictionaryLearning._minibatch_step`):
 * lasso codes, decayed inner statistics, a dictionary update. Returns the
 * batch cost `(½‖X − CD‖² + alpha‖C‖₁) / b`.
 * @example const cost = miniBatchDictStep(state, xb, b, d, k, 0, { alpha: 1, positiveCode: false, positiveDict: false, maxIter: 1000 });
 */
export function miniBatchDictStep(
  s: MiniBatchDictState,
  x: Float64Array,
  b: number,
  d: number,
  k: number,
  step: number,
  opts: MiniBatchDictStepOptions,
): number {
  const code = sparseEncodeRaw(x, b, d, s.D, k, {
    algorithm: 'lasso_cd',
    alpha: opts.alpha,
    positive: opts.positiveCode,
    maxIter: opts.maxIter,
  });
  const recon = new Float64Array(b * d);
  gemm(false, false, b, d, k, 1, code, k, s.D, d, 0, recon, d);
  let sq = 0;
  for (let i = 0; i < recon.length; i++) sq += (x[i] - recon[i]) ** 2;
  let l1 = 0;
  for (let i = 0; i < code.length; i++) l1 += Math.abs(code[i]);
  const cost = (0.5 * sq + opts.alpha * l1) / b;
  const theta = step < b - 1 ? (step + 1) * b : b * b + step + 1 - b;
  const beta = (theta + 1 - b) / (theta + 1);
  const ctc = new Float64Array(k * k);
  gemm(true, false, k, k, b, 1, code, k, code, k, 0, ctc, k);
  const xtc = new Float64Array(d * k);
  gemm(true, false, d, k, b, 1, x, d, code, k, 0, xtc, k);
  for (let i = 0; i < ctc.length; i++) s.A[i] = s.A[i] * beta + ctc[i] / b;
  for (let i = 0; i < xtc.length; i++) s.B[i] = s.B[i] * beta + xtc[i] / b;
  updateDict(s.D, x, code, b, d, k, s.A, s.B, s.rng, opts.positiveDict);
  return cost;
}

/**
 * The starting dictionary of online learning (sklearn's `_initialize_dict`):
 * `dictInit`, or `S · Vt` of a randomized SVD of `x`, zero-padded to `k` rows.
 * @example const D = initialDictionary(x, n, d, 3, null, rng);
 */
export function initialDictionary(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  dictInit: Float64Array | null,
  rng: RandomGenerator,
): Float64Array {
  if (dictInit) return dictInit.slice();
  const D = new Float64Array(k * d);
  const r = Math.min(k, n, d);
  const { s, vt } = randomizedSvd(denseOperator(x, n, d), r, rng, { flipSign: true });
  for (let c = 0; c < r; c++) for (let f = 0; f < d; f++) D[c * d + f] = s[c] * vt[c * d + f];
  return D;
}

/** Options of {@link MiniBatchDictionaryLearning}. */
export interface MiniBatchDictionaryLearningParams extends SparseCodingParams {
  /** Number of atoms; `null`: `nFeatures`. Default `null`. */
  nComponents: number | null;
  /** Sparsity penalty. Default 1. */
  alpha: number;
  /**
   * Passes over the data, with early stopping (`tol`, `maxNoImprovement`);
   * `null`: sklearn 1.2's legacy default of 1000 mini-batch steps without
   * early stopping. Default `null`.
   */
  maxIter: number | null;
  /** Coding algorithm during fit: only `'cd'`. Default `'cd'`. */
  fitAlgorithm: 'cd';
  /** Rows per mini-batch (sklearn 1.2's default 3; 256 from 1.3). Default 3. */
  batchSize: number;
  /** Shuffle the rows before cutting batches. Default true. */
  shuffle: boolean;
  /** Initial dictionary, `nComponents x nFeatures`. Default `null`. */
  dictInit: MatrixLike | null;
  /** Seed of the randomized SVD start, the shuffle and atom re-draws. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Non-negative dictionary. Default false. */
  positiveDict: boolean;
  /** Stop when the dictionary moves less than this (per atom, Frobenius). Default 1e-3. */
  tol: number;
  /** Steps without improvement of the smoothed cost that stop fitting; `null` disables. Default 10. */
  maxNoImprovement: number | null;
}

const MB_DEFAULTS: MiniBatchDictionaryLearningParams = {
  nComponents: null,
  alpha: 1,
  maxIter: null,
  fitAlgorithm: 'cd',
  batchSize: 3,
  shuffle: true,
  dictInit: null,
  randomState: undefined,
  positiveDict: false,
  tol: 1e-3,
  maxNoImprovement: 10,
  ...SPARSE_CODING_DEFAULTS,
};

/** Result of {@link miniBatchDictLearning}. */
export interface MiniBatchDictResult {
  state: MiniBatchDictState;
  nIter: number;
  nSteps: number;
}

/**
 * Online dictionary learning over mini-batches of `x` (`n x d`), sklearn's
 * `MiniBatchDictionaryLearning.fit` (both its `max_iter` path with early
 * stopping and its legacy fixed-steps path when `maxIter` is null).
 * @example const { state } = miniBatchDictLearning(x, n, d, 3, params, rng);
 */
export function miniBatchDictLearning(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  p: MiniBatchDictionaryLearningParams,
  dictInit: Float64Array | null,
  rng: RandomGenerator,
  onStep?: () => void,
): MiniBatchDictResult {
  const bs = Math.min(p.batchSize, n);
  const D = initialDictionary(x, n, d, k, dictInit, rng);
  const old = D.slice();
  let xs = x;
  if (p.shuffle) {
    const perm = rng.permutation(n);
    xs = new Float64Array(n * d);
    for (let i = 0; i < n; i++) xs.set(x.subarray(perm[i] * d, perm[i] * d + d), i * d);
  }
  const state: MiniBatchDictState = { D, A: new Float64Array(k * k), B: new Float64Array(d * k), rng };
  const stepOpts = {
    alpha: p.alpha,
    positiveCode: p.positiveCode,
    positiveDict: p.positiveDict,
    maxIter: p.transformMaxIter,
  };
  const stepsPerIter = Math.ceil(n / bs);
  const batch = (i: number) => {
    const start = (i % stepsPerIter) * bs;
    const stop = Math.min(start + bs, n);
    return { xb: xs.subarray(start * d, stop * d), b: stop - start };
  };
  if (p.maxIter === null) {
    const nSteps = 1000;
    for (let i = 0; i < nSteps; i++) {
      onStep?.();
      const { xb, b } = batch(i);
      miniBatchDictStep(state, xb, b, d, k, i, stepOpts);
    }
    return { state, nIter: Math.ceil(nSteps / stepsPerIter), nSteps };
  }
  const nStepsMax = p.maxIter * stepsPerIter;
  let ewa: number | null = null;
  let ewaMin: number | null = null;
  let noImprovement = 0;
  let i = 0;
  for (i = 0; i < nStepsMax; i++) {
    onStep?.();
    const { xb, b } = batch(i);
    const cost = miniBatchDictStep(state, xb, b, d, k, i, stepOpts);
    // sklearn's `_check_convergence`: no decision during the first min(100, n / b) steps.
    const step = i + 1;
    if (step > Math.min(100, n / b)) {
      const a = Math.min(b / (n + 1), 1);
      ewa = ewa === null ? cost : ewa * (1 - a) + cost * a;
      let diff = 0;
      for (let j = 0; j < D.length; j++) diff += (D[j] - old[j]) ** 2;
      if (p.tol > 0 && Math.sqrt(diff) / k <= p.tol) break;
      if (ewaMin === null || ewa < ewaMin) {
        noImprovement = 0;
        ewaMin = ewa;
      } else {
        noImprovement++;
      }
      if (p.maxNoImprovement !== null && noImprovement >= p.maxNoImprovement) break;
    }
    old.set(D);
  }
  const nSteps = Math.min(i + 1, nStepsMax);
  return { state, nIter: Math.ceil(nSteps / stepsPerIter), nSteps };
}

/**
 * Mini-batch dictionary learning (sklearn's `MiniBatchDictionaryLearning`):
 * the dictionary of {@link DictionaryLearning} learned online, faster on
 * many rows; `partialFit` feeds batches one at a time.
 *
 * Fitted attributes: `components`, `nIter`, `nSteps`.
 *
 * @example
 * import { MiniBatchDictionaryLearning } from 'typelearn/decomposition';
 * const mbdl = await new MiniBatchDictionaryLearning({ nComponents: 8, batchSize: 32, maxIter: 10, randomState: 0 }).fit(X);
 * mbdl.transform(X);
 */
export class MiniBatchDictionaryLearning extends BaseEstimator<MiniBatchDictionaryLearningParams> {
  static override readonly estimatorName = 'MiniBatchDictionaryLearning';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left'), null],
    alpha: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 0, null, 'left'), null],
    fitAlgorithm: [options(['cd'])],
    batchSize: [interval('int', 1, null, 'left')],
    shuffle: ['boolean'],
    dictInit: ['arrayLike', null],
    randomState: ['randomState'],
    positiveDict: ['boolean'],
    tol: [interval('real', 0, null, 'left')],
    maxNoImprovement: [interval('int', 0, null, 'left'), null],
    ...SPARSE_CODING_CONSTRAINTS,
  };

  #state?: MiniBatchDictState;
  #nIter?: number;
  #nSteps?: number;
  /** Set while the first `partialFit` call runs through `fit`. */
  #partial = false;

  /** @param options - see {@link MiniBatchDictionaryLearningParams}. */
  constructor(options: Partial<MiniBatchDictionaryLearningParams> = {}) {
    super(MB_DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer', partialFit: true };
  }

  /** The dictionary atoms, `nComponents x nFeatures` (sklearn's `components_`). */
  get components(): Tensor {
    const D = this.fitted('components', this.#state).D;
    return new Tensor(D.slice(), [D.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Number of atoms. */
  get nComponents(): number {
    return this.fitted('components', this.#state).D.length / this.nFeaturesIn;
  }

  /** Passes over the data (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** Mini-batches processed (sklearn's `n_steps_`). */
  get nSteps(): number {
    return this.fitted('nSteps', this.#nSteps);
  }

  #stepOptions(): MiniBatchDictStepOptions {
    const p = this.params;
    return { alpha: p.alpha, positiveCode: p.positiveCode, positiveDict: p.positiveDict, maxIter: p.transformMaxIter };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const n = xt.shape[0];
    const d = xt.shape[1];
    const x = Float64Array.from(xt.data as ArrayLike<number>);
    const k = this.params.nComponents ?? d;
    const rng = checkRandomState(this.params.randomState);
    const dictInit = initMatrix(this.params.dictInit, k, d, 'dictInit', 'MiniBatchDictionaryLearning');
    if (this.#partial) {
      const state = {
        D: initialDictionary(x, n, d, k, dictInit, rng),
        A: new Float64Array(k * k),
        B: new Float64Array(d * k),
        rng,
      };
      miniBatchDictStep(state, x, n, d, k, 0, this.#stepOptions());
      this.#state = state;
      this.#nSteps = 1;
      this.#nIter = 0;
      return;
    }
    const res = miniBatchDictLearning(x, n, d, k, this.params, dictInit, rng, () =>
      this.throwIfAborted(options.signal),
    );
    this.#state = res.state;
    this.#nIter = res.nIter;
    this.#nSteps = res.nSteps;
  }

  /**
   * One more mini-batch step on `X` (the first call initialises the dictionary from it).
   * @example for (const chunk of chunks) await mbdl.partialFit(chunk);
   */
  async partialFit(X: MatrixLike, y?: Labels, options: FitOptions = {}): Promise<this> {
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
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const state = this.#state as MiniBatchDictState;
    const d = xt.shape[1];
    const x = Float64Array.from(xt.data as ArrayLike<number>);
    miniBatchDictStep(state, x, xt.shape[0], d, state.D.length / d, this.#nSteps ?? 0, this.#stepOptions());
    this.#nSteps = (this.#nSteps ?? 0) + 1;
    return this;
  }

  /**
   * Sparse code of `X` on the dictionary.
   * @example mbdl.transform(X) // [nSamples, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    const D = this.fitted('components', this.#state).D;
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const d = xt.shape[1];
    const x = Float64Array.from(xt.data as ArrayLike<number>);
    return sparseTransform(x, xt.shape[0], d, D, D.length / d, this.params, this.params.alpha);
  }

  /**
   * `minibatchdictionarylearning0`, …
   * @example mbdl.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    const k = this.nComponents * (this.params.splitSign ? 2 : 1);
    return Array.from({ length: k }, (_, i) => `minibatchdictionarylearning${i}`);
  }

  protected getState(): Record<string, unknown> {
    const s = this.#state;
    return { D: s?.D, A: s?.A, B: s?.B, nIter: this.#nIter, nSteps: this.#nSteps };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved MiniBatchDictionaryLearning');
    this.#state = {
      D: r.float64Array('D'),
      A: r.float64Array('A'),
      B: r.float64Array('B'),
      rng: checkRandomState(this.params.randomState),
    };
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#nSteps = r.number('nSteps', { integer: true, min: 0 });
  }
}
