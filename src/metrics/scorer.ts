/**
 * Scorers by name, spelled as scikit-learn spells them (`'accuracy'`,
 * `'f1_macro'`, `'roc_auc'`, `'neg_mean_squared_error'`, ...), and
 * `getScorer`, which model selection uses to resolve its `scoring` option.
 */
import { ValidationError } from '../base/errors.js';
import { accuracyScore, balancedAccuracyScore } from './classification/accuracy.js';
import { matthewsCorrcoef } from './classification/agreement.js';
import { f1Score, jaccardScore, precisionScore, recallScore } from './classification/precision-recall.js';
import { brierScoreLoss, logLoss, topKAccuracyScore } from './classification/probabilistic.js';
import {
  adjustedMutualInfoScore,
  adjustedRandScore,
  completenessScore,
  fowlkesMallowsScore,
  homogeneityScore,
  mutualInfoScore,
  normalizedMutualInfoScore,
  randScore,
  vMeasureScore,
} from './clustering/supervised.js';
import { d2AbsoluteErrorScore, meanGammaDeviance, meanPoissonDeviance } from './deviance.js';
import { type MakeScorerOptions, makeScorer, type Scorer } from './make-scorer.js';
import { averagePrecisionScore, rocAucScore } from './ranking/auc.js';
import {
  explainedVarianceScore,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogError,
  medianAbsoluteError,
  r2Score,
  rootMeanSquaredError,
} from './regression.js';

export type { Predictor, ResponseMethod, Scorer, ScorerTarget } from './make-scorer.js';

const loss = { greaterIsBetter: false } as const;
const proba = { responseMethod: 'predictProba' } as const;
const threshold = { responseMethod: ['decisionFunction', 'predictProba'] } as const;

type ScorerSpec = [Parameters<typeof makeScorer>[0], MakeScorerOptions?];

// Built on first use, not at import: the package promises no work at import time.
function buildScorers(): Record<string, Scorer> {
  const specs: Record<string, ScorerSpec> = {
    // classification
    accuracy: [accuracyScore],
    balanced_accuracy: [balancedAccuracyScore],
    matthews_corrcoef: [matthewsCorrcoef],
    top_k_accuracy: [topKAccuracyScore, threshold],
    roc_auc: [rocAucScore, threshold],
    roc_auc_ovr: [rocAucScore, { ...proba, multiClass: 'ovr' }],
    roc_auc_ovo: [rocAucScore, { ...proba, multiClass: 'ovo' }],
    roc_auc_ovr_weighted: [rocAucScore, { ...proba, multiClass: 'ovr', average: 'weighted' }],
    roc_auc_ovo_weighted: [rocAucScore, { ...proba, multiClass: 'ovo', average: 'weighted' }],
    average_precision: [averagePrecisionScore, threshold],
    neg_log_loss: [logLoss, { ...loss, ...proba }],
    neg_brier_score: [brierScoreLoss, { ...loss, ...proba }],
    // regression
    explained_variance: [explainedVarianceScore],
    r2: [r2Score],
    max_error: [maxError, loss],
    neg_mean_squared_error: [meanSquaredError, loss],
    neg_root_mean_squared_error: [rootMeanSquaredError, loss],
    neg_mean_squared_log_error: [meanSquaredLogError, loss],
    neg_mean_absolute_error: [meanAbsoluteError, loss],
    neg_median_absolute_error: [medianAbsoluteError, loss],
    neg_mean_absolute_percentage_error: [meanAbsolutePercentageError, loss],
    neg_mean_poisson_deviance: [meanPoissonDeviance, loss],
    neg_mean_gamma_deviance: [meanGammaDeviance, loss],
    d2_absolute_error_score: [d2AbsoluteErrorScore],
    // clustering
    adjusted_rand_score: [adjustedRandScore],
    rand_score: [randScore],
    homogeneity_score: [homogeneityScore],
    completeness_score: [completenessScore],
    v_measure_score: [vMeasureScore],
    mutual_info_score: [mutualInfoScore],
    adjusted_mutual_info_score: [adjustedMutualInfoScore],
    normalized_mutual_info_score: [normalizedMutualInfoScore],
    fowlkes_mallows_score: [fowlkesMallowsScore],
  };
  // precision / recall / f1 / jaccard with each average, as sklearn registers them.
  for (const [name, fn] of [
    ['precision', precisionScore],
    ['recall', recallScore],
    ['f1', f1Score],
    ['jaccard', jaccardScore],
  ] as const) {
    specs[name] = [fn, { average: 'binary' }];
    for (const average of ['macro', 'micro', 'samples', 'weighted'] as const)
      specs[`${name}_${average}`] = [fn, { average }];
  }
  return Object.fromEntries(Object.entries(specs).map(([name, [fn, opts]]) => [name, makeScorer(fn, opts)]));
}

let scorers: Record<string, Scorer> | undefined;
function scorerTable(): Record<string, Scorer> {
  scorers ??= buildScorers();
  return scorers;
}

/** Names accepted by {@link getScorer}, sorted. */
export function scorerNames(): string[] {
  return Object.keys(scorerTable()).sort();
}

/**
 * The scorer for a name, a scorer function passed through, or — when absent —
 * the estimator's own `score` method (accuracy for classifiers, R² for regressors).
 * @example getScorer('neg_mean_squared_error')
 */
export function getScorer(scoring?: string | Scorer): Scorer {
  if (typeof scoring === 'function') return scoring;
  if (scoring === undefined || scoring === null) {
    return (est, X, y) => {
      if (typeof est.score !== 'function') {
        throw new ValidationError('The estimator has no score method: pass a scoring name or function');
      }
      return est.score(X, y as Parameters<NonNullable<typeof est.score>>[1]);
    };
  }
  const scorer = scorerTable()[scoring];
  if (scorer === undefined) {
    throw new ValidationError(
      `'${scoring}' is not a valid scoring value. Valid options are: ${scorerNames().join(', ')}`,
      {
        param: 'scoring',
        got: scoring,
      },
    );
  }
  return scorer;
}
