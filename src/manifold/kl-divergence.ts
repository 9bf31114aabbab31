/**
 * The exact t-SNE objective (scikit-learn's `_t_sne._kl_divergence`): the
 * Kullback-Leibler divergence of the Student-t similarities `Q` of the
 * embedding from the input affinities `P`, and its gradient.
 */
import { MACHINE_EPSILON } from './joint-probabilities.js';

/** Scratch space of {@link klDivergenceExact}, reused across iterations. */
export interface KlWorkspace {
  /** `n x n` unnormalised Student-t kernel values. */
  w: Float64Array;
}

/**
 * KL(P ‖ Q) and its gradient for the embedding `y` (`n x dim`, row-major);
 * `P` is the dense symmetric joint-probability matrix (diagonal ignored),
 * `dof` the Student-t degrees of freedom. Fills `grad` (`n x dim`) and returns
 * the divergence (NaN when `computeError` is false, as sklearn).
 * @example const kl = klDivergenceExact(y, P, n, 2, 1, grad, true);
 */
export function klDivergenceExact(
  y: Float64Array,
  P: Float64Array,
  n: number,
  dim: number,
  dof: number,
  grad: Float64Array,
  computeError: boolean,
  work: KlWorkspace = { w: new Float64Array(n * n) },
): number {
  const w = work.w;
  const exponent = (dof + 1) / -2;
  let sumW = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d = 0;
      for (let c = 0; c < dim; c++) {
        const t = y[i * dim + c] - y[j * dim + c];
        d += t * t;
      }
      const base = d / dof + 1;
      const v = dof === 1 ? 1 / base : base ** exponent;
      w[i * n + j] = v;
      w[j * n + i] = v;
      sumW += v;
    }
  }
  const norm = 1 / (2 * sumW);
  let kl = 0;
  grad.fill(0, 0, n * dim);
  const c = (2 * (dof + 1)) / dof;
  for (let i = 0; i < n; i++) {
    const gi = i * dim;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const wij = w[i * n + j];
      const q = Math.max(wij * norm, MACHINE_EPSILON);
      const p = P[i * n + j];
      if (computeError && j > i) kl += p * Math.log(Math.max(p, MACHINE_EPSILON) / q);
      const f = (p - q) * wij;
      for (let k = 0; k < dim; k++) grad[gi + k] += f * (y[gi + k] - y[j * dim + k]);
    }
    for (let k = 0; k < dim; k++) grad[gi + k] *= c;
  }
  return computeError ? 2 * kl : Number.NaN;
}
