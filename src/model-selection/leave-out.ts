/**
 * Exhaustive leave-out splitters (scikit-learn's): `LeaveOneOut`, `LeavePOut`,
 * `LeaveOneGroupOut`, `LeavePGroupsOut`.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels } from '../base/types.js';
import type { TrainTestIndices } from './k-fold.js';
import {
  checkInt,
  encodeSorted,
  maskToSplit,
  numSamples,
  requireLength,
  type SplitInput,
  type Splitter,
} from './splitter.js';

/** Binomial coefficient C(n, k) (exact below 2^53). */
function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return Math.round(out);
}

/** Every k-subset of 0..n-1 in lexicographic order (Python's `itertools.combinations`). */
function* combinations(n: number, k: number): Generator<Int32Array> {
  const c = Int32Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    yield c.slice();
    let i = k - 1;
    while (i >= 0 && c[i] === n - k + i) i--;
    if (i < 0) return;
    c[i]++;
    for (let j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
  }
}

/**
 * Each sample is the test set once (n splits). Equivalent to `KFold({ nSplits: n })`.
 * @example [...new LeaveOneOut().split(3)].map(([, te]) => te[0]) // [0, 1, 2]
 */
export class LeaveOneOut implements Splitter {
  /** Number of splits: the sample count of `X` (required). */
  getNSplits(X?: SplitInput): number {
    if (X === undefined) throw new ValidationError("The 'X' parameter should not be undefined.", { param: 'X' });
    return numSamples(X);
  }

  /** Yields `[train, test]` with one test sample each, in order. */
  *split(X: SplitInput, _y?: Labels, _groups?: Labels): Generator<TrainTestIndices> {
    const n = numSamples(X);
    if (n <= 1) throw new ValidationError(`Cannot perform LeaveOneOut with n_samples=${n}.`);
    yield* leaveSubsetsOut(n, 1);
  }
}

function* leaveSubsetsOut(n: number, p: number): Generator<TrainTestIndices> {
  const mask = new Uint8Array(n);
  for (const test of combinations(n, p)) {
    mask.fill(0);
    for (const i of test) mask[i] = 1;
    yield maskToSplit(mask);
  }
}

/** Options of {@link LeavePOut}. */
export interface LeavePOutOptions {
  /** Size of each test set. */
  p: number;
}

/**
 * Every subset of `p` samples is the test set once: C(n, p) splits, in
 * lexicographic order. Grows fast; for large n prefer KFold or ShuffleSplit.
 * @example [...new LeavePOut({ p: 2 }).split(3)].map(([, te]) => Array.from(te)) // [[0, 1], [0, 2], [1, 2]]
 */
export class LeavePOut implements Splitter {
  readonly p: number;

  constructor(options: LeavePOutOptions) {
    this.p = checkInt('LeavePOut', 'p', options?.p, 1);
  }

  /** Number of splits, C(nSamples, p); `X` is required. */
  getNSplits(X?: SplitInput): number {
    if (X === undefined) throw new ValidationError("The 'X' parameter should not be undefined.", { param: 'X' });
    return binomial(numSamples(X), this.p);
  }

  /** Yields `[train, test]` pairs, test sets in lexicographic order. */
  *split(X: SplitInput, _y?: Labels, _groups?: Labels): Generator<TrainTestIndices> {
    const n = numSamples(X);
    if (n <= this.p) throw new ValidationError(`p=${this.p} must be strictly less than the number of samples=${n}`);
    yield* leaveSubsetsOut(n, this.p);
  }
}

function* leaveGroupsOut(owner: string, n: number, groups: Labels | undefined, p: number): Generator<TrainTestIndices> {
  const { codes, uniques } = encodeSorted(requireLength(groups, n, 'groups', owner), 'groups');
  if (uniques.length <= p) {
    throw new ValidationError(
      p === 1
        ? `The groups parameter contains fewer than 2 unique groups (${uniques.join(', ')}). ${owner} expects at least 2.`
        : `The groups parameter contains fewer than (or equal to) nGroups (${p}) numbers of unique groups (${uniques.join(', ')}). ${owner} expects that at least nGroups + 1 (${p + 1}) unique groups be present`,
      { param: 'groups' },
    );
  }
  const mask = new Uint8Array(n);
  const chosen = new Uint8Array(uniques.length);
  for (const combo of combinations(uniques.length, p)) {
    chosen.fill(0);
    for (const g of combo) chosen[g] = 1;
    for (let i = 0; i < n; i++) mask[i] = chosen[codes[i]];
    yield maskToSplit(mask);
  }
}

function groupCount(owner: string, groups: Labels | undefined): number {
  if (groups === undefined)
    throw new ValidationError(`${owner}: The 'groups' parameter should not be undefined.`, { param: 'groups' });
  return encodeSorted(groups, 'groups').uniques.length;
}

/**
 * Each group (in sorted group order) is the test set once.
 * @example [...new LeaveOneGroupOut().split(4, undefined, ['b', 'a', 'b', 'c'])].map(([, te]) => Array.from(te)) // [[1], [0, 2], [3]]
 */
export class LeaveOneGroupOut implements Splitter {
  /** Number of distinct groups; `groups` is required. */
  getNSplits(_X?: SplitInput, _y?: Labels, groups?: Labels): number {
    return groupCount('LeaveOneGroupOut', groups);
  }

  /** Yields `[train, test]` pairs; `groups` is required. */
  *split(X: SplitInput, _y?: Labels, groups?: Labels): Generator<TrainTestIndices> {
    yield* leaveGroupsOut('LeaveOneGroupOut', numSamples(X), groups, 1);
  }
}

/** Options of {@link LeavePGroupsOut}. */
export interface LeavePGroupsOutOptions {
  /** Number of groups in each test set. */
  nGroups: number;
}

/**
 * Every combination of `nGroups` groups is the test set once (lexicographic over sorted groups).
 * @example new LeavePGroupsOut({ nGroups: 2 }).getNSplits(undefined, undefined, [0, 1, 2]) // 3
 */
export class LeavePGroupsOut implements Splitter {
  readonly nGroups: number;

  constructor(options: LeavePGroupsOutOptions) {
    this.nGroups = checkInt('LeavePGroupsOut', 'nGroups', options?.nGroups, 1);
  }

  /** C(distinct groups, nGroups); `groups` is required. */
  getNSplits(_X?: SplitInput, _y?: Labels, groups?: Labels): number {
    return binomial(groupCount('LeavePGroupsOut', groups), this.nGroups);
  }

  /** Yields `[train, test]` pairs; `groups` is required. */
  *split(X: SplitInput, _y?: Labels, groups?: Labels): Generator<TrainTestIndices> {
    yield* leaveGroupsOut('LeavePGroupsOut', numSamples(X), groups, this.nGroups);
  }
}
