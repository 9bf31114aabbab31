/**
 * Kernels between the rows of X and Y (scikit-learn's `pairwise` kernels):
 * linear, polynomial, RBF, sigmoid and cosine similarity, each one GEMM per
 * row block followed by an elementwise map.
 */
import { ValidationError } from '../../base/errors.js';
import { gemm } from '../../tensor/kernels/gemm.js';
import { Tensor } from '../../tensor/tensor.js';
import { euclideanDistances, normalizeRows } from './distances.js';
import { blockRows, pairwiseInput, type SampleMatrix } from './input.js';

/** X·Yᵀ by row blocks, with `map` applied to each entry. */
function gramMap(
  X: SampleMatrix,
  Y: SampleMatrix | null | undefined,
  map: ((v: number) => number) | null,
  normalize = false,
): Tensor {
  const inp = pairwiseInput(X, Y);
  const A = normalize ? normalizeRows(inp.X) : inp.X;
  const B = normalize ? (inp.same ? A : normalizeRows(inp.Y)) : inp.Y;
  const n = A.rows;
  const m = B.rows;
  const d = A.cols;
  const out = new Float64Array(n * m);
  const step = blockRows(m);
  for (let r0 = 0; r0 < n; r0 += step) {
    const r1 = Math.min(n, r0 + step);
    const block = out.subarray(r0 * m, r1 * m);
    if (d > 0) gemm(false, true, r1 - r0, m, d, 1, A.data.subarray(r0 * d, r1 * d), d, B.data, d, 0, block, m);
    if (map) for (let i = 0; i < block.length; i++) block[i] = map(block[i]);
  }
  return new Tensor(out, [n, m]);
}

function nFeatures(X: SampleMatrix): number {
  if (X instanceof Tensor) return X.ndim === 2 ? X.shape[1] : 0;
  return X.length > 0 && Array.isArray(X[0]) ? X[0].length : 0;
}

function resolveGamma(gamma: number | null | undefined, X: SampleMatrix): number {
  if (gamma === undefined || gamma === null) return 1 / nFeatures(X);
  if (typeof gamma !== 'number' || Number.isNaN(gamma))
    throw new ValidationError(`gamma must be a number, got ${String(gamma)}`, { param: 'gamma' });
  return gamma;
}

/**
 * Linear kernel `X·Yᵀ` (Y defaults to X).
 * @example linearKernel([[1, 2]], [[3, 4]]).toArray() // [[11]]
 */
export function linearKernel(X: SampleMatrix, Y?: SampleMatrix | null): Tensor {
  return gramMap(X, Y, null);
}

/** Options of {@link polynomialKernel}. */
export interface PolynomialKernelOptions {
  /** Default 3. */
  degree?: number;
  /** Default `1 / nFeatures`. */
  gamma?: number | null;
  /** Default 1. */
  coef0?: number;
}

/**
 * Polynomial kernel `(gamma·x·y + coef0)^degree`.
 * @example polynomialKernel([[1, 2]], [[3, 4]], { degree: 2, gamma: 1, coef0: 0 }).toArray() // [[121]]
 */
export function polynomialKernel(
  X: SampleMatrix,
  Y?: SampleMatrix | null,
  options: PolynomialKernelOptions = {},
): Tensor {
  const { degree = 3, coef0 = 1 } = options;
  const gamma = resolveGamma(options.gamma, X);
  return gramMap(X, Y, (v) => (v * gamma + coef0) ** degree);
}

/** Options of {@link sigmoidKernel}. */
export interface SigmoidKernelOptions {
  /** Default `1 / nFeatures`. */
  gamma?: number | null;
  /** Default 1. */
  coef0?: number;
}

/**
 * Sigmoid kernel `tanh(gamma·x·y + coef0)`.
 * @example sigmoidKernel([[1, 0]], [[1, 0]], { gamma: 1, coef0: 0 }).toArray() // [[0.7615...]]
 */
export function sigmoidKernel(X: SampleMatrix, Y?: SampleMatrix | null, options: SigmoidKernelOptions = {}): Tensor {
  const { coef0 = 1 } = options;
  const gamma = resolveGamma(options.gamma, X);
  return gramMap(X, Y, (v) => Math.tanh(v * gamma + coef0));
}

/** Options of {@link rbfKernel}. */
export interface RbfKernelOptions {
  /** Default `1 / nFeatures`. */
  gamma?: number | null;
}

/**
 * Gaussian (RBF) kernel `exp(-gamma·‖x - y‖²)`, from the squared euclidean
 * distances of {@link euclideanDistances}.
 * @example rbfKernel([[0, 0]], [[1, 1]], { gamma: 0.5 }).toArray() // [[0.3678...]]
 */
export function rbfKernel(X: SampleMatrix, Y?: SampleMatrix | null, options: RbfKernelOptions = {}): Tensor {
  const gamma = resolveGamma(options.gamma, X);
  const K = euclideanDistances(X, Y, { squared: true });
  const d = K.data as Float64Array;
  for (let i = 0; i < d.length; i++) d[i] = Math.exp(d[i] * -gamma);
  return K;
}

/**
 * Cosine similarity `x·y / (‖x‖‖y‖)` (a zero row has similarity 0 to everything).
 * @example cosineSimilarity([[1, 0]], [[1, 1]]).toArray() // [[0.7071...]]
 */
export function cosineSimilarity(X: SampleMatrix, Y?: SampleMatrix | null): Tensor {
  return gramMap(X, Y, null, true);
}
