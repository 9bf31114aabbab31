/**
 * The models the command line can train, by the name users type. Grows as model
 * families land; each entry says which tasks it serves.
 */
import { DummyClassifier, DummyRegressor } from '../dummy/index.js';
import { LinearRegression } from '../linear-model/index.js';
import type { CrossValidatable } from '../model-selection/index.js';

/** A model the CLI knows. */
export interface CliModel {
  task: 'classification' | 'regression';
  summary: string;
  create(params: Record<string, unknown>): CrossValidatable;
}

/** CLI model names → factories. */
export const CLI_MODELS: Record<string, CliModel> = {
  'linear-regression': {
    task: 'regression',
    summary: 'ordinary least squares (LinearRegression)',
    create: (p) => new LinearRegression(p),
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
};

/** The model `train` uses when none is named. */
export function defaultModel(task: 'classification' | 'regression'): string {
  return task === 'regression' ? 'linear-regression' : 'dummy-classifier';
}
