/**
 * SMACOF multidimensional scaling (scikit-learn's `sklearn.manifold.smacof`
 * and `_smacof_single`): majorisation by Guttman transforms, metric or
 * non-metric (isotonic disparities, rescaled to a fixed sum of squares).
 *
 * As sklearn: the stress is `Σ_{i<j} (d_ij - δ_ij)²` of the configuration
 * *before* the last update (optionally normalised, Kruskal's stress-1);
 * iterations stop when `stress / ‖X‖` improves by less than `eps`; of
 * `nInit` random starts (uniform in [0, 1)) the lowest stress wins.
 */
import { ValidationError } from '../base/errors.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import { isotonicFit } from './isotonic.js';

/** Options of {@link smacof}. */
export interface SmacofOptions {
  /** Metric (true, default) or non-metric (ordinal) MDS. */
  metric?: boolean;
  /** Embedding dimension. Default 2 (ignored with `init`). */
  nComponents?: number;
  /** Starting configuration `n x nComponents` (row-major); then a single run. */
  init?: Float64Array;
  /** Random starts. Default 8 (sklearn's `smacof` default; `MDS` uses 4). */
  nInit?: number;
  /** Iterations per run. Default 300. */
  maxIter?: number;
  /** Relative tolerance on the stress. Default 1e-3. */
  eps?: number;
  /** Seed or generator for the random starts. */
  randomState?: RandomState;
  /** Report Kruskal's stress-1 (non-metric only). Default false. */
  normalizedStress?: boolean;
}

/** Result of {@link smacof}. */
export interface SmacofResult {
  /** `n x nComponents`, row-major. */
  embedding: Float64Array;
  stress: number;
  /** Iterations run by the best start. */
  nIter: number;
}

/** One SMACOF run from `X` (updated in place); returns the stress and iteration count. */
function smacofSingle(
  diss: Float64Array,
  n: number,
  k: number,
  X: Float64Array<ArrayBufferLike>,
  metric: boolean,
  maxIter: number,
  eps: number,
  normalized: boolean,
): { X: Float64Array; stress: number; nIter: number } {
  const dis = new Float64Array(n * n);
  const disparities = metric ? diss : new Float64Array(n * n);
  const B = new Float64Array(n);
  let next: Float64Array = new Float64Array(n * k);
  // Upper-triangle pairs with a non-zero dissimilarity take part in the isotonic fit.
  const pairs: number[] = [];
  if (!metric)
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (diss[i * n + j] !== 0) pairs.push(i * n + j);
  const px = Float64Array.from(pairs, (t) => diss[t]);
  const py = new Float64Array(pairs.length);
  let oldStress: number | undefined;
  let stress = 0;
  let it = 0;
  for (it = 0; it < maxIter; it++) {
    for (let i = 0; i < n; i++) {
      dis[i * n + i] = 0;
      for (let j = i + 1; j < n; j++) {
        let s = 0;
        for (let c = 0; c < k; c++) {
          const t = X[i * k + c] - X[j * k + c];
          s += t * t;
        }
        const v = Math.sqrt(s);
        dis[i * n + j] = v;
        dis[j * n + i] = v;
      }
    }
    if (!metric) {
      disparities.set(dis);
      for (let t = 0; t < pairs.length; t++) py[t] = dis[pairs[t]];
      const fitted = isotonicFit(px, py);
      // sklearn writes the fitted values to the upper triangle only; the lower keeps the distances.
      for (let t = 0; t < pairs.length; t++) disparities[pairs[t]] = fitted[t];
      let ss = 0;
      for (let t = 0; t < n * n; t++) ss += disparities[t] * disparities[t];
      const f = Math.sqrt((n * (n - 1)) / 2 / ss);
      for (let t = 0; t < n * n; t++) disparities[t] *= f;
    }
    let s2 = 0;
    let d2 = 0;
    for (let t = 0; t < n * n; t++) {
      s2 += (dis[t] - disparities[t]) ** 2;
      d2 += disparities[t] * disparities[t];
    }
    stress = s2 / 2;
    if (normalized) stress = Math.sqrt(stress / (d2 / 2));
    // Guttman transform: X ← B(X) X / n with B = -δ/d off the diagonal, row sums on it.
    next.fill(0);
    for (let i = 0; i < n; i++) {
      let rowSum = 0;
      for (let j = 0; j < n; j++) {
        const d = dis[i * n + j] === 0 ? 1e-5 : dis[i * n + j];
        const r = disparities[i * n + j] / d;
        B[j] = -r;
        rowSum += r;
      }
      B[i] += rowSum;
      for (let j = 0; j < n; j++) {
        const b = B[j];
        if (b === 0) continue;
        for (let c = 0; c < k; c++) next[i * k + c] += b * X[j * k + c];
      }
      for (let c = 0; c < k; c++) next[i * k + c] /= n;
    }
    const tmp = X;
    X = next;
    next = tmp;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += X[i * k + c] * X[i * k + c];
      norm += Math.sqrt(s);
    }
    if (oldStress !== undefined && oldStress - stress / norm < eps) break;
    oldStress = stress / norm;
  }
  return { X, stress, nIter: Math.min(it, maxIter - 1) + 1 };
}

/**
 * SMACOF on a symmetric `n x n` dissimilarity matrix (row-major).
 * @example const { embedding, stress } = smacof(D, n, { nComponents: 2, randomState: 0 });
 */
export function smacof(dissimilarities: Float64Array, n: number, options: SmacofOptions = {}): SmacofResult {
  const metric = options.metric ?? true;
  const maxIter = options.maxIter ?? 300;
  const eps = options.eps ?? 1e-3;
  const normalized = options.normalizedStress ?? false;
  if (normalized && metric) {
    throw new ValidationError(
      'Normalized stress is not supported for metric MDS. Either set normalizedStress to false or use metric false.',
      { param: 'normalizedStress' },
    );
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = dissimilarities[i * n + j];
      const b = dissimilarities[j * n + i];
      if (!(Math.abs(a - b) <= 1e-10 + 1e-5 * Math.abs(b))) {
        throw new ValidationError(
          `Array must be symmetric: dissimilarities[${i}, ${j}] = ${a} but [${j}, ${i}] = ${b}`,
        );
      }
    }
  }
  let k = options.nComponents ?? 2;
  let nInit = options.nInit ?? 8;
  if (options.init !== undefined) {
    if (options.init.length % n !== 0 || options.init.length === 0) {
      throw new ValidationError(`init matrix should have ${n} rows (got ${options.init.length} values)`, {
        param: 'init',
      });
    }
    k = options.init.length / n;
    nInit = 1;
  }
  const rng: RandomGenerator = checkRandomState(options.randomState);
  let best: { X: Float64Array; stress: number; nIter: number } | undefined;
  for (let r = 0; r < nInit; r++) {
    let X0: Float64Array;
    if (options.init !== undefined) X0 = options.init.slice();
    else {
      X0 = new Float64Array(n * k);
      for (let t = 0; t < X0.length; t++) X0[t] = rng.random();
    }
    const run = smacofSingle(dissimilarities, n, k, X0, metric, maxIter, eps, normalized);
    if (best === undefined || run.stress < best.stress)
      best = { X: run.X.slice(), stress: run.stress, nIter: run.nIter };
  }
  const b = best as { X: Float64Array; stress: number; nIter: number };
  return { embedding: b.X, stress: b.stress, nIter: b.nIter };
}
