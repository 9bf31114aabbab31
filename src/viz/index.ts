/**
 * `typelearn/viz`: Vega-Lite chart specs for data, metrics and models, in
 * scikit-learn / yellowbrick vocabulary, and `toSVG` to render any spec
 * headlessly (Node or browser; no `eval`, no network).
 *
 * Builders return plain JSON specs: render them with `toSVG`, embed them with
 * vega-embed, or edit them before rendering.
 *
 * @example
 * import { rocCurve } from 'typelearn/metrics';
 * import { rocCurveChart, toSVG } from 'typelearn/viz';
 * const { fpr, tpr } = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * const svg = await toSVG(rocCurveChart([{ name: 'model', fpr, tpr }]));
 */
export {
  type CalibrationCurve,
  type CalibrationCurveOptions,
  type CalibrationSeries,
  calibrationChart,
  calibrationCurve,
} from './calibration.js';
export { type ConfusionMatrixChartOptions, confusionMatrixChart } from './confusion-matrix.js';
export { type PrecisionRecallSeries, precisionRecallChart, type RocSeries, rocCurveChart } from './curves.js';
export {
  type CategoryCountsChartOptions,
  type ColumnChart,
  categoryCountsChart,
  type DataSummaryOptions,
  dataSummaryCharts,
  type HistogramChartOptions,
  histogram,
  histogramChart,
  type MissingCount,
  missingValuesChart,
} from './data-summary.js';
export {
  type FeatureImportanceChartOptions,
  type FeatureImportanceInput,
  featureImportanceChart,
} from './feature-importance.js';
export {
  type ClassificationCurves,
  type ClassificationCurvesOptions,
  classificationCurves,
} from './from-predictions.js';
export { type LeaderboardChartOptions, type LeaderboardRow, leaderboardChart } from './leaderboard.js';
export { type LearningCurveChartOptions, type LearningCurveInput, learningCurveChart } from './learning-curve.js';
export { predictionErrorChart, type RegressionChartOptions, residualsChart } from './regression.js';
export { type ToSVGOptions, toSVG } from './render.js';
export { CHART_CONFIG, type ChartOptions, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './spec.js';
