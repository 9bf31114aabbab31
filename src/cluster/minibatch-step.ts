/**
 * The mini-batch k-means update (scikit-learn's `_mini_batch_step` and
 * `_minibatch_update_dense`): assign a batch to the current centres, move
 * each centre to the running weighted mean of every point it has received,
 * and re-seed centres that received very little weight.
 */
import type { RandomGenerator } from '../tensor/random.js';
import { assignToCenters } from './kmeans-common.js';

/** A batch: `n x d` rows and their weights. */
export interface Batch {
  x: Float64Array;
  n: number;
  d: number;
  sw: Float64Array;
}

/**
 * One mini-batch step. Reads `centers`, writes `centersNew` (may be the same
 * buffer) and `weightSums` (the running cluster weights). With `reassign`,
 * clusters whose weight is below `reassignmentRatio` times the largest get a
 * random batch point as their new centre. Returns the batch inertia.
 * @example const inertia = miniBatchStep(batch, centers, centersNew, counts, k, rng, true, 0.01);
 */
export function miniBatchStep(
  batch: Batch,
  centers: Float64Array,
  centersNew: Float64Array,
  weightSums: Float64Array,
  k: number,
  rng: RandomGenerator,
  reassign: boolean,
  reassignmentRatio: number,
): number {
  const { x, n, d, sw } = batch;
  const { labels, inertia } = assignToCenters(x, n, d, sw, centers, k);
  const sums = new Float64Array(k * d);
  const wsum = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    const w = sw[i];
    wsum[c] += w;
    for (let f = 0; f < d; f++) sums[c * d + f] += x[i * d + f] * w;
  }
  for (let c = 0; c < k; c++) {
    const o = c * d;
    if (wsum[c] > 0) {
      const old = weightSums[c];
      const total = old + wsum[c];
      const alpha = 1 / total;
      for (let f = 0; f < d; f++) centersNew[o + f] = (centers[o + f] * old + sums[o + f]) * alpha;
      weightSums[c] = total;
    } else if (centersNew !== centers) {
      for (let f = 0; f < d; f++) centersNew[o + f] = centers[o + f];
    }
  }
  if (reassign && reassignmentRatio > 0) {
    let max = 0;
    for (let c = 0; c < k; c++) if (weightSums[c] > max) max = weightSums[c];
    const toReassign = new Uint8Array(k);
    let count = 0;
    for (let c = 0; c < k; c++) {
      if (weightSums[c] < reassignmentRatio * max) {
        toReassign[c] = 1;
        count++;
      }
    }
    if (count > 0.5 * n) {
      // Keep the heaviest clusters: never re-seed more than half the batch size.
      const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => weightSums[a] - weightSums[b] || a - b);
      for (let r = Math.floor(0.5 * n); r < k; r++) toReassign[order[r]] = 0;
      count = toReassign.reduce((a, b) => a + b, 0);
    }
    if (count > 0) {
      const picks = rng.choice(n, { size: count, replace: false });
      let minKept = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) if (!toReassign[c] && weightSums[c] < minKept) minKept = weightSums[c];
      let p = 0;
      for (let c = 0; c < k; c++) {
        if (!toReassign[c]) continue;
        centersNew.set(x.subarray(picks[p] * d, picks[p] * d + d), c * d);
        weightSums[c] = minKept;
        p++;
      }
    }
  }
  return inertia;
}
