/**
 * `typelearn/model-selection`: scikit-learn's `model_selection` — splitters,
 * cross-validation (`crossValidate`, `crossValScore`, `crossValPredict`),
 * hyperparameter searches (`GridSearchCV`, `RandomizedSearchCV`,
 * `HalvingGridSearchCV`), learning and validation curves and permutation
 * tests. Every fitting function takes `nJobs` and runs on worker threads,
 * with results identical to `nJobs: 1`.
 *
 * @example
 * import { GridSearchCV, KFold, crossValidate } from 'typelearn/model-selection';
 * const res = await crossValidate(model, X, y, { cv: new KFold({ nSplits: 5 }), scoring: ['r2'] });
 * const search = await new GridSearchCV(model, { fitIntercept: [true, false] }).fit(X, y);
 */

export type {
  EvaluateCandidates,
  SearchableEstimator,
  SearchContext,
  SearchFitOptions,
  SearchOptions,
} from './base-search.js';
export { BaseSearchCV } from './base-search.js';
export type { CvOption } from './check-cv.js';
export { checkCv, SplitList } from './check-cv.js';
export type { CrossValPredictions, CrossValPredictOptions } from './cross-val-predict.js';
export { crossValPredict } from './cross-val-predict.js';
export type { CrossValidatable, CrossValScoreOptions } from './cross-val-score.js';
export { crossValScore } from './cross-val-score.js';
export type { CrossValidateOptions, CrossValidateResult } from './cross-validate.js';
export { crossValidate } from './cross-validate.js';
export type { CvData, CvTargets } from './cv-data.js';
export type { CvResults } from './cv-results.js';
export { rankMin } from './cv-results.js';
export type { Distribution } from './distributions.js';
export { isDistribution, loguniform, randint, uniform } from './distributions.js';
export type { FitResult, FitTask, FittableEstimator, PredictMethod } from './fit-and-score.js';
export { GridSearchCV } from './grid-search-cv.js';
export type { GroupKFoldOptions } from './group-k-fold.js';
export { GroupKFold } from './group-k-fold.js';
export type { HalvingSearchOptions } from './halving-grid-search-cv.js';
export { HalvingGridSearchCV } from './halving-grid-search-cv.js';
export type { KFoldOptions, TrainTestIndices } from './k-fold.js';
export { KFold } from './k-fold.js';
export type { LearningCurveOptions, LearningCurveResult } from './learning-curve.js';
export { learningCurve, translateTrainSizes } from './learning-curve.js';
export type { LeavePGroupsOutOptions, LeavePOutOptions } from './leave-out.js';
export { LeaveOneGroupOut, LeaveOneOut, LeavePGroupsOut, LeavePOut } from './leave-out.js';
export type { ParamGridSpec, ParamSet } from './parameter-grid.js';
export { ParameterGrid } from './parameter-grid.js';
export type { ParamDistributions, ParameterSamplerOptions } from './parameter-sampler.js';
export { ParameterSampler } from './parameter-sampler.js';
export type { PermutationTestOptions, PermutationTestResult } from './permutation-test-score.js';
export { permutationTestScore } from './permutation-test-score.js';
export { PredefinedSplit } from './predefined-split.js';
export type { RandomizedSearchOptions } from './randomized-search-cv.js';
export { RandomizedSearchCV } from './randomized-search-cv.js';
export type { RepeatedKFoldOptions } from './repeated-k-fold.js';
export { RepeatedKFold, RepeatedStratifiedKFold } from './repeated-k-fold.js';
export type { ParallelOptions } from './run-tasks.js';
export type { ScoringOption, ScoringSpec } from './scoring.js';
export { resolveScoring } from './scoring.js';
export type { ShuffleSplitOptions } from './shuffle-split.js';
export { ShuffleSplit, StratifiedShuffleSplit } from './shuffle-split.js';
export type { SplitInput, Splitter } from './splitter.js';
export { StratifiedGroupKFold } from './stratified-group-k-fold.js';
export { StratifiedKFold } from './stratified-k-fold.js';
export type { TimeSeriesSplitOptions } from './time-series-split.js';
export { TimeSeriesSplit } from './time-series-split.js';
export type { ValidationCurveOptions } from './validation-curve.js';
export { validationCurve } from './validation-curve.js';
