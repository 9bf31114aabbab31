/**
 * `HalvingGridSearchCV`: successive halving over a parameter grid with the
 * number of samples as the resource, scikit-learn's `HalvingGridSearchCV`.
 */
import { ValidationError } from '../base/errors.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import {
  BaseSearchCV,
  type EvaluateCandidates,
  type SearchableEstimator,
  type SearchContext,
  type SearchOptions,
} from './base-search.js';
import { isClassifier } from './cross-validate.js';
import type { CvResults } from './cv-results.js';
import { ParameterGrid, type ParamGridSpec, type ParamSet } from './parameter-grid.js';

/** Options of {@link HalvingGridSearchCV}. */
export interface HalvingSearchOptions extends SearchOptions {
  /** Candidates kept per iteration: 1/factor; resources grow by factor. Default 3. */
  factor?: number;
  /** Samples in the first iteration: a count, `'smallest'` or `'exhaust'` (sklearn's default). */
  minResources?: number | 'smallest' | 'exhaust';
  /** Most samples any iteration uses. Default `'auto'`: all of them. */
  maxResources?: number | 'auto';
  /** Run enough iterations to end with one candidate even if it means starting tiny. Default `false`. */
  aggressiveElimination?: boolean;
  /** Seed for the subsampling of each split. */
  randomState?: RandomState;
}

/** Integer log: the largest k with base^k <= x (floor(log(x) / log(base)), robust to rounding). */
function floorLog(x: number, base: number): number {
  let k = 0;
  let p = base;
  while (p <= x * (1 + 1e-12)) {
    k++;
    p *= base;
  }
  return k;
}

/** Random subset of `count` entries of `idx` without replacement (sklearn's `resample(replace=False)`). */
function subsample(idx: Int32Array, count: number, seed: RandomState | undefined): Int32Array {
  const rng = checkRandomState(seed); // a seed restarts the stream per split, as sklearn's resample does
  return Int32Array.from(rng.choice(idx.length, { size: count, replace: false }), (j) => idx[j]);
}

/**
 * Successive halving: all candidates are evaluated on few samples, the best
 * `1/factor` move on to `factor` times more samples, until one iteration
 * remains or the samples run out. Each iteration subsamples every
 * train/test split to `nResources / nSamples` of its size. `cvResults` has
 * `iter` and `n_resources` columns; the best candidate is the best of the
 * last iteration. Attributes after fit: `nResources`, `nCandidates`,
 * `nIterations`, `nPossibleIterations`, `nRequiredIterations`,
 * `minResourcesUsed`, `maxResourcesUsed`.
 * @example
 * const search = new HalvingGridSearchCV(new DummyClassifier(), { strategy: ['prior', 'uniform'] }, { randomState: 0 });
 * await search.fit(X, y);
 */
export class HalvingGridSearchCV<E extends SearchableEstimator> extends BaseSearchCV<E> {
  readonly paramGrid: ParamGridSpec;
  readonly factor: number;
  readonly minResources: number | 'smallest' | 'exhaust';
  readonly maxResources: number | 'auto';
  readonly aggressiveElimination: boolean;
  readonly randomState: RandomState | undefined;
  readonly #grid: ParameterGrid;
  nResources: number[] = [];
  nCandidates: number[] = [];
  nIterations = 0;
  nPossibleIterations = 0;
  nRequiredIterations = 0;
  minResourcesUsed = 0;
  maxResourcesUsed = 0;

  constructor(estimator: E, paramGrid: ParamGridSpec, options: HalvingSearchOptions = {}) {
    const {
      factor = 3,
      minResources = 'exhaust',
      maxResources = 'auto',
      aggressiveElimination = false,
      randomState,
      ...rest
    } = options;
    super(estimator, rest);
    if (!(typeof factor === 'number' && factor > 1))
      throw new ValidationError(`factor must be a number > 1, got ${factor}`, { param: 'factor' });
    if (
      !(
        minResources === 'smallest' ||
        minResources === 'exhaust' ||
        (Number.isInteger(minResources) && minResources > 0)
      )
    ) {
      throw new ValidationError(
        `minResources must be a positive integer, 'smallest' or 'exhaust', got ${minResources}`,
        { param: 'minResources' },
      );
    }
    if (!(maxResources === 'auto' || (Number.isInteger(maxResources) && maxResources > 0))) {
      throw new ValidationError(`maxResources must be a positive integer or 'auto', got ${maxResources}`, {
        param: 'maxResources',
      });
    }
    this.#grid = new ParameterGrid(paramGrid);
    this.paramGrid = paramGrid;
    this.factor = factor;
    this.minResources = minResources;
    this.maxResources = maxResources;
    this.aggressiveElimination = aggressiveElimination;
    this.randomState = randomState;
    this.checkParamNames([...this.#grid]);
  }

  protected override selectBestIndex(results: CvResults): number {
    const iter = results.iter as Int32Array;
    const scores = results.mean_test_score as Float64Array;
    const last = Math.max(...iter);
    let best = -1;
    for (let i = 0; i < iter.length; i++) {
      if (iter[i] !== last) continue;
      if (best < 0 || (!Number.isNaN(scores[i]) && (Number.isNaN(scores[best]) || scores[i] > scores[best]))) best = i;
    }
    return best;
  }

  protected async runSearch(evaluate: EvaluateCandidates, { data, splits: baseSplits }: SearchContext): Promise<void> {
    if (
      this.options.scoring !== undefined &&
      typeof this.options.scoring === 'object' &&
      typeof this.options.scoring !== 'function'
    ) {
      throw new ValidationError('HalvingGridSearchCV supports a single scorer only', { param: 'scoring' });
    }
    const { factor } = this;
    const nSamples = data.n;
    const maxRes = this.maxResources === 'auto' ? nSamples : this.maxResources;
    if (maxRes > nSamples)
      throw new ValidationError(`maxResources=${maxRes} is greater than the number of samples ${nSamples}`, {
        param: 'maxResources',
      });
    let candidates: ParamSet[] = [...this.#grid];
    const nRequired = 1 + floorLog(candidates.length, factor);
    let minRes: number;
    if (typeof this.minResources === 'number') minRes = this.minResources;
    else {
      minRes = baseSplits.length * 2;
      if (isClassifier(this.estimator) && data.y !== undefined) {
        const values = Array.isArray(data.y) ? data.y : Array.from(data.y.data);
        minRes *= new Set<unknown>(values).size;
      }
      if (this.minResources === 'exhaust') minRes = Math.max(minRes, Math.floor(maxRes / factor ** (nRequired - 1)));
    }
    if (minRes > maxRes) {
      throw new ValidationError(`minResources=${minRes} is greater than maxResources=${maxRes}`, {
        param: 'minResources',
      });
    }
    const nPossible = 1 + floorLog(Math.floor(maxRes / minRes), factor);
    const nIterations = this.aggressiveElimination ? nRequired : Math.min(nPossible, nRequired);
    this.nRequiredIterations = nRequired;
    this.nPossibleIterations = nPossible;
    this.nIterations = nIterations;
    this.minResourcesUsed = minRes;
    this.maxResourcesUsed = maxRes;
    this.nResources = [];
    this.nCandidates = [];
    for (let itr = 0; itr < nIterations; itr++) {
      const power = this.aggressiveElimination ? Math.max(0, itr - nRequired + nPossible) : itr;
      const nRes = Math.min(Math.trunc(factor ** power * minRes), maxRes);
      this.nResources.push(nRes);
      this.nCandidates.push(candidates.length);
      const fraction = nRes / nSamples;
      const splits = baseSplits.map(
        ([train, test]) =>
          [
            subsample(train, Math.trunc(fraction * train.length), this.randomState),
            subsample(test, Math.trunc(fraction * test.length), this.randomState),
          ] as [Int32Array, Int32Array],
      );
      const results = await evaluate(candidates, {
        splits,
        extra: { iter: candidates.map(() => itr), n_resources: candidates.map(() => nRes) },
      });
      const keep = Math.ceil(candidates.length / factor);
      candidates = topK(results, keep, itr);
    }
  }
}

/** The `k` best candidates of iteration `itr`, worst first (sklearn's `_top_k`); NaN scores rank lowest. */
function topK(results: CvResults, k: number, itr: number): ParamSet[] {
  const iter = results.iter as Int32Array;
  const scores = results.mean_test_score as Float64Array;
  const params = results.params as ParamSet[];
  const idx: number[] = [];
  for (let i = 0; i < iter.length; i++) if (iter[i] === itr) idx.push(i);
  idx.sort((a, b) => {
    const sa = scores[a];
    const sb = scores[b];
    if (Number.isNaN(sa) || Number.isNaN(sb)) return Number.isNaN(sa) ? (Number.isNaN(sb) ? 0 : -1) : 1;
    return sa - sb;
  });
  return idx.slice(idx.length - k).map((i) => params[i]);
}
