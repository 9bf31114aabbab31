/**
 * `IsolationForest` (scikit-learn's `sklearn.ensemble.IsolationForest`):
 * anomaly detection by random partitioning. Each tree is grown on a small
 * subsample (`maxSamples`, 256 by default) with one random feature and one
 * random threshold per split, down to depth ⌈log₂ maxSamples⌉; anomalies are
 * isolated in fewer splits. `scoreSamples` is `−2^(−E[h(x)] / c(maxSamples))`
 * where `h` is the depth reached plus `c(n)` for the samples left in the leaf,
 * and `c(n) = 2(ln(n−1) + γ) − 2(n−1)/n` the average path length of an
 * unsuccessful binary-search-tree lookup.
 *
 * Differences from scikit-learn: subsamples and features come from
 * typelearn's generator; NaN in `X` is accepted (missing values go to a random side).
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { checkRandomState, RandomGenerator, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { buildTree, prepareTreeInput } from '../tree/build-tree.js';
import { MSE } from '../tree/criterion.js';
import { TREE_LEAF, Tree } from '../tree/tree-structure.js';

/** Options of {@link IsolationForest} (sklearn's names, camelCase). */
export interface IsolationForestParams {
  /** Number of trees. Default 100. */
  nEstimators: number;
  /** Rows per tree: `'auto'` (min(256, n)), a count, or a fraction in (0, 1]. */
  maxSamples: 'auto' | number;
  /** Expected share of outliers in (0, 0.5], or `'auto'` (threshold at score −0.5). */
  contamination: 'auto' | number;
  /** Features per tree: a count, or a fraction in (0, 1]. Default 1.0 (all). */
  maxFeatures: number;
  /** Draw the rows with replacement. Default `false`. */
  bootstrap: boolean;
  /** Accepted for API compatibility; trees are grown inline (they are tiny). */
  nJobs: number | null | undefined;
  /** Seed or generator. Default `undefined` (unseeded). */
  randomState: RandomState | undefined;
  /** Keep the trees of the previous fit and add trees up to `nEstimators`. Default `false`. */
  warmStart: boolean;
}

const DEFAULTS: IsolationForestParams = {
  nEstimators: 100,
  maxSamples: 'auto',
  contamination: 'auto',
  maxFeatures: 1.0,
  bootstrap: false,
  nJobs: undefined,
  randomState: undefined,
  warmStart: false,
};

const EULER_GAMMA = 0.5772156649015329;

/**
 * Average path length of an unsuccessful search in a binary search tree of `n` points.
 * @example averagePathLength(256) // ≈ 10.24
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/**
 * Isolation forest outlier detector.
 *
 * Fitted attributes: `trees`, `treeFeatures` (the columns each tree saw),
 * `maxSamplesUsed`, `offset` (sklearn's `offset_`), `nFeaturesIn`.
 *
 * @example
 * import { IsolationForest } from 'typelearn/ensemble';
 * const model = await new IsolationForest({ randomState: 0 }).fit(X);
 * model.predict([[0, 0], [9, 9]]); // Int32Array [1, -1]: inlier, outlier
 * model.scoreSamples(X);          // lower = more abnormal
 */
export class IsolationForest extends BaseEstimator<IsolationForestParams> {
  static override readonly estimatorName = 'IsolationForest';
  static override parameterConstraints: ParameterConstraints = {
    nEstimators: [interval('int', 1, null, 'left')],
    maxSamples: [options(['auto']), interval('int', 1, null, 'left'), interval('real', 0, 1, 'right')],
    contamination: [options(['auto']), interval('real', 0, 0.5, 'right')],
    maxFeatures: [interval('int', 1, null, 'left'), interval('real', 0, 1, 'right')],
    bootstrap: ['boolean'],
    nJobs: [interval('int', null, null, 'neither'), null],
    randomState: ['randomState'],
    warmStart: ['boolean'],
  };

  #trees: Tree[] = [];
  #features: Int32Array[] = [];
  #maxSamples?: number;
  #offset?: number;

  /** @param options - see {@link IsolationForestParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<IsolationForestParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'outlierDetector', allowsNaN: true };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, fitOptions: FitOptions): void {
    const x = this.validateData(X, undefined, { reset: true }).X;
    const [n, f] = x.shape;
    const p = this.params;
    if (fitOptions.sampleWeight !== undefined) {
      throw new ValidationError('IsolationForest does not support sampleWeight', { param: 'sampleWeight' });
    }
    let maxSamples: number;
    if (p.maxSamples === 'auto') maxSamples = Math.min(256, n);
    else if (Number.isInteger(p.maxSamples) && p.maxSamples > 1) {
      if (p.maxSamples > n) {
        warn(
          new TypelearnWarning(
            `maxSamples (${p.maxSamples}) is greater than the total number of samples (${n}); maxSamples will be set to ${n}.`,
          ),
        );
      }
      maxSamples = Math.min(p.maxSamples, n);
    } else maxSamples = Math.max(1, Math.floor(p.maxSamples * n));
    const nFeat =
      Number.isInteger(p.maxFeatures) && p.maxFeatures > 1 ? p.maxFeatures : Math.max(1, Math.floor(p.maxFeatures * f));
    if (nFeat > f)
      throw new ValidationError(`maxFeatures must be <= nFeatures = ${f}, got ${p.maxFeatures}`, {
        param: 'maxFeatures',
      });
    const keep = p.warmStart && this.#trees.length > 0 && this.#maxSamples === maxSamples ? this.#trees.length : 0;
    if (p.nEstimators < keep)
      throw new ValidationError(
        `nEstimators=${p.nEstimators} must be >= the ${keep} fitted trees when warmStart is true`,
      );
    const rng = checkRandomState(p.randomState);
    const seeds: number[] = [];
    for (let k = 0; k < p.nEstimators; k++) seeds.push(Math.floor(rng.random() * 2147483646));
    const maxDepth = Math.ceil(Math.log2(Math.max(maxSamples, 2)));
    const trees = this.#trees.slice(0, keep);
    const features = this.#features.slice(0, keep);
    const xs = x.data;
    for (let t = keep; t < p.nEstimators; t++) {
      const r = new RandomGenerator(seeds[t]);
      const cols =
        nFeat === f ? Int32Array.from({ length: f }, (_, j) => j) : r.choice(f, { size: nFeat, replace: false });
      const rows = p.bootstrap ? r.choice(n, { size: maxSamples }) : r.choice(n, { size: maxSamples, replace: false });
      const sub = new Float64Array(maxSamples * nFeat);
      for (let i = 0; i < maxSamples; i++)
        for (let j = 0; j < nFeat; j++) sub[i * nFeat + j] = xs[rows[i] * f + cols[j]];
      const y = new Float64Array(maxSamples);
      for (let i = 0; i < maxSamples; i++) y[i] = r.random();
      const tree = buildTree(
        prepareTreeInput(new Tensor(sub, [maxSamples, nFeat]), false),
        { yClass: null, nClasses: 0, y },
        new Float64Array(maxSamples).fill(1),
        {
          splitter: 'random',
          maxDepth,
          minSamplesSplit: 2,
          minSamplesLeaf: 1,
          minWeightFractionLeaf: 0,
          maxFeatures: 1,
          randomState: undefined,
          maxLeafNodes: undefined,
          minImpurityDecrease: 0,
          ccpAlpha: 0,
        },
        MSE,
        r,
      );
      trees.push(tree);
      features.push(cols);
    }
    this.#trees = trees;
    this.#features = features;
    this.#maxSamples = maxSamples;
    if (p.contamination === 'auto') this.#offset = -0.5;
    else {
      const scores = Array.from(this.#score(xs, n, f)).sort((a, b) => a - b);
      this.#offset = percentile(scores, 100 * p.contamination);
    }
  }

  /** Anomaly score of each row (sklearn's `score_samples`): the lower, the more abnormal. */
  #score(xs: ArrayLike<number>, n: number, f: number): Float64Array {
    const depth = new Float64Array(n);
    for (let t = 0; t < this.#trees.length; t++) {
      const tree = this.#trees[t];
      const cols = this.#features[t];
      const m = cols.length;
      const rows = new Float32Array(n * m);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) rows[i * m + j] = xs[i * f + cols[j]];
      for (let i = 0; i < n; i++) {
        let node = 0;
        let d = 0;
        while (tree.childrenLeft[node] !== TREE_LEAF) {
          const v = rows[i * m + tree.feature[node]];
          node =
            v <= tree.threshold[node] || (Number.isNaN(v) && tree.missingGoLeft[node] === 1)
              ? tree.childrenLeft[node]
              : tree.childrenRight[node];
          d++;
        }
        depth[i] += d + averagePathLength(tree.nNodeSamples[node]);
      }
    }
    const denom = this.#trees.length * averagePathLength(this.#maxSamples ?? 1);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = -(2 ** (-depth[i] / denom));
    return out;
  }

  #rows(X: MatrixLike): { xs: ArrayLike<number>; n: number; f: number } {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false }).X;
    return { xs: x.data, n: x.shape[0], f: x.shape[1] };
  }

  /**
   * Opposite of the anomaly score of the original paper (sklearn's `score_samples`): lower = more abnormal.
   * @example model.scoreSamples([[0, 0]]) // Float64Array [-0.4]
   */
  scoreSamples(X: MatrixLike): Float64Array {
    const { xs, n, f } = this.#rows(X);
    return this.#score(xs, n, f);
  }

  /**
   * `scoreSamples(X) − offset`: negative for outliers.
   * @example model.decisionFunction([[9, 9]]) // Float64Array [-0.2]
   */
  decisionFunction(X: MatrixLike): Float64Array {
    const s = this.scoreSamples(X);
    const offset = this.offset;
    for (let i = 0; i < s.length; i++) s[i] -= offset;
    return s;
  }

  /**
   * `1` for inliers, `-1` for outliers.
   * @example model.predict([[0, 0], [9, 9]]) // Int32Array [1, -1]
   */
  predict(X: MatrixLike): Int32Array {
    const d = this.decisionFunction(X);
    const out = new Int32Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = d[i] < 0 ? -1 : 1;
    return out;
  }

  /**
   * Fits, then predicts the training rows.
   * @example const labels = await new IsolationForest().fitPredict(X);
   */
  async fitPredict(X: MatrixLike, y?: Labels, fitOptions: FitOptions = {}): Promise<Int32Array> {
    await this.fit(X, y, fitOptions);
    return this.predict(X);
  }

  /** The trees (grown on `treeFeatures[t]` columns). */
  get trees(): Tree[] {
    return this.fitted('trees', this.#trees.length > 0 ? this.#trees : undefined).slice();
  }

  /** Columns each tree saw (sklearn's `estimators_features_`). */
  get treeFeatures(): Int32Array[] {
    return this.fitted('treeFeatures', this.#features.length > 0 ? this.#features : undefined).map((c) => c.slice());
  }

  /** Rows per tree (sklearn's `max_samples_`). */
  get maxSamplesUsed(): number {
    return this.fitted('maxSamplesUsed', this.#maxSamples);
  }

  /** Threshold subtracted in `decisionFunction` (sklearn's `offset_`). */
  get offset(): number {
    return this.fitted('offset', this.#offset);
  }

  protected getState(): Record<string, unknown> {
    return {
      trees: this.#trees.map((t) => t.toState()),
      features: this.#features,
      maxSamples: this.#maxSamples,
      offset: this.#offset,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved IsolationForest';
    const r = new StateReader(state, where);
    const { trees, features } = state;
    if (!Array.isArray(trees) || !Array.isArray(features) || trees.length === 0 || trees.length !== features.length) {
      throw new ValidationError(`${where}: 'trees' and 'features' must be non-empty arrays of the same length`);
    }
    this.#trees = trees.map((t, i) => Tree.fromState(t, `${where}: trees[${i}]`));
    this.#features = features.map((c, i) => {
      if (!(c instanceof Int32Array) || c.length !== this.#trees[i].nFeatures) {
        throw new ValidationError(
          `${where}: features[${i}] must be an Int32Array of length ${this.#trees[i].nFeatures}`,
        );
      }
      return c;
    });
    this.#maxSamples = r.number('maxSamples', { integer: true, min: 1 });
    this.#offset = r.number('offset', { finite: true });
  }
}

/** numpy's default ("linear") percentile of sorted values. */
function percentile(sorted: number[], q: number): number {
  const pos = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
