/**
 * `QuantileTransformer`: maps each feature through its empirical CDF to a
 * uniform or normal distribution (scikit-learn's
 * `sklearn.preprocessing.QuantileTransformer`).
 *
 * `nQuantiles` reference quantiles are taken per feature with numpy's linear
 * percentile (made non-decreasing), values are mapped by interpolating
 * forwards and backwards and averaging (so repeated quantiles map to their
 * middle), and for `'normal'` output the result goes through Φ⁻¹ clipped at
 * ±Φ⁻¹(1 - 1e-7). With more than `subsample` rows, a random subset (seeded by
 * `randomState`, not numpy's stream) estimates the quantiles. NaN is kept.
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { columnValues, interp, percentileSorted } from './scaling-utils.js';
import { ndtr, ndtri } from './special.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link QuantileTransformer}. */
export interface QuantileTransformerParams {
  /** Number of reference quantiles (capped at the number of rows). Default 1000. */
  nQuantiles: number;
  /** `'uniform'` (default) or `'normal'`. */
  outputDistribution: 'uniform' | 'normal';
  /** Rows used to estimate the quantiles (a random subset above this). Default 100000. */
  subsample: number;
  /** Seed or generator for the subsample. Default `undefined`. */
  randomState: RandomState | undefined;
}

const DEFAULTS: QuantileTransformerParams = {
  nQuantiles: 1000,
  outputDistribution: 'uniform',
  subsample: 100_000,
  randomState: undefined,
};

const BOUNDS = 1e-7;
const SPACING1 = 2.220446049250313e-16;

/**
 * Transforms features to follow a uniform or normal distribution.
 *
 * Fitted attributes: `quantiles` (`[nQuantiles, nFeatures]` Tensor),
 * `references` (the probabilities), `nQuantilesFitted`.
 *
 * @example
 * import { QuantileTransformer } from 'typelearn/preprocessing';
 * const qt = await new QuantileTransformer({ nQuantiles: 5 }).fit([[1], [2], [3], [10], [20]]);
 * qt.transform([[3], [15]]);   // Tensor [[0.5], [0.875]]
 */
export class QuantileTransformer extends BaseTransformer<QuantileTransformerParams> {
  static override readonly estimatorName = 'QuantileTransformer';

  static override parameterConstraints: ParameterConstraints = {
    nQuantiles: [interval('int', 1, null, 'left')],
    outputDistribution: [options(['uniform', 'normal'])],
    subsample: [interval('int', 1, null, 'left')],
    randomState: ['randomState'],
  };

  #quantiles?: Float64Array[];
  #references?: Float64Array;

  /** @param options - see {@link QuantileTransformerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<QuantileTransformerParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true };
  }

  protected fitImpl(X: MatrixLike): void {
    this.#quantiles = undefined;
    const { X: input } = this.validateData(X, undefined, { reset: true });
    let [n, p] = input.shape;
    let data = input.data;
    const { nQuantiles, subsample } = this.params;
    if (nQuantiles > n) {
      warn(
        new TypelearnWarning(
          `nQuantiles (${nQuantiles}) is greater than the total number of samples (${n}). nQuantiles is set to nSamples.`,
        ),
      );
    }
    const m = Math.max(1, Math.min(nQuantiles, n));
    // numpy's linspace(0, 1, m).
    const references = Float64Array.from({ length: m }, (_, k) => (m === 1 ? 0 : k === m - 1 ? 1 : k * (1 / (m - 1))));
    if (n > subsample) {
      const rows = checkRandomState(this.params.randomState).choice(n, { size: subsample, replace: false });
      const sub = new Float64Array(subsample * p);
      rows.forEach((r, i) => {
        sub.set(data.subarray(r * p, r * p + p) as Float64Array, i * p);
      });
      data = sub;
      n = subsample;
    }
    const quantiles: Float64Array[] = [];
    for (let j = 0; j < p; j++) {
      const col = columnValues(data, n, p, j).sort();
      const q = references.map((r) => percentileSorted(col, r * 100));
      for (let k = 1; k < m; k++) if (q[k] < q[k - 1]) q[k] = q[k - 1];
      quantiles.push(q);
    }
    this.#quantiles = quantiles;
    this.#references = references;
  }

  /** Reference quantile values, `[nQuantiles, nFeatures]` (sklearn's `quantiles_`). */
  get quantiles(): Tensor {
    const qs = this.fitted('quantiles', this.#quantiles);
    const m = qs[0].length;
    const out = new Float64Array(m * qs.length);
    qs.forEach((q, j) => {
      for (let k = 0; k < m; k++) out[k * qs.length + j] = q[k];
    });
    return new Tensor(out, [m, qs.length]);
  }

  /** The probabilities of the reference quantiles (sklearn's `references_`). */
  get references(): Float64Array {
    return this.fitted('references', this.#references).slice();
  }

  #column(x: number, q: Float64Array, inverse: boolean): number {
    if (Number.isNaN(x)) return x;
    const normal = this.params.outputDistribution === 'normal';
    const refs = this.#references!;
    const m = q.length;
    if (inverse && normal) x = ndtr(x);
    const [lowX, highX, lowY, highY] = inverse ? [0, 1, q[0], q[m - 1]] : [q[0], q[m - 1], 0, 1];
    const isLow = normal ? x - BOUNDS < lowX : x === lowX;
    const isHigh = normal ? x + BOUNDS > highX : x === highX;
    let y: number;
    if (isLow) y = lowY;
    else if (isHigh) y = highY;
    else if (inverse) y = interp(x, refs, q);
    else {
      // Forwards and backwards interpolation averaged, for repeated quantiles.
      const negQ = Float64Array.from({ length: m }, (_, k) => -q[m - 1 - k]);
      const negR = Float64Array.from({ length: m }, (_, k) => -refs[m - 1 - k]);
      y = 0.5 * (interp(x, q, refs) - interp(-x, negQ, negR));
    }
    if (!inverse && normal) {
      const clipMin = ndtri(BOUNDS - SPACING1);
      const clipMax = ndtri(1 - (BOUNDS - SPACING1));
      y = Math.min(clipMax, Math.max(clipMin, ndtri(y)));
    }
    return y;
  }

  #apply(X: MatrixLike, inverse: boolean): Tensor {
    this.checkIsFitted();
    const { X: data } = this.validateData(X, undefined, { reset: false });
    const [n, p] = data.shape;
    const qs = this.#quantiles!;
    const out = new Float64Array(n * p);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < p; j++) out[i * p + j] = this.#column(data.data[i * p + j], qs[j], inverse);
    return new Tensor(out, [n, p]);
  }

  /**
   * Maps `X` to the output distribution.
   * @example qt.transform([[2]])
   */
  transform(X: MatrixLike): Tensor {
    return this.#apply(X, false);
  }

  /**
   * Maps transformed values back through the quantiles.
   * @example qt.inverseTransform(qt.transform(X)) // ≈ X within the training range
   */
  inverseTransform(X: MatrixLike): Tensor {
    return this.#apply(X, true);
  }

  protected getState(): Record<string, unknown> {
    return { quantiles: this.#quantiles, references: this.#references };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved QuantileTransformer');
    const references = r.float64Array('references');
    const qs = state.quantiles;
    if (!Array.isArray(qs) || !qs.every((q) => q instanceof Float64Array && q.length === references.length)) {
      throw new ValidationError(
        "saved QuantileTransformer: saved state 'quantiles' must be one Float64Array per feature",
      );
    }
    this.#references = references;
    this.#quantiles = qs as Float64Array[];
  }
}
