/**
 * `RandomForestClassifier` (scikit-learn's `sklearn.ensemble.RandomForestClassifier`):
 * bagged decision trees with √features candidates per split.
 *
 * Differences from scikit-learn: bootstraps and feature orders come from
 * typelearn's generator (reproducible per seed and identical for any `nJobs`,
 * but not numpy's draws); single output only; `nJobs` defaults to all cores
 * (sklearn: 1) and is used only when the work is large enough to pay for the
 * worker start-up.
 */
import type { ParameterConstraints } from '../base/params.js';
import {
  BaseForestClassifier,
  FOREST_CLASSIFIER_CONSTRAINTS,
  type ForestClassifierParams,
} from './forest-classifier.js';

/** Options of {@link RandomForestClassifier}. */
export type RandomForestClassifierParams = ForestClassifierParams;

const DEFAULTS: RandomForestClassifierParams = {
  nEstimators: 100,
  criterion: 'gini',
  maxDepth: undefined,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minWeightFractionLeaf: 0,
  maxFeatures: 'sqrt',
  maxLeafNodes: undefined,
  minImpurityDecrease: 0,
  bootstrap: true,
  oobScore: false,
  nJobs: undefined,
  randomState: undefined,
  warmStart: false,
  classWeight: undefined,
  ccpAlpha: 0,
  maxSamples: undefined,
};

/**
 * A random forest classifier.
 *
 * Fitted attributes: `trees`, `estimators`, `classes`, `nClasses`,
 * `featureImportances`, `oobScore_` and `oobDecisionFunction` (with
 * `oobScore: true`), `maxFeaturesUsed`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { RandomForestClassifier } from 'typelearn/ensemble';
 * const model = await new RandomForestClassifier({ nEstimators: 50, randomState: 0 }).fit(X, y);
 * model.predict(XTest);
 * model.featureImportances;
 */
export class RandomForestClassifier extends BaseForestClassifier<RandomForestClassifierParams> {
  static override readonly estimatorName = 'RandomForestClassifier';
  static override parameterConstraints: ParameterConstraints = FOREST_CLASSIFIER_CONSTRAINTS;

  /** @param options - see {@link ForestClassifierParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<RandomForestClassifierParams> = {}) {
    super(DEFAULTS, options);
  }

  protected splitter(): 'best' {
    return 'best';
  }
}
