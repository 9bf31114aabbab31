/**
 * Sparse coding (scikit-learn's `sparse_encode` and `SparseCoder`): finds a
 * sparse code `C` with `X ≈ C D` for a fixed dictionary `D` (`k` atoms as
 * rows, `nFeatures` columns).
 *
 * Algorithms:
 * - `'omp'`: orthogonal matching pursuit on the Gram matrix (sklearn's
 *   `orthogonal_mp_gram`), at most `nNonzeroCoefs` atoms per sample;
 * - `'lasso_cd'`: the lasso `½‖x − Dᵀc‖² + alpha‖c‖₁` per sample by
 *   coordinate descent on the Gram matrix (sklearn's `Lasso(precompute=gram)`
 *   path: `enet_coordinate_descent_gram`, tol 1e-4), warm-started from `init`;
 * - `'threshold'`: soft thresholding of `D x` by `alpha`.
 * LARS (`'lars'`, `'lasso_lars'`) is not implemented.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { EstimatorTags, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { ConvergenceWarning, TypelearnWarning, warn } from '../base/warnings.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { Tensor } from '../tensor/tensor.js';

/** Sparse-coding algorithms typelearn implements. */
export type SparseCodingAlgorithm = 'omp' | 'lasso_cd' | 'threshold';

/** Options of {@link sparseEncode}. */
export interface SparseEncodeOptions {
  /** Default `'omp'` (sklearn's default `'lasso_lars'` is not implemented). */
  algorithm?: SparseCodingAlgorithm;
  /** Atoms per sample for `'omp'`; default `min(max(nFeatures / 10, 1), nComponents)`. */
  nNonzeroCoefs?: number | null;
  /** Penalty of `'lasso_cd'` and threshold of `'threshold'`. Default 1. */
  alpha?: number | null;
  /** Warm start of `'lasso_cd'`, `nSamples x nComponents`. */
  init?: Float64Array | null;
  /** Iteration cap of `'lasso_cd'`. Default 1000. */
  maxIter?: number;
  /** Non-negative codes (not for `'omp'`). Default false. */
  positive?: boolean;
}

/**
 * Raw kernel of {@link sparseEncode}: `x` is `n x d`, `dict` is `k x d`,
 * both row-major; returns the `n x k` code.
 * @example sparseEncodeRaw(Float64Array.of(2, 0), 1, 2, Float64Array.of(1, 0, 0, 1), 2, { algorithm: 'omp', nNonzeroCoefs: 1 }) // [2, 0]
 */
export function sparseEncodeRaw(
  x: Float64Array,
  n: number,
  d: number,
  dict: Float64Array,
  k: number,
  opts: SparseEncodeOptions = {},
): Float64Array {
  const algorithm = opts.algorithm ?? 'omp';
  const positive = opts.positive ?? false;
  if (positive && algorithm === 'omp') {
    throw new ValidationError("Positive constraint not supported for 'omp' coding method.", {
      param: 'positive',
      got: true,
    });
  }
  // cov = D Xᵀ, k x n.
  const cov = new Float64Array(k * n);
  gemm(false, true, k, n, d, 1, dict, d, x, d, 0, cov, n);
  const code = new Float64Array(n * k);
  if (algorithm === 'threshold') {
    const a = opts.alpha ?? 1;
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) {
        const v = cov[c * n + i];
        let s = Math.sign(v) * Math.max(Math.abs(v) - a, 0);
        if (positive && s < 0) s = 0;
        code[i * k + c] = s;
      }
    }
    return code;
  }
  const gram = new Float64Array(k * k);
  gemm(false, true, k, k, d, 1, dict, d, dict, d, 0, gram, k);
  const q = new Float64Array(k);
  if (algorithm === 'omp') {
    const nnz = opts.nNonzeroCoefs ?? Math.min(Math.max(d / 10, 1), k);
    const nAtoms = Math.trunc(nnz);
    if (nAtoms <= 0) throw new ValidationError('The number of atoms must be positive', { got: nAtoms });
    if (nAtoms > k) {
      throw new ValidationError('The number of atoms cannot be more than the number of features', {
        expected: `<= ${k}`,
        got: nAtoms,
      });
    }
    const ws = ompWorkspace(k, nAtoms);
    let premature = false;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) q[c] = cov[c * n + i];
      premature = gramOmp(gram, q, k, nAtoms, code.subarray(i * k, (i + 1) * k), ws) || premature;
    }
    if (premature) {
      warn(
        new TypelearnWarning(
          'Orthogonal matching pursuit ended prematurely due to linear dependence in the dictionary. The requested precision might not have been met.',
        ),
      );
    }
    return code;
  }
  if (algorithm !== 'lasso_cd') {
    throw new ValidationError(
      `Sparse coding method must be 'lasso_cd', 'threshold' or 'omp', got ${JSON.stringify(algorithm)}.`,
      { param: 'algorithm', got: algorithm },
    );
  }
  // sklearn scales alpha by 1/nFeatures for Lasso, whose objective multiplies it back by nFeatures.
  const l1 = ((opts.alpha ?? 1) / d) * d;
  const maxIter = opts.maxIter ?? 1000;
  if (opts.init) code.set(opts.init);
  const H = new Float64Array(k);
  let notConverged = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) q[c] = cov[c * n + i];
    let yy = 0;
    for (let f = 0; f < d; f++) yy += x[i * d + f] * x[i * d + f];
    const ok = enetCoordinateDescentGram(
      code.subarray(i * k, (i + 1) * k),
      l1,
      0,
      gram,
      q,
      yy,
      k,
      maxIter,
      1e-4,
      positive,
      H,
    );
    if (!ok) notConverged++;
  }
  if (notConverged > 0) {
    warn(
      new ConvergenceWarning(
        `Objective did not converge for ${notConverged} sample(s). You might want to increase the number of iterations (maxIter = ${maxIter}).`,
      ),
    );
  }
  return code;
}

/**
 * Elastic-net coordinate descent on the Gram matrix `Q` (`k x k`) and
 * `q = Xᵀy`, in place on `w` (sklearn's `enet_coordinate_descent_gram`);
 * `yy = ‖y‖²`; `H` is a length-`k` scratch buffer. Returns whether the
 * duality gap fell below `tol·‖y‖²`.
 */
function enetCoordinateDescentGram(
  w: Float64Array,
  l1: number,
  l2: number,
  Q: Float64Array,
  q: Float64Array,
  yy: number,
  k: number,
  maxIter: number,
  tol: number,
  positive: boolean,
  H: Float64Array,
): boolean {
  // H = Q w
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let b = 0; b < k; b++) s += Q[a * k + b] * w[b];
    H[a] = s;
  }
  const dwTol = tol;
  const gapTol = tol * yy;
  for (let it = 0; it < maxIter; it++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < k; j++) {
      const qjj = Q[j * k + j];
      if (qjj === 0) continue;
      const wOld = w[j];
      if (wOld !== 0) for (let a = 0; a < k; a++) H[a] -= wOld * Q[j * k + a];
      const tmp = q[j] - H[j];
      const wNew = positive && tmp < 0 ? 0 : (Math.sign(tmp) * Math.max(Math.abs(tmp) - l1, 0)) / (qjj + l2);
      w[j] = wNew;
      if (wNew !== 0) for (let a = 0; a < k; a++) H[a] += wNew * Q[j * k + a];
      const dw = Math.abs(wNew - wOld);
      if (dw > dwMax) dwMax = dw;
      if (Math.abs(wNew) > wMax) wMax = Math.abs(wNew);
    }
    if (wMax === 0 || dwMax / wMax < dwTol || it === maxIter - 1) {
      let qw = 0;
      let dualNorm = 0;
      let wH = 0;
      let ww = 0;
      let l1Norm = 0;
      for (let j = 0; j < k; j++) {
        qw += w[j] * q[j];
        const xta = q[j] - H[j] - l2 * w[j];
        const v = positive ? xta : Math.abs(xta);
        if (v > dualNorm) dualNorm = v;
        wH += w[j] * H[j];
        ww += w[j] * w[j];
        l1Norm += Math.abs(w[j]);
      }
      const rr = yy + wH - 2 * qw;
      let constant = 1;
      let gap = rr;
      if (dualNorm > l1) {
        constant = l1 / dualNorm;
        gap = 0.5 * (rr + rr * constant * constant);
      }
      gap += l1 * l1Norm - constant * yy + constant * qw + 0.5 * l2 * (1 + constant * constant) * ww;
      if (gap < gapTol) return true;
    }
  }
  return false;
}

interface OmpWorkspace {
  G: Float64Array;
  xy: Float64Array;
  L: Float64Array;
  idx: Int32Array;
  gamma: Float64Array;
  resid: Float64Array;
  max: number;
}

function ompWorkspace(k: number, max: number): OmpWorkspace {
  return {
    G: new Float64Array(k * k),
    xy: new Float64Array(k),
    L: new Float64Array(max * max),
    idx: new Int32Array(k),
    gamma: new Float64Array(max),
    resid: new Float64Array(k),
    max,
  };
}

function swapRows(G: Float64Array, k: number, a: number, b: number): void {
  for (let c = 0; c < k; c++) {
    const t = G[a * k + c];
    G[a * k + c] = G[b * k + c];
    G[b * k + c] = t;
  }
}

function swapCols(G: Float64Array, k: number, a: number, b: number): void {
  for (let r = 0; r < k; r++) {
    const t = G[r * k + a];
    G[r * k + a] = G[r * k + b];
    G[r * k + b] = t;
  }
}

/**
 * One OMP problem on the Gram matrix (sklearn's `_gram_omp` with a fixed
 * number of atoms): greedy atom selection with a Cholesky factor grown one
 * row at a time; writes the code into `out` (length `k`). Returns whether it
 * stopped early on a degenerate atom.
 */
function gramOmp(
  gram: Float64Array,
  q: Float64Array,
  k: number,
  nAtoms: number,
  out: Float64Array,
  ws: OmpWorkspace,
): boolean {
  const { G, xy, L, idx, gamma, resid, max } = ws;
  G.set(gram);
  xy.set(q);
  resid.set(q);
  for (let c = 0; c < k; c++) idx[c] = c;
  let nActive = 0;
  let premature = false;
  while (true) {
    let lam = 0;
    let best = -1;
    for (let c = 0; c < k; c++) {
      const a = Math.abs(resid[c]);
      if (a > best) {
        best = a;
        lam = c;
      }
    }
    if (lam < nActive || resid[lam] ** 2 < EPS64) {
      premature = true;
      break;
    }
    if (nActive > 0) {
      // Solve L[:a,:a] v = G[lam, :a] (forward substitution), row a of L.
      let v2 = 0;
      for (let r = 0; r < nActive; r++) {
        let s = G[lam * k + r];
        for (let c = 0; c < r; c++) s -= L[r * max + c] * L[nActive * max + c];
        const val = s / L[r * max + r];
        L[nActive * max + r] = val;
        v2 += val * val;
      }
      const lkk = G[lam * k + lam] - v2;
      if (lkk <= EPS64) {
        premature = true;
        break;
      }
      L[nActive * max + nActive] = Math.sqrt(lkk);
    } else {
      L[0] = Math.sqrt(G[lam * k + lam]);
    }
    swapRows(G, k, nActive, lam);
    swapCols(G, k, nActive, lam);
    let t = idx[nActive];
    idx[nActive] = idx[lam];
    idx[lam] = t;
    t = xy[nActive];
    xy[nActive] = xy[lam];
    xy[lam] = t;
    nActive++;
    // gamma = (L Lᵀ)⁻¹ xy[:a]
    for (let r = 0; r < nActive; r++) {
      let s = xy[r];
      for (let c = 0; c < r; c++) s -= L[r * max + c] * gamma[c];
      gamma[r] = s / L[r * max + r];
    }
    for (let r = nActive - 1; r >= 0; r--) {
      let s = gamma[r];
      for (let c = r + 1; c < nActive; c++) s -= L[c * max + r] * gamma[c];
      gamma[r] = s / L[r * max + r];
    }
    for (let r = 0; r < k; r++) {
      let s = 0;
      for (let c = 0; c < nActive; c++) s += G[r * k + c] * gamma[c];
      resid[r] = xy[r] - s;
    }
    if (nActive === nAtoms) break;
  }
  out.fill(0);
  for (let c = 0; c < nActive; c++) out[idx[c]] = gamma[c];
  return premature;
}

const EPS64 = 2 ** -52;

/** Checks X and the dictionary and returns them as row-major float64 buffers. */
function checkInputs(
  X: MatrixLike,
  dictionary: MatrixLike,
  whom: string,
): { x: Float64Array; n: number; d: number; dict: Float64Array; k: number } {
  const { X: dt } = checkArray(dictionary, { estimatorName: whom, name: 'dictionary' });
  const { X: xt } = checkArray(X, { estimatorName: whom });
  if (dt.shape[1] !== xt.shape[1]) {
    throw new ValidationError(
      `Dictionary and X have different numbers of features: dictionary.shape [${dt.shape.join(', ')}], X.shape [${xt.shape.join(', ')}]`,
      { expected: dt.shape[1], got: xt.shape[1] },
    );
  }
  return {
    x: Float64Array.from(xt.data as ArrayLike<number>),
    n: xt.shape[0],
    d: xt.shape[1],
    dict: Float64Array.from(dt.data as ArrayLike<number>),
    k: dt.shape[0],
  };
}

/**
 * Sparse code of `X` (`nSamples x nFeatures`) on `dictionary`
 * (`nComponents x nFeatures`): `nSamples x nComponents` (sklearn's
 * `sparse_encode`). Options: `algorithm` (`'omp'`), `nNonzeroCoefs`
 * (`'omp'`, default 10% of the features), `alpha` (1), `init`, `maxIter`
 * (1000), `positive` (false).
 * @example
 * sparseEncode([[2, 1]], [[1, 0], [0, 1]], { algorithm: 'threshold', alpha: 0.5 }) // [[1.5, 0.5]]
 */
export function sparseEncode(X: MatrixLike, dictionary: MatrixLike, opts: SparseEncodeOptions = {}): Tensor {
  const { x, n, d, dict, k } = checkInputs(X, dictionary, 'sparseEncode');
  if (opts.init && opts.init.length !== n * k) {
    throw new ValidationError(`init must hold nSamples x nComponents = ${n * k} values, got ${opts.init.length}`);
  }
  return new Tensor(sparseEncodeRaw(x, n, d, dict, k, opts), [n, k]);
}

/** Options shared by the estimators that code data on a dictionary. */
export interface SparseCodingParams {
  /** Transform algorithm. Default `'omp'`. */
  transformAlgorithm: SparseCodingAlgorithm;
  /** Atoms per sample for `'omp'`; `null`: 10% of the features. Default `null`. */
  transformNNonzeroCoefs: number | null;
  /** Penalty / threshold; `null`: the estimator's `alpha`, or 1. Default `null`. */
  transformAlpha: number | null;
  /** Split each code into its positive and negative parts (2k columns). Default false. */
  splitSign: boolean;
  /** Non-negative codes. Default false. */
  positiveCode: boolean;
  /** Iteration cap of `'lasso_cd'`. Default 1000. */
  transformMaxIter: number;
}

/** Parameter constraints of {@link SparseCodingParams}. */
export const SPARSE_CODING_CONSTRAINTS: ParameterConstraints = {
  transformAlgorithm: [options(['omp', 'lasso_cd', 'threshold'])],
  transformNNonzeroCoefs: [interval('int', 1, null, 'left'), null],
  transformAlpha: [interval('real', 0, null, 'left'), null],
  splitSign: ['boolean'],
  positiveCode: ['boolean'],
  transformMaxIter: [interval('int', 0, null, 'left')],
};

/** Defaults of {@link SparseCodingParams}. */
export const SPARSE_CODING_DEFAULTS: SparseCodingParams = {
  transformAlgorithm: 'omp',
  transformNNonzeroCoefs: null,
  transformAlpha: null,
  splitSign: false,
  positiveCode: false,
  transformMaxIter: 1000,
};

/**
 * The transform of the sparse-coding estimators (sklearn's
 * `_BaseSparseCoding._transform`): codes `x` (`n x d`) on `dict` (`k x d`),
 * then splits signs if asked; returns `[n, k]` or `[n, 2k]`.
 * @example sparseTransform(x, n, d, dict, k, params, 1)
 */
export function sparseTransform(
  x: Float64Array,
  n: number,
  d: number,
  dict: Float64Array,
  k: number,
  p: SparseCodingParams,
  defaultAlpha: number | null,
): Tensor {
  const code = sparseEncodeRaw(x, n, d, dict, k, {
    algorithm: p.transformAlgorithm,
    nNonzeroCoefs: p.transformNNonzeroCoefs,
    alpha: p.transformAlpha ?? defaultAlpha,
    maxIter: p.transformMaxIter,
    positive: p.positiveCode,
  });
  if (!p.splitSign) return new Tensor(code, [n, k]);
  const split = new Float64Array(n * 2 * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const v = code[i * k + c];
      split[i * 2 * k + c] = Math.max(v, 0);
      split[i * 2 * k + k + c] = -Math.min(v, 0);
    }
  }
  return new Tensor(split, [n, 2 * k]);
}

/** Options of {@link SparseCoder}. */
export interface SparseCoderParams extends SparseCodingParams {
  /** The dictionary, `nComponents x nFeatures` (atoms as rows, ideally unit-norm). Required. */
  dictionary: MatrixLike | null;
}

const DEFAULTS: SparseCoderParams = { dictionary: null, ...SPARSE_CODING_DEFAULTS };

/**
 * Sparse coding on a fixed dictionary (sklearn's `SparseCoder`): `transform`
 * works without `fit` (which only records the input width).
 *
 * @example
 * import { SparseCoder } from 'typelearn/decomposition';
 * const coder = new SparseCoder({ dictionary: [[1, 0], [0, 1]], transformAlgorithm: 'omp', transformNNonzeroCoefs: 1 });
 * coder.transform([[3, 1]]); // [[3, 0]]
 */
export class SparseCoder extends BaseEstimator<SparseCoderParams> {
  static override readonly estimatorName = 'SparseCoder';

  static override parameterConstraints: ParameterConstraints = {
    dictionary: ['arrayLike', null],
    ...SPARSE_CODING_CONSTRAINTS,
  };

  /** @param options - see {@link SparseCoderParams}. */
  constructor(options: Partial<SparseCoderParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer', requiresFit: false };
  }

  #dict(): { dict: Float64Array; k: number; d: number } {
    if (this.params.dictionary === null) {
      throw new ValidationError('SparseCoder needs a dictionary (nComponents x nFeatures)', { param: 'dictionary' });
    }
    const { X: dt } = checkArray(this.params.dictionary, { estimatorName: 'SparseCoder', name: 'dictionary' });
    return { dict: Float64Array.from(dt.data as ArrayLike<number>), k: dt.shape[0], d: dt.shape[1] };
  }

  /** The dictionary's atoms (sklearn's `components_`). */
  get components(): Tensor {
    const { dict, k, d } = this.#dict();
    return new Tensor(dict, [k, d]);
  }

  /** Number of atoms (sklearn's `n_components_`). */
  get nComponents(): number {
    return this.#dict().k;
  }

  protected fitImpl(X: MatrixLike): void {
    this.validateParams();
    const { d } = this.#dict();
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    if (xt.shape[1] !== d) {
      throw new ValidationError(`X has ${xt.shape[1]} features, but the dictionary has ${d}`, {
        expected: d,
        got: xt.shape[1],
      });
    }
  }

  /**
   * The sparse code of `X`, `nSamples x nComponents` (`2·nComponents` with `splitSign`).
   * @example coder.transform(X)
   */
  transform(X: MatrixLike): Tensor {
    this.validateParams();
    const { dict, k, d } = this.#dict();
    const xt = this.isFitted
      ? this.validateData(X, undefined, { reset: false }).X
      : checkArray(X, { estimatorName: 'SparseCoder' }).X;
    if (xt.shape[1] !== d) {
      throw new ValidationError(
        `Dictionary and X have different numbers of features: dictionary has ${d}, X has ${xt.shape[1]}`,
        { expected: d, got: xt.shape[1] },
      );
    }
    const x = Float64Array.from(xt.data as ArrayLike<number>);
    return sparseTransform(x, xt.shape[0], d, dict, k, this.params, null);
  }

  /**
   * `sparsecoder0`, `sparsecoder1`, …
   * @example coder.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    const k = this.nComponents * (this.params.splitSign ? 2 : 1);
    return Array.from({ length: k }, (_, i) => `sparsecoder${i}`);
  }

  protected getState(): Record<string, unknown> {
    return {};
  }

  protected setState(): void {}
}
