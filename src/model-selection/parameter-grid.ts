/**
 * `ParameterGrid`: every combination of parameter values, in scikit-learn's
 * order (keys sorted, the last key varying fastest; sub-grids in turn).
 */
import { ValidationError } from '../base/errors.js';

/** Parameter values to try per name: one grid, or a list of grids explored in turn. */
export type ParamGridSpec =
  | Readonly<Record<string, readonly unknown[]>>
  | readonly Readonly<Record<string, readonly unknown[]>>[];

/** One parameter setting. */
export type ParamSet = Record<string, unknown>;

/**
 * Checks a grid (or list of grids) and returns it as a list of sub-grids with sorted keys.
 * @example normalizeGrid({ b: [1], a: [2, 3] }) // [[['a', [2, 3]], ['b', [1]]]]
 */
export function normalizeGrid(spec: ParamGridSpec, what = 'Parameter grid'): [string, readonly unknown[]][][] {
  const grids = Array.isArray(spec) ? spec : [spec];
  if (grids.length === 0 && Array.isArray(spec)) return [];
  return grids.map((grid, g) => {
    if (grid === null || typeof grid !== 'object' || Array.isArray(grid)) {
      throw new ValidationError(`${what} at index ${g} is not an object: ${String(grid)}`, { param: 'paramGrid' });
    }
    return Object.keys(grid)
      .sort()
      .map((key) => {
        const values = (grid as Record<string, unknown>)[key];
        if (!Array.isArray(values) || values.length === 0) {
          throw new ValidationError(
            `${what} for parameter '${key}' needs to be a non-empty array, got ${JSON.stringify(values)}`,
            {
              param: key,
              got: values,
            },
          );
        }
        return [key, values] as [string, readonly unknown[]];
      });
  });
}

/**
 * The combinations of a parameter grid, iterable and indexable.
 * @example
 * const grid = new ParameterGrid({ a: [1, 2], b: [true, false] });
 * [...grid]; // [{a: 1, b: true}, {a: 1, b: false}, {a: 2, b: true}, {a: 2, b: false}]
 * grid.length; // 4
 */
export class ParameterGrid implements Iterable<ParamSet> {
  readonly #grids: [string, readonly unknown[]][][];

  constructor(paramGrid: ParamGridSpec) {
    this.#grids = normalizeGrid(paramGrid);
  }

  /** Number of combinations (an empty grid `{}` counts as one: the defaults). */
  get length(): number {
    let total = 0;
    for (const grid of this.#grids) total += grid.reduce((p, [, v]) => p * v.length, 1);
    return total;
  }

  /** The `index`-th combination (same order as iteration). */
  at(index: number): ParamSet {
    if (!Number.isInteger(index) || index < 0)
      throw new RangeError(`ParameterGrid index must be a non-negative integer, got ${index}`);
    let rest = index;
    for (const grid of this.#grids) {
      const total = grid.reduce((p, [, v]) => p * v.length, 1);
      if (rest >= total) {
        rest -= total;
        continue;
      }
      const out: ParamSet = {};
      for (let k = grid.length - 1; k >= 0; k--) {
        const [key, values] = grid[k];
        out[key] = values[rest % values.length];
        rest = Math.floor(rest / values.length);
      }
      return Object.fromEntries(grid.map(([key]) => [key, out[key]]));
    }
    throw new RangeError(`ParameterGrid index ${index} out of range (length ${this.length})`);
  }

  *[Symbol.iterator](): Iterator<ParamSet> {
    const n = this.length;
    for (let i = 0; i < n; i++) yield this.at(i);
  }
}
