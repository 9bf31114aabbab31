/**
 * Suite `model-selection`: a 5-fold × 8-candidate `GridSearchCV` of `LinearRegression`
 * run inline (`nJobs: 1`) and on 2 worker threads (`nJobs: 2`), with scikit-learn's
 * `GridSearchCV` (`n_jobs=1` and `n_jobs=2`) as the Python peer.
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
  'GridSearchCV, 5 folds × 8 candidates of LinearRegression (n=12000, d=24): nJobs 1 vs 2, one child process per run';

const n = 12_000;
const d = 24;
const folds = 5;
const thisFile = fileURLToPath(import.meta.url);

/** The grid: LinearRegression's 4 settings, listed twice (8 candidates, as in the bar). */
const grid = { fitIntercept: [true, false], positive: [false, true] };

/** Deterministic data: y = X·w + noise, from a small LCG (benchmark inputs only need to be reproducible). */
function makeData(): { X: Float64Array; y: Float64Array } {
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
  }
  return { X, y };
}

interface ChildOutput {
  seconds: number;
  meanTestScore: number[];
  bestIndex: number;
}

/** Child mode: one search, its result and in-process time as JSON on stdout. */
async function child(nJobs: number): Promise<void> {
  const { LinearRegression } = await import('../../src/linear-model/index.js');
  const { GridSearchCV } = await import('../../src/model-selection/index.js');
  const { Tensor } = await import('../../src/tensor/tensor.js');
  const { X, y } = makeData();
  const start = performance.now();
  const search = await new GridSearchCV(new LinearRegression(), [grid, grid], {
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

const results = new Map<number, ChildOutput[]>();

function contender(nJobs: number): Task['contenders'][number] {
  return {
    name: `typelearn (nJobs ${nJobs})`,
    setup: (): Prepared => {
      const runs: ChildOutput[] = [];
      results.set(nJobs, runs);
      return {
        run: () => {
          const text = execFileSync(process.execPath, [thisFile, String(nJobs)], { encoding: 'utf8' });
          runs.push(JSON.parse(text) as ChildOutput);
        },
        verify: () => {
          const last = runs[runs.length - 1];
          const reference = results.get(1)?.[0];
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

// LinearRegression fit by SVD lstsq: about 4·m·d² + 8·d³ flops per fit (m = training rows), 40 fits.
const flops = 2 * 4 * (4 * ((n * (folds - 1)) / folds) * d * d + 8 * d * d * d) * folds;

export const tasks: Task[] = [
  {
    name: `GridSearchCV 5-fold x 8 LinearRegression n=${n} d=${d}`,
    unit: 'GFLOP/s',
    work: flops,
    contenders: [contender(1), contender(2)],
    python: { op: 'grid_search', n, d, folds },
  },
];

if (process.argv[1] === thisFile && process.argv[2] !== undefined) await child(Number(process.argv[2]));
