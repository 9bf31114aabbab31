/**
 * `permutationTestScore`: how significant a cross-validated score is, by
 * comparing it with scores on permuted targets — scikit-learn's `permutation_test_score`.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels, MatrixLike } from '../base/types.js';
import type { Scorer } from '../metrics/scorer.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import type { CvOption } from './check-cv.js';
import { makeSplits } from './cross-validate.js';
import { toCvData } from './cv-data.js';
import type { FitTask, FittableEstimator } from './fit-and-score.js';
import { type ParallelOptions, runFitTasks } from './run-tasks.js';
import { resolveScoring } from './scoring.js';
import { encodeSorted } from './splitter.js';

/** Options of {@link permutationTestScore}. */
export interface PermutationTestOptions extends ParallelOptions {
  /** Folds. Default 5 (stratified for classifiers). */
  cv?: CvOption;
  /** Permute only within groups (and pass them to group splitters). */
  groups?: Labels;
  /** Number of permutations. Default 100. */
  nPermutations?: number;
  /** A scorer name or function. Default: the estimator's `score`. */
  scoring?: string | Scorer;
  /** Seed or generator of the permutations. Default 0 (as sklearn). */
  randomState?: RandomState;
}

/** Result of {@link permutationTestScore}. */
export interface PermutationTestResult {
  /** Mean cross-validated score on the true targets. */
  score: number;
  /** Mean cross-validated score for each permutation. */
  permutationScores: Float64Array;
  /** `(count(permutationScores >= score) + 1) / (nPermutations + 1)`. */
  pvalue: number;
}

function permutation(n: number, groups: Int32Array | undefined, rng: RandomGenerator): Int32Array {
  if (groups === undefined) return rng.permutation(n);
  const out = Int32Array.from({ length: n }, (_, i) => i);
  const nGroups = groups.reduce((m, g) => Math.max(m, g + 1), 0);
  for (let g = 0; g < nGroups; g++) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (groups[i] === g) members.push(i);
    const shuffled = rng.permutation(members.length);
    for (const [j, i] of members.entries()) out[i] = members[shuffled[j]];
  }
  return out;
}

/**
 * Cross-validated score on the true `y` and on `nPermutations` shuffles of it
 * (within groups when given); a small p-value means the model found real
 * structure. All permutations' fits run as one batch on `nJobs` workers.
 * @example
 * const { score, pvalue } = await permutationTestScore(new LogisticRegression(), X, y, { nPermutations: 100 });
 */
export async function permutationTestScore<E extends FittableEstimator>(
  estimator: E,
  X: MatrixLike,
  y: Labels,
  options: PermutationTestOptions = {},
): Promise<PermutationTestResult> {
  const nPermutations = options.nPermutations ?? 100;
  if (!Number.isInteger(nPermutations) || nPermutations < 1) {
    throw new ValidationError(`nPermutations must be a positive integer, got ${nPermutations}`, {
      param: 'nPermutations',
    });
  }
  const scoring = resolveScoring(options.scoring);
  const data = toCvData(X, y, 'permutationTestScore');
  const { splits } = makeSplits(estimator, options.cv, data, options.groups);
  const groups = options.groups === undefined ? undefined : encodeSorted(options.groups, 'groups').codes;
  const rng = checkRandomState(options.randomState ?? 0);
  const tasks: FitTask[] = [];
  for (let p = 0; p <= nPermutations; p++) {
    const yPermutation = p === 0 ? undefined : permutation(data.n, groups, rng);
    splits.forEach(([train, test], split) => {
      tasks.push({
        candidate: 0,
        split,
        train,
        test,
        label: p === 0 ? `split ${split} of ${splits.length}` : `split ${split} of ${splits.length}, permutation ${p}`,
        errorScore: 'raise',
        ...(yPermutation === undefined ? {} : { yPermutation }),
      });
    });
  }
  const results = await runFitTasks([estimator], data, tasks, scoring, options);
  const k = splits.length;
  const mean = (p: number) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += results[p * k + j].test.score;
    return s / k;
  };
  const score = mean(0);
  const permutationScores = Float64Array.from({ length: nPermutations }, (_, p) => mean(p + 1));
  const atLeast = permutationScores.filter((s) => s >= score).length;
  return { score, permutationScores, pvalue: (atLeast + 1) / (nPermutations + 1) };
}
