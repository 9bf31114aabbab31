/**
 * Clustering metrics that need only the data and the cluster labels:
 * silhouette (per sample and mean, optionally on a seeded sample),
 * Calinski-Harabasz and Davies-Bouldin.
 */
import { ValidationError } from '../../base/errors.js';
import { encodeLabels } from '../../base/labels.js';
import { checkRandomState, type RandomState } from '../../tensor/random.js';
import { Tensor } from '../../tensor/tensor.js';
import { chunksOf, type DistanceMetric, euclideanDistances } from '../pairwise/distances.js';
import { pairwiseInput, type SampleMatrix } from '../pairwise/input.js';
import type { LabelVector } from '../targets.js';
import type { Matrix } from '../vector.js';

function prepare(X: SampleMatrix, labels: LabelVector): { M: Matrix; codes: Int32Array; k: number } {
  const { X: M } = pairwiseInput(X);
  const { classes, encoded } = encodeLabels(labels as Parameters<typeof encodeLabels>[0]);
  if (encoded.length !== M.rows) {
    throw new ValidationError(
      `Found input variables with inconsistent numbers of samples: X has ${M.rows}, labels has ${encoded.length}`,
      {
        expected: M.rows,
        got: encoded.length,
      },
    );
  }
  const k = classes.length;
  if (!(k > 1 && k < M.rows)) {
    throw new ValidationError(
      `Number of labels is ${k}. Valid values are 2 to nSamples - 1 (inclusive), here 2 to ${M.rows - 1}`,
      {
        got: k,
      },
    );
  }
  return { M, codes: encoded, k };
}

/** Options of {@link silhouetteSamples}. */
export interface SilhouetteOptions {
  /** Distance between samples (see pairwiseDistances). Default `'euclidean'`. */
  metric?: DistanceMetric;
  /** Minkowski p. */
  p?: number;
  /** Temporary memory per block of distances, in MiB. Default 64. */
  workingMemory?: number;
}

/**
 * Silhouette coefficient of each sample, `(b - a) / max(a, b)` with `a` the
 * mean distance to its own cluster and `b` to the nearest other cluster
 * (0 for samples alone in their cluster). Distances are streamed in blocks,
 * so memory stays O(block × n).
 * @example silhouetteSamples([[0], [1], [10], [11]], [0, 0, 1, 1]) // Float64Array [0.9047..., 0.8947..., 0.8947..., 0.9047...]
 */
export function silhouetteSamples(X: SampleMatrix, labels: LabelVector, options: SilhouetteOptions = {}): Float64Array {
  const { M, codes, k } = prepare(X, labels);
  const n = M.rows;
  const freq = new Float64Array(k);
  for (let i = 0; i < n; i++) freq[codes[i]]++;
  const out = new Float64Array(n);
  const clust = new Float64Array(k);
  for (const chunk of chunksOf({ X: M, Y: M, same: true }, options)) {
    for (let r = 0; r < chunk.rows; r++) {
      clust.fill(0);
      const row = r * chunk.cols;
      for (let j = 0; j < n; j++) clust[codes[j]] += chunk.data[row + j];
      const i = chunk.start + r;
      const own = codes[i];
      let intra = clust[own];
      let inter = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) if (c !== own) inter = Math.min(inter, clust[c] / freq[c]);
      intra /= freq[own] - 1;
      const s = (inter - intra) / Math.max(intra, inter);
      // sklearn's nan_to_num: a singleton cluster (0/0) scores 0.
      out[i] = Number.isNaN(s) ? 0 : s;
    }
  }
  return out;
}

/** Options of {@link silhouetteScore}. */
export interface SilhouetteScoreOptions extends SilhouetteOptions {
  /** Score a random subset of this many samples (faster on large data). Default: all. */
  sampleSize?: number | null;
  /** Seed or generator for the subset (typelearn's generator: subsets differ from numpy's). */
  randomState?: RandomState | null;
}

/**
 * Mean silhouette coefficient over all samples (or a seeded random subset of
 * `sampleSize`): near 1 dense well-separated clusters, near 0 overlapping.
 * @example silhouetteScore([[0], [1], [10], [11]], [0, 0, 1, 1]) // 0.8997...
 */
export function silhouetteScore(X: SampleMatrix, labels: LabelVector, options: SilhouetteScoreOptions = {}): number {
  let Xs = X;
  let ls = labels;
  if (options.sampleSize !== undefined && options.sampleSize !== null) {
    const { X: M } = pairwiseInput(X);
    const size = options.sampleSize;
    if (!Number.isInteger(size) || size < 1 || size > M.rows) {
      throw new ValidationError(`sampleSize must be an integer in [1, ${M.rows}], got ${size}`, {
        param: 'sampleSize',
      });
    }
    const rng = checkRandomState(options.randomState ?? undefined);
    const idx = rng.permutation(M.rows).subarray(0, size);
    const data = new Float64Array(size * M.cols);
    for (let r = 0; r < size; r++) data.set(M.data.subarray(idx[r] * M.cols, (idx[r] + 1) * M.cols), r * M.cols);
    Xs = new Tensor(data, [size, M.cols]);
    const all = Array.from(labels as ArrayLike<number | string>);
    ls = Array.from(idx, (i) => all[i]) as LabelVector;
  }
  const s = silhouetteSamples(Xs, ls, options);
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i];
  return sum / s.length;
}

function centroids(M: Matrix, codes: Int32Array, k: number): { C: Float64Array; counts: Float64Array } {
  const d = M.cols;
  const C = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < M.rows; i++) {
    counts[codes[i]]++;
    for (let f = 0; f < d; f++) C[codes[i] * d + f] += M.data[i * d + f];
  }
  for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) C[c * d + f] /= counts[c];
  return { C, counts };
}

/**
 * Calinski-Harabasz score (variance ratio criterion): between-cluster over
 * within-cluster dispersion, scaled by degrees of freedom. Higher is better.
 * @example calinskiHarabaszScore([[0], [1], [10], [11]], [0, 0, 1, 1]) // 200
 */
export function calinskiHarabaszScore(X: SampleMatrix, labels: LabelVector): number {
  const { M, codes, k } = prepare(X, labels);
  const n = M.rows;
  const d = M.cols;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += M.data[i * d + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  const { C, counts } = centroids(M, codes, k);
  let extra = 0;
  let intra = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += (C[c * d + f] - mean[f]) ** 2;
    extra += counts[c] * s;
  }
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (codes[i] !== c) continue;
      for (let f = 0; f < d; f++) s += (M.data[i * d + f] - C[c * d + f]) ** 2;
    }
    intra += s;
  }
  return intra === 0 ? 1 : (extra * (n - k)) / (intra * (k - 1));
}

/**
 * Davies-Bouldin score: mean over clusters of the worst ratio of summed
 * within-cluster spread to centroid separation. Lower is better (0 best).
 * @example daviesBouldinScore([[0], [1], [10], [11]], [0, 0, 1, 1]) // 0.1
 */
export function daviesBouldinScore(X: SampleMatrix, labels: LabelVector): number {
  const { M, codes, k } = prepare(X, labels);
  const d = M.cols;
  const { C } = centroids(M, codes, k);
  const intra = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const rows: number[][] = [];
    for (let i = 0; i < M.rows; i++) if (codes[i] === c) rows.push(Array.from(M.data.subarray(i * d, (i + 1) * d)));
    const dist = euclideanDistances(rows, [Array.from(C.subarray(c * d, (c + 1) * d))]).data;
    let s = 0;
    for (let i = 0; i < dist.length; i++) s += dist[i];
    intra[c] = s / dist.length;
  }
  const centroidRows = Array.from({ length: k }, (_, c) => Array.from(C.subarray(c * d, (c + 1) * d)));
  const cd = euclideanDistances(centroidRows).data as Float64Array;
  const allClose = (a: ArrayLike<number>) => Array.prototype.every.call(a, (v: number) => Math.abs(v) <= 1e-8);
  if (allClose(intra) || allClose(cd)) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = Number.NEGATIVE_INFINITY;
    for (let b = 0; b < k; b++) {
      const sep = cd[a * k + b] === 0 ? Number.POSITIVE_INFINITY : cd[a * k + b];
      worst = Math.max(worst, (intra[a] + intra[b]) / sep);
    }
    total += worst;
  }
  return total / k;
}
