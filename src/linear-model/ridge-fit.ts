/**
 * The ridge fit shared by `Ridge` and `RidgeClassifier` (sklearn's
 * `_BaseRidge.fit` + `_ridge_regression`): centring, the `'auto'` solver
 * choice, dispatch to the solvers, and the intercept.
 */
import { ValidationError } from '../base/errors.js';
import { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  centerData,
  centeredCrossProducts,
  type DesignMatrix,
  denseData,
  interceptFromOffsets,
  sparseColumnMeans,
} from './linear-base.js';
import { centeredOperator } from './linear-operator.js';
import { nnls } from './nnls.js';
import {
  ridgeCholesky,
  ridgeCholeskyCross,
  ridgeCholeskySparse,
  ridgeLsqr,
  ridgeSparseCg,
  ridgeSvd,
} from './ridge-solvers.js';

/** Ridge solvers: `'auto'` picks `'cholesky'` for dense X and `'sparse_cg'` for sparse X. */
export type RidgeSolver = 'auto' | 'svd' | 'cholesky' | 'lsqr' | 'sparse_cg';

/** Ridge solver names. */
export const RIDGE_SOLVERS: readonly RidgeSolver[] = ['auto', 'svd', 'cholesky', 'lsqr', 'sparse_cg'];

/** Settings of {@link fitRidge}. */
export interface RidgeFitSettings {
  alpha: number | readonly number[] | Float64Array;
  fitIntercept: boolean;
  solver: RidgeSolver;
  tol: number;
  maxIter: number | undefined;
  positive: boolean;
}

/** Result of {@link fitRidge}. */
export interface RidgeFitResult {
  /** `t × n` row-major. */
  coef: Float64Array;
  /** `t` intercepts. */
  intercept: Float64Array;
  /** Iterations per target for the iterative solvers, else undefined. */
  nIter?: Int32Array;
  /** The solver actually used. */
  solver: RidgeSolver | 'nnls';
}

/**
 * One alpha per target: a scalar is repeated, an array must have `t` entries (all ≥ 0).
 * @example ridgeAlphas(1, 2) // Float64Array [1, 1]
 */
export function ridgeAlphas(alpha: number | readonly number[] | Float64Array, t: number): Float64Array {
  const out = new Float64Array(t);
  if (typeof alpha === 'number') out.fill(alpha);
  else {
    if (alpha.length !== 1 && alpha.length !== t) {
      throw new ValidationError(
        `Number of targets and number of penalties do not correspond: ${t} != ${alpha.length}`,
        { param: 'alpha', expected: t, got: alpha.length },
      );
    }
    for (let k = 0; k < t; k++) out[k] = alpha.length === 1 ? alpha[0] : alpha[k];
  }
  for (let k = 0; k < t; k++) {
    if (!(out[k] >= 0) || !Number.isFinite(out[k])) {
      throw new ValidationError(`alpha must be a finite number >= 0, got ${out[k]}`, { param: 'alpha', got: out[k] });
    }
  }
  return out;
}

/**
 * Fits ridge regression on validated `X` (dense or CSR) and `y` (`m × t`).
 * @example fitRidge(X, y, 1, undefined, { alpha: 1, fitIntercept: true, solver: 'auto', tol: 1e-4, maxIter: undefined, positive: false })
 */
export function fitRidge(
  X: DesignMatrix,
  y: Float64Array,
  t: number,
  sampleWeight: Float64Array | undefined,
  settings: RidgeFitSettings,
): RidgeFitResult {
  const [m, n] = X.shape as [number, number];
  const alphas = ridgeAlphas(settings.alpha, t);
  const { fitIntercept, tol, maxIter, positive } = settings;
  let solver = settings.solver;
  if (positive) {
    if (solver !== 'auto') {
      throw new ValidationError(`solver '${solver}' does not support positive fitting; use solver 'auto'`, {
        param: 'solver',
        got: solver,
      });
    }
    return fitPositive(X, y, t, sampleWeight, alphas, fitIntercept);
  }
  if (X instanceof SparseMatrix) {
    if (solver === 'svd') {
      throw new ValidationError('SVD solver does not support sparse inputs currently; use lsqr or sparse_cg', {
        param: 'solver',
      });
    }
    if (solver === 'auto' || (solver === 'cholesky' && fitIntercept)) solver = 'sparse_cg';
    const xOffset = fitIntercept ? sparseColumnMeans(X, sampleWeight) : new Float64Array(n);
    const yOffset = new Float64Array(t);
    const yc = new Float64Array(m * t);
    let sw = 0;
    if (fitIntercept) {
      for (let i = 0; i < m; i++) {
        const wi = sampleWeight ? sampleWeight[i] : 1;
        sw += wi;
        for (let k = 0; k < t; k++) yOffset[k] += wi * y[i * t + k];
      }
      for (let k = 0; k < t; k++) yOffset[k] /= sw;
    }
    const sqrtW = sampleWeight ? sampleWeight.map(Math.sqrt) : undefined;
    for (let i = 0; i < m; i++) {
      const s = sqrtW ? sqrtW[i] : 1;
      for (let k = 0; k < t; k++) yc[i * t + k] = (y[i * t + k] - yOffset[k]) * s;
    }
    let coef: Float64Array;
    let nIter: Int32Array | undefined;
    if (solver === 'cholesky') {
      const scaled = sqrtW ? X.scaleRows(sqrtW) : X;
      const c = ridgeCholeskySparse(scaled, yc, t, alphas);
      if (c === null) throw new ValidationError('Ridge: the normal equations are singular; use alpha > 0');
      coef = c;
    } else {
      const op = centeredOperator(X, m, n, fitIntercept ? xOffset : undefined, sqrtW);
      const r =
        solver === 'lsqr' ? ridgeLsqr(op, yc, t, alphas, tol, maxIter) : ridgeSparseCg(op, yc, t, alphas, tol, maxIter);
      coef = r.coef;
      nIter = r.nIter;
    }
    return { coef, intercept: interceptFromOffsets(coef, xOffset, yOffset, t, n), nIter, solver };
  }
  const xs = denseData(X as Tensor);
  if (solver === 'auto') solver = 'cholesky';
  if (solver === 'cholesky' && n <= m) {
    // The normal equations need only the cross products of the centred data: they are
    // accumulated block by block, without a centred copy of X.
    const off = centeredCrossProducts(xs, m, n, y, t, fitIntercept, sampleWeight);
    let coef = ridgeCholeskyCross(off.cross, n, t, alphas);
    // sklearn falls back to the SVD solver when the system is singular.
    if (coef === null) {
      solver = 'svd';
      const c = centerData(xs, m, n, y, t, fitIntercept, sampleWeight);
      coef = ridgeSvd(c.x, m, n, c.y, t, alphas);
    }
    return { coef, intercept: interceptFromOffsets(coef, off.xOffset, off.yOffset, t, n), solver };
  }
  const c = centerData(xs, m, n, y, t, fitIntercept, sampleWeight);
  let coef: Float64Array;
  let nIter: Int32Array | undefined;
  if (solver === 'cholesky') {
    // sklearn falls back to the SVD solver when the system is singular.
    const r = ridgeCholesky(c.x, m, n, c.y, t, alphas);
    if (r === null) solver = 'svd';
    coef = r ?? ridgeSvd(c.x, m, n, c.y, t, alphas);
  } else if (solver === 'svd') {
    coef = ridgeSvd(c.x, m, n, c.y, t, alphas);
  } else {
    const op = centeredOperator(c.x, m, n);
    const r =
      solver === 'lsqr' ? ridgeLsqr(op, c.y, t, alphas, tol, maxIter) : ridgeSparseCg(op, c.y, t, alphas, tol, maxIter);
    coef = r.coef;
    nIter = r.nIter;
  }
  return { coef, intercept: interceptFromOffsets(coef, c.xOffset, c.yOffset, t, n), nIter, solver };
}

/** Non-negative ridge: NNLS on the augmented system `[X; √α I] w ≈ [y; 0]` (the exact optimum). */
function fitPositive(
  X: DesignMatrix,
  y: Float64Array,
  t: number,
  sampleWeight: Float64Array | undefined,
  alphas: Float64Array,
  fitIntercept: boolean,
): RidgeFitResult {
  const dense = X instanceof SparseMatrix ? X.toDense() : X;
  const [m, n] = dense.shape as [number, number];
  const c = centerData(denseData(dense), m, n, y, t, fitIntercept, sampleWeight);
  const coef = new Float64Array(t * n);
  const a = new Float64Array((m + n) * n);
  const b = new Float64Array(m + n);
  for (let k = 0; k < t; k++) {
    a.fill(0);
    a.set(c.x);
    const s = Math.sqrt(alphas[k]);
    for (let j = 0; j < n; j++) a[(m + j) * n + j] = s;
    b.fill(0);
    for (let i = 0; i < m; i++) b[i] = c.y[i * t + k];
    coef.set(nnls(a, m + n, n, b).x, k * n);
  }
  return { coef, intercept: interceptFromOffsets(coef, c.xOffset, c.yOffset, t, n), solver: 'nnls' };
}
