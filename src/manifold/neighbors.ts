/**
 * Neighbour searches and distance matrices the manifold learners share, on
 * raw row-major buffers: k nearest neighbours through the neighbours module
 * (a KD-tree or ball tree, or brute force, chosen as sklearn's `'auto'`),
 * the graph helpers and dense pairwise distances.
 */
import { ValidationError } from '../base/errors.js';
import { BallTree } from '../neighbors/ball-tree.js';
import { bruteKneighbors, bruteRadius, type KnnResult, type RadiusResult, type Rows } from '../neighbors/brute.js';
import { KDTree } from '../neighbors/kd-tree.js';
import { type NeighborsMetricName, reducedDistance, resolveMetric, toDistance } from '../neighbors/metric.js';
import { Tensor } from '../tensor/tensor.js';

/** Search method, as the neighbours estimators' `algorithm`. */
export type SearchAlgorithm = 'auto' | 'brute' | 'kd_tree' | 'ball_tree';

/** What a search needs besides the data. */
export interface SearchOptions {
  metric?: NeighborsMetricName;
  p?: number;
  algorithm?: SearchAlgorithm;
}

/** sklearn's `'auto'`: brute force for more than 15 features, for k >= n/2 or for cosine, else a KD-tree. */
function chooseAlgorithm(train: Rows, k: number, opts: SearchOptions): 'brute' | 'kd_tree' | 'ball_tree' {
  const algorithm = opts.algorithm ?? 'auto';
  const metric = resolveMetric(opts.metric ?? 'minkowski', opts.p ?? 2);
  if (algorithm !== 'auto') {
    if (algorithm !== 'brute' && metric.kind === 'cosine') {
      throw new ValidationError(`Metric 'cosine' not valid for algorithm '${algorithm}'`, { param: 'algorithm' });
    }
    return algorithm;
  }
  if (train.d > 15 || k >= Math.floor(train.n / 2) || metric.kind === 'cosine') return 'brute';
  return 'kd_tree';
}

/**
 * The `k` nearest training rows of each query row, sorted by (distance,
 * index). With `query` null the queries are the training rows and each
 * excludes itself (sklearn's `kneighbors()` without X).
 * @example kneighborsOf({ data, n, d }, null, 5).ind
 */
export function kneighborsOf(train: Rows, query: Rows | null, k: number, opts: SearchOptions = {}): KnnResult {
  const excludeSelf = query === null;
  const kk = excludeSelf ? k + 1 : k;
  if (!Number.isInteger(k) || k < 1 || kk > train.n) {
    throw new ValidationError(
      `Expected n_neighbors <= n_samples_fit${excludeSelf ? ' - 1' : ''}, but n_neighbors = ${k}, n_samples_fit = ${train.n}`,
      { param: 'nNeighbors', expected: `an integer in [1, ${excludeSelf ? train.n - 1 : train.n}]`, got: k },
    );
  }
  const q = query ?? train;
  const method = chooseAlgorithm(train, kk, opts);
  const metricName = opts.metric ?? 'minkowski';
  const p = opts.p ?? 2;
  let raw: KnnResult;
  if (method === 'brute') raw = bruteKneighbors(train, q, kk, resolveMetric(metricName, p));
  else {
    const Tree = method === 'kd_tree' ? KDTree : BallTree;
    raw = new Tree(new Tensor(train.data, [train.n, train.d]), { metric: metricName, p }).knn(q, kk);
  }
  if (!excludeSelf) return raw;
  const dist = new Float64Array(q.n * k);
  const ind = new Int32Array(q.n * k);
  for (let i = 0; i < q.n; i++) {
    // Drop the row itself; when duplicates push it out of the list, drop the nearest (as sklearn).
    let skip = 0;
    for (let t = 0; t < kk; t++) if (raw.ind[i * kk + t] === i) skip = t;
    let o = i * k;
    for (let t = 0; t < kk; t++) {
      if (t === skip) continue;
      dist[o] = raw.dist[i * kk + t];
      ind[o++] = raw.ind[i * kk + t];
    }
  }
  return { dist, ind };
}

/**
 * Training rows within `radius` of each query row (null: the training rows,
 * each excluding itself), brute force.
 * @example radiusNeighborsOf(rows, null, 1.5).ind[0]
 */
export function radiusNeighborsOf(
  train: Rows,
  query: Rows | null,
  radius: number,
  opts: SearchOptions = {},
): RadiusResult {
  const res = bruteRadius(train, query ?? train, radius, resolveMetric(opts.metric ?? 'minkowski', opts.p ?? 2), false);
  if (query === null) {
    for (let i = 0; i < train.n; i++) {
      const keep: number[] = [];
      for (let t = 0; t < res.ind[i].length; t++) if (res.ind[i][t] !== i) keep.push(t);
      res.dist[i] = Float64Array.from(keep, (t) => res.dist[i][t]);
      res.ind[i] = Int32Array.from(keep, (t) => res.ind[i][t]);
    }
  }
  return res;
}

/**
 * Dense `n x m` distances between the rows of `a` and `b` (`squared`: the
 * squared euclidean distance, for euclidean only).
 * @example pairwiseDense(rows, rows, 'euclidean')
 */
export function pairwiseDense(
  a: Rows,
  b: Rows,
  metricName: NeighborsMetricName = 'euclidean',
  p = 2,
  squared = false,
): Float64Array {
  const metric = resolveMetric(metricName, p);
  const rd = reducedDistance(metric);
  const out = new Float64Array(a.n * b.n);
  const same = a === b;
  for (let i = 0; i < a.n; i++) {
    for (let j = same ? i + 1 : 0; j < b.n; j++) {
      const r = rd(a.data, i * a.d, b.data, j * b.d, a.d);
      const v = squared && metric.kind === 'euclidean' ? r : toDistance(r, metric);
      out[i * b.n + j] = v;
      if (same) out[j * a.n + i] = v;
    }
  }
  return out;
}
