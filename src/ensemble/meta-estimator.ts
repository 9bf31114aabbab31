/**
 * What the ensembles built from other estimators share (AdaBoost, Bagging,
 * Voting, Stacking): making seeded unfitted copies of a base estimator,
 * checking that a member can do what the ensemble needs, and restoring saved
 * ensembles whose params and state hold nested estimators (their classes are
 * found through the compose registry, like a saved Pipeline's steps).
 */
import { clone } from '../base/clone.js';
import { ValidationError } from '../base/errors.js';
import { BaseEstimator, type EstimatorConstructor } from '../base/estimator.js';
import type { FitOptions, Labels, MatrixLike } from '../base/types.js';
import { type ComposeLoadOptions, estimatorLoader, registerEstimator } from '../compose/registry.js';
import type { Tensor } from '../tensor/tensor.js';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier.js';
import { DecisionTreeRegressor } from '../tree/decision-tree-regressor.js';
import { ExtraTreeClassifier, ExtraTreeRegressor } from '../tree/extra-tree.js';

// The default members must load without the caller naming their classes.
registerEstimator(DecisionTreeClassifier, DecisionTreeRegressor, ExtraTreeClassifier, ExtraTreeRegressor);

/** The estimator interface the ensembles call on their members. */
export interface MemberEstimator {
  fit(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<unknown>;
  getParams(): object;
  setParams(p: object): unknown;
  predict?(X: MatrixLike): ArrayLike<number> | ArrayLike<string | number>;
  predictProba?(X: MatrixLike): Tensor;
  decisionFunction?(X: MatrixLike): Tensor | Float64Array;
  readonly classes?: (number | string)[];
  score?(X: MatrixLike, y: Labels): number;
  toJSON(): unknown;
}

/**
 * An unfitted copy of `base`; with a seed, its `randomState` (when it has one) is set to it.
 * @example const member = makeMember(new DecisionTreeClassifier({ maxDepth: 1 }), 42);
 */
export function makeMember<E extends MemberEstimator>(base: E, seed?: number): E {
  const m = clone(base as never) as E;
  if (seed !== undefined && 'randomState' in (m.getParams() as Record<string, unknown>))
    m.setParams({ randomState: seed });
  return m;
}

/**
 * Throws a `ValidationError` unless `est` has method `method` (e.g. `predictProba` for soft voting).
 * @example requireMethod(est, 'predictProba', 'soft voting');
 */
export function requireMethod(est: unknown, method: string, why: string): void {
  if (typeof (est as Record<string, unknown>)[method] !== 'function') {
    const name = (est as { estimatorName?: string }).estimatorName ?? (est as object).constructor.name;
    throw new ValidationError(`${name} has no ${method}, which ${why} needs.`, { expected: method, got: name });
  }
}

/** Base class of the meta-estimators: `fromJSON` restores nested estimators through the compose registry. */
export abstract class MetaEstimator<P extends object> extends BaseEstimator<P> {
  /**
   * Restores a saved ensemble; member classes come from `options.classes`, then the
   * registry (`registerEstimator`, or `await registerPackageEstimators()`).
   * @example AdaBoostClassifier.fromJSON(json)
   */
  static override fromJSON<T extends BaseEstimator<object>>(
    this: EstimatorConstructor<T>,
    saved: unknown,
    options: ComposeLoadOptions = {},
  ): T {
    const loadEstimator = options.loadEstimator ?? estimatorLoader(options);
    // biome-ignore lint/complexity/noThisInStatic: `this` is the concrete subclass fromJSON was called on
    return BaseEstimator.fromJSON.call(this, saved, { ...options, loadEstimator }) as T;
  }
}

/**
 * Validates saved members: an array of estimators (already revived by the loader).
 * @example const members = readMembers(state.members, 'saved BaggingClassifier');
 */
export function readMembers<E>(value: unknown, where: string): E[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((m) => m !== null && typeof (m as { fit?: unknown }).fit === 'function')
  ) {
    throw new ValidationError(`${where}: 'members' must be a non-empty array of estimators`);
  }
  return value as E[];
}

/**
 * Rows `idx` of a row-major `[n, f]` matrix, optionally only columns `cols`, as nested arrays-free flat data.
 * @example takeRows(x.data, 4, Int32Array.of(0, 2)) // rows 0 and 2
 */
export function takeRows(
  data: ArrayLike<number>,
  f: number,
  idx: ArrayLike<number>,
  cols?: ArrayLike<number>,
): Float64Array {
  const m = cols === undefined ? f : cols.length;
  const out = new Float64Array(idx.length * m);
  for (let r = 0; r < idx.length; r++) {
    const base = idx[r] * f;
    if (cols === undefined) for (let j = 0; j < f; j++) out[r * m + j] = data[base + j];
    else for (let j = 0; j < m; j++) out[r * m + j] = data[base + cols[j]];
  }
  return out;
}
