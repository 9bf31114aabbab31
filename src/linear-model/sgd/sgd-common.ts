/**
 * What the SGD estimators share (scikit-learn's `BaseSGD`): the resolved
 * settings every front end (SGDClassifier, Perceptron, PassiveAggressive...)
 * maps its params to, the checks sklearn makes at fit time, the held-out
 * split of early stopping, and the validation scores used to stop.
 */
import { ValidationError } from '../../base/errors.js';
import { instanceOf, interval, options, type ParameterConstraints } from '../../base/params.js';
import type { RandomGenerator, RandomState } from '../../tensor/random.js';
import { SparseMatrix } from '../../tensor/sparse.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type DesignMatrix, denseData } from '../linear-base.js';
import type { ClassWeight } from '../linear-classifier.js';
import type { SgdLossName } from './losses.js';
import type { SgdLearningRate, SgdPenalty } from './plain-sgd.js';

/** Penalty option of the SGD estimators (`null` for none, as sklearn's `None`). */
export type SgdPenaltyOption = 'l2' | 'l1' | 'elasticnet' | null;

/** The settings one SGD fit runs with, after a front end resolved its params. */
export interface SgdSettings {
  loss: SgdLossName;
  penalty: SgdPenalty;
  alpha: number;
  C: number;
  l1Ratio: number;
  learningRate: SgdLearningRate;
  eta0: number;
  powerT: number;
  epsilon: number;
  fitIntercept: boolean;
  maxIter: number;
  tol: number | null;
  shuffle: boolean;
  randomState: RandomState | undefined;
  earlyStopping: boolean;
  validationFraction: number;
  nIterNoChange: number;
  warmStart: boolean;
  /** 0: no averaging; k: average from step k (`true` is 1). */
  average: number;
  classWeight?: ClassWeight;
}

/** Constraints shared by the SGD front ends (sklearn's `BaseSGD._parameter_constraints`). */
export const SGD_COMMON_CONSTRAINTS: ParameterConstraints = {
  fitIntercept: ['boolean'],
  maxIter: [interval('int', 1, null, 'left')],
  tol: [interval('real', 0, null, 'left'), null],
  shuffle: ['boolean'],
  randomState: ['randomState'],
  warmStart: ['boolean'],
  average: [interval('int', 0, null, 'left'), 'boolean'],
  earlyStopping: ['boolean'],
  validationFraction: [interval('real', 0, 1, 'neither')],
  nIterNoChange: [interval('int', 1, null, 'left')],
};

/** Constraints of the gradient-descent options (SGDClassifier/SGDRegressor). */
export const SGD_GRADIENT_CONSTRAINTS: ParameterConstraints = {
  penalty: [options(['l2', 'l1', 'elasticnet']), null],
  alpha: [interval('real', 0, null, 'left')],
  l1Ratio: [interval('real', 0, 1, 'both')],
  epsilon: [interval('real', 0, null, 'left')],
  learningRate: [options(['constant', 'optimal', 'invscaling', 'adaptive'])],
  eta0: [interval('real', 0, null, 'left')],
  powerT: [interval('real', null, null, 'neither')],
};

/** Constraint of `classWeight`. */
export const CLASS_WEIGHT_CONSTRAINT = [options(['balanced']), instanceOf(Object), null];

/** `true` → 1, `false` → 0, a number as is. */
export function averageStart(average: boolean | number): number {
  return average === true ? 1 : average === false ? 0 : average;
}

/**
 * The checks sklearn's `_more_validate_params` makes, as `ValidationError`s
 * naming the offending option.
 * @example checkSgdSettings(settings, false)
 */
export function checkSgdSettings(s: SgdSettings, forPartialFit: boolean, name: string): void {
  if (s.earlyStopping && forPartialFit) {
    throw new ValidationError(`${name}: earlyStopping should be false with partialFit`, {
      param: 'earlyStopping',
      got: true,
    });
  }
  if (
    (s.learningRate === 'constant' || s.learningRate === 'invscaling' || s.learningRate === 'adaptive') &&
    !(s.eta0 > 0)
  ) {
    throw new ValidationError(`${name}: eta0 must be > 0 with learningRate '${s.learningRate}', got ${s.eta0}`, {
      param: 'eta0',
      got: s.eta0,
    });
  }
  if (s.learningRate === 'optimal' && s.alpha === 0) {
    throw new ValidationError(
      `${name}: alpha must be > 0 since learningRate is 'optimal' (alpha is used to compute the optimal learning rate)`,
      { param: 'alpha', got: 0 },
    );
  }
}

/** `penalty` option to the core's penalty kind. */
export function penaltyKind(penalty: SgdPenaltyOption): SgdPenalty {
  return penalty === null ? 'none' : penalty;
}

/** `(intercept decay, ...)` of sklearn's `make_dataset`: sparse X learns its intercept 100× slower. */
export function interceptDecay(x: DesignMatrix): number {
  return x instanceof SparseMatrix ? 0.01 : 1;
}

/**
 * Held-out mask for early stopping: `ceil(fraction · m)` rows, drawn per
 * class when `strata` is given (sklearn uses (Stratified)ShuffleSplit; the
 * draws come from typelearn's generator so the rows differ from sklearn's).
 * @example validationMask(rng, 100, 0.1) // 10 ones
 */
export function validationMask(
  rng: RandomGenerator,
  m: number,
  fraction: number,
  sampleWeight: Float64Array,
  strata?: Int32Array,
): Uint8Array {
  const nTest = Math.ceil(fraction * m);
  const nTrain = m - nTest;
  if (nTrain <= 0 || nTest <= 0) {
    throw new ValidationError(
      `Splitting ${m} samples into a train set and a validation set with validationFraction=${fraction} led to an empty set (${nTrain} and ${nTest} samples). Please either change validationFraction, increase number of samples, or disable earlyStopping.`,
      { param: 'validationFraction', got: fraction },
    );
  }
  const mask = new Uint8Array(m);
  if (strata === undefined) {
    const perm = rng.permutation(m);
    for (let i = 0; i < nTest; i++) mask[perm[i]] = 1;
  } else {
    // Per-class quotas proportional to the class sizes, remainders to the largest fractions.
    let k = 0;
    for (let i = 0; i < m; i++) k = Math.max(k, strata[i] + 1);
    const members: number[][] = Array.from({ length: k }, () => []);
    for (let i = 0; i < m; i++) members[strata[i]].push(i);
    const quota = members.map((g) => Math.floor((g.length * nTest) / m));
    let left = nTest - quota.reduce((a, b) => a + b, 0);
    const byFraction = members
      .map((g, c) => ({ c, f: (g.length * nTest) / m - quota[c] }))
      .sort((a, b) => b.f - a.f || a.c - b.c);
    for (const { c } of byFraction) {
      if (left === 0) break;
      if (quota[c] < members[c].length) {
        quota[c]++;
        left--;
      }
    }
    for (let c = 0; c < k; c++) {
      const g = Int32Array.from(members[c]);
      rng.shuffle(g);
      for (let i = 0; i < quota[c]; i++) mask[g[i]] = 1;
    }
  }
  let any = false;
  for (let i = 0; i < m && !any; i++) any = mask[i] === 1 && sampleWeight[i] > 0;
  if (!any) {
    throw new ValidationError(
      'The sample weights for validation set are all zero, consider using a different random state.',
      { param: 'sampleWeight' },
    );
  }
  return mask;
}

/** Decision `w·xᵢ + b` of row `i`. */
function rowDecision(x: DesignMatrix, xs: Float64Array | undefined, i: number, w: Float64Array, b: number): number {
  let s = b;
  if (x instanceof SparseMatrix) {
    for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) s += x.data[p] * w[x.indices[p]];
  } else {
    const n = w.length;
    const xd = xs as Float64Array;
    for (let j = 0; j < n; j++) s += xd[i * n + j] * w[j];
  }
  return s;
}

/**
 * Validation score of early stopping on the held-out rows: weighted
 * accuracy of `sign(w·x + b)` against ±1 targets (`classification`), else
 * weighted R².
 * @example const score = validationScorer(X, y, sw, mask, true); score(w, b)
 */
export function validationScorer(
  x: DesignMatrix,
  y: Float64Array,
  sampleWeight: Float64Array,
  mask: Uint8Array,
  classification: boolean,
): (w: Float64Array, b: number) => number {
  const xs = x instanceof SparseMatrix ? undefined : denseData(x as Tensor);
  const rows: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) rows.push(i);
  return (w, b) => {
    if (classification) {
      let hit = 0;
      let total = 0;
      for (const i of rows) {
        const pred = rowDecision(x, xs, i, w, b) > 0 ? 1 : -1;
        total += sampleWeight[i];
        if (pred === y[i]) hit += sampleWeight[i];
      }
      return hit / total;
    }
    let sw = 0;
    let mean = 0;
    for (const i of rows) {
      sw += sampleWeight[i];
      mean += sampleWeight[i] * y[i];
    }
    mean /= sw;
    let res = 0;
    let tot = 0;
    for (const i of rows) {
      const r = y[i] - rowDecision(x, xs, i, w, b);
      res += sampleWeight[i] * r * r;
      tot += sampleWeight[i] * (y[i] - mean) ** 2;
    }
    if (tot === 0) return res === 0 ? 1 : 0;
    return 1 - res / tot;
  };
}
