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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { HistGradientBoostingClassifier } from '../../src/ensemble/hist-gradient-boosting/hist-gradient-boosting-classifier.js';
import { HistGradientBoostingRegressor } from '../../src/ensemble/hist-gradient-boosting/hist-gradient-boosting-regressor.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';
import type { Task } from '../harness.js';

/** One line for the report header. */
export const description =
  'HistGradientBoosting fit/predict on 100,000 x 20 (80k train / 20k test) vs sklearn (2 threads), XGBoost, LightGBM';

const N = 100_000;
const P = 20;
const N_TRAIN = 80_000;
const cacheDir = new URL('../../../bench/.cache/', import.meta.url);

type Kind = 'classification' | 'regression';

interface Dataset {
  kind: Kind;
  file: string;
  X: Float64Array;
  y: Float64Array;
}

function makeClassification(rng: RandomGenerator): { X: Float64Array; y: Float64Array } {
  const nInformative = 10;
  const X = new Float64Array(N * P);
  const y = new Float64Array(N);
  const centroids = Array.from({ length: 4 }, () =>
    Array.from({ length: nInformative }, () => (rng.random() < 0.5 ? -1 : 1)),
  );
  const mix = Array.from({ length: 5 }, () => Array.from({ length: nInformative }, () => rng.uniform(-1, 1)));
  for (let i = 0; i < N; i++) {
    const c = rng.integers(0, 4);
    y[i] = c % 2;
    const row = i * P;
    for (let j = 0; j < nInformative; j++) X[row + j] = centroids[c][j] + rng.normal();
    for (let j = 0; j < 5; j++) {
      let s = 0;
      for (let t = 0; t < nInformative; t++) s += mix[j][t] * X[row + t];
      X[row + nInformative + j] = s;
    }
    for (let j = nInformative + 5; j < P; j++) X[row + j] = rng.normal();
    if (rng.random() < 0.01) y[i] = 1 - y[i];
  }
  return { X, y };
}

function makeRegression(rng: RandomGenerator): { X: Float64Array; y: Float64Array } {
  const X = new Float64Array(N * P);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const row = i * P;
    for (let j = 0; j < P; j++) X[row + j] = rng.random();
    const x = (j: number) => X[row + j];
    y[i] = 10 * Math.sin(Math.PI * x(0) * x(1)) + 20 * (x(2) - 0.5) ** 2 + 10 * x(3) + 5 * x(4) + rng.normal();
  }
  return { X, y };
}

/** The dataset of `kind`, generated once and cached as float64 X (row-major) then y. */
function dataset(kind: Kind): Dataset {
  const file = new URL(`hgb-${kind}-${N}x${P}.f64`, cacheDir);
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    const all = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (all.length === N * P + N)
      return { kind, file: file.pathname, X: all.subarray(0, N * P), y: all.subarray(N * P) };
  }
  const rng = new RandomGenerator(kind === 'classification' ? 0 : 1);
  const { X, y } = kind === 'classification' ? makeClassification(rng) : makeRegression(rng);
  mkdirSync(cacheDir, { recursive: true });
  const all = new Float64Array(N * P + N);
  all.set(X);
  all.set(y, N * P);
  writeFileSync(file, new Uint8Array(all.buffer));
  return { kind, file: file.pathname, X, y };
}

// Written at load time so the Python peers find the files whatever order the runner uses.
const datasets = { classification: dataset('classification'), regression: dataset('regression') };

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
