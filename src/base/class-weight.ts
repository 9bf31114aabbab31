/**
 * Class weights (scikit-learn's `compute_class_weight`), shared by the linear
 * classifiers and the SVMs: `'balanced'` gives `n / (nClasses · count)`, a record
 * or Map gives a weight per class label (classes not named weigh 1).
 */
import { ValidationError } from './errors.js';
import { formatValue } from './params.js';
import type { Label } from './types.js';

/** `'balanced'` (weights `n / (nClasses · count)`) or a weight per class label (missing classes weigh 1). */
export type ClassWeight = 'balanced' | Record<string, number> | Map<Label, number>;

/**
 * Weight per class index; a label not among `classes` or a weight that is not a finite
 * number is a `ValidationError`.
 * @example computeClassWeight('balanced', ['a', 'b'], Int32Array.of(0, 0, 0, 1)) // [0.666…, 2]
 */
export function computeClassWeight(
  classWeight: ClassWeight | null | undefined,
  classes: readonly Label[],
  encoded: Int32Array,
): Float64Array {
  const k = classes.length;
  const out = new Float64Array(k).fill(1);
  if (classWeight === undefined || classWeight === null) return out;
  if (classWeight === 'balanced') {
    const counts = new Float64Array(k);
    for (let i = 0; i < encoded.length; i++) counts[encoded[i]]++;
    for (let c = 0; c < k; c++) out[c] = encoded.length / (k * counts[c]);
    return out;
  }
  const entries: [Label, number][] =
    classWeight instanceof Map ? [...classWeight.entries()] : Object.entries(classWeight);
  for (const [label, weight] of entries) {
    let idx = classes.indexOf(label);
    if (idx < 0 && typeof label === 'string') idx = classes.findIndex((c) => String(c) === label);
    if (idx < 0) {
      throw new ValidationError(
        `The classes, [${formatValue(label)}], are not in class, [${classes.map(formatValue).join(', ')}]`,
        { param: 'classWeight', got: label },
      );
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw new ValidationError(`classWeight for class ${formatValue(label)} must be a finite number`, {
        param: 'classWeight',
        got: weight,
      });
    }
    out[idx] = weight;
  }
  return out;
}
