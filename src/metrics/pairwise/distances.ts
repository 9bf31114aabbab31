/**
 * Pairwise distances between the rows of X and Y: euclidean (by the GEMM
 * identity ‖x‖² - 2x·y + ‖y‖², as scikit-learn), squared euclidean,
 * manhattan, cosine, chebyshev and minkowski — computed block by block of
 * rows, and available as a chunked stream for reductions that must not hold
 * the whole matrix.
 */
import { ValidationError } from '../../base/errors.js';
import { gemm } from '../../tensor/kernels/gemm.js';
import { Tensor } from '../../tensor/tensor.js';
import type { Matrix } from '../vector.js';
import { blockRows, type PairwiseInput, pairwiseInput, rowSquaredNorms, type SampleMatrix } from './input.js';

/** Metrics accepted by {@link pairwiseDistances}. */
export type DistanceMetric =
  | 'euclidean'
  | 'sqeuclidean'
  | 'manhattan'
  | 'cityblock'
  | 'l1'
  | 'l2'
  | 'cosine'
  | 'chebyshev'
  | 'minkowski';

/** Options of {@link pairwiseDistances}. */
export interface PairwiseDistancesOptions {
  /** Distance. Default `'euclidean'`. */
  metric?: DistanceMetric;
  /** Minkowski order p > 0 (`Infinity` = chebyshev). Default 2. */
  p?: number;
  /** Temporary memory per block in MiB. Default 64. */
  workingMemory?: number;
}

/** Fills rows [r0, r1) of `out` (n x m, row-major) with distances. */
type BlockFn = (inp: PairwiseInput, r0: number, r1: number, out: Float64Array, outOffset: number) => void;

function euclideanBlock(squared: boolean, xx: Float64Array, yy: Float64Array): BlockFn {
  return ({ X, Y, same }, r0, r1, out, off) => {
    const m = Y.rows;
    const d = X.cols;
    const rows = r1 - r0;
    const block = out.subarray(off, off + rows * m);
    if (d > 0) gemm(false, true, rows, m, d, -2, X.data.subarray(r0 * d, r1 * d), d, Y.data, d, 0, block, m);
    else block.fill(0);
    for (let i = 0; i < rows; i++) {
      const xi = xx[r0 + i];
      const row = i * m;
      for (let j = 0; j < m; j++) {
        let v = block[row + j] + xi;
        v += yy[j];
        // Cancellation can make the identity slightly negative: clip as sklearn.
        if (!(v > 0)) v = 0;
        block[row + j] = squared ? v : Math.sqrt(v);
      }
      if (same) block[row + r0 + i] = 0;
    }
  };
}

function directBlock(kind: 'sqeuclidean' | 'manhattan' | 'chebyshev' | 'minkowski', p: number): BlockFn {
  // One specialised inner loop per metric: a branch per feature costs several times the arithmetic.
  const inner =
    kind === 'sqeuclidean'
      ? (x: Float64Array, xo: number, y: Float64Array, yo: number, d: number) => {
          let acc = 0;
          for (let f = 0; f < d; f++) {
            const diff = x[xo + f] - y[yo + f];
            acc += diff * diff;
          }
          return acc;
        }
      : kind === 'manhattan'
        ? (x: Float64Array, xo: number, y: Float64Array, yo: number, d: number) => {
            let acc = 0;
            for (let f = 0; f < d; f++) acc += Math.abs(x[xo + f] - y[yo + f]);
            return acc;
          }
        : kind === 'chebyshev'
          ? (x: Float64Array, xo: number, y: Float64Array, yo: number, d: number) => {
              let acc = 0;
              for (let f = 0; f < d; f++) {
                const a = Math.abs(x[xo + f] - y[yo + f]);
                if (a > acc) acc = a;
              }
              return acc;
            }
          : (x: Float64Array, xo: number, y: Float64Array, yo: number, d: number) => {
              let acc = 0;
              for (let f = 0; f < d; f++) acc += Math.abs(x[xo + f] - y[yo + f]) ** p;
              return acc ** (1 / p);
            };
  return ({ X, Y }, r0, r1, out, off) => {
    const m = Y.rows;
    const d = X.cols;
    for (let i = r0; i < r1; i++) {
      const row = off + (i - r0) * m;
      for (let j = 0; j < m; j++) out[row + j] = inner(X.data, i * d, Y.data, j * d, d);
    }
  };
}

/** L2-normalized copy of M's rows (zero rows stay zero), as sklearn's `normalize`. */
export function normalizeRows(M: Matrix): Matrix {
  const norms = rowSquaredNorms(M);
  const data = new Float64Array(M.data.length);
  for (let i = 0; i < M.rows; i++) {
    const nrm = Math.sqrt(norms[i]) || 1;
    for (let j = 0; j < M.cols; j++) data[i * M.cols + j] = M.data[i * M.cols + j] / nrm;
  }
  return { ...M, data };
}

function cosineBlock(Xn: Matrix, Yn: Matrix): BlockFn {
  return ({ same }, r0, r1, out, off) => {
    const m = Yn.rows;
    const d = Xn.cols;
    const rows = r1 - r0;
    const block = out.subarray(off, off + rows * m);
    if (d > 0) gemm(false, true, rows, m, d, 1, Xn.data.subarray(r0 * d, r1 * d), d, Yn.data, d, 0, block, m);
    else block.fill(0);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < m; j++) {
        const v = 1 - block[i * m + j];
        block[i * m + j] = Math.min(Math.max(v, 0), 2);
      }
      if (same) block[i * m + r0 + i] = 0;
    }
  };
}

function blockFunction(inp: PairwiseInput, options: PairwiseDistancesOptions): BlockFn {
  const metric = options.metric ?? 'euclidean';
  const p = options.p ?? 2;
  switch (metric) {
    case 'euclidean':
    case 'l2': {
      const xx = rowSquaredNorms(inp.X);
      return euclideanBlock(false, xx, inp.same ? xx : rowSquaredNorms(inp.Y));
    }
    case 'sqeuclidean':
      return directBlock('sqeuclidean', 2);
    case 'manhattan':
    case 'cityblock':
    case 'l1':
      return directBlock('manhattan', 1);
    case 'chebyshev':
      return directBlock('chebyshev', 0);
    case 'minkowski':
      if (!(p > 0)) throw new ValidationError(`minkowski needs p > 0, got ${p}`, { param: 'p' });
      if (p === Number.POSITIVE_INFINITY) return directBlock('chebyshev', 0);
      return directBlock('minkowski', p);
    case 'cosine': {
      const Xn = normalizeRows(inp.X);
      return cosineBlock(Xn, inp.same ? Xn : normalizeRows(inp.Y));
    }
    default:
      throw new ValidationError(
        `Unknown metric '${String(metric)}': use one of euclidean, sqeuclidean, manhattan, cosine, chebyshev, minkowski`,
        { param: 'metric', got: metric },
      );
  }
}

/**
 * Distance matrix `D[i, j]` = distance(X[i], Y[j]) (Y defaults to X; then the
 * diagonal is exactly 0 for euclidean and cosine). float64, shape [nX, nY].
 * @example pairwiseDistances([[0, 0], [3, 4]]).toArray() // [[0, 5], [5, 0]]
 * @example pairwiseDistances([[0, 0]], [[1, 1]], { metric: 'manhattan' }).toArray() // [[2]]
 */
export function pairwiseDistances(
  X: SampleMatrix,
  Y?: SampleMatrix | null,
  options: PairwiseDistancesOptions = {},
): Tensor {
  const inp = pairwiseInput(X, Y);
  const fn = blockFunction(inp, options);
  const n = inp.X.rows;
  const m = inp.Y.rows;
  const out = new Float64Array(n * m);
  const step = blockRows(m, options.workingMemory);
  for (let r0 = 0; r0 < n; r0 += step) {
    const r1 = Math.min(n, r0 + step);
    fn(inp, r0, r1, out, r0 * m);
  }
  return new Tensor(out, [n, m]);
}

/** One block of a chunked distance computation. */
export interface DistanceChunk {
  /** Index of the block's first row in X. */
  start: number;
  /** Distances of rows [start, start + rows) of X to all rows of Y, row-major. */
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * The distance matrix as a stream of row blocks, each at most
 * `workingMemory` MiB (sklearn's `pairwise_distances_chunked`), so a reduction
 * over it never holds the whole matrix. The block buffer is reused: copy what you keep.
 * @example for (const c of pairwiseDistancesChunked(X)) minPerRow.push(...rowMins(c));
 */
export function* pairwiseDistancesChunked(
  X: SampleMatrix,
  Y?: SampleMatrix | null,
  options: PairwiseDistancesOptions = {},
): Generator<DistanceChunk> {
  const inp = pairwiseInput(X, Y);
  yield* chunksOf(inp, options);
}

/** {@link pairwiseDistancesChunked} on already-checked input. */
export function* chunksOf(inp: PairwiseInput, options: PairwiseDistancesOptions = {}): Generator<DistanceChunk> {
  const fn = blockFunction(inp, options);
  const n = inp.X.rows;
  const m = inp.Y.rows;
  const step = Math.min(n, blockRows(m, options.workingMemory));
  const buf = new Float64Array(step * m);
  for (let r0 = 0; r0 < n; r0 += step) {
    const r1 = Math.min(n, r0 + step);
    fn(inp, r0, r1, buf, 0);
    yield { start: r0, data: buf.subarray(0, (r1 - r0) * m), rows: r1 - r0, cols: m };
  }
}

/** Options of {@link euclideanDistances}. */
export interface EuclideanOptions {
  /** Return squared distances. Default `false`. */
  squared?: boolean;
  /** Temporary memory per block in MiB. Default 64. */
  workingMemory?: number;
}

/**
 * Euclidean distances by `sqrt(max(‖x‖² - 2x·y + ‖y‖², 0))` with one GEMM per
 * row block (fast, like scikit-learn; exact zeros on the diagonal when Y is X).
 * @example euclideanDistances([[0, 1], [1, 1]], [[0, 0]]).toArray() // [[1], [1.414...]]
 */
export function euclideanDistances(X: SampleMatrix, Y?: SampleMatrix | null, options: EuclideanOptions = {}): Tensor {
  if (!options.squared) return pairwiseDistances(X, Y, { metric: 'euclidean', workingMemory: options.workingMemory });
  const inp = pairwiseInput(X, Y);
  const xx = rowSquaredNorms(inp.X);
  const fn = euclideanBlock(true, xx, inp.same ? xx : rowSquaredNorms(inp.Y));
  const n = inp.X.rows;
  const m = inp.Y.rows;
  const out = new Float64Array(n * m);
  const step = blockRows(m, options.workingMemory);
  for (let r0 = 0; r0 < n; r0 += step) fn(inp, r0, Math.min(n, r0 + step), out, r0 * m);
  return new Tensor(out, [n, m]);
}

/**
 * Manhattan (L1) distances.
 * @example manhattanDistances([[1, 2]], [[3, 5]]).toArray() // [[5]]
 */
export function manhattanDistances(X: SampleMatrix, Y?: SampleMatrix | null): Tensor {
  return pairwiseDistances(X, Y, { metric: 'manhattan' });
}

/**
 * Cosine distances `1 - cos(x, y)`, clipped to [0, 2].
 * @example cosineDistances([[1, 0]], [[0, 1]]).toArray() // [[1]]
 */
export function cosineDistances(X: SampleMatrix, Y?: SampleMatrix | null): Tensor {
  return pairwiseDistances(X, Y, { metric: 'cosine' });
}
