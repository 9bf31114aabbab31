/**
 * The contingency table of two labelings and the pair counts derived from
 * it: the basis of every supervised clustering metric.
 */
import { ValidationError } from '../../base/errors.js';
import { columnOrLabels, encodeLabels } from '../../base/labels.js';
import { Tensor } from '../../tensor/tensor.js';
import type { LabelVector } from '../targets.js';
import { warnUser } from '../warnings.js';

/** Two labelings as class indices plus their contingency counts. */
export interface Contingency {
  n: number;
  nClasses: number;
  nClusters: number;
  /** Row-major `nClasses x nClusters` counts. */
  counts: Float64Array;
  /** Row sums (class sizes) and column sums (cluster sizes). */
  rowSums: Float64Array;
  colSums: Float64Array;
}

function codes(y: LabelVector, name: string): { encoded: Int32Array; k: number; continuous: boolean } {
  const { labels } = columnOrLabels(y, { name });
  let continuous = false;
  if (labels instanceof Float64Array)
    for (let i = 0; i < labels.length; i++) if (!Number.isInteger(labels[i])) continuous = true;
  const { classes, encoded } = encodeLabels(labels);
  return { encoded, k: classes.length, continuous };
}

/**
 * Checks two labelings (1-D, same length; sklearn's `check_clusterings`) and
 * builds their contingency table. Empty labelings are allowed (n = 0).
 */
export function buildContingency(labelsTrue: LabelVector, labelsPred: LabelVector): Contingency {
  const t = codes(labelsTrue, 'labelsTrue');
  const p = codes(labelsPred, 'labelsPred');
  if (t.continuous || p.continuous) {
    warnUser(
      'Clustering metrics expect discrete values but received continuous values: each distinct number is a cluster',
    );
  }
  const n = t.encoded.length;
  if (p.encoded.length !== n) {
    throw new ValidationError(
      `Found input variables with inconsistent numbers of samples: labelsTrue has ${n}, labelsPred has ${p.encoded.length}`,
      { expected: n, got: p.encoded.length },
    );
  }
  const counts = new Float64Array(t.k * p.k);
  const rowSums = new Float64Array(t.k);
  const colSums = new Float64Array(p.k);
  for (let i = 0; i < n; i++) {
    counts[t.encoded[i] * p.k + p.encoded[i]]++;
    rowSums[t.encoded[i]]++;
    colSums[p.encoded[i]]++;
  }
  return { n, nClasses: t.k, nClusters: p.k, counts, rowSums, colSums };
}

/**
 * Contingency matrix `C[i, j]` = number of samples in true class `i` and
 * predicted cluster `j` (classes and clusters in sorted label order), int32.
 * @example contingencyMatrix([0, 0, 1], ['a', 'b', 'b']).toArray() // [[1, 1], [0, 1]]
 */
export function contingencyMatrix(labelsTrue: LabelVector, labelsPred: LabelVector): Tensor {
  const c = buildContingency(labelsTrue, labelsPred);
  return new Tensor(Int32Array.from(c.counts), [c.nClasses, c.nClusters]);
}

/** The pair counts `[[tn, fp], [fn, tp]]` as exact integers (BigInt). */
export function pairCounts(c: Contingency): { tn: bigint; fp: bigint; fn: bigint; tp: bigint } {
  const n = BigInt(c.n);
  let sumSquares = 0n;
  for (let i = 0; i < c.counts.length; i++) {
    const v = BigInt(c.counts[i]);
    sumSquares += v * v;
  }
  // contingency · n_k summed = Σ_j colSum_j², and likewise for rows.
  let colSq = 0n;
  for (let j = 0; j < c.nClusters; j++) colSq += BigInt(c.colSums[j]) ** 2n;
  let rowSq = 0n;
  for (let i = 0; i < c.nClasses; i++) rowSq += BigInt(c.rowSums[i]) ** 2n;
  const tp = sumSquares - n;
  const fp = colSq - sumSquares;
  const fn = rowSq - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  return { tn, fp, fn, tp };
}

/**
 * Pair confusion matrix: over ordered pairs of distinct samples, `[[tn, fp],
 * [fn, tp]]` where "positive" means the pair shares a cluster (tp: together
 * in both labelings). Counts every unordered pair twice, as sklearn. float64.
 * @example pairConfusionMatrix([0, 0, 1, 1], [1, 1, 0, 0]).toArray() // [[8, 0], [0, 4]]
 */
export function pairConfusionMatrix(labelsTrue: LabelVector, labelsPred: LabelVector): Tensor {
  const { tn, fp, fn, tp } = pairCounts(buildContingency(labelsTrue, labelsPred));
  return new Tensor(Float64Array.of(Number(tn), Number(fp), Number(fn), Number(tp)), [2, 2]);
}

/** Entropy (nats) of a labeling given its class sizes (sklearn's `entropy`; 1 for no samples). */
export function entropyOfCounts(sizes: Float64Array, n: number): number {
  if (n === 0) return 1;
  let k = 0;
  let total = 0;
  for (let i = 0; i < sizes.length; i++) {
    if (sizes[i] > 0) {
      k++;
      total += sizes[i];
    }
  }
  if (k === 1) return 0;
  const logTotal = Math.log(total);
  let h = 0;
  for (let i = 0; i < sizes.length; i++) if (sizes[i] > 0) h += (sizes[i] / total) * (Math.log(sizes[i]) - logTotal);
  return -h;
}
