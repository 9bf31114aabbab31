/**
 * Small helpers shared by the clustering estimators: reading saved integer
 * arrays, centre parameters, and the `ValidationError`s for common misuse.
 */
import { ValidationError } from '../base/errors.js';
import { formatValue } from '../base/params.js';
import { checkArray } from '../base/validation.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * Reads an `Int32Array` field of a decoded state object, or throws a
 * `ValidationError` naming the field.
 * @example const labels = int32State(state, 'labels', 'saved KMeans');
 */
export function int32State(state: Record<string, unknown>, key: string, where: string, length?: number): Int32Array {
  const v = state[key];
  if (!(v instanceof Int32Array) || (length !== undefined && v.length !== length)) {
    throw new ValidationError(
      `${where}: saved state '${key}' must be an Int32Array${length === undefined ? '' : ` of length ${length}`}, got ${formatValue(v)}`,
    );
  }
  return v;
}

/**
 * Throws sklearn's "n_samples=… should be >= n_clusters=…" error.
 * @example checkEnoughSamples(10, 3, 'KMeans');
 */
export function checkEnoughSamples(nSamples: number, nClusters: number, estimator: string): void {
  if (nSamples < nClusters) {
    throw new ValidationError(
      `n_samples=${nSamples} should be >= n_clusters=${nClusters} (${estimator}: more clusters than samples).`,
      { param: 'nClusters', expected: `<= ${nSamples}`, got: nClusters },
    );
  }
}

/**
 * Validates an explicit `init` array of centres (`k x d`, finite) and returns
 * it as a row-major copy.
 * @example explicitCenters([[0, 0], [1, 1]], 2, 2, 'KMeans')
 */
export function explicitCenters(init: unknown, k: number, d: number, estimator: string): Float64Array {
  const { X } = checkArray(init as number[][], { name: 'init', estimatorName: estimator });
  const [rows, cols] = X.shape;
  if (rows !== k) {
    throw new ValidationError(
      `The shape of the initial centers (${rows}, ${cols}) does not match the number of clusters ${k}.`,
      { param: 'init', expected: k, got: rows },
    );
  }
  if (cols !== d) {
    throw new ValidationError(
      `The shape of the initial centers (${rows}, ${cols}) does not match the number of features of the data ${d}.`,
      { param: 'init', expected: d, got: cols },
    );
  }
  return Float64Array.from(X.data);
}

/** A `rows x cols` Tensor over `data` (no copy). */
export function matrix(data: Float64Array, rows: number, cols: number): Tensor {
  return new Tensor(data, [rows, cols]);
}

/**
 * sklearn's `ClassNamePrefixFeaturesOutMixin` names: lowercased class name + index.
 * @example prefixedNames('KMeans', 3) // ['kmeans0', 'kmeans1', 'kmeans2']
 */
export function prefixedNames(className: string, count: number): string[] {
  const prefix = className.toLowerCase();
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}
