/**
 * `PCA`: principal component analysis, scikit-learn's
 * `sklearn.decomposition.PCA`.
 *
 * Solvers (`svdSolver`):
 * - `'full'`: exact SVD of the centred data (Householder QR, then one-sided
 *   Jacobi on the `min(m, n)`-sized factor);
 * - `'covariance_eigh'` (sklearn ≥ 1.5): eigendecomposition of the
 *   `n x n` covariance, built with one GEMM; much faster for tall data,
 *   less accurate for directions of tiny variance (relative error ~ ε·λ₁/λₖ);
 * - `'randomized'`: Halko et al.'s randomized SVD (see `randomized-svd.ts`);
 * - `'auto'`: sklearn 1.5's rule — `covariance_eigh` when `nFeatures <= 1000`
 *   and `nSamples >= 10 nFeatures`; otherwise `full` for data of at most 500
 *   rows and columns or `nComponents: 'mle'`; `randomized` for
 *   `1 <= nComponents < 0.8 min(m, n)`; `full` otherwise.
 * There is no ARPACK solver (`'arpack'` is rejected).
 *
 * Signs follow sklearn 1.2's `svd_flip` rule for every solver (the
 * largest-magnitude entry of each column of U is positive), so components
 * match sklearn's `'full'` output including signs.
 *
 * `nComponents`: an integer count, a fraction in (0, 1) of the variance to
 * keep (full or covariance_eigh solvers), `'mle'` (Minka), or `null` (all).
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { FitOptions, Labels, MatrixLike } from '../base/types.js';
import { eighInPlace, eighLargestInPlace } from '../linalg/eigh.js';
import { gramMatrix } from '../linalg/gram.js';
import { svdInPlace } from '../linalg/svd.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { BasePCA, type PCAModel } from './base-pca.js';
import { inferDimension } from './pca-mle.js';
import { denseOperator, type PowerIterationNormalizer, randomizedSvd } from './randomized-svd.js';
import { svdFlip } from './svd-flip.js';

/** PCA solver names. */
export type PCASolver = 'auto' | 'full' | 'covariance_eigh' | 'randomized';

/** Options of {@link PCA} (sklearn's parameters, camelCase). */
export interface PCAParams {
  /** Count, variance fraction in (0, 1), `'mle'`, or `null` for min(nSamples, nFeatures). Default `null`. */
  nComponents: number | 'mle' | null;
  /** Scale the scores to unit variance. Default false. */
  whiten: boolean;
  /** See the module doc. Default `'auto'`. */
  svdSolver: PCASolver;
  /** Power iterations of the randomized solver, or `'auto'`. Default `'auto'`. */
  iteratedPower: number | 'auto';
  /** Extra sketch columns of the randomized solver. Default 10. */
  nOversamples: number;
  /** Normaliser of the randomized solver's power iterations. Default `'auto'`. */
  powerIterationNormalizer: PowerIterationNormalizer;
  /** Seed of the randomized solver. Default `undefined`. */
  randomState: RandomState | undefined;
}

const DEFAULTS: PCAParams = {
  nComponents: null,
  whiten: false,
  svdSolver: 'auto',
  iteratedPower: 'auto',
  nOversamples: 10,
  powerIterationNormalizer: 'auto',
  randomState: undefined,
};

/** Column means of the row-major `n x d` `x`. */
function columnMeans(x: Float64Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += x[i * d + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  return mean;
}

/** The centred copy of `x`. */
function centred(x: Float64Array, n: number, d: number, mean: Float64Array): Float64Array {
  const xc = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) xc[i * d + f] = x[i * d + f] - mean[f];
  return xc;
}

/** Rows centred per chunk by {@link vtTimesCentred} (about 8 MiB of scratch). */
const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * `vt[:k] · (x - 1·meanᵀ)ᵀ` (`k x n`, i.e. `(Xc·V)ᵀ`) without a centred copy of
 * `x`: rows are centred a chunk at a time (each entry is the same dot product as
 * with the whole centred matrix). The `k x n` orientation keeps the GEMM's
 * output rows long.
 */
function vtTimesCentred(
  x: Float64Array,
  n: number,
  d: number,
  mean: Float64Array,
  vt: Float64Array,
  k: number,
): Float64Array {
  const out = new Float64Array(k * n);
  const chunk = Math.max(1, Math.min(n, Math.floor(CHUNK_BYTES / (8 * d))));
  const scratch = new Float64Array(chunk * d);
  for (let r0 = 0; r0 < n; r0 += chunk) {
    const rows = Math.min(chunk, n - r0);
    for (let i = 0, o = r0 * d; i < rows; i++) for (let f = 0; f < d; f++, o++) scratch[i * d + f] = x[o] - mean[f];
    gemm(false, true, k, rows, d, 1, vt, d, scratch, d, 0, out.subarray(r0), n);
  }
  return out;
}

/**
 * sklearn's u-based `svd_flip` given `ut = Uᵀ` up to positive scales (`k x n`):
 * row `c` of `vt` is negated when the largest-magnitude entry of `ut[c]` (the
 * first one on ties) is negative. Same rule as `svdFlip` with a decider.
 */
function flipByRows(ut: Float64Array, n: number, k: number, vt: Float64Array, d: number): void {
  for (let c = 0; c < k; c++) {
    let best = 0;
    let bestAbs = -1;
    for (let i = 0, o = c * n; i < n; i++, o++) {
      const a = Math.abs(ut[o]);
      if (a > bestAbs) {
        bestAbs = a;
        best = ut[o];
      }
    }
    if (best < 0) for (let f = 0; f < d; f++) vt[c * d + f] = -vt[c * d + f];
  }
}

/** The full spectrum by the exact SVD of the centred data: `vt` (`r x d`, signs flipped), `s` (`r`). */
function svdSpectrum(xc: Float64Array, n: number, d: number) {
  const r = Math.min(n, d);
  const { u, s, vt } = svdInPlace(xc, n, d, true, false);
  svdFlip(u, n, r, vt as Float64Array, d, true);
  return { vt: vt as Float64Array, s, fixSigns: (_k: number) => {} };
}

/**
 * The full spectrum from the eigendecomposition of the covariance `XcᵀXc`
 * (built without a centred copy of `x`): `vt` (`r x d`), `s` (`r`) and
 * `fixSigns(k)`, which applies sklearn's sign rule to the first `k` rows of `vt`.
 */
function covarianceSpectrum(x: Float64Array, n: number, d: number, mean: Float64Array, wanted: number | null) {
  const r = Math.min(n, d);
  const cov = gramMatrix(x, n, d, { mean });
  // A known count of components well below d: only those eigenvectors (all eigenvalues still).
  const partial = wanted !== null && wanted <= d / 2;
  const kv = partial ? (wanted as number) : d;
  const { w, v } = partial ? eighLargestInPlace(cov, d, kv) : eighInPlace(cov, d, true);
  const vecs = v as Float64Array;
  const vt = new Float64Array(r * d);
  const s = new Float64Array(r);
  for (let c = 0; c < r; c++) {
    const src = d - 1 - c;
    s[c] = Math.sqrt(Math.max(w[src], 0));
    const col = kv - 1 - c;
    if (col >= 0) for (let f = 0; f < d; f++) vt[c * d + f] = vecs[f * kv + col];
  }
  // sklearn 1.2's u-based sign rule: U's columns are X·V up to positive scales. Only the k
  // kept components need it, so X·V is formed for those alone (n·d·k flops, not n·d²).
  const fixSigns = (k: number): void => {
    flipByRows(vtTimesCentred(x, n, d, mean, vt, k), n, k, vt, d);
  };
  return { vt, s, fixSigns };
}

/**
 * Principal component analysis: projects the data on the directions of
 * largest variance.
 *
 * Fitted attributes: `components`, `explainedVariance`,
 * `explainedVarianceRatio`, `singularValues`, `mean`, `nComponents`,
 * `noiseVariance`, `nSamples`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { PCA } from 'typelearn/decomposition';
 * const X = [[-1, -1], [-2, -1], [-3, -2], [1, 1], [2, 1], [3, 2]];
 * const pca = await new PCA({ nComponents: 2 }).fit(X);
 * pca.explainedVarianceRatio; // Float64Array [0.9924..., 0.0075...]
 * pca.singularValues;         // Float64Array [6.3006..., 0.5498...]
 * pca.transform([[1, 1]]);    // scores on the two components
 */
export class PCA extends BasePCA<PCAParams> {
  static override readonly estimatorName = 'PCA';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('real', 0, null, 'neither'), options(['mle']), null],
    whiten: ['boolean'],
    svdSolver: [options(['auto', 'full', 'covariance_eigh', 'randomized'])],
    iteratedPower: [interval('int', 0, null, 'left'), options(['auto'])],
    nOversamples: [interval('int', 1, null, 'left')],
    powerIterationNormalizer: [options(['auto', 'QR', 'LU', 'none'])],
    randomState: ['randomState'],
  };

  #solver?: Exclude<PCASolver, 'auto'>;

  /** @param options - see {@link PCAParams}. */
  constructor(options: Partial<PCAParams> = {}) {
    super(DEFAULTS, options);
  }

  /** The solver `'auto'` resolved to in the last `fit` (sklearn's `_fit_svd_solver`). */
  get fitSvdSolver(): Exclude<PCASolver, 'auto'> {
    return this.fitted('fitSvdSolver', this.#solver);
  }

  #resolveSolver(n: number, d: number): Exclude<PCASolver, 'auto'> {
    const { svdSolver, nComponents } = this.params;
    if (svdSolver !== 'auto') return svdSolver;
    if (d <= 1000 && n >= 10 * d) return 'covariance_eigh';
    if (Math.max(n, d) <= 500 || nComponents === 'mle') return 'full';
    if (typeof nComponents === 'number' && nComponents >= 1 && nComponents < 0.8 * Math.min(n, d)) return 'randomized';
    return 'full';
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, _opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const r = Math.min(n, d);
    const solver = this.#resolveSolver(n, d);
    const nc = this.params.nComponents;
    const isFraction = typeof nc === 'number' && nc > 0 && nc < 1;
    if (typeof nc === 'number' && !isFraction && !Number.isInteger(nc)) {
      throw new ValidationError(`nComponents=${nc} must be an integer count or a fraction in (0, 1)`, {
        param: 'nComponents',
        got: nc,
      });
    }
    if (solver === 'randomized') {
      if (typeof nc !== 'number' || isFraction || nc < 1 || nc > r) {
        throw new ValidationError(
          `nComponents=${nc} must be between 1 and min(n_samples, n_features)=${r} with svd_solver='randomized'`,
          { param: 'nComponents', expected: `an integer in [1, ${r}]`, got: nc },
        );
      }
    } else if (nc === 'mle') {
      if (n < d) {
        throw new ValidationError("n_components='mle' is only supported if n_samples >= n_features", {
          param: 'nComponents',
        });
      }
    } else if (typeof nc === 'number' && !isFraction && nc > r) {
      throw new ValidationError(
        `nComponents=${nc} must be between 0 and min(n_samples, n_features)=${r} with svd_solver='${solver}' (the rank allows at most ${r} components)`,
        { param: 'nComponents', expected: `<= ${r}`, got: nc },
      );
    }
    const x = xt.data as Float64Array;
    const mean = columnMeans(x, n, d);
    this.#solver = solver;
    if (solver === 'randomized') {
      this.setModel(this.#fitRandomized(centred(x, n, d, mean), n, d, nc as number, mean));
      return;
    }
    // The covariance route never needs the centred n x d copy.
    const spectrum =
      solver === 'full'
        ? svdSpectrum(centred(x, n, d, mean), n, d)
        : covarianceSpectrum(x, n, d, mean, typeof nc === 'number' && !isFraction ? nc : null);
    this.setModel(this.#fitFull(spectrum, n, d, mean));
  }

  #fitFull(
    spectrum: { vt: Float64Array; s: Float64Array; fixSigns: (k: number) => void },
    n: number,
    d: number,
    mean: Float64Array,
  ): PCAModel {
    const r = Math.min(n, d);
    const { vt, s, fixSigns } = spectrum;
    const ev = new Float64Array(r);
    let total = 0;
    for (let c = 0; c < r; c++) {
      ev[c] = (s[c] * s[c]) / (n - 1);
      total += ev[c];
    }
    const ratio = ev.map((v) => v / total);
    const nc = this.params.nComponents;
    let k: number;
    if (nc === null) k = r;
    else if (nc === 'mle') k = inferDimension(ev, n);
    else if (nc > 0 && nc < 1) {
      // numpy searchsorted(cumsum, nc, side='right') + 1.
      let acc = 0;
      k = 0;
      while (k < r && acc + ratio[k] <= nc) acc += ratio[k++];
      k = Math.min(k + 1, r);
    } else k = nc;
    fixSigns(k);
    let noise = 0;
    if (k < r) {
      for (let c = k; c < r; c++) noise += ev[c];
      noise /= r - k;
    }
    return {
      mean,
      components: vt.slice(0, k * d),
      explainedVariance: ev.slice(0, k),
      explainedVarianceRatio: ratio.slice(0, k),
      singularValues: s.slice(0, k),
      noiseVariance: noise,
      nSamples: n,
    };
  }

  #fitRandomized(xc: Float64Array, n: number, d: number, k: number, mean: Float64Array): PCAModel {
    const { iteratedPower, nOversamples, powerIterationNormalizer, randomState } = this.params;
    const { s, vt } = randomizedSvd(denseOperator(xc, n, d), k, checkRandomState(randomState), {
      nOversamples,
      nIter: iteratedPower,
      powerIterationNormalizer,
      transpose: 'auto',
      flipSign: true,
    });
    // Total variance from the data (ddof 1), as sklearn.
    let total = 0;
    for (let f = 0; f < d; f++) {
      let v = 0;
      for (let i = 0; i < n; i++) v += xc[i * d + f] * xc[i * d + f];
      total += v / (n - 1);
    }
    const ev = Float64Array.from(s, (v) => (v * v) / (n - 1));
    let kept = 0;
    for (const v of ev) kept += v;
    const r = Math.min(n, d);
    return {
      mean,
      components: vt,
      explainedVariance: ev,
      explainedVarianceRatio: ev.map((v) => v / total),
      singularValues: s,
      noiseVariance: k < r ? (total - kept) / (r - k) : 0,
      nSamples: n,
    };
  }

  protected override getState(): Record<string, unknown> {
    return { ...super.getState(), solver: this.#solver };
  }

  protected override setState(state: Record<string, unknown>): void {
    super.setState(state);
    const s = state.solver;
    this.#solver = s === 'full' || s === 'covariance_eigh' || s === 'randomized' ? s : 'full';
  }
}
