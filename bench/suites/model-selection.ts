/**
 * Suite `model-selection`: 5-fold × 8-candidate `GridSearchCV`s run inline (`nJobs: 1`) and
 * on 2 threads (`nJobs: 2`: one worker plus this thread), with scikit-learn's `GridSearchCV`
 * (`n_jobs=1` and `n_jobs=2`) as the Python peer, on three workloads:
 * - `LinearRegression` (n=12000, d=24): 40 fits of ~15 ms, where overheads dominate;
 * - `LogisticRegression` over C (n=20000, d=40): 40 fits of ~50 ms;
 * - `DecisionTreeClassifier` over maxDepth (n=30000, d=20): 40 compute-bound fits, the
 *   kind of search parallelism is for.
 *
 * Both sides are timed the same way: searches in one process after one warm-up search,
 * so the workers are warm — joblib keeps its loky worker processes between searches
 * (its reusable executor) and typelearn's `runInPool` keeps its worker threads (`reuse`).
 */
import type { Prepared, Task } from '../harness.js';

/** One line for the report header. */
export const description =
  'GridSearchCV, 5 folds × 8 candidates (LinearRegression; LogisticRegression over C; DecisionTree over maxDepth): nJobs 1 vs 2, warm workers';

/** The three workloads. */
type Workload = 'linear' | 'logistic' | 'tree';
const sizes: Record<Workload, { n: number; d: number }> = {
  linear: { n: 12_000, d: 24 },
  logistic: { n: 20_000, d: 40 },
  tree: { n: 30_000, d: 20 },
};
const folds = 5;

/** LinearRegression's 4 settings, listed twice (8 candidates, as in the bar). */
const linearGrid = { fitIntercept: [true, false], positive: [false, true] };
/** LogisticRegression's C over 8 values. */
const logisticGrid = { C: [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30] };
/** DecisionTreeClassifier's maxDepth over 8 values (null: grown until pure). */
const treeGrid = { maxDepth: [4, 6, 8, 10, 12, 14, 16, null] };

/**
 * Deterministic data: y = X·w + noise (regression) or its sign (classification), from a small
 * LCG (benchmark inputs only need to be reproducible; Python draws its own of the same shape).
 */
function makeData(workload: Workload): { X: Float64Array; y: Float64Array } {
  const { n, d } = sizes[workload];
  let s = 12345;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let j = 0; j < d; j++) {
      X[i * d + j] = next();
      t += X[i * d + j] * ((j % 5) - 1);
    }
    y[i] = t + 0.1 * next();
    if (workload !== 'linear') y[i] = t + 0.5 * next() > 0 ? 1 : 0;
  }
  return { X, y };
}

/** Scores of each workload's `nJobs: 1` search: the `nJobs: 2` runs must give the very same. */
const reference = new Map<Workload, string>();

function contender(nJobs: number, workload: Workload): Task['contenders'][number] {
  return {
    name: `typelearn (nJobs ${nJobs})`,
    setup: async (): Promise<Prepared> => {
      const { LinearRegression, LogisticRegression } = await import('../../src/linear-model/index.js');
      const { DecisionTreeClassifier } = await import('../../src/tree/index.js');
      const { GridSearchCV } = await import('../../src/model-selection/index.js');
      const { Tensor } = await import('../../src/tensor/tensor.js');
      const { X, y } = makeData(workload);
      const { n, d } = sizes[workload];
      const Xt = new Tensor(X, [n, d]);
      const yt = new Tensor(y, [n]);
      const [estimator, grids] =
        workload === 'linear'
          ? [new LinearRegression(), [linearGrid, linearGrid]]
          : workload === 'logistic'
            ? [new LogisticRegression({ maxIter: 200 }), [logisticGrid]]
            : [new DecisionTreeClassifier({ randomState: 0 }), [treeGrid]];
      let scores = '';
      return {
        run: async () => {
          const search = await new GridSearchCV(estimator, grids, { cv: folds, nJobs, refit: false }).fit(Xt, yt);
          scores = JSON.stringify(Array.from(search.cvResults.mean_test_score as Float64Array));
        },
        verify: () => {
          if (nJobs === 1) reference.set(workload, scores);
          const ref = reference.get(workload);
          return ref !== undefined && ref !== scores ? `nJobs ${nJobs} scores differ from nJobs 1` : undefined;
        },
      };
    },
  };
}

const lin = sizes.linear;
const log = sizes.logistic;
const tree = sizes.tree;
// LinearRegression by Householder QR: about 2·m·d² flops per fit (m = training rows), 40 fits.
const linearFlops = 40 * 2 * ((lin.n * (folds - 1)) / folds) * lin.d * lin.d;
// LogisticRegression by L-BFGS: ~4·m·d flops per gradient, nominally 50 gradients per fit, 40 fits.
const logisticFlops = 40 * 50 * 4 * ((log.n * (folds - 1)) / folds) * log.d;

// DecisionTree: nominal bytes — each fit reads its training rows' features once per level, ~10 levels.
const treeBytes = 40 * 10 * ((tree.n * (folds - 1)) / folds) * tree.d * 8;

export const tasks: Task[] = [
  {
    name: `GridSearchCV 5-fold x 8 LinearRegression n=${lin.n} d=${lin.d}`,
    unit: 'GFLOP/s',
    work: linearFlops,
    contenders: [contender(1, 'linear'), contender(2, 'linear')],
    python: { op: 'grid_search', model: 'linear', n: lin.n, d: lin.d, folds },
  },
  {
    name: `GridSearchCV 5-fold x 8 LogisticRegression(C) n=${log.n} d=${log.d}`,
    unit: 'GFLOP/s',
    work: logisticFlops,
    contenders: [contender(1, 'logistic'), contender(2, 'logistic')],
    python: { op: 'grid_search', model: 'logistic', n: log.n, d: log.d, folds },
  },
  {
    name: `GridSearchCV 5-fold x 8 DecisionTree(maxDepth) n=${tree.n} d=${tree.d}`,
    unit: 'GB/s',
    work: treeBytes,
    contenders: [contender(1, 'tree'), contender(2, 'tree')],
    python: { op: 'grid_search', model: 'tree', n: tree.n, d: tree.d, folds },
  },
];
