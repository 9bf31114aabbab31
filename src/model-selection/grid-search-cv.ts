/**
 * `GridSearchCV`: exhaustive search over a parameter grid, scikit-learn's `GridSearchCV`.
 */
import { BaseSearchCV, type EvaluateCandidates, type SearchableEstimator, type SearchOptions } from './base-search.js';
import { ParameterGrid, type ParamGridSpec } from './parameter-grid.js';

/**
 * Cross-validates every combination of `paramGrid` (see {@link ParameterGrid}
 * for the order) and refits the best on all the data. All candidates × splits
 * run as one batch, on `nJobs` workers; results are the same for any `nJobs`.
 *
 * After `fit`: `cvResults`, `bestIndex`, `bestParams`, `bestScore`,
 * `bestEstimator` (with `refit`), `refitTime`, `nSplits`; `predict` and
 * friends delegate to `bestEstimator`.
 * @example
 * const search = new GridSearchCV(new LinearRegression(), { fitIntercept: [true, false] }, { cv: 5, scoring: 'r2', nJobs: 2 });
 * await search.fit(X, y);
 * search.bestParams;                   // { fitIntercept: true }
 * search.cvResults.mean_test_score;    // Float64Array, one per candidate
 */
export class GridSearchCV<E extends SearchableEstimator> extends BaseSearchCV<E> {
  readonly paramGrid: ParamGridSpec;
  readonly #grid: ParameterGrid;

  constructor(estimator: E, paramGrid: ParamGridSpec, options: SearchOptions = {}) {
    super(estimator, options);
    this.#grid = new ParameterGrid(paramGrid);
    this.paramGrid = paramGrid;
    this.checkParamNames([...this.#grid]);
  }

  protected async runSearch(evaluate: EvaluateCandidates): Promise<void> {
    await evaluate([...this.#grid]);
  }
}
