/**
 * Suite `unsupervised`: clustering and decomposition against their peers.
 * - KMeans (k = 8, k-means++, one initialisation, Lloyd) on 100,000 x 20 Gaussian blobs:
 *   typelearn, ml-kmeans, scikit-learn.
 * - PCA(10) on the same data: typelearn, ml-pca, scikit-learn.
 * - PCA(50) on Fashion-MNIST's 60,000 x 784 training images when Debian's
 *   `dataset-fashion-mnist` is installed (else the rows read n/a).
 * - TSNE (sklearn's defaults: Barnes-Hut, perplexity 30, PCA init) on the bundled digits
 *   (1,797 x 64): typelearn, scikit-learn; the final KL divergences must agree within 10%.
 *
 * The blobs come from typelearn's seeded generator and are written once to
 * `bench/.cache/` (raw little-endian float64) so the Python peers read the very same
 * numbers. Every contender's verify step prints its inertia / explained variance to
 * stderr and fails when it is more than 0.1% off typelearn's (the reference, run first);
 * the Python script reads typelearn's figures from `bench/.cache/unsupervised-ref.json`.
 * Throughput columns are nominal (one Lloyd pass, or one pass of the covariance product).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { KMeans } from '../../src/cluster/kmeans.js';
import { loadDataset } from '../../src/data/datasets.js';
import { PCA } from '../../src/decomposition/pca.js';
import { TSNE } from '../../src/manifold/tsne.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';
import type { Prepared, Task } from '../harness.js';
import { optionalImport } from '../peers/optional.js';

/** One line for the report header. */
export const description = 'KMeans k=8 and PCA(10) on 100,000 x 20 blobs; PCA(50) on Fashion-MNIST (when installed)';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cacheDir = path.join(root, 'bench', '.cache');
const N = 100_000;
const D = 20;
const K = 8;
const blobsFile = path.join(cacheDir, `unsupervised-blobs-${N}x${D}.f64`);
const refFile = path.join(cacheDir, 'unsupervised-ref.json');

/** 8 Gaussian blobs (centres uniform in [-10, 10]^20, unit variance), seed 42. */
function makeBlobs(): Float64Array {
  const rng = new RandomGenerator(42);
  const centres = Float64Array.from({ length: K * D }, () => rng.uniform(-10, 10));
  const x = new Float64Array(N * D);
  for (let i = 0; i < N; i++) {
    const c = rng.integers(K);
    for (let f = 0; f < D; f++) x[i * D + f] = rng.normal(centres[c * D + f], 1);
  }
  return x;
}

function loadBlobs(): Float64Array {
  if (existsSync(blobsFile)) {
    const buf = readFileSync(blobsFile);
    if (buf.byteLength === N * D * 8)
      return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  }
  const x = makeBlobs();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(blobsFile, Buffer.from(x.buffer));
  return x;
}

// Written at import so the Python peers (run after the JS contenders) find the file.
const blobs = loadBlobs();
const reference: Record<string, number> = {};

function record(task: string, value: number): void {
  reference[task] = value;
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(refFile, JSON.stringify(reference));
}

function relOff(got: number, want: number | undefined): string | undefined {
  if (want === undefined) return undefined;
  const rel = Math.abs(got - want) / Math.abs(want);
  return rel > 1e-3 ? `${got} is ${(rel * 100).toFixed(3)}% off typelearn's ${want}` : undefined;
}

function rows(x: Float64Array, n: number, d: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));
}

function inertiaOf(x: Float64Array, n: number, d: number, centres: number[][], labels: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const c = centres[labels[i]];
    for (let f = 0; f < d; f++) s += (x[i * d + f] - c[f]) ** 2;
  }
  return s;
}

const kmeansName = `kmeans k=${K} n=${N} d=${D}`;
const kmeansTask: Task<Float64Array> = {
  name: kmeansName,
  unit: 'GFLOP/s',
  work: 2 * N * K * D,
  inputs: () => blobs,
  contenders: [
    {
      name: 'typelearn',
      async setup(x): Promise<Prepared> {
        const X = new Tensor(x, [N, D]);
        const make = () => new KMeans({ nClusters: K, nInit: 1, randomState: 0 });
        // The checked result comes from one untimed fit with the same seed; the timed runs repeat it.
        const checked = await make().fit(X);
        return {
          run: () => make().fit(X),
          verify: () => {
            record(kmeansName, checked.inertia);
            process.stderr.write(`  typelearn kmeans inertia ${checked.inertia} (${checked.nIter} iterations)\n`);
            return undefined;
          },
        };
      },
    },
    {
      name: 'ml-kmeans',
      async setup(x): Promise<Prepared> {
        const { kmeans } = await optionalImport<typeof import('ml-kmeans')>('ml-kmeans', 'npm i -D ml-kmeans');
        const data = rows(x, N, D);
        let result: { clusters: number[]; centroids: number[][] } | undefined;
        return {
          run: () => {
            result = kmeans(data, K, { initialization: 'kmeans++', seed: 0, maxIterations: 300 });
          },
          verify: () => {
            const r = result as { clusters: number[]; centroids: number[][] };
            const inertia = inertiaOf(x, N, D, r.centroids, r.clusters);
            process.stderr.write(`  ml-kmeans inertia ${inertia}\n`);
            return relOff(inertia, reference[kmeansName]);
          },
        };
      },
    },
  ],
  python: { op: 'kmeans', file: blobsFile, n: N, d: D, k: K, ref: refFile, task: kmeansName },
};

function pcaTask(
  name: string,
  file: string | undefined,
  load: () => Float64Array,
  n: number,
  d: number,
  k: number,
  available: string | undefined,
) {
  const task: Task<Float64Array> = {
    name,
    unit: 'GFLOP/s',
    work: 2 * n * d * d,
    inputs: () => (available ? new Float64Array(0) : load()),
    contenders: [
      {
        name: 'typelearn',
        ...(available ? { na: available } : {}),
        async setup(x): Promise<Prepared> {
          const X = new Tensor(x, [n, d]);
          const make = () => new PCA({ nComponents: k, randomState: 0 });
          const checked = await make().fit(X); // see the KMeans task
          return {
            run: () => make().fit(X),
            verify: () => {
              const total = checked.explainedVariance.reduce((a, b) => a + b, 0);
              record(name, total);
              process.stderr.write(`  typelearn PCA explained variance ${total} (solver ${checked.fitSvdSolver})\n`);
              return undefined;
            },
          };
        },
      },
      {
        name: 'ml-pca',
        ...(available ? { na: available } : {}),
        async setup(x): Promise<Prepared> {
          const mod = await optionalImport<typeof import('ml-pca')>('ml-pca', 'npm i -D ml-pca');
          const data = rows(x, n, d);
          let model: InstanceType<typeof mod.PCA> | undefined;
          return {
            run: () => {
              model = new mod.PCA(data, { method: 'SVD' });
            },
            verify: () => {
              const ev = (model as InstanceType<typeof mod.PCA>).getEigenvalues().slice(0, k);
              const total = ev.reduce((a: number, b: number) => a + b, 0);
              process.stderr.write(`  ml-pca explained variance ${total}\n`);
              return relOff(total, reference[name]);
            },
          };
        },
      },
    ],
  };
  if (!available) task.python = { op: 'pca', file, n, d, k, ref: refFile, task: name, idx: file !== blobsFile };
  return task;
}

/** Debian's dataset-fashion-mnist training images, if installed. */
const fashionCandidates = [
  '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz',
  '/usr/share/dataset-fashion-mnist/train-images-idx3-ubyte.gz',
  '/usr/share/dataset-fashion-mnist/data/fashion/train-images-idx3-ubyte.gz',
  '/usr/share/fashion-mnist/train-images-idx3-ubyte.gz',
];
const fashionPath: string | undefined = fashionCandidates.find((p) => existsSync(p));

function loadFashion(): Float64Array {
  const raw = gunzipSync(readFileSync(fashionPath as string));
  const count = raw.readUInt32BE(4);
  const pixels = raw.readUInt32BE(8) * raw.readUInt32BE(12);
  const out = new Float64Array(count * pixels);
  for (let i = 0; i < out.length; i++) out[i] = raw[16 + i];
  return out;
}

const blobsPca = pcaTask(`pca k=10 n=${N} d=${D}`, blobsFile, () => blobs, N, D, 10, undefined);
const fashionTask = pcaTask(
  'pca k=50 fashion-mnist 60000x784',
  fashionPath,
  loadFashion,
  60000,
  784,
  50,
  fashionPath ? undefined : 'dataset-fashion-mnist not installed (apt-get install dataset-fashion-mnist)',
);

// t-SNE on the bundled digits (1,797 x 64), sklearn's defaults (Barnes-Hut, perplexity 30, PCA init).
const digitsFile = path.join(cacheDir, 'unsupervised-digits-1797x64.f64');
function loadDigits(): Float64Array {
  const { data } = loadDataset('digits');
  const x = Float64Array.from(data.data as ArrayLike<number>);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(digitsFile, Buffer.from(x.buffer));
  return x;
}
const tsneName = 'tsne digits 1797x64';
const tsneTask: Task<Float64Array> = {
  name: tsneName,
  unit: 'GFLOP/s',
  // Nominal: one Barnes-Hut gradient is ~n·log2(n)·40 flops, 1,000 iterations.
  work: 1797 * Math.log2(1797) * 40 * 1000,
  inputs: loadDigits,
  contenders: [
    {
      name: 'typelearn',
      async setup(x): Promise<Prepared> {
        const X = new Tensor(x, [1797, 64]);
        let kl = Number.NaN;
        return {
          run: async () => {
            const model = new TSNE({ randomState: 0 });
            await model.fitTransform(X);
            kl = model.klDivergence;
          },
          verify: () => {
            record(tsneName, kl);
            process.stderr.write(`  typelearn TSNE KL divergence ${kl}\n`);
            return Number.isFinite(kl) ? undefined : 'no KL divergence';
          },
        };
      },
    },
  ],
  python: { op: 'tsne', file: digitsFile, n: 1797, d: 64, ref: refFile, task: tsneName },
};

/** The suite's tasks. */
export const tasks: Task[] = [kmeansTask as Task, blobsPca as Task, fashionTask as Task, tsneTask as Task];
