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
import { centredGram } from '../linalg/gram.js';
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

/** Bytes per chunk of {@link flipByCentredScores} for narrow rows: a `d x rows` scratch of about 256 KiB (stays in L2). */
const FLIP_CHUNK_BYTES = 256 * 1024;

/** `xt[f * rows + i] = x[(r0 + i) * d + f] - mean[f]`: rows `r0 .. r0+rows` centred and transposed. */
function centredTransposed(
  x: Float64Array,
  r0: number,
  rows: number,
  d: number,
  mean: Float64Array,
  xt: Float64Array,
): void {
  const last = rows - (rows % 4);
  for (let f = 0; f < d; f++) {
    const m = mean[f];
    const base = f * rows;
    let i = 0;
    let o = r0 * d + f;
    // Four rows per step: V8 keeps the strided loads independent (about 25% faster than one).
    for (; i < last; i += 4, o += 4 * d) {
      xt[base + i] = x[o] - m;
      xt[base + i + 1] = x[o + d] - m;
      xt[base + i + 2] = x[o + 2 * d] - m;
      xt[base + i + 3] = x[o + 3 * d] - m;
    }
    for (; i < rows; i++, o += d) xt[base + i] = x[o] - m;
  }
}

/**
 * sklearn 1.2's u-based `svd_flip` for the covariance route: row `c` of `vt` is
 * negated when the largest-magnitude entry of `u_c = (x - 1·meanᵀ)·vt[c]ᵀ` (the
 * first one on ties) is negative. `U` is never stored: rows are centred a chunk
 * at a time into a scratch (transposed, `d x rows`, for narrow rows, so the GEMM
 * copies it into the kernel as is), `vt[:k] · chunkᵀ` gives the chunk's `k x rows`
 * scores, and the running maximum of each component is updated from them.
 */
function flipByCentredScores(
  x: Float64Array,
  n: number,
  d: number,
  mean: Float64Array,
  vt: Float64Array,
  k: number,
): void {
  if (k === 0) return;
  // At least 1,024 rows, so wide rows still give the GEMM deep enough products.
  const chunk = Math.min(n, Math.max(1024, Math.floor(FLIP_CHUNK_BYTES / (8 * d) / 4) * 4));
  // Narrow rows: transposed, so the GEMM takes its direct path (one memcpy of the chunk, no
  // packing); wide rows: row-major, which the packing path reads along contiguous rows.
  const transposed = d <= 32;
  const xt = new Float64Array(chunk * d);
  const scores = new Float64Array(k * chunk);
  const best = new Float64Array(k);
  const bestAbs = new Float64Array(k).fill(-1);
  for (let r0 = 0; r0 < n; r0 += chunk) {
    const rows = Math.min(chunk, n - r0);
    if (transposed) {
      centredTransposed(x, r0, rows, d, mean, xt);
      gemm(false, false, k, rows, d, 1, vt, d, xt, rows, 0, scores, rows);
    } else {
      for (let i = 0, o = r0 * d; i < rows; i++) for (let f = 0; f < d; f++, o++) xt[o - r0 * d] = x[o] - mean[f];
      gemm(false, true, k, rows, d, 1, vt, d, xt, d, 0, scores, rows);
    }
    for (let c = 0; c < k; c++) {
      let b = best[c];
      let ba = bestAbs[c];
      for (let i = 0, o = c * rows; i < rows; i++, o++) {
        const a = Math.abs(scores[o]);
        if (a > ba) {
          ba = a;
          b = scores[o];
        }
      }
      best[c] = b;
      bestAbs[c] = ba;
    }
  }
  for (let c = 0; c < k; c++) if (best[c] < 0) for (let f = 0; f < d; f++) vt[c * d + f] = -vt[c * d + f];
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
 * (built with the column means in one pass, without a centred copy of `x`):
 * `vt` (`r x d`), `s` (`r`), `mean`, and `fixSigns(k)`, which applies sklearn's
 * sign rule to the first `k` rows of `vt`.
 */
function covarianceSpectrum(x: Float64Array, n: number, d: number, wanted: number | null) {
  const r = Math.min(n, d);
  const { mean, gram: cov } = centredGram(x, n, d);
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
  const fixSigns = (k: number): void => flipByCentredScores(x, n, d, mean, vt, k);
  return { vt, s, mean, fixSigns };
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
    this.#solver = solver;
    if (solver === 'covariance_eigh') {
      // One pass for the mean and the covariance; never a centred n x d copy.
      const spectrum = covarianceSpectrum(x, n, d, typeof nc === 'number' && !isFraction ? nc : null);
      this.setModel(this.#fitFull(spectrum, n, d, spectrum.mean));
      return;
    }
    const mean = columnMeans(x, n, d);
    if (solver === 'randomized') {
      this.setModel(this.#fitRandomized(centred(x, n, d, mean), n, d, nc as number, mean));
      return;
    }
    this.setModel(this.#fitFull(svdSpectrum(centred(x, n, d, mean), n, d), n, d, mean));
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
