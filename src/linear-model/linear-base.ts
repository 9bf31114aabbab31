/**
 * Shared machinery of the linear models: data validation that also accepts
 * CSR `X` and 2-D `y`, sklearn's `_preprocess_data` centring (weighted means,
 * rows scaled by √w), the intercept from the offsets, and the decision
 * function `X · coefᵀ + intercept` on dense (GEMM) or sparse `X`.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { columnOrLabels } from '../base/labels.js';
import type { Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';

/** A validated design matrix: dense row-major float64 or CSR. */
export type DesignMatrix = Tensor | SparseMatrix;

/** What {@link LinearModel.validateFitData} returns. */
export interface FitData {
  X: DesignMatrix;
  /** 1-D targets (numbers or strings), or `m × nTargets` row-major numbers when `y` was 2-D. */
  y: Float64Array | string[];
  /** Number of target columns (1 for 1-D `y`). */
  nTargets: number;
  /** Whether `y` was given as a 2-D matrix with more than one column. */
  multiOutput: boolean;
}

/** Options of {@link LinearModel.validateFitData}. */
export interface FitDataOptions {
  /** Accept a `SparseMatrix` as `X`. */
  allowSparse: boolean;
  /** Accept 2-D numeric `y`. */
  multiOutput: boolean;
  /** Require numeric `y`. */
  yNumeric: boolean;
}

function as2dTargets(y: Labels): { data: Float64Array; t: number } | undefined {
  if (y instanceof Tensor) {
    if (y.ndim === 2 && y.shape[1] > 1) return { data: Float64Array.from(y.data), t: y.shape[1] };
    return undefined;
  }
  if (Array.isArray(y) && y.length > 0 && Array.isArray(y[0]) && (y[0] as unknown[]).length > 1) {
    const rows = y as unknown as readonly (readonly unknown[])[];
    const t = rows[0].length;
    const data = new Float64Array(rows.length * t);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!Array.isArray(r) || r.length !== t) {
        throw new ValidationError(`y row ${i} has ${Array.isArray(r) ? r.length : 'no'} values, expected ${t}`, {
          row: i,
        });
      }
      for (let j = 0; j < t; j++) {
        const v = r[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new ValidationError(
            `y contains ${String(v)} at row ${i}, column ${j}; targets must be finite numbers`,
            {
              row: i,
              column: j,
              got: v,
            },
          );
        }
        data[i * t + j] = v;
      }
    }
    return { data, t };
  }
  return undefined;
}

/**
 * Base class of the linear models: adds validation of sparse `X` and 2-D `y`
 * on top of {@link BaseEstimator.validateData}.
 */
export abstract class LinearModel<P extends object> extends BaseEstimator<P> {
  /** Validates `X`/`y` for `fit`, recording `nFeaturesIn` (and feature names for tables). */
  protected validateFitData(X: MatrixLike, y: Labels | undefined, options: FitDataOptions): FitData {
    const y2d = options.multiOutput && y !== undefined ? as2dTargets(y) : undefined;
    if (X instanceof SparseMatrix) {
      if (!options.allowSparse) {
        // Let the base give its standard "sparse input is not supported" error.
        this.validateData(X, y, { reset: true });
      }
      const checked = checkArray(X, { allowSparse: true, estimatorName: this.estimatorName }).X as SparseMatrix;
      const [m, n] = checked.shape;
      let labels: Float64Array | string[];
      let t = 1;
      if (y2d) {
        labels = y2d.data;
        t = y2d.t;
      } else {
        if (y === undefined) throw new ValidationError(`${this.estimatorName} requires y to be passed`);
        labels = columnOrLabels(y).labels;
        if (options.yNumeric && !(labels instanceof Float64Array)) {
          throw new ValidationError(`y must be numeric for ${this.estimatorName}, got strings`);
        }
      }
      if (labels.length !== m * t) {
        throw new ValidationError(
          `Found input variables with inconsistent numbers of samples: X has ${m}, y has ${labels.length / t}.`,
          { expected: m, got: labels.length / t },
        );
      }
      // Records nFeaturesIn (the base validates y only together with dense X).
      this.validateData({ data: new Float64Array(n), shape: [1, n] }, [labels[0]] as Labels, { reset: true });
      return { X: checked, y: labels, nTargets: t, multiOutput: y2d !== undefined };
    }
    if (y2d) {
      const m = y2d.data.length / y2d.t;
      const column = new Float64Array(m);
      for (let i = 0; i < m; i++) column[i] = y2d.data[i * y2d.t];
      const checked = this.validateData(X, column, { reset: true, yNumeric: true });
      return { X: checked.X, y: y2d.data, nTargets: y2d.t, multiOutput: true };
    }
    const checked = options.yNumeric
      ? this.validateData(X, y, { reset: true, yNumeric: true })
      : this.validateData(X, y, { reset: true });
    return { X: checked.X, y: checked.y, nTargets: 1, multiOutput: false };
  }

  /** Validates `X` for predict-like methods (feature count and names as in `fit`). */
  protected validatePredictData(X: MatrixLike, allowSparse: boolean): DesignMatrix {
    if (allowSparse) return this.validateData(X, undefined, { reset: false, allowSparse: true }).X;
    return this.validateData(X, undefined, { reset: false }).X;
  }
}

/** Centred (and √w-scaled) copies of X and Y plus the offsets removed (sklearn's `_preprocess_data` + `_rescale_data`). */
export interface CenteredData {
  /** `m × n` row-major. */
  x: Float64Array;
  /** `m × t` row-major. */
  y: Float64Array;
  xOffset: Float64Array;
  yOffset: Float64Array;
}

/** The offsets removed by {@link centerData}: weighted column means of X and Y (zeros without an intercept). */
export interface DataOffsets {
  xOffset: Float64Array;
  yOffset: Float64Array;
}

/**
 * Weighted column means of `x` (`m × n`) and `y` (`m × t`) when `fitIntercept`,
 * zeros otherwise: the offsets {@link centerData} removes, without the centred copies.
 * @example dataOffsets(Float64Array.of(1, 3), 2, 1, Float64Array.of(2, 4), 1, true).yOffset // [3]
 */
export function dataOffsets(
  xs: Float64Array,
  m: number,
  n: number,
  ys: Float64Array,
  t: number,
  fitIntercept: boolean,
  sampleWeight?: Float64Array,
): DataOffsets {
  const xOffset = new Float64Array(n);
  const yOffset = new Float64Array(t);
  if (!fitIntercept) return { xOffset, yOffset };
  if (sampleWeight === undefined) {
    for (let i = 0; i < m; i++) {
      const r = i * n;
      for (let j = 0; j < n; j++) xOffset[j] += xs[r + j];
    }
    for (let i = 0; i < m * t; i += t) for (let k = 0; k < t; k++) yOffset[k] += ys[i + k];
    for (let j = 0; j < n; j++) xOffset[j] /= m;
    for (let k = 0; k < t; k++) yOffset[k] /= m;
    return { xOffset, yOffset };
  }
  let sw = 0;
  for (let i = 0; i < m; i++) {
    const wi = sampleWeight[i];
    sw += wi;
    const r = i * n;
    for (let j = 0; j < n; j++) xOffset[j] += wi * xs[r + j];
    for (let k = 0; k < t; k++) yOffset[k] += wi * ys[i * t + k];
  }
  for (let j = 0; j < n; j++) xOffset[j] /= sw;
  for (let k = 0; k < t; k++) yOffset[k] /= sw;
  return { xOffset, yOffset };
}

/**
 * Weighted column means of `x` (`m × n`) and `y` (`m × t`) when `fitIntercept`
 * (zeros otherwise), then `(x - xOffset)·√w`, `(y - yOffset)·√w` as fresh buffers.
 * @example centerData(Float64Array.of(1, 3), 2, 1, Float64Array.of(2, 4), 1, true).xOffset // [2]
 */
export function centerData(
  xs: Float64Array,
  m: number,
  n: number,
  ys: Float64Array,
  t: number,
  fitIntercept: boolean,
  sampleWeight?: Float64Array,
): CenteredData {
  const { xOffset, yOffset } = dataOffsets(xs, m, n, ys, t, fitIntercept, sampleWeight);
  const x = new Float64Array(m * n);
  const y = new Float64Array(m * t);
  if (sampleWeight === undefined) {
    for (let i = 0; i < m; i++) {
      const r = i * n;
      for (let j = 0; j < n; j++) x[r + j] = xs[r + j] - xOffset[j];
    }
    for (let i = 0; i < m * t; i += t) for (let k = 0; k < t; k++) y[i + k] = ys[i + k] - yOffset[k];
    return { x, y, xOffset, yOffset };
  }
  for (let i = 0; i < m; i++) {
    const s = Math.sqrt(sampleWeight[i]);
    const r = i * n;
    for (let j = 0; j < n; j++) x[r + j] = (xs[r + j] - xOffset[j]) * s;
    for (let k = 0; k < t; k++) y[i * t + k] = (ys[i * t + k] - yOffset[k]) * s;
  }
  return { x, y, xOffset, yOffset };
}

/** What {@link centeredCrossProducts} returns. */
export interface CrossProducts extends DataOffsets {
  /** `(n + t) × (n + t)` row-major `[X̃ Ỹ]ᵀ[X̃ Ỹ]` (`X̃ᵀX̃` top-left, `X̃ᵀỸ` top-right). */
  cross: Float64Array;
}

/** Rows of the centred block {@link centeredCrossProducts} builds at a time (~200 KB at 21 columns). */
const CROSS_BLOCK_ROWS = 1024;
/**
 * Largest `Σx² / Σ(x − x̄)²` per column for which the centred cross products are taken from
 * the raw ones (`XᵀX − m·x̄x̄ᵀ`): the subtraction then loses at most 4 bits.
 */
const MAX_RAW_RATIO = 16;

/**
 * `[X̃ Ỹ]ᵀ[X̃ Ỹ]` for the centred, √w-scaled `X̃ = (x − xOffset)·√w` and
 * `Ỹ = (y − yOffset)·√w` (no centring without `fitIntercept`), with the offsets,
 * without materialising the centred data. Unweighted data whose means are small
 * next to its spread goes through GEMM on the raw rows (`XᵀX − m·x̄x̄ᵀ`, which then
 * loses at most 4 bits); otherwise rows are centred a block at a time into a
 * small buffer and accumulated by GEMM.
 * @example centeredCrossProducts(Float64Array.of(1, 3), 2, 1, Float64Array.of(2, 4), 1, true).cross // [2, 2, 2, 2]
 */
export function centeredCrossProducts(
  xs: Float64Array,
  m: number,
  n: number,
  ys: Float64Array,
  t: number,
  fitIntercept: boolean,
  sampleWeight?: Float64Array,
): CrossProducts {
  if (sampleWeight === undefined) {
    const raw = rawCrossProducts(xs, m, n, ys, t, fitIntercept);
    if (raw !== null) return raw;
  }
  const { xOffset, yOffset } = dataOffsets(xs, m, n, ys, t, fitIntercept, sampleWeight);
  // Rows padded with zero columns to a multiple of 4: the GEMM then copies the block into
  // its own memory in one piece instead of row by row.
  const w = Math.ceil((n + t) / 4) * 4;
  const out = new Float64Array(w * w);
  const rows = Math.min(m, CROSS_BLOCK_ROWS);
  const block = new Float64Array(rows * w);
  for (let i0 = 0; i0 < m; i0 += rows) {
    const nb = Math.min(rows, m - i0);
    for (let i = 0; i < nb; i++) {
      const r = (i0 + i) * n;
      const o = i * w;
      const ry = (i0 + i) * t;
      if (sampleWeight === undefined) {
        for (let j = 0; j < n; j++) block[o + j] = xs[r + j] - xOffset[j];
        for (let k = 0; k < t; k++) block[o + n + k] = ys[ry + k] - yOffset[k];
      } else {
        const s = Math.sqrt(sampleWeight[i0 + i]);
        for (let j = 0; j < n; j++) block[o + j] = (xs[r + j] - xOffset[j]) * s;
        for (let k = 0; k < t; k++) block[o + n + k] = (ys[ry + k] - yOffset[k]) * s;
      }
    }
    gemm(true, false, w, w, nb, 1, block, w, block, w, 1, out, w);
  }
  const v = n + t;
  const cross = new Float64Array(v * v);
  for (let a = 0; a < v; a++) for (let b = 0; b < v; b++) cross[a * v + b] = out[a * w + b];
  return { cross, xOffset, yOffset };
}

/**
 * The unweighted cross products from the raw rows: `XᵀX` and `Xᵀ[1 Y]` by GEMM straight
 * on `xs`, then the rank-one corrections. `null` when a column's mean is too large next
 * to its spread for the correction to be accurate (see {@link MAX_RAW_RATIO}).
 */
function rawCrossProducts(
  xs: Float64Array,
  m: number,
  n: number,
  ys: Float64Array,
  t: number,
  fitIntercept: boolean,
): CrossProducts | null {
  const v = n + t;
  const xx = new Float64Array(n * n);
  gemm(true, false, n, n, m, 1, xs, n, xs, n, 0, xx, n);
  // [1 Y] padded to a multiple of 4 columns (copied in one piece by the GEMM): column sums
  // and XᵀY in one product, and m, ΣY, YᵀY from its own cross product.
  const wy = Math.ceil((t + 1) / 4) * 4;
  const oy = new Float64Array(m * wy);
  for (let i = 0; i < m; i++) {
    oy[i * wy] = 1;
    for (let k = 0; k < t; k++) oy[i * wy + 1 + k] = ys[i * t + k];
  }
  const xoy = new Float64Array(n * wy);
  gemm(true, false, n, wy, m, 1, xs, n, oy, wy, 0, xoy, wy);
  const oyoy = new Float64Array(wy * wy);
  gemm(true, false, wy, wy, m, 1, oy, wy, oy, wy, 0, oyoy, wy);
  const xOffset = new Float64Array(n);
  const yOffset = new Float64Array(t);
  if (fitIntercept) {
    for (let j = 0; j < n; j++) xOffset[j] = xoy[j * wy] / m;
    for (let k = 0; k < t; k++) yOffset[k] = oyoy[1 + k] / m;
  }
  const yy = (k: number, l: number) => oyoy[(1 + k) * wy + 1 + l];
  const cross = new Float64Array(v * v);
  // Centred value of a raw sum of products `s` of two columns with means a and b.
  const centred = (s: number, a: number, b: number) => s - m * a * b;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) cross[a * v + b] = centred(xx[a * n + b], xOffset[a], xOffset[b]);
    for (let k = 0; k < t; k++) {
      const c = centred(xoy[a * wy + 1 + k], xOffset[a], yOffset[k]);
      cross[a * v + n + k] = c;
      cross[(n + k) * v + a] = c;
    }
  }
  for (let k = 0; k < t; k++) {
    for (let l = 0; l < t; l++) cross[(n + k) * v + n + l] = centred(yy(k, l), yOffset[k], yOffset[l]);
  }
  if (fitIntercept) {
    for (let j = 0; j < n; j++) {
      if (!(xx[j * n + j] <= MAX_RAW_RATIO * cross[j * v + j])) return null;
    }
    for (let k = 0; k < t; k++) {
      if (!(yy(k, k) <= MAX_RAW_RATIO * cross[(n + k) * v + n + k])) return null;
    }
  }
  return { cross, xOffset, yOffset };
}

/**
 * Weighted column means of a CSR matrix (sklearn's sparse `_preprocess_data`
 * keeps X uncentred and returns these offsets).
 * @example sparseColumnMeans(SparseMatrix.fromDense([[1, 0], [3, 2]])) // Float64Array [2, 1]
 */
export function sparseColumnMeans(X: SparseMatrix, sampleWeight?: Float64Array): Float64Array {
  const [m, n] = X.shape;
  const out = new Float64Array(n);
  let sw = 0;
  for (let i = 0; i < m; i++) {
    const wi = sampleWeight ? sampleWeight[i] : 1;
    sw += wi;
    for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) out[X.indices[k]] += wi * X.data[k];
  }
  for (let j = 0; j < n; j++) out[j] /= sw;
  return out;
}

/**
 * Intercepts `yOffset - coef · xOffset` for `t` targets (`coef` is `t × n`), sklearn's `_set_intercept`.
 * @example interceptFromOffsets(Float64Array.of(2), Float64Array.of(1), Float64Array.of(5), 1, 1) // [3]
 */
export function interceptFromOffsets(
  coef: Float64Array,
  xOffset: Float64Array,
  yOffset: Float64Array,
  t: number,
  n: number,
): Float64Array {
  const out = new Float64Array(t);
  for (let k = 0; k < t; k++) {
    let s = yOffset[k];
    for (let j = 0; j < n; j++) s -= coef[k * n + j] * xOffset[j];
    out[k] = s;
  }
  return out;
}

/**
 * Decision values `X · coefᵀ + intercept`, `m × k` row-major, for `coef`
 * `k × n` row-major; dense X goes through GEMM.
 * @example linearDecision(Tensor.from([[1, 2]]), Float64Array.of(3, 4), Float64Array.of(1), 1) // [12]
 */
export function linearDecision(X: DesignMatrix, coef: Float64Array, intercept: Float64Array, k: number): Float64Array {
  const [m, n] = X.shape as [number, number];
  const out = new Float64Array(m * k);
  if (X instanceof SparseMatrix) {
    const { data, indices, indptr } = X;
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < k; c++) {
        let s = intercept[c];
        const row = c * n;
        for (let p = indptr[i]; p < indptr[i + 1]; p++) s += data[p] * coef[row + indices[p]];
        out[i * k + c] = s;
      }
    }
    return out;
  }
  const xs = X.data instanceof Float64Array ? X.data : Float64Array.from(X.data);
  if (k === 1) {
    // A matrix-vector product: a plain loop beats GEMM's packing.
    const b = intercept[0];
    for (let i = 0; i < m; i++) {
      let s = b;
      const r = i * n;
      for (let j = 0; j < n; j++) s += xs[r + j] * coef[j];
      out[i] = s;
    }
    return out;
  }
  for (let i = 0; i < m; i++) out.set(intercept, i * k);
  gemm(false, true, m, k, n, 1, xs, n, coef, n, 1, out, k);
  return out;
}

/** Row-major dense data of a validated Tensor as Float64Array (no copy when already float64). */
export function denseData(X: Tensor): Float64Array {
  return X.data instanceof Float64Array ? X.data : Float64Array.from(X.data);
}
