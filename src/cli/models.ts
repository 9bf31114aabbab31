/**
 * The models the command line can train, by the name users type. Grows as model
 * families land; each entry says which tasks it serves.
 */
import { DummyClassifier, DummyRegressor } from '../dummy/index.js';
import { AdaBoostClassifier } from '../ensemble/adaboost-classifier.js';
import { AdaBoostRegressor } from '../ensemble/adaboost-regressor.js';
import { ExtraTreesClassifier, ExtraTreesRegressor } from '../ensemble/extra-trees.js';
import { GradientBoostingClassifier } from '../ensemble/gradient-boosting-classifier.js';
import { GradientBoostingRegressor } from '../ensemble/gradient-boosting-regressor.js';
import {
  HistGradientBoostingClassifier,
  HistGradientBoostingRegressor,
} from '../ensemble/hist-gradient-boosting/index.js';
import { RandomForestClassifier } from '../ensemble/random-forest-classifier.js';
import { RandomForestRegressor } from '../ensemble/random-forest-regressor.js';
import {
  ElasticNet,
  HuberRegressor,
  Lasso,
  LinearRegression,
  LogisticRegression,
  Perceptron,
  PoissonRegressor,
  Ridge,
  RidgeClassifier,
  SGDClassifier,
  SGDRegressor,
} from '../linear-model/index.js';
import type { CrossValidatable } from '../model-selection/index.js';
import { GaussianNB, MultinomialNB } from '../naive-bayes/index.js';
import { KNeighborsClassifier, KNeighborsRegressor, NearestCentroid } from '../neighbors/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../tree/index.js';

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
  'sgd-classifier': {
    task: 'classification',
    summary: 'linear SVM / logistic model fitted by stochastic gradient descent (SGDClassifier)',
    create: (p) => new SGDClassifier(p),
  },
  'sgd-regressor': {
    task: 'regression',
    summary: 'linear regression fitted by stochastic gradient descent (SGDRegressor)',
    create: (p) => new SGDRegressor(p),
  },
  perceptron: {
    task: 'classification',
    summary: 'the classic perceptron (Perceptron)',
    create: (p) => new Perceptron(p),
  },
  huber: {
    task: 'regression',
    summary: 'linear regression robust to outliers, Huber loss (HuberRegressor)',
    create: (p) => new HuberRegressor(p),
  },
  poisson: {
    task: 'regression',
    summary: 'log-linear model for counts, Poisson deviance (PoissonRegressor)',
    create: (p) => new PoissonRegressor(p),
  },
  'dummy-regressor': {
    task: 'regression',
    summary: 'predicts the training mean (DummyRegressor baseline)',
    create: (p) => new DummyRegressor(p),
  },
  'decision-tree': {
    task: 'classification',
    summary: 'a decision tree (DecisionTreeClassifier)',
    create: (p) => new DecisionTreeClassifier(p),
  },
  'decision-tree-regressor': {
    task: 'regression',
    summary: 'a regression tree (DecisionTreeRegressor)',
    create: (p) => new DecisionTreeRegressor(p),
  },
  'random-forest': {
    task: 'classification',
    summary: 'bagged decision trees (RandomForestClassifier)',
    create: (p) => new RandomForestClassifier(p),
  },
  'random-forest-regressor': {
    task: 'regression',
    summary: 'bagged regression trees (RandomForestRegressor)',
    create: (p) => new RandomForestRegressor(p),
  },
  'extra-trees': {
    task: 'classification',
    summary: 'extremely randomised trees (ExtraTreesClassifier)',
    create: (p) => new ExtraTreesClassifier(p),
  },
  'extra-trees-regressor': {
    task: 'regression',
    summary: 'extremely randomised trees (ExtraTreesRegressor)',
    create: (p) => new ExtraTreesRegressor(p),
  },
  adaboost: {
    task: 'classification',
    summary: 'boosted decision stumps (AdaBoostClassifier)',
    create: (p) => new AdaBoostClassifier(p),
  },
  'adaboost-regressor': {
    task: 'regression',
    summary: 'AdaBoost.R2 on depth-3 trees (AdaBoostRegressor)',
    create: (p) => new AdaBoostRegressor(p),
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

/**
 * Builds a CLI model with the user's params; a model with a `randomState`
 * option the user left unset gets `randomState: 0`, so the same command gives
 * the same scores every run (and with any `--jobs`).
 * @example createModel(CLI_MODELS['random-forest'], { nEstimators: 50 })
 */
export function createModel(entry: CliModel, params: Record<string, unknown>): CliEstimator {
  const model = entry.create(params);
  const current = (model as unknown as { params?: Record<string, unknown> }).params;
  if (current !== undefined && 'randomState' in current && current.randomState == null && !('randomState' in params)) {
    (model as unknown as { setParams(p: Record<string, unknown>): unknown }).setParams({ randomState: 0 });
  }
  return model;
}
