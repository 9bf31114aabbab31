/**
 * `validationCurve`: train and test scores across values of one parameter,
 * scikit-learn's `validation_curve`.
 */
import { clone } from '../base/clone.js';
import { ValidationError } from '../base/errors.js';
import type { Labels, MatrixLike } from '../base/types.js';
import type { Scorer } from '../metrics/scorer.js';
import type { SearchableEstimator } from './base-search.js';
import type { CvOption } from './check-cv.js';
import { checkErrorScore, makeSplits, warnFitFailures } from './cross-validate.js';
import { toCvData } from './cv-data.js';
import type { FitTask } from './fit-and-score.js';
import { type ParallelOptions, runFitTasks } from './run-tasks.js';
import { resolveScoring } from './scoring.js';

/** Options of {@link validationCurve}. */
export interface ValidationCurveOptions extends ParallelOptions {
  /** The parameter to vary. */
  paramName: string;
  /** Its values. */
  paramRange: readonly unknown[];
  /** Folds. Default 5 (stratified for classifiers). */
  cv?: CvOption;
  /** Group labels for group splitters. */
  groups?: Labels;
  /** A scorer name or function. Default: the estimator's `score`. */
  scoring?: string | Scorer;
  /** `'raise'` or the score of failing fits. Default `NaN`. */
  errorScore?: 'raise' | number;
}

/**
 * Scores per parameter value (rows) and split (columns).
 * @example
 * const { trainScores, testScores } = await validationCurve(new Ridge(), X, y, { paramName: 'alpha', paramRange: [0.1, 1, 10] });
 */
export async function validationCurve<E extends SearchableEstimator>(
  estimator: E,
  X: MatrixLike,
  y: Labels | undefined,
  options: ValidationCurveOptions,
): Promise<{ trainScores: Float64Array[]; testScores: Float64Array[] }> {
  const { paramName, paramRange } = options ?? ({} as ValidationCurveOptions);
  const valid = Object.keys(estimator.getParams({ deep: true }));
  if (!valid.includes(paramName)) {
    throw new ValidationError(
      `Invalid parameter '${paramName}' for the estimator. Valid parameters are: ${valid.join(', ')}.`,
      {
        param: paramName,
      },
    );
  }
  if (!Array.isArray(paramRange) || paramRange.length === 0) {
    throw new ValidationError('paramRange must be a non-empty array', { param: 'paramRange' });
  }
  const scoring = resolveScoring(options.scoring);
  const errorScore = checkErrorScore(options.errorScore);
  const data = toCvData(X, y, 'validationCurve');
  const { splits } = makeSplits(estimator, options.cv, data, options.groups);
  const candidates = paramRange.map((v) => {
    const est = clone(estimator as never) as E;
    est.setParams({ [paramName]: v });
    return est;
  });
  // sklearn's order: splits outer, parameter values inner.
  const tasks: FitTask[] = [];
  splits.forEach(([train, test], split) => {
    paramRange.forEach((v, candidate) => {
      tasks.push({
        candidate,
        split,
        train,
        test,
        label: `split ${split} of ${splits.length}, ${paramName}=${String(v)}`,
        returnTrainScore: true,
        errorScore,
      });
    });
  });
  const results = await runFitTasks(candidates, data, tasks, scoring, options);
  warnFitFailures(results, errorScore);
  const grid = (pick: (i: number) => number) =>
    paramRange.map((_, c) => Float64Array.from(splits, (_s, s) => pick(s * paramRange.length + c)));
  return {
    trainScores: grid((i) => results[i].train?.score ?? Number.NaN),
    testScores: grid((i) => results[i].test.score),
  };
}
