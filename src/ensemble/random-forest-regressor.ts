/**
 * `RandomForestRegressor` (scikit-learn's `sklearn.ensemble.RandomForestRegressor`):
 * bagged regression trees. As in sklearn, every feature is a split candidate
 * by default (`maxFeatures: undefined`; sklearn writes it `1.0`).
 *
 * Differences from scikit-learn: see `RandomForestClassifier`.
 */
import type { ParameterConstraints } from '../base/params.js';
import { BaseForestRegressor, FOREST_REGRESSOR_CONSTRAINTS, type ForestRegressorParams } from './forest-regressor.js';

/** Options of {@link RandomForestRegressor}. */
export type RandomForestRegressorParams = ForestRegressorParams;

const DEFAULTS: RandomForestRegressorParams = {
  nEstimators: 100,
  criterion: 'squared_error',
  maxDepth: undefined,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minWeightFractionLeaf: 0,
  maxFeatures: undefined,
  maxLeafNodes: undefined,
  minImpurityDecrease: 0,
  bootstrap: true,
  oobScore: false,
  nJobs: undefined,
  randomState: undefined,
  warmStart: false,
  ccpAlpha: 0,
  maxSamples: undefined,
};

/**
 * A random forest regressor.
 *
 * Fitted attributes: `trees`, `estimators`, `featureImportances`, `oobScore_`
 * and `oobPrediction` (with `oobScore: true`), `maxFeaturesUsed`, `nFeaturesIn`.
 *
 * @example
 * import { RandomForestRegressor } from 'typelearn/ensemble';
 * const model = await new RandomForestRegressor({ nEstimators: 50, randomState: 0 }).fit(X, y);
 * model.predict(XTest);
 */
export class RandomForestRegressor extends BaseForestRegressor<RandomForestRegressorParams> {
  static override readonly estimatorName = 'RandomForestRegressor';
  static override parameterConstraints: ParameterConstraints = FOREST_REGRESSOR_CONSTRAINTS;

  /** @param options - see {@link ForestRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<RandomForestRegressorParams> = {}) {
    super(DEFAULTS, options);
  }

  protected splitter(): 'best' {
    return 'best';
  }
}
