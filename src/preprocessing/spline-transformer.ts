/**
 * `SplineTransformer`: a B-spline basis expansion of each feature
 * (scikit-learn 1.2's `sklearn.preprocessing.SplineTransformer`).
 *
 * Per feature, `nKnots` base knots (uniform between min and max, or at
 * quantiles, or given) are extended by `degree` equally spaced knots on each
 * side (or wrapped for `'periodic'`), and each value is mapped to the
 * `nKnots + degree - 1` basis functions (`nKnots - 1` periodic), evaluated
 * with de Boor's recurrence as scipy's `BSpline` does. Outside the base
 * interval: `'constant'` repeats the boundary values, `'linear'` extends them
 * along their slope, `'continue'` evaluates the polynomial pieces, `'periodic'`
 * wraps, `'error'` throws. Without `includeBias` the last basis function of
 * each feature is dropped.
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { columnValues, percentileSorted } from './scaling-utils.js';
import { BaseTransformer } from './transformer.js';

/** How {@link SplineTransformer} treats values outside the knots. */
export type SplineExtrapolation = 'error' | 'constant' | 'linear' | 'continue' | 'periodic';

/** Options of {@link SplineTransformer}. */
export interface SplineTransformerParams {
  /** Number of base knots (≥ 2). Default 5. */
  nKnots: number;
  /** Polynomial degree of the splines. Default 3. */
  degree: number;
  /** `'uniform'` (default), `'quantile'`, or the knots as `[nKnots][nFeatures]` (sorted, distinct). */
  knots: 'uniform' | 'quantile' | readonly (readonly number[])[];
  /** Behaviour outside the base interval. Default `'constant'`. */
  extrapolation: SplineExtrapolation;
  /** Keep every basis function (they sum to 1); `false` drops the last one per feature. Default `true`. */
  includeBias: boolean;
}

const DEFAULTS: SplineTransformerParams = {
  nKnots: 5,
  degree: 3,
  knots: 'uniform',
  extrapolation: 'constant',
  includeBias: true,
};

/** numpy's `linspace(start, stop, num)`. */
function linspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : i * step + start));
}

/** Index l with t[l] ≤ x < t[l+1], clamped to [k, n-1] (scipy's `find_interval` with extrapolation). */
function findInterval(t: Float64Array, k: number, n: number, x: number): number {
  let lo = k;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The k+1 nonzero B-splines of degree k at x on interval l (Cox-de Boor, as scipy's `_deBoor_D`): B_{l-k..l}. */
function basis(t: Float64Array, k: number, l: number, x: number, out: Float64Array): void {
  out[0] = 1;
  const left = new Float64Array(k + 1);
  const right = new Float64Array(k + 1);
  for (let j = 1; j <= k; j++) {
    left[j] = x - t[l + 1 - j];
    right[j] = t[l + j] - x;
    let saved = 0;
    for (let r = 0; r < j; r++) {
      const temp = out[r] / (right[r + 1] + left[j - r]);
      out[r] = saved + right[r + 1] * temp;
      saved = left[j - r] * temp;
    }
    out[j] = saved;
  }
}

/** First derivatives of B_{l-k..l} at x. */
function basisDerivative(t: Float64Array, k: number, l: number, x: number, out: Float64Array): void {
  out.fill(0);
  if (k === 0) return;
  const lower = new Float64Array(k);
  basis(t, k - 1, l, x, lower);
  for (let r = 0; r <= k; r++) {
    const i = l - k + r;
    const a = r - 1 >= 0 ? lower[r - 1] / (t[i + k] - t[i]) : 0;
    const b = r < k ? lower[r] / (t[i + k + 1] - t[i + 1]) : 0;
    out[r] = k * (a - b);
  }
}

/**
 * Generates univariate B-spline bases for each feature.
 *
 * Fitted attributes: `knotVectors` (the full knot vector per feature),
 * `nFeaturesOut`.
 *
 * @example
 * import { SplineTransformer } from 'typelearn/preprocessing';
 * const spl = await new SplineTransformer({ nKnots: 3, degree: 2 }).fit([[0], [1], [2], [3], [4], [5]]);
 * spl.transform([[2.5]]);      // Tensor [[0, 0.5, 0.5, 0]]
 * spl.getFeatureNamesOut();    // ['x0_sp_0', 'x0_sp_1', 'x0_sp_2', 'x0_sp_3']
 */
export class SplineTransformer extends BaseTransformer<SplineTransformerParams> {
  static override readonly estimatorName = 'SplineTransformer';

  static override parameterConstraints: ParameterConstraints = {
    nKnots: [interval('int', 2, null, 'left')],
    degree: [interval('int', 0, null, 'left')],
    knots: [options(['uniform', 'quantile']), 'arrayLike'],
    extrapolation: [options(['error', 'constant', 'linear', 'continue', 'periodic'])],
    includeBias: ['boolean'],
  };

  #knots?: Float64Array[];
  #nSplines = 0;

  /** @param options - see {@link SplineTransformerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<SplineTransformerParams> = {}) {
    super(DEFAULTS, options);
  }

  protected fitImpl(X: MatrixLike): void {
    this.#knots = undefined;
    const { X: data } = this.validateData(X, undefined, { reset: true, minSamples: 2 });
    const [n, p] = data.shape;
    const { knots, nKnots, degree, extrapolation } = this.params;
    const base: number[][] = [];
    for (let j = 0; j < p; j++) {
      if (knots === 'uniform' || knots === 'quantile') {
        const col = columnValues(data.data, n, p, j).sort();
        base.push(
          knots === 'uniform'
            ? linspace(col[0], col[col.length - 1], nKnots)
            : linspace(0, 1, nKnots).map((q) => percentileSorted(col, 100 * q)),
        );
      } else {
        if (knots.length < 2)
          throw new ValidationError('Number of knots, knots.length, must be >= 2.', { param: 'knots' });
        if (knots.some((row) => row.length !== p)) {
          throw new ValidationError('Every row of knots needs one value per feature.', { param: 'knots', expected: p });
        }
        const column = knots.map((row) => row[j]);
        if (column.some((v, k) => k > 0 && !(v > column[k - 1]))) {
          throw new ValidationError('knots must be sorted without duplicates.', { param: 'knots' });
        }
        base.push(column);
      }
    }
    const m = base[0].length;
    if (extrapolation === 'periodic' && m <= degree) {
      throw new ValidationError(`Periodic splines require degree < nKnots. Got nKnots=${m} and degree=${degree}.`, {
        param: 'degree',
      });
    }
    this.#nSplines = extrapolation === 'periodic' ? m - 1 : m + degree - 1;
    this.#knots = base.map((b) => {
      if (extrapolation === 'periodic') {
        const period = b[m - 1] - b[0];
        return Float64Array.from([
          ...b.slice(m - 1 - degree, m - 1).map((v) => v - period),
          ...b,
          ...b.slice(1, degree + 1).map((v) => v + period),
        ]);
      }
      const dMin = b[1] - b[0];
      const dMax = b[m - 1] - b[m - 2];
      const before = degree > 0 ? linspace(b[0] - degree * dMin, b[0] - dMin, degree) : [];
      const after = degree > 0 ? linspace(b[m - 1] + dMax, b[m - 1] + degree * dMax, degree) : [];
      return Float64Array.from([...before, ...b, ...after]);
    });
  }

  /** The full knot vector of each feature (scipy's `BSpline.t`). */
  get knotVectors(): Float64Array[] {
    return this.fitted('knotVectors', this.#knots).map((t) => t.slice());
  }

  /** Number of output columns (sklearn's `n_features_out_`). */
  get nFeaturesOut(): number {
    return this.nFeaturesIn * (this.#nSplines - (this.params.includeBias ? 0 : 1));
  }

  /**
   * The spline basis values of `X`, `nSplines` columns per feature.
   * @example spl.transform([[0.5]])
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { X: data } = this.validateData(X, undefined, { reset: false });
    const [nRows, p] = data.shape;
    const { degree: k, extrapolation, includeBias } = this.params;
    const S = this.#nSplines;
    const width = p * S;
    const out = new Float64Array(nRows * width);
    const vals = new Float64Array(k + 1);
    const ders = new Float64Array(k + 1);
    for (let j = 0; j < p; j++) {
      const t = this.#knots![j];
      const nBasis = t.length - k - 1;
      const xmin = t[k];
      const xmax = t[nBasis];
      // Evaluates all basis functions at x (inside, or extrapolating the end pieces) into `row` at column offset.
      const evaluate = (x: number, row: number, derivative: boolean, target: Float64Array) => {
        const l = findInterval(t, k, nBasis, x);
        if (derivative) basisDerivative(t, k, l, x, ders);
        else basis(t, k, l, x, vals);
        const src = derivative ? ders : vals;
        for (let r = 0; r <= k; r++) {
          const b = l - k + r;
          target[row * width + j * S + (b % S)] += src[r];
        }
      };
      for (let i = 0; i < nRows; i++) {
        let x = data.data[i * p + j];
        const inside = xmin <= x && x <= xmax;
        if (extrapolation === 'periodic') {
          const period = xmax - xmin;
          x = xmin + ((((x - xmin) % period) + period) % period);
          evaluate(x, i, false, out);
        } else if (inside || extrapolation === 'continue') evaluate(x, i, false, out);
        else if (extrapolation === 'error') {
          throw new ValidationError(
            `X contains values beyond the limits of the knots: ${x} at row ${i}, column ${j}.`,
            {
              row: i,
              column: j,
              got: x,
            },
          );
        } else {
          const edge = x < xmin ? xmin : xmax;
          const f = new Float64Array(nRows === 0 ? 0 : width);
          evaluate(edge, 0, false, f);
          const base = j * S;
          if (extrapolation === 'constant') {
            if (x < xmin) for (let c = 0; c < k; c++) out[i * width + base + c] = f[base + c];
            else for (let c = S - k; c < S; c++) out[i * width + base + c] = f[base + c];
          } else {
            const fp = new Float64Array(width);
            evaluate(edge, 0, true, fp);
            const kk = k <= 1 ? k + 1 : k;
            for (let c = 0; c < kk; c++) {
              const col = x < xmin ? c : S - 1 - c;
              out[i * width + base + col] = f[base + col] + (x - edge) * fp[base + col];
            }
          }
        }
      }
    }
    if (includeBias) return new Tensor(out, [nRows, width]);
    const keep = Array.from({ length: width }, (_, c) => c).filter((c) => (c + 1) % S !== 0);
    const trimmed = new Float64Array(nRows * keep.length);
    for (let i = 0; i < nRows; i++)
      for (let q = 0; q < keep.length; q++) trimmed[i * keep.length + q] = out[i * width + keep[q]];
    return new Tensor(trimmed, [nRows, keep.length]);
  }

  /**
   * Names `<feature>_sp_<j>`.
   * @example spl.getFeatureNamesOut(['age']) // ['age_sp_0', …]
   */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const names = this.inputFeatureNames(inputFeatures);
    const m = this.#nSplines - (this.params.includeBias ? 0 : 1);
    return names.flatMap((name) => Array.from({ length: m }, (_, j) => `${name}_sp_${j}`));
  }

  protected getState(): Record<string, unknown> {
    return { knots: this.#knots, nSplines: this.#nSplines };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved SplineTransformer');
    const knots = state.knots;
    if (!Array.isArray(knots) || !knots.every((t) => t instanceof Float64Array)) {
      throw new ValidationError("saved SplineTransformer: saved state 'knots' must be one Float64Array per feature");
    }
    this.#knots = knots as Float64Array[];
    this.#nSplines = r.number('nSplines', { integer: true, min: 1 });
  }
}
