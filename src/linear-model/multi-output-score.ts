/**
 * R² for several targets at once, averaged uniformly over the targets
 * (sklearn's `r2_score(..., multioutput='uniform_average')`, what `score` of a
 * multi-output regressor returns).
 */
import { ValidationError } from '../base/errors.js';
import type { Labels } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * Mean over targets of the per-target R²; `yTrue` is `m × t` (nested arrays
 * or a 2-D Tensor), `yPred` row-major `m × t`. A constant target scores 1 when
 * predicted exactly, else 0, as sklearn.
 * @example multiOutputR2([[1, 2], [3, 4]], Float64Array.of(1, 2, 3, 4), 2) // 1
 */
export function multiOutputR2(yTrue: Labels, yPred: Float64Array, t: number, sampleWeight?: ArrayLike<number>): number {
  let flat: Float64Array;
  if (yTrue instanceof Tensor) flat = Float64Array.from(yTrue.data);
  else if (Array.isArray(yTrue) && Array.isArray(yTrue[0])) flat = Float64Array.from((yTrue as number[][]).flat());
  else throw new ValidationError(`score: expected a 2-D y with ${t} columns`);
  if (flat.length !== yPred.length) {
    throw new ValidationError(`score: y has ${flat.length / t} rows, the predictions have ${yPred.length / t}`);
  }
  const m = flat.length / t;
  const w = checkSampleWeight(sampleWeight, m);
  let total = 0;
  for (let k = 0; k < t; k++) {
    let sw = 0;
    let mean = 0;
    for (let i = 0; i < m; i++) {
      sw += w[i];
      mean += w[i] * flat[i * t + k];
    }
    mean /= sw;
    let ssRes = 0;
    let ssTot = 0;
    for (let i = 0; i < m; i++) {
      const d = flat[i * t + k] - yPred[i * t + k];
      const e = flat[i * t + k] - mean;
      ssRes += w[i] * d * d;
      ssTot += w[i] * e * e;
    }
    total += ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  }
  return total / t;
}
