/**
 * The parameters both histogram gradient boosting estimators share: their
 * types and docs, scikit-learn's defaults and the declarative constraints
 * `BaseEstimator` validates them with.
 */
import { interval, options, type ParameterConstraints } from '../../base/params.js';
import type { RandomState } from '../../tensor/random.js';
import type { CategoricalFeatures } from './categorical.js';

/** Options shared by both histogram gradient boosting estimators (sklearn's names, camelCase, same defaults). */
export interface HistGradientBoostingParams {
  /** Shrinkage of every leaf value. Default 0.1. */
  learningRate: number;
  /** Boosting iterations (one tree per class each). Default 100. */
  maxIter: number;
  /** Maximum leaves per tree (null: no limit). Default 31. */
  maxLeafNodes: number | null;
  /** Maximum depth of a tree (null: no limit). Default null. */
  maxDepth: number | null;
  /** Minimum samples per leaf. Default 20. */
  minSamplesLeaf: number;
  /** L2 penalty on leaf values. Default 0. */
  l2Regularization: number;
  /** Bins for non-missing values per feature (2..255; missing values get one more). Default 255. */
  maxBins: number;
  /**
   * Categorical features: indices, a boolean mask or feature names; their values must be
   * integer codes in [0, maxBins). A Frame's categorical columns are always categorical. Default null.
   */
  categoricalFeatures: CategoricalFeatures;
  /** Per feature: 1 increasing, -1 decreasing, 0 no constraint. Default null. */
  monotonicCst: readonly number[] | null;
  /** Groups of feature indices allowed to interact, or 'pairwise' / 'no_interactions'. Default null. */
  interactionCst: readonly (readonly number[])[] | 'pairwise' | 'no_interactions' | null;
  /** Keep the fitted trees and add more on the next fit (up to maxIter). Default false. */
  warmStart: boolean;
  /** 'auto' (on when there are more than 10000 samples), true or false. Default 'auto'. */
  earlyStopping: 'auto' | boolean;
  /** Early-stopping score: 'loss' (minus the loss) or null (accuracy / R²). Default 'loss'. */
  scoring: 'loss' | null;
  /** Share of the training set held out for early stopping (null: stop on the training score). Default 0.1. */
  validationFraction: number | null;
  /** Stop when none of the last nIterNoChange scores beats the one before them by more than tol. Default 10. */
  nIterNoChange: number;
  /** Tolerance of early stopping. Default 1e-7. */
  tol: number;
  /** Seed of the validation split and of binning subsamples. Default undefined. */
  randomState: RandomState | undefined;
}

/** Defaults of {@link HistGradientBoostingParams}. */
export const HGB_DEFAULTS: HistGradientBoostingParams = {
  learningRate: 0.1,
  maxIter: 100,
  maxLeafNodes: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  l2Regularization: 0,
  maxBins: 255,
  categoricalFeatures: null,
  monotonicCst: null,
  interactionCst: null,
  warmStart: false,
  earlyStopping: 'auto',
  scoring: 'loss',
  validationFraction: 0.1,
  nIterNoChange: 10,
  tol: 1e-7,
  randomState: undefined,
};

/** Constraints of {@link HistGradientBoostingParams}. */
export const HGB_CONSTRAINTS: ParameterConstraints = {
  learningRate: [interval('real', 0, null, 'neither')],
  maxIter: [interval('int', 1, null, 'left')],
  maxLeafNodes: [interval('int', 2, null, 'left'), null],
  maxDepth: [interval('int', 1, null, 'left'), null],
  minSamplesLeaf: [interval('int', 1, null, 'left')],
  l2Regularization: [interval('real', 0, null, 'left')],
  maxBins: [interval('int', 2, 255, 'both')],
  categoricalFeatures: ['arrayLike', null],
  monotonicCst: ['arrayLike', null],
  interactionCst: [options(['pairwise', 'no_interactions']), 'arrayLike', null],
  warmStart: ['boolean'],
  earlyStopping: [options(['auto', true, false])],
  scoring: [options(['loss']), null],
  validationFraction: [interval('real', 0, 1, 'neither'), interval('int', 1, null, 'left'), null],
  nIterNoChange: [interval('int', 1, null, 'left')],
  tol: [interval('real', 0, null, 'left')],
  randomState: ['randomState'],
};
