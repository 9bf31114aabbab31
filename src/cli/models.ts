/**
 * The models the command line can train, by the name users type. Grows as model
 * families land; each entry says which tasks it serves.
 */
import { DummyClassifier, DummyRegressor } from '../dummy/index.js';
import { GradientBoostingClassifier } from '../ensemble/gradient-boosting-classifier.js';
import { GradientBoostingRegressor } from '../ensemble/gradient-boosting-regressor.js';
import {
  HistGradientBoostingClassifier,
  HistGradientBoostingRegressor,
} from '../ensemble/hist-gradient-boosting/index.js';
import {
  ElasticNet,
  Lasso,
  LinearRegression,
  LogisticRegression,
  Ridge,
  RidgeClassifier,
} from '../linear-model/index.js';
import type { CrossValidatable } from '../model-selection/index.js';
import { GaussianNB, MultinomialNB } from '../naive-bayes/index.js';
import { KNeighborsClassifier, KNeighborsRegressor, NearestCentroid } from '../neighbors/index.js';
import type { Tensor } from '../tensor/tensor.js';

/** What the CLI needs of a model: cross-validation plus its own `score`. */
export type CliEstimator = CrossValidatable & { score(X: Tensor, y: Tensor): number };

/** A model the CLI knows. */
export interface CliModel {
  task: 'classification' | 'regression';
  summary: string;
  create(params: Record<string, unknown>): CliEstimator;
}

/** CLI model names → factories. */
export const CLI_MODELS: Record<string, CliModel> = {
  'hist-gradient-boosting': {
    task: 'classification',
    summary: 'histogram gradient boosting (HistGradientBoostingClassifier)',
    create: (p) => new HistGradientBoostingClassifier(p),
  },
  'hist-gradient-boosting-regressor': {
    task: 'regression',
    summary: 'histogram gradient boosting (HistGradientBoostingRegressor)',
    create: (p) => new HistGradientBoostingRegressor(p),
  },
  'gradient-boosting': {
    task: 'classification',
    summary: 'classic gradient boosting of depth-3 trees (GradientBoostingClassifier)',
    create: (p) => new GradientBoostingClassifier(p),
  },
  'gradient-boosting-regressor': {
    task: 'regression',
    summary: 'classic gradient boosting of depth-3 trees (GradientBoostingRegressor)',
    create: (p) => new GradientBoostingRegressor(p),
  },
  'linear-regression': {
    task: 'regression',
    summary: 'ordinary least squares (LinearRegression)',
    create: (p) => new LinearRegression(p),
  },
  ridge: {
    task: 'regression',
    summary: 'least squares with an L2 penalty (Ridge)',
    create: (p) => new Ridge(p),
  },
  lasso: {
    task: 'regression',
    summary: 'least squares with an L1 penalty, sparse coefficients (Lasso)',
    create: (p) => new Lasso(p),
  },
  'elastic-net': {
    task: 'regression',
    summary: 'least squares with mixed L1/L2 penalties (ElasticNet)',
    create: (p) => new ElasticNet(p),
  },
  'logistic-regression': {
    task: 'classification',
    summary: 'regularised logistic regression, lbfgs or saga (LogisticRegression)',
    create: (p) => new LogisticRegression(p),
  },
  'ridge-classifier': {
    task: 'classification',
    summary: 'ridge regression on ±1 targets used as a classifier (RidgeClassifier)',
    create: (p) => new RidgeClassifier(p),
  },
  'dummy-regressor': {
    task: 'regression',
    summary: 'predicts the training mean (DummyRegressor baseline)',
    create: (p) => new DummyRegressor(p),
  },
  'dummy-classifier': {
    task: 'classification',
    summary: 'predicts class priors (DummyClassifier baseline)',
    create: (p) => new DummyClassifier(p),
  },
  'gaussian-nb': {
    task: 'classification',
    summary: 'Gaussian naive Bayes (GaussianNB)',
    create: (p) => new GaussianNB(p),
  },
  'multinomial-nb': {
    task: 'classification',
    summary: 'naive Bayes for non-negative counts (MultinomialNB)',
    create: (p) => new MultinomialNB(p),
  },
  knn: {
    task: 'classification',
    summary: 'k-nearest-neighbours vote, k = 5 (KNeighborsClassifier)',
    create: (p) => new KNeighborsClassifier(p),
  },
  'knn-regressor': {
    task: 'regression',
    summary: 'mean of the 5 nearest neighbours (KNeighborsRegressor)',
    create: (p) => new KNeighborsRegressor(p),
  },
  'nearest-centroid': {
    task: 'classification',
    summary: 'class of the nearest class mean (NearestCentroid)',
    create: (p) => new NearestCentroid(p),
  },
};

/** The model `train` uses when none is named. */
export function defaultModel(task: 'classification' | 'regression'): string {
  return task === 'regression' ? 'linear-regression' : 'gaussian-nb';
}
