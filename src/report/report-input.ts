/**
 * What a report shows, as plain data: `collectReportInput` builds it from a
 * table and a model, `renderReport` turns it into HTML. Everything here is
 * JSON-compatible, so a report can be rebuilt from a saved input.
 */
import type { ColumnChart } from '../viz/index.js';

/** Classification or regression. */
export type ReportTask = 'classification' | 'regression';

/** One row of the data-summary table: pandas' `describe` statistics plus type and use. */
export interface ColumnSummary {
  name: string;
  /** Inferred type: `int`, `float`, `category`, `boolean`, `datetime`. */
  dtype: string;
  /** What modelling does with the column: `target`, `numeric feature`, `ignored (...)`, ... */
  use: string;
  count: number;
  missing: number;
  mean?: number;
  std?: number;
  min?: number;
  median?: number;
  max?: number;
  unique?: number;
  top?: string;
  freq?: number;
}

/** The data section. */
export interface DataSummary {
  /** How the source is named (`dataset 'titanic'`, a path). */
  source: string;
  nRows: number;
  nColumns: number;
  columns: ColumnSummary[];
  /** One distribution chart per column (specs from `dataSummaryCharts`). */
  charts: ColumnChart[];
}

/** One leaderboard row (the shape `typelearn compare --json` writes). */
export interface LeaderboardEntryInput {
  model: string;
  metrics: Record<string, { mean: number; std: number; folds?: number[] }>;
  /** Mean fit time per fold, seconds. */
  fitTime?: number;
}

/** The leaderboard section: models best first. */
export interface LeaderboardInput {
  /** Number of cross-validation folds. */
  cv: number;
  /** Metric names in display order (the first one ranks the models). */
  metrics: string[];
  entries: LeaderboardEntryInput[];
}

/** Out-of-fold predictions of a classifier. */
export interface ClassificationPredictions {
  /** Sorted class labels; `proba` columns follow them. */
  classes: string[];
  yTrue: string[];
  yPred: string[];
  /** Predicted probabilities, one row per sample. Absent when the model has no `predictProba`. */
  proba?: number[][];
}

/** Out-of-fold predictions of a regressor. */
export interface RegressionPredictions {
  yTrue: number[];
  yPred: number[];
}

/** Feature importances of the model. */
export interface FeatureImportanceSection {
  /** `impurity`: the fitted model's `featureImportances`; `permutation`: mean score drop on held-out folds. */
  kind: 'impurity' | 'permutation';
  names: string[];
  importances: number[];
  std?: number[];
  /** Score the permutations were measured with. */
  scoring?: string;
}

/** Scores per training-set size (see `learningCurveChart`). */
export interface LearningCurveSection {
  trainSizesAbs: number[];
  trainScores: number[][];
  testScores: number[][];
  scoring: string;
}

/** The model section: the best model's honest (out-of-fold) diagnostics. */
export interface ModelSection {
  name: string;
  /** How predictions were obtained, shown under the section title. */
  evaluation: string;
  /** Scores of the pooled out-of-fold predictions, by metric name. */
  scores: Record<string, number>;
  classification?: ClassificationPredictions;
  regression?: RegressionPredictions;
  featureImportance?: FeatureImportanceSection;
  learningCurve?: LearningCurveSection;
}

/** Everything {@link renderReport} shows. Sections left out are not rendered. */
export interface ReportInput {
  title: string;
  /** One line under the title. */
  subtitle?: string;
  task: ReportTask;
  target: string;
  data?: DataSummary;
  leaderboard?: LeaderboardInput;
  model?: ModelSection;
  /** Free-text remarks listed at the end (e.g. warnings while collecting). */
  notes?: string[];
  /** Footer credit, e.g. `typelearn 0.1.0`. */
  generator?: string;
}
