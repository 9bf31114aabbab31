/**
 * `typelearn/base`: the estimator contract every model follows —
 * `BaseEstimator`, the `Estimator`/`Classifier`/`Regressor`/`Transformer`
 * interfaces, declarative parameter validation, input validation
 * (`checkArray`, `checkXy`), `clone`, errors and warnings, JSON save format
 * helpers, and `checkEstimator`, the common test suite.
 *
 * @example
 * import { checkArray, checkEstimator, clone, ValidationError } from 'typelearn/base';
 * const { X, featureNames } = checkArray(frame);      // 2-D float64 Tensor + column names
 * await checkEstimator(() => new DummyClassifier());  // throws CheckEstimatorError naming failed checks
 */

export type {
  CheckContext,
  CheckData,
  CheckDataset,
  CheckEstimatorOptions,
  CheckReport,
  CheckResult,
  EstimatorCheck,
} from './check-estimator.js';
export { CheckEstimatorError, COMMON_CHECKS, checkEstimator } from './check-estimator.js';
export type { Cloneable } from './clone.js';
export { clone, isEstimator } from './clone.js';
export type { ValidationErrorDetails } from './errors.js';
export { DTypeError, NotFittedError, ShapeError, ValidationError } from './errors.js';
export type { EstimatorConstructor, ValidateDataOptions } from './estimator.js';
export { BaseEstimator, DEFAULT_TAGS } from './estimator.js';
export { CheckFailure } from './estimator-checks.js';
export type { ColumnOrLabelsOptions, EncodedLabels, TargetType } from './labels.js';
export {
  checkClassificationTargets,
  classesAreInt32,
  columnOrLabels,
  compareCodePoints,
  decodeLabels,
  encodeLabels,
  sortLabels,
  typeOfTarget,
} from './labels.js';
export type { ConvertedInput } from './matrix-input.js';
export { toTensorInput } from './matrix-input.js';
export type { Constraint, ParameterConstraints } from './params.js';
export {
  checkUnknownParams,
  describeConstraint,
  formatValue,
  InstanceOf,
  Interval,
  instanceOf,
  interval,
  Options,
  options,
  satisfies,
  validateParams,
} from './params.js';
export { classifierScore, regressorScore } from './score.js';
export type { DecodeStateOptions } from './state.js';
export { checkSavedModel, decodeState, encodeNumbers, encodeState, StateReader } from './state.js';
export { median, percentile, weightedMean, weightedPercentile } from './stats.js';
export type {
  ArqueroTableLike,
  ArrowTableLike,
  Classifier,
  Estimator,
  EstimatorTags,
  EstimatorType,
  FitOptions,
  FitProgress,
  FrameLike,
  InputType,
  JsonValue,
  Label,
  LabelArray,
  Labels,
  MatrixLike,
  Regressor,
  SavedModel,
  ShapedArray,
  Transformer,
} from './types.js';
export type {
  CheckArrayOptions,
  CheckedArray,
  CheckedXy,
  CheckSampleWeightOptions,
  CheckXyOptions,
} from './validation.js';
export { checkArray, checkSampleWeight, checkXy } from './validation.js';
export type { WarningHandler } from './warnings.js';
export {
  ConvergenceWarning,
  captureWarnings,
  DataConversionWarning,
  setWarningHandler,
  TypelearnWarning,
  warn,
} from './warnings.js';
