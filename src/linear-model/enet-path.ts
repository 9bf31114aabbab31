/**
 * Regularisation paths of the elastic net and the lasso (scikit-learn's
 * `enet_path`, `lasso_path`, `_alpha_grid`): coordinate descent over a
 * decreasing grid of alphas, each fit warm-started from the previous one.
 * As in sklearn, the path functions do not centre X or y.
 */

import { ValidationError } from '../base/errors.js';
import { columnOrLabels } from '../base/labels.js';
import type { Labels, MatrixLike } from '../base/types.js';
import { checkArray, checkSampleWeight } from '../base/validation.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { enetCoordinateDescent } from './cd-fast.js';

/** numpy's `finfo(float64).resolution`. */
const RESOLUTION = 1e-15;

/**
 * sklearn's default alpha grid: `nAlphas` values log-spaced from
 * `alphaMax = max|Xᵀy| / (m · l1Ratio)` down to `eps · alphaMax`, descending.
 * `x` is `m × n` row-major (already centred when fitting an intercept).
 * @example alphaGrid(Float64Array.of(1, -1), 2, 1, Float64Array.of(1, -1), 1, 1e-3, 3) // [1, 0.0316…, 0.001]
 */
export function alphaGrid(
  x: Float64Array,
  m: number,
  n: number,
  y: Float64Array,
  l1Ratio: number,
  eps: number,
  nAlphas: number,
): Float64Array {
  if (l1Ratio === 0) {
    throw new ValidationError(
      'Automatic alpha grid generation is not supported for l1Ratio=0. Please supply a grid by providing your estimator with the appropriate `alphas` parameter.',
      { param: 'l1Ratio' },
    );
  }
  let maxXy = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += x[i * n + j] * y[i];
    maxXy = Math.max(maxXy, Math.abs(s));
  }
  const alphaMax = maxXy / (m * l1Ratio);
  const out = new Float64Array(nAlphas);
  if (alphaMax <= RESOLUTION) return out.fill(RESOLUTION);
  // numpy's logspace: 10 ** linspace(start, stop), the last point exactly stop.
  const start = Math.log10(alphaMax * eps);
  const stop = Math.log10(alphaMax);
  const step = nAlphas > 1 ? (stop - start) / (nAlphas - 1) : 0;
  for (let i = 0; i < nAlphas; i++) {
    const e = i === nAlphas - 1 && nAlphas > 1 ? stop : start + i * step;
    out[nAlphas - 1 - i] = 10 ** e;
  }
  return out;
}

/** Options of {@link enetPath} / {@link lassoPath}. */
export interface EnetPathOptions {
  /** Mix of L1 (1) and L2 (0). Default 0.5 (`enetPath`) or 1 (`lassoPath`). */
  l1Ratio?: number;
  /** Grid length ratio `alphaMin / alphaMax`. Default 1e-3. */
  eps?: number;
  /** Grid size. Default 100. */
  nAlphas?: number;
  /** Explicit alphas (sorted descending internally); default the automatic grid. */
  alphas?: ArrayLike<number>;
  /** Iteration cap per alpha. Default 1000. */
  maxIter?: number;
  /** Duality-gap tolerance (relative to ‖y‖²). Default 1e-4. */
  tol?: number;
  /** Constrain coefficients ≥ 0. Default `false`. */
  positive?: boolean;
  /** Warm start for the first alpha. */
  coefInit?: ArrayLike<number>;
  /** `'cyclic'` (default) or `'random'` coordinate order. */
  selection?: 'cyclic' | 'random';
  /** Seed for `'random'` selection. */
  randomState?: RandomState;
}

/** Result of {@link enetPath}. */
export interface EnetPathResult {
  /** The alphas, descending. */
  alphas: Float64Array;
  /** Coefficients, shape `[nAlphas, nFeatures]`. */
  coefs: Tensor;
  /** Duality gap per alpha (divided by the sample count, as sklearn). */
  dualGaps: Float64Array;
  /** Coordinate-descent passes per alpha. */
  nIters: Int32Array;
}

/**
 * The path kernel on a column-major copy `xT` (`n × m`) of X; the grid must be
 * descending. Warns (`ConvergenceWarning`) for alphas that did not converge.
 */
export function enetPathKernel(
  xT: Float64Array,
  m: number,
  n: number,
  y: Float64Array,
  alphas: ArrayLike<number>,
  l1Ratio: number,
  options: Pick<EnetPathOptions, 'maxIter' | 'tol' | 'positive' | 'selection' | 'randomState'> & {
    coefInit?: ArrayLike<number>;
  },
): EnetPathResult {
  const { maxIter = 1000, tol = 1e-4, positive = false, selection = 'cyclic' } = options;
  const rng = selection === 'random' ? checkRandomState(options.randomState) : null;
  const w = options.coefInit ? Float64Array.from(options.coefInit) : new Float64Array(n);
  const k = alphas.length;
  const coefs = new Float64Array(k * n);
  const dualGaps = new Float64Array(k);
  const nIters = new Int32Array(k);
  for (let a = 0; a < k; a++) {
    const alpha = alphas[a];
    const r = enetCoordinateDescent(
      w,
      alpha * l1Ratio * m,
      alpha * (1 - l1Ratio) * m,
      xT,
      m,
      n,
      y,
      maxIter,
      tol,
      rng,
      positive,
    );
    coefs.set(w, a * n);
    dualGaps[a] = r.gap / m;
    nIters[a] = r.nIter;
    if (!r.converged) {
      warn(
        new ConvergenceWarning(
          `Objective did not converge. You might want to increase the number of iterations, check the scale of the features or consider increasing regularisation. Duality gap: ${r.gap.toExponential(3)}, tolerance: ${r.tol.toExponential(3)}`,
        ),
      );
    }
  }
  return { alphas: Float64Array.from(alphas), coefs: new Tensor(coefs, [k, n]), dualGaps, nIters };
}

/** Column-major copy of a row-major `m × n` matrix. */
export function toColumnMajor(x: ArrayLike<number>, m: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = x[i * n + j];
  return out;
}

/**
 * Elastic-net coefficients along a grid of alphas (sklearn's `enet_path`).
 * Objective per alpha: `1/(2m)‖y − Xw‖² + α·l1Ratio‖w‖₁ + ½α(1 − l1Ratio)‖w‖²`
 * (no intercept: centre X and y yourself if you need one).
 * @example
 * const { alphas, coefs } = enetPath(X, y, { l1Ratio: 0.5, nAlphas: 50 });
 */
export function enetPath(X: MatrixLike, y: Labels, options: EnetPathOptions = {}): EnetPathResult {
  const x = checkArray(X).X;
  const [m, n] = x.shape as [number, number];
  const target = columnOrLabels(y).labels;
  if (!(target instanceof Float64Array) || target.length !== m) {
    throw new ValidationError(`y must hold ${m} numbers`, { expected: m });
  }
  const { l1Ratio = 0.5, eps = 1e-3, nAlphas = 100 } = options;
  const xs = Float64Array.from(x.data);
  const alphas = options.alphas
    ? Float64Array.from(options.alphas).sort((a, b) => b - a)
    : alphaGrid(xs, m, n, target, l1Ratio, eps, nAlphas);
  if (options.coefInit !== undefined) checkSampleWeight(options.coefInit, n, { allowNegative: true, name: 'coefInit' });
  return enetPathKernel(toColumnMajor(xs, m, n), m, n, target, alphas, l1Ratio, options);
}

/**
 * Lasso coefficients along a grid of alphas (sklearn's `lasso_path`: `enetPath` with `l1Ratio = 1`).
 * @example const { alphas, coefs } = lassoPath(X, y, { nAlphas: 20 });
 */
export function lassoPath(X: MatrixLike, y: Labels, options: Omit<EnetPathOptions, 'l1Ratio'> = {}): EnetPathResult {
  return enetPath(X, y, { ...options, l1Ratio: 1 });
}
