/**
 * `PolynomialFeatures`: all products of the input features up to a degree
 * (scikit-learn's `sklearn.preprocessing.PolynomialFeatures`).
 *
 * Output columns come in sklearn's order: the bias `1` (with `includeBias`),
 * then for each degree the index combinations with replacement (without
 * replacement for `interactionOnly`) in lexicographic order, e.g. for two
 * features and degree 2: `1, x0, x1, x0^2, x0 x1, x1^2`.
 */
import { ValidationError } from '../base/errors.js';
import { interval, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link PolynomialFeatures}. */
export interface PolynomialFeaturesParams {
  /** Maximum degree, or `[minDegree, maxDegree]`. Default 2. */
  degree: number | readonly [number, number];
  /** Only products of distinct features (no `x0^2`). Default `false`. */
  interactionOnly: boolean;
  /** Include the all-ones bias column. Default `true`. */
  includeBias: boolean;
}

const DEFAULTS: PolynomialFeaturesParams = { degree: 2, interactionOnly: false, includeBias: true };

/** Index combinations of `n` items of size `k` (with or without replacement), lexicographic. */
function combinations(n: number, k: number, replacement: boolean): number[][] {
  const out: number[][] = [];
  const current: number[] = [];
  const rec = (start: number) => {
    if (current.length === k) {
      out.push([...current]);
      return;
    }
    for (let i = start; i < n; i++) {
      current.push(i);
      rec(replacement ? i : i + 1);
      current.pop();
    }
  };
  rec(0);
  return out;
}

/**
 * Generates polynomial and interaction features.
 *
 * Fitted attributes: `powers` (`powers[k][j]` is the exponent of input `j` in
 * output `k`), `nOutputFeatures`.
 *
 * @example
 * import { PolynomialFeatures } from 'typelearn/preprocessing';
 * const poly = await new PolynomialFeatures({ degree: 2 }).fit([[2, 3]]);
 * poly.transform([[2, 3]]);     // Tensor [[1, 2, 3, 4, 6, 9]]
 * poly.getFeatureNamesOut();    // ['1', 'x0', 'x1', 'x0^2', 'x0 x1', 'x1^2']
 */
export class PolynomialFeatures extends BaseTransformer<PolynomialFeaturesParams> {
  static override readonly estimatorName = 'PolynomialFeatures';

  static override parameterConstraints: ParameterConstraints = {
    degree: [interval('int', 0, null, 'left'), 'arrayLike'],
    interactionOnly: ['boolean'],
    includeBias: ['boolean'],
  };

  /** Input indices multiplied into each output column. */
  #combos?: number[][];

  /** @param options - see {@link PolynomialFeaturesParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<PolynomialFeaturesParams> = {}) {
    super(DEFAULTS, options);
  }

  #degrees(): [number, number] {
    const d = this.params.degree;
    const [lo, hi] = typeof d === 'number' ? [0, d] : [d[0], d[1]];
    const ok = Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && lo <= hi;
    if (!ok || (typeof d !== 'number' && d.length !== 2)) {
      throw new ValidationError(
        `degree=(minDegree, maxDegree) must be non-negative integers that fulfil minDegree <= maxDegree, got ${JSON.stringify(d)}.`,
        { param: 'degree', got: d },
      );
    }
    if (hi === 0 && !this.params.includeBias) {
      throw new ValidationError(
        'Setting degree to zero and includeBias to false would result in an empty output array.',
        {
          param: 'degree',
          got: d,
        },
      );
    }
    return [lo, hi];
  }

  protected fitImpl(X: MatrixLike): void {
    this.#combos = undefined;
    const [lo, hi] = this.#degrees();
    const p = this.validateData(X, undefined, { reset: true }).X.shape[1];
    const combos: number[][] = this.params.includeBias ? [[]] : [];
    for (let k = Math.max(1, lo); k <= hi; k++) combos.push(...combinations(p, k, !this.params.interactionOnly));
    this.#combos = combos;
  }

  /** `powers[k][j]`: exponent of input `j` in output column `k` (sklearn's `powers_`). */
  get powers(): number[][] {
    const combos = this.fitted('powers', this.#combos);
    const p = this.nFeaturesIn;
    return combos.map((c) => {
      const row = new Array<number>(p).fill(0);
      for (const j of c) row[j]++;
      return row;
    });
  }

  /** Number of output columns (sklearn's `n_output_features_`). */
  get nOutputFeatures(): number {
    return this.fitted('nOutputFeatures', this.#combos).length;
  }

  /**
   * The polynomial features of `X`.
   * @example poly.transform([[1, 2]])
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { X: data } = this.validateData(X, undefined, { reset: false });
    const combos = this.#combos!;
    const [n, p] = data.shape;
    const m = combos.length;
    const src = data.data;
    const out = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < m; k++) {
        const c = combos[k];
        let v = 1;
        for (let t = 0; t < c.length; t++) v *= src[i * p + c[t]];
        out[i * m + k] = v;
      }
    }
    return new Tensor(out, [n, m]);
  }

  /**
   * Output names: `1`, `x0`, `x0^2`, `x0 x1`, … (input names when fitted on a table).
   * @example poly.getFeatureNamesOut(['a', 'b']) // ['1', 'a', 'b', 'a^2', 'a b', 'b^2']
   */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const names = this.inputFeatureNames(inputFeatures);
    return this.powers.map((row) => {
      const parts: string[] = [];
      row.forEach((e, j) => {
        if (e > 0) parts.push(e === 1 ? names[j] : `${names[j]}^${e}`);
      });
      return parts.length === 0 ? '1' : parts.join(' ');
    });
  }

  protected getState(): Record<string, unknown> {
    return { combos: this.#combos };
  }

  protected setState(state: Record<string, unknown>): void {
    new StateReader(state, 'saved PolynomialFeatures');
    const combos = state.combos;
    if (
      !Array.isArray(combos) ||
      !combos.every((c) => Array.isArray(c) && c.every((j) => Number.isInteger(j) && j >= 0))
    ) {
      throw new ValidationError("saved PolynomialFeatures: saved state 'combos' must be arrays of feature indices");
    }
    this.#combos = combos as number[][];
  }
}
