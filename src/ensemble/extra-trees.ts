/**
 * `ExtraTreesClassifier` / `ExtraTreesRegressor` (scikit-learn's
 * `sklearn.ensemble.ExtraTrees*`): forests of extremely randomised trees, one
 * random threshold per candidate feature, grown on the whole training set
 * by default (`bootstrap: false`).
 */
import type { ParameterConstraints } from '../base/params.js';
import {
  BaseForestClassifier,
  FOREST_CLASSIFIER_CONSTRAINTS,
  type ForestClassifierParams,
} from './forest-classifier.js';
import { BaseForestRegressor, FOREST_REGRESSOR_CONSTRAINTS, type ForestRegressorParams } from './forest-regressor.js';

/** Options of {@link ExtraTreesClassifier}. */
export type ExtraTreesClassifierParams = ForestClassifierParams;
/** Options of {@link ExtraTreesRegressor}. */
export type ExtraTreesRegressorParams = ForestRegressorParams;

const COMMON = {
  nEstimators: 100,
  maxDepth: undefined,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minWeightFractionLeaf: 0,
  maxLeafNodes: undefined,
  minImpurityDecrease: 0,
  bootstrap: false,
  oobScore: false,
  nJobs: undefined,
  randomState: undefined,
  warmStart: false,
  ccpAlpha: 0,
  maxSamples: undefined,
} as const;

/**
 * An extra-trees classifier.
 * @example
 * import { ExtraTreesClassifier } from 'typelearn/ensemble';
 * const model = await new ExtraTreesClassifier({ nEstimators: 50, randomState: 0 }).fit(X, y);
 * model.predictProba(XTest);
 */
export class ExtraTreesClassifier extends BaseForestClassifier<ExtraTreesClassifierParams> {
  static override readonly estimatorName = 'ExtraTreesClassifier';
  static override parameterConstraints: ParameterConstraints = FOREST_CLASSIFIER_CONSTRAINTS;

  /** @param options - see {@link ForestClassifierParams}. */
  constructor(options: Partial<ExtraTreesClassifierParams> = {}) {
    super({ ...COMMON, criterion: 'gini', maxFeatures: 'sqrt', classWeight: undefined }, options);
  }

  protected splitter(): 'random' {
    return 'random';
  }
}

/**
 * An extra-trees regressor.
 * @example
 * import { ExtraTreesRegressor } from 'typelearn/ensemble';
 * const model = await new ExtraTreesRegressor({ nEstimators: 50, randomState: 0 }).fit(X, y);
 * model.predict(XTest);
 */
export class ExtraTreesRegressor extends BaseForestRegressor<ExtraTreesRegressorParams> {
  static override readonly estimatorName = 'ExtraTreesRegressor';
  static override parameterConstraints: ParameterConstraints = FOREST_REGRESSOR_CONSTRAINTS;

  /** @param options - see {@link ForestRegressorParams}. */
  constructor(options: Partial<ExtraTreesRegressorParams> = {}) {
    super({ ...COMMON, criterion: 'squared_error', maxFeatures: undefined }, options);
  }

  protected splitter(): 'random' {
    return 'random';
  }
}
