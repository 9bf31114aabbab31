/**
 * `trustworthiness`: how well an embedding keeps local structure
 * (scikit-learn's `sklearn.manifold.trustworthiness`, Venna & Kaski 2001).
 */
import { ValidationError } from '../base/errors.js';
import type { MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import type { NeighborsMetricName } from '../neighbors/metric.js';
import { kneighborsOf, pairwiseDense } from './neighbors.js';

/** Options of {@link trustworthiness}. */
export interface TrustworthinessOptions {
  /** Neighbourhood size k (< nSamples / 2). Default 5. */
  nNeighbors?: number;
  /** Input-space metric, or `'precomputed'` (X holds distances). Default `'euclidean'`. */
  metric?: NeighborsMetricName | 'precomputed';
}

/**
 * `T(k) = 1 - 2 / (n k (2n - 3k - 1)) · Σᵢ Σ_{j ∈ Uᵢ(k)} (r(i, j) - k)`,
 * where `Uᵢ(k)` are the k nearest neighbours of i in the embedding (euclidean)
 * and `r(i, j)` the rank of j among i's neighbours in the input space. 1 means
 * every embedded neighbour is a true neighbour. Ties in the input ranks go to
 * the lower index.
 * @example trustworthiness(X, tsneEmbedding, { nNeighbors: 5 }) // e.g. 0.99
 */
export function trustworthiness(X: MatrixLike, XEmbedded: MatrixLike, options: TrustworthinessOptions = {}): number {
  const k = options.nNeighbors ?? 5;
  const metric = options.metric ?? 'euclidean';
  const { X: xt } = checkArray(X, { name: 'X' });
  const { X: et } = checkArray(XEmbedded, { name: 'X_embedded' });
  const [n, d] = xt.shape;
  if (et.shape[0] !== n) {
    throw new ValidationError(`X has ${n} rows but X_embedded has ${et.shape[0]}`, { expected: n, got: et.shape[0] });
  }
  if (!Number.isInteger(k) || k < 1 || k >= n / 2) {
    throw new ValidationError(`n_neighbors (${k}) should be a positive integer less than n_samples / 2 (${n / 2})`, {
      param: 'nNeighbors',
      expected: `< ${n / 2}`,
      got: k,
    });
  }
  let dist: Float64Array;
  if (metric === 'precomputed') {
    if (d !== n) throw new ValidationError(`X should be a square distance matrix, got [${n}, ${d}]`);
    dist = xt.data as Float64Array;
  } else dist = pairwiseDense({ data: xt.data as Float64Array, n, d }, { data: xt.data as Float64Array, n, d }, metric);
  const emb = { data: et.data as Float64Array, n, d: et.shape[1] };
  const { ind } = kneighborsOf(emb, null, k, { metric: 'euclidean' });
  const order = new Int32Array(n);
  const rank = new Int32Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) order[j] = j;
    // The sample itself sorts last (sklearn puts +inf on the diagonal).
    order.sort((a, b) => (a === i ? 1 : b === i ? -1 : dist[o + a] - dist[o + b] || a - b));
    for (let r = 0; r < n; r++) rank[order[r]] = r + 1;
    for (let s = 0; s < k; s++) {
      const excess = rank[ind[i * k + s]] - k;
      if (excess > 0) t += excess;
    }
  }
  return 1 - t * (2 / (n * k * (2 * n - 3 * k - 1)));
}
