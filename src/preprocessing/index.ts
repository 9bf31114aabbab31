/**
 * `typelearn/preprocessing`: scalers, encoders, imputers and feature
 * generators (scikit-learn's `sklearn.preprocessing` plus `SimpleImputer` and
 * `KNNImputer` from `sklearn.impute`). Every class is a full estimator:
 * `fit` (async), `transform`, `fitTransform`, `getFeatureNamesOut`,
 * `toJSON`/`fromJSON`, and `inverseTransform`/`partialFit` where sklearn has them.
 *
 * @example
 * import { StandardScaler, OneHotEncoder, SimpleImputer } from 'typelearn/preprocessing';
 * const Z = await new StandardScaler().fitTransform([[1, 2], [3, 4]]);
 * const onehot = await new OneHotEncoder({ sparseOutput: false }).fitTransform([['a'], ['b']]);
 * const filled = await new SimpleImputer({ strategy: 'median' }).fitTransform([[1], [Number.NaN], [5]]);
 */

export type { BinarizerParams } from './binarizer.js';
export { Binarizer } from './binarizer.js';
export type {
  CategoricalInput,
  CategoricalInputLike,
  CategoricalMatrix,
  CategoricalValue,
  InputColumn,
  ReadCategoricalOptions,
} from './categorical-input.js';
export { readCategoricalInput } from './categorical-input.js';
export type { Category } from './encoder-utils.js';
export type { FunctionTransformerParams, TensorFunction } from './function-transformer.js';
export { FunctionTransformer } from './function-transformer.js';
export type { KBinsDiscretizerParams } from './k-bins-discretizer.js';
export { KBinsDiscretizer } from './k-bins-discretizer.js';
export type { KNNImputerParams } from './knn-imputer.js';
export { KNNImputer, nanEuclidean } from './knn-imputer.js';
export type { LabelBinarizerParams } from './label-binarizer.js';
export { LabelBinarizer } from './label-binarizer.js';
export type { LabelEncoderParams } from './label-encoder.js';
export { LabelEncoder } from './label-encoder.js';
export type { MaxAbsScalerParams } from './max-abs-scaler.js';
export { MaxAbsScaler } from './max-abs-scaler.js';
export type { MinMaxScalerParams } from './min-max-scaler.js';
export { MinMaxScaler } from './min-max-scaler.js';
export type { NormalizerParams, NormKind } from './normalizer.js';
export { Normalizer, normalizeRows } from './normalizer.js';
export type { OneHotEncoderParams, OneHotHandleUnknown } from './one-hot-encoder.js';
export { OneHotEncoder } from './one-hot-encoder.js';
export type { OrdinalEncoderParams } from './ordinal-encoder.js';
export { OrdinalEncoder } from './ordinal-encoder.js';
export type { PolynomialFeaturesParams } from './polynomial-features.js';
export { PolynomialFeatures } from './polynomial-features.js';
export type { PowerTransformerParams } from './power-transformer.js';
export { boxCox, PowerTransformer, yeoJohnson } from './power-transformer.js';
export type { QuantileTransformerParams } from './quantile-transformer.js';
export { QuantileTransformer } from './quantile-transformer.js';
export type { RobustScalerParams } from './robust-scaler.js';
export { RobustScaler } from './robust-scaler.js';
export type { ImputedRow, ImputerStatistic, ImputerStrategy, SimpleImputerParams } from './simple-imputer.js';
export { SimpleImputer } from './simple-imputer.js';
export { ndtr, ndtri } from './special.js';
export type { SplineExtrapolation, SplineTransformerParams } from './spline-transformer.js';
export { SplineTransformer } from './spline-transformer.js';
export type { StandardScalerParams } from './standard-scaler.js';
export { StandardScaler } from './standard-scaler.js';
export type { TargetEncoderParams } from './target-encoder.js';
export { TargetEncoder } from './target-encoder.js';
export { BaseTransformer } from './transformer.js';
