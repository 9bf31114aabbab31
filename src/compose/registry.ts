/**
 * The class registry that restores nested estimators: a saved Pipeline (or
 * ColumnTransformer, FeatureUnion, TransformedTargetRegressor) holds its
 * steps' own saved forms, `{ className, params, state }`, and loading them
 * needs the class behind each `className`. Loading never runs code from the
 * file: a class name that is not registered is an error.
 *
 * Three ways to make classes known, from most to least explicit:
 * - pass them to `fromJSON`: `Pipeline.fromJSON(json, { classes: [StandardScaler, LogisticRegression] })`;
 * - register them once: `registerEstimator(StandardScaler, LogisticRegression)`;
 * - `await registerPackageEstimators()`, which imports the whole package index
 *   and registers every estimator class it exports (then `loadModel` works on
 *   any saved typelearn model).
 *
 * The compose classes register themselves when their module loads.
 */
import { ValidationError } from '../base/errors.js';
import type { DecodeStateOptions } from '../base/state.js';
import { checkSavedModel } from '../base/state.js';
import type { SavedModel } from '../base/types.js';

/** A class that can restore its saved form: the static side of an estimator. */
export interface LoadableClass {
  readonly name: string;
  readonly estimatorName?: string;
  fromJSON(saved: unknown, options?: DecodeStateOptions): unknown;
}

/** Classes given to a `fromJSON` call: a list, or a record keyed by saved class name. */
export type EstimatorClasses = readonly LoadableClass[] | Readonly<Record<string, LoadableClass>>;

/** Options of the compose classes' `fromJSON`. */
export interface ComposeLoadOptions extends DecodeStateOptions {
  /** Classes of the nested estimators, looked up before the global registry. Default none. */
  classes?: EstimatorClasses;
}

const registry = new Map<string, LoadableClass>();

function savedNameOf(cls: LoadableClass): string {
  return cls.estimatorName ?? cls.name;
}

function isLoadableClass(value: unknown): value is LoadableClass {
  return (
    typeof value === 'function' &&
    typeof (value as { fromJSON?: unknown }).fromJSON === 'function' &&
    typeof (value as { prototype?: { fit?: unknown } }).prototype?.fit === 'function'
  );
}

/**
 * Makes estimator classes known to every `fromJSON`/`loadModel` call, keyed by
 * their `estimatorName`. Registering a second class under a taken name replaces it.
 * @example registerEstimator(StandardScaler, LogisticRegression);
 */
export function registerEstimator(...classes: LoadableClass[]): void {
  for (const cls of classes) {
    if (!isLoadableClass(cls)) {
      throw new ValidationError(`registerEstimator: ${String(cls)} is not an estimator class with a static fromJSON`);
    }
    registry.set(savedNameOf(cls), cls);
  }
}

/**
 * The registered class saved under `className`, or `undefined`.
 * @example getEstimatorClass('Pipeline') === Pipeline // true
 */
export function getEstimatorClass(className: string): LoadableClass | undefined {
  return registry.get(className);
}

/**
 * Imports the package index and registers every estimator class it exports,
 * so any saved typelearn model can be loaded. Resolves to the number of
 * registered classes.
 * @example await registerPackageEstimators(); const model = loadModel(json);
 */
export async function registerPackageEstimators(): Promise<number> {
  const index = (await import('../index.js')) as Record<string, unknown>;
  for (const value of Object.values(index)) {
    if (isLoadableClass(value) && (value as { estimatorName?: string }).estimatorName !== undefined) {
      registerEstimator(value);
    }
  }
  return registry.size;
}

function lookup(className: string, classes: EstimatorClasses | undefined): LoadableClass | undefined {
  if (classes !== undefined) {
    if (Array.isArray(classes)) {
      const found = (classes as readonly LoadableClass[]).find((c) => savedNameOf(c) === className);
      if (found) return found;
    } else if (Object.hasOwn(classes, className)) {
      return (classes as Record<string, LoadableClass>)[className];
    }
  }
  return registry.get(className);
}

/**
 * The `loadEstimator` function that `decodeState` calls for each nested saved
 * estimator: it finds the class (in `classes`, then the registry) and calls its
 * `fromJSON`, passing itself down so deeper nesting works.
 * @example decodeState(saved.params, { loadEstimator: estimatorLoader({ classes: [StandardScaler] }) })
 */
export function estimatorLoader(options: ComposeLoadOptions = {}): (saved: SavedModel) => unknown {
  const load = (saved: SavedModel): unknown => {
    const cls = lookup(saved.className, options.classes);
    if (cls === undefined) {
      throw new ValidationError(
        `Cannot load a saved ${saved.className}: the class is not known. Pass it in fromJSON's options ({ classes: [${saved.className}] }), register it with registerEstimator(${saved.className}), or call 'await registerPackageEstimators()' first.`,
        { expected: 'a registered estimator class', got: saved.className },
      );
    }
    return cls.fromJSON(saved, { classes: options.classes, loadEstimator: load } as ComposeLoadOptions);
  };
  return load;
}

/**
 * Restores any saved estimator whose class (and nested classes) is known, by
 * its `className`.
 * @example
 * await registerPackageEstimators();
 * const model = loadModel(JSON.parse(text));
 */
export function loadModel(saved: unknown, options: ComposeLoadOptions = {}): unknown {
  return estimatorLoader(options)(checkSavedModel(saved));
}
