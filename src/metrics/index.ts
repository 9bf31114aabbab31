/**
 * `typelearn/metrics`: model evaluation metrics, named as in scikit-learn —
 * classification (confusion-based scores, reports, probabilistic losses),
 * ranking curves and AUCs, regression errors and scores, clustering indices,
 * pairwise distances and kernels, and scorers for model selection.
 */

export type { AccuracyOptions, BalancedAccuracyOptions, HammingLossOptions } from './classification/accuracy.js';
export {
  accuracyScore,
  balancedAccuracyScore,
  hammingLoss,
  zeroOneLoss,
} from './classification/accuracy.js';
export type { CohenKappaOptions, MatthewsOptions } from './classification/agreement.js';
export { cohenKappaScore, matthewsCorrcoef } from './classification/agreement.js';
export type { Average, ZeroDivision } from './classification/averaging.js';
export type { ConfusionMatrixOptions, MultilabelConfusionMatrixOptions } from './classification/confusion-matrix.js';
export { confusionMatrix, multilabelConfusionMatrix } from './classification/confusion-matrix.js';
export type { FbetaOptions, PrfOptions, PrfResult, SetWiseOptions } from './classification/precision-recall.js';
export {
  f1Score,
  fbetaScore,
  jaccardScore,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
} from './classification/precision-recall.js';
export type { BrierOptions, HingeLossOptions, LogLossOptions, TopKOptions } from './classification/probabilistic.js';
export { brierScoreLoss, hingeLoss, logLoss, topKAccuracyScore } from './classification/probabilistic.js';
export type { ClassificationReportDict, ClassificationReportOptions, ReportRow } from './classification/report.js';
export { classificationReport } from './classification/report.js';
export { contingencyMatrix, pairConfusionMatrix } from './clustering/contingency.js';
export type { AverageMethod, HomogeneityCompletenessV, MutualInfoOptions } from './clustering/supervised.js';
export {
  adjustedMutualInfoScore,
  adjustedRandScore,
  completenessScore,
  fowlkesMallowsScore,
  homogeneityCompletenessVMeasure,
  homogeneityScore,
  mutualInfoScore,
  normalizedMutualInfoScore,
  randScore,
  vMeasureScore,
} from './clustering/supervised.js';
export type { SilhouetteOptions, SilhouetteScoreOptions } from './clustering/unsupervised.js';
export {
  calinskiHarabaszScore,
  daviesBouldinScore,
  silhouetteSamples,
  silhouetteScore,
} from './clustering/unsupervised.js';
export type { D2PinballOptions, TweedieOptions } from './deviance.js';
export {
  d2AbsoluteErrorScore,
  d2PinballScore,
  d2TweedieScore,
  meanGammaDeviance,
  meanPoissonDeviance,
  meanTweedieDeviance,
} from './deviance.js';
export type {
  MakeScorerOptions,
  MetricScorer,
  Predictor,
  ResponseMethod,
  Scorer,
  ScorerTarget,
} from './make-scorer.js';
export { makeScorer } from './make-scorer.js';
export type {
  DistanceChunk,
  DistanceMetric,
  EuclideanOptions,
  PairwiseDistancesOptions,
} from './pairwise/distances.js';
export {
  cosineDistances,
  euclideanDistances,
  manhattanDistances,
  pairwiseDistances,
  pairwiseDistancesChunked,
} from './pairwise/distances.js';
export type { SampleMatrix } from './pairwise/input.js';
export type { PolynomialKernelOptions, RbfKernelOptions, SigmoidKernelOptions } from './pairwise/kernels.js';
export { cosineSimilarity, linearKernel, polynomialKernel, rbfKernel, sigmoidKernel } from './pairwise/kernels.js';
export type { AveragePrecisionOptions, RocAucOptions } from './ranking/auc.js';
export { auc, averagePrecisionScore, rocAucScore } from './ranking/auc.js';
export type {
  ClfCurve,
  CurveOptions,
  DetCurve,
  PrecisionRecallCurve,
  RocCurve,
  RocCurveOptions,
} from './ranking/curves.js';
export { binaryClfCurve, detCurve, precisionRecallCurve, rocCurve } from './ranking/curves.js';
export type { Multioutput, PinballOptions, RegressionMetricOptions, ScoreOptions } from './regression.js';
export {
  explainedVarianceScore,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanPinballLoss,
  meanSquaredError,
  meanSquaredLogError,
  medianAbsoluteError,
  r2Score,
  rootMeanSquaredError,
} from './regression.js';
export { getScorer, scorerNames } from './scorer.js';
export type { ClassTarget, LabelVector, TargetType } from './targets.js';
export type { NumericArray, NumericMatrix, NumericVector } from './vector.js';
export { UndefinedMetricWarning } from './warnings.js';
