/**
 * The Barnes-Hut t-SNE objective (scikit-learn's `_kl_divergence_bh` and
 * `_barnes_hut_tsne.gradient`): attractive forces exactly over the sparse
 * neighbour affinities P, repulsive forces approximated with a
 * {@link SpaceTree} in O(n log n).
 */
import type { Csr } from './joint-probabilities.js';
import { SpaceTree } from './space-tree.js';

const FLOAT32_TINY = 2 ** -126;

/** Reusable buffers of {@link klDivergenceBh}. */
export interface BhWorkspace {
  tree: SpaceTree;
  neg: Float64Array;
}

/** Buffers for an `n`-point, `dim`-dimensional embedding. */
export function bhWorkspace(n: number, dim: number): BhWorkspace {
  return { tree: new SpaceTree(dim), neg: new Float64Array(n * dim) };
}

/**
 * Approximate KL(P ‖ Q) (computed over the pairs stored in `P`, as sklearn)
 * and gradient for the embedding `y` (`n x dim`). `angle` is the Barnes-Hut
 * θ (0 gives the exact repulsion). Fills `grad`; returns NaN unless `computeError`.
 * @example const kl = klDivergenceBh(y, P, n, 2, 1, 0.5, grad, true, bhWorkspace(n, 2));
 */
export function klDivergenceBh(
  y: Float64Array,
  P: Csr,
  n: number,
  dim: number,
  dof: number,
  angle: number,
  grad: Float64Array,
  computeError: boolean,
  work: BhWorkspace,
): number {
  const { tree, neg } = work;
  tree.build(y, n);
  neg.fill(0);
  const theta2 = angle * angle;
  let sumQ = 0;
  const fast = dim === 2 && dof === 1;
  if (fast) for (let i = 0; i < n; i++) sumQ += tree.repulsion2(y[2 * i], y[2 * i + 1], theta2, neg, 2 * i);
  else for (let i = 0; i < n; i++) sumQ += tree.repulsion(y, i * dim, theta2, dof, neg, i * dim);
  const { indptr, indices, data } = P;
  const c = (2 * (dof + 1)) / dof;
  if (fast && !computeError) {
    for (let i = 0; i < n; i++) {
      const yx = y[2 * i];
      const yy = y[2 * i + 1];
      let gx = 0;
      let gy = 0;
      for (let t = indptr[i]; t < indptr[i + 1]; t++) {
        const j = indices[t];
        const dx = yx - y[2 * j];
        const dy = yy - y[2 * j + 1];
        const f = data[t] / (1 + dx * dx + dy * dy);
        gx += f * dx;
        gy += f * dy;
      }
      grad[2 * i] = c * (gx - neg[2 * i] / sumQ);
      grad[2 * i + 1] = c * (gy - neg[2 * i + 1] / sumQ);
    }
    return Number.NaN;
  }
  const exponent = (dof + 1) / 2;
  let kl = 0;
  for (let i = 0; i < n; i++) {
    const io = i * dim;
    for (let k = 0; k < dim; k++) grad[io + k] = 0;
    for (let t = indptr[i]; t < indptr[i + 1]; t++) {
      const j = indices[t];
      const jo = j * dim;
      let d = 0;
      for (let k = 0; k < dim; k++) {
        const diff = y[io + k] - y[jo + k];
        d += diff * diff;
      }
      let q = dof / (dof + d);
      if (dof !== 1) q **= exponent;
      const p = data[t];
      const f = p * q;
      for (let k = 0; k < dim; k++) grad[io + k] += f * (y[io + k] - y[jo + k]);
      if (computeError) {
        const qn = q / sumQ;
        kl += p * Math.log(Math.max(p, FLOAT32_TINY) / Math.max(qn, FLOAT32_TINY));
      }
    }
    for (let k = 0; k < dim; k++) grad[io + k] = c * (grad[io + k] - neg[io + k] / sumQ);
  }
  return computeError ? kl : Number.NaN;
}
