/**
 * `ParameterSampler`: random parameter settings for `RandomizedSearchCV`,
 * scikit-learn's `ParameterSampler`.
 */
import { ValidationError } from '../base/errors.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { type Distribution, isDistribution } from './distributions.js';
import { ParameterGrid, type ParamSet } from './parameter-grid.js';

/** Per parameter: a distribution, or an array of values chosen uniformly. One record or a list (one picked per draw). */
export type ParamDistributions =
  | Readonly<Record<string, Distribution | readonly unknown[]>>
  | readonly Readonly<Record<string, Distribution | readonly unknown[]>>[];

/** Options of {@link ParameterSampler}. */
export interface ParameterSamplerOptions {
  /** Number of settings drawn. */
  nIter: number;
  /** Seed or generator; a seed gives the same settings on every iteration. */
  randomState?: RandomState;
}

/**
 * Draws `nIter` settings. When every parameter is an array, settings are drawn
 * from the full grid without replacement (at most the grid size, with a
 * warning); otherwise each draw picks each parameter (keys sorted) from its
 * distribution, or uniformly from its array.
 * @example
 * const sampler = new ParameterSampler({ C: loguniform(1e-3, 1e3), kernel: ['rbf', 'linear'] }, { nIter: 5, randomState: 0 });
 * [...sampler]; // 5 settings, the same for every run with seed 0
 */
export class ParameterSampler implements Iterable<ParamSet> {
  readonly nIter: number;
  readonly randomState: RandomState | undefined;
  readonly #dists: [string, Distribution | readonly unknown[]][][];

  constructor(paramDistributions: ParamDistributions, options: ParameterSamplerOptions) {
    const list = Array.isArray(paramDistributions) ? paramDistributions : [paramDistributions];
    if (list.length === 0) throw new ValidationError('paramDistributions is empty', { param: 'paramDistributions' });
    this.#dists = list.map((d) => {
      if (d === null || typeof d !== 'object' || Array.isArray(d)) {
        throw new ValidationError(`paramDistributions must be an object or a list of objects, got ${String(d)}`, {
          param: 'paramDistributions',
        });
      }
      return Object.keys(d)
        .sort()
        .map((key) => {
          const v = (d as Record<string, unknown>)[key];
          if (!isDistribution(v) && (!Array.isArray(v) || v.length === 0)) {
            throw new ValidationError(
              `Parameter distribution for '${key}' must be a non-empty array or a distribution (uniform, loguniform, randint), got ${JSON.stringify(v)}`,
              { param: key, got: v },
            );
          }
          return [key, v as Distribution | readonly unknown[]];
        });
    });
    if (!Number.isInteger(options?.nIter) || options.nIter < 1) {
      throw new ValidationError(`nIter must be a positive integer, got ${options?.nIter}`, { param: 'nIter' });
    }
    this.nIter = options.nIter;
    this.randomState = options.randomState;
  }

  get #allLists(): boolean {
    return this.#dists.every((d) => d.every(([, v]) => Array.isArray(v)));
  }

  /** Number of settings iteration yields. */
  get length(): number {
    if (!this.#allLists) return this.nIter;
    return Math.min(this.nIter, new ParameterGrid(this.#asGrid()).length);
  }

  #asGrid(): Record<string, readonly unknown[]>[] {
    return this.#dists.map((d) => Object.fromEntries(d) as Record<string, readonly unknown[]>);
  }

  *[Symbol.iterator](): Iterator<ParamSet> {
    const rng = checkRandomState(this.randomState);
    if (this.#allLists) {
      const grid = new ParameterGrid(this.#asGrid());
      let n = this.nIter;
      if (grid.length < n) {
        warn(
          new TypelearnWarning(
            `The total space of parameters ${grid.length} is smaller than nIter=${n}. Running ${grid.length} iterations. For exhaustive searches, use GridSearchCV.`,
          ),
        );
        n = grid.length;
      }
      for (const i of rng.choice(grid.length, { size: n, replace: false })) yield grid.at(i);
      return;
    }
    for (let i = 0; i < this.nIter; i++) {
      const dist = this.#dists.length === 1 ? this.#dists[0] : this.#dists[rng.integers(0, this.#dists.length)];
      const out: ParamSet = {};
      for (const [key, v] of dist) out[key] = isDistribution(v) ? v.rvs(rng) : v[rng.integers(0, v.length)];
      yield out;
    }
  }
}
