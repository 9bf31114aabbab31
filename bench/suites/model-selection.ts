/**
 * Suite `model-selection`: 5-fold × 8-candidate `GridSearchCV`s run inline (`nJobs: 1`) and on
 * 2 worker threads (`nJobs: 2`), with scikit-learn's `GridSearchCV` (`n_jobs=1` and `n_jobs=2`)
 * as the Python peer, on two workloads:
 * - `LinearRegression` (n=12000, d=24): 40 fits of ~15 ms, where start-up costs dominate;
 * - `LogisticRegression` over C (n=20000, d=40): 40 fits of ~100 ms, a search where
 *   parallelism is what the user is after.
 *
 * The harness times synchronous runs, and a search is asynchronous (workers answer through
 * the event loop), so each timed run is one child process (`node` running this file) doing
 * one complete search: process start-up and module loading are inside every row's time,
 * equally for both typelearn rows (which makes the parallel ratio conservative). The child
 * also reports its in-process search time, printed after the task.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Prepared, Task } from '../harness.js';

/** One line for the report header. */
export const description =
  'GridSearchCV, 5 folds × 8 candidates (LinearRegression; LogisticRegression over C): nJobs 1 vs 2, one child process per run';

/** The two workloads. */
type Workload = 'linear' | 'logistic';
const sizes: Record<Workload, { n: number; d: number }> = {
  linear: { n: 12_000, d: 24 },
  logistic: { n: 20_000, d: 40 },
};
const folds = 5;
const thisFile = fileURLToPath(import.meta.url);

/** LinearRegression's 4 settings, listed twice (8 candidates, as in the bar). */
const linearGrid = { fitIntercept: [true, false], positive: [false, true] };
/** LogisticRegression's C over 8 values. */
const logisticGrid = { C: [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30] };

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
    if (workload === 'logistic') y[i] = t + 0.5 * next() > 0 ? 1 : 0;
  }
  return { X, y };
}

interface ChildOutput {
  seconds: number;
  meanTestScore: number[];
  bestIndex: number;
}

/** Child mode: one search, its result and in-process time as JSON on stdout. */
async function child(nJobs: number, workload: Workload): Promise<void> {
  const { LinearRegression, LogisticRegression } = await import('../../src/linear-model/index.js');
  const { GridSearchCV } = await import('../../src/model-selection/index.js');
  const { Tensor } = await import('../../src/tensor/tensor.js');
  const { X, y } = makeData(workload);
  const { n, d } = sizes[workload];
  const start = performance.now();
  const [estimator, grids] =
    workload === 'linear'
      ? [new LinearRegression(), [linearGrid, linearGrid]]
      : [new LogisticRegression({ maxIter: 200 }), [logisticGrid]];
  const search = await new GridSearchCV(estimator, grids, {
    cv: folds,
    nJobs,
    refit: false,
    modules: [new URL('../../src/linear-model/index.js', import.meta.url)],
  }).fit(new Tensor(X, [n, d]), new Tensor(y, [n]));
  const out: ChildOutput = {
    seconds: (performance.now() - start) / 1000,
    meanTestScore: Array.from(search.cvResults.mean_test_score as Float64Array),
    bestIndex: search.bestIndex,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

const results = new Map<string, ChildOutput[]>();

function contender(nJobs: number, workload: Workload): Task['contenders'][number] {
  return {
    name: `typelearn (nJobs ${nJobs})`,
    setup: (): Prepared => {
      const runs: ChildOutput[] = [];
      results.set(`${workload} ${nJobs}`, runs);
      return {
        run: () => {
          const text = execFileSync(process.execPath, [thisFile, String(nJobs), workload], { encoding: 'utf8' });
          runs.push(JSON.parse(text) as ChildOutput);
        },
        verify: () => {
          const last = runs[runs.length - 1];
          const reference = results.get(`${workload} 1`)?.[0];
          if (
            reference !== undefined &&
            JSON.stringify(last.meanTestScore) !== JSON.stringify(reference.meanTestScore)
          ) {
            return `nJobs ${nJobs} scores differ from nJobs 1`;
          }
          const inner = runs.map((r) => r.seconds).sort((a, b) => a - b);
          process.stderr.write(
            `  nJobs ${nJobs}: in-process search median ${inner[Math.floor(inner.length / 2)].toFixed(3)} s over ${inner.length} runs\n`,
          );
          return undefined;
        },
      };
    },
  };
}

const lin = sizes.linear;
const log = sizes.logistic;
// LinearRegression by Householder QR: about 2·m·d² flops per fit (m = training rows), 40 fits.
const linearFlops = 40 * 2 * ((lin.n * (folds - 1)) / folds) * lin.d * lin.d;
// LogisticRegression by L-BFGS: ~4·m·d flops per gradient, nominally 50 gradients per fit, 40 fits.
const logisticFlops = 40 * 50 * 4 * ((log.n * (folds - 1)) / folds) * log.d;

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
];

if (process.argv[1] === thisFile && process.argv[2] !== undefined) {
  await child(Number(process.argv[2]), (process.argv[3] ?? 'linear') as Workload);
}
