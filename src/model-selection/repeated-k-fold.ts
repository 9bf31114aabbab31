/**
 * `RepeatedKFold` and `RepeatedStratifiedKFold`: k-fold repeated with a
 * different shuffle each time, as scikit-learn's.
 */
import type { Labels } from '../base/types.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { KFold, type TrainTestIndices } from './k-fold.js';
import { checkInt, type SplitInput, type Splitter } from './splitter.js';
import { StratifiedKFold } from './stratified-k-fold.js';

/** Options of {@link RepeatedKFold} and {@link RepeatedStratifiedKFold}. */
export interface RepeatedKFoldOptions {
  /** Folds per repetition, at least 2. Default 5. */
  nSplits?: number;
  /** Number of repetitions. Default 10. */
  nRepeats?: number;
  /** Seed or generator; one generator drives all repetitions, so a seed gives the same splits on every call. */
  randomState?: RandomState;
}

abstract class RepeatedSplits implements Splitter {
  readonly nSplits: number;
  readonly nRepeats: number;
  readonly randomState: RandomState | undefined;

  constructor(owner: string, options: RepeatedKFoldOptions) {
    this.nSplits = checkInt(owner, 'nSplits', options.nSplits ?? 5, 2);
    this.nRepeats = checkInt(owner, 'nRepeats', options.nRepeats ?? 10, 1);
    this.randomState = options.randomState;
  }

  protected abstract inner(rng: ReturnType<typeof checkRandomState>): Splitter;

  /** `nSplits * nRepeats`. */
  getNSplits(): number {
    return this.nSplits * this.nRepeats;
  }

  /** Yields the folds of each repetition in turn. */
  *split(X: SplitInput, y?: Labels, groups?: Labels): Generator<TrainTestIndices> {
    const rng = checkRandomState(this.randomState);
    for (let r = 0; r < this.nRepeats; r++) yield* this.inner(rng).split(X, y, groups);
  }
}

/**
 * KFold with shuffling, `nRepeats` times (`nSplits * nRepeats` splits).
 * @example
 * const rkf = new RepeatedKFold({ nSplits: 2, nRepeats: 3, randomState: 0 });
 * rkf.getNSplits(); // 6
 */
export class RepeatedKFold extends RepeatedSplits {
  constructor(options: RepeatedKFoldOptions = {}) {
    super('RepeatedKFold', options);
  }

  protected inner(rng: ReturnType<typeof checkRandomState>): Splitter {
    return new KFold({ nSplits: this.nSplits, shuffle: true, randomState: rng });
  }
}

/**
 * StratifiedKFold with shuffling, `nRepeats` times; `y` is required.
 * @example
 * const rskf = new RepeatedStratifiedKFold({ nSplits: 2, nRepeats: 2, randomState: 0 });
 * for (const [train, test] of rskf.split(X, y)) { ... }
 */
export class RepeatedStratifiedKFold extends RepeatedSplits {
  constructor(options: RepeatedKFoldOptions = {}) {
    super('RepeatedStratifiedKFold', options);
  }

  protected inner(rng: ReturnType<typeof checkRandomState>): Splitter {
    return new StratifiedKFold({ nSplits: this.nSplits, shuffle: true, randomState: rng });
  }
}
