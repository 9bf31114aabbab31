/**
 * Distance metrics of the neighbour searches, as scikit-learn names them, and
 * their "reduced" forms: a cheaper monotone stand-in the searches compare
 * (squared euclidean, `sum |d|^p` for minkowski) before converting back.
 */
import { ValidationError } from '../base/errors.js';

/** Metric names accepted by the neighbours estimators and trees. */
export type NeighborsMetricName =
  | 'euclidean'
  | 'l2'
  | 'manhattan'
  | 'cityblock'
  | 'l1'
  | 'chebyshev'
  | 'infinity'
  | 'minkowski'
  | 'cosine';

/** All accepted metric names. */
export const METRIC_NAMES: readonly NeighborsMetricName[] = [
  'euclidean',
  'l2',
  'manhattan',
  'cityblock',
  'l1',
  'chebyshev',
  'infinity',
  'minkowski',
  'cosine',
];

/** A resolved metric: its kind and, for minkowski, the order `p` (> 0, not 1, 2 or Infinity). */
export interface Metric {
  kind: 'euclidean' | 'manhattan' | 'chebyshev' | 'minkowski' | 'cosine';
  p: number;
}

/** Distance between rows `a[ao..]` and `b[bo..]` of length `d`, in reduced form. */
export type ReducedDistance = (a: Float64Array, ao: number, b: Float64Array, bo: number, d: number) => number;

/**
 * The effective metric (sklearn's `effective_metric_`): minkowski with p = 1,
 * 2 or Infinity becomes manhattan, euclidean or chebyshev.
 * @example resolveMetric('minkowski', 2) // { kind: 'euclidean', p: 2 }
 */
export function resolveMetric(name: NeighborsMetricName, p = 2): Metric {
  switch (name) {
    case 'euclidean':
    case 'l2':
      return { kind: 'euclidean', p: 2 };
    case 'manhattan':
    case 'cityblock':
    case 'l1':
      return { kind: 'manhattan', p: 1 };
    case 'chebyshev':
    case 'infinity':
      return { kind: 'chebyshev', p: Number.POSITIVE_INFINITY };
    case 'cosine':
      return { kind: 'cosine', p: 2 };
    case 'minkowski':
      if (!(p >= 1))
        throw new ValidationError(`p must be >= 1 for the minkowski metric, got ${p}`, { param: 'p', got: p });
      if (p === 1) return { kind: 'manhattan', p: 1 };
      if (p === 2) return { kind: 'euclidean', p: 2 };
      if (p === Number.POSITIVE_INFINITY) return { kind: 'chebyshev', p };
      return { kind: 'minkowski', p };
    default:
      throw new ValidationError(`Unknown metric ${String(name)}; expected one of ${METRIC_NAMES.join(', ')}`, {
        param: 'metric',
        got: name,
      });
  }
}

/** The reduced distance of a metric (cosine: the distance itself, on unnormalised rows). */
export function reducedDistance(metric: Metric): ReducedDistance {
  switch (metric.kind) {
    case 'euclidean':
      return (a, ao, b, bo, d) => {
        let s = 0;
        for (let f = 0; f < d; f++) {
          const t = a[ao + f] - b[bo + f];
          s += t * t;
        }
        return s;
      };
    case 'manhattan':
      return (a, ao, b, bo, d) => {
        let s = 0;
        for (let f = 0; f < d; f++) s += Math.abs(a[ao + f] - b[bo + f]);
        return s;
      };
    case 'chebyshev':
      return (a, ao, b, bo, d) => {
        let s = 0;
        for (let f = 0; f < d; f++) {
          const t = Math.abs(a[ao + f] - b[bo + f]);
          if (t > s) s = t;
        }
        return s;
      };
    case 'minkowski': {
      const p = metric.p;
      return (a, ao, b, bo, d) => {
        let s = 0;
        for (let f = 0; f < d; f++) s += Math.abs(a[ao + f] - b[bo + f]) ** p;
        return s;
      };
    }
    case 'cosine':
      return (a, ao, b, bo, d) => {
        let dot = 0;
        let na = 0;
        let nb = 0;
        for (let f = 0; f < d; f++) {
          dot += a[ao + f] * b[bo + f];
          na += a[ao + f] * a[ao + f];
          nb += b[bo + f] * b[bo + f];
        }
        // Zero rows have similarity 0 (distance 1), as sklearn's normalize leaves them zero.
        const sim = na === 0 || nb === 0 ? 0 : dot / (Math.sqrt(na) * Math.sqrt(nb));
        return Math.min(2, Math.max(0, 1 - sim));
      };
  }
}

/** Converts a reduced distance to the distance. */
export function toDistance(reduced: number, metric: Metric): number {
  if (metric.kind === 'euclidean') return Math.sqrt(reduced);
  if (metric.kind === 'minkowski') return reduced ** (1 / metric.p);
  return reduced;
}

/** Converts a distance to its reduced form. */
export function toReduced(distance: number, metric: Metric): number {
  if (metric.kind === 'euclidean') return distance * distance;
  if (metric.kind === 'minkowski') return distance ** metric.p;
  return distance;
}
