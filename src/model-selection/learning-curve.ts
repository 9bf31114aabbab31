/**
 * `learningCurve`: train and test scores for growing training sets,
 * scikit-learn's `learning_curve`.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import type { Scorer } from '../metrics/scorer.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import type { CvOption } from './check-cv.js';
import { checkErrorScore, makeSplits, warnFitFailures } from './cross-validate.js';
import { toCvData } from './cv-data.js';
import type { FitTask, FittableEstimator } from './fit-and-score.js';
import { type ParallelOptions, runFitTasks } from './run-tasks.js';
import { resolveScoring } from './scoring.js';

/** Options of {@link learningCurve}. */
export interface LearningCurveOptions extends ParallelOptions {
  /** Training set sizes: fractions in (0, 1] of the first train split (when any is not an integer), or counts. Default `[0.1, 0.325, 0.55, 0.775, 1]`. */
  trainSizes?: readonly number[];
  /** Folds. Default 5 (stratified for classifiers). */
  cv?: CvOption;
  /** Group labels for group splitters. */
  groups?: Labels;
  /** A scorer name or function. Default: the estimator's `score`. */
  scoring?: string | Scorer;
  /** Shuffle each train split before taking prefixes. Default `false`. */
  shuffle?: boolean;
  /** Seed for `shuffle`. */
  randomState?: RandomState;
  /** `'raise'` or the score of failing fits. Default `NaN`. */
  errorScore?: 'raise' | number;
}

/** Result of {@link learningCurve}: score rows per train size, one column per split. */
export interface LearningCurveResult {
  /** Training set sizes actually used. */
  trainSizesAbs: Int32Array;
  trainScores: Float64Array[];
  testScores: Float64Array[];
  fitTimes: Float64Array[];
  scoreTimes: Float64Array[];
}

/**
 * sklearn's `_translate_train_sizes`: fractions of `nMax` (floored, at least 1)
 * or counts, deduplicated and sorted.
 * @example translateTrainSizes([0.1, 0.5, 1], 40) // Int32Array [4, 20, 40]
 */
export function translateTrainSizes(trainSizes: readonly number[], nMax: number): Int32Array {
  if (trainSizes.length === 0) throw new ValidationError('trainSizes is empty', { param: 'trainSizes' });
  // JS has no float/int distinction: any non-integer entry makes them all fractions (write 1 as a fraction with others).
  const fractional = trainSizes.some((s) => !Number.isInteger(s));
  const range = `[${Math.min(...trainSizes)}, ${Math.max(...trainSizes)}]`;
  let abs: number[];
  if (fractional) {
    if (!trainSizes.every((s) => s > 0 && s <= 1)) {
      throw new ValidationError(
        `trainSizes has been interpreted as fractions of the maximum number of training samples and must be within (0, 1], but is within ${range}.`,
        { param: 'trainSizes' },
      );
    }
    abs = trainSizes.map((s) => Math.min(nMax, Math.max(1, Math.floor(s * nMax))));
  } else {
    if (!trainSizes.every((s) => s >= 1 && s <= nMax)) {
      throw new ValidationError(
        `trainSizes has been interpreted as absolute numbers of training samples and must be within (0, ${nMax}], but is within ${range}.`,
        { param: 'trainSizes' },
      );
    }
    abs = [...trainSizes];
  }
  const unique = [...new Set(abs)].sort((a, b) => a - b);
  if (unique.length < abs.length) {
    warn(
      new TypelearnWarning(
        `Removed duplicate entries from trainSizes. Number of ticks will be less than the size of trainSizes: ${unique.length} instead of ${abs.length}.`,
      ),
    );
  }
  return Int32Array.from(unique);
}

/**
 * Fits on the first `n` rows of each train split for each size `n` and scores
 * on the split's test rows (and the rows trained on).
 * @example
 * const lc = await learningCurve(new LinearRegression(), X, y, { trainSizes: [0.1, 0.5, 1], cv: 5 });
 * lc.trainSizesAbs; // Int32Array [35, 176, 353]
 * lc.testScores[2]; // 5 test scores with the full train splits
 */
export async function learningCurve<E extends FittableEstimator>(
  estimator: E,
  X: MatrixLike,
  y?: Labels,
  options: LearningCurveOptions = {},
): Promise<LearningCurveResult> {
  const scoring = resolveScoring(options.scoring);
  const errorScore = checkErrorScore(options.errorScore);
  const data = toCvData(X, y, 'learningCurve');
  const { splits } = makeSplits(estimator, options.cv, data, options.groups);
  const sizes = translateTrainSizes(options.trainSizes ?? [0.1, 0.325, 0.55, 0.775, 1], splits[0][0].length);
  const rng = options.shuffle ? checkRandomState(options.randomState) : undefined;
  const tasks: FitTask[] = [];
  splits.forEach(([train, test], split) => {
    const order = rng ? Int32Array.from(rng.permutation(train.length), (j) => train[j]) : train;
    for (const n of sizes) {
      tasks.push({
        candidate: 0,
        split,
        train: order.slice(0, n),
        test,
        label: `split ${split} of ${splits.length}, ${n} training samples`,
        returnTrainScore: true,
        errorScore,
      });
    }
  });
  const results = await runFitTasks([estimator], data, tasks, scoring, options);
  warnFitFailures(results, errorScore);
  const grid = (pick: (i: number) => number) =>
    Array.from(sizes, (_, t) => Float64Array.from(splits, (_s, s) => pick(s * sizes.length + t)));
  return {
    trainSizesAbs: sizes,
    trainScores: grid((i) => results[i].train?.score ?? Number.NaN),
    testScores: grid((i) => results[i].test.score),
    fitTimes: grid((i) => results[i].fitTime),
    scoreTimes: grid((i) => results[i].scoreTime),
  };
}
