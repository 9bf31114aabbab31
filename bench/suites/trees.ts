/**
 * Suite `trees`: decision trees and random forests, fit and predict, on
 * synthetic 100,000 × 20 data (the first 80,000 rows train, the last 20,000
 * test; generated with a fixed seed and cached in `bench/.cache/` so the
 * Python peers read the identical numbers):
 * - classification: 10 informative Gaussian features around 4 hypercube
 *   vertices (2 per class), 5 linear mixtures of them, 5 noise features, 1% flipped labels;
 * - regression: Friedman #1 on the first 5 of 20 uniform features plus noise.
 *
 * Contenders: typelearn (inline, 1 thread; and for forest fits 2 worker
 * threads, run in a child process because the harness times synchronous calls),
 * scikit-learn (n_jobs=2, OMP_NUM_THREADS=2), XGBoost random forest
 * (`XGBRFClassifier`, 2 threads) when importable, and ml.js (`ml-random-forest`,
 * `ml-cart`) on a 2,000-row subset only: its split search is quadratic.
 * Held-out accuracy / R² (and, for the 2-thread forest fit, peak RSS) go to
 * stderr; `verify` fails a model below a quality floor.
 *
 * `BENCH_RF_TREES` sets the forest size (default 100; `--quick` runs use it too,
 * so set e.g. `BENCH_RF_TREES=10` for a smoke run).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RandomForestClassifier } from '../../src/ensemble/random-forest-classifier.js';
import { RandomForestRegressor } from '../../src/ensemble/random-forest-regressor.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { DecisionTreeClassifier } from '../../src/tree/decision-tree-classifier.js';
import { DecisionTreeRegressor } from '../../src/tree/decision-tree-regressor.js';
import type { Contender, Task } from '../harness.js';
import { optionalImport } from '../peers/optional.js';
import { type Kind, syntheticDataset } from '../synthetic-data.js';

/** One line for the report header. */
export const description =
  'DecisionTree / RandomForest fit+predict on 100,000 x 20 (80k train) vs sklearn (2 jobs), XGBoost RF; ml.js on 2,000 rows';

const N = 100_000;
const P = 20;
const N_TRAIN = 80_000;
const N_SMALL = 2_000;
const TREES = Number(process.env.BENCH_RF_TREES ?? 100);
const SMALL_TREES = 10;
const childScript = fileURLToPath(new URL('../trees-fit.js', import.meta.url));

// Written at load time so the Python peers find the files whatever order the runner uses.
const datasets = {
  classification: syntheticDataset('trees', 'classification', N, P, 10),
  regression: syntheticDataset('trees', 'regression', N, P, 11),
};

interface Split {
  Xtrain: Tensor;
  ytrain: Float64Array;
  Xtest: Tensor;
  ytest: Float64Array;
}

function split(kind: Kind, nTrain = N_TRAIN): Split {
  const d = datasets[kind];
  return {
    Xtrain: new Tensor(d.X.slice(0, nTrain * P), [nTrain, P]),
    ytrain: d.y.slice(0, nTrain),
    Xtest: new Tensor(d.X.slice(N_TRAIN * P), [N - N_TRAIN, P]),
    ytest: d.y.slice(N_TRAIN),
  };
}

/** Quality floors: a fast wrong model is reported as an error. */
const FLOOR: Record<Kind, Record<'tree' | 'forest' | 'small', number>> = {
  classification: { tree: 0.8, forest: 0.9, small: 0.8 },
  regression: { tree: 0.6, forest: 0.8, small: 0.5 },
};
const scoreName = (kind: Kind) => (kind === 'classification' ? 'accuracy' : 'R²');

function report(task: string, who: string, kind: Kind, score: number, floor: number, extra = ''): string | undefined {
  process.stderr.write(`${task} · ${who}: held-out ${scoreName(kind)} ${score.toFixed(4)}${extra}\n`);
  return score >= floor ? undefined : `${scoreName(kind)} ${score.toFixed(4)} < ${floor}`;
}

type Model = DecisionTreeClassifier | DecisionTreeRegressor | RandomForestClassifier | RandomForestRegressor;

function makeModel(kind: Kind, model: 'tree' | 'forest', trees = TREES): Model {
  if (model === 'tree')
    return kind === 'classification'
      ? new DecisionTreeClassifier({ randomState: 0 })
      : new DecisionTreeRegressor({ randomState: 0 });
  const o = { nEstimators: trees, nJobs: 1, randomState: 0 };
  return kind === 'classification' ? new RandomForestClassifier(o) : new RandomForestRegressor(o);
}

/**
 * typelearn inline. `fit` with nJobs 1 does all its work before its promise
 * settles (no internal awaits), so the timed synchronous call covers the whole fit;
 * the quality check uses a model fitted (and awaited) in setup with the same seed.
 */
function typelearnFit(
  kind: Kind,
  model: 'tree' | 'forest',
  name: string,
  floor: number,
  trees = TREES,
): Contender<Split> {
  return {
    name: 'typelearn (1 thread)',
    async setup(data) {
      const checked = await makeModel(kind, model, trees).fit(data.Xtrain, data.ytrain);
      let failure: unknown;
      return {
        run: () => {
          makeModel(kind, model, trees)
            .fit(data.Xtrain, data.ytrain)
            .catch((err: unknown) => {
              failure = err;
            });
        },
        verify: () =>
          failure !== undefined
            ? String(failure)
            : report(name, 'typelearn', kind, checked.score(data.Xtest, data.ytest), floor),
      };
    },
  };
}

/** typelearn with 2 worker threads, in a child process (see bench/trees-fit.ts). */
function typelearnWorkers(kind: Kind, name: string): Contender<Split> {
  return {
    name: 'typelearn (2 workers)',
    setup() {
      let out = '';
      return {
        run: () => {
          const r = spawnSync(
            process.execPath,
            [childScript, kind, datasets[kind].file, String(N), String(P), String(N_TRAIN), String(TREES), '2'],
            { encoding: 'utf8', maxBuffer: 1 << 24 },
          );
          if (r.status !== 0) {
            throw new Error(
              `child exited with ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`,
            );
          }
          out = r.stdout;
        },
        verify: () => {
          const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
            seconds: number;
            maxRssMB: number;
            score: number;
          };
          const extra = ` (fit alone ${r.seconds.toFixed(2)} s, peak RSS ${r.maxRssMB.toFixed(0)} MB)`;
          return report(name, 'typelearn (2 workers)', kind, r.score, FLOOR[kind].forest, extra);
        },
      };
    },
  };
}

function predictContender(kind: Kind, model: 'tree' | 'forest', name: string): Contender<Split> {
  return {
    name: 'typelearn (1 thread)',
    async setup(data) {
      const m = makeModel(kind, model);
      await m.fit(data.Xtrain, data.ytrain);
      return {
        run: () => m.predict(data.Xtest),
        verify: () => report(name, 'typelearn', kind, m.score(data.Xtest, data.ytest), FLOOR[kind][model]),
      };
    },
  };
}

interface MlRf {
  train(X: number[][], y: number[]): void;
  predict(X: number[][]): number[];
}

/** ml.js random forest / CART on the small subset. */
function mlContender(kind: Kind, what: 'forest' | 'tree', name: string): Contender<Split> {
  const label = what === 'forest' ? 'ml-random-forest' : 'ml-cart';
  return {
    name: label,
    async setup(data) {
      const mod = await optionalImport<Record<string, new (o: object) => MlRf>>(label, `npm i -D ${label}`);
      const Ctor =
        what === 'forest'
          ? kind === 'classification'
            ? mod.RandomForestClassifier
            : mod.RandomForestRegression
          : kind === 'classification'
            ? mod.DecisionTreeClassifier
            : mod.DecisionTreeRegression;
      const X = data.Xtrain.toArray() as number[][];
      const y = Array.from(data.ytrain);
      // ml-random-forest samples features per tree (not per split); all features, no OOB pass (it fails on rows never left out).
      const options = what === 'forest' ? { nEstimators: SMALL_TREES, seed: 1, maxFeatures: 1.0, noOOB: true } : {};
      let model: MlRf | undefined;
      return {
        run: () => {
          model = new Ctor(options);
          model.train(X, y);
        },
        verify: () => {
          if (model === undefined) return 'no model';
          const pred = model.predict(data.Xtest.toArray() as number[][]);
          return report(name, label, kind, scoreOf(kind, data.ytest, pred), FLOOR[kind].small);
        },
      };
    },
  };
}

function scoreOf(kind: Kind, y: Float64Array, pred: ArrayLike<number>): number {
  if (kind === 'classification') {
    let c = 0;
    for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) c++;
    return c / y.length;
  }
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i] / y.length;
  let ss = 0;
  let st = 0;
  for (let i = 0; i < y.length; i++) {
    ss += (y[i] - pred[i]) ** 2;
    st += (y[i] - mean) ** 2;
  }
  return 1 - ss / st;
}

function pySpec(op: string, kind: Kind, model: string, extra: Record<string, unknown> = {}) {
  return { op, kind, model, file: datasets[kind].file, n: N, p: P, nTrain: N_TRAIN, trees: TREES, ...extra };
}

function tasksFor(kind: Kind): Task[] {
  const bytes = N_TRAIN * P * 8;
  const treeFit = `tree fit ${kind} ${N_TRAIN}x${P}`;
  const forestFit = `forest(${TREES}) fit ${kind} ${N_TRAIN}x${P}`;
  const forestPredict = `forest(${TREES}) predict ${kind} ${N - N_TRAIN}x${P}`;
  const smallForest = `forest(${SMALL_TREES}) fit ${kind} ${N_SMALL}x${P}`;
  const smallTree = `tree fit ${kind} ${N_SMALL}x${P}`;
  const t = (task: Task<Split>) => task as Task;
  return [
    t({
      name: treeFit,
      unit: 'GB/s',
      work: bytes,
      inputs: () => split(kind),
      contenders: [typelearnFit(kind, 'tree', treeFit, FLOOR[kind].tree)],
      python: pySpec('fit', kind, 'tree'),
    }),
    t({
      name: forestFit,
      unit: 'GB/s',
      work: bytes,
      inputs: () => split(kind),
      contenders: [typelearnWorkers(kind, forestFit), typelearnFit(kind, 'forest', forestFit, FLOOR[kind].forest)],
      python: pySpec('fit', kind, 'forest'),
    }),
    t({
      name: forestPredict,
      unit: 'GB/s',
      work: (N - N_TRAIN) * P * 8,
      inputs: () => split(kind),
      contenders: [predictContender(kind, 'forest', forestPredict)],
      python: pySpec('predict', kind, 'forest'),
    }),
    t({
      name: smallForest,
      unit: 'GB/s',
      work: N_SMALL * P * 8,
      inputs: () => split(kind, N_SMALL),
      contenders: [
        typelearnFit(kind, 'forest', smallForest, FLOOR[kind].small, SMALL_TREES),
        mlContender(kind, 'forest', smallForest),
      ],
      python: pySpec('fit', kind, 'forest', { nTrain: N_SMALL, trees: SMALL_TREES }),
    }),
    t({
      name: smallTree,
      unit: 'GB/s',
      work: N_SMALL * P * 8,
      inputs: () => split(kind, N_SMALL),
      contenders: [typelearnFit(kind, 'tree', smallTree, FLOOR[kind].small), mlContender(kind, 'tree', smallTree)],
      python: pySpec('fit', kind, 'tree', { nTrain: N_SMALL }),
    }),
  ];
}

/** Classification then regression. */
export const tasks: Task[] = [...tasksFor('classification'), ...tasksFor('regression')];
