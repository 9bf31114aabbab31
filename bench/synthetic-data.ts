/**
 * Synthetic benchmark data shared by the tree and boosting suites, generated with a
 * fixed seed and cached in `bench/.cache/` as float64 X (row-major) then y, so the
 * Python peers read the identical numbers.
 * - classification: a `make_classification`-like generator (10 informative Gaussian
 *   features around 4 hypercube-vertex clusters, 2 per class, 5 linear combinations
 *   of them, the rest noise, 1% flipped labels);
 * - regression: Friedman #1 on the first 5 uniform features plus Gaussian noise.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RandomGenerator } from '../src/tensor/random.js';

/** Which generator. */
export type Kind = 'classification' | 'regression';

/** A cached dataset: the file Python reads, and the same numbers in memory. */
export interface SyntheticDataset {
  kind: Kind;
  file: string;
  X: Float64Array;
  y: Float64Array;
}

const cacheDir = new URL('../../bench/.cache/', import.meta.url);

function makeClassification(rng: RandomGenerator, n: number, p: number): { X: Float64Array; y: Float64Array } {
  const nInformative = 10;
  const X = new Float64Array(n * p);
  const y = new Float64Array(n);
  const centroids = Array.from({ length: 4 }, () =>
    Array.from({ length: nInformative }, () => (rng.random() < 0.5 ? -1 : 1)),
  );
  const mix = Array.from({ length: 5 }, () => Array.from({ length: nInformative }, () => rng.uniform(-1, 1)));
  for (let i = 0; i < n; i++) {
    const c = rng.integers(0, 4);
    y[i] = c % 2;
    const row = i * p;
    for (let j = 0; j < nInformative; j++) X[row + j] = centroids[c][j] + rng.normal();
    for (let j = 0; j < 5; j++) {
      let s = 0;
      for (let t = 0; t < nInformative; t++) s += mix[j][t] * X[row + t];
      X[row + nInformative + j] = s;
    }
    for (let j = nInformative + 5; j < p; j++) X[row + j] = rng.normal();
    if (rng.random() < 0.01) y[i] = 1 - y[i];
  }
  return { X, y };
}

function makeRegression(rng: RandomGenerator, n: number, p: number): { X: Float64Array; y: Float64Array } {
  const X = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (let j = 0; j < p; j++) X[row + j] = rng.random();
    const x = (j: number) => X[row + j];
    y[i] = 10 * Math.sin(Math.PI * x(0) * x(1)) + 20 * (x(2) - 0.5) ** 2 + 10 * x(3) + 5 * x(4) + rng.normal();
  }
  return { X, y };
}

/**
 * The `n × p` dataset of `kind` drawn with `seed`, read from `bench/.cache/<prefix>-<kind>-<n>x<p>.f64`
 * when present, generated and written there otherwise.
 * @example const d = syntheticDataset('trees', 'regression', 100_000, 20, 11);
 */
export function syntheticDataset(prefix: string, kind: Kind, n: number, p: number, seed: number): SyntheticDataset {
  const url = new URL(`${prefix}-${kind}-${n}x${p}.f64`, cacheDir);
  const file = fileURLToPath(url);
  if (existsSync(url)) {
    const bytes = readFileSync(url);
    const all = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (all.length === n * p + n) return { kind, file, X: all.subarray(0, n * p), y: all.subarray(n * p) };
  }
  const rng = new RandomGenerator(seed);
  const { X, y } = kind === 'classification' ? makeClassification(rng, n, p) : makeRegression(rng, n, p);
  mkdirSync(cacheDir, { recursive: true });
  const all = new Float64Array(n * p + n);
  all.set(X);
  all.set(y, n * p);
  writeFileSync(url, new Uint8Array(all.buffer));
  return { kind, file, X, y };
}
