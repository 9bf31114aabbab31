/**
 * `AffinityPropagation`: scikit-learn 1.2's `sklearn.cluster.AffinityPropagation`
 * (Frey & Dueck 2007): responsibilities and availabilities exchanged between
 * all pairs of rows until the set of exemplars has not changed for
 * `convergenceIter` iterations.
 *
 * As sklearn: similarities are negative squared Euclidean distances (the
 * `‖x‖² + ‖y‖² - 2x·y` form, exact zeros on the diagonal) or a precomputed
 * matrix; the preference defaults to their median; a tiny seeded noise
 * (`(ε·S + 100·tiny)·N(0, 1)`) breaks ties; the exemplars are refined once
 * (each cluster's member with the largest summed similarity to the others).
 *
 * Differences: the tie-breaking noise comes from typelearn's generator, not
 * numpy's, so its last bits differ; results match sklearn except on data
 * with exactly tied similarities.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { ConvergenceWarning, TypelearnWarning, warn } from '../base/warnings.js';
import { euclideanDistances } from '../metrics/pairwise/distances.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { int32State } from './cluster-utils.js';

/** Options of {@link AffinityPropagation} (sklearn's parameters, camelCase). */
export interface AffinityPropagationParams {
  /** Weight of the previous messages, in [0.5, 1). Default 0.5. */
  damping: number;
  /** Maximum iterations. Default 200. */
  maxIter: number;
  /** Iterations without change of the exemplars that stop the run. Default 15. */
  convergenceIter: number;
  /** Self-similarity (one value, or one per row); `null` means the median similarity. Default `null`. */
  preference: number | readonly number[] | null;
  /** `'euclidean'` (default) or `'precomputed'` (X is the similarity matrix). */
  affinity: 'euclidean' | 'precomputed';
  /** Seed or generator of the tie-breaking noise. Default `undefined`. */
  randomState: RandomState | undefined;
}

const DEFAULTS: AffinityPropagationParams = {
  damping: 0.5,
  maxIter: 200,
  convergenceIter: 15,
  preference: null,
  affinity: 'euclidean',
  randomState: undefined,
};

const EPS = 2.220446049250313e-16;
const TINY = 2.2250738585072014e-308;

/** Median of all values (numpy's `np.median`: mean of the two middle values for an even count). */
function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** What {@link affinityPropagation} returns. */
export interface AffinityPropagationResult {
  centerIndices: Int32Array;
  labels: Int32Array;
  nIter: number;
}

/**
 * The message passing of sklearn's `_affinity_propagation` on a similarity
 * matrix `S` (`n x n`, modified: preferences written on the diagonal, noise added).
 * @example affinityPropagation(S, n, pref, { damping: 0.5, maxIter: 200, convergenceIter: 15 }, rng)
 */
export function affinityPropagation(
  S: Float64Array,
  n: number,
  preference: Float64Array,
  opts: { damping: number; maxIter: number; convergenceIter: number },
  rng: ReturnType<typeof checkRandomState>,
  signal?: AbortSignal,
): AffinityPropagationResult {
  const allEqual = (() => {
    for (let i = 1; i < n; i++) if (preference[i] !== preference[0]) return false;
    let first: number | undefined;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        if (first === undefined) first = S[i * n + j];
        else if (S[i * n + j] !== first) return false;
      }
    }
    return true;
  })();
  if (n === 1 || allEqual) {
    warn(new TypelearnWarning('All samples have mutually equal similarities. Returning arbitrary cluster center(s).'));
    if (preference[0] >= S[n - 1]) {
      const all = Int32Array.from({ length: n }, (_, i) => i);
      return { centerIndices: all, labels: all.slice(), nIter: 0 };
    }
    return { centerIndices: Int32Array.of(0), labels: new Int32Array(n), nIter: 0 };
  }
  const { damping, maxIter, convergenceIter } = opts;
  for (let i = 0; i < n; i++) S[i * n + i] = preference[i];
  const A = new Float64Array(n * n);
  const R = new Float64Array(n * n);
  const tmp = new Float64Array(n * n);
  for (let t = 0; t < n * n; t++) S[t] += (EPS * S[t] + TINY * 100) * rng.normal();
  const e = new Uint8Array(n * convergenceIter);
  const E = new Uint8Array(n);
  const colSum = new Float64Array(n);
  const dA = new Float64Array(n);
  let it = 0;
  let neverConverged = true;
  for (it = 0; it < maxIter; it++) {
    if ((it & 15) === 0 && signal?.aborted) throw signal.reason;
    // Responsibilities.
    for (let i = 0; i < n; i++) {
      const o = i * n;
      let best = 0;
      let y = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < n; k++) {
        const v = A[o + k] + S[o + k];
        tmp[o + k] = v;
        if (v > y) {
          y = v;
          best = k;
        }
      }
      tmp[o + best] = Number.NEGATIVE_INFINITY;
      let y2 = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < n; k++) if (tmp[o + k] > y2) y2 = tmp[o + k];
      for (let k = 0; k < n; k++) tmp[o + k] = S[o + k] - y;
      tmp[o + best] = S[o + best] - y2;
    }
    for (let t = 0; t < n * n; t++) {
      R[t] = R[t] * damping + tmp[t] * (1 - damping);
    }
    // Availabilities.
    for (let t = 0; t < n * n; t++) tmp[t] = Math.max(R[t], 0);
    for (let k = 0; k < n; k++) tmp[k * n + k] = R[k * n + k];
    colSum.fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) colSum[k] += tmp[i * n + k];
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) tmp[i * n + k] -= colSum[k];
    for (let k = 0; k < n; k++) dA[k] = tmp[k * n + k];
    for (let t = 0; t < n * n; t++) if (tmp[t] < 0) tmp[t] = 0;
    for (let k = 0; k < n; k++) tmp[k * n + k] = dA[k];
    for (let t = 0; t < n * n; t++) A[t] = A[t] * damping - tmp[t] * (1 - damping);
    let K = 0;
    for (let k = 0; k < n; k++) {
      E[k] = A[k * n + k] + R[k * n + k] > 0 ? 1 : 0;
      e[k * convergenceIter + (it % convergenceIter)] = E[k];
      K += E[k];
    }
    if (it >= convergenceIter) {
      let stable = 0;
      for (let k = 0; k < n; k++) {
        let se = 0;
        for (let c = 0; c < convergenceIter; c++) se += e[k * convergenceIter + c];
        if (se === convergenceIter || se === 0) stable++;
      }
      if (stable === n && K > 0) {
        neverConverged = false;
        break;
      }
    }
  }
  const nIter = (it === maxIter ? maxIter - 1 : it) + 1;
  const I: number[] = [];
  for (let k = 0; k < n; k++) if (E[k]) I.push(k);
  const K = I.length;
  if (K === 0) {
    warn(
      new ConvergenceWarning('Affinity propagation did not converge and this model will not have any cluster centers.'),
    );
    return { centerIndices: new Int32Array(0), labels: new Int32Array(n).fill(-1), nIter };
  }
  if (neverConverged) {
    warn(
      new ConvergenceWarning(
        'Affinity propagation did not converge, this model may return degenerate cluster centers and labels.',
      ),
    );
  }
  const assign = (centers: number[]): Int32Array => {
    const c = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < centers.length; k++) if (S[i * n + centers[k]] > S[i * n + centers[best]]) best = k;
      c[i] = best;
    }
    centers.forEach((ex, k) => {
      c[ex] = k;
    });
    return c;
  };
  let c = assign(I);
  for (let k = 0; k < K; k++) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (c[i] === k) members.push(i);
    let best = 0;
    let bestSum = Number.NEGATIVE_INFINITY;
    for (let b = 0; b < members.length; b++) {
      let s = 0;
      for (const a of members) s += S[a * n + members[b]];
      if (s > bestSum) {
        bestSum = s;
        best = b;
      }
    }
    I[k] = members[best];
  }
  c = assign(I);
  const exemplarOf = Int32Array.from(c, (k) => I[k]);
  const centerIndices = Int32Array.from(new Set(exemplarOf)).sort();
  const position = new Map<number, number>();
  centerIndices.forEach((v, i) => {
    position.set(v, i);
  });
  const labels = Int32Array.from(exemplarOf, (v) => position.get(v) as number);
  return { centerIndices, labels, nIter };
}

/**
 * Clustering by passing messages between rows: picks exemplar rows and a
 * number of clusters by itself.
 *
 * Fitted attributes: `clusterCentersIndices`, `clusterCenters` (euclidean
 * affinity), `labels`, `affinityMatrix`, `nIter`, `nFeaturesIn`.
 *
 * @example
 * import { AffinityPropagation } from 'typelearn/cluster';
 * const X = [[1, 2], [1, 4], [1, 0], [4, 2], [4, 4], [4, 0]];
 * const ap = await new AffinityPropagation({ randomState: 5 }).fit(X);
 * ap.labels;                          // Int32Array [0, 0, 0, 1, 1, 1]
 * ap.predict([[0, 0], [4, 4]]);       // Int32Array [0, 1]
 */
export class AffinityPropagation extends BaseEstimator<AffinityPropagationParams> {
  static override readonly estimatorName = 'AffinityPropagation';

  static override parameterConstraints: ParameterConstraints = {
    damping: [interval('real', 0.5, 1, 'left')],
    maxIter: [interval('int', 1, null, 'left')],
    convergenceIter: [interval('int', 1, null, 'left')],
    preference: ['arrayLike', interval('real', null, null, 'neither'), null],
    affinity: [options(['euclidean', 'precomputed'])],
    randomState: ['randomState'],
  };

  #centerIndices?: Int32Array;
  #centers?: Float64Array;
  #labels?: Int32Array;
  #affinity?: Float64Array;
  #nIter?: number;

  /** @param options - see {@link AffinityPropagationParams}. */
  constructor(options: Partial<AffinityPropagationParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer' };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    let S: Float64Array;
    if (this.params.affinity === 'precomputed') {
      if (n !== d) {
        throw new ValidationError(`The matrix of similarities must be a square array. Got (${n}, ${d}) instead.`);
      }
      S = Float64Array.from(x);
    } else {
      S = Float64Array.from(euclideanDistances(xt, null, { squared: true }).data as Float64Array, (v) => -v);
    }
    const affinity = S.slice();
    const pref = this.params.preference;
    let preference: Float64Array;
    if (pref === null) preference = new Float64Array(n).fill(median(S));
    else if (typeof pref === 'number') preference = new Float64Array(n).fill(pref);
    else {
      preference = Float64Array.from(pref as ArrayLike<number>);
      if (preference.length !== n) {
        throw new ValidationError(`preference has ${preference.length} values for ${n} samples`, {
          param: 'preference',
          expected: n,
          got: preference.length,
        });
      }
    }
    const rng = checkRandomState(this.params.randomState);
    const res = affinityPropagation(S, n, preference, this.params, rng, opts.signal);
    this.#centerIndices = res.centerIndices;
    this.#labels = res.labels;
    this.#nIter = res.nIter;
    this.#affinity = affinity;
    this.#centers = undefined;
    if (this.params.affinity === 'euclidean') {
      const centers = new Float64Array(res.centerIndices.length * d);
      res.centerIndices.forEach((row, k) => {
        centers.set(x.subarray(row * d, row * d + d), k * d);
      });
      this.#centers = centers;
    }
  }

  /** Rows chosen as exemplars (sklearn's `cluster_centers_indices_`). */
  get clusterCentersIndices(): Int32Array {
    return this.fitted('clusterCentersIndices', this.#centerIndices).slice();
  }

  /** The exemplar rows, `nClusters x nFeatures` (euclidean affinity only). */
  get clusterCenters(): Tensor {
    const c = this.fitted('clusterCenters', this.#centers);
    return new Tensor(c.slice(), [c.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Cluster of each training row. */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  /** The similarity matrix used, `n x n` (sklearn's `affinity_matrix_`). */
  get affinityMatrix(): Tensor {
    const a = this.fitted('affinityMatrix', this.#affinity);
    const n = Math.round(Math.sqrt(a.length));
    return new Tensor(a.slice(), [n, n]);
  }

  /** Iterations run (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /**
   * Nearest exemplar of each row (-1 for every row, with a warning, when the run found none).
   * @example ap.predict([[0, 0]])
   */
  predict(X: MatrixLike): Int32Array {
    this.checkIsFitted();
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    if (this.#centers === undefined) {
      throw new ValidationError("Predict method is not supported when affinity='precomputed'.");
    }
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    const c = this.#centers;
    const k = c.length / d;
    if (k === 0) {
      warn(
        new ConvergenceWarning(
          "This model does not have any cluster centers because affinity propagation did not converge. Labeling every sample as '-1'.",
        ),
      );
      return new Int32Array(n).fill(-1);
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += (x[i * d + f] - c[j * d + f]) ** 2;
        if (s < bestD) {
          bestD = s;
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /**
   * Fits, then returns the labels.
   * @example await new AffinityPropagation({ randomState: 0 }).fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.labels;
  }

  protected getState(): Record<string, unknown> {
    return {
      centerIndices: this.#centerIndices,
      centers: this.#centers,
      labels: this.#labels,
      affinity: this.#affinity,
      nIter: this.#nIter,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved AffinityPropagation';
    const r = new StateReader(state, where);
    const labels = int32State(state, 'labels', where);
    const n = labels.length;
    this.#labels = labels;
    this.#centerIndices = int32State(state, 'centerIndices', where);
    this.#centers = state.centers === undefined ? undefined : r.float64Array('centers');
    this.#affinity = r.float64Array('affinity', n * n);
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
