/**
 * Neighbour weights (scikit-learn's `_get_weights`) and the classifier target
 * checks shared by the k-neighbours and radius-neighbours estimators.
 */
import { ValidationError } from '../base/errors.js';
import { checkClassificationTargets, type EncodedLabels, encodeLabels } from '../base/labels.js';
import { formatValue } from '../base/params.js';
import type { Labels } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * How neighbours vote: `'uniform'` (equally), `'distance'` (by inverse
 * distance; neighbours at distance 0 take all the weight), or a function
 * mapping a distances tensor to weights of the same size.
 */
export type NeighborsWeights = 'uniform' | 'distance' | ((distances: Tensor) => Tensor | ArrayLike<number>);

/**
 * Weights for one row-major block of distances (`rows x cols`), or
 * `undefined` for uniform weights.
 * @example neighborWeights(Float64Array.of(0.5, 2), 1, 2, 'distance') // Float64Array [2, 0.5]
 */
export function neighborWeights(
  dist: Float64Array,
  rows: number,
  cols: number,
  weights: NeighborsWeights,
): Float64Array | undefined {
  if (weights === 'uniform') return undefined;
  if (typeof weights === 'function') {
    const out = weights(new Tensor(Float64Array.from(dist), [rows, cols]));
    const values = out instanceof Tensor ? out.data : out;
    if (values.length !== dist.length) {
      throw new ValidationError(`the weights function returned ${values.length} values for ${dist.length} distances`, {
        param: 'weights',
        expected: dist.length,
        got: values.length,
      });
    }
    return Float64Array.from(values);
  }
  const w = new Float64Array(dist.length);
  for (let i = 0; i < rows; i++) {
    let zero = false;
    for (let t = 0; t < cols; t++) if (dist[i * cols + t] === 0) zero = true;
    for (let t = 0; t < cols; t++) {
      const v = dist[i * cols + t];
      w[i * cols + t] = zero ? (v === 0 ? 1 : 0) : 1 / v;
    }
  }
  return w;
}

/**
 * Validated classification targets for a neighbours classifier: sorted
 * classes and encoded labels; a single class is an error.
 * @example classifierTargets(['b', 'a', 'b']) // { classes: ['a', 'b'], encoded: [1, 0, 1] }
 */
export function classifierTargets(y: Labels, estimatorName: string): EncodedLabels {
  checkClassificationTargets(y);
  const encoded = encodeLabels(y);
  if (encoded.classes.length < 2) {
    throw new ValidationError(
      `${estimatorName} needs samples of at least 2 classes in the data, but the data contains only one class: ${formatValue(encoded.classes[0])}`,
      { expected: 'at least 2 classes', got: encoded.classes.length },
    );
  }
  return encoded;
}
