/**
 * `KNNImputer`: fills each missing value with the (weighted) mean of that
 * feature over the `nNeighbors` nearest training rows that have it
 * (scikit-learn 1.2's `sklearn.impute.KNNImputer`).
 *
 * Distances are sklearn's `nan_euclidean`: over the coordinates both rows
 * have, scaled up by `nFeatures / nPresent`, NaN when they share none. A
 * receiver with no usable donor gets the feature's training mean. Columns
 * with no observed training value are dropped (kept as 0 with
 * `keepEmptyFeatures`). Ties between equally distant donors are broken by row
 * order, where sklearn's `argpartition` leaves the choice unspecified.
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link KNNImputer}. */
export interface KNNImputerParams {
  /** Number of donors averaged per missing value. Default 5. */
  nNeighbors: number;
  /** `'uniform'` (default) or `'distance'` (weights 1/d; exact matches win outright). */
  weights: 'uniform' | 'distance';
  /** The placeholder for missing values: NaN (default) or a number. */
  missingValues: number;
  /** Append 0/1 indicator columns for the features that had missing values in fit. Default `false`. */
  addIndicator: boolean;
  /** Keep all-missing training columns (filled with 0) instead of dropping them. Default `false`. */
  keepEmptyFeatures: boolean;
}

const DEFAULTS: KNNImputerParams = {
  nNeighbors: 5,
  weights: 'uniform',
  missingValues: Number.NaN,
  addIndicator: false,
  keepEmptyFeatures: false,
};

/**
 * sklearn's `nan_euclidean` distance between row `a` of `A` and row `b` of
 * `B` (both `[·, p]`, NaN missing).
 * @example nanEuclidean([3, NaN, 1], 0, [1, 1, 1], 0, 3) // sqrt(3/2 * 4)
 */
export function nanEuclidean(A: ArrayLike<number>, a: number, B: ArrayLike<number>, b: number, p: number): number {
  let sum = 0;
  let present = 0;
  for (let j = 0; j < p; j++) {
    const x = A[a * p + j];
    const y = B[b * p + j];
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    sum += (x - y) * (x - y);
    present++;
  }
  return present === 0 ? Number.NaN : Math.sqrt((p / present) * sum);
}

/**
 * Imputes missing values from the nearest neighbours in the training data.
 *
 * @example
 * import { KNNImputer } from 'typelearn/preprocessing';
 * const X = [[1, 2, NaN], [3, 4, 3], [NaN, 6, 5], [8, 8, 7]];
 * (await new KNNImputer({ nNeighbors: 2 }).fitTransform(X)).toArray();
 * // [[1, 2, 4], [3, 4, 3], [5.5, 6, 5], [8, 8, 7]]
 */
export class KNNImputer extends BaseTransformer<KNNImputerParams> {
  static override readonly estimatorName = 'KNNImputer';

  static override parameterConstraints: ParameterConstraints = {
    nNeighbors: [interval('int', 1, null, 'left')],
    weights: [options(['uniform', 'distance'])],
    missingValues: [interval('real', null, null, 'neither'), options([Number.NaN])],
    addIndicator: ['boolean'],
    keepEmptyFeatures: ['boolean'],
  };

  #fitX?: Float64Array;
  #valid?: Uint8Array;
  #indicator?: Int32Array;

  /** @param options - see {@link KNNImputerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<KNNImputerParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true };
  }

  /** `X` with the placeholder turned into NaN (a fresh buffer). */
  #read(X: MatrixLike, reset: boolean): { data: Float64Array; n: number; p: number } {
    const { X: t } = this.validateData(X, undefined, { reset });
    const [n, p] = t.shape;
    const data = Float64Array.from(t.data);
    const mv = this.params.missingValues;
    if (!Number.isNaN(mv)) {
      for (let k = 0; k < data.length; k++) {
        if (Number.isNaN(data[k])) {
          throw new ValidationError(
            `Input X contains NaN at row ${Math.floor(k / p)}, column ${k % p}, but missingValues is ${mv}.`,
            { row: Math.floor(k / p), column: k % p, got: Number.NaN },
          );
        }
        if (data[k] === mv) data[k] = Number.NaN;
      }
    }
    return { data, n, p };
  }

  protected fitImpl(X: MatrixLike): void {
    this.#fitX = undefined;
    const { data, n, p } = this.#read(X, true);
    const valid = new Uint8Array(p);
    const anyMissing = new Uint8Array(p);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        if (!Number.isNaN(data[i * p + j])) valid[j] = 1;
        else anyMissing[j] = 1;
      }
    }
    this.#fitX = data;
    this.#valid = valid;
    this.#indicator = Int32Array.from(Array.from(anyMissing.keys()).filter((j) => anyMissing[j]));
  }

  #kept(): number[] {
    const valid = this.#valid!;
    return Array.from(valid.keys()).filter((j) => this.params.keepEmptyFeatures || valid[j]);
  }

  /**
   * Fills the missing values of `X` from its nearest training rows.
   * @example imputer.transform([[NaN, 4, 3]])
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { data, n, p } = this.#read(X, false);
    const fitX = this.#fitX!;
    const valid = this.#valid!;
    const nFit = fitX.length / p;
    const { nNeighbors, weights } = this.params;
    // Per column: training rows that have it (donors) and its training mean.
    const donors: Int32Array[] = [];
    const means = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const idx: number[] = [];
      let sum = 0;
      for (let r = 0; r < nFit; r++) {
        const v = fitX[r * p + j];
        if (!Number.isNaN(v)) {
          idx.push(r);
          sum += v;
        }
      }
      donors.push(Int32Array.from(idx));
      means[j] = idx.length > 0 ? sum / idx.length : Number.NaN;
    }
    const result = Float64Array.from(data);
    const dist = new Float64Array(nFit);
    for (let i = 0; i < n; i++) {
      let needs = false;
      for (let j = 0; j < p; j++) if (valid[j] && Number.isNaN(data[i * p + j])) needs = true;
      if (!needs) continue;
      for (let r = 0; r < nFit; r++) dist[r] = nanEuclidean(data, i, fitX, r, p);
      for (let j = 0; j < p; j++) {
        if (!valid[j] || !Number.isNaN(data[i * p + j])) continue;
        const pool = donors[j];
        let finite = 0;
        for (let t = 0; t < pool.length; t++) if (!Number.isNaN(dist[pool[t]])) finite++;
        if (finite === 0) {
          result[i * p + j] = means[j];
          continue;
        }
        // Nearest donors first, NaN distances last, ties by row order.
        const order = Array.from(pool).sort((a, b) => {
          const da = dist[a];
          const db = dist[b];
          if (Number.isNaN(da) || Number.isNaN(db)) return Number.isNaN(da) ? (Number.isNaN(db) ? a - b : 1) : -1;
          return da - db || a - b;
        });
        const k = Math.min(nNeighbors, pool.length);
        let num = 0;
        let den = 0;
        let exact = false;
        if (weights === 'distance') for (let t = 0; t < k; t++) if (dist[order[t]] === 0) exact = true;
        for (let t = 0; t < k; t++) {
          const d = dist[order[t]];
          let w = 1;
          if (weights === 'distance') w = exact ? (d === 0 ? 1 : 0) : Number.isNaN(d) ? 0 : 1 / d;
          num += w * fitX[order[t] * p + j];
          den += w;
        }
        result[i * p + j] = num / den;
      }
    }
    const kept = this.#kept();
    const indicator = this.params.addIndicator ? this.#indicator! : new Int32Array(0);
    const width = kept.length + indicator.length;
    const out = new Float64Array(n * width);
    for (let i = 0; i < n; i++) {
      kept.forEach((j, c) => {
        out[i * width + c] = valid[j] ? result[i * p + j] : 0;
      });
      indicator.forEach((j, c) => {
        out[i * width + kept.length + c] = Number.isNaN(data[i * p + j]) ? 1 : 0;
      });
    }
    return new Tensor(out, [n, width]);
  }

  /**
   * The kept input names, then `missingindicator_<name>` per indicator column.
   * @example imputer.getFeatureNamesOut() // ['x0', 'x1', 'x2']
   */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const names = this.inputFeatureNames(inputFeatures);
    const out = this.#kept().map((j) => names[j]);
    if (this.params.addIndicator) for (const j of this.#indicator!) out.push(`missingindicator_${names[j]}`);
    return out;
  }

  protected getState(): Record<string, unknown> {
    return { fitX: this.#fitX, valid: this.#valid, indicator: this.#indicator };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved KNNImputer');
    const fitX = r.float64Array('fitX');
    const { valid, indicator } = state;
    if (
      !(valid instanceof Uint8Array) ||
      !(indicator instanceof Int32Array) ||
      fitX.length % Math.max(1, valid.length) !== 0
    ) {
      throw new ValidationError(
        'saved KNNImputer: saved state must hold fitX (Float64Array), valid (Uint8Array), indicator (Int32Array)',
      );
    }
    this.#fitX = fitX;
    this.#valid = valid;
    this.#indicator = indicator;
  }
}
