/**
 * Flat clusterings of an OPTICS reachability plot, as scikit-learn 1.2's
 * `cluster_optics_dbscan` and `cluster_optics_xi` (Ankerst et al. 1999, with
 * sklearn's corrections of the paper: the steep-down point test and criterion
 * 4c, an infinite value appended to the plot, and the predecessor correction).
 */
import { ValidationError } from '../base/errors.js';

/**
 * DBSCAN labels at `eps` from an OPTICS run (sklearn's `cluster_optics_dbscan`):
 * a new cluster starts at each point in the ordering whose reachability is
 * above `eps` but whose core distance is not; points with both above are noise.
 * @example clusterOpticsDbscan(reachability, coreDistances, ordering, 0.5)
 */
export function clusterOpticsDbscan(
  reachability: ArrayLike<number>,
  coreDistances: ArrayLike<number>,
  ordering: ArrayLike<number>,
  eps: number,
): Int32Array {
  const n = coreDistances.length;
  const labels = new Int32Array(n);
  let count = 0;
  for (let t = 0; t < n; t++) {
    const i = ordering[t];
    if (reachability[i] > eps && coreDistances[i] <= eps) count++;
    labels[i] = count - 1;
  }
  for (let i = 0; i < n; i++) if (reachability[i] > eps && !(coreDistances[i] <= eps)) labels[i] = -1;
  return labels;
}

/** A minimum size given as a count (>= 2) or a fraction of the samples (<= 1), as sklearn's `_validate_size`. */
export function resolveSize(size: number, n: number, name: string): number {
  if (size > n) {
    throw new ValidationError(`${name} must be no greater than the number of samples (${n}). Got ${size}`, {
      param: name,
      expected: `<= ${n}`,
      got: size,
    });
  }
  return size <= 1 ? Math.max(2, Math.trunc(size * n)) : size;
}

/** sklearn's `_extend_region`: end of the steep region starting at `start`. */
function extendRegion(steep: Uint8Array, xward: Uint8Array, start: number, minSamples: number): number {
  const n = steep.length;
  let nonXward = 0;
  let end = start;
  for (let index = start; index < n; index++) {
    if (steep[index]) {
      nonXward = 0;
      end = index;
    } else if (!xward[index]) {
      nonXward++;
      if (nonXward > minSamples) break;
    } else return end;
  }
  return end;
}

interface SteepDownArea {
  start: number;
  end: number;
  mib: number;
}

function updateFilterSdas(sdas: SteepDownArea[], mib: number, xic: number, r: Float64Array): SteepDownArea[] {
  if (mib === Number.POSITIVE_INFINITY || mib === Number.NEGATIVE_INFINITY) return [];
  const res = sdas.filter((sda) => mib <= r[sda.start] * xic);
  for (const sda of res) sda.mib = Math.max(sda.mib, mib);
  return res;
}

/** sklearn's `_correct_predecessor` (numpy's negative index for predecessor -1 kept). */
function correctPredecessor(
  r: Float64Array,
  pred: Int32Array,
  ordering: ArrayLike<number>,
  s: number,
  e: number,
): [number, number] | null {
  const n = ordering.length;
  while (s < e) {
    if (r[s] > r[e]) return [s, e];
    const pe = ordering[pred[e] < 0 ? n + pred[e] : pred[e]];
    for (let i = s; i < e; i++) if (pe === ordering[i]) return [s, e];
    e--;
  }
  return null;
}

/** Options of {@link clusterOpticsXi}. */
export interface OpticsXiOptions {
  /** As OPTICS' `minSamples` (count or fraction). */
  minSamples: number;
  /** Minimum cluster size (count or fraction); `null` means `minSamples`. Default `null`. */
  minClusterSize?: number | null;
  /** Minimum steepness. Default 0.05. */
  xi?: number;
  /** Default true. */
  predecessorCorrection?: boolean;
}

/**
 * Xi-steep clusters of an OPTICS run (sklearn's `cluster_optics_xi`): labels
 * and the cluster hierarchy as `[start, end]` positions in the ordering,
 * smaller (nested) clusters before the ones containing them.
 * @example const { labels, clusters } = clusterOpticsXi(reach, pred, ordering, { minSamples: 5 });
 */
export function clusterOpticsXi(
  reachability: ArrayLike<number>,
  predecessor: ArrayLike<number>,
  ordering: ArrayLike<number>,
  options: OpticsXiOptions,
): { labels: Int32Array; clusters: [number, number][] } {
  const n = reachability.length;
  const minSamples = resolveSize(options.minSamples, n, 'minSamples');
  const minClusterSize = resolveSize(options.minClusterSize ?? minSamples, n, 'minClusterSize');
  const xi = options.xi ?? 0.05;
  const r = new Float64Array(n + 1);
  const pred = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    r[t] = reachability[ordering[t]];
    pred[t] = predecessor[ordering[t]];
  }
  r[n] = Number.POSITIVE_INFINITY;
  const xic = 1 - xi;
  const steepUp = new Uint8Array(n);
  const steepDown = new Uint8Array(n);
  const down = new Uint8Array(n);
  const up = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    const ratio = r[t] / r[t + 1];
    steepUp[t] = ratio <= xic ? 1 : 0;
    steepDown[t] = ratio >= 1 / xic ? 1 : 0;
    down[t] = ratio > 1 ? 1 : 0;
    up[t] = ratio < 1 ? 1 : 0;
  }
  let sdas: SteepDownArea[] = [];
  const clusters: [number, number][] = [];
  let index = 0;
  let mib = 0;
  for (let steep = 0; steep < n; steep++) {
    if (!(steepUp[steep] || steepDown[steep]) || steep < index) continue;
    for (let t = index; t <= steep; t++) mib = Math.max(mib, r[t]);
    if (steepDown[steep]) {
      sdas = updateFilterSdas(sdas, mib, xic, r);
      const end = extendRegion(steepDown, up, steep, minSamples);
      sdas.push({ start: steep, end, mib: 0 });
      index = end + 1;
      mib = r[index];
    } else {
      sdas = updateFilterSdas(sdas, mib, xic, r);
      const uStart = steep;
      const uEnd = extendRegion(steepUp, down, uStart, minSamples);
      index = uEnd + 1;
      mib = r[index];
      const found: [number, number][] = [];
      for (const D of sdas) {
        let cStart = D.start;
        let cEnd = uEnd;
        if (r[cEnd + 1] * xic < D.mib) continue;
        const dMax = r[D.start];
        if (dMax * xic >= r[cEnd + 1]) {
          while (r[cStart + 1] > r[cEnd + 1] && cStart < D.end) cStart++;
        } else if (r[cEnd + 1] * xic >= dMax) {
          while (r[cEnd - 1] > dMax && cEnd > uStart) cEnd--;
        }
        if (options.predecessorCorrection ?? true) {
          const fixed = correctPredecessor(r, pred, ordering, cStart, cEnd);
          if (fixed === null) continue;
          [cStart, cEnd] = fixed;
        }
        if (cEnd - cStart + 1 < minClusterSize) continue;
        if (cStart > D.end) continue;
        if (cEnd < uStart) continue;
        found.push([cStart, cEnd]);
      }
      found.reverse();
      clusters.push(...found);
    }
  }
  // sklearn's `_extract_xi_labels`: a cluster is labelled unless it overlaps an already labelled one.
  const byPosition = new Int32Array(n).fill(-1);
  let label = 0;
  for (const [s, e] of clusters) {
    let free = true;
    for (let t = s; t <= e && free; t++) if (byPosition[t] !== -1) free = false;
    if (free) {
      byPosition.fill(label, s, e + 1);
      label++;
    }
  }
  const labels = new Int32Array(n);
  for (let t = 0; t < n; t++) labels[ordering[t]] = byPosition[t];
  return { labels, clusters };
}
