/**
 * `BaseSearchCV`: what the hyperparameter searches share — evaluating
 * candidate settings by cross-validation (in parallel with `nJobs`), building
 * `cvResults`, choosing the best candidate and refitting it on all the data.
 */
import { clone } from '../base/clone.js';
import { NotFittedError, ValidationError } from '../base/errors.js';
import type { Labels, MatrixLike } from '../base/types.js';
import type { Tensor } from '../tensor/tensor.js';
import type { CvOption } from './check-cv.js';
import { checkErrorScore, makeSplits, warnFitFailures } from './cross-validate.js';
import { type CvData, toCvData } from './cv-data.js';
import { buildCvResults, type CvResults } from './cv-results.js';
import type { FitResult, FitTask, FittableEstimator } from './fit-and-score.js';
import type { ParamSet } from './parameter-grid.js';
import { type ParallelOptions, runFitTasks } from './run-tasks.js';
import { resolveScoring, type ScoringOption, type ScoringSpec } from './scoring.js';

/** An estimator a search can tune: fit plus `getParams`/`setParams`. */
export interface SearchableEstimator extends FittableEstimator {
  /** With `{ deep: true }`, meta-estimators (Pipeline...) also list nested `step__param` names. */
  getParams(options?: { deep?: boolean }): object;
  setParams(params: object): unknown;
}

/** Options every search accepts. */
export interface SearchOptions extends ParallelOptions {
  /** A scorer name or function, a list of names, or a record of scorers. Default: the estimator's `score`. */
  scoring?: ScoringOption;
  /** Folds: a number k (StratifiedKFold(k) for classifiers, KFold(k) otherwise), a splitter, or `[train, test]` pairs. Default 5. */
  cv?: CvOption;
  /**
   * Refit the best candidate on all the data: `true` (single metric), the
   * metric name to choose by (several metrics), or `false`. Default `true`.
   */
  refit?: boolean | string;
  /** Also record train scores. Default `false`. */
  returnTrainScore?: boolean;
  /** `'raise'`, or the score failing fits get (with a warning). Default `NaN`. */
  errorScore?: 'raise' | number;
}

/** Options of a search's `fit`. */
export interface SearchFitOptions {
  /** Group labels for group splitters. */
  groups?: Labels;
  /** Cancels the search. */
  signal?: AbortSignal;
}

/** Evaluates candidates on the search's splits; what `runSearch` implementations call. */
export type EvaluateCandidates = (
  candidates: readonly ParamSet[],
  options?: { splits?: [Int32Array, Int32Array][]; extra?: Record<string, unknown[]> },
) => Promise<CvResults>;

/** What `runSearch` gets besides `evaluate`: the data and the search's splits. */
export interface SearchContext {
  data: CvData;
  splits: [Int32Array, Int32Array][];
}

/**
 * Base class of `GridSearchCV`, `RandomizedSearchCV` and `HalvingGridSearchCV`.
 * Subclasses implement `runSearch`, calling `evaluate` with candidate settings
 * (once or several times); results accumulate in `cvResults`.
 * @example
 * class MySearch extends BaseSearchCV<Model> {
 *   protected async runSearch(evaluate: EvaluateCandidates) { await evaluate([{ alpha: 1 }, { alpha: 2 }]); }
 * }
 */
export abstract class BaseSearchCV<E extends SearchableEstimator> {
  readonly estimator: E;
  readonly options: Readonly<SearchOptions>;
  #cvResults?: CvResults;
  #bestIndex?: number;
  #bestEstimator?: E;
  #refitTime?: number;
  #nSplits?: number;
  #scoring?: ScoringSpec;

  protected constructor(estimator: E, options: SearchOptions) {
    if (typeof estimator?.fit !== 'function' || typeof estimator.getParams !== 'function') {
      throw new ValidationError('The search needs an estimator with fit, getParams and setParams', {
        param: 'estimator',
      });
    }
    this.estimator = estimator;
    this.options = Object.freeze({ ...options });
  }

  /** Runs the search, calling `evaluate` with candidates. */
  protected abstract runSearch(evaluate: EvaluateCandidates, context: SearchContext): Promise<void>;

  /** Index of the best candidate in `cvResults` (sklearn's rule; halving overrides it). */
  protected selectBestIndex(results: CvResults, refitMetric: string): number {
    const rank = results[`rank_test_${refitMetric}`] as Int32Array;
    let best = 0;
    for (let i = 1; i < rank.length; i++) if (rank[i] < rank[best]) best = i;
    return best;
  }

  /** Checks that every parameter name exists on the estimator (a `ValidationError` naming it otherwise). */
  protected checkParamNames(candidates: readonly ParamSet[]): void {
    const valid = Object.keys(this.estimator.getParams({ deep: true }));
    for (const params of candidates) {
      for (const name of Object.keys(params)) {
        if (!valid.includes(name)) {
          const owner = (this.estimator as { estimatorName?: string }).estimatorName ?? this.estimator.constructor.name;
          throw new ValidationError(
            `Invalid parameter '${name}' for estimator ${owner}. Valid parameters are: ${valid.join(', ')}.`,
            { param: name, expected: valid, got: name },
          );
        }
      }
    }
  }

  #refitMetric(scoring: ScoringSpec): string | undefined {
    const { refit = true } = this.options;
    if (scoring.multimetric) {
      if (refit === true) {
        throw new ValidationError(
          `For multi-metric scoring, refit must be set to a scorer name (${scoring.names.join(', ')}) or false; got true`,
          { param: 'refit' },
        );
      }
      if (refit === false) return undefined;
      if (!scoring.names.includes(refit)) {
        throw new ValidationError(`refit='${refit}' is not one of the scorers: ${scoring.names.join(', ')}`, {
          param: 'refit',
        });
      }
      return refit;
    }
    if (typeof refit === 'string' && refit !== 'score') {
      throw new ValidationError(`refit='${refit}' names a metric but scoring is a single scorer; use refit: true`, {
        param: 'refit',
      });
    }
    return 'score';
  }

  /**
   * Evaluates the candidates by cross-validation, picks the best and (with
   * `refit`) fits it on all of `X`, `y`. Resolves to `this`.
   * @example await search.fit(X, y);
   */
  async fit(X: MatrixLike, y?: Labels, options: SearchFitOptions = {}): Promise<this> {
    const scoring = resolveScoring(this.options.scoring);
    const refitMetric = this.#refitMetric(scoring);
    const errorScore = checkErrorScore(this.options.errorScore);
    const data = toCvData(X, y, this.constructor.name);
    const base = makeSplits(this.estimator, this.options.cv, data, options.groups);
    const nSplits = base.splits.length;
    const returnTrainScore = this.options.returnTrainScore ?? false;
    const allParams: ParamSet[] = [];
    const allResults: FitResult[] = [];
    const extras: Record<string, unknown[]> = {};
    let results: CvResults | undefined;
    const evaluate: EvaluateCandidates = async (candidates, evalOptions = {}) => {
      this.checkParamNames(candidates);
      const splits = evalOptions.splits ?? base.splits;
      if (splits.length !== nSplits) {
        throw new ValidationError(
          `cv.split and cv.getNSplits returned inconsistent results: ${splits.length} vs ${nSplits}`,
        );
      }
      const estimators = candidates.map((p) => {
        const est = clone(this.estimator as never) as E;
        est.setParams(p);
        return est;
      });
      const tasks: FitTask[] = [];
      candidates.forEach((p, candidate) => {
        splits.forEach(([train, test], split) => {
          tasks.push({
            candidate,
            split,
            train,
            test,
            label: `split ${split} of ${nSplits}, candidate ${allParams.length + candidate} ${JSON.stringify(p)}`,
            returnTrainScore,
            errorScore,
          });
        });
      });
      const out = await runFitTasks(estimators, data, tasks, scoring, { ...this.options, signal: options.signal });
      warnFitFailures(out, errorScore);
      allParams.push(...candidates);
      allResults.push(...out);
      for (const [key, values] of Object.entries(evalOptions.extra ?? {})) {
        extras[key] = [...(extras[key] ?? []), ...values];
      }
      const extraColumns = Object.fromEntries(
        Object.entries(extras).map(([k, v]) => [k, Int32Array.from(v as number[])]),
      );
      results = buildCvResults(allParams, allResults, nSplits, scoring.names, returnTrainScore, extraColumns);
      return results;
    };
    this.#cvResults = undefined;
    this.#bestIndex = undefined;
    this.#bestEstimator = undefined;
    await this.runSearch(evaluate, { data, splits: base.splits });
    if (results === undefined) throw new ValidationError('The search evaluated no candidates');
    this.#cvResults = results;
    this.#nSplits = nSplits;
    this.#scoring = scoring;
    if (refitMetric !== undefined) this.#bestIndex = this.selectBestIndex(results, refitMetric);
    if (refitMetric !== undefined && this.options.refit !== false) {
      const best = clone(this.estimator as never) as E;
      best.setParams(this.bestParams);
      const start = performance.now();
      await best.fit(data.X, data.y, options.signal === undefined ? {} : { signal: options.signal });
      this.#refitTime = (performance.now() - start) / 1000;
      this.#bestEstimator = best;
    }
    return this;
  }

  #fitted<T>(name: string, value: T | undefined): T {
    if (value === undefined) {
      throw new NotFittedError(this.constructor.name, {
        attribute: name,
        ...(this.#cvResults !== undefined
          ? {
              message: `${this.constructor.name} has no ${name}: it is only available with refit (and a single metric or refit naming one)`,
            }
          : {}),
      });
    }
    return value;
  }

  /** The search results, one entry per candidate (sklearn's `cv_results_`). */
  get cvResults(): CvResults {
    return this.#fitted('cvResults', this.#cvResults);
  }

  /** Index of the best candidate in `cvResults`. */
  get bestIndex(): number {
    return this.#fitted('bestIndex', this.#bestIndex);
  }

  /** Parameter setting of the best candidate. */
  get bestParams(): ParamSet {
    return { ...((this.cvResults.params as ParamSet[])[this.bestIndex] ?? {}) };
  }

  /** Mean cross-validated score of the best candidate (on the refit metric). */
  get bestScore(): number {
    const metric = this.#scoring?.multimetric ? String(this.options.refit) : 'score';
    return (this.cvResults[`mean_test_${metric}`] as Float64Array)[this.bestIndex];
  }

  /** The best candidate refitted on all the data (with `refit`). */
  get bestEstimator(): E {
    return this.#fitted('bestEstimator', this.#bestEstimator);
  }

  /** Seconds spent refitting the best candidate. */
  get refitTime(): number {
    return this.#fitted('refitTime', this.#refitTime);
  }

  /** Number of cross-validation splits. */
  get nSplits(): number {
    return this.#fitted('nSplits', this.#nSplits);
  }

  /** Whether several metrics were evaluated. */
  get multimetric(): boolean {
    return this.#fitted('scoring', this.#scoring).multimetric;
  }

  /** `bestEstimator.predict(X)`. */
  predict(X: Tensor | MatrixLike): unknown {
    return this.#call('predict', X);
  }

  /** `bestEstimator.predictProba(X)`. */
  predictProba(X: Tensor | MatrixLike): unknown {
    return this.#call('predictProba', X);
  }

  /** `bestEstimator.decisionFunction(X)`. */
  decisionFunction(X: Tensor | MatrixLike): unknown {
    return this.#call('decisionFunction', X);
  }

  /** `bestEstimator.transform(X)`. */
  transform(X: Tensor | MatrixLike): unknown {
    return this.#call('transform', X);
  }

  /** The refit metric's scorer on `X`, `y` with the best estimator (the estimator's `score` by default). */
  score(X: MatrixLike, y: Labels): number {
    const scoring = this.#fitted('scoring', this.#scoring);
    const metric = scoring.multimetric ? String(this.options.refit) : 'score';
    const data = toCvData(X, y, this.constructor.name);
    return scoring.scorers[metric](this.bestEstimator as never, data.X, data.y as never);
  }

  #call(method: string, X: unknown): unknown {
    const est = this.bestEstimator as unknown as Record<string, unknown>;
    if (typeof est[method] !== 'function') {
      throw new ValidationError(`The best estimator has no ${method} method`, { param: method });
    }
    return (est[method] as (X: unknown) => unknown).call(est, X);
  }
}
