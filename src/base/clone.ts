/**
 * `clone`: a new, unfitted estimator with the same params (scikit-learn's
 * `sklearn.base.clone`). Estimator-valued params (also inside arrays, such as
 * `[['scaler', new StandardScaler()], ...]`) are cloned recursively; other
 * mutable params (arrays, typed arrays, tensors, plain objects, Maps, Sets,
 * random generators) are deep-copied so the clone never shares state with the
 * original. Functions and other class instances are shared, as in sklearn.
 */
import { RandomGenerator } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { ValidationError } from './errors.js';

/** Something clone can rebuild: an object with `getParams` whose constructor takes those params. */
export interface Cloneable {
  getParams(): object;
}

/**
 * Whether `value` looks like an estimator (has `fit` and `getParams`).
 * @example isEstimator(new DummyClassifier()) // true
 */
export function isEstimator(value: unknown): value is Cloneable & { fit: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { fit?: unknown }).fit === 'function' &&
    typeof (value as { getParams?: unknown }).getParams === 'function'
  );
}

function cloneParam(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isEstimator(value)) return clone(value);
  if (Array.isArray(value)) return value.map(cloneParam);
  if (value instanceof Tensor) return value.clone();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return (value as unknown as { slice(): unknown }).slice();
  }
  if (value instanceof RandomGenerator) {
    // sklearn deep-copies a RandomState param: the clone continues the same stream independently.
    const copy = new RandomGenerator(0);
    copy.setState(value.state());
    return copy;
  }
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, cloneParam(v)]));
  if (value instanceof Set) return new Set([...value].map(cloneParam));
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneParam(v);
    return out;
  }
  return value;
}

/**
 * A new unfitted estimator of the same class with the same params
 * (`new est.constructor(clonedParams)`).
 * @example
 * const fresh = clone(model);
 * fresh.getParams(); // equal to model.getParams(), fresh is not fitted
 */
export function clone<E extends Cloneable>(estimator: E): E {
  if (!isEstimator(estimator)) {
    throw new ValidationError(
      `Cannot clone ${String(estimator)}: it does not look like an estimator (it needs 'fit' and 'getParams' methods)`,
    );
  }
  const params = estimator.getParams() as Record<string, unknown>;
  const copied: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) copied[k] = cloneParam(v);
  const Ctor = estimator.constructor as new (options: object) => E;
  return new Ctor(copied);
}
