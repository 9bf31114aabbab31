/**
 * `typelearn/compose`: `Pipeline` and `makePipeline`, `ColumnTransformer`,
 * `makeColumnTransformer` and `makeColumnSelector`, `FeatureUnion` and
 * `makeUnion`, `TransformedTargetRegressor`; the class registry that loads
 * saved compositions; `checkInPipeline` for `checkEstimator`.
 *
 * @example
 * import { ColumnTransformer, makeColumnSelector, Pipeline } from 'typelearn/compose';
 * const pre = new ColumnTransformer([
 *   ['num', makePipeline(new SimpleImputer({ strategy: 'median' }), new StandardScaler()), makeColumnSelector({ dtypeInclude: 'number' })],
 *   ['cat', makePipeline(new SimpleImputer({ strategy: 'most_frequent' }), new OneHotEncoder()), makeColumnSelector({ dtypeInclude: 'category' })],
 * ]);
 * const model = await new Pipeline([['pre', pre], ['clf', new GaussianNB()]]).fit(frame, y);
 */
export { checkInPipeline } from './checks.js';
export type { ColumnKindName, ColumnSelector, ColumnSelectorOptions } from './column-selector.js';
export { isColumnSelector, makeColumnSelector, selectColumns } from './column-selector.js';
export type { ColumnCallable, ColumnList, ColumnSpec } from './column-spec.js';
export type { ColumnTransformerEntry, ColumnTransformerParams, FittedColumnEntry } from './column-transformer.js';
export { ColumnTransformer } from './column-transformer.js';
export type { FeatureUnionEntry, FeatureUnionParams } from './feature-union.js';
export { FeatureUnion, makeUnion } from './feature-union.js';
export type { UnnamedColumnEntry } from './make-column-transformer.js';
export { makeColumnTransformer } from './make-column-transformer.js';
export { makePipeline, nameEstimators } from './make-pipeline.js';
export type { GetParamsOptions } from './nested-params.js';
export type { PipelineFitOptions, PipelineParams, PipelinePrediction, PipelineStep } from './pipeline.js';
export { Pipeline } from './pipeline.js';
export type { ComposeLoadOptions, EstimatorClasses, LoadableClass } from './registry.js';
export {
  estimatorLoader,
  getEstimatorClass,
  loadModel,
  registerEstimator,
  registerPackageEstimators,
} from './registry.js';
export type { AnyEstimator, Passthrough } from './step-utils.js';
export type { TargetFunction, TransformedTargetRegressorParams } from './transformed-target-regressor.js';
export { TransformedTargetRegressor } from './transformed-target-regressor.js';
