/**
 * Suite `hgb`: histogram gradient boosting, fit and predict, on synthetic
 * 100,000 × 20 data (the first 80,000 rows train, the last 20,000 test):
 * - classification: a `make_classification`-like generator (10 informative
 *   Gaussian features around 4 hypercube-vertex clusters, 2 per class, 5
 *   linear combinations of them, 5 noise features, 1% flipped labels);
 * - regression: Friedman #1 on the first 5 of 20 uniform features plus noise.
 *
 * Contenders: typelearn (1 thread), scikit-learn's HistGradientBoosting
 * (2 OpenMP threads; `BENCH_HGB_THREADS` changes it), XGBoost `hist` and
 * LightGBM when importable (same threads), all with sklearn's defaults
 * (100 iterations, learning rate 0.1, 31 leaves, min 20 samples per leaf,
 * early stopping on a 10% validation split for sklearn and typelearn).
 * The data is written once to `bench/.cache/` so Python reads the identical
 * numbers. Each contender's held-out accuracy / R² goes to stderr and is
 * checked against a floor by `verify`. Throughput is the input size (X bytes) per second.
 */
import { HistGradientBoostingClassifier } from '../../src/ensemble/hist-gradient-boosting/hist-gradient-boosting-classifier.js';
import { HistGradientBoostingRegressor } from '../../src/ensemble/hist-gradient-boosting/hist-gradient-boosting-regressor.js';
import { Tensor } from '../../src/tensor/tensor.js';
import type { Task } from '../harness.js';
import { type Kind, type SyntheticDataset, syntheticDataset } from '../synthetic-data.js';

/** One line for the report header. */
export const description =
  'HistGradientBoosting fit/predict on 100,000 x 20 (80k train / 20k test) vs sklearn (2 threads), XGBoost, LightGBM';

const N = 100_000;
const P = 20;
const N_TRAIN = 80_000;

type Dataset = SyntheticDataset;

// Written at load time so the Python peers find the files whatever order the runner uses.
const datasets = {
  classification: syntheticDataset('hgb', 'classification', N, P, 0),
  regression: syntheticDataset('hgb', 'regression', N, P, 1),
};

function split(d: Dataset) {
  return {
    Xtrain: new Tensor(d.X.subarray(0, N_TRAIN * P), [N_TRAIN, P]),
    ytrain: d.y.subarray(0, N_TRAIN),
    Xtest: new Tensor(d.X.subarray(N_TRAIN * P), [N - N_TRAIN, P]),
    ytest: d.y.subarray(N_TRAIN),
  };
}

/** Accuracy or R² floors: a fast wrong model is reported as an error. */
const FLOOR: Record<Kind, number> = { classification: 0.9, regression: 0.85 };

type Model = HistGradientBoostingClassifier | HistGradientBoostingRegressor;

const makeModel = (kind: Kind): Model =>
  kind === 'classification'
    ? new HistGradientBoostingClassifier({ randomState: 0 })
    : new HistGradientBoostingRegressor({ randomState: 0 });

function checkQuality(kind: Kind, model: Model, data: ReturnType<typeof split>, what: string): string | undefined {
  const score = model.score(data.Xtest, data.ytest);
  const name = kind === 'classification' ? 'accuracy' : 'R²';
  process.stderr.write(
    `hgb ${what} ${kind} · typelearn: held-out ${name} ${score.toFixed(4)} (nIter ${model.nIter})\n`,
  );
  return score >= FLOOR[kind] ? undefined : `${name} ${score.toFixed(4)} < ${FLOOR[kind]}`;
}

function fitTask(kind: Kind): Task<ReturnType<typeof split>> {
  return {
    name: `hgb fit ${kind} ${N_TRAIN}x${P}`,
    unit: 'GB/s',
    work: N_TRAIN * P * 8,
    inputs: () => split(datasets[kind]),
    contenders: [
      {
        name: 'typelearn',
        async setup(data) {
          // The timed runs await each fit; the quality check uses one untimed fit with the same seed.
          const checked = await makeModel(kind).fit(data.Xtrain, data.ytrain);
          return {
            run: () => makeModel(kind).fit(data.Xtrain, data.ytrain),
            verify: () => checkQuality(kind, checked, data, 'fit'),
          };
        },
      },
    ],
    python: { op: 'fit', kind, file: datasets[kind].file, n: N, p: P, nTrain: N_TRAIN },
  };
}

function predictTask(kind: Kind): Task<ReturnType<typeof split>> {
  return {
    name: `hgb predict ${kind} ${N - N_TRAIN}x${P}`,
    unit: 'GB/s',
    work: (N - N_TRAIN) * P * 8,
    inputs: () => split(datasets[kind]),
    contenders: [
      {
        name: 'typelearn',
        async setup(data) {
          const model = await makeModel(kind).fit(data.Xtrain, data.ytrain);
          return {
            run: () => model.predict(data.Xtest),
            verify: () => checkQuality(kind, model, data, 'predict'),
          };
        },
      },
    ],
    python: { op: 'predict', kind, file: datasets[kind].file, n: N, p: P, nTrain: N_TRAIN },
  };
}

/** Fit and predict, classification then regression. */
export const tasks: Task[] = [
  fitTask('classification') as Task,
  predictTask('classification') as Task,
  fitTask('regression') as Task,
  predictTask('regression') as Task,
];
