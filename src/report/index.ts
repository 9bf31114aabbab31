/**
 * `typelearn/report`: a self-contained HTML report of a dataset and a model
 * (data summary, leaderboard, out-of-fold diagnostics, feature importance,
 * learning curve), with charts as inline SVG, plus `permutationImportance`.
 *
 * @example
 * import { collectReportInput, renderReport } from 'typelearn/report';
 * const input = await collectReportInput({ frame, target: 'survived', model: pipe, modelName: 'logistic-regression' });
 * writeFileSync('report.html', await renderReport(input));
 */
export { type CollectReportOptions, type CompareResultLike, collectReportInput } from './collect.js';
export {
  type CrossValReport,
  type CrossValReportOptions,
  crossValReport,
  REPORT_METRICS,
  type ReportModel,
  type ReportTarget,
  scoreTask,
} from './cross-val.js';
export { type SummarizeDataOptions, summarizeData } from './data-summary.js';
export { escapeHtml } from './escape.js';
export {
  type PermutationImportanceOptions,
  type PermutationImportanceResult,
  permutationImportance,
  type ScorableModel,
  type ScoreFunction,
} from './permutation-importance.js';
export { formatNumber, renderReport } from './render-report.js';
export type {
  ClassificationPredictions,
  ColumnSummary,
  DataSummary,
  FeatureImportanceSection,
  LeaderboardEntryInput,
  LeaderboardInput,
  LearningCurveSection,
  ModelSection,
  RegressionPredictions,
  ReportInput,
  ReportTask,
} from './report-input.js';
