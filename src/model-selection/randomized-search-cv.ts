/**
 * `RandomizedSearchCV`: search over sampled parameter settings, scikit-learn's `RandomizedSearchCV`.
 */
import type { RandomState } from '../tensor/random.js';
import { BaseSearchCV, type EvaluateCandidates, type SearchableEstimator, type SearchOptions } from './base-search.js';
import { type ParamDistributions, ParameterSampler } from './parameter-sampler.js';

/** Options of {@link RandomizedSearchCV}. */
export interface RandomizedSearchOptions extends SearchOptions {
  /** Number of settings sampled. Default 10. */
  nIter?: number;
  /** Seed or generator for the sampling (a seed gives the same candidates on every fit). */
  randomState?: RandomState;
}

/**
 * Cross-validates `nIter` settings drawn by {@link ParameterSampler} from
 * `paramDistributions` (arrays = uniform choice; `uniform`, `loguniform`,
 * `randint` distributions), then refits the best. Same attributes as `GridSearchCV`.
 * @example
 * const search = new RandomizedSearchCV(new Ridge(), { alpha: loguniform(1e-3, 1e3) }, { nIter: 20, randomState: 0 });
 * await search.fit(X, y);
 * search.bestParams.alpha;
 */
export class RandomizedSearchCV<E extends SearchableEstimator> extends BaseSearchCV<E> {
  readonly paramDistributions: ParamDistributions;
  readonly nIter: number;
  readonly randomState: RandomState | undefined;

  constructor(estimator: E, paramDistributions: ParamDistributions, options: RandomizedSearchOptions = {}) {
    const { nIter = 10, randomState, ...rest } = options;
    super(estimator, rest);
    this.nIter = nIter;
    this.randomState = randomState;
    this.paramDistributions = paramDistributions;
    // Validates the distributions and names now rather than at fit.
    const names = new Set(
      (Array.isArray(paramDistributions) ? paramDistributions : [paramDistributions]).flatMap(Object.keys),
    );
    new ParameterSampler(paramDistributions, { nIter });
    this.checkParamNames([Object.fromEntries([...names].map((n) => [n, undefined]))]);
  }

  protected async runSearch(evaluate: EvaluateCandidates): Promise<void> {
    await evaluate([
      ...new ParameterSampler(this.paramDistributions, { nIter: this.nIter, randomState: this.randomState }),
    ]);
  }
}
